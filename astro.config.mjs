// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { join } from 'node:path';
import { buildSidebar } from './src/lib/sidebar.ts';
import { contentDir } from './src/lib/support-data.ts';
import es from './src/content/i18n/es.json' with { type: 'json' };
import { REPO_URL } from './src/lib/repository.ts';
import { devSearchIndex } from './src/lib/dev-search-index.ts';

// Where the site is published, overridable per deployment (the repository: src/lib/repository.ts).
const site = process.env.MOSTRADOR_SITE_URL ?? 'https://soporte.quetzal.example';

// @astrojs/preact always hands @preact/preset-vite a Babel config, so every .ts and .tsx file of ours
// went through Babel, in the server and the client build, only to compile JSX: a sixth of the build's
// CPU (tests/bench/site.mjs). In a production build Babel does nothing else (hook names are for dev),
// and Vite's own transform (Oxc) compiles JSX to the same automatic runtime, so the build drops Babel;
// `astro dev` keeps the preset as it is (Prefresh, hook names).
/** @type {import('vite').Plugin} */
const jsxWithoutBabel = {
	name: 'mostrador:preact-jsx-without-babel',
	apply: 'build',
	config: () => ({ oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } } }),
	configResolved(config) {
		const babel = config.plugins.find((p) => p.name === 'vite:preact-jsx');
		if (!babel) throw new Error("@preact/preset-vite's JSX plugin (vite:preact-jsx) is gone: review jsxWithoutBabel in astro.config.mjs");
		babel.transform = undefined;
	},
};

export default defineConfig({
	site,
	// Tests and benchmarks build other content into other folders, side by side with the real site.
	outDir: process.env.MOSTRADOR_OUT_DIR ?? './dist',
	cacheDir: process.env.MOSTRADOR_CACHE_DIR ?? './node_modules/.astro',
	integrations: [
		starlight({
			title: { es: 'Centro de soporte Quetzal', en: 'Quetzal Support Center' },
			description: 'Documentación, base de conocimiento y soporte técnico de Quetzal Software.',
			defaultLocale: 'root',
			locales: {
				root: { label: 'Español', lang: 'es' },
				en: { label: 'English', lang: 'en' },
			},
			editLink: { baseUrl: `${REPO_URL}/edit/main/` },
			sidebar: buildSidebar(join(contentDir(), 'docs')),
			customCss: [
				'./src/styles/theme.css',
				'./src/styles/print.css',
				// What every page shares; each widget's and staff page's own sheet is imported by the
				// component that renders it, so an article carries only the widgets it shows.
				'./src/styles/widgets/base.css',
			],
			routeMiddleware: './src/route-middleware.ts',
			components: {
				PageTitle: './src/components/overrides/PageTitle.astro',
				FallbackContentNotice: './src/components/overrides/FallbackContentNotice.astro',
				Footer: './src/components/overrides/Footer.astro',
				MarkdownContent: './src/components/overrides/MarkdownContent.astro',
				Search: './src/components/overrides/Search.astro',
			},
			head: [
				// Printed links show absolute addresses (src/styles/print.css).
				{ tag: 'style', content: `:root{--mostrador-origin:${JSON.stringify(site.replace(/\/$/, ''))}}` },
				{ tag: 'link', attrs: { rel: 'alternate', type: 'application/rss+xml', title: es['mostrador.feeds.alerts'], href: '/rss/alertas.xml' } },
				{ tag: 'link', attrs: { rel: 'alternate', type: 'application/rss+xml', title: es['mostrador.feeds.releases'], href: '/rss/notas-de-version.xml' } },
			],
		}),
		preact(),
		// `astro dev` only: /pagefind/ built from the pages the dev server renders (src/lib/dev-search-index.ts).
		devSearchIndex(),
	],
	vite: { plugins: [jsxWithoutBabel] },
});
