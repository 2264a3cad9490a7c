// What migration 20261121000700_sla_enforcement.sql adds for the tickets function and the SLA sweep:
// the opening instant, notifications queued with the ticket and with staff replies, and the flags that
// tell the sweep which tickets to look at.
import { beforeAll, describe, expect, it } from 'vitest';
import { service, testDb } from './harness.ts';
import { addStaff, createOrganisation, createPerson, ticketPayload } from './fixtures.ts';

const db = await testDb();
let org: string;
let contact: Awaited<ReturnType<typeof createPerson>>;
let agent: Awaited<ReturnType<typeof createPerson>>;
let specialist: Awaited<ReturnType<typeof createPerson>>;
let lead: Awaited<ReturnType<typeof createPerson>>;

const create = async (extra: Record<string, unknown> = {}) =>
	(await db.as(service, 'select * from public.create_ticket($1)', [JSON.stringify(ticketPayload(org, contact.id, extra))]))[0];

beforeAll(async () => {
	org = await createOrganisation(db, 'Aplicación SLA');
	contact = await createPerson(db, org, 'authorized_contact', undefined, 'en');
	agent = await createPerson(db, null, 'member', 'agent');
	specialist = await createPerson(db, null);
	await addStaff(db, specialist.id, 'agent', 2);
	lead = await createPerson(db, null, 'member', 'lead');
});

describe('create_ticket: the opening instant', () => {
	it('uses opened_at as created_at and as the created event instant', async () => {
		const { rows } = await db.admin.query(`select (now() - interval '30 seconds') as at`);
		const opened = rows[0].at as Date;
		const t = await create({ opened_at: opened.toISOString(), first_response_due_at: '2026-11-24T16:00:00Z' });
		expect(new Date(t.created_at).getTime()).toBe(opened.getTime());
		const ev = await db.admin.query(`select at from public.ticket_events where ticket_id = $1 and kind = 'created'`, [t.id]);
		expect(ev.rows[0].at.getTime()).toBe(opened.getTime());
		expect(new Date(t.sla_next_check_at).toISOString()).toBe('2026-11-24T16:00:00.000Z');
		expect(t.sla_dirty).toBe(false);
	});

	it('refuses an opening instant more than two minutes from the database clock', async () => {
		const far = new Date(Date.now() - 10 * 60_000).toISOString();
		expect(await db.fails(service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(org, contact.id, { opened_at: far }))])).toMatchObject({ message: 'opened_at_out_of_range' });
	});
});

describe('create_ticket: notifications', () => {
	it('queues the receipt in the requester language and an alert to level-1 agents and leads, once', async () => {
		const key = `idem-${Date.now()}`;
		const t = await create({ idempotency_key: key, first_response_due_at: '2026-11-24T16:00:00Z' });
		await create({ idempotency_key: key });
		const { rows } = await db.admin.query(`select template, recipient_user_id, locale, payload from public.notifications where payload ->> 'ticket' = $1 order by template, recipient_user_id`, [t.id]);
		const receipt = rows.filter((r) => r.template === 'ticket_received');
		expect(receipt).toHaveLength(1);
		expect(receipt[0]).toMatchObject({ recipient_user_id: contact.id, locale: 'en' });
		expect(receipt[0].payload).toMatchObject({
			number: Number(t.number),
			subject: t.subject,
			severity: { es: 'Prioridad 3 — impacto medio', en: 'Priority 3 — medium impact' },
			first_response_due: '2026-11-24T16:00:00+00:00',
			first_response_minutes: 1440,
			timezone: 'America/Mexico_City',
		});
		const alerts = rows.filter((r) => r.template === 'ticket_new_for_agents').map((r) => r.recipient_user_id).sort();
		expect(alerts).toEqual([agent.id, lead.id].sort());
		expect(alerts).not.toContain(specialist.id);
	});

	it('queues ticket_reply for a public staff reply, not for internal notes or customer replies', async () => {
		const t = await create();
		await db.as(agent, `select public.reply_to_ticket($1, 'Lo estamos revisando <b>ya</b>.')`, [t.id]);
		await db.as(agent, `select public.reply_to_ticket($1, 'nota interna', true)`, [t.id]);
		await db.as(contact, `select public.reply_to_ticket($1, 'Gracias')`, [t.id]);
		const { rows } = await db.admin.query(`select recipient_user_id, payload from public.notifications where template = 'ticket_reply' and payload ->> 'ticket' = $1`, [t.id]);
		expect(rows).toHaveLength(1);
		expect(rows[0].recipient_user_id).toBe(contact.id);
		expect(rows[0].payload).toMatchObject({ body: 'Lo estamos revisando <b>ya</b>.', number: Number(t.number) });
	});
});

describe('SLA flags for the sweep', () => {
	it('flags a ticket when a clock moves: status, severity, level, public messages — not internal notes', async () => {
		const flagged = async (id: string) => (await db.admin.query('select sla_dirty from public.tickets where id = $1', [id])).rows[0].sla_dirty;
		const clear = (id: string) => db.admin.query('update public.tickets set sla_dirty = false where id = $1', [id]);
		const t = await create();
		expect(await flagged(t.id)).toBe(false);
		await db.as(agent, `select public.reply_to_ticket($1, 'nota', true)`, [t.id]);
		expect(await flagged(t.id)).toBe(false);
		await db.as(agent, `select public.reply_to_ticket($1, 'respuesta')`, [t.id]);
		expect(await flagged(t.id)).toBe(true);
		await clear(t.id);
		await db.as(agent, `select public.change_severity($1, 'P1')`, [t.id]);
		expect(await flagged(t.id)).toBe(true);
		await clear(t.id);
		await db.as(agent, `select public.request_customer_info($1, '¿Qué versión?')`, [t.id]);
		expect(await flagged(t.id)).toBe(true);
	});

	it("does not flag the sweep's own writes", async () => {
		const t = await create();
		const client = await db.admin.connect();
		try {
			await client.query('begin');
			await client.query(`select set_config('mostrador.sweep', 'on', true)`);
			await client.query('update public.tickets set level = 2 where id = $1', [t.id]);
			await client.query('commit');
		} finally {
			client.release();
		}
		expect((await db.admin.query('select sla_dirty, level from public.tickets where id = $1', [t.id])).rows[0]).toEqual({ sla_dirty: false, level: 2 });
	});
});
