// `npm run stack` (supabase/local/main.ts) as a process, on its own ports and data folder: killed with
// SIGKILL it leaves its PostgreSQL running, and the next start stops that orphan and serves again; a
// plain SIGTERM stops PostgreSQL cleanly; and when it cannot start (a port held by another program, the
// data folder in use by a live stack) it says so in one line and exits non-zero. Local only.
import { describe, expect, it, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { local } from './client.ts';
import { freePort } from './global-setup.ts';
import { loadConfig } from '../../supabase/local/config.ts';

const onlyLocal = !local();

interface Run {
	child: ChildProcess;
	stdout: () => string;
	stderr: () => string;
	exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const runs: Run[] = [];

function start(env: Record<string, string>): Run {
	const child = spawn(process.execPath, ['supabase/local/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (err += d));
	const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
	const run = { child, stdout: () => out, stderr: () => err, exit };
	runs.push(run);
	return run;
}

const running = (run: Run) => run.child.exitCode === null && run.child.signalCode === null;

/** Resolves when the stack answers on `url`; throws if it exits first or takes longer than `ms`. */
async function ready(run: Run, url: string, ms = 25_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (!running(run)) throw new Error(`the stack exited before it was ready: ${run.stderr() || run.stdout()}`);
		try {
			const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
			if ((await res.json())?.name === 'mostrador local stack') return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`the stack did not answer within ${ms} ms: ${run.stdout()}`);
}

async function exited(run: Run, ms = 20_000) {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`still running after ${ms} ms: ${run.stdout()}`)), ms)));
	try {
		return await Promise.race([run.exit, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	// A zombie has exited; only its parent has not collected it yet.
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return true;
	}
}

async function gone(pid: number, ms = 15_000): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (isAlive(pid)) {
		if (Date.now() > deadline) return false;
		await new Promise((r) => setTimeout(r, 100));
	}
	return true;
}

/** The pid in a data folder's postmaster.pid, if any. */
function postmasterPid(dbDir: string): number | undefined {
	const file = join(dbDir, 'postmaster.pid');
	return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

function listen(port: number): Promise<Server> {
	return new Promise((resolve, reject) => {
		const server = createServer((s) => s.destroy());
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(server));
	});
}

describe.skipIf(onlyLocal)('local stack: npm run stack after a hard kill', () => {
	const dir = onlyLocal ? '' : mkdtempSync(join(process.cwd(), 'tests/.tmp/stack-kill-'));
	if (dir) chmodSync(dir, 0o755);
	const dataDir = join(dir, 'data');
	const dbDir = join(dataDir, 'db');
	const postgresPids = new Set<number>();

	afterAll(async () => {
		for (const run of runs) if (running(run)) run.child.kill('SIGKILL');
		// Whatever PostgreSQL is left on this test's own folder (never any other): fast shutdown, then kill.
		const pid = postmasterPid(dbDir);
		if (pid) postgresPids.add(pid);
		for (const p of postgresPids) {
			const cmdline = existsSync(`/proc/${p}/cmdline`) ? readFileSync(`/proc/${p}/cmdline`, 'utf8') : '';
			if (!isAlive(p) || !cmdline.includes(dbDir)) continue;
			process.kill(p, 'SIGINT');
			if (!(await gone(p, 5000))) process.kill(p, 'SIGKILL');
		}
		if (dir) rmSync(dir, { recursive: true, force: true });
	}, 30_000);

	it('stops the PostgreSQL a killed stack left behind, serves again, and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
		const port = await freePort();
		const env = { MOSTRADOR_STACK_PORT: String(port), MOSTRADOR_DB_PORT: String(await freePort()), MOSTRADOR_STACK_DATA: dataDir };
		const url = `http://127.0.0.1:${port}`;

		const first = start(env);
		await ready(first, url);
		const orphan = postmasterPid(dbDir)!;
		expect(orphan).toBeGreaterThan(0);
		postgresPids.add(orphan);
		first.child.kill('SIGKILL');
		await exited(first);
		// Nothing stopped it: the old PostgreSQL still runs and holds the data folder and the port.
		expect(isAlive(orphan)).toBe(true);

		const second = start(env);
		await ready(second, url);
		expect(second.stdout()).toContain(`stopping PostgreSQL (pid ${orphan}) left running on ${dbDir}`);
		expect(isAlive(orphan)).toBe(false);
		const current = postmasterPid(dbDir)!;
		postgresPids.add(current);
		expect(current).not.toBe(orphan);
		const anon = (await loadConfig({ ...process.env, ...env })).anonKey;
		const res = await fetch(`${url}/rest/v1/plans?select=id&id=eq.estandar`, { headers: { apikey: anon, authorization: `Bearer ${anon}` } });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual([{ id: 'estandar' }]);

		// A second stack on other ports but the same data folder must not touch the live one's database.
		const intruder = start({ ...env, MOSTRADOR_STACK_PORT: String(await freePort()), MOSTRADOR_DB_PORT: String(await freePort()) });
		const refused = await exited(intruder);
		expect(refused.code).not.toBe(0);
		expect(intruder.stderr().trim().split('\n')).toHaveLength(1);
		expect(intruder.stderr()).toContain(`PostgreSQL (pid ${current}) on ${dbDir} belongs to a running Node process (pid ${second.child.pid}`);
		expect(isAlive(current)).toBe(true);
		expect((await fetch(`${url}/rest/v1/plans?select=id&id=eq.estandar`, { headers: { apikey: anon, authorization: `Bearer ${anon}` } })).status).toBe(200);

		second.child.kill('SIGTERM');
		const stopped = await exited(second);
		expect(stopped.code === 0 || stopped.signal === 'SIGTERM' || stopped.code === 143).toBe(true);
		// A clean shutdown: PostgreSQL is gone and has removed its own lock file.
		expect(await gone(current)).toBe(true);
		expect(existsSync(join(dbDir, 'postmaster.pid'))).toBe(false);
	});

	it('says in one line which port another program holds, and exits non-zero', { timeout: 60_000 }, async () => {
		const apiPort = await freePort();
		const dbPort = await freePort();
		const env = { MOSTRADOR_STACK_PORT: String(apiPort), MOSTRADOR_DB_PORT: String(dbPort), MOSTRADOR_STACK_DATA: dataDir };
		for (const [held, variable] of [
			[dbPort, 'MOSTRADOR_DB_PORT'],
			[apiPort, 'MOSTRADOR_STACK_PORT'],
		] as const) {
			const holder = await listen(held);
			try {
				const run = start(env);
				const result = await exited(run);
				expect(result.code).toBe(1);
				const lines = run.stderr().trim().split('\n');
				expect(lines).toHaveLength(1);
				expect(lines[0]).toMatch(new RegExp(`^Port ${held}\\b.*is taken by another program.*set ${variable} to another port\\.$`));
				expect(postmasterPid(dbDir)).toBeUndefined();
			} finally {
				await new Promise((r) => holder.close(r));
			}
		}
	});
});
