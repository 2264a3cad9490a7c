// Search in `npm run dev`. Pagefind indexes the built HTML, so `astro dev` has no /pagefind/ and the
// search box could only say it is unavailable. This integration builds the same index from the pages
// the dev server itself renders (each article fetched once, handed to Pagefind's Node API as HTML, so
// the filters and metadata the components declare are indexed exactly as in a build), keeps it in
// memory and serves it at /pagefind/; a change under content/ rebuilds it. Only `astro dev` runs it.
import type { AstroIntegration } from 'astro';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { articleRows } from '../cli/generate-seed.ts';

const TYPES: Record<string, string> = {
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.wasm': 'application/wasm',
};

/** Every article's page as the dev server renders it, indexed; undefined entries are pages that failed. */
async function buildIndex(origin: string, log: (m: string) => void): Promise<Map<string, Uint8Array>> {
	const started = performance.now();
	const { index, errors } = await pagefind.createIndex();
	if (!index) throw new Error(errors.join('; '));
	const urls = articleRows().map((r) => (r.slug ? `/${r.slug}/` : '/'));
	let indexed = 0;
	// A few at a time: astro dev renders each page on request.
	for (let i = 0; i < urls.length; i += 4) {
		await Promise.all(
			urls.slice(i, i + 4).map(async (url) => {
				const res = await fetch(origin + url).catch(() => undefined);
				if (!res?.ok) return;
				const added = await index.addHTMLFile({ url, content: await res.text() });
				if (!added.errors.length) indexed++;
			}),
		);
	}
	const { files } = await index.getFiles();
	await index.deleteIndex();
	log(`search index: ${indexed} of ${urls.length} pages in ${Math.round(performance.now() - started)} ms`);
	return new Map(files.map((f) => [`/pagefind/${f.path.replaceAll('\\', '/')}`, f.content]));
}

export function devSearchIndex(): AstroIntegration {
	return {
		name: 'mostrador:dev-search-index',
		hooks: {
			'astro:server:setup': ({ server, logger }) => {
				let files = new Map<string, Uint8Array>();
				let pending: ReturnType<typeof setTimeout> | undefined;
				const rebuild = (delay: number) => {
					clearTimeout(pending);
					pending = setTimeout(() => {
						const address = server.httpServer?.address() as AddressInfo | null;
						if (!address) return;
						buildIndex(`http://localhost:${address.port}`, (m) => logger.info(m))
							.then((built) => (files = built))
							.catch((e) => logger.warn(`search index not built: ${e instanceof Error ? e.message : e}`));
					}, delay);
				};
				server.httpServer?.once('listening', () => rebuild(500));
				server.watcher.on('change', (path) => path.startsWith(join(process.cwd(), 'content')) && rebuild(2000));
				server.middlewares.use((req, res, next) => {
					const path = req.url?.split('?')[0] ?? '';
					const body = path.startsWith('/pagefind/') ? files.get(path) : undefined;
					if (!body) return next();
					res.setHeader('content-type', TYPES[extname(path)] ?? 'application/octet-stream');
					res.setHeader('cache-control', 'no-store');
					res.end(body);
				});
				server.httpServer?.once('close', () => void pagefind.close());
			},
		},
	};
}
