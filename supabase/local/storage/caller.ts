// Who is calling and running SQL as them, as Storage v1.60 does (src/http/plugins/jwt.ts and
// src/internal/database/connection.ts): the bearer JWT is verified with the project's secret; on
// routes that allow it (object GET/HEAD/info) a bad token falls back to anon, elsewhere it is refused
// with AccessDenied. Storage renders that through its usual handler, so it goes out as HTTP 400 with
// statusCode "403" (the reference's "real 403" is only the service-role-only admin routes, which this
// stand-in does not serve). Each request's SQL runs in one transaction as the JWT's role, with the
// settings Storage sets, so that the project's RLS policies on storage.* decide.
import type pg from 'pg';
import { asRole, identify, JwtError, RoleError, type Identity } from '../as-role.ts';
import { headerObject, type Ctx } from '../http.ts';
import { ERRORS } from './errors.ts';

const ANON: Identity = { role: 'anon', claims: { role: 'anon' } };

export async function callerIdentity(ctx: Ctx, allowInvalidJwt = false): Promise<Identity> {
	try {
		return await identify(ctx.token, ctx.stack.config.jwtSecret);
	} catch (e) {
		if (!(e instanceof JwtError || e instanceof RoleError)) throw e;
		if (allowInvalidJwt) return ANON;
		throw ERRORS.accessDenied(joseMessage(e));
	}
}

/**
 * What Storage says about a token it cannot verify. Followed: storage-api v1.x after its move from
 * jsonwebtoken to jose — checked against storage-api master of 2026-08 (src/internal/auth/jwt.ts
 * verifyJWT → jose.jwtVerify, rethrown as AccessDenied(err.message); src/http/plugins/jwt.ts
 * catches and, on routes that enforce the JWT, throws ERRORS.AccessDenied(err.message)), so the
 * message is jose's own: JWSInvalid "Invalid Compact JWS" for a token that is not three base64url
 * parts, JWSSignatureVerificationFailed "signature verification failed", JWTExpired '"exp" claim
 * timestamp check failed', JOSEAlgNotAllowed for another alg. The error handler sends AccessDenied
 * (no userStatusCode) as HTTP 400 with {statusCode: "403", code: "AccessDenied", error: "Unauthorized",
 * message}. (Storage before v1, with
 * jsonwebtoken, answered 400 {statusCode: "400", error: "invalid signature"}; not followed.)
 */
export function joseMessage(e: JwtError | RoleError): string {
	return e instanceof RoleError ? e.message : e.joseMessage;
}

/** The verified caller, or undefined with no token or a bad one (Storage's isAuthenticated = false). */
export async function authenticatedIdentity(ctx: Ctx): Promise<Identity | undefined> {
	if (!ctx.token) return undefined;
	try {
		return await identify(ctx.token, ctx.stack.config.jwtSecret);
	} catch (e) {
		if (e instanceof JwtError || e instanceof RoleError) return undefined;
		throw e;
	}
}

export interface CallerOptions {
	identity: Identity;
	/** Storage's operation name, readable in policies through storage.operation(). */
	operation: string;
	readOnly?: boolean;
}

export function asCaller<T>(ctx: Ctx, req: Request, opts: CallerOptions, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
	const { identity } = opts;
	const settings: Record<string, string> = {
		'storage.operation': opts.operation,
		// Storage sets it on every transaction; the delete guard of newer Storage versions reads it.
		'storage.allow_delete_query': 'true',
		'request.jwt': ctx.token ?? '',
		'request.jwt.claim.role': identity.role,
	};
	if (typeof identity.claims.sub === 'string') settings['request.jwt.claim.sub'] = identity.claims.sub;
	return asRole(
		ctx.stack.api,
		{ identity, readOnly: opts.readOnly, method: req.method, path: ctx.url.pathname, headers: headerObject(req), searchPath: ['storage', 'public', 'extensions'], settings },
		fn,
	);
}

/** Runs `fn` as the caller and always rolls back: Storage's testPermission, used before any bytes are read. */
export async function testAsCaller(ctx: Ctx, req: Request, opts: CallerOptions, fn: (client: pg.PoolClient) => Promise<unknown>): Promise<void> {
	const rollback = Symbol('rollback');
	try {
		await asCaller(ctx, req, opts, async (client) => {
			await fn(client);
			throw rollback;
		});
	} catch (e) {
		if (e !== rollback) throw e;
	}
}

/** A UUID for objects.owner (deprecated column) only when the subject is one, as Storage does. */
export function ownerOf(identity: Identity): { owner: string | null; ownerId: string | null } {
	const sub = typeof identity.claims.sub === 'string' ? identity.claims.sub : null;
	const isUuid = !!sub && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sub);
	return { owner: isUuid ? sub : null, ownerId: sub };
}
