// GoTrue's per-IP request limits ([auth.rate_limit] in config.toml, internal/api/api.go limiters):
// sign-ups and e-mail sign-ins (code, link, recovery), code and link verifications, and /token (refreshes
// and password sign-ins alike), each a bucket of N
// requests per 5 minutes per address that refills continuously. Over it: 429 over_request_rate_limit.
import type { StackConfig } from '../config.ts';
import { AuthError } from './errors.ts';

const WINDOW_MS = 5 * 60 * 1000;

type Kind = 'signInSignUps' | 'tokenVerifications' | 'tokenRefresh';

export class RateLimiter {
	private readonly buckets = new Map<string, { tokens: number; at: number }>();
	private readonly limits: StackConfig['auth']['rateLimit'];
	constructor(limits: StackConfig['auth']['rateLimit']) {
		this.limits = limits;
	}

	/** Takes one request from the caller's bucket, or throws 429. */
	take(kind: Kind, ip: string, now = Date.now()): void {
		const capacity = this.limits[kind];
		const key = `${kind}:${ip}`;
		const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
		bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) * capacity) / WINDOW_MS);
		bucket.at = now;
		if (bucket.tokens < 1) {
			this.buckets.set(key, bucket);
			throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
		}
		bucket.tokens -= 1;
		this.buckets.set(key, bucket);
		if (this.buckets.size > 10_000) this.buckets.clear();
	}
}

/** Which limit a request counts against, if any. */
export function limitFor(method: string, path: string, _url: URL): Kind | undefined {
	if (path === '/verify') return 'tokenVerifications';
	if (method !== 'POST') return undefined;
	// GoTrue's Token handler limits every grant (password included) with limiterOpts.Token, i.e.
	// GOTRUE_RATE_LIMIT_TOKEN_REFRESH (token_refresh); sign_in_sign_ups (GOTRUE_RATE_LIMIT_OTP) covers
	// /signup, /otp, /magiclink, /recover (internal/api/api.go, apilimiter).
	if (path === '/token') return 'tokenRefresh';
	if (path === '/signup' || path === '/otp' || path === '/magiclink' || path === '/recover') return 'signInSignUps';
	return undefined;
}
