// The knowledge-gap counters (issue 17): record_search counts a reader's searches, clicks, tickets and
// the form's suggestions without knowing who (no user, no IP, no key stored), bounded without knowing
// who; knowledge_gaps() is staff only and joins them with deflections and "no me ayudó" votes. Who may
// and who may not, as an attacker would try it: the tables directly, the report as a customer.
// Cases run in order over one database; later cases see what earlier ones did.
import { describe, expect, it } from 'vitest';
import { anon, testDb } from './harness.ts';
import { createOrganisation, createPerson, publishArticles } from './fixtures.ts';

const db = await testDb();
const KB = 'base-de-conocimiento/firmas-sin-sello-de-tiempo';
const SLOW = 'solucion-de-problemas/la-aplicacion-esta-lenta';
await publishArticles(db, [KB, SLOW]);
const org = await createOrganisation(db, 'Banco', 'estandar');
const member = await createPerson(db, org, 'member');
const agent = await createPerson(db, null, 'member', 'agent');

const record = (actor: typeof anon, ...args: unknown[]) =>
	db.as(actor, 'select public.record_search($1, $2, $3, $4, $5, $6) as counted', [args[0], args[1], args[2] ?? 'es', args[3] ?? null, args[4] ?? [], args[5] ?? false]).then((r) => r[0].counted as boolean);
const stats = async () => (await db.admin.query('select query, lang, searches, no_result, clicks, tickets, unmatched_tickets from public.search_stats order by query')).rows;
const report = async (actor = agent, days = 30) => (await db.as(actor, 'select public.knowledge_gaps($1) as r', [days]))[0].r;

describe('record_search', () => {
	it('counts an anonymous search with no result under its normalised query, and nothing about the reader', async () => {
		expect(await record(anon, 'search', '  El sistema   está MUY lento ', 'es', 0)).toBe(true);
		expect(await stats()).toEqual([{ query: 'el sistema está muy lento', lang: 'es', searches: 1, no_result: 1, clicks: 0, tickets: 0, unmatched_tickets: 0 }]);
		const columns = (await db.admin.query(`select column_name from information_schema.columns where table_schema = 'public' and table_name in ('search_stats', 'suggestion_stats')`)).rows.map((r) => r.column_name);
		expect(columns.filter((c) => /user|ip|key|session|email|created/.test(c))).toEqual([]);
	});

	it('counts a signed-in search with results, a click and a ticket the same way', async () => {
		expect(await record(member, 'search', 'firma sin sello', 'es', 3)).toBe(true);
		expect(await record(member, 'click', 'firma sin sello')).toBe(true);
		expect(await record(anon, 'search', 'firma sin sello', 'es', 2)).toBe(true);
		expect(await record(member, 'ticket', 'el sistema está muy lento')).toBe(true);
		const rows = await stats();
		expect(rows.find((r) => r.query === 'firma sin sello')).toMatchObject({ searches: 2, no_result: 0, clicks: 1 });
		expect(rows.find((r) => r.query === 'el sistema está muy lento')).toMatchObject({ tickets: 1 });
	});

	it('counts the suggestions the form offered, and a ticket filed with none as an unmatched subject', async () => {
		expect(await record(member, 'suggest', 'la firma no tiene sello de tiempo', 'es', 1, [KB])).toBe(true);
		expect(await record(member, 'suggest', 'no abre el visor', 'es', 0, [], true)).toBe(true);
		expect((await db.admin.query('select article_slug, shown from public.suggestion_stats')).rows).toEqual([{ article_slug: KB, shown: 1 }]);
		expect((await stats()).find((r) => r.query === 'no abre el visor')).toMatchObject({ unmatched_tickets: 1 });
	});

	it('ignores an empty query and refuses bad input with a code', async () => {
		expect(await record(anon, 'search', '   ', 'es', 0)).toBe(false);
		await expect(record(anon, 'delete', 'x')).rejects.toThrow('invalid_event');
		await expect(record(anon, 'search', 'x', 'fr', 0)).rejects.toThrow('invalid_lang');
		await expect(record(anon, 'search', 'x', 'es', -1)).rejects.toThrow('invalid_results');
		await expect(record(member, 'suggest', 'x', 'es', 1, ['no/existe'])).rejects.toThrow('article_not_found');
		await expect(record(member, 'suggest', 'x', 'es', 11, Array(11).fill(KB))).rejects.toThrow('too_many_articles');
		// Only customers file tickets and see the form: an anonymous caller cannot forge either.
		await expect(record(anon, 'ticket', 'x')).rejects.toThrow('not_signed_in');
		await expect(record(anon, 'suggest', 'x', 'es', 0, [], true)).rejects.toThrow('not_signed_in');
		// A megabyte of text is cut before any work, and the stored query has no trailing blank.
		expect(await record(anon, 'search', `a b ${'b '.repeat(500_000)}`, 'es', 0)).toBe(true);
		expect((await stats()).find((r) => r.query.startsWith('a b'))!.query).toMatch(/^a b( b)+$/);
		await db.admin.query(`delete from public.search_stats where query like 'a b%'`);
	});

	it('stops a query at its ceiling, and anonymous new queries after the day’s quota but not customers’', async () => {
		await db.admin.query(`update public.search_stats set searches = 1000 where query = 'firma sin sello'`);
		expect(await record(anon, 'search', 'firma sin sello', 'es', 1)).toBe(false);
		await db.admin.query(`insert into public.search_stats (query, lang) select 'relleno ' || g, 'es' from generate_series(1, 5000) g`);
		expect(await record(anon, 'search', 'una pregunta nueva', 'es', 1)).toBe(false);
		expect(await record(anon, 'search', 'el sistema está muy lento', 'es', 0)).toBe(true);
		expect(await record(member, 'search', 'otra pregunta nueva', 'es', 2)).toBe(true);
		await db.admin.query(`insert into public.search_stats (query, lang) select 'relleno ' || g, 'es' from generate_series(5001, 20000) g`);
		expect(await record(member, 'search', 'y otra más', 'es', 2)).toBe(false);
		// Suggestions shown are counted whatever the quota: the deflection rate's denominator never stops.
		expect(await record(member, 'suggest', 'un asunto nuevo', 'es', 1, [SLOW])).toBe(false);
		expect((await db.admin.query('select shown from public.suggestion_stats where article_slug = $1', [SLOW])).rows).toEqual([{ shown: 1 }]);
		await db.admin.query('delete from public.suggestion_stats where article_slug = $1', [SLOW]);
		await db.admin.query(`delete from public.search_stats where query = 'otra pregunta nueva'`);
		await db.admin.query(`delete from public.search_stats where query like 'relleno %'`);
		await db.admin.query(`update public.search_stats set searches = 2 where query = 'firma sin sello'`);
	});

	it('nobody reads or writes the counters directly', async () => {
		for (const actor of [anon, member, agent]) {
			await expect(db.as(actor, 'select * from public.search_stats')).rejects.toThrow('permission denied');
			await expect(db.as(actor, `insert into public.search_stats (query, lang, searches) values ('x', 'es', 999)`)).rejects.toThrow('permission denied');
			await expect(db.as(actor, 'select * from public.suggestion_stats')).rejects.toThrow('permission denied');
			await expect(db.as(actor, `update public.suggestion_stats set shown = 0`)).rejects.toThrow('permission denied');
		}
		await expect(db.as(anon, `select private.search_query('x')`)).rejects.toThrow('permission denied');
	});
});

describe('knowledge_gaps', () => {
	it('gives staff the searches with no result, with no click, followed by a ticket, unmatched subjects', async () => {
		const r = await report();
		expect(r.no_result).toEqual([{ query: 'el sistema está muy lento', lang: 'es', count: 2 }]);
		expect(r.no_click).toEqual([]);
		expect(r.followed_by_ticket).toEqual([{ query: 'el sistema está muy lento', lang: 'es', count: 1 }]);
		expect(r.unmatched_tickets).toEqual([{ query: 'no abre el visor', lang: 'es', count: 1 }]);
		expect(r.searches).toBe(4);
	});

	it('reports the deflection rate per article and overall, and the articles voted "no me ayudó"', async () => {
		await db.as(member, 'select public.record_deflection($1, $2)', [KB, 'la firma no tiene sello de tiempo']);
		await db.as(member, 'select public.vote_article($1, false, $2)', [SLOW, 'No explica qué hacer']);
		const r = await report();
		expect(r.deflection).toMatchObject({ shown: 1, solved: 1 });
		expect(r.deflection.articles).toEqual([{ slug: KB, title: expect.any(String), shown: 1, solved: 1 }]);
		expect(r.not_helpful).toEqual([{ slug: SLOW, title: expect.any(String), not_helpful: 1, helpful: 0 }]);
	});

	it('lists a query with results nobody opened', async () => {
		await record(anon, 'search', 'respaldos', 'es', 4);
		expect((await report()).no_click).toEqual([{ query: 'respaldos', lang: 'es', count: 1 }]);
	});

	it('is refused to customers and anonymous callers, and takes 1 to 366 days', async () => {
		await expect(db.as(member, 'select public.knowledge_gaps()')).rejects.toThrow('staff_only');
		await expect(db.as(anon, 'select public.knowledge_gaps()')).rejects.toThrow('permission denied');
		await expect(report(agent, 0)).rejects.toThrow('invalid_days');
		expect((await report(agent, 7)).days).toBe(7);
	});
});
