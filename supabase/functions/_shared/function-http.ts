// What every edge function answers with: JSON bodies with a stable `code`, and CORS for the site's
// origins only (SITE_URL plus ALLOWED_ORIGINS, comma-separated; when neither is set — local work —
// any http origin on this machine: the dev server, previews, test builds), preflights included.
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;

function allowed(origin: string): boolean {
	const configured = [Deno.env.get('SITE_URL'), ...(Deno.env.get('ALLOWED_ORIGINS') ?? '').split(',')]
		.map((o) => o?.trim().replace(/\/$/, ''))
		.filter((o): o is string => !!o);
	return configured.length ? configured.includes(origin) : LOOPBACK.test(origin);
}

export function corsHeaders(req: Request): Record<string, string> {
	const origin = req.headers.get('origin');
	if (!origin || !allowed(origin)) return { vary: 'Origin' };
	return {
		'access-control-allow-origin': origin,
		'access-control-allow-headers': 'authorization, x-client-info, apikey, content-type',
		'access-control-allow-methods': 'POST, OPTIONS',
		'access-control-max-age': '86400',
		vary: 'Origin',
	};
}

export function json(req: Request, body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...corsHeaders(req) } });
}

export function fail(req: Request, status: number, code: string, extra: Record<string, unknown> = {}): Response {
	return json(req, { code, ...extra }, status);
}

export function preflight(req: Request): Response {
	return new Response(null, { status: 204, headers: corsHeaders(req) });
}
