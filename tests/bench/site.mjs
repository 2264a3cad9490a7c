// `npm run bench`: builds a generated corpus of 1,000 articles with Mostrador's site and, in the same
// run, with a plain Starlight project, and prints build time, pages/s, the gzipped JavaScript an
// article page loads before any interaction, and the bytes Pagefind fetches for a first query.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeCorpus } from './corpus.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const count = Number(process.env.BENCH_ARTICLES ?? 1000);
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

function build(cwd, env) {
	const start = performance.now();
	const r = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
	const seconds = (performance.now() - start) / 1000;
	if (r.status !== 0) {
		console.error(r.stdout.slice(-3000), r.stderr.slice(-3000));
		throw new Error(`build failed in ${cwd}`);
	}
	return seconds;
}

function htmlPages(dir) {
	return readdirSync(dir).flatMap((n) => {
		const p = join(dir, n);
		if (statSync(p).isDirectory()) return n === 'pagefind' || n === '_astro' ? [] : htmlPages(p);
		return n.endsWith('.html') ? [p] : [];
	});
}

/** Gzipped bytes of the JavaScript a page runs on load: its scripts and their static imports. */
function initialJs(dist, page) {
	const html = readFileSync(page, 'utf8');
	const seen = new Set();
	let bytes = gzipSync(Buffer.from([...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n'))).length;
	const queue = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
	while (queue.length) {
		const url = queue.shift();
		if (!url.startsWith('/') || seen.has(url)) continue;
		seen.add(url);
		const file = join(dist, url);
		if (!existsSync(file)) continue;
		const js = readFileSync(file);
		bytes += gzipSync(js).length;
		// Static imports only: dynamic import() waits for an interaction or idle time.
		for (const m of js.toString().matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
			queue.push(new URL(m[1], `http://x${url}`).pathname);
		}
	}
	return bytes;
}

/** Bytes Pagefind fetches to answer a first query in Chromium (pagefind.js, wasm, metadata, chunks). */
async function firstQueryBytes(dist, query) {
	const { chromium } = await import('@playwright/test');
	const { chromiumPath } = await import('../e2e/chromium.ts');
	if (!chromiumPath()) return undefined;
	const { createServer } = await import('node:http');
	const server = createServer((req, res) => {
		const path = join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname));
		const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
		if (!file.startsWith(dist) || !existsSync(file)) return res.writeHead(404).end();
		const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.wasm') || file.includes('.pf_') ? 'application/octet-stream' : file.endsWith('.json') ? 'application/json' : 'text/html';
		res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'] });
	try {
		const page = await browser.newPage();
		let bytes = 0;
		page.on('response', async (res) => {
			if (new URL(res.url()).pathname.startsWith('/pagefind/')) bytes += (await res.body().catch(() => Buffer.alloc(0))).length;
		});
		await page.goto(`http://127.0.0.1:${server.address().port}/`);
		await page.evaluate(async (q) => {
			const pf = await import('/pagefind/pagefind.js');
			await pf.init();
			const r = await pf.search(q);
			await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
		}, query);
		await page.waitForLoadState('networkidle');
		return bytes;
	} finally {
		await browser.close();
		server.close();
	}
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const article = 'guias/articulo-0000/index.html';

console.log(`Building ${count} generated articles…`);
const oursDist = join(work, 'ours/dist');
const oursSeconds = build(root, { MOSTRADOR_CONTENT_DIR: oursContent, MOSTRADOR_OUT_DIR: oursDist, MOSTRADOR_CACHE_DIR: join(work, 'ours/cache') });
const plainSeconds = build(plain, {});
const plainDist = join(plain, 'dist');

const rows = [];
for (const [name, dist, seconds] of [['mostrador', oursDist, oursSeconds], ['plain starlight', plainDist, plainSeconds]]) {
	const pages = htmlPages(dist).length;
	rows.push({ name, seconds, pages, pagesPerSecond: pages / seconds, js: initialJs(dist, join(dist, article)), pagefind: await firstQueryBytes(dist, 'certificado') });
}
const [ours, base] = rows;
console.log('');
for (const r of rows) {
	console.log(`${r.name.padEnd(16)} build ${r.seconds.toFixed(1)} s  ${r.pages} pages  ${r.pagesPerSecond.toFixed(1)} pages/s  article JS before interaction ${kb(r.js)} gz  Pagefind first query ${r.pagefind === undefined ? 'n/a (no Chromium)' : kb(r.pagefind)}`);
}
console.log('');
console.log(`ratio mostrador/plain: build time ${(ours.seconds / base.seconds).toFixed(2)}x, article JS ${(ours.js / base.js).toFixed(2)}x (+${kb(ours.js - base.js)}), Pagefind first query ${ours.pagefind && base.pagefind ? (ours.pagefind / base.pagefind).toFixed(2) + 'x' : 'n/a'}`);
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
