// `npm test`: every runner in turn — the type check, vitest (schemas, content, real builds), the site build, then
// Playwright against the built site in the system Chromium — and one closing line that sums them:
// "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'tests/.tmp/reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const node = process.execPath;
const totals = { passed: 0, failed: 0 };
const run = (args, env = {}) => spawnSync(node, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status;
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

function section(title) {
	console.log(`\n=== ${title} ===\n`);
}

section('type check: tsc for the site, tests and stand-in; deno check for every edge function');
if (run(['src/cli/type-check.ts']) !== 0) {
	totals.failed += 1;
	console.error('The type check failed (npm run typecheck shows it alone).');
}

section('vitest: schemas, content, builds');
const vitestJson = join(reports, 'vitest.json');
const vitestStatus = run(['node_modules/vitest/vitest.mjs', 'run', '--config', 'tests/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
	totals.passed += vitest.numPassedTests;
	totals.failed += vitest.numFailedTests + (vitest.numRuntimeErrorTestSuites ?? 0);
} else if (vitestStatus !== 0) totals.failed += 1;

section('site build');
const buildStatus = run(['node_modules/astro/bin/astro.mjs', 'build']);
if (buildStatus !== 0) {
	totals.failed += 1;
	console.error('The site did not build; the browser tests need it.');
} else {
	section('playwright: the built site in Chromium');
	const { chromiumPath, CHROMIUM_HELP } = await import('./e2e/chromium.ts');
	if (!chromiumPath()) {
		console.error(CHROMIUM_HELP);
		totals.failed += 1;
	} else {
		const pwJson = join(reports, 'playwright.json');
		const pwStatus = run(['node_modules/@playwright/test/cli.js', 'test', '-c', 'tests/playwright.config.ts'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
		const pw = readJson(pwJson);
		if (pw?.stats) {
			totals.passed += pw.stats.expected + pw.stats.flaky;
			totals.failed += pw.stats.unexpected;
		} else if (pwStatus !== 0) totals.failed += 1;
	}
}

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
