// `npm run bench:site` (part of `npm run bench`): builds a generated corpus of 1,000 articles
// (BENCH_ARTICLES) with Mostrador's site and with a plain Starlight project, and compares them:
// - build time: BENCH_BUILDS (3) cold builds of each, alternated (ours, plain, plain, ours, …) so that
//   the machine's load falls on both alike; medians, and the medians of Astro's own phase timings;
// - bytes, as Chromium transfers them (transfer.mjs: gzip served, CDP's encodedDataLength, workers
//   included), BENCH_RUNS (5) times per site, alternated, medians: an article page's load; the
//   JavaScript after scrolling it to the end as an anonymous reader; what opening "Abrir un ticket
//   sobre este artículo" then loads; and what Pagefind fetches to answer a fixed first query.
// The widgets' backend is pointed at a closed port: what is measured is what the page downloads,
// not what the backend answers. Exits 1 when a target is missed or a figure cannot be measured.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeCorpus } from './corpus.mjs';
import { median, recorder, serve, sum } from './transfer.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const count = Number(process.env.BENCH_ARTICLES ?? 1000);
const builds = Number(process.env.BENCH_BUILDS ?? 3);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const TARGET = { build: 1.15, article: 1.05, js: 15 * 1024 };
const ARTICLE = '/guias/articulo-0000/';
const QUERY = 'certificado';
const work = join(root, 'tests/.tmp/bench');
rmSync(work, { recursive: true, force: true });

// Mostrador: the real config over a content folder holding the corpus and the real programme data.
const oursContent = join(work, 'ours/content');
cpSync(join(root, 'content/support'), join(oursContent, 'support'), { recursive: true });
writeCorpus(join(oursContent, 'docs'), count);
writeFileSync(join(oursContent, 'docs/index.md'), '---\ntitle: Inicio\ndescription: Inicio\ntype: guide\nproduct: general\nupdated: 2026-10-01\n---\n\nInicio.\n');

// Plain Starlight: the same corpus in src/content/docs, Starlight's defaults with the same two
// locales (so it builds the same pages, English fallbacks included) and nothing else.
const plain = join(work, 'plain');
mkdirSync(join(plain, 'src/content'), { recursive: true });
cpSync(join(oursContent, 'docs'), join(plain, 'src/content/docs'), { recursive: true });
writeFileSync(
	join(plain, 'astro.config.mjs'),
	"import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nexport default defineConfig({ site: 'https://example.com', integrations: [starlight({ title: 'Plain', defaultLocale: 'root', locales: { root: { label: 'Español', lang: 'es' }, en: { label: 'English', lang: 'en' } } })] });\n",
);
writeFileSync(
	join(plain, 'src/content.config.ts'),
	"import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n",
);

const sites = {
	ours: {
		label: 'mostrador',
		cwd: root,
		dist: join(work, 'ours/dist'),
		cache: join(work, 'ours/cache'),
		// Port 9 (discard) is closed on loopback: the islands' requests fail fast and cost no bytes.
		env: { MOSTRADOR_CONTENT_DIR: oursContent, MOSTRADOR_OUT_DIR: join(work, 'ours/dist'), MOSTRADOR_CACHE_DIR: join(work, 'ours/cache'), PUBLIC_SUPABASE_URL: 'http://127.0.0.1:9' },
	},
	plain: { label: 'plain starlight', cwd: plain, dist: join(plain, 'dist'), cache: join(plain, 'node_modules/.astro'), env: {} },
};

/** Seconds in one of Astro's and Vite's "in 139ms" / "in 1.24s" / "in 2m 5s" figures. */
function secondsOf(s) {
	const m = /^(\d+)m (\d+)s$/.exec(s);
	if (m) return Number(m[1]) * 60 + Number(m[2]);
	return s.endsWith('ms') ? Number(s.slice(0, -2)) / 1000 : Number(s.slice(0, -1));
}
const PHASES = [
	['content sync + types', /\[types\] Generated (\d+m \d+s|[\d.]+m?s)/],
	['collect build info', /\[build\] ✓ Completed in (\d+m \d+s|[\d.]+m?s)\./],
	['vite bundles', /\[vite\] ✓ built in (\d+m \d+s|[\d.]+m?s)/g],
	['render pages', /^\S+ ✓ Completed in (\d+m \d+s|[\d.]+m?s)\./m],
	['pagefind', /Finished building search index in (\d+m \d+s|[\d.]+m?s)\./],
	["astro's total", /page\(s\) built in (\d+m \d+s|[\d.]+m?s)/],
];

/**
 * A cold build (no content-layer cache, as in CI): wall seconds, CPU seconds (user + system, Pagefind
 * included: less swayed than the wall clock by what else the machine runs) and Astro's phase timings.
 */
function build(site) {
	rmSync(site.cache, { recursive: true, force: true });
	const start = performance.now();
	const timed = 'TIMEFORMAT="BENCH_CPU %U %S"; time "$0" "$@"';
	const r = spawnSync('bash', ['-c', timed, process.execPath, join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: site.cwd, encoding: 'utf8', env: { ...process.env, ...site.env } });
	const seconds = (performance.now() - start) / 1000;
	const cpu = /BENCH_CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
	if (r.status !== 0) {
		console.error(r.stdout.slice(-3000), r.stderr.slice(-3000));
		throw new Error(`build failed in ${site.cwd}`);
	}
	const phases = {};
	for (const [name, re] of PHASES) {
		const found = re.global ? [...r.stdout.matchAll(re)] : [re.exec(r.stdout)].filter(Boolean);
		if (found.length) phases[name] = found.reduce((n, m) => n + secondsOf(m[1]), 0);
	}
	return { seconds, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, phases };
}

function htmlPages(dir) {
	return readdirSync(dir).flatMap((n) => {
		const p = join(dir, n);
		if (statSync(p).isDirectory()) return n === 'pagefind' || n === '_astro' ? [] : htmlPages(p);
		return n.endsWith('.html') ? [p] : [];
	});
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const spread = (xs) => (Math.min(...xs) === Math.max(...xs) ? 'identical in every run' : `runs ${kb(Math.min(...xs))}–${kb(Math.max(...xs))}`);
const verdict = (ok) => (ok ? 'OK' : 'MISSED');
let failed = false;

// Build time, interleaved: ABBA… so neither side always builds first (or on a warmer disk cache).
console.log(`site: ${count} generated articles; ${builds} cold builds of each site, alternated`);
const times = { ours: [], plain: [] };
for (let i = 0; i < builds; i++) {
	for (const key of i % 2 ? ['plain', 'ours'] : ['ours', 'plain']) {
		const b = build(sites[key]);
		times[key].push(b);
		console.log(`  build ${i + 1} ${sites[key].label.padEnd(16)} ${b.seconds.toFixed(1)} s (CPU ${b.cpu.toFixed(1)} s)`);
	}
}
const wall = (key) => median(times[key].map((b) => b.seconds));
const phase = (key, name) => median(times[key].map((b) => b.phases[name] ?? 0));
const pages = { ours: htmlPages(sites.ours.dist).length, plain: htmlPages(sites.plain.dist).length };
const buildRatio = wall('ours') / wall('plain');
console.log('site: build phases, medians (s)      mostrador   plain');
for (const [name] of PHASES) console.log(`  ${name.padEnd(32)} ${phase('ours', name).toFixed(2).padStart(9)} ${phase('plain', name).toFixed(2).padStart(7)}`);
console.log(`  ${'wall clock'.padEnd(32)} ${wall('ours').toFixed(2).padStart(9)} ${wall('plain').toFixed(2).padStart(7)}`);
const cpu = (key) => median(times[key].map((b) => b.cpu));
console.log(`  ${'CPU (user + system)'.padEnd(32)} ${cpu('ours').toFixed(2).padStart(9)} ${cpu('plain').toFixed(2).padStart(7)}`);
console.log(`site: pages ours ${pages.ours} (${(pages.ours / wall('ours')).toFixed(1)} pages/s), plain ${pages.plain} (${(pages.plain / wall('plain')).toFixed(1)} pages/s)`);
console.log(`site: build ${buildRatio.toFixed(2)}× plain (ours ${wall('ours').toFixed(1)} s, plain ${wall('plain').toFixed(1)} s; medians of ${builds}) — target ≤ ${TARGET.build}×: ${verdict(buildRatio <= TARGET.build)}`);
console.log(`site: build CPU ${(cpu('ours') / cpu('plain')).toFixed(2)}× plain (ours ${cpu('ours').toFixed(1)} s, plain ${cpu('plain').toFixed(1)} s; medians of ${builds})`);
failed ||= buildRatio > TARGET.build;

// Bytes in Chromium.
const { chromiumPath } = await import('../e2e/chromium.ts');
if (!chromiumPath()) {
	console.log('site: bytes: FAILED: no Chromium to measure them in (set CHROMIUM_PATH)');
	process.exit(1);
}
const { chromium } = await import('@playwright/test');
const browser = await chromium.launch({
	executablePath: chromiumPath(),
	args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const servers = { ours: await serve(sites.ours.dist), plain: await serve(sites.plain.dist) };

/** One reader: opens the article, scrolls to its end, opens the ticket form when there is one. */
async function reading(key) {
	const rec = await recorder(browser);
	try {
		await rec.page.goto(servers[key].url + ARTICLE, { waitUntil: 'load' });
		await rec.settle();
		rec.mark('scroll');
		await rec.page.evaluate(async () => {
			for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
				scrollTo(0, y);
				await new Promise((r) => setTimeout(r, 50));
			}
			scrollTo(0, document.documentElement.scrollHeight);
		});
		await rec.settle();
		let ticket;
		const open = rec.page.getByRole('button', { name: 'Abrir un ticket sobre este artículo' });
		if (await open.count()) {
			rec.mark('ticket');
			await open.click();
			// The panel opens at once (the sign-in step, the loading state or the form); what it fetches follows.
			const opened = await rec.page.locator('#ticket-launcher-panel').waitFor({ state: 'visible', timeout: 15_000 }).then(
				() => true,
				() => false,
			);
			await rec.settle();
			if (opened) ticket = sum(rec.records().records, (r) => r.phase === 'ticket');
		}
		const { records } = rec.records();
		return {
			article: sum(records, (r) => r.phase === 'load'),
			byType: Object.fromEntries(['html', 'css', 'js', 'font', 'image', 'other'].map((t) => [t, sum(records, (r) => r.phase === 'load' && r.type === t)])),
			js: sum(records, (r) => r.phase !== 'ticket' && r.type === 'js'),
			ticket,
		};
	} finally {
		await rec.close();
	}
}

/** A first search: the article loaded, then Pagefind's own API asked one fixed query. */
async function searching(key) {
	const rec = await recorder(browser);
	try {
		await rec.page.goto(servers[key].url + ARTICLE, { waitUntil: 'load' });
		await rec.settle();
		rec.mark('search');
		const hits = await rec.page.evaluate(async (q) => {
			const pf = await import('/pagefind/pagefind.js');
			await pf.init();
			const r = await pf.search(q);
			await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
			return r.results.length;
		}, QUERY);
		await rec.settle();
		const { records, workerRequests } = rec.records();
		return { bytes: sum(records, (r) => new URL(r.url).pathname.startsWith('/pagefind/')), hits, workerRequests };
	} finally {
		await rec.close();
	}
}

const measured = { ours: [], plain: [] };
try {
	for (let i = 0; i < runs; i++) {
		for (const key of i % 2 ? ['plain', 'ours'] : ['ours', 'plain']) {
			measured[key].push({ ...(await reading(key)), search: await searching(key) });
		}
	}
} finally {
	await browser.close();
	await Promise.all(Object.values(servers).map((s) => s.close()));
}

const m = (key, f) => median(measured[key].map(f));
const all = (key, f) => measured[key].map(f);
const articleRatio = m('ours', (r) => r.article) / m('plain', (r) => r.article);
const types = (key) => Object.keys(measured[key][0].byType).filter((t) => m(key, (r) => r.byType[t])).map((t) => `${t} ${kb(m(key, (r) => r.byType[t]))}`).join(', ');
console.log(`site: bytes as Chromium transferred them (gzip), medians of ${runs} runs per site, alternated`);
console.log(`site: article transfer ${articleRatio.toFixed(2)}× plain (ours ${kb(m('ours', (r) => r.article))}, plain ${kb(m('plain', (r) => r.article))}) — target ≤ ${TARGET.article}×: ${verdict(articleRatio <= TARGET.article)}`);
console.log(`  ours:  ${types('ours')}; ${spread(all('ours', (r) => r.article))}`);
console.log(`  plain: ${types('plain')}; ${spread(all('plain', (r) => r.article))}`);
failed ||= articleRatio > TARGET.article;
// Plain Starlight alone loads more than the target (Pagefind's UI, the TOC): the target is our share.
const js = m('ours', (r) => r.js);
const ownJs = js - m('plain', (r) => r.js);
console.log(
	`site: JS after scrolling to the end, anonymous reader: ours ${kb(js)} = plain's ${kb(m('plain', (r) => r.js))} + ${kb(ownJs)} of ours — target ≤ ${kb(TARGET.js)} of ours: ${verdict(ownJs <= TARGET.js)} (${spread(all('ours', (r) => r.js))})`,
);
failed ||= ownJs > TARGET.js;
const tickets = all('ours', (r) => r.ticket).filter((n) => n !== undefined);
if (tickets.length === runs) console.log(`site: ticket form, signed out: ${kb(median(tickets))} more after clicking "Abrir un ticket sobre este artículo" (${spread(tickets)})`);
else {
	console.log(`site: ticket form: FAILED: the article's "Abrir un ticket sobre este artículo" button opened its panel in ${tickets.length} of ${runs} runs`);
	failed = true;
}
const pf = (key) => m(key, (r) => r.search.bytes);
console.log(
	`site: Pagefind first query "${QUERY}" (${measured.ours[0].search.hits} hits, 5 excerpts): ours ${kb(pf('ours'))} (${spread(all('ours', (r) => r.search.bytes))}), plain ${kb(pf('plain'))} (${spread(all('plain', (r) => r.search.bytes))}), ${(pf('ours') / pf('plain')).toFixed(2)}×; ${measured.ours[0].search.workerRequests} of its requests come from Pagefind's worker`,
);
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
if (failed) process.exitCode = 1;
