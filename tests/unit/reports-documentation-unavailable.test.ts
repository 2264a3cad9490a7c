// When the site's updates feed cannot be read, the week's digest and the month's report still go out:
// the feed is tried again first, then the mails are sent without the documentation's changes and say
// so in both languages — never a skipped week (they used to answer 502 and queue nothing).
import { describe, expect, it } from 'vitest';
import { fetchFeedWithRetries } from '#shared/reports/updates-feed.ts';
import { isEmptyWeek, weeklyDigest } from '#shared/reports/build.ts';
import { weeklyDigestPayload } from '#shared/reports/payloads.ts';
import { renderNotification } from '#shared/email/templates.ts';
import type { Activity } from '#shared/reports/activity.ts';

const URL_ = 'https://site.example/api/updates.json';
const FEED = { generated: '2026-11-16T06:00:00Z', articles: [] };

function flaky(failures: number) {
	let calls = 0;
	const fetcher = (async () => {
		calls++;
		if (calls <= failures) throw new TypeError('connection refused');
		return new Response(JSON.stringify(FEED), { status: 200 });
	}) as typeof fetch;
	return { fetcher, calls: () => calls };
}

const quietWeek: Activity = {
	organisation: { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Clínica San Pedro', programme_id: 'estandar-extendido', plan_id: 'estandar', timezone: 'America/Mexico_City' },
	from: '2026-11-09',
	to: '2026-11-15',
	opened: [],
	closed: [],
	downloads: [],
};
const PERIOD = { from: '2026-11-09', to: '2026-11-15' };

describe('reading the updates feed', () => {
	it('tries again after a failure and gives the feed when a later attempt reads it', async () => {
		const site = flaky(2);
		const got = await fetchFeedWithRetries(URL_, { fetcher: site.fetcher, delays: [1, 1] });
		expect(got).toEqual({ ok: true, feed: FEED });
		expect(site.calls()).toBe(3);
	});

	it('gives up after the last delay, with every attempt’s reason', async () => {
		const site = flaky(10);
		const got = await fetchFeedWithRetries(URL_, { fetcher: site.fetcher, delays: [1, 1] });
		expect(got.ok).toBe(false);
		expect(!got.ok && got.errors).toHaveLength(3);
		expect(site.calls()).toBe(3);
	});
});

describe('a digest without the documentation', () => {
	const payload = weeklyDigestPayload.parse(weeklyDigest(quietWeek, null, PERIOD));

	it('is marked, its documentation lists are empty, and a quiet week is not taken for an empty one', () => {
		expect(payload.documentation_unavailable).toBe(true);
		expect([payload.alerts.count, payload.new_articles.count, payload.updated_articles.count]).toEqual([0, 0, 0]);
		expect(isEmptyWeek(payload)).toBe(false);
		expect(isEmptyWeek(weeklyDigestPayload.parse(weeklyDigest(quietWeek, { new_articles: [], updated_articles: [], alerts: [] }, PERIOD)))).toBe(true);
	});

	it('says so in Spanish and in English, and does not count what it could not read', () => {
		const es = renderNotification('weekly_digest', payload, { lang: 'es', site: 'https://soporte.example.mx' });
		const en = renderNotification('weekly_digest', payload, { lang: 'en', site: 'https://soporte.example.mx' });
		if (!es.ok || !en.ok) throw new Error('did not render');
		expect(es.email.text).toContain('No pudimos leer los cambios de la documentación de este periodo');
		expect(es.email.text).toContain('Alertas técnicas: no disponible');
		expect(en.email.text).toContain('We could not read this period’s documentation changes');
		expect(en.email.text).toContain('Technical alerts: not available');
	});
});
