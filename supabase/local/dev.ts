// `npm run dev`: the local stack and `astro dev` together — the site's widgets talk to the stack —
// stopped together on Ctrl-C. The stack runs in this process; Astro in a child that inherits the
// pinned Node.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from './config.ts';
import { startFailureMessage, startStack } from './stack.ts';
import { printBanner } from './banner.ts';

const root = resolve(import.meta.dirname, '../..');
const config = loadConfig();
const started = performance.now();
let stack;
try {
	stack = await startStack(config, { schedule: true, log: (l) => console.log(`[stack] ${l}`) });
} catch (e) {
	console.error(startFailureMessage(e));
	process.exit(1);
}
await printBanner(stack, performance.now() - started);

const astro = spawn(process.execPath, [resolve(root, 'node_modules/astro/bin/astro.mjs'), 'dev', ...process.argv.slice(2)], {
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
