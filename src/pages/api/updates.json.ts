// /api/updates.json: every article with the dates the reports need (its last update and, for alerts
// and release notes, when it was published or resolved), in both languages. Built with the site, so
// the reports function — which cannot read the MDX — learns what changed from the published docs
// themselves (supabase/functions/_shared/reports/updates-feed.ts is its schema). The printable report
// page reads it too.
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import type { ArticleFields } from '../../schemas/article.ts';
import type { FeedArticle } from '#shared/reports/content-changes.ts';

const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : null);

export const GET: APIRoute = async () => {
	const entries = await getCollection('docs', (e) => !e.data.draft);
	const articles: FeedArticle[] = entries
		.map((e) => {
			const data = e.data as typeof e.data & ArticleFields;
			const lang = e.id.startsWith('en/') ? ('en' as const) : ('es' as const);
			const slug = lang === 'en' ? e.id.slice(3) : e.id;
			return {
				slug,
				lang,
				title: data.title,
				type: data.type,
				product: data.product,
				updated: day(data.updated)!,
				published: day(data.alert?.published ?? data.release?.date),
				resolved: day(data.alert?.resolved),
				severity: data.alert?.severity ?? null,
				version: data.release?.version ?? null,
			};
		})
		// The home pages are no article.
		.filter((a) => a.slug !== 'index')
		.sort((a, b) => a.slug.localeCompare(b.slug) || a.lang.localeCompare(b.lang));
	return new Response(`${JSON.stringify({ generated: new Date().toISOString(), articles }, null, '\t')}\n`, {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
};
