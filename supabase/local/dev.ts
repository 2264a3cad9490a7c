// `npm run dev`: the local stack and `astro dev` together — the site's widgets talk to the stack —
// stopped together on Ctrl-C. The stack runs in this process; Astro in a child that inherits the
// pinned Node.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { loadConfig } from './config.ts';
import { startFailureMessage, startStack } from './stack.ts';
import { demoWanted } from './demo/index.ts';
import { printBanner } from './banner.ts';

const root = resolve(import.meta.dirname, '../..');

const isFree = (port: number) =>
	new Promise<boolean>((done) => {
		const probe = createServer();
		probe.once('error', () => done(false));
		probe.listen(port, 'localhost', () => probe.close(() => done(true)));
	});

/**
 * The port the site will be served on: the one given with --port, else the first free one from 4321
 * (where astro dev would go itself), chosen here so the e-mails' links (the functions' SITE_URL) point
 * where the site really is.
 */
async function sitePort(args: string[]): Promise<number> {
	const given = args.indexOf('--port');
	if (given >= 0 && Number(args[given + 1]) > 0) return Number(args[given + 1]);
	for (let port = 4321; port < 4421; port++) if (await isFree(port)) return port;
	return 4321;
}

const astroArgs = process.argv.slice(2);
const port = await sitePort(astroArgs);
if (!astroArgs.includes('--port')) astroArgs.push('--port', String(port));
const config = await loadConfig();
// SITE_URL, when set, says where the site is for everyone; otherwise it is the dev server's.
if (!process.env.SITE_URL) config.email.siteUrl = `http://localhost:${port}`;
const started = performance.now();
let stack;
try {
	stack = await startStack(config, { schedule: true, demo: demoWanted(), log: (l) => console.log(`[stack] ${l}`) });
} catch (e) {
	console.error(startFailureMessage(e));
	process.exit(1);
}
await printBanner(stack, performance.now() - started);

const astro = spawn(process.execPath, [resolve(root, 'node_modules/astro/bin/astro.mjs'), 'dev', ...astroArgs], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, PUBLIC_SUPABASE_URL: config.apiUrl, PUBLIC_SUPABASE_ANON_KEY: config.anonKey },
});

let stopping = false;
async function stop(code = 0) {
	if (stopping) return;
	stopping = true;
	astro.kill('SIGTERM');
	await stack!.stop().catch(() => {});
	process.exit(code);
}
astro.on('exit', (code) => void stop(code ?? 0));
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
