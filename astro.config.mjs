// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { join } from 'node:path';
import { buildSidebar } from './src/lib/sidebar.ts';
import { contentDir } from './src/lib/support-data.ts';
import es from './src/content/i18n/es.json' with { type: 'json' };

// Where the site is published and where its sources can be edited; both overridable per deployment.
const site = process.env.MOSTRADOR_SITE_URL ?? 'https://soporte.quetzal.example';
const repo = process.env.MOSTRADOR_REPO_URL ?? 'https://github.com/quetzal-software/mostrador';

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
			editLink: { baseUrl: `${repo}/edit/main/` },
			sidebar: buildSidebar(join(contentDir(), 'docs')),
			customCss: [
				'./src/styles/theme.css',
				'./src/styles/print.css',
				'./src/styles/widgets/base.css',
				'./src/styles/widgets/ticket-form.css',
				'./src/styles/widgets/tickets.css',
				'./src/styles/widgets/account.css',
				'./src/styles/widgets/article.css',
				'./src/styles/widgets/downloads.css',
				'./src/styles/widgets/agent.css',
				'./src/styles/widgets/dashboard.css',
				'./src/styles/widgets/admin.css',
				'./src/styles/widgets/reports.css',
			],
			routeMiddleware: './src/route-middleware.ts',
			components: {
				PageTitle: './src/components/overrides/PageTitle.astro',
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
	],
});
