// Follows GoTrue v2.189 POST /token (internal/api/token.go, token_refresh.go): grant_type=password
// and grant_type=refresh_token. Unknown and wrong credentials answer alike (400 invalid_credentials).
// The grants of providers this project leaves off (id_token, web3, pkce) answer what GoTrue answers
// when they are disabled; only an unknown grant_type is 400 "unsupported_grant_type".
import { json } from '../../http.ts';
import { AuthError, badRequest, notFound, unprocessable } from '../errors.ts';
import { peekJwt } from '../../jwt.ts';
import { issueSession, refreshSession } from '../sessions.ts';
import { inTransaction } from '../tx.ts';
import { findUserByEmail, isBanned, passwordMatches } from '../users.ts';
import { readBody } from '../validate.ts';
import { clientInfo, type AuthCtx } from './context.ts';

const invalidCredentials = () => badRequest('invalid_credentials', 'Invalid login credentials');

export async function token(req: Request, ctx: AuthCtx): Promise<Response> {
	const { config } = ctx.stack;
	const grant = ctx.url.searchParams.get('grant_type');
	const body = await readBody(req);
	if (grant === 'password') {
		if (body.email && body.phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided on login.');
		// ResourceOwnerPasswordGrant: the phone provider is off here ([auth.sms] enable_signup = false).
		if (!body.email && body.phone) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
		if (!body.email) throw badRequest('validation_failed', 'missing email or phone');
		const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
		const password = typeof body.password === 'string' ? body.password : '';
		const session = await inTransaction(ctx.stack.admin, async (tx) => {
			const user = email ? await findUserByEmail(tx, email) : undefined;
			if (!user) throw invalidCredentials();
			if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
			if (!password || !(await passwordMatches(tx, user.id, password))) throw invalidCredentials();
			if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');
			return issueSession(tx, config, user, 'password', clientInfo(req));
		});
		return json(session);
	}
	if (grant === 'refresh_token') {
		const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : '';
		const result = await inTransaction(ctx.stack.admin, (tx) => refreshSession(tx, config, refreshToken));
		if (result instanceof AuthError) throw result;
		return json(result);
	}
	if (grant === 'id_token') return idTokenGrant(body);
	if (grant === 'web3') throw unprocessable('web3_provider_disabled', 'Web3 provider is disabled');
	if (grant === 'pkce') {
		// No OAuth provider is enabled, so no flow state can exist: PKCE() finds none.
		if (!body.auth_code || !body.code_verifier) throw badRequest('validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
		throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
	}
	throw badRequest('invalid_credentials', 'unsupported_grant_type');
}

/** The issuers GoTrue ties to a built-in provider (internal/api/provider/*.go). */
const ID_TOKEN_ISSUERS: Record<string, string> = {
	google: 'https://accounts.google.com',
	facebook: 'https://www.facebook.com',
	kakao: 'https://kauth.kakao.com',
	snapchat: 'https://accounts.snapchat.com/accounts/oauth2/token',
	vercel_marketplace: 'https://marketplace.vercel.com',
};

/**
 * grant_type=id_token (token_oidc.go getProvider) with every external provider disabled, as in this
 * project's config.toml: a built-in provider answers 400 provider_disabled 'Provider (issuer "…") is
 * not enabled' before the token is looked at; Apple and Azure first detect the issuer from the token;
 * custom providers are off; an arbitrary issuer is not in GOTRUE_EXTERNAL_ALLOWED_ID_TOKEN_ISSUERS.
 */
function idTokenGrant(body: Record<string, any>): Response {
	if (!body.id_token) return json({ error: 'invalid request', error_description: 'id_token required' }, 400);
	const provider = typeof body.provider === 'string' ? body.provider : '';
	const issuer = typeof body.issuer === 'string' ? body.issuer : '';
	if ((!provider && !body.client_id) || (!provider && !issuer)) return json({ error: 'invalid request', error_description: 'provider or client_id and issuer required' }, 400);
	const disabled = (iss: string) => badRequest('provider_disabled', `Provider (issuer ${JSON.stringify(iss)}) is not enabled`);
	for (const [name, iss] of Object.entries(ID_TOKEN_ISSUERS)) if (provider === name || issuer === iss) throw disabled(iss);
	if (provider === 'apple' || provider === 'azure') {
		const label = provider === 'apple' ? 'Apple' : 'Azure';
		const iss = peekJwt(String(body.id_token))?.iss;
		if (typeof iss !== 'string' || !iss) throw badRequest('validation_failed', `Unable to detect issuer in ID token for ${label} provider`);
		throw disabled(iss);
	}
	if (provider === 'keycloak') throw disabled('');
	if (provider.startsWith('custom:')) throw badRequest('validation_failed', 'Custom OAuth providers are disabled');
	throw badRequest('validation_failed', `Custom OIDC provider ${JSON.stringify(provider)} not allowed`);
}
