// HS256 JSON Web Tokens, as GoTrue signs them and PostgREST, Storage and the functions gateway verify
// them (30 s of clock skew allowed on exp/nbf/iat, as PostgREST allows).
import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtPayload = Record<string, unknown> & { role?: string; sub?: string; exp?: number; iat?: number; nbf?: number; session_id?: string };

export class JwtError extends Error {
	readonly reason: 'malformed' | 'signature' | 'expired' | 'claims';
	constructor(reason: JwtError['reason'], message: string) {
		super(message);
		this.reason = reason;
	}
}

const b64url = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

export function signJwt(payload: Record<string, unknown>, secret: string): string {
	const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const body = b64url(JSON.stringify(payload));
	const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
	return `${head}.${body}.${sig}`;
}

/** The verified payload, or a JwtError saying why not. */
export function verifyJwt(token: string, secret: string, now = Date.now() / 1000, skew = 30): JwtPayload {
	const parts = token.split('.');
	if (parts.length !== 3) throw new JwtError('malformed', 'Expected 3 parts in JWT; got ' + parts.length);
	let header: any, payload: any;
	try {
		header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
		payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
	} catch {
		throw new JwtError('malformed', 'JWT cryptographic operation failed');
	}
	if (header?.alg !== 'HS256') throw new JwtError('signature', `Wrong or unsupported encoding algorithm: ${header?.alg}`);
	const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
	const given = Buffer.from(parts[2], 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new JwtError('signature', 'JWT cryptographic operation failed');
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new JwtError('claims', 'The JWT payload is not an object');
	if (typeof payload.exp === 'number' && now - skew > payload.exp) throw new JwtError('expired', 'JWT expired');
	if (typeof payload.nbf === 'number' && now + skew < payload.nbf) throw new JwtError('claims', 'JWT not yet valid');
	if (typeof payload.iat === 'number' && now + skew < payload.iat) throw new JwtError('claims', 'JWT issued at future');
	return payload as JwtPayload;
}

/** The payload without verifying it (for messages only; never for decisions). */
export function peekJwt(token: string): JwtPayload | undefined {
	try {
		return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
}
