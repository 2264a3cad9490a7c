// Running SQL as the caller, the way PostgREST and Storage do it: one transaction per request on a
// connection logged in as `authenticator`, switched to the JWT's role with the claims in
// request.jwt.claims, so that row-level security decides what the caller may see and do.
import type pg from 'pg';
import { verifyJwt, JwtError, type JwtPayload } from './jwt.ts';

export const API_ROLES = ['anon', 'authenticated', 'service_role'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export interface Identity {
	role: ApiRole;
	/** The JWT payload with `role` set, as request.jwt.claims carries it. */
	claims: JwtPayload;
}

export class RoleError extends Error {
	readonly role: string;
	constructor(role: string) {
		super(`role "${role}" does not exist`);
		this.role = role;
	}
}

/**
 * Who the token says the caller is. No token → anon. A bad signature or an expired token throws
 * JwtError; a role the API does not serve throws RoleError (PostgREST answers 401 to both).
 */
export async function identify(token: string | undefined, secret: string): Promise<Identity> {
	if (!token) return { role: 'anon', claims: { role: 'anon' } };
	const payload = await verifyJwt(token, secret);
	const role = typeof payload.role === 'string' && payload.role ? payload.role : 'anon';
	if (!(API_ROLES as readonly string[]).includes(role)) throw new RoleError(role);
	return { role: role as ApiRole, claims: { ...payload, role } };
}

export { JwtError };

export interface AsRoleOptions {
	identity: Identity;
	readOnly?: boolean;
	method?: string;
	path?: string;
	headers?: Record<string, string>;
	searchPath?: string[];
	/** More transaction-local settings, e.g. storage.operation. */
	settings?: Record<string, string>;
}

/**
 * Runs `fn` in one READ COMMITTED transaction as the identity's role. Commits when `fn` resolves,
 * rolls back when it throws (and rethrows). The role is checked against the API roles here as well,
 * so that a pool logged in as a superuser can never be talked into another role.
 */
/** What Supabase sets on the API roles (ALTER ROLE ... SET), applied per transaction as PostgREST does. */
const ROLE_SETTINGS: Record<ApiRole, [string, string][]> = {
	anon: [['statement_timeout', '3s'], ['lock_timeout', '8s']],
	authenticated: [['statement_timeout', '8s'], ['lock_timeout', '8s']],
	service_role: [['lock_timeout', '8s']],
};

export async function asRole<T>(pool: pg.Pool, opts: AsRoleOptions, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
	const { identity } = opts;
	if (!(API_ROLES as readonly string[]).includes(identity.role)) throw new RoleError(identity.role);
	const client = await pool.connect();
	// A connection whose transaction state is unknown is destroyed, never handed to the next request.
	let healthy = false;
	try {
		await client.query(`begin isolation level read committed ${opts.readOnly ? 'read only' : 'read write'}`);
		try {
			const settings: [string, string][] = [
				['search_path', (opts.searchPath ?? ['public', 'extensions']).map((s) => `"${s.replaceAll('"', '""')}"`).join(', ')],
				...ROLE_SETTINGS[identity.role],
				['role', identity.role],
				['request.jwt.claims', JSON.stringify(identity.claims)],
				['request.method', opts.method ?? 'POST'],
				['request.path', opts.path ?? '/'],
				['request.headers', JSON.stringify(opts.headers ?? {})],
				...Object.entries(opts.settings ?? {}),
			];
			const sql = `select ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`;
			await client.query(sql, settings.flat());
			const result = await fn(client);
			await client.query('commit');
			healthy = true;
			return result;
		} catch (e) {
			await client.query('rollback').then(
				() => (healthy = true),
				() => {},
			);
			throw e;
		}
	} finally {
		client.release(!healthy);
	}
}
