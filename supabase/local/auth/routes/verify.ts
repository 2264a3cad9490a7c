// Follows GoTrue v2.189 /verify (internal/api/verify.go). POST takes {email, token, type} or
// {token_hash, type} and answers a session; GET is the e-mail link and answers 303 to the (validated)
// redirect_to with the session in the fragment, or with #error=…&error_code=…&error_description=…
// when the link is used, expired or unknown. The code is consumed in the transaction that issues the
// session, so it works once.
import { randomBytes } from 'node:crypto';
import type { StackConfig } from '../../config.ts';
import { json } from '../../http.ts';
import { AuthError, badRequest, forbidden, unprocessable } from '../errors.ts';
import { candidateTypes, consumeOtp, matchCode, matchHash, type TokenType } from '../otp.ts';
import { redirectTarget } from '../redirect.ts';
import { issueSession, type SessionJson } from '../sessions.ts';
import { inTransaction, type Tx } from '../tx.ts';
import { confirmEmail, findUserByEmail, findUserById, isBanned, setPassword, type UserRow } from '../users.ts';
import { readBody, validateEmail } from '../validate.ts';
import { clientInfo, type AuthCtx } from './context.ts';

// OAuth error names GoTrue puts in the redirect's `error` (oauthErrorMap).
const OAUTH_ERROR: Record<number, string> = { 400: 'invalid_request', 401: 'unauthorized_client', 403: 'access_denied', 500: 'server_error', 503: 'temporarily_unavailable' };

function candidatesFor(type: string): TokenType[] {
	const c = candidateTypes(type);
	if (!c) throw badRequest('validation_failed', 'Invalid email verification type');
	return c;
}

/** Confirms or signs in the user the token belongs to, uses the token up and opens a session. */
async function complete(tx: Tx, config: StackConfig, req: Request, user: UserRow, type: string, matched: TokenType): Promise<{ session: SessionJson; type: string }> {
	if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
	// `email` is reported as the kind of mail the code came from.
	const effective = type === 'email' ? (matched === 'recovery_token' ? 'magiclink' : 'signup') : type;
	await consumeOtp(tx, user.id, matched);
	if (effective === 'invite' && !user.encrypted_password) {
		// GoTrue gives an invited user a random password the app then asks them to replace.
		await setPassword(tx, user.id, randomBytes(48).toString('base64url'));
	}
	if (!user.email_confirmed_at) await confirmEmail(tx, user.id);
	const fresh = (await findUserById(tx, user.id))!;
	return { session: await issueSession(tx, config, fresh, 'otp', clientInfo(req)), type: effective };
}

export async function verifyPost(req: Request, ctx: AuthCtx): Promise<Response> {
	const { config } = ctx.stack;
	const body = await readBody(req);
	const type = typeof body.type === 'string' ? body.type : '';
	const code = typeof body.token === 'string' ? body.token.replaceAll('-', '') : '';
	const hash = typeof body.token_hash === 'string' ? body.token_hash : '';
	if (!type) throw badRequest('validation_failed', 'Verify requires a verification type');
	if (!code === !hash) throw badRequest('validation_failed', 'Verify requires either a token or a token hash');
	let email = '';
	if (code) {
		if (!body.email || body.phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided on verify');
		try {
			email = validateEmail(body.email);
		} catch (e) {
			throw unprocessable('validation_failed', 'Invalid email format');
		}
	} else if (body.email || body.phone || body.redirect_to) {
		throw badRequest('validation_failed', 'Only the token_hash and type should be provided');
	}
	const candidates = candidatesFor(type);
	const { session } = await inTransaction(ctx.stack.admin, async (tx) => {
		if (code) {
			const user = await findUserByEmail(tx, email);
			if (!user) throw forbidden('otp_expired', 'Token has expired or is invalid');
			if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
			const matched = await matchCode(tx, user.id, email, code, candidates, config.auth.otpExpiry);
			return complete(tx, config, req, user, type, matched);
		}
		const found = await matchHash(tx, hash, candidates, config.auth.otpExpiry);
		return complete(tx, config, req, (await findUserById(tx, found.userId))!, type, found.tokenType);
	});
	return json(session);
}

/** Go's url.Values.Encode: keys sorted, spaces as '+'. */
function encodeSorted(params: Record<string, string>): string {
	const q = new URLSearchParams();
	for (const k of Object.keys(params).sort()) q.set(k, params[k]);
	return q.toString();
}

function errorRedirect(target: string, e: AuthError): string {
	const fragment = encodeSorted({ ...(OAUTH_ERROR[e.status] ? { error: OAUTH_ERROR[e.status] } : {}), error_code: e.code, error_description: e.message, sb: '' });
	const u = new URL(target);
	u.hash = fragment;
	return u.href;
}

export async function verifyGet(req: Request, ctx: AuthCtx): Promise<Response> {
	const { config } = ctx.stack;
	const q = ctx.url.searchParams;
	const type = q.get('type') ?? '';
	const hash = (q.get('token') ?? '').replaceAll('-', '');
	if (!type) throw badRequest('validation_failed', 'Verify requires a verification type');
	if (!hash) throw badRequest('validation_failed', 'Verify requires a token or a token hash');
	const target = redirectTarget(config, q.get('redirect_to'), req.headers.get('referer'));
	let location: string;
	try {
		const done = await inTransaction(ctx.stack.admin, async (tx) => {
			const found = await matchHash(tx, hash, candidatesFor(type), config.auth.otpExpiry);
			return complete(tx, config, req, (await findUserById(tx, found.userId))!, type, found.tokenType);
		});
		const s = done.session;
		location =
			target +
			'#' +
			encodeSorted({ access_token: s.access_token, expires_at: String(s.expires_at), expires_in: String(s.expires_in), refresh_token: s.refresh_token, sb: '', token_type: s.token_type, type: done.type });
	} catch (e) {
		if (!(e instanceof AuthError)) throw e;
		location = errorRedirect(target, e);
	}
	return new Response(null, { status: 303, headers: { location } });
}
