// What every service module shares: the request context the gateway hands over, JSON responses, and
// the CORS headers a browser needs (Kong's cors plugin is on every route of the CLI's local stack).
import type { Stack } from './stack.ts';

export interface Ctx {
	stack: Stack;
	url: URL;
	/** Path after the service prefix, always starting with '/': '/tickets', '/object/sign/a/b.png'. */
	path: string;
	/**
	 * The bearer token after the gateway's key mapping (the CLI's Kong rule): the caller's
	 * Authorization if present and not an opaque sb_ key, else the JWT behind the apikey. Unverified.
	 */
	token?: string;
}

export interface Service {
	/** e.g. '/rest/v1' */
	prefix: string;
	handle(req: Request, ctx: Ctx): Promise<Response>;
	/** Releases what the service holds (workers, timers) when the stack stops. */
	stop?(): Promise<void>;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(body === undefined ? null : JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
	});
}

export const EXPOSED_HEADERS = 'Content-Range, Range-Unit, Content-Location, Location, Preference-Applied, X-Supabase-Api-Version, X-Total-Count, Content-Length, Content-Type, Content-Disposition, Accept-Ranges, ETag, Last-Modified, x-sb-error-code, x-relay-error';

/** Headers added to every response; preflights reflect what the browser asks for. */
export function corsHeaders(req: Request): Record<string, string> {
	const origin = req.headers.get('origin');
	const h: Record<string, string> = {
		'access-control-allow-origin': origin ?? '*',
		'access-control-expose-headers': EXPOSED_HEADERS,
		vary: 'Origin',
	};
	if (origin) h['access-control-allow-credentials'] = 'true';
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
