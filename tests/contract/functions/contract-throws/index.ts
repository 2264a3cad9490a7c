// Contract fixture: the handler throws on every request but /ok (the worker must survive the throw).
Deno.serve({ port: 8000 }, (req) => {
	if (new URL(req.url).pathname.endsWith('/ok')) return Response.json({ ok: true });
	throw new Error('contract-throws: deliberate failure');
});
