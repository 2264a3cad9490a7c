// GET /authorize?provider=… (GoTrue internal/api/external.go GetExternalProviderRedirectURL, Provider):
// every OAuth provider is off in this project (GET /settings says so), so a known provider fails its
// ValidateOAuth with "provider is not enabled" and an unknown one is "Provider <name> could not be
// found"; either way 400 validation_failed "Unsupported provider: …" — the JSON a browser sent to
// signInWithOAuth's URL shows. custom:<id> providers are off as a whole.
import { badRequest } from '../errors.ts';
import type { AuthCtx } from './context.ts';

/** The names GoTrue's Provider() switch knows (lower-cased before the switch). */
const OAUTH_PROVIDERS = new Set([
	'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab', 'google', 'kakao', 'keycloak',
	'linkedin', 'linkedin_oidc', 'notion', 'spotify', 'slack', 'slack_oidc', 'snapchat', 'twitch', 'twitter', 'x', 'vercel_marketplace', 'workos', 'zoom',
]);

export async function authorize(_req: Request, ctx: AuthCtx): Promise<Response> {
	const name = (ctx.url.searchParams.get('provider') ?? '').toLowerCase();
	const why = name.startsWith('custom:')
		? 'custom OAuth providers are disabled'
		: OAUTH_PROVIDERS.has(name)
			? 'provider is not enabled'
			: `Provider ${name} could not be found`;
	throw badRequest('validation_failed', `Unsupported provider: ${why}`);
}
