// Bytes as Chromium transfers them, for tests/bench/site.mjs: a built site served by a small static
// server (gzip for text, as GitHub Pages and every CDN serve it), a page opened in a fresh browser
// context (empty cache) and every response's encodedDataLength from CDP's Network.loadingFinished
// summed (headers plus body as sent: DevTools' "transferred"). Requests made by workers are not on
// the page's CDP session; Playwright reports them, with the same sizes, and they are added.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.xml': 'application/xml',
	'.txt': 'text/plain',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.webp': 'image/webp',
	'.ico': 'image/x-icon',
	'.wasm': 'application/wasm',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.xml', '.txt']);

/** Serves `dist` on a free loopback port; gzips text when the browser accepts it. */
export async function serve(dist) {
	const cache = new Map();
	const server = createServer((req, res) => {
		const path = join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname));
		const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
		if (!file.startsWith(dist) || !existsSync(file)) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
		const ext = extname(file);
		// Pagefind's index files (pagefind.*.pf_meta, pf_index, pf_fragment) are gzipped already.
		const headers = { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
		let body = readFileSync(file);
		if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
			if (!cache.has(file)) cache.set(file, gzipSync(body, { level: 9 }));
			body = cache.get(file);
			headers['content-encoding'] = 'gzip';
		}
		res.writeHead(200, headers).end(body);
	});
	await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
	return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * Opens a fresh context on `url` and records what it transfers. `mark(name)` starts a new phase:
 * what finishes afterwards counts for that phase. `settle()` waits until no request is in flight
 * for `quietMs`. Returns the records ({ url, type, bytes, phase }) through `records()`.
 */
export async function recorder(browser) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	let phase = 'load';
	const pending = new Map();
	const records = [];
	const pageUrls = [];
	const stuck = [];
	let lastActivity = performance.now();
	cdp.on('Network.requestWillBeSent', (e) => {
		if (e.request.url.startsWith('data:')) return;
		pending.set(e.requestId, { url: e.request.url, type: e.type });
		lastActivity = performance.now();
	});
	cdp.on('Network.responseReceived', (e) => {
		const p = pending.get(e.requestId);
		if (p) p.mime = e.response.mimeType;
	});
	cdp.on('Network.loadingFinished', (e) => {
		const p = pending.get(e.requestId);
		if (!p) return;
		pending.delete(e.requestId);
		lastActivity = performance.now();
		records.push({ url: p.url, type: kindOf(p.url, p.mime, p.type), bytes: e.encodedDataLength, phase });
		pageUrls.push(p.url);
	});
	cdp.on('Network.loadingFailed', (e) => {
		pending.delete(e.requestId);
		lastActivity = performance.now();
	});
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

	// Workers' requests: Playwright sees them, the page's CDP session does not.
	const workerRecords = [];
	let workers = 0;
	page.on('worker', () => workers++);
	const workerPending = new Set();
	// A worker's own script is requested on the page's session but finishes on the worker's: done here.
	const settled = (url) => {
		for (const [id, p] of pending) if (p.url === url) return void pending.delete(id);
	};
	context.on('requestfailed', (req) => settled(req.url()));
	context.on('requestfinished', (req) => {
		settled(req.url());
		lastActivity = performance.now();
		const phaseNow = phase;
		const done = req.sizes().then((s) => {
			workerRecords.push({ url: req.url(), type: kindOf(req.url(), '', req.resourceType()), bytes: s.responseBodySize + s.responseHeadersSize, phase: phaseNow });
		}, () => {});
		workerPending.add(done);
		done.finally(() => workerPending.delete(done));
	});

	return {
		page,
		mark(name) {
			phase = name;
			// What the next step starts may take a moment to reach the network: the quiet counts from here.
			lastActivity = performance.now();
		},
		async settle(quietMs = 700, maxMs = 30_000) {
			const start = performance.now();
			for (;;) {
				await new Promise((r) => setTimeout(r, 100));
				const now = performance.now();
				if (pending.size === 0 && now - lastActivity >= quietMs) break;
				if (now - start > maxMs) {
					stuck.push(...[...pending.values()].map((p) => p.url));
					break;
				}
			}
			await Promise.all([...workerPending]);
		},
		records() {
			// A request Playwright saw beyond the page's own (by URL, counting repeats) came from a worker.
			const left = new Map();
			for (const u of pageUrls) left.set(u, (left.get(u) ?? 0) + 1);
			const fromWorkers = workerRecords.filter((r) => {
				const n = left.get(r.url) ?? 0;
				if (n > 0) {
					left.set(r.url, n - 1);
					return false;
				}
				return true;
			});
			return { records: [...records, ...fromWorkers.map((r) => ({ ...r, worker: true }))], workers, workerRequests: fromWorkers.length, stuck };
		},
		close: () => context.close(),
	};
}

function kindOf(url, mime = '', cdpType = '') {
	const path = new URL(url).pathname;
	if (/javascript/.test(mime) || /\.m?js$/.test(path) || /^script$/i.test(cdpType)) return 'js';
	if (/css/.test(mime) || path.endsWith('.css')) return 'css';
	if (/html/.test(mime)) return 'html';
	if (/font/.test(mime) || /\.woff2?$/.test(path)) return 'font';
	if (path.endsWith('.wasm') || /wasm/.test(mime)) return 'wasm';
	if (path.startsWith('/pagefind/')) return 'pagefind';
	if (/^image\//.test(mime)) return 'image';
	return 'other';
}

export const sum = (records, pred = () => true) => records.filter(pred).reduce((n, r) => n + r.bytes, 0);
export const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
