// Contract fixture: verify_jwt = false (see function.json), so it answers callers without a JWT.
Deno.serve({
	handler: (req) => new Response(`public ${req.method} ${req.headers.get('authorization') ?? 'no authorization'}`, { headers: { 'content-type': 'text/plain' } }),
});
