// Follows GoTrue v2.189 (internal/api/auth.go requireAuthentication, maybeLoadUserOrSession,
// requireAdmin): who is calling a user or admin endpoint, with GoTrue's statuses and codes.
import type { Ctx } from '../http.ts';
import { verifyJwt, JwtError, type JwtPayload } from '../jwt.ts';
import { AuthError, forbidden, badRequest } from './errors.ts';
import type { Tx } from './tx.ts';
import { findUserById, type UserRow } from './users.ts';
import { isUuid } from './validate.ts';

/** Roles allowed on /admin (GOTRUE_JWT_ADMIN_ROLES as the CLI sets it). */
const ADMIN_ROLES = ['service_role', 'supabase_admin'];

export async function requireToken(ctx: Ctx): Promise<JwtPayload> {
	if (!ctx.token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	try {
		return await verifyJwt(ctx.token, ctx.stack.config.jwtSecret);
	} catch (e) {
		const why = e instanceof JwtError && e.reason === 'expired' ? 'token has invalid claims: token is expired' : e instanceof JwtError && e.reason === 'signature' ? 'token signature is invalid: signature is invalid' : 'token is malformed';
		throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${why}`);
	}
}

export interface Caller {
	claims: JwtPayload;
	user: UserRow;
	sessionId?: string;
}

/** The signed-in user behind the bearer token; their session must still exist when the token names one. */
export async function requireUser(ctx: Ctx, tx: Tx): Promise<Caller> {
	const claims = await requireToken(ctx);
	if (!claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
	if (!isUuid(claims.sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
	const user = await findUserById(tx, claims.sub);
	if (!user || user.deleted_at) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
	const sessionId = typeof claims.session_id === 'string' && claims.session_id ? claims.session_id : undefined;
	if (sessionId) {
		const found = isUuid(sessionId) && (await tx.query('select 1 from auth.sessions where id = $1 and user_id = $2', [sessionId, user.id])).rowCount;
		if (!found) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
	}
	return { claims, user, sessionId };
}

export async function requireAdmin(ctx: Ctx): Promise<JwtPayload> {
	const claims = await requireToken(ctx);
	if (typeof claims.role !== 'string' || !ADMIN_ROLES.includes(claims.role)) throw forbidden('not_admin', 'User not allowed');
	return claims;
}
