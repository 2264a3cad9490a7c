// HS256 JSON Web Tokens, as GoTrue signs them and PostgREST, Storage and the functions gateway verify
// them, signed and verified by jose (the library Storage itself verifies with). What stays ours is
// the translation of jose's errors into the reasons the services answer with (PostgREST's messages),
// and PostgREST's extra rule that a token issued in the future is refused; 30 s of clock skew on
// exp/nbf/iat, as PostgREST allows.
import { errors, jwtVerify, SignJWT } from 'jose';

export type JwtPayload = Record<string, unknown> & { role?: string; sub?: string; exp?: number; iat?: number; nbf?: number; session_id?: string };

export class JwtError extends Error {
	readonly reason: 'malformed' | 'signature' | 'expired' | 'claims';
	/** jose's own message: Storage answers with it (storage/caller.ts). */
	readonly joseMessage: string;
	constructor(reason: JwtError['reason'], message: string, joseMessage = message) {
		super(message);
		this.reason = reason;
		this.joseMessage = joseMessage;
	}
}

const encoder = new TextEncoder();
const keyOf = (secret: string) => encoder.encode(secret);

/** The payload exactly as given (no claims added), under {"alg":"HS256","typ":"JWT"} as GoTrue writes it. */
export function signJwt(payload: Record<string, unknown>, secret: string): Promise<string> {
	return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keyOf(secret));
}

/** The verified payload, or a JwtError saying why not. */
export async function verifyJwt(token: string, secret: string, now = Date.now() / 1000, skew = 30): Promise<JwtPayload> {
	let payload: JwtPayload;
	try {
		({ payload } = await jwtVerify<JwtPayload>(token, keyOf(secret), { algorithms: ['HS256'], clockTolerance: skew, currentDate: new Date(now * 1000) }));
	} catch (e) {
		throw translate(e, token);
	}
	if (typeof payload.iat === 'number' && now + skew < payload.iat) throw new JwtError('claims', 'JWT issued at future', '"iat" claim timestamp check failed');
	return payload;
}

/** jose's error as the reason and PostgREST's words for it. */
function translate(e: unknown, token: string): unknown {
	if (!(e instanceof errors.JOSEError)) return e;
	if (e instanceof errors.JWTExpired) return new JwtError('expired', 'JWT expired', e.message);
	if (e instanceof errors.JWTClaimValidationFailed) return new JwtError('claims', e.claim === 'nbf' ? 'JWT not yet valid' : e.message, e.message);
	if (e instanceof errors.JOSEAlgNotAllowed) return new JwtError('signature', `Wrong or unsupported encoding algorithm: ${peekHeader(token)?.alg}`, e.message);
	if (e instanceof errors.JWSSignatureVerificationFailed) return new JwtError('signature', 'JWT cryptographic operation failed', e.message);
	if (e instanceof errors.JWTInvalid) return new JwtError('claims', 'The JWT payload is not an object', e.message);
	const parts = token.split('.').length;
	return new JwtError('malformed', parts === 3 ? 'JWT cryptographic operation failed' : `Expected 3 parts in JWT; got ${parts}`, e.message);
}

function peekHeader(token: string): { alg?: string } | undefined {
	try {
		return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
}

/** The payload without verifying it (for messages only; never for decisions). */
export function peekJwt(token: string): JwtPayload | undefined {
	try {
		return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
}
