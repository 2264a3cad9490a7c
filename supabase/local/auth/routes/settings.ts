// Follows GoTrue v2.189 GET /settings and GET /health (internal/api/settings.go, api.go): which
// providers are on and whether sign-ups are confirmed at once. Only e-mail is offered locally.
import { json } from '../../http.ts';
import type { AuthCtx } from './context.ts';

const PROVIDERS = ['anonymous_users', 'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab', 'google', 'keycloak', 'kakao', 'linkedin', 'linkedin_oidc', 'notion', 'spotify', 'slack', 'slack_oidc', 'workos', 'twitch', 'twitter', 'zoom', 'phone'];

export async function settings(_req: Request, ctx: AuthCtx): Promise<Response> {
	const { auth } = ctx.stack.config;
	return json({
		external: { ...Object.fromEntries(PROVIDERS.map((p) => [p, false])), email: true },
		disable_signup: !auth.enableSignup,
		mailer_autoconfirm: auth.autoconfirm,
		phone_autoconfirm: false,
		sms_provider: '',
		saml_enabled: false,
	});
}

export async function health(): Promise<Response> {
	return json({ version: 'v2.189.0', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' });
}
