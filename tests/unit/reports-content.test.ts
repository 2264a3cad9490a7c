// What changed in the documentation during a period, from the site's updates feed: new articles
// (published in the period), updated ones, alerts published, resolved or updated; each article once,
// with its title in both languages; and the feed's schema refusing a feed of another shape.
import { describe, expect, it } from 'vitest';
import { contentChanges, type FeedArticle } from '#shared/reports/content-changes.ts';
import { FeedError, fetchFeed, parseFeed } from '#shared/reports/updates-feed.ts';

const base = { product: 'quetzal-docs', published: null, resolved: null, severity: null, version: null };
const article = (a: Partial<FeedArticle> & Pick<FeedArticle, 'slug' | 'title' | 'type' | 'updated'>): FeedArticle => ({ lang: 'es', ...base, ...a });

const FEED: FeedArticle[] = [
	article({ slug: 'guias/integracion-ldap', title: 'Integración LDAP', type: 'guide', updated: '2026-11-10' }),
	article({ slug: 'guias/integracion-ldap', lang: 'en', title: 'LDAP integration', type: 'guide', updated: '2026-11-10' }),
	article({ slug: 'guias/respaldos', title: 'Respaldos', type: 'guide', updated: '2026-11-08' }),
	article({ slug: 'notas-de-version/docs-5-2', title: 'Quetzal Docs 5.2', type: 'release-notes', updated: '2026-11-12', published: '2026-11-12', version: '5.2' }),
	article({ slug: 'notas-de-version/docs-5-1', title: 'Quetzal Docs 5.1', type: 'release-notes', updated: '2026-11-13', published: '2026-09-01', version: '5.1' }),
	article({ slug: 'alertas/visor', title: 'Vulnerabilidad en el visor', type: 'alert', updated: '2026-11-11', published: '2026-11-11', severity: 'critical' }),
	article({ slug: 'alertas/tsa', title: 'Rotación del certificado TSA', type: 'alert', updated: '2026-11-14', published: '2026-10-01', resolved: '2026-11-14', severity: 'high' }),
	article({ slug: 'alertas/cargador', title: 'El cargador no se autentica', type: 'alert', updated: '2026-11-09', published: '2026-10-20', severity: 'medium' }),
	article({ slug: 'alertas/antigua', title: 'Antigua', type: 'alert', updated: '2026-10-01', published: '2026-09-01', severity: 'low' }),
	article({ slug: 'soporte/only-english', lang: 'en', title: 'Only in English', type: 'guide', updated: '2026-11-15' }),
];
const WEEK = { from: '2026-11-09', to: '2026-11-15' };

describe('documentation changes in a period', () => {
	it('sorts each article into new, updated or alerts, newest first, once, with both titles', () => {
		const c = contentChanges(FEED, WEEK);
		expect(c.new_articles).toEqual([
			{ slug: 'notas-de-version/docs-5-2', title: { es: 'Quetzal Docs 5.2' }, type: 'release-notes', product: 'quetzal-docs', date: '2026-11-12', version: '5.2' },
		]);
		expect(c.updated_articles).toEqual([
			{ slug: 'soporte/only-english', title: { es: 'Only in English' }, type: 'guide', product: 'quetzal-docs', date: '2026-11-15' },
			{ slug: 'notas-de-version/docs-5-1', title: { es: 'Quetzal Docs 5.1' }, type: 'release-notes', product: 'quetzal-docs', date: '2026-11-13', version: '5.1' },
			{ slug: 'guias/integracion-ldap', title: { es: 'Integración LDAP', en: 'LDAP integration' }, type: 'guide', product: 'quetzal-docs', date: '2026-11-10' },
		]);
		expect(c.alerts.map((a) => [a.slug, a.state, a.date, a.severity])).toEqual([
			['alertas/tsa', 'resolved', '2026-11-14', 'high'],
			['alertas/visor', 'published', '2026-11-11', 'critical'],
			['alertas/cargador', 'updated', '2026-11-09', 'medium'],
		]);
	});

	it('a period with no changes has empty lists', () => {
		expect(contentChanges(FEED, { from: '2026-12-01', to: '2026-12-07' })).toEqual({ new_articles: [], updated_articles: [], alerts: [] });
	});
});

describe('the updates feed', () => {
	const valid = { generated: '2026-11-21T10:00:00.000Z', articles: FEED };

	it('accepts the feed the site builds', () => {
		expect(parseFeed(valid).articles).toHaveLength(FEED.length);
	});

	it('refuses another shape, saying where', () => {
		expect(() => parseFeed({ generated: 'yesterday', articles: [] })).toThrow(FeedError);
		expect(() => parseFeed({ ...valid, articles: [{ ...FEED[0], updated: '10/11/2026' }] })).toThrow(/articles\.0\.updated/);
		expect(() => parseFeed({ ...valid, extra: true })).toThrow(FeedError);
	});

	it('fetches it, and says plainly when the site cannot give it', async () => {
		const ok = (async () => new Response(JSON.stringify(valid), { status: 200 })) as typeof fetch;
		expect((await fetchFeed('https://site.example/api/updates.json', ok)).articles).toHaveLength(FEED.length);
		const missing = (async () => new Response('not found', { status: 404 })) as typeof fetch;
		await expect(fetchFeed('https://site.example/api/updates.json', missing)).rejects.toThrow('https://site.example/api/updates.json answered 404');
		const down = (async () => {
			throw new TypeError('connection refused');
		}) as typeof fetch;
		await expect(fetchFeed('https://site.example/api/updates.json', down)).rejects.toThrow(/could not fetch .*connection refused/);
		const html = (async () => new Response('<html>', { status: 200 })) as typeof fetch;
		await expect(fetchFeed('https://site.example/api/updates.json', html)).rejects.toThrow(/is not JSON/);
	});
});
