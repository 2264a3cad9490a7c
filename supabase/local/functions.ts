// Edge Functions (/functions/v1/<name>) the way the Supabase CLI serves them locally: Kong strips the
// prefix and sets Authorization, then edge-runtime's main worker
// (apps/cli-go/internal/functions/serve/templates/main.ts) answers 404 "Function not found", checks the
// JWT unless verify_jwt = false, and hands the request to a user worker for
// supabase/functions/<name>/index.ts. Here a user worker is a long-lived Deno process (functions/).
import { json, type Ctx, type Service } from './http.ts';
import { verifyJwt } from './jwt.ts';
import type { StackConfig } from './config.ts';
import type { Stack } from './stack-types.ts';
import { locateFunction } from './functions/locate.ts';
import { WorkerPool } from './functions/pool.ts';
import { BootError, WorkerGone, WorkerTimeout } from './functions/worker.ts';

/** main.ts's error bodies, word for word. */
const BOOT_ERROR = { code: 'BOOT_ERROR', message: 'Worker failed to boot (please check logs)' };
const WORKER_LIMIT = { code: 'WORKER_LIMIT', message: 'Worker failed to respond due to a resource limit (please check logs)' };
/** Kong's answer when its read timeout (150 s for functions) passes. */
const GATEWAY_TIMEOUT = { message: 'The upstream server is timing out' };

/**
 * The Authorization header Kong's request-transformer gives the functions route (reference 0.4): the
 * caller's own unless it is an opaque `Bearer sb_...` key, else the JWT behind a publishable / secret
 * apikey, else `Bearer <apikey>`. verify_jwt checks this header — not ctx.token, which has lost
 * whether the caller wrote `Bearer` — and the function receives it, so an sb_publishable key works.
 */
export function gatewayAuthorization(req: Request, config: StackConfig): string | undefined {
	const auth = req.headers.get('authorization');
	if (auth !== null && !auth.startsWith('Bearer sb_')) return auth;
	const apikey = req.headers.get('apikey');
	if (apikey === config.secretKey) return `Bearer ${config.serviceRoleKey}`;
	if (apikey === config.publishableKey) return `Bearer ${config.anonKey}`;
	return apikey ? `Bearer ${apikey}` : undefined;
}

/** main.ts's getAuthToken + verifyHybridJWT for the legacy HS256 secret: undefined when it passes. */
async function jwtRejection(authorization: string | undefined, secret: string): Promise<Response | undefined> {
	if (authorization === undefined) return json({ msg: 'Error: Missing authorization header' }, 401);
	const [scheme, token] = authorization.split(' ');
	if (scheme !== 'Bearer') return json({ msg: "Error: Auth header is not 'Bearer {token}'" }, 401);
	try {
		await verifyJwt(token ?? '', secret);
		return undefined;
	} catch {
		return json({ msg: 'Invalid JWT' }, 401);
	}
}

export function functionsService(stack: Stack): Service {
	const pool = new WorkerPool({ config: stack.config, dbUrl: stack.dbUrl, log: (l) => stack.log(l) });
	// Workers watch their stdin and leave with this process; this covers a plain process.exit() too.
	const killAll = () => pool.killAll();
	process.on('exit', killAll);

	return {
		prefix: '/functions/v1',
		async handle(req: Request, ctx: Ctx): Promise<Response> {
			const name = ctx.path.split('/')[1] ?? '';
			const src = locateFunction(stack.config, name);
			if (!src) {
				pool.forget(name);
				return new Response('Function not found', { status: 404, headers: { 'content-type': 'text/plain' } });
			}

			const authorization = gatewayAuthorization(req, stack.config);
			if (req.method !== 'OPTIONS' && src.verifyJwt) {
				const rejected = await jwtRejection(authorization, stack.config.jwtSecret);
				if (rejected) return rejected;
			}

			let worker;
			try {
				worker = await pool.acquire(src);
			} catch (e) {
				if (!(e instanceof BootError)) throw e;
				stack.log(`functions/${name}: boot error: ${e.message}${e.detail ? `\n${e.detail}` : ''}`);
				return json(BOOT_ERROR, 503);
			}

			const headers = new Headers(req.headers);
			if (authorization === undefined) headers.delete('authorization');
			else headers.set('authorization', authorization);
			// The worker sees the path after /functions/v1, as edge-runtime's user workers do.
			const path = ctx.path + ctx.url.search;
			try {
				return await worker.request(req, path, headers, stack.config.functions.timeoutMs);
			} catch (e) {
				if (e instanceof WorkerTimeout) {
					stack.log(`functions/${name}: ${e.message}; killing the worker`);
					pool.discard(worker);
					return json(GATEWAY_TIMEOUT, 504);
				}
				if (e instanceof WorkerGone) {
					stack.log(`functions/${name}: the worker went away mid-request (${e.message})`);
					// Its exit may not have been observed yet: never route the next request to it.
					pool.discard(worker);
					return json(WORKER_LIMIT, 546);
				}
				throw e;
			}
		},
		async stop() {
			process.off('exit', killAll);
			await pool.stop();
		},
	};
}
