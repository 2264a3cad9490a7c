// `npm run bench`: every part of the bench, one after the other, each in its own process, so that one
// that crashes or misses its target does not skip the others (they used to be chained with &&).
// Prints each part's output as it comes, then a summary, and exits 1 when any part failed or is
// missing. `node tests/bench/run.mjs sweep stack` runs only the parts named. BENCH_PART_TIMEOUT_S
// (default 3600) stops a part that hangs, so that the others still run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const PARTS = [
	{ name: 'site', file: 'tests/bench/site.mjs', what: 'build time and bytes vs plain Starlight' },
	{ name: 'stack', file: 'tests/bench/stack.ts', what: 'local stack start and list latency' },
	{ name: 'engine', file: 'tests/bench/engine.ts', what: 'business-time engine throughput' },
	{ name: 'sweep', file: 'tests/bench/sweep.ts', what: 'SLA sweep over 100,000 tickets' },
	{ name: 'queue', file: 'tests/bench/queue.ts', what: 'agent queue with staff-only fields' },
	{ name: 'scale', file: 'tests/bench/scale.ts', what: 'queue and list p50/p95 over HTTP at 100,000 tickets' },
];
const timeoutMs = Number(process.env.BENCH_PART_TIMEOUT_S ?? 3600) * 1000;

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !PARTS.some((p) => p.name === w));
if (unknown.length) {
	console.error(`unknown part(s): ${unknown.join(', ')}; the parts are ${PARTS.map((p) => p.name).join(', ')}`);
	process.exit(2);
}
const parts = wanted.length ? PARTS.filter((p) => wanted.includes(p.name)) : PARTS;

// A part's lines that judge a target (OK / MISSED / FAILED), repeated in the summary.
const VERDICT = /\b(OK|MISSED|FAILED)\b|\bmissed\b/;

/** Runs one part with its output passed through; resolves with how it ended and its verdict lines. */
function runPart(part) {
	const file = join(root, part.file);
	if (!existsSync(file)) return Promise.resolve({ status: 'missing', detail: `${part.file} does not exist`, verdicts: [] });
	return new Promise((resolveRun) => {
		const verdicts = [];
		const done = (r) => resolveRun({ ...r, verdicts });
		// Its own process group, so that a timeout also stops what it started (Postgres, Deno, Chromium).
		const child = spawn(process.execPath, [file], { cwd: root, stdio: ['inherit', 'pipe', 'pipe'], detached: true });
		for (const [from, to] of [
			[child.stdout, process.stdout],
			[child.stderr, process.stderr],
		]) {
			let rest = '';
			from.on('data', (chunk) => {
				to.write(chunk);
				const lines = (rest + chunk).split('\n');
				rest = lines.pop();
				verdicts.push(...lines.filter((l) => VERDICT.test(l)).map((l) => l.trim()));
			});
		}
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {}
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			done({ status: 'failed', detail: e.message });
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (timedOut) done({ status: 'failed', detail: `stopped after ${timeoutMs / 1000} s` });
			else if (code === 0) done({ status: 'ok', detail: '' });
			else done({ status: 'failed', detail: signal ? `killed by ${signal}` : `exit code ${code}` });
		});
	});
}

// Ctrl-C reaches the running part's group through the terminal; stop here too instead of going on.
process.on('SIGINT', () => process.exit(130));

const results = [];
for (const part of parts) {
	console.log(`\n=== bench ${part.name}: ${part.what} (${part.file})`);
	const started = performance.now();
	const r = await runPart(part);
	results.push({ ...part, ...r, seconds: (performance.now() - started) / 1000 });
	if (r.status !== 'ok') console.log(`=== bench ${part.name}: ${r.status.toUpperCase()}${r.detail ? ` (${r.detail})` : ''}`);
}

console.log('\n=== bench summary');
for (const r of results) {
	console.log(`  ${r.name.padEnd(7)} ${r.status.padEnd(8)} ${`${r.seconds.toFixed(0)} s`.padStart(6)}${r.detail ? `  ${r.detail}` : ''}`);
	for (const v of r.verdicts) console.log(`          ${v}`);
}
const bad = results.filter((r) => r.status !== 'ok');
console.log(bad.length ? `  ${bad.length} of ${results.length} parts failed or missing: ${bad.map((r) => r.name).join(', ')}` : `  all ${results.length} parts passed`);
process.exitCode = bad.length ? 1 : 0;
