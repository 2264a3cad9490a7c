// Follows GoTrue v2.189 (internal/crypto GenerateOtp / GenerateTokenHash, models/one_time_token.go,
// api/verify.go, api/mail.go): a numeric code from a CSPRNG, stored only as hex(sha224(email + code)) —
// the same value the e-mail link carries as token_hash — in auth.one_time_tokens (one row per user and
// kind, so the latest code is the valid one) and in the legacy users column; valid for otp_expiry
// seconds; single use; and one e-mail per address and kind per max_frequency.
import { createHash, randomInt } from 'node:crypto';
import { AuthError, forbidden } from './errors.ts';
import type { Tx } from './tx.ts';
import type { UserRow } from './users.ts';

/** Verification types that come from an e-mail. `email` accepts a signup or a magic-link code. */
export type EmailVerification = 'signup' | 'invite' | 'magiclink' | 'recovery';
export type TokenType = 'confirmation_token' | 'recovery_token';

export const TOKEN_TYPE: Record<EmailVerification, TokenType> = {
	signup: 'confirmation_token',
	invite: 'confirmation_token',
	magiclink: 'recovery_token',
	recovery: 'recovery_token',
};

/** Which stored kinds a verify `type` may match, in GoTrue's order. */
export function candidateTypes(type: string): TokenType[] | undefined {
	if (type === 'email') return ['confirmation_token', 'recovery_token'];
	const t = TOKEN_TYPE[type as EmailVerification];
	return t ? [t] : undefined;
}

const SENT_AT: Record<TokenType, 'confirmation_sent_at' | 'recovery_sent_at'> = {
	confirmation_token: 'confirmation_sent_at',
	recovery_token: 'recovery_sent_at',
};
const LEGACY_COLUMN: Record<TokenType, 'confirmation_token' | 'recovery_token'> = {
	confirmation_token: 'confirmation_token',
	recovery_token: 'recovery_token',
};

export function generateOtp(length: number): string {
	let s = '';
	for (let i = 0; i < length; i++) s += String(randomInt(10));
	return s;
}

export function tokenHash(email: string, otp: string): string {
	return createHash('sha224').update(email + otp).digest('hex');
}

/**
 * GoTrue's per-address throttle: another e-mail of the same kind within max_frequency seconds of the
 * last one is refused with how many whole seconds are left.
 */
export function assertSendAllowed(user: UserRow, tokenType: TokenType, maxFrequency: number, now = new Date()): void {
	const last = user[SENT_AT[tokenType]];
	if (!last || maxFrequency <= 0) return;
	const leftMs = last.getTime() + maxFrequency * 1000 - now.getTime();
	if (leftMs > 0) {
		throw new AuthError(429, 'over_email_send_rate_limit', `For security purposes, you can only request this after ${Math.floor(leftMs / 1000)} seconds.`);
	}
}

export interface IssuedOtp {
	otp: string;
	hash: string;
}

/** A fresh code for the user and kind, replacing any earlier one. */
export async function issueOtp(tx: Tx, user: { id: string; email: string | null }, tokenType: TokenType, length: number): Promise<IssuedOtp> {
	const email = (user.email ?? '').toLowerCase();
	const otp = generateOtp(length);
	const hash = tokenHash(email, otp);
	await tx.query(`update auth.users set ${LEGACY_COLUMN[tokenType]} = $2, ${SENT_AT[tokenType]} = now(), updated_at = now() where id = $1`, [user.id, hash]);
	await tx.query(
		`insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, created_at, updated_at)
		values ($1, $2, $3, $4, now(), now())
		on conflict (user_id, token_type) do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to, created_at = now(), updated_at = now()`,
		[user.id, tokenType, hash, email],
	);
	return { otp, hash };
}

export interface StoredToken {
	user_id: string;
	token_type: TokenType;
	token_hash: string;
	created_at: Date;
}

export function isOtpExpired(sentAt: Date, expirySeconds: number, now: Date): boolean {
	return now.getTime() > sentAt.getTime() + expirySeconds * 1000;
}

/** The first candidate kind whose stored token has this hash and has not expired (pure: the clock is given). */
export function matchOtpChallenge(stored: StoredToken[], hash: string, candidates: TokenType[], expirySeconds: number, now: Date): TokenType | undefined {
	for (const type of candidates) {
		const t = stored.find((s) => s.token_type === type);
		if (t && t.token_hash === hash && !isOtpExpired(t.created_at, expirySeconds, now)) return type;
	}
	return undefined;
}

async function storedFor(tx: Tx, userId: string): Promise<StoredToken[]> {
	return (await tx.query<StoredToken>(`select user_id, token_type::text as token_type, token_hash, created_at from auth.one_time_tokens where user_id = $1 for update`, [userId])).rows;
}

/** {email, token}: the kind the code matched, or 403 otp_expired "Token has expired or is invalid". */
export async function matchCode(tx: Tx, userId: string, email: string, code: string, candidates: TokenType[], expirySeconds: number, now = new Date()): Promise<TokenType> {
	const matched = matchOtpChallenge(await storedFor(tx, userId), tokenHash(email, code), candidates, expirySeconds, now);
	if (!matched) throw forbidden('otp_expired', 'Token has expired or is invalid');
	return matched;
}

/** {token_hash} or the e-mail link: the owner and kind, or 403 otp_expired "Email link is invalid or has expired". */
export async function matchHash(tx: Tx, hash: string, candidates: TokenType[], expirySeconds: number, now = new Date()): Promise<{ userId: string; tokenType: TokenType }> {
	const invalid = () => forbidden('otp_expired', 'Email link is invalid or has expired');
	const { rows } = await tx.query<{ user_id: string }>(`select user_id from auth.one_time_tokens where token_hash = $1 and token_type::text = any($2) limit 1`, [hash, candidates]);
	if (!rows[0]) throw invalid();
	const matched = matchOtpChallenge(await storedFor(tx, rows[0].user_id), hash, candidates, expirySeconds, now);
	if (!matched) throw invalid();
	return { userId: rows[0].user_id, tokenType: matched };
}

/** Uses the code up, in the transaction that issues the session. */
export async function consumeOtp(tx: Tx, userId: string, tokenType: TokenType): Promise<void> {
	await tx.query(`delete from auth.one_time_tokens where user_id = $1 and token_type = $2`, [userId, tokenType]);
	await tx.query(`update auth.users set ${LEGACY_COLUMN[tokenType]} = '' where id = $1`, [userId]);
}
