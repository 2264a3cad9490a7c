// The GoTrue (Supabase Auth v2.189) stand-in behind /auth/v1: e-mail and password sign-up and sign-in,
// e-mail links and codes, rotating refresh tokens, the user endpoints and the admin API, over the
// auth schema of bootstrap.sql. Errors come back in the shape the caller's X-Supabase-Api-Version asks for.
import type { Ctx, Service } from '../http.ts';
import type { Stack } from '../stack-types.ts';
import { AuthError, errorResponse, versionHeaders } from './errors.ts';
import { loadAuthSettings } from './settings.ts';
import type { AuthCtx, Route } from './routes/context.ts';
import { signup } from './routes/signup.ts';
import { token } from './routes/token.ts';
import { otp, recover } from './routes/otp.ts';
import { verifyGet, verifyPost } from './routes/verify.ts';
import { getUser, logout, updateUser } from './routes/user.ts';
import { createUserAdmin, deleteUserAdmin, getUserAdmin, listUsersAdmin, updateUserAdmin } from './routes/admin.ts';
import { generateLink } from './routes/generate-link.ts';
import { authorize } from './routes/authorize.ts';
import { samlDisabled } from './routes/sso.ts';
import { health, settings } from './routes/settings.ts';
import { limitFor, RateLimiter } from './rate-limit.ts';

const ROUTES: Record<string, Partial<Record<string, Route>>> = {
	'/health': { GET: health },
	'/settings': { GET: settings },
	'/authorize': { GET: authorize },
	'/sso': { POST: samlDisabled },
	'/sso/saml/metadata': { GET: samlDisabled },
	'/sso/saml/acs': { POST: samlDisabled },
	'/signup': { POST: signup },
	'/token': { POST: token },
	'/otp': { POST: otp },
	'/magiclink': { POST: otp },
	'/recover': { POST: recover },
	'/verify': { GET: verifyGet, POST: verifyPost },
	'/user': { GET: getUser, PUT: updateUser },
	'/logout': { POST: logout },
	'/admin/users': { GET: listUsersAdmin, POST: createUserAdmin },
	'/admin/generate_link': { POST: generateLink },
};

const ADMIN_USER: Partial<Record<string, (req: Request, ctx: AuthCtx, id: string) => Promise<Response>>> = {
	GET: getUserAdmin,
	PUT: updateUserAdmin,
	DELETE: deleteUserAdmin,
};

function route(req: Request, ctx: AuthCtx): Promise<Response> {
	const path = ctx.path.replace(/\/+$/, '') || '/';
	const methods = ROUTES[path];
	if (methods) {
		const handler = methods[req.method];
		if (!handler) throw new AuthError(405, 'method_not_allowed', `Method ${req.method} not allowed`);
		return handler(req, ctx);
	}
	const id = /^\/admin\/users\/([^/]+)$/.exec(path)?.[1];
	if (id) {
		const handler = ADMIN_USER[req.method];
		if (!handler) throw new AuthError(405, 'method_not_allowed', `Method ${req.method} not allowed`);
		return handler(req, ctx, decodeURIComponent(id));
	}
	throw new AuthError(404, 'not_found', 'Not Found');
}

export function authService(stack: Stack): Service {
	const authSettings = loadAuthSettings();
	const limiter = new RateLimiter(stack.config.auth.rateLimit);
	return {
		prefix: '/auth/v1',
		async handle(req: Request, ctx: Ctx): Promise<Response> {
			let response: Response;
			try {
				const limit = limitFor(req.method, ctx.path.replace(/\/+$/, '') || '/', ctx.url);
				if (limit) limiter.take(limit, ctx.ip);
				response = await route(req, { ...ctx, settings: authSettings });
			} catch (e) {
				if (!(e instanceof AuthError)) {
					stack.log(`auth ${req.method} ${ctx.path}: ${(e as Error).stack ?? e}`);
					e = new AuthError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information');
				} else if (e.status >= 500) stack.log(`auth ${req.method} ${ctx.path}: ${e.message}: ${(e.cause as Error)?.stack ?? e.cause ?? ''}`);
				return errorResponse(req, e as AuthError);
			}
			for (const [k, v] of Object.entries(versionHeaders(req))) response.headers.set(k, v);
			return response;
		},
	};
}

