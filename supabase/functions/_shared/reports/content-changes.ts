// What changed in the documentation during a period, from the site's updates feed
// (src/pages/api/updates.json.ts): new articles, updated articles and technical alerts. The site's
// articles carry no creation date, so "new" means what the frontmatter says was published in the
// period (release notes by release.date, alerts by alert.published); anything else counts as updated
// when its `updated` day falls in the period. Alerts get a list of their own: published, resolved, or
// updated. Each article appears once, with its title in every language it is written in (Spanish is
// the site's own; English pages are under /en/). Pure module, no zod: the report page imports it too.
import { inPeriod, type Period } from './period.ts';

/** One page of the feed, as the site builds it. */
export interface FeedArticle {
	/** The path without language prefix: 'alertas/rotacion-certificado-raiz-tsa'. */
	slug: string;
	lang: 'es' | 'en';
	title: string;
	type: string;
	product: string;
	/** Days as 'YYYY-MM-DD'. */
	updated: string;
	/** When it was published, where the frontmatter says (alerts, release notes). */
	published: string | null;
	/** Alerts: the day it stopped applying. */
	resolved: string | null;
	/** Alerts: critical, high, medium or low. */
	severity: string | null;
	/** Release notes: the version they describe. */
	version: string | null;
}

export interface Title {
	es: string;
	en?: string;
}

export interface ArticleChange {
	slug: string;
	title: Title;
	type: string;
	product: string;
	/** The day that put it in the list: its publication for new ones, its update otherwise. */
	date: string;
	version?: string;
}

export type AlertState = 'published' | 'resolved' | 'updated';

export interface AlertChange {
	slug: string;
	title: Title;
	product: string;
	severity: string;
	state: AlertState;
	date: string;
}

export interface ContentChanges {
	new_articles: ArticleChange[];
	updated_articles: ArticleChange[];
	alerts: AlertChange[];
}

const newestFirst = (a: { date: string; slug: string }, b: { date: string; slug: string }) =>
	a.date < b.date ? 1 : a.date > b.date ? -1 : a.slug.localeCompare(b.slug);

export function contentChanges(articles: readonly FeedArticle[], period: Period): ContentChanges {
	const bySlug = new Map<string, { es?: FeedArticle; en?: FeedArticle }>();
	for (const a of articles) {
		const versions = bySlug.get(a.slug) ?? {};
		versions[a.lang] = a;
		bySlug.set(a.slug, versions);
	}
	const out: ContentChanges = { new_articles: [], updated_articles: [], alerts: [] };
	for (const [slug, versions] of bySlug) {
		// Spanish is the original; an English-only page stands on its own.
		const a = (versions.es ?? versions.en)!;
		const title: Title = { es: a.title, ...(versions.en && versions.es ? { en: versions.en.title } : {}) };
		if (a.type === 'alert') {
			const state: AlertState | null = inPeriod(a.resolved, period)
				? 'resolved'
				: inPeriod(a.published, period)
					? 'published'
					: inPeriod(a.updated, period)
						? 'updated'
						: null;
			if (!state) continue;
			const date = state === 'resolved' ? a.resolved! : state === 'published' ? a.published! : a.updated;
			out.alerts.push({ slug, title, product: a.product, severity: a.severity ?? 'medium', state, date });
			continue;
		}
		const base = { slug, title, type: a.type, product: a.product, ...(a.version ? { version: a.version } : {}) };
		if (inPeriod(a.published, period)) out.new_articles.push({ ...base, date: a.published! });
		else if (inPeriod(a.updated, period)) out.updated_articles.push({ ...base, date: a.updated });
	}
	out.new_articles.sort(newestFirst);
	out.updated_articles.sort(newestFirst);
	out.alerts.sort(newestFirst);
	return out;
}
