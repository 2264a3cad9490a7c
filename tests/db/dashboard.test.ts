// Ticket volume per month by product and channel (public.ticket_volume), which the SLA dashboard charts
// next to public.sla_attainment: exact counts, the month in the programme's time zone, the same month
// totals as the attainment rows, and the same rules on who may ask for which organisation.
import { describe, expect, it } from 'vitest';
import type { Actor } from './harness.ts';
import { anon, service, testDb } from './harness.ts';
import { createOrganisation, createPerson } from './fixtures.ts';

const db = await testDb();
const agent = await createPerson(db, null, 'member', 'agent');
const MX = 'estandar-extendido';

interface Spec {
	created: string;
	product?: string | null;
	version?: string | null;
	channel?: 'web' | 'email' | 'phone' | 'chat';
	programme?: string;
	plan?: string;
	severity?: string;
}

/** A ticket stored directly with a hand-set creation instant (create_ticket stamps now()). */
async function ticket(org: string, requester: string, spec: Spec): Promise<string> {
	const product = spec.product === undefined ? 'quetzal-docs' : spec.product;
	const version = spec.version === undefined ? (product ? '5.1' : null) : spec.version;
	const { rows } = await db.admin.query(
		`insert into public.tickets (organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, environment, product_id, version, channel, created_at, first_response_due_at)
		values ($1, $2, $3, $4, $5, 'Volumen', 'x', 'production', $6, $7, $8, $9, $9::timestamptz + interval '4 hours') returning id`,
		[org, requester, spec.programme ?? MX, spec.plan ?? 'estandar', spec.severity ?? 'P3', product, version, spec.channel ?? 'web', spec.created],
	);
	return rows[0].id;
}

async function organisation(name: string, plan = 'estandar', programme = MX) {
	const id = await createOrganisation(db, name, plan, programme);
	const [coordinator, contact, member] = [
		await createPerson(db, id, 'coordinator'),
		await createPerson(db, id, 'authorized_contact'),
		await createPerson(db, id, 'member'),
	];
	return { id, coordinator, contact, member };
}

interface VolumeRow {
	month: string;
	organisation_id: string | null;
	product_id: string | null;
	channel: string;
	tickets: number;
}

const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

async function volume(actor: Actor, from: string | null, to: string | null, org: string | null = null): Promise<VolumeRow[]> {
	const rows = await db.as(actor, 'select * from public.ticket_volume($1, $2, $3)', [from, to, org]);
	// node-postgres gives dates as local-midnight Dates: back to the string PostgREST sends.
	return rows.map((r) => ({ ...r, month: day(r.month) }));
}

const fails = (actor: Actor, from: string | null, to: string | null, org: string | null = null) =>
	db.fails(actor, 'select * from public.ticket_volume($1, $2, $3)', [from, to, org]);

const a = await organisation('Volumen A');
const b = await organisation('Volumen B', 'extendido');
// A: September 2 by web about Docs, 1 by phone about Firma, 1 by e-mail about no product; October 1 by chat.
await ticket(a.id, a.contact.id, { created: '2026-09-02T15:00:00Z' });
await ticket(a.id, a.contact.id, { created: '2026-09-03T15:00:00Z' });
await ticket(a.id, a.contact.id, { created: '2026-09-04T15:00:00Z', product: 'quetzal-firma', version: null, channel: 'phone' });
await ticket(a.id, a.contact.id, { created: '2026-09-05T15:00:00Z', product: null, channel: 'email', severity: 'P1' });
await ticket(a.id, a.contact.id, { created: '2026-10-06T15:00:00Z', channel: 'chat' });
// B: September 1 by web about Docs.
await ticket(b.id, b.contact.id, { created: '2026-09-10T15:00:00Z', plan: 'extendido' });

const A_ROWS = (org: string | null): VolumeRow[] => [
	{ month: '2026-09-01', organisation_id: org, product_id: 'quetzal-docs', channel: 'web', tickets: 2 },
	{ month: '2026-09-01', organisation_id: org, product_id: 'quetzal-firma', channel: 'phone', tickets: 1 },
	{ month: '2026-09-01', organisation_id: org, product_id: null, channel: 'email', tickets: 1 },
	{ month: '2026-10-01', organisation_id: org, product_id: 'quetzal-docs', channel: 'chat', tickets: 1 },
];

describe('ticket volume by product and channel', () => {
	it('counts an organisation\'s tickets per month, product (none last) and channel', async () => {
		expect(await volume(agent, '2026-09-01', '2026-10-31', a.id)).toEqual(A_ROWS(a.id));
	});

	it('takes any day of a month as the month, and leaves out the months outside the range', async () => {
		expect(await volume(agent, '2026-10-15', '2026-10-15', a.id)).toEqual(A_ROWS(a.id).slice(3));
		expect(await volume(agent, '2026-11-01', '2026-12-01', a.id)).toEqual([]);
	});

	it('gives each month the same number of tickets as its attainment rows', async () => {
		const attainment = await db.as(agent, 'select month, tickets from public.sla_attainment($1, $2, $3)', ['2026-09-01', '2026-10-01', a.id]);
		const byMonth = (rows: { month: string | Date; tickets: number }[]) =>
			rows.reduce<Record<string, number>>((sum, r) => {
				const m = typeof r.month === 'string' ? r.month : day(r.month);
				return { ...sum, [m]: (sum[m] ?? 0) + r.tickets };
			}, {});
		expect(byMonth(await volume(agent, '2026-09-01', '2026-10-01', a.id))).toEqual(byMonth(attainment));
		expect(byMonth(attainment)).toEqual({ '2026-09-01': 4, '2026-10-01': 1 });
	});

	it('puts a ticket in the month of its programme\'s time zone', async () => {
		const org = await organisation('Volumen frontera');
		// 2026-10-31 23:30 and 2026-11-01 00:00 in Mexico City.
		await ticket(org.id, org.contact.id, { created: '2026-11-01T05:30:00Z' });
		await ticket(org.id, org.contact.id, { created: '2026-11-01T06:00:00Z' });
		expect((await volume(agent, '2026-10-01', '2026-11-01', org.id)).map((r) => [r.month, r.tickets])).toEqual([
			['2026-10-01', 1],
			['2026-11-01', 1],
		]);
		const bogota = await organisation('Volumen Bogotá', 'mensual', 'implementacion');
		// 00:30 in Bogotá (UTC-5): already November there.
		await ticket(bogota.id, bogota.contact.id, { created: '2026-11-01T05:30:00Z', programme: 'implementacion', plan: 'mensual', severity: 'media' });
		expect((await volume(agent, '2026-10-01', '2026-11-01', bogota.id)).map((r) => [r.month, r.tickets])).toEqual([['2026-11-01', 1]]);
	});
});

describe('who may see it', () => {
	it('a coordinator sees their organisation, named or not (then with no organisation id)', async () => {
		expect(await volume(a.coordinator, '2026-09-01', '2026-10-01', a.id)).toEqual(A_ROWS(a.id));
		expect(await volume(a.coordinator, '2026-09-01', '2026-10-01')).toEqual(A_ROWS(null));
	});

	it('a coordinator of two organisations sees both summed', async () => {
		const both = await organisation('Volumen dos');
		await db.admin.query(`insert into public.memberships (organisation_id, user_id, role) values ($1, $2, 'coordinator')`, [b.id, both.coordinator.id]);
		await ticket(both.id, both.contact.id, { created: '2026-09-11T15:00:00Z' });
		expect(await volume(both.coordinator, '2026-09-01', '2026-09-01')).toEqual([
			{ month: '2026-09-01', organisation_id: null, product_id: 'quetzal-docs', channel: 'web', tickets: 2 },
		]);
	});

	it('a coordinator of another organisation is refused for this one, and for one that does not exist', async () => {
		expect(await fails(b.coordinator, '2026-09-01', '2026-10-01', a.id)).toEqual({ message: 'forbidden', code: '42501' });
		expect(await fails(b.coordinator, '2026-09-01', '2026-10-01', '00000000-0000-0000-0000-000000000000')).toEqual({ message: 'forbidden', code: '42501' });
	});

	it('members, authorized contacts and people of no organisation are refused', async () => {
		for (const who of [a.member, a.contact, await db.user()]) {
			expect(await fails(who, '2026-09-01', '2026-10-01', a.id)).toEqual({ message: 'forbidden', code: '42501' });
			expect(await fails(who, '2026-09-01', '2026-10-01')).toEqual({ message: 'forbidden', code: '42501' });
		}
	});

	it('anon and the service role may not call it at all', async () => {
		expect(await fails(anon, '2026-09-01', '2026-10-01', a.id)).toEqual({ message: 'permission denied for function ticket_volume', code: '42501' });
		expect(await fails(service, '2026-09-01', '2026-10-01', a.id)).toEqual({ message: 'permission denied for function ticket_volume', code: '42501' });
	});

	it('staff see every organisation summed, and are told when one does not exist', async () => {
		const x = await organisation('Volumen X');
		const y = await organisation('Volumen Y');
		await ticket(x.id, x.contact.id, { created: '2025-03-05T15:00:00Z', channel: 'phone' });
		await ticket(y.id, y.contact.id, { created: '2025-03-06T15:00:00Z', channel: 'phone' });
		expect(await volume(agent, '2025-03-01', '2025-03-01')).toEqual([
			{ month: '2025-03-01', organisation_id: null, product_id: 'quetzal-docs', channel: 'phone', tickets: 2 },
		]);
		expect(await fails(agent, '2025-03-01', '2025-03-01', '00000000-0000-0000-0000-000000000000')).toEqual({ message: 'organisation_not_found', code: 'PT404' });
	});
});

describe('the range', () => {
	it('refuses a missing bound or one after the other', async () => {
		expect(await fails(agent, null, '2026-10-01')).toEqual({ message: 'invalid_range', code: 'P0001' });
		expect(await fails(agent, '2026-09-01', null)).toEqual({ message: 'invalid_range', code: 'P0001' });
		expect(await fails(agent, '2026-10-01', '2026-09-30')).toEqual({ message: 'invalid_range', code: 'P0001' });
	});

	it('takes at most 36 months', async () => {
		expect(await fails(agent, '2024-01-15', '2026-12-31')).toBeNull();
		expect(await fails(agent, '2024-01-01', '2027-01-01')).toEqual({ message: 'range_too_long', code: 'P0001' });
	});
});

describe('the function itself', () => {
	it('is stable, security definer with an empty search_path, and executable by signed-in users only', async () => {
		const { rows } = await db.admin.query(
			`select p.provolatile, p.prosecdef, p.proconfig,
				has_function_privilege('anon', p.oid, 'execute') as anon,
				has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
				has_function_privilege('service_role', p.oid, 'execute') as service_role
			from pg_proc p where p.oid = 'public.ticket_volume(date, date, uuid)'::regprocedure`,
		);
		expect(rows).toEqual([{ provolatile: 's', prosecdef: true, proconfig: ['search_path=""'], anon: false, authenticated: true, service_role: false }]);
	});
});
