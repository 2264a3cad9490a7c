// One long-lived Deno process serving one function: the stand-in for an edge-runtime user worker
// (supabase/edge-runtime, as `supabase functions serve` runs it). It runs the function's index.ts
// with host.ts preloaded, waits for the loopback port host.ts announces, and proxies requests to it
// unchanged.
// Node's http client is used rather than fetch so bodies pass through byte for byte (fetch would
// decompress a gzip body yet keep its Content-Encoding).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { FunctionSource } from './locate.ts';

/** Must match host.ts. */
const READY_MARKER = '\u0000mostrador-function-listening ';
const STDERR_TAIL_LINES = 40;
/** Not forwarded either way: they describe one connection, not the message. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection']);
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** The worker did not come up: syntax error, failed import, no Deno.serve(), exit while loading. */
export class BootError extends Error {
	readonly detail: string;
	constructor(message: string, detail: string) {
		super(message);
		this.detail = detail;
	}
}
/** The worker gave no response head within the time limit. */
export class WorkerTimeout extends Error {}
/** The worker went away (killed, crashed, out of memory) while a request was in flight. */
export class WorkerGone extends Error {}

export interface WorkerOptions {
	source: FunctionSource;
	fingerprint: string;
	deno: string;
	hostScript: string;
	/** Deno's working folder: the project root, so package.json and node_modules are found. */
	cwd: string;
	env: Record<string, string>;
	allowRead: string[];
	allowWrite: string[];
	bootTimeoutMs: number;
	log(line: string): void;
}

export class FunctionWorker {
	readonly source: FunctionSource;
	readonly fingerprint: string;
	readonly ready: Promise<void>;
	/** Settles when the process has exited. */
	readonly exited: Promise<void>;
	alive = true;
	private readonly child: ChildProcess;
	private readonly agent = new http.Agent({ keepAlive: true });
	private readonly log: (line: string) => void;
	private readonly stderrTail: string[] = [];
	private port = 0;
	private inflight = 0;
	private retired = false;

	constructor(opts: WorkerOptions) {
		this.source = opts.source;
		this.fingerprint = opts.fingerprint;
		this.log = (line) => opts.log(`functions/${opts.source.name}: ${line}`);
		const args = [
			'run',
			'--quiet',
			'--no-prompt',
			'--no-lock',
			// npm: and bare specifiers resolve from the project's node_modules, also under a deno.json:
			// no npm package is downloaded, so functions run offline with what `npm install` brought.
			'--node-modules-dir=manual',
			// Edge Functions reach the network and read their environment freely (as in edge-runtime).
			'--allow-net',
			'--allow-env',
			// npm packages ask for os facts (hostname, release) that edge-runtime also answers.
			'--allow-sys',
			`--allow-read=${opts.allowRead.join(',')}`,
			`--allow-write=${opts.allowWrite.join(',')}`,
			// The platform's per-worker memory limit (256 MB).
			'--v8-flags=--max-old-space-size=256',
			...(opts.source.denoConfig ? ['--config', opts.source.denoConfig] : opts.source.importMap ? ['--import-map', opts.source.importMap] : []),
			'--preload',
			opts.hostScript,
			opts.source.entry,
		];
		// Its own process group, so stop() takes down anything the worker started as well.
		this.child = spawn(opts.deno, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
		this.child.stdin!.on('error', () => {});

		let announced: (port: number) => void;
		const portAnnounced = new Promise<number>((r) => (announced = r));
		createInterface({ input: this.child.stdout! }).on('line', (line) => {
			const i = line.indexOf(READY_MARKER);
			if (i >= 0) {
				announced(Number(line.slice(i + READY_MARKER.length)));
				if (i > 0) this.log(line.slice(0, i));
			} else if (line) this.log(line);
		});
		// Until the worker listens, stderr is kept (a boot failure reports its tail once); after, it is logged live.
		let booted = false;
		createInterface({ input: this.child.stderr! }).on('line', (line) => {
			if (booted) this.log(line);
			else {
				this.stderrTail.push(line);
				if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
			}
		});

		this.exited = new Promise<void>((resolve) => {
			this.child.once('error', (e) => {
				this.log(`could not start Deno (${opts.deno}): ${e.message}`);
				this.stderrTail.push(e.message);
				this.alive = false;
				resolve();
			});
			// 'close' rather than 'exit': it comes after the last stderr line, which a boot error reports.
			this.child.once('close', (code, signal) => {
				this.alive = false;
				this.agent.destroy();
				if (!this.retired) this.log(`worker exited (${signal ?? `code ${code}`})`);
				resolve();
			});
		});

		let bootTimer: NodeJS.Timeout | undefined;
		const bootFailed = (why: string) => new BootError(why, this.stderrTail.join('\n'));
		this.ready = Promise.race([
			portAnnounced.then((port) => {
				this.port = port;
				booted = true;
				for (const line of this.stderrTail.splice(0)) this.log(line);
			}),
			this.exited.then(() => {
				throw bootFailed('the worker exited while loading');
			}),
			new Promise<never>((_, reject) => {
				bootTimer = setTimeout(() => {
					reject(bootFailed(`the worker did not start listening within ${opts.bootTimeoutMs} ms`));
					this.kill();
				}, opts.bootTimeoutMs);
			}),
		]).finally(() => clearTimeout(bootTimer));
		// Failures surface through the request that awaits ready; this keeps an unawaited one quiet.
		this.ready.catch(() => {});
	}

	/** Keeps the worker from being killed by retire() while a request waits for it to boot. */
	hold(): void {
		this.inflight++;
	}

	release(): void {
		this.inflight--;
		if (this.retired && this.inflight === 0) this.kill();
	}

	/**
	 * Sends one request under a hold() the caller took, and releases it when the exchange is over.
	 * Resolves with the response as soon as its head arrives (the body streams); rejects with
	 * WorkerTimeout when no head comes within timeoutMs, or WorkerGone. After the head, a body that
	 * stays silent for timeoutMs is cut off (the gateway's read timeout).
	 */
	request(req: Request, path: string, headers: Headers, timeoutMs: number): Promise<Response> {
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			this.release();
		};
		const outHeaders: Record<string, string> = {};
		headers.forEach((v, k) => {
			if (!HOP_BY_HOP.has(k)) outHeaders[k] = v;
		});
		return new Promise<Response>((resolve, reject) => {
			const upstream = http.request({ host: '127.0.0.1', port: this.port, method: req.method, path, headers: outHeaders, agent: this.agent });
			const headTimer = setTimeout(() => {
				upstream.destroy();
				finish();
				reject(new WorkerTimeout(`no response within ${timeoutMs} ms`));
			}, timeoutMs);
			upstream.on('error', (e) => {
				clearTimeout(headTimer);
				finish();
				reject(new WorkerGone(e.message));
			});
			upstream.on('response', (res) => {
				clearTimeout(headTimer);
				const out = new Headers();
				for (let i = 0; i < res.rawHeaders.length; i += 2) {
					const k = res.rawHeaders[i];
					if (!HOP_BY_HOP.has(k.toLowerCase())) out.append(k, res.rawHeaders[i + 1]);
				}
				const status = res.statusCode ?? 502;
				if (NULL_BODY_STATUS.has(status) || req.method === 'HEAD') {
					res.resume();
					res.once('end', finish);
					res.once('close', finish);
					resolve(new Response(null, { status, statusText: res.statusMessage, headers: out }));
					return;
				}
				let idle: NodeJS.Timeout | undefined;
				const arm = () => {
					clearTimeout(idle);
					idle = setTimeout(() => res.destroy(new WorkerTimeout(`the response body stalled for ${timeoutMs} ms`)), timeoutMs);
				};
				arm();
				res.on('data', arm);
				res.once('close', () => {
					clearTimeout(idle);
					finish();
				});
				resolve(new Response(Readable.toWeb(res) as ReadableStream, { status, statusText: res.statusMessage, headers: out }));
			});
			if (req.body) {
				const body = Readable.fromWeb(req.body as import('node:stream/web').ReadableStream);
				body.on('error', (e) => upstream.destroy(e));
				body.pipe(upstream);
			} else upstream.end();
		});
	}

	/** Stops taking requests; exits once those in flight are answered. */
	retire(): void {
		this.retired = true;
		if (this.inflight === 0) this.kill();
	}

	kill(): void {
		this.retired = true;
		if (!this.alive || this.child.pid === undefined) return;
		try {
			process.kill(-this.child.pid, 'SIGKILL');
		} catch {
			this.child.kill('SIGKILL');
		}
	}
}
