// What every service module shares: the request context the gateway hands over, JSON responses, and
// the CORS headers a browser needs (Kong's cors plugin is on every route of the CLI's local stack).
export type { Ctx, Service } from './stack-types.ts';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(body === undefined ? null : JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
	});
}

export const EXPOSED_HEADERS = 'Content-Range, Range-Unit, Content-Location, Location, Preference-Applied, X-Supabase-Api-Version, X-Total-Count, Content-Length, Content-Type, Content-Disposition, Accept-Ranges, ETag, Last-Modified, x-sb-error-code, x-relay-error';

/**
 * Headers added to every API response, as Kong's cors plugin with its defaults sends them: any origin,
 * no credentials (supabase-js sends tokens in headers, never cookies); preflights reflect what the
 * browser asks for.
 */
export function corsHeaders(req: Request): Record<string, string> {
	const h: Record<string, string> = {
		'access-control-allow-origin': '*',
		'access-control-expose-headers': EXPOSED_HEADERS,
	};
	if (req.method === 'OPTIONS') {
		h['access-control-allow-methods'] = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
		h['access-control-allow-headers'] = req.headers.get('access-control-request-headers') ?? 'authorization, x-client-info, apikey, content-type, x-retry-count, prefer, accept-profile, content-profile, range, x-upsert';
		h['access-control-max-age'] = '86400';
	}
	return h;
}

/** Lower-cased header names → values, cookie left out (what PostgREST puts in request.headers). */
export function headerObject(req: Request): Record<string, string> {
	const out: Record<string, string> = {};
	req.headers.forEach((v, k) => {
		if (k !== 'cookie') out[k.toLowerCase()] = v;
	});
	return out;
}

export function bearer(req: Request): string | undefined {
	const m = /^bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '');
	return m?.[1].trim();
}

export class BodyTooLarge extends Error {
	readonly limit: number;
	constructor(limit: number) {
		super(`The request body is larger than ${limit} bytes`);
		this.limit = limit;
	}
}

/** The body as text, read incrementally and refused past `limit` bytes (never buffered unbounded). */
export async function readTextCapped(req: Request, limit: number): Promise<string> {
	const declared = Number(req.headers.get('content-length'));
	if (declared > limit) throw new BodyTooLarge(limit);
	if (!req.body) return '';
	const reader = req.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => {});
			throw new BodyTooLarge(limit);
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Auth routes Supabase's gateway serves without an API key (links opened from e-mail, OAuth redirects, keys). */
const OPEN_AUTH_PATHS = ['/auth/v1/verify', '/auth/v1/callback', '/auth/v1/authorize', '/auth/v1/.well-known/jwks.json'];

/** Whether Supabase's gateway demands an API key for this path: /rest/v1 and /auth/v1 (key-auth), not storage or functions. */
export function requiresApiKey(pathname: string): boolean {
	const under = (prefix: string) => pathname === prefix || pathname.startsWith(prefix + '/');
	if (OPEN_AUTH_PATHS.some(under)) return false;
	return under('/rest/v1') || under('/auth/v1');
}

export interface ApiKeys {
	anonKey: string;
	serviceRoleKey: string;
	publishableKey: string;
	secretKey: string;
}

/**
 * Supabase's gateway key check (Kong's key-auth on the /rest/v1 and /auth/v1 routes): the key comes in
 * the `apikey` header or the `apikey` query parameter, and must be one of the project's keys. No key →
 * 401 "No API key found in request"; another value → 401 "Invalid API key". Undefined when it passes.
 */
export function apiKeyRefusal(req: Request, url: URL, keys: ApiKeys): Response | undefined {
	if (!requiresApiKey(url.pathname)) return undefined;
	const key = req.headers.get('apikey') || url.searchParams.get('apikey');
	if (!key) return json({ message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' }, 401);
	if (![keys.anonKey, keys.serviceRoleKey, keys.publishableKey, keys.secretKey].includes(key)) {
		return json({ message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' }, 401);
	}
	return undefined;
}

/** The URL the services see: the gateway's `apikey` query parameter removed, so PostgREST never reads it as a filter. */
export function withoutApiKeyParam(url: URL): URL {
	if (!url.searchParams.has('apikey')) return url;
	const out = new URL(url);
	out.searchParams.delete('apikey');
	return out;
}
