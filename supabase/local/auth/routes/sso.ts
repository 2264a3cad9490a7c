// /sso, /sso/saml/metadata and /sso/saml/acs (GoTrue internal/api/api.go, middleware.go
// requireSAMLEnabled): SAML is off in this project, so every one of them answers 404
// saml_provider_disabled "SAML 2.0 is disabled" before anything else is looked at.
import { notFound } from '../errors.ts';

export async function samlDisabled(): Promise<Response> {
	throw notFound('saml_provider_disabled', 'SAML 2.0 is disabled');
}
