// GoTrue's per-IP request limits ([auth.rate_limit] in config.toml, internal/api/api.go limiters):
// sign-in and sign-up attempts, code and link verifications, and token refreshes, each a bucket of N
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
export function limitFor(method: string, path: string, url: URL): Kind | undefined {
	if (path === '/verify') return 'tokenVerifications';
	if (method !== 'POST') return undefined;
	if (path === '/token') return url.searchParams.get('grant_type') === 'refresh_token' ? 'tokenRefresh' : 'signInSignUps';
	if (path === '/signup' || path === '/otp' || path === '/magiclink' || path === '/recover') return 'signInSignUps';
	return undefined;
}
