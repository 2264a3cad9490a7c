// SLA attainment per month (public.sla_attainment): exact counts and rates per month, plan and severity
// from hand-set SLA stamps and the breaches the event log keeps, the month in the programme's time zone,
// the programme's commitments, and who may ask for which organisation.
import { describe, expect, it } from 'vitest';
import type { Actor } from './harness.ts';
import { anon, service, testDb } from './harness.ts';
import { createOrganisation, createPerson } from './fixtures.ts';

const db = await testDb();
const agent = await createPerson(db, null, 'member', 'agent');

const MX = 'estandar-extendido';
const HOUR = 3_600_000;
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs).toISOString();

interface TicketSpec {
	/** Creation instant (UTC ISO). */
	created: string;
	severity?: string;
	plan?: string;
	programme?: string;
	/** First-response due; defaults to 4 h after creation, null for none. */
	due?: string | null;
	/** First response; none by default. */
	answered?: string | null;
}

/** A ticket stored directly with hand-set stamps (create_ticket would stamp now() as its creation). */
async function ticket(org: string, requester: string, spec: TicketSpec): Promise<string> {
	const due = spec.due === undefined ? at(spec.created, 4 * HOUR) : spec.due;
	const { rows } = await db.admin.query(
		`insert into public.tickets (organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, environment, created_at, first_response_due_at, first_response_at)
		values ($1, $2, $3, $4, $5, 'Consulta de SLA', 'x', 'production', $6, $7, $8) returning id`,
		[org, requester, spec.programme ?? MX, spec.plan ?? 'estandar', spec.severity ?? 'P1', spec.created, due, spec.answered ?? null],
	);
	return rows[0].id;
}

const STAMP = { update: 'update_breached_at', escalation: 'escalation_breached_at', first_response: 'first_response_breached_at' } as const;

/** Stamps a breach the way the sweep does; the after-write trigger logs the 'breached' event. */
async function breach(id: string, target: keyof typeof STAMP, deadline: string) {
	await db.admin.query(`update public.tickets set ${STAMP[target]} = $2 where id = $1`, [id, deadline]);
}

/** An organisation of `plan` with a coordinator, an authorized contact and a member. */
async function organisation(name: string, plan = 'estandar', programme = MX) {
	const id = await createOrganisation(db, name, plan, programme);
	const [coordinator, contact, member] = [
		await createPerson(db, id, 'coordinator'),
		await createPerson(db, id, 'authorized_contact'),
		await createPerson(db, id, 'member'),
	];
	return { id, coordinator, contact, member };
}

type Tally = [measured: number, onTime: number, rate: number | null];

interface Row {
	month: string;
	organisation_id: string | null;
	programme_id: string;
	plan_id: string;
	severity_key: string;
	tickets: number;
	first_responses_measured: number;
	first_responses_on_time: number;
	first_response_rate: number | null;
	updates_measured: number;
	updates_on_time: number;
	update_rate: number | null;
	escalations_measured: number;
	escalations_on_time: number;
	escalation_rate: number | null;
	first_response_commitment: number;
	escalation_commitment: number;
	first_response_met: boolean | null;
	escalation_met: boolean | null;
	met: boolean | null;
}

/** The row the RPC must return; both programmes promise 95 % of first responses and 90 % of escalations on time. */
function row(
	month: string,
	org: string | null,
	[programme, plan, severity]: [string, string, string],
	tickets: number,
	[frMeasured, frOnTime, frRate]: Tally,
	[upMeasured, upOnTime, upRate]: Tally,
	[escMeasured, escOnTime, escRate]: Tally,
	[frMet, escMet, met]: [boolean | null, boolean | null, boolean | null],
): Row {
	return {
		month, organisation_id: org, programme_id: programme, plan_id: plan, severity_key: severity, tickets,
		first_responses_measured: frMeasured, first_responses_on_time: frOnTime, first_response_rate: frRate,
		updates_measured: upMeasured, updates_on_time: upOnTime, update_rate: upRate,
		escalations_measured: escMeasured, escalations_on_time: escOnTime, escalation_rate: escRate,
		first_response_commitment: 95, escalation_commitment: 90,
		first_response_met: frMet, escalation_met: escMet, met,
	};
}

const NUMERIC = ['first_response_rate', 'update_rate', 'escalation_rate', 'first_response_commitment', 'escalation_commitment'];

/** node-postgres gives dates as local-midnight Dates and numerics as strings: back to what PostgREST sends. */
function normalise(r: Record<string, unknown>): Row {
	const out: Record<string, unknown> = { ...r };
	const d = r.month as Date;
	out.month = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
	for (const k of NUMERIC) out[k] = r[k] === null ? null : Number(r[k]);
	// Built key by key above from the row's own columns.
	return out as unknown as Row;
}

async function attainment(actor: Actor, from: string | null, to: string | null, org: string | null = null, perOrganisation = false): Promise<Row[]> {
	const rows = await db.as(actor, 'select * from public.sla_attainment($1, $2, $3, $4)', [from, to, org, perOrganisation]);
	return rows.map(normalise);
}

const fails = (actor: Actor, from: string | null, to: string | null, org: string | null = null) =>
	db.fails(actor, 'select * from public.sla_attainment($1, $2, $3)', [from, to, org]);

// Two organisations, September and October 2026, Mexico City (UTC-6 all year since 2022).
const a = await organisation('Organización A');
const b = await organisation('Organización B', 'extendido');
{
	const c = a.contact.id;
	// September, P1 (4 h first response, 2 h updates, 4 h escalations on Standard):
	// answered an hour early (on time) …
	await ticket(a.id, c, { created: '2026-09-08T15:00:00Z', answered: '2026-09-08T18:00:00Z' });
	// … exactly at the due (on time) …
	await ticket(a.id, c, { created: '2026-09-09T15:00:00Z', answered: '2026-09-09T19:00:00Z' });
	// … one second after it (late), and its escalation was missed …
	const late = await ticket(a.id, c, { created: '2026-09-10T15:00:00Z', answered: '2026-09-10T19:00:01Z' });
	await breach(late, 'escalation', '2026-09-10T19:00:00Z');
	// … and never, with the due long gone (measured, late; its update cadence never started).
	await ticket(a.id, c, { created: '2026-09-11T15:00:00Z' });
	// September, P3: answered on time but a customer update was missed …
	const quiet = await ticket(a.id, c, { created: '2026-09-14T15:00:00Z', severity: 'P3', due: '2026-09-16T15:00:00Z', answered: '2026-09-14T16:00:00Z' });
	await breach(quiet, 'update', '2026-09-15T01:00:00Z');
	// … and one with no due computed yet: no first response or update to judge, escalation on time so far.
	await ticket(a.id, c, { created: '2026-09-15T15:00:00Z', severity: 'P3', due: null });
	// October, P2: all on time.
	await ticket(a.id, c, { created: '2026-10-06T15:00:00Z', severity: 'P2', due: '2026-10-06T23:00:00Z', answered: '2026-10-06T16:00:00Z' });
	// B (Extended, 24/7), September: one P1 on time.
	await ticket(b.id, b.contact.id, { created: '2026-09-20T08:00:00Z', plan: 'extendido', answered: '2026-09-20T09:00:00Z' });
}

const A_ROWS = (org: string | null) => [
	// 4 tickets: first responses 2 of 4; updates 3 of 3 (the unanswered one has no cadence yet);
	// escalations 3 of 4 = 75 % < 90 %.
	row('2026-09-01', org, [MX, 'estandar', 'P1'], 4, [4, 2, 0.5], [3, 3, 1], [4, 3, 0.75], [false, false, false]),
	// 2 tickets: first responses 1 of 1 (the other has no due); updates 0 of 1; escalations 2 of 2.
	row('2026-09-01', org, [MX, 'estandar', 'P3'], 2, [1, 1, 1], [1, 0, 0], [2, 2, 1], [true, true, true]),
	row('2026-10-01', org, [MX, 'estandar', 'P2'], 1, [1, 1, 1], [1, 1, 1], [1, 1, 1], [true, true, true]),
];

describe('counts and rates per month, plan and severity', () => {
	it('gives staff the exact figures of one organisation, month by month, in severity order', async () => {
		expect(await attainment(agent, '2026-09-01', '2026-10-01', a.id)).toEqual(A_ROWS(a.id));
	});

	it('keeps organisations apart', async () => {
		expect(await attainment(agent, '2026-09-01', '2026-10-01', b.id)).toEqual([
			row('2026-09-01', b.id, [MX, 'extendido', 'P1'], 1, [1, 1, 1], [1, 1, 1], [1, 1, 1], [true, true, true]),
		]);
	});

	it('takes any day of a month as that month, and leaves out the months outside the range', async () => {
		expect(await attainment(agent, '2026-10-31', '2026-10-15', a.id)).toEqual(A_ROWS(a.id).slice(2));
		expect(await attainment(agent, '2026-09-30', '2026-09-01', a.id)).toEqual(A_ROWS(a.id).slice(0, 2));
		expect(await attainment(agent, '2026-11-01', '2026-12-01', a.id)).toEqual([]);
	});

	it('does not measure a first response whose due is still ahead, and measures it once answered', async () => {
		const org = await organisation('Organización pendiente');
		// Created an hour ago, due in two hours; the month is Mexico City's.
		const created = new Date(Date.now() - HOUR);
		const month = `${new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit' }).format(created)}-01`;
		const id = await ticket(org.id, org.contact.id, { created: created.toISOString(), due: new Date(Date.now() + 2 * HOUR).toISOString() });
		const [before] = await attainment(agent, month, month, org.id);
		expect([before.tickets, before.first_responses_measured, before.first_response_rate, before.first_response_met]).toEqual([1, 0, null, null]);
		// Nor the updates, whose cadence starts with the first response.
		expect([before.updates_measured, before.escalations_measured, before.met]).toEqual([0, 1, true]);
		await db.admin.query('update public.tickets set first_response_at = now() where id = $1', [id]);
		const [after] = await attainment(agent, month, month, org.id);
		expect([after.first_responses_measured, after.first_responses_on_time, after.first_response_rate, after.updates_measured]).toEqual([1, 1, 1, 1]);
	});

	it('measures an answered ticket as the sweep leaves it (due cleared once met): on time unless a breach was stamped', async () => {
		const org = await organisation('Organización atendida');
		// The sweep writes the evaluation's due times, and a met first response owes nothing: null.
		await ticket(org.id, org.contact.id, { created: '2026-07-06T15:00:00Z', due: null, answered: '2026-07-06T16:00:00Z' });
		const late = await ticket(org.id, org.contact.id, { created: '2026-07-07T15:00:00Z', due: null, answered: '2026-07-07T21:00:00Z' });
		await breach(late, 'first_response', '2026-07-07T19:00:00Z');
		const [r] = await attainment(agent, '2026-07-01', '2026-07-01', org.id);
		expect([r.first_responses_measured, r.first_responses_on_time, r.first_response_rate]).toEqual([2, 1, 0.5]);
	});

	it('never measures a first response on a best-effort plan, which promises no time', async () => {
		const org = await organisation('Organización de mejor esfuerzo', 'mantenimiento', 'membresia');
		await ticket(org.id, org.contact.id, { created: '2026-07-06T10:00:00Z', programme: 'membresia', plan: 'mantenimiento', severity: 'alta', due: null, answered: '2026-07-08T10:00:00Z' });
		const [r] = await attainment(agent, '2026-07-01', '2026-07-01', org.id);
		expect([r.tickets, r.first_responses_measured, r.first_response_rate, r.first_response_commitment, r.met]).toEqual([1, 0, null, null, null]);
	});

	it('keeps a stamped first-response breach measured when the ticket is now on a plan without that target', async () => {
		// A ticket that breached its first response and was then retargeted (change_organisation_plan,
		// retarget_open) to a best-effort plan: the breach stays in the report, late.
		const org = await organisation('Organización retargeted', 'mantenimiento', 'membresia');
		const id = await ticket(org.id, org.contact.id, { created: '2026-07-13T10:00:00Z', programme: 'membresia', plan: 'mantenimiento', severity: 'alta', due: null, answered: '2026-07-15T10:00:00Z' });
		await breach(id, 'first_response', '2026-07-13T14:00:00Z');
		const [r] = await attainment(agent, '2026-07-01', '2026-07-01', org.id);
		expect([r.tickets, r.first_responses_measured, r.first_responses_on_time, r.first_response_rate]).toEqual([1, 1, 0, 0]);
	});

	it('counts a regraded ticket under its current severity, judged by the due of that severity', async () => {
		const org = await organisation('Organización regraduada');
		// Filed as P1 and answered after its 4 h due (a breach was logged) …
		const id = await ticket(org.id, org.contact.id, { created: '2026-08-03T15:00:00Z', answered: '2026-08-03T20:00:00Z' });
		await breach(id, 'first_response', '2026-08-03T19:00:00Z');
		expect((await attainment(agent, '2026-08-01', '2026-08-01', org.id)).map((r) => [r.severity_key, r.first_responses_on_time])).toEqual([['P1', 0]]);
		// … then regraded to P4, whose due the SLA evaluation moves to the next day: on time under P4.
		await db.admin.query(`update public.tickets set severity_key = 'P4', first_response_due_at = '2026-08-04T21:00:00Z' where id = $1`, [id]);
		expect(await attainment(agent, '2026-08-01', '2026-08-01', org.id)).toEqual([
			row('2026-08-01', org.id, [MX, 'estandar', 'P4'], 1, [1, 1, 1], [1, 1, 1], [1, 1, 1], [true, true, true]),
		]);
	});

	it('has no update or escalation figures for a severity without those targets', async () => {
		const org = await organisation('Organización mensual', 'mensual', 'implementacion');
		// Monthly plan, 'baja': first response only (48 business hours).
		await ticket(org.id, org.contact.id, { created: '2026-09-07T15:00:00Z', programme: 'implementacion', plan: 'mensual', severity: 'baja', due: '2026-09-09T15:00:00Z', answered: '2026-09-08T15:00:00Z' });
		expect(await attainment(agent, '2026-09-01', '2026-09-01', org.id)).toEqual([
			row('2026-09-01', org.id, ['implementacion', 'mensual', 'baja'], 1, [1, 1, 1], [0, 0, null], [0, 0, null], [true, null, true]),
		]);
	});

	it('returns nothing for a month without tickets', async () => {
		expect(await attainment(agent, '2026-01-01', '2026-06-01', a.id)).toEqual([]);
	});
});

describe('the month is the one in the programme time zone when the ticket was created', () => {
	it('puts 2026-10-31 23:30 in Mexico City (2026-11-01 05:30Z) in October and local midnight in November', async () => {
		const org = await organisation('Organización frontera');
		await ticket(org.id, org.contact.id, { created: '2026-11-01T05:30:00Z' });
		await ticket(org.id, org.contact.id, { created: '2026-11-01T05:59:59Z' });
		await ticket(org.id, org.contact.id, { created: '2026-11-01T06:00:00Z' });
		expect((await attainment(agent, '2026-10-01', '2026-11-01', org.id)).map((r) => [r.month, r.tickets])).toEqual([
			['2026-10-01', 2],
			['2026-11-01', 1],
		]);
		// The same holds when the range is October alone: the range is in the programme's time zone too.
		expect((await attainment(agent, '2026-10-01', '2026-10-01', org.id)).map((r) => [r.month, r.tickets])).toEqual([['2026-10-01', 2]]);
		expect((await attainment(agent, '2026-11-01', '2026-11-01', org.id)).map((r) => [r.month, r.tickets])).toEqual([['2026-11-01', 1]]);
	});

	it('uses each programme its own zone: 2026-11-01 05:30Z is already November in Bogotá (UTC-5)', async () => {
		const org = await organisation('Organización Bogotá', 'mensual', 'implementacion');
		const spec = { programme: 'implementacion', plan: 'mensual', severity: 'media' };
		// 23:30 and 00:30 in Bogotá.
		await ticket(org.id, org.contact.id, { ...spec, created: '2026-11-01T04:30:00Z' });
		await ticket(org.id, org.contact.id, { ...spec, created: '2026-11-01T05:30:00Z' });
		expect((await attainment(agent, '2026-10-01', '2026-11-01', org.id)).map((r) => [r.month, r.programme_id, r.tickets])).toEqual([
			['2026-10-01', 'implementacion', 1],
			['2026-11-01', 'implementacion', 1],
		]);
	});
});

describe('breaches come from the event log', () => {
	it('logs a breached event for each stamp, and keeps counting it after the stamp is reset', async () => {
		const org = await organisation('Organización reiniciada');
		const id = await ticket(org.id, org.contact.id, { created: '2026-08-10T15:00:00Z', answered: '2026-08-10T16:00:00Z' });
		await breach(id, 'escalation', '2026-08-10T19:00:00Z');
		await breach(id, 'update', '2026-08-10T18:00:00Z');
		const { rows } = await db.admin.query(`select data from public.ticket_events where ticket_id = $1 and kind = 'breached' order by id`, [id]);
		expect(rows.map((r) => [r.data.target, Date.parse(r.data.deadline)])).toEqual([
			['escalation', Date.parse('2026-08-10T19:00:00Z')],
			['update', Date.parse('2026-08-10T18:00:00Z')],
		]);
		await db.admin.query('update public.tickets set escalation_breached_at = null, update_breached_at = null where id = $1', [id]);
		const [r] = await attainment(agent, '2026-08-01', '2026-08-01', org.id);
		expect([r.updates_measured, r.updates_on_time, r.escalations_measured, r.escalations_on_time, r.met]).toEqual([1, 0, 1, 0, false]);
	});

	it('counts a stamped breach even if no event was logged for it', async () => {
		const org = await organisation('Organización sin evento');
		const id = await ticket(org.id, org.contact.id, { created: '2026-08-11T15:00:00Z', answered: '2026-08-11T16:00:00Z' });
		const c = await db.admin.connect();
		try {
			// Past the triggers, in this transaction only: a stamp with no event.
			await c.query('begin');
			await c.query('set local session_replication_role = replica');
			await c.query(`update public.tickets set escalation_breached_at = '2026-08-11T19:00:00Z' where id = $1`, [id]);
			await c.query('commit');
		} finally {
			c.release();
		}
		expect((await db.admin.query(`select count(*)::int as n from public.ticket_events where ticket_id = $1 and kind = 'breached'`, [id])).rows[0].n).toBe(0);
		const [r] = await attainment(agent, '2026-08-01', '2026-08-01', org.id);
		expect([r.escalations_measured, r.escalations_on_time, r.escalation_met]).toEqual([1, 0, false]);
	});

	it('judges a breach by its target: a first-response breach is no update or escalation breach', async () => {
		const org = await organisation('Organización un objetivo');
		const id = await ticket(org.id, org.contact.id, { created: '2026-08-12T15:00:00Z', answered: '2026-08-12T20:00:00Z' });
		await breach(id, 'first_response', '2026-08-12T19:00:00Z');
		expect(await attainment(agent, '2026-08-01', '2026-08-01', org.id)).toEqual([
			row('2026-08-01', org.id, [MX, 'estandar', 'P1'], 1, [1, 0, 0], [1, 1, 1], [1, 1, 1], [false, true, false]),
		]);
	});
});

/** `n` P3 tickets in the month starting at `first`, `lateAnswers` of them answered a minute late, `missedEscalations` with an escalation breach. */
async function fillMonth(org: { id: string; contact: { id: string } }, first: string, n: number, lateAnswers: number, missedEscalations: number) {
	for (let i = 0; i < n; i++) {
		const created = at(first, (i + 1) * 24 * HOUR + 15 * HOUR);
		const due = at(created, 24 * HOUR);
		const id = await ticket(org.id, org.contact.id, { created, severity: 'P3', due, answered: at(due, i < lateAnswers ? 60_000 : -HOUR) });
		if (i < missedEscalations) await breach(id, 'escalation', at(created, 18 * HOUR));
	}
}
const committed = await organisation('Organización compromisos');
await fillMonth(committed, '2026-04-01T06:00:00Z', 20, 1, 2);
await fillMonth(committed, '2026-05-01T06:00:00Z', 20, 2, 2);
await fillMonth(committed, '2026-06-01T06:00:00Z', 20, 0, 3);

describe('the programme commitments (95 % of first responses, 90 % of escalations)', () => {
	it('19 of 20 first responses (95 %) and 18 of 20 escalations (90 %) meet both commitments', async () => {
		expect(await attainment(agent, '2026-04-01', '2026-04-01', committed.id)).toEqual([
			row('2026-04-01', committed.id, [MX, 'estandar', 'P3'], 20, [20, 19, 0.95], [20, 20, 1], [20, 18, 0.9], [true, true, true]),
		]);
	});

	it('18 of 20 first responses (90 %) miss the first-response commitment', async () => {
		expect(await attainment(agent, '2026-05-01', '2026-05-01', committed.id)).toEqual([
			row('2026-05-01', committed.id, [MX, 'estandar', 'P3'], 20, [20, 18, 0.9], [20, 20, 1], [20, 18, 0.9], [false, true, false]),
		]);
	});

	it('17 of 20 escalations (85 %) miss the escalation commitment', async () => {
		expect(await attainment(agent, '2026-06-01', '2026-06-01', committed.id)).toEqual([
			row('2026-06-01', committed.id, [MX, 'estandar', 'P3'], 20, [20, 20, 1], [20, 20, 1], [20, 17, 0.85], [true, false, false]),
		]);
	});

	it('rounds rates to 4 decimals and judges the exact fraction (2 of 3 ≈ 0.6667)', async () => {
		const org = await organisation('Organización tercios');
		await fillMonth(org, '2026-03-01T06:00:00Z', 3, 1, 0);
		const [r] = await attainment(agent, '2026-03-01', '2026-03-01', org.id);
		expect([r.first_responses_on_time, r.first_response_rate, r.first_response_met]).toEqual([2, 0.6667, false]);
	});
});

describe('who may see it', () => {
	it('a coordinator sees their organisation, named or not (then summed, with no organisation id)', async () => {
		expect(await attainment(a.coordinator, '2026-09-01', '2026-10-01', a.id)).toEqual(A_ROWS(a.id));
		expect(await attainment(a.coordinator, '2026-09-01', '2026-10-01')).toEqual(A_ROWS(null));
		expect(await attainment(a.coordinator, '2026-09-01', '2026-10-01', null, true)).toEqual(A_ROWS(a.id));
	});

	it('a coordinator of another organisation is refused for this one, and for one that does not exist', async () => {
		expect(await fails(b.coordinator, '2026-09-01', '2026-10-01', a.id)).toEqual({ message: 'forbidden', code: '42501' });
		expect(await fails(b.coordinator, '2026-09-01', '2026-10-01', '00000000-0000-0000-0000-000000000000')).toEqual({ message: 'forbidden', code: '42501' });
	});

	it('members and authorized contacts are refused, named organisation or not', async () => {
		for (const who of [a.member, a.contact]) {
			expect(await fails(who, '2026-09-01', '2026-10-01', a.id)).toEqual({ message: 'forbidden', code: '42501' });
			expect(await fails(who, '2026-09-01', '2026-10-01')).toEqual({ message: 'forbidden', code: '42501' });
		}
		expect(await fails(await db.user(), '2026-09-01', '2026-10-01')).toEqual({ message: 'forbidden', code: '42501' });
	});

	it('anon and the service role may not call it at all', async () => {
		expect(await fails(anon, '2026-09-01', '2026-10-01', a.id)).toEqual({ message: 'permission denied for function sla_attainment', code: '42501' });
		expect(await fails(service, '2026-09-01', '2026-10-01', a.id)).toEqual({ message: 'permission denied for function sla_attainment', code: '42501' });
	});

	it('staff see every organisation: summed, or one row set per organisation', async () => {
		// A month of their own, so the totals hold only these tickets.
		const x = await organisation('Organización X');
		const y = await organisation('Organización Y');
		await ticket(x.id, x.contact.id, { created: '2025-05-05T15:00:00Z', answered: '2025-05-05T16:00:00Z' });
		await ticket(x.id, x.contact.id, { created: '2025-05-06T15:00:00Z' });
		await ticket(y.id, y.contact.id, { created: '2025-05-07T15:00:00Z', answered: '2025-05-07T16:00:00Z' });
		const P1: [string, string, string] = [MX, 'estandar', 'P1'];
		expect(await attainment(agent, '2025-05-01', '2025-05-01')).toEqual([
			row('2025-05-01', null, P1, 3, [3, 2, 0.6667], [2, 2, 1], [3, 3, 1], [false, true, false]),
		]);
		const [first, second] = [x.id, y.id].sort();
		const per = (org: string) => (org === x.id ? row('2025-05-01', x.id, P1, 2, [2, 1, 0.5], [1, 1, 1], [2, 2, 1], [false, true, false]) : row('2025-05-01', y.id, P1, 1, [1, 1, 1], [1, 1, 1], [1, 1, 1], [true, true, true]));
		expect(await attainment(agent, '2025-05-01', '2025-05-01', null, true)).toEqual([per(first), per(second)]);
		// A coordinator of X alone sees X's part only.
		expect(await attainment(x.coordinator, '2025-05-01', '2025-05-01')).toEqual([{ ...per(x.id), organisation_id: null }]);
	});

	it('staff asking for an organisation that does not exist are told so', async () => {
		expect(await fails(agent, '2026-09-01', '2026-10-01', '00000000-0000-0000-0000-000000000000')).toEqual({ message: 'organisation_not_found', code: 'PT404' });
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
			from pg_proc p where p.oid = 'public.sla_attainment(date, date, uuid, boolean)'::regprocedure`,
		);
		expect(rows).toEqual([{ provolatile: 's', prosecdef: true, proconfig: ['search_path=""'], anon: false, authenticated: true, service_role: false }]);
	});
});
