// Follows GoTrue v2.189 (internal/tokens/service.go, models/refresh_token.go, models/sessions.go):
// a session row per sign-in with its authentication method (the amr claim), rotating 12-character
// refresh tokens chained by parent, and HS256 access tokens carrying exactly GoTrue's claims.
import { randomInt, randomUUID } from 'node:crypto';
import { signJwt } from '../jwt.ts';
import type { StackConfig } from '../config.ts';
import { AuthError, badRequest } from './errors.ts';
import type { Tx } from './tx.ts';
import { findUserById, isBanned, userJson, INSTANCE_ID, type UserRow } from './users.ts';

export type AuthMethod = 'password' | 'otp' | 'magiclink' | 'email/signup' | 'recovery' | 'invite';

export interface SessionJson {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	expires_at: number;
	refresh_token: string;
	user: Record<string, unknown>;
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** GoTrue's SecureAlphanumeric(12): the refresh token handed to clients. */
export function refreshTokenString(length = 12): string {
	let s = '';
	for (let i = 0; i < length; i++) s += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
	return s;
}

interface AmrEntry {
	method: string;
	timestamp: number;
}

export async function accessToken(config: StackConfig, user: Record<string, unknown>, sessionId: string, amr: AmrEntry[], now = Math.floor(Date.now() / 1000)): Promise<{ token: string; expiresAt: number }> {
	const expiresAt = now + config.auth.jwtExpiry;
	const claims = {
		iss: `${config.apiUrl}/auth/v1`,
		sub: user.id,
		aud: user.aud,
		exp: expiresAt,
		iat: now,
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: user.app_metadata,
		user_metadata: user.user_metadata,
		role: user.role,
		aal: 'aal1',
		amr,
		session_id: sessionId,
		is_anonymous: user.is_anonymous ?? false,
	};
	return { token: await signJwt(claims, config.jwtSecret), expiresAt };
}

async function amrOf(tx: Tx, sessionId: string): Promise<AmrEntry[]> {
	const { rows } = await tx.query<{ method: string; ts: number }>(
		`select authentication_method as method, extract(epoch from updated_at)::bigint as ts
		from auth.mfa_amr_claims where session_id = $1 order by updated_at desc`,
		[sessionId],
	);
	return rows.map((r) => ({ method: r.method, timestamp: Number(r.ts) }));
}

async function sessionJson(tx: Tx, config: StackConfig, userId: string, sessionId: string, refreshToken: string): Promise<SessionJson> {
	const user = userJson((await findUserById(tx, userId))!);
	const { token, expiresAt } = await accessToken(config, user, sessionId, await amrOf(tx, sessionId));
	return { access_token: token, token_type: 'bearer', expires_in: config.auth.jwtExpiry, expires_at: expiresAt, refresh_token: refreshToken, user };
}

async function insertRefreshToken(tx: Tx, userId: string, sessionId: string, parent: string | null): Promise<string> {
	const token = refreshTokenString();
	await tx.query(
		`insert into auth.refresh_tokens (instance_id, token, user_id, parent, session_id, revoked, created_at, updated_at)
		values ($1, $2, $3, $4, $5, false, now(), now())`,
		[INSTANCE_ID, token, userId, parent, sessionId],
	);
	return token;
}

export interface ClientInfo {
	userAgent?: string | null;
	ip?: string | null;
}

/** A new session for the user (GoTrue issueRefreshToken): session, amr claim, first refresh token, last_sign_in_at. */
export async function issueSession(tx: Tx, config: StackConfig, user: UserRow, method: AuthMethod, client: ClientInfo = {}): Promise<SessionJson> {
	const sessionId = randomUUID();
	await tx.query(`insert into auth.sessions (id, user_id, aal, user_agent, ip, created_at, updated_at) values ($1, $2, 'aal1', $3, $4, now(), now())`, [
		sessionId,
		user.id,
		client.userAgent ?? null,
		client.ip ?? null,
	]);
	await tx.query(`insert into auth.mfa_amr_claims (session_id, authentication_method, created_at, updated_at) values ($1, $2, now(), now())`, [sessionId, method]);
	const refreshToken = await insertRefreshToken(tx, user.id, sessionId, null);
	await tx.query(`update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1`, [user.id]);
	await tx.query(`update auth.identities set last_sign_in_at = now() where user_id = $1 and provider = 'email'`, [user.id]);
	return sessionJson(tx, config, user.id, sessionId, refreshToken);
}

interface RefreshRow {
	id: string;
	token: string;
	user_id: string;
	revoked: boolean;
	updated_at: Date;
	parent: string | null;
	session_id: string | null;
}

/**
 * The refresh_token grant (GoTrue v2.189 internal/tokens/service.go RefreshTokenGrant, models
 * RevokeTokenFamily, GrantRefreshTokenSwap). A live token is swapped for a child. A revoked token that is
 * the parent of the session's active token gets that active token back (the client lost the last
 * answer); another revoked token is accepted only within refresh_token_reuse_interval of its revocation
 * (its updated_at) and is then swapped for a new child of its own, as GoTrue does (it does not hand back
 * the active token); after the interval the whole family (every unrevoked token of the session) is
 * revoked and 400 refresh_token_already_used is answered — after committing the revocation (GoTrue's
 * NewCommitWithError), which is why the error comes back as a value.
 */
export async function refreshSession(tx: Tx, config: StackConfig, token: string, now = new Date()): Promise<SessionJson | AuthError> {
	if (!token) throw badRequest('validation_failed', 'refresh_token required');
	const { rows } = await tx.query<RefreshRow>(`select * from auth.refresh_tokens where token = $1 for update`, [token]);
	const row = rows[0];
	const user = row && (await findUserById(tx, row.user_id));
	if (!row || !user || user.deleted_at) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
	if (isBanned(user, now)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
	const session = row.session_id && (await tx.query(`select id from auth.sessions where id = $1 for update`, [row.session_id])).rows[0];
	if (!session) throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found');
	const sessionId = row.session_id!;

	let issued: string | undefined;
	if (row.revoked) {
		const active = (await tx.query<RefreshRow>(`select * from auth.refresh_tokens where session_id = $1 and not revoked order by id desc limit 1`, [sessionId])).rows[0];
		if (active && active.parent === row.token) issued = active.token;
		else if (now.getTime() > row.updated_at.getTime() + config.auth.refreshTokenReuseInterval * 1000) {
			if (config.auth.refreshTokenRotation) {
				await tx.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and not revoked`, [sessionId]);
			}
			return badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');
		}
	}
	if (!issued) {
		await tx.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1`, [row.id]);
		issued = await insertRefreshToken(tx, row.user_id, sessionId, row.token);
	}
	await tx.query(`update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1`, [sessionId]);
	return sessionJson(tx, config, row.user_id, sessionId, issued);
}

/** Ends sessions (GoTrue logout scopes): global = all the user's, local = this one, others = all but this. */
export async function endSessions(tx: Tx, userId: string, sessionId: string | undefined, scope: 'global' | 'local' | 'others'): Promise<void> {
	if (scope === 'local') {
		if (sessionId) await tx.query(`delete from auth.sessions where id = $1`, [sessionId]);
	} else if (scope === 'others') {
		await tx.query(`delete from auth.sessions where user_id = $1 and id is distinct from $2::uuid`, [userId, sessionId ?? null]);
	} else {
		await tx.query(`delete from auth.sessions where user_id = $1`, [userId]);
	}
}
