// RSS feeds for technical alerts and release notes, newest first.
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { articlePath, articlesOfType, type Article } from './articles.ts';
import { productName } from './programme-data.ts';

export async function alertsFeed(context: APIContext) {
	const alerts = await articlesOfType('alert');
	return feed(context, 'Alertas técnicas — Centro de soporte Quetzal', 'Alertas técnicas activas y resueltas de los productos de Quetzal Software.', alerts, (a) => ({
		pubDate: a.data.alert!.published,
		categories: [a.data.alert!.resolved ? 'resuelta' : 'activa', a.data.alert!.severity, productName(a.data.product) ?? a.data.product],
	}));
}

export async function releasesFeed(context: APIContext) {
	const releases = await articlesOfType('release-notes');
	return feed(context, 'Notas de versión — Centro de soporte Quetzal', 'Novedades, mejoras y correcciones de cada versión de los productos de Quetzal Software.', releases, (a) => ({
		pubDate: a.data.release!.date,
		categories: [productName(a.data.product) ?? a.data.product, a.data.release!.version],
	}));
}

function feed(context: APIContext, title: string, description: string, articles: Article[], extra: (a: Article) => { pubDate: Date; categories: string[] }) {
	const items = articles
		.map((a) => ({ a, ...extra(a) }))
		.sort((x, y) => y.pubDate.getTime() - x.pubDate.getTime())
		.map(({ a, pubDate, categories }) => ({
			title: a.data.title,
			description: a.data.description,
			link: articlePath(a),
			pubDate,
			categories,
		}));
	return rss({ title, description, site: context.site!, items, customData: '<language>es</language>' });
}
