// Keeps one warm worker per function, as edge-runtime keeps user workers alive between requests:
// started on the first request, replaced when the function's files change (checked on each request,
// the way `supabase functions serve` reloads on save) or when it has died.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { SUPABASE_DIR, type StackConfig } from '../config.ts';
import { fingerprint, type FunctionSource } from './locate.ts';
import { workerEnv } from './env.ts';
import { FunctionWorker } from './worker.ts';

const PROJECT_ROOT = resolve(SUPABASE_DIR, '..');
const HOST_SCRIPT = join(import.meta.dirname, 'host.ts');
/** Loading a large npm graph the first time can take a while; a boot that takes longer has hung. */
const MIN_BOOT_TIMEOUT_MS = 30_000;

/** The Deno binary of the `deno` npm package (a devDependency), installing it on first use if needed. */
function denoBinary(): string {
	const require = createRequire(import.meta.url);
	const dir = dirname(require.resolve('deno/package.json'));
	const exe = join(dir, process.platform === 'win32' ? 'deno.exe' : 'deno');
	if (existsSync(exe)) return exe;
	return require(join(dir, 'install_api.cjs')).runInstall() as string;
}

export interface PoolOptions {
	config: StackConfig;
	dbUrl: string;
	log(line: string): void;
}

export class WorkerPool {
	private readonly workers = new Map<string, FunctionWorker>();
	private readonly opts: PoolOptions;
	private readonly dataDir: string;
	private deno?: string;

	constructor(opts: PoolOptions) {
		this.opts = opts;
		this.dataDir = join(opts.config.dataDir, 'functions');
	}

	/**
	 * A booted worker running the current code of `src`, with a hold() taken for the caller's request.
	 * Rejects with BootError when it cannot come up.
	 */
	async acquire(src: FunctionSource): Promise<FunctionWorker> {
		const print = await fingerprint(src);
		let worker = this.workers.get(src.name);
		if (worker && (!worker.alive || worker.fingerprint !== print || worker.source.dir !== src.dir)) {
			if (worker.alive) this.opts.log(`functions/${src.name}: files changed, restarting the worker`);
			this.workers.delete(src.name);
			worker.retire();
			worker = undefined;
		}
		if (!worker) {
			worker = this.spawn(src, print);
			this.workers.set(src.name, worker);
		}
		worker.hold();
		try {
			await worker.ready;
		} catch (e) {
			worker.release();
			if (this.workers.get(src.name) === worker) this.workers.delete(src.name);
			throw e;
		}
		return worker;
	}

	/** The function is gone (its folder was deleted): its worker goes once it has answered. */
	forget(name: string): void {
		this.workers.get(name)?.retire();
		this.workers.delete(name);
	}

	/** Kills a worker at once (it hung): the next request boots a fresh one. */
	discard(worker: FunctionWorker): void {
		if (this.workers.get(worker.source.name) === worker) this.workers.delete(worker.source.name);
		worker.kill();
	}

	async stop(): Promise<void> {
		const all = [...this.workers.values()];
		this.workers.clear();
		for (const w of all) w.kill();
		await Promise.all(all.map((w) => w.exited));
	}

	/** Every worker, for a synchronous last-chance kill when Node exits. */
	killAll(): void {
		for (const w of this.workers.values()) w.kill();
	}

	private spawn(src: FunctionSource, print: string): FunctionWorker {
		const { config } = this.opts;
		this.deno ??= denoBinary();
		const denoDir = join(this.dataDir, 'deno');
		const tmpDir = join(this.dataDir, 'tmp', src.name);
		mkdirSync(denoDir, { recursive: true });
		mkdirSync(tmpDir, { recursive: true });
		this.opts.log(`functions/${src.name}: starting a worker for ${src.entry}`);
		return new FunctionWorker({
			source: src,
			fingerprint: print,
			deno: this.deno,
			hostScript: HOST_SCRIPT,
			cwd: PROJECT_ROOT,
			env: {
				...workerEnv({ config, dbUrl: this.opts.dbUrl, envFile: join(src.root, '.env'), denoDir, tmpDir, log: this.opts.log }),
				SUPABASE_INTERNAL_FUNCTION: src.name,
			},
			allowRead: [...new Set([PROJECT_ROOT, ...config.functions.dirs, tmpDir])],
			allowWrite: [tmpDir],
			bootTimeoutMs: Math.max(MIN_BOOT_TIMEOUT_MS, config.functions.timeoutMs),
			log: this.opts.log,
		});
	}
}
