// The sla-sweep function in real Deno through the local stack: due times rebuilt from the event log,
// breaches stamped with the deadline missed, escalation, auto-close with its reminder first, and two
// sweeps at once acting once. Time is moved by shifting a ticket's history back in the database (as
// the superuser, triggers off) rather than by waiting. Local only: it needs the database.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { FunctionsHttpError } from '@supabase/supabase-js';
import { anonClient, local, serviceClient, signedInUser, type TestUser } from './client.ts';
import { evaluateSla } from '#shared/sla.ts';
import { slaRulesOf } from '#shared/sla-programme.ts';
import { loadProgramme } from '../../src/lib/support-data.ts';

const service = serviceClient();
const rules = slaRulesOf(loadProgramme('estandar-extendido'));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let db: pg.Client;
let org: string;
let contact: TestUser;
let agent: TestUser;

async function openTicket(severity: string): Promise<string> {
	const { data, error } = await contact.client.functions.invoke('tickets', {
		body: { severity, subject: `Prueba de barrido ${severity}`, description: 'Una descripción suficientemente larga.', idempotency_key: `sweep-${randomUUID()}` },
	});
	expect(error).toBeNull();
	return data.ticket.id;
}

/** Moves a ticket's whole history `ms` into the past, as if it had all happened earlier. */
async function shift(ticket: string, ms: number) {
	const by = `${ms} milliseconds`;
	await db.query('begin');
	await db.query(`set local session_replication_role = replica`);
	await db.query(`update public.ticket_events set at = at - $2::interval where ticket_id = $1`, [ticket, by]);
	await db.query(`update public.ticket_messages set created_at = created_at - $2::interval where ticket_id = $1`, [ticket, by]);
	await db.query(
		`update public.tickets set created_at = created_at - $2::interval, paused_since = paused_since - $2::interval,
			last_customer_message_at = last_customer_message_at - $2::interval, first_response_at = first_response_at - $2::interval,
			resolved_at = resolved_at - $2::interval, sla_dirty = true
		where id = $1`,
		[ticket, by],
	);
	await db.query('commit');
}

async function sweep(body: Record<string, unknown> = {}) {
	const { data, error } = await service.functions.invoke('sla-sweep', { body });
	if (error) throw new Error(`sweep failed: ${await (error as FunctionsHttpError).context.text()}`);
	return data;
}

const row = async (ticket: string) => (await db.query('select * from public.tickets where id = $1', [ticket])).rows[0];
const events = async (ticket: string, kind?: string) =>
	(await db.query(`select * from public.ticket_events where ticket_id = $1 and ($2::text is null or kind = $2) order by id`, [ticket, kind ?? null])).rows;
const notifications = async (ticket: string, template: string) =>
	(await db.query(`select * from public.notifications where template = $2 and payload ->> 'ticket' = $1 order by created_at`, [ticket, template])).rows;

/** The due times stored equal what the shared evaluation gives from the stored log at the sweep's instant. */
async function expectDuesFromLog(ticket: string, nowIso: string) {
	const t = await row(ticket);
	const sla = evaluateSla({ ...rules, events: await events(ticket), now: new Date(nowIso) });
	const time = (d: Date | null) => d?.getTime() ?? null;
	expect(time(t.first_response_due_at)).toBe(time(sla.firstResponse.due));
	expect(time(t.next_update_due_at)).toBe(time(sla.nextUpdate.due));
	expect(time(t.next_escalation_due_at)).toBe(time(sla.nextEscalation.due));
	expect(time(t.resolution_due_at)).toBe(time(sla.resolution.due));
	return { t, sla };
}

beforeAll(async () => {
	if (!local()) return;
	db = new pg.Client({ connectionString: inject('dbUrl') });
	await db.connect();
	const created = await service
		.from('organisations')
		.insert({ name: `Barrido ${randomUUID().slice(0, 6)}`, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' })
		.select('id')
		.single();
	org = created.data!.id;
	[contact, agent] = await Promise.all([signedInUser('sweep-contact'), signedInUser('sweep-agent')]);
	await service.from('memberships').insert({ organisation_id: org, user_id: contact.id, role: 'authorized_contact' });
	await service.from('staff').insert({ user_id: agent.id, role: 'agent', level: 1 });
});

afterAll(async () => {
	if (!local()) return;
	await db.query('begin; set local session_replication_role = replica; delete from public.tickets where organisation_id = $1; commit;'.replace('$1', `'${org}'`));
	await service.from('organisations').delete().eq('id', org);
	await db.end();
});

describe.skipIf(!local())('sla-sweep', () => {
	it('stamps a missed first response with its deadline, escalates once and tells the leads once, even with two sweeps at once', async () => {
		const ticket = await openTicket('P1');
		await shift(ticket, 14 * DAY);
		const [a, b] = await Promise.all([sweep(), sweep()]);
		expect(a.tickets + b.tickets).toBeGreaterThanOrEqual(1);
		const { t, sla } = await expectDuesFromLog(ticket, a.tickets ? a.now : b.now);
		expect(t.first_response_breached_at.getTime()).toBe(sla.firstResponse.breachedAt!.getTime());
		expect(t.level).toBe(2);
		const breached = await events(ticket, 'breached');
		expect(breached.filter((e) => e.data.target === 'first_response').map((e) => e.data.deadline)).toHaveLength(1);
		expect(await events(ticket, 'level_changed')).toHaveLength(1);
		const leads = (await db.query(`select count(*)::int as n from public.staff where role = 'lead'`)).rows[0].n;
		const escalated = await notifications(ticket, 'ticket_escalated');
		expect(escalated).toHaveLength(leads);
		expect(escalated[0].payload).toMatchObject({ level: 2, target: 'escalation', timezone: 'America/Mexico_City' });
		// A third sweep finds nothing new to do for it.
		await sweep();
		expect(await events(ticket, 'level_changed')).toHaveLength(1);
		expect(await notifications(ticket, 'ticket_escalated')).toHaveLength(leads);
		// The lead reads it in their mailbox once the outbox is drained.
		expect((await service.functions.invoke('notify', { body: {} })).error).toBeNull();
		const number = (await row(ticket)).number;
		const inbox = (await (await fetch(`${inject('supabaseUrl')}/_mail?format=json&to=lider@demo.mostrador.test`)).json()) as { subject: string }[];
		expect(inbox.filter((m) => m.subject === `Ticket #${number} escalado al nivel 2: plazo de atención en el nivel anterior incumplido`)).toHaveLength(1);
	});

	it('pauses while waiting on the customer and resumes on their reply, recomputing from the log', async () => {
		const ticket = await openTicket('P3');
		expect((await agent.client.rpc('request_customer_info', { ticket, body: '¿Qué versión usan?' })).error).toBeNull();
		await shift(ticket, 2 * DAY);
		const paused = await sweep();
		const whilePaused = await expectDuesFromLog(ticket, paused.now);
		expect(whilePaused.sla.clock).toBe('paused');
		expect(whilePaused.t.next_escalation_due_at).toBeNull();
		expect((await contact.client.rpc('reply_to_ticket', { ticket, body: 'La 5.1' })).error).toBeNull();
		expect((await row(ticket)).sla_dirty).toBe(true);
		const resumed = await sweep();
		const after = await expectDuesFromLog(ticket, resumed.now);
		expect(after.sla.clock).toBe('running');
		expect(after.t.next_escalation_due_at).not.toBeNull();
		expect(after.t.sla_dirty).toBe(false);
	});

	it('a severity change keeps the time already spent', async () => {
		const ticket = await openTicket('P4');
		await shift(ticket, 3 * HOUR);
		expect((await agent.client.rpc('change_severity', { ticket, severity: 'P1' })).error).toBeNull();
		const report = await sweep();
		const { t, sla } = await expectDuesFromLog(ticket, report.now);
		expect(sla.severity).toBe('P1');
		// Counted from creation (3 hours ago), not from the change: earlier than now + 4 business hours.
		const fromNow = evaluateSla({ ...rules, now: new Date(report.now), events: [{ kind: 'created', at: report.now, actor_kind: 'customer', data: { status: 'new', severity: 'P1', plan: 'estandar', level: 1 } }] });
		expect(t.first_response_due_at.getTime()).toBeLessThanOrEqual(fromNow.firstResponse.due!.getTime());
	});

	it('closes a ticket left waiting 10 days, after reminding the customer 3 days before, once', async () => {
		const ticket = await openTicket('P3');
		expect((await agent.client.rpc('resolve_ticket', { ticket, body: 'Aplicamos el parche; confirme por favor.' })).error).toBeNull();
		await shift(ticket, 8 * DAY);
		await sweep();
		expect((await row(ticket)).status).toBe('resolved');
		const reminders = await notifications(ticket, 'auto_close_reminder');
		expect(reminders).toHaveLength(1);
		expect(reminders[0].payload).toMatchObject({ days: 3, timezone: 'America/Mexico_City' });
		await sweep();
		expect(await notifications(ticket, 'auto_close_reminder')).toHaveLength(1);

		await shift(ticket, 3 * DAY);
		await Promise.all([sweep(), sweep()]);
		const t = await row(ticket);
		expect(t.status).toBe('closed');
		expect(t.close_reason).toBe('no_customer_reply');
		expect((await events(ticket, 'status_changed')).filter((e) => e.data.to === 'closed')).toHaveLength(1);
		const closed = await notifications(ticket, 'ticket_auto_closed');
		expect(closed).toHaveLength(1);
		expect(closed[0].recipient_user_id).toBe(contact.id);
	});

	it('refuses callers other than the service role, and bad options, doing nothing', async () => {
		const anon = await anonClient().functions.invoke('sla-sweep', { body: {} });
		expect(((anon.error as FunctionsHttpError).context as Response).status).toBe(403);
		const bad = await service.functions.invoke('sla-sweep', { body: { batch: 0 } });
		const res = (bad.error as FunctionsHttpError).context as Response;
		expect(res.status).toBe(400);
		expect((await res.json()).code).toBe('invalid_input');
	});
});
