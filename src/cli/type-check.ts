// `npm run typecheck`: the whole codebase against its types. The site, the tests and the local stack
// with TypeScript (tsconfig.json, after `astro sync` writes the content collections' types); every
// edge function, and the test functions the stand-in serves, with `deno check` the way Supabase's
// runtime compiles them. Exits non-zero on the first failing step;
// tests/run-all.mjs runs it first in `npm test`.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

/** Function entry points under a folder (one index.ts per function; _shared has none). */
function entries(dir: string, skip: string[] = []): string[] {
	return readdirSync(join(root, dir), { withFileTypes: true })
		.filter((d) => d.isDirectory() && !skip.includes(d.name) && existsSync(join(root, dir, d.name, 'index.ts')))
		.map((d) => join(dir, d.name, 'index.ts'));
}

const steps: [string, string, string[]][] = [
	['content collection types', bin('astro'), ['sync']],
	['site, tests and stand-in (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
	[
		'edge functions (deno check)',
		bin('deno'),
		// contract-boot-error exists to fail at boot (it imports a missing module).
		['check', '--quiet', '--no-lock', '--node-modules-dir=manual', ...entries('supabase/functions'), ...entries('tests/contract/functions', ['contract-boot-error'])],
	],
];

for (const [title, command, args] of steps) {
	console.log(`type check: ${title}`);
	const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NO_COLOR: '1' } });
	if (status !== 0) {
		console.error(`type check failed: ${title}`);
		process.exit(1);
	}
}
console.log('type check: passed');
