// Contract fixture: never answers unless asked for /quick, to exercise the wall-clock limit. Each
// worker remembers when it booted so the test can tell a restarted worker from the old one.
const bootedAt = Date.now();
Deno.serve((req) => {
	if (new URL(req.url).pathname.endsWith('/quick')) return Response.json({ bootedAt });
	return new Promise<Response>(() => {});
});
