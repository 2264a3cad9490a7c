// RSS feeds for technical alerts and release notes, newest first.
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { articlePath, articlesOfType, type Article } from './articles.ts';
import { productName } from './programme-data.ts';
import es from '../content/i18n/es.json';

// Feeds are served once, in Spanish (the root locale), so they take the Spanish UI strings.
const siteName = es['mostrador.feeds.site'];

export async function alertsFeed(context: APIContext) {
	const alerts = await articlesOfType('alert');
	return feed(context, `${es['mostrador.feeds.alerts']} — ${siteName}`, es['mostrador.feeds.alertsDescription'], alerts, (a) => ({
		pubDate: a.data.alert!.published,
		categories: [a.data.alert!.resolved ? es['mostrador.feeds.resolved'] : es['mostrador.alert.active'], a.data.alert!.severity, productName(a.data.product) ?? a.data.product],
	}));
}

export async function releasesFeed(context: APIContext) {
	const releases = await articlesOfType('release-notes');
	return feed(context, `${es['mostrador.feeds.releases']} — ${siteName}`, es['mostrador.feeds.releasesDescription'], releases, (a) => ({
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
