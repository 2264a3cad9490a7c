// Contract fixture: tells the caller what the function saw (method, path, headers, body, environment);
// with ?mirror it streams the request body straight back under the request's Content-Type.
const ENV_NAMES = ['SUPABASE_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY', 'SUPABASE_DB_URL', 'SUPABASE_PUBLISHABLE_KEYS', 'SUPABASE_SECRET_KEYS', 'HOME', 'PATH'];

async function readBody(req: Request): Promise<unknown> {
	const type = req.headers.get('content-type') ?? '';
	if (req.method === 'GET' || req.method === 'HEAD') return null;
	if (type.startsWith('application/json')) return { json: await req.json() };
	if (type.startsWith('text/')) return { text: await req.text() };
	const bytes = new Uint8Array(await req.arrayBuffer());
	return { bytes: Array.from(bytes) };
}

Deno.serve(async (req) => {
	const url = new URL(req.url);
	if (url.searchParams.has('mirror')) {
		return new Response(req.body, { headers: { 'content-type': req.headers.get('content-type') ?? 'application/octet-stream' } });
	}
	const env: Record<string, boolean> = {};
	for (const name of ENV_NAMES) env[name] = Deno.env.get(name) !== undefined;
	const body = {
		method: req.method,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		authorization: req.headers.get('authorization'),
		apikey: req.headers.get('apikey'),
		contentType: req.headers.get('content-type'),
		custom: req.headers.get('x-custom'),
		body: await readBody(req),
		env,
		supabaseUrl: Deno.env.get('SUPABASE_URL'),
		waitUntil: typeof (globalThis as any).EdgeRuntime?.waitUntil,
		mainModule: import.meta.main,
	};
	return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', 'x-echo': 'yes' } });
});
