// Preloaded before ONE Supabase Edge Function, so plain Deno runs it the way supabase/edge-runtime
// (v1.74, as the CLI pins it) runs a user worker: the function stays the main module
// (import.meta.main is true) and calls Deno.serve(handler); the runtime decides where it listens.
// Here Deno.serve is wrapped to listen on a loopback port announced to the stack on stdout,
// EdgeRuntime.waitUntil is shimmed, and a handler that throws answers 500 WORKER_ERROR while the
// worker lives on. Typed loosely on purpose: Node's TypeScript tooling reads this file too, without
// Deno's types.
const D = (globalThis as any).Deno;

const NAME = D.env.get('SUPABASE_INTERNAL_FUNCTION') as string;
// Kept out of the function's environment, as main.ts filters them: our internal settings, the OS
// variables, and what Deno adds for itself (PATH to its node shim) or needed only to start.
const EXCLUDED_ENVS = ['HOME', 'HOSTNAME', 'PATH', 'PWD', 'DENO_NODE_SHIM_ACTIVE', 'DENO_DIR'];
for (const k of Object.keys(D.env.toObject())) if (k.startsWith('SUPABASE_INTERNAL_') || EXCLUDED_ENVS.includes(k)) D.env.delete(k);

/** Must match worker.ts. */
const READY_MARKER = '\u0000mostrador-function-listening ';

type Handler = (req: Request, info: unknown) => Response | Promise<Response>;
interface ServeOptions {
	handler?: Handler;
	onError?: (error: unknown) => Response | Promise<Response>;
	onListen?: (addr: unknown) => void;
	signal?: AbortSignal;
}

const workerError = () => Response.json({ code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' }, { status: 500 });

let handler: Handler | undefined;
let options: ServeOptions = {};
let server: any;
let port: number | undefined;
/** The module has run without throwing; until then the stack is not told we listen. */
let loaded = false;

function announce() {
	if (loaded && port !== undefined) D.stdout.writeSync(new TextEncoder().encode(`\n${READY_MARKER}${port}\n`));
}

async function serveOne(req: Request, info: unknown): Promise<Response> {
	try {
		const res = await handler!(req, info);
		if (!(res instanceof Response)) throw new TypeError(`The handler returned ${Object.prototype.toString.call(res)}, not a Response`);
		return res;
	} catch (e: any) {
		console.error(`${e?.stack ?? e}`);
		if (options.onError) {
			try {
				return await options.onError(e);
			} catch (e2: any) {
				console.error(`onError: ${e2?.stack ?? e2}`);
			}
		}
		return workerError();
	}
}

const realServe = D.serve.bind(D);

// Deno.serve(handler) | Deno.serve(options, handler) | Deno.serve({ handler, ...options }). The port,
// hostname or socket the function asks for mean nothing here, as in edge-runtime.
function serve(a: unknown, b?: unknown) {
	if (typeof a === 'function') [handler, options] = [a as Handler, {}];
	else if (typeof b === 'function') [handler, options] = [b as Handler, (a ?? {}) as ServeOptions];
	else if (a && typeof (a as ServeOptions).handler === 'function') [handler, options] = [(a as ServeOptions).handler, a as ServeOptions];
	else throw new TypeError('Deno.serve() needs a handler function');
	if (server) return server;
	exitWithTheStack();
	server = realServe(
		{
			hostname: '127.0.0.1',
			port: 0,
			onListen(addr: { port: number }) {
				port = addr.port;
				announce();
				try {
					options.onListen?.(addr);
				} catch (e: any) {
					console.error(`onListen: ${e?.stack ?? e}`);
				}
			},
			// Deno's last resort (a body that fails mid-stream); serveOne already catches handler throws.
			onError(e: any) {
				console.error(`${e?.stack ?? e}`);
				return workerError();
			},
		},
		serveOne,
	);
	options.signal?.addEventListener('abort', () => server.shutdown());
	return server;
}
Object.defineProperty(D, 'serve', { value: serve, configurable: true, writable: true });

(globalThis as any).EdgeRuntime = {
	/** Runs the work past the response without holding it back; a failure is logged, not fatal. */
	waitUntil(promise: Promise<unknown>) {
		Promise.resolve(promise).catch((e) => console.error(`EdgeRuntime.waitUntil: ${e?.stack ?? e}`));
		return promise;
	},
	scheduleTermination() {},
};

// Failures in background work are logged and the worker keeps serving, instead of Deno's default of
// exiting. Until the module has loaded they still end the process: a top-level throw is a boot error.
globalThis.addEventListener('unhandledrejection', (e: any) => {
	if (!loaded) return;
	e.preventDefault();
	console.error(`Unhandled promise rejection: ${e.reason?.stack ?? e.reason}`);
});
globalThis.addEventListener('error', (e: any) => {
	if (!loaded) return;
	e.preventDefault();
	console.error(`Uncaught error: ${e.error?.stack ?? e.message}`);
});

// The stack holds our stdin open; when it goes away (even killed hard) so does the worker.
let watching = false;
async function exitWithTheStack() {
	if (watching) return;
	watching = true;
	try {
		for await (const _ of D.stdin.readable) {
			// the stack never writes; reading only waits for the end
		}
	} catch {
		// a closed pipe ends the wait just the same
	}
	D.exit(0);
}

// 'load' comes once the function's module (and its top-level await) has run, but Deno reports a
// module that threw only a turn or two later: the module counts as loaded after that. Nothing
// asynchronous starts before 'load': Deno would run it to completion before the function's module.
globalThis.addEventListener('load', () => {
	exitWithTheStack();
	setTimeout(() =>
		setTimeout(() => {
			if (!handler) {
				console.error(`The function "${NAME}" did not call Deno.serve() while loading`);
				D.exit(1);
			}
			loaded = true;
			announce();
		}),
	);
});
