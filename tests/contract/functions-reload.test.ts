// The local functions runtime's life cycle, which has no Supabase counterpart: a worker per function
// that starts on the first request, stays warm, restarts when the function's files (or the shared
// code, or the .env file) change or when it dies, and goes away with the stack. Runs its own stack
// with a functions folder under tests/.tmp it can edit. Local only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, FunctionsHttpError, type SupabaseClient } from '@supabase/supabase-js';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { local } from './client.ts';
import { loadConfig, type StackConfig } from '../../supabase/local/config.ts';
import type { Stack } from '../../supabase/local/stack.ts';
import { startStackOnFreePorts } from './global-setup.ts';

interface Seen {
	version: string;
	shared: string;
	greeting: string | null;
	pid: number;
}

const handler = (version: string) => `
import { shared } from '../_shared/shared.ts';
Deno.serve((req) => {
	if (new URL(req.url).pathname.endsWith('/exit')) Deno.exit(3);
	return Response.json({ version: '${version}', shared, greeting: Deno.env.get('GREETING') ?? null, pid: Deno.pid });
});
`;

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe.skipIf(!local())('local functions runtime: worker life cycle', () => {
	let dir: string;
	let functions: string;
	let stack: Stack;
	let supabase: SupabaseClient;
	const log: string[] = [];

	/** Writes a file with an mtime in the future, so the change shows even within one clock tick. */
	function write(path: string, text: string): void {
		mkdirSync(join(path, '..'), { recursive: true });
		writeFileSync(path, text);
		const later = new Date(Date.now() + 5_000 + Math.random() * 5_000);
		utimesSync(path, later, later);
	}

	const call = async () => {
		const { data, error } = await supabase.functions.invoke<Seen>('reload');
		expect(error).toBeNull();
		return data!;
	};

	beforeAll(async () => {
		const base = join(process.cwd(), 'tests/.tmp');
		mkdirSync(base, { recursive: true });
		dir = mkdtempSync(join(base, 'functions-reload-'));
		chmodSync(dir, 0o755);
		functions = join(dir, 'functions');
		write(join(functions, '_shared/shared.ts'), `export const shared = 'shared-1';\n`);
		write(join(functions, 'reload/index.ts'), handler('v1'));
		let config!: StackConfig;
		stack = await startStackOnFreePorts(async ({ port, dbPort }) => {
			config = await loadConfig(process.env, { port, dataDir: join(dir, 'data'), functionsDirs: [functions], functionTimeoutMs: 3000 });
			config.dbPort = dbPort;
			return config;
		}, { reset: true, log: (l) => log.push(l) });
		supabase = createClient(config.apiUrl, config.anonKey, { auth: { persistSession: false } });
	}, 120_000);

	afterAll(async () => {
		await stack?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('starts a worker on the first call and keeps it warm', async () => {
		let start = performance.now();
		const first = await call();
		const cold = performance.now() - start;
		start = performance.now();
		const second = await call();
		const warm = performance.now() - start;
		console.log(`functions: cold start ${Math.round(cold)} ms, warm call ${Math.round(warm)} ms`);
		expect(first).toEqual({ version: 'v1', shared: 'shared-1', greeting: null, pid: first.pid });
		expect(second.pid).toBe(first.pid);
		expect(log.filter((l) => l.includes('functions/reload: starting a worker'))).toHaveLength(1);
	});

	it('runs the new code after the function, the shared code or the .env file changes', async () => {
		const before = await call();
		write(join(functions, 'reload/index.ts'), handler('v2'));
		const edited = await call();
		expect(edited).toMatchObject({ version: 'v2', shared: 'shared-1' });
		expect(edited.pid).not.toBe(before.pid);

		write(join(functions, '_shared/shared.ts'), `export const shared = 'shared-2';\n`);
		expect(await call()).toMatchObject({ version: 'v2', shared: 'shared-2', greeting: null });

		write(join(functions, '.env'), `# local secrets\nGREETING="hola \\"mundo\\""\nSUPABASE_URL=http://elsewhere\n`);
		const withEnv = await call();
		expect(withEnv.greeting).toBe('hola "mundo"');
		// SUPABASE_ names belong to the platform: the file cannot override them.
		expect(log.some((l) => l.includes('skipping SUPABASE_URL'))).toBe(true);
		// The old workers are gone, not left running next to the new ones.
		await new Promise((r) => setTimeout(r, 200));
		expect(alive(before.pid)).toBe(false);
		expect(alive(edited.pid)).toBe(false);
	});

	it('answers 546 WORKER_LIMIT when the worker dies mid-request, and boots a new one next time', async () => {
		const before = await call();
		const { error } = await supabase.functions.invoke('reload/exit');
		expect(error).toBeInstanceOf(FunctionsHttpError);
		const res = (error as FunctionsHttpError).context as Response;
		expect(res.status).toBe(546);
		expect(await res.json()).toEqual({ code: 'WORKER_LIMIT', message: 'Worker failed to respond due to a resource limit (please check logs)' });
		const after = await call();
		expect(after.pid).not.toBe(before.pid);
	});

	it('answers 404 once the function is deleted', async () => {
		rmSync(join(functions, 'reload'), { recursive: true });
		const { error } = await supabase.functions.invoke('reload');
		expect(((error as FunctionsHttpError).context as Response).status).toBe(404);
		write(join(functions, 'reload/index.ts'), handler('v3'));
		expect((await call()).version).toBe('v3');
	});

	it('leaves no worker process behind when the stack stops', async () => {
		const { pid } = await call();
		expect(alive(pid)).toBe(true);
		await stack.stop();
		expect(alive(pid)).toBe(false);
	});
});
