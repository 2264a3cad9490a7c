// The ticket form's RPCs: record_deflection (who may, what is stored, one per article a day, the hourly
// limit for signed-in and anonymous callers, no direct access to the table) and my_ticket_quota (who
// may, the plan's quota, the count of this month in the programme's time zone, the renewal day).
// Cases run in order over one database; later cases see what earlier ones did.
import { describe, expect, it } from 'vitest';
import { anon, service, testDb } from './harness.ts';
import { createOrganisation, createPerson, createTicket, publishArticles, range } from './fixtures.ts';

const db = await testDb();
await publishArticles(db, ['en/base-de-conocimiento/indice-desactualizado', ...range(11, (i) => `base-de-conocimiento/articulo-${i}`), ...range(11, (i) => `guias/a-${i}`)]);

const KB = 'base-de-conocimiento/indice-desactualizado';
const ANON_KEY = 'a1b2c3d4e5f6a7b8c9d0';

// A Monthly-plan customer of the implementation programme (40 tickets a month, counted in Bogotá),
// whose own time zone is another one, and a Standard customer (unlimited tickets).
const monthly = await createOrganisation(db, 'Mensual', 'mensual', 'implementacion');
const standard = await createOrganisation(db, 'Estándar', 'estandar');
const contact = await createPerson(db, monthly, 'authorized_contact');
const member = await createPerson(db, monthly, 'member');
const standardContact = await createPerson(db, standard, 'authorized_contact');
const outsider = await createPerson(db, null);
const agent = await createPerson(db, null, 'member', 'agent');

const deflections = async () =>
	(await db.admin.query('select article_slug, query, user_id, anon_key from public.deflections order by id')).rows;

describe('record_deflection', () => {
	it('a signed-in customer records a deflection: the article, the query cut to 200 characters, who', async () => {
		const query = `La búsqueda   no encuentra\n${'x'.repeat(300)}`;
		const [row] = await db.as(contact, 'select public.record_deflection($1, $2) as recorded', [KB, query]);
		expect(row.recorded).toBe(true);
		const rows = await deflections();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ article_slug: KB, user_id: contact.id, anon_key: null });
		expect(rows[0].query).toHaveLength(200);
		expect(rows[0].query.startsWith('La búsqueda no encuentra x')).toBe(true);
	});

	it('a second click on the same article the same day changes nothing', async () => {
		const [row] = await db.as(contact, 'select public.record_deflection($1, $2) as recorded', [KB, 'otra vez']);
		expect(row.recorded).toBe(false);
		expect(await deflections()).toHaveLength(1);
	});

	it('another person clicking the same article is another deflection', async () => {
		const [row] = await db.as(member, 'select public.record_deflection($1, $2) as recorded', [KB, 'índice']);
		expect(row.recorded).toBe(true);
		expect(await deflections()).toHaveLength(2);
	});

	it('the query may be left out', async () => {
		const [row] = await db.as(standardContact, 'select public.record_deflection($1) as recorded', ['en/base-de-conocimiento/indice-desactualizado']);
		expect(row.recorded).toBe(true);
		expect((await deflections()).at(-1)).toMatchObject({ query: '', user_id: standardContact.id });
	});

	it('refuses an article that is not a slug', async () => {
		for (const bad of ['Base/Índice', '../etc', '', 'a'.repeat(301)]) {
			expect(await db.message(contact, 'select public.record_deflection($1, $2)', [bad, 'x'])).toBe('invalid_article');
		}
		expect(await db.message(contact, 'select public.record_deflection(null, $1)', ['x'])).toBe('invalid_article');
	});

	it('anonymous readers need a session key, which is stored instead of a user', async () => {
		expect(await db.message(anon, 'select public.record_deflection($1, $2)', [KB, 'x'])).toBe('anon_key_required');
		expect(await db.message(anon, 'select public.record_deflection($1, $2, $3)', [KB, 'x', 'short'])).toBe('anon_key_required');
		const [row] = await db.as(anon, 'select public.record_deflection($1, $2, $3) as recorded', [KB, 'índice', ANON_KEY]);
		expect(row.recorded).toBe(true);
		expect((await deflections()).at(-1)).toMatchObject({ article_slug: KB, user_id: null, anon_key: ANON_KEY });
		const [again] = await db.as(anon, 'select public.record_deflection($1, $2, $3) as recorded', [KB, 'índice', ANON_KEY]);
		expect(again.recorded).toBe(false);
	});

	it('a signed-in caller is counted by their id, never by a key they pass', async () => {
		await db.as(outsider, 'select public.record_deflection($1, $2, $3)', ['guias/integracion-ldap', 'ldap', ANON_KEY]);
		expect((await deflections()).at(-1)).toMatchObject({ user_id: outsider.id, anon_key: null });
	});

	it('allows ten deflections a caller an hour, then rate_limited; others are not affected', async () => {
		const before = (await deflections()).length;
		// contact already has one this hour.
		for (let i = 1; i < 10; i++) {
			const [row] = await db.as(contact, 'select public.record_deflection($1, $2) as recorded', [`base-de-conocimiento/articulo-${i}`, 'x']);
			expect(row.recorded).toBe(true);
		}
		expect(await db.message(contact, 'select public.record_deflection($1, $2)', ['base-de-conocimiento/articulo-10', 'x'])).toBe('rate_limited');
		expect((await deflections()).length).toBe(before + 9);
		const [row] = await db.as(member, 'select public.record_deflection($1, $2) as recorded', ['base-de-conocimiento/articulo-10', 'x']);
		expect(row.recorded).toBe(true);
	});

	it('the hourly limit applies to an anonymous key too, and only counts the last hour', async () => {
		const key = 'f'.repeat(32);
		for (let i = 0; i < 10; i++) await db.as(anon, 'select public.record_deflection($1, $2, $3)', [`guias/a-${i}`, 'x', key]);
		expect(await db.message(anon, 'select public.record_deflection($1, $2, $3)', ['guias/a-10', 'x', key])).toBe('rate_limited');
		await db.admin.query(`update public.deflections set created_at = now() - interval '61 minutes' where anon_key = $1`, [key]);
		const [row] = await db.as(anon, 'select public.record_deflection($1, $2, $3) as recorded', ['guias/a-10', 'x', key]);
		expect(row.recorded).toBe(true);
	});

	it('a day later the same article counts again', async () => {
		await db.admin.query(`update public.deflections set created_at = now() - interval '25 hours' where user_id = $1 and article_slug = $2`, [member.id, KB]);
		const [row] = await db.as(member, 'select public.record_deflection($1, $2) as recorded', [KB, 'índice']);
		expect(row.recorded).toBe(true);
	});

	it('nobody reads or writes the table directly, not even staff', async () => {
		for (const actor of [anon, contact, agent]) {
			expect(await db.message(actor, 'select * from public.deflections')).toContain('permission denied');
			expect(await db.message(actor, `insert into public.deflections (article_slug, query) values ('guias/x', 'x')`)).toContain('permission denied');
			expect(await db.message(actor, 'delete from public.deflections')).toContain('permission denied');
		}
	});
});

describe('my_ticket_quota', () => {
	const quota = (actor: Parameters<typeof db.as>[0], org: string) => db.as(actor, 'select monthly_quota, used, remaining, renews_on::text as renews_on, timezone from public.my_ticket_quota($1)', [org]);
	/** The first instant of this month in Bogotá, and the first day of next month there. */
	async function bogotaMonth() {
		const { rows } = await db.admin.query(`
			select (date_trunc('month', now() at time zone 'America/Bogota') at time zone 'America/Bogota') as start,
				to_char(date_trunc('month', now() at time zone 'America/Bogota') + interval '1 month', 'YYYY-MM-DD') as renews`);
		return rows[0] as { start: Date; renews: string };
	}
	const setCreated = (ticket: string, at: Date) => db.admin.query('update public.tickets set created_at = $2 where id = $1', [ticket, at]);

	it('an organisation with no tickets this month has its whole quota, renewing on the 1st in the programme zone', async () => {
		const { renews } = await bogotaMonth();
		const [q] = await quota(contact, monthly);
		expect(q).toEqual({ monthly_quota: 40, used: 0, remaining: 40, renews_on: renews, timezone: 'America/Bogota' });
	});

	it('counts this month in the programme time zone: a ticket just before the month began there is last month', async () => {
		const { start } = await bogotaMonth();
		const atStart = await createTicket(db, monthly, contact.id, { severity: 'media', product_id: null, version: null });
		const justBefore = await createTicket(db, monthly, contact.id, { severity: 'media', product_id: null, version: null });
		const utcSameDay = await createTicket(db, monthly, contact.id, { severity: 'media', product_id: null, version: null });
		await setCreated(atStart, start);
		await setCreated(justBefore, new Date(start.getTime() - 1000));
		// Bogotá is UTC-5: an instant after midnight UTC on the 1st but before 05:00 UTC is still
		// last month in Bogotá (and would count in a UTC month).
		await setCreated(utcSameDay, new Date(start.getTime() - 4 * 3600_000));
		const [q] = await quota(member, monthly);
		expect(q).toMatchObject({ monthly_quota: 40, used: 1, remaining: 39 });
		await createTicket(db, monthly, contact.id, { severity: 'media', product_id: null, version: null });
		expect((await quota(member, monthly))[0]).toMatchObject({ used: 2, remaining: 38 });
	});

	it('agrees with create_ticket: when the quota says none remain, create_ticket refuses with quota_exceeded', async () => {
		const { start } = await bogotaMonth();
		await db.admin.query(
			`insert into public.tickets (organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, environment, created_at)
			select $1, $2, 'implementacion', 'mensual', 'baja', 'Relleno ' || n, 'Ticket de relleno', 'production', $3::timestamptz + make_interval(mins => n)
			from generate_series(1, 38) n`,
			[monthly, contact.id, start],
		);
		expect((await quota(contact, monthly))[0]).toMatchObject({ monthly_quota: 40, used: 40, remaining: 0 });
		expect(await db.message(service, 'select public.create_ticket($1)', [JSON.stringify({ organisation_id: monthly, requester_id: contact.id, severity: 'media', subject: 'Otro', description: 'Uno más de la cuenta' })])).toBe(
			'quota_exceeded',
		);
	});

	it('an unlimited plan has no quota and no remaining count', async () => {
		await createTicket(db, standard, standardContact.id);
		const [q] = await quota(standardContact, standard);
		// The count still starts again each month in the programme's zone (Mexico City for this one).
		expect(q).toMatchObject({ monthly_quota: null, used: 1, remaining: null, timezone: 'America/Mexico_City' });
		expect(q.renews_on).toMatch(/^\d{4}-\d{2}-01$/);
	});

	it('staff and the service role see any organisation', async () => {
		expect((await quota(agent, monthly))[0]).toMatchObject({ used: 40 });
		expect((await quota(service, standard))[0]).toMatchObject({ used: 1 });
	});

	it('outsiders, members of another organisation and unknown organisations get not_a_member', async () => {
		expect(await db.fails(outsider, 'select * from public.my_ticket_quota($1)', [monthly])).toEqual({ message: 'not_a_member', code: '42501' });
		expect(await db.message(standardContact, 'select * from public.my_ticket_quota($1)', [monthly])).toBe('not_a_member');
		expect(await db.message(contact, 'select * from public.my_ticket_quota($1)', ['00000000-0000-0000-0000-000000000000'])).toBe('not_a_member');
	});

	it('anon may not call it at all', async () => {
		expect(await db.message(anon, 'select * from public.my_ticket_quota($1)', [monthly])).toContain('permission denied');
	});
});
