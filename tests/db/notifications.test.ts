// Every ticket event that needs someone's action reaches that person by e-mail (the queueing half of
// migration 20261121000600_notify.sql): who gets a mail, who does not (whoever acted, other
// organisations, customers for internal notes), in which language, and once. Every payload queued here
// is checked against its template's schema and rendered in its recipient's language.
import { beforeAll, describe, expect, it } from 'vitest';
import { service, testDb, type Actor } from './harness.ts';
import { addStaff, createOrganisation, createPerson, createTicket } from './fixtures.ts';
import { payloadSchema, renderNotification, type TemplateName } from '#shared/email/templates.ts';

const db = await testDb();
type Person = Actor & { id: string };
let org: string;
let orgB: string;
/** The requester, who reads English. */
let requester: Person;
/** A colleague who writes on the ticket. */
let colleague: Person;
/** A colleague who never writes on it. */
let bystander: Person;
let outsider: Person;
let agent1: Person;
let agent1en: Person;
let agent2: Person;
let lead: Person;

interface Mail {
	template: string;
	recipient_user_id: string;
	locale: string;
	payload: Record<string, unknown>;
	dedupe_key: string;
}

async function mails(ticket: string, template?: string): Promise<Mail[]> {
	const { rows } = await db.admin.query<Mail>(
		`select template, recipient_user_id, locale, payload, dedupe_key from public.notifications
		where payload ->> 'ticket' = $1 and ($2::text is null or template = $2) order by template, recipient_user_id`,
		[ticket, template ?? null],
	);
	for (const m of rows) {
		// What the queuer wrote is what the template takes, and it renders in the recipient's language.
		const parsed = payloadSchema(m.template as TemplateName).safeParse(m.payload);
		expect(parsed.success, `${m.template}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
		expect(renderNotification(m.template, m.payload, { lang: m.locale as 'es' | 'en', site: 'https://soporte.test' }).ok).toBe(true);
	}
	return rows;
}
const to = (rows: Mail[]) => rows.map((m) => m.recipient_user_id).sort();
const sorted = (...ids: string[]) => [...ids].sort();
/** The templates queued after the ticket's opening (its receipt and the agents' alert). */
const since = (rows: Mail[]) => rows.filter((m) => m.template !== 'ticket_received' && m.template !== 'ticket_new_for_agents');

const open = () => createTicket(db, org, requester.id);
const ticketNumber = async (id: string) => Number((await db.admin.query('select number from public.tickets where id = $1', [id])).rows[0].number);

beforeAll(async () => {
	org = await createOrganisation(db, 'Clínica Avisos');
	orgB = await createOrganisation(db, 'Otra Organización');
	requester = await createPerson(db, org, 'authorized_contact', undefined, 'en');
	colleague = await createPerson(db, org, 'authorized_contact');
	bystander = await createPerson(db, org, 'member');
	outsider = await createPerson(db, orgB, 'authorized_contact');
	agent1 = await createPerson(db, null, 'member', 'agent');
	agent1en = await createPerson(db, null, 'member', undefined, 'en');
	await addStaff(db, agent1en.id, 'agent', 1);
	agent2 = await createPerson(db, null);
	await addStaff(db, agent2.id, 'agent', 2);
	lead = await createPerson(db, null, 'member', 'lead');
	await db.admin.query(`update public.profiles set full_name = $2 where id = $1`, [requester.id, 'Ana Pérez']);
	await db.admin.query(`update public.profiles set full_name = $2 where id = $1`, [colleague.id, 'Beto Ruiz']);
	await db.admin.query(`update public.profiles set full_name = $2 where id = $1`, [agent1.id, 'Luis Agente']);
});

describe('support writes to the customer', () => {
	it('a request for information is an info_requested to the requester only, in their language, instead of ticket_reply', async () => {
		const t = await open();
		await db.as(colleague, `select public.reply_to_ticket($1, 'Lo vemos también en otra sede.')`, [t]);
		await db.as(agent1, `select public.request_customer_info($1, '¿Qué versión del servidor usan?')`, [t]);
		const rows = await mails(t);
		const info = rows.filter((m) => m.template === 'info_requested');
		expect(info).toHaveLength(1);
		expect(info[0]).toMatchObject({ recipient_user_id: requester.id, locale: 'en', dedupe_key: expect.stringMatching(/^info_requested:/) });
		expect(info[0].payload).toMatchObject({ ticket: t, number: await ticketNumber(t), author: 'Luis Agente', body: '¿Qué versión del servidor usan?', closes_after_days: 10 });
		expect(rows.filter((m) => m.template === 'ticket_reply')).toHaveLength(0);
		// Nobody else hears of it: not the colleague who wrote, not the agent who asked.
		expect(to(since(rows).filter((m) => m.template !== 'customer_replied'))).toEqual([requester.id]);
		const english = renderNotification('info_requested', info[0].payload, { lang: 'en', site: 'https://soporte.test' });
		expect(english.ok && english.email.text).toContain('reply to this e-mail or on the portal');
	});

	it('a proposed solution is a solution_proposed to the requester (resolve_ticket and agent_reply alike)', async () => {
		for (const propose of [
			(t: string) => db.as(agent1, `select public.resolve_ticket($1, 'Reconstruye el índice.')`, [t]),
			(t: string) => db.as(agent1, `select public.agent_reply($1, 'Reconstruye el índice.', 'resolve')`, [t]),
		]) {
			const t = await open();
			await propose(t);
			const rows = since(await mails(t));
			expect(rows.map((m) => [m.template, m.recipient_user_id, m.locale])).toEqual([['solution_proposed', requester.id, 'en']]);
			expect(rows[0].payload).toMatchObject({ ticket: t, body: 'Reconstruye el índice.', author: 'Luis Agente' });
		}
	});

	it('agent_reply: a reply is a ticket_reply, a request an info_requested, a note reaches no one', async () => {
		const t = await open();
		await db.as(agent1, `select public.agent_reply($1, 'Nota: revisar con nivel 2.', 'note')`, [t]);
		expect(since(await mails(t))).toEqual([]);
		await db.as(agent1, `select public.agent_reply($1, 'Lo estamos revisando.', 'reply')`, [t]);
		await db.as(agent1, `select public.agent_reply($1, '¿Nos envías el registro?', 'request_info')`, [t]);
		const rows = since(await mails(t));
		expect(rows.map((m) => [m.template, m.recipient_user_id, m.payload.body])).toEqual([
			['info_requested', requester.id, '¿Nos envías el registro?'],
			['ticket_reply', requester.id, 'Lo estamos revisando.'],
		]);
		// The setting that told the messages apart does not outlive the call.
		await db.as(agent1, `select public.reply_to_ticket($1, 'Otra respuesta.')`, [t]);
		expect((await mails(t, 'ticket_reply')).map((m) => m.payload.body).sort()).toEqual(['Lo estamos revisando.', 'Otra respuesta.']);
	});

	it('an agent without a name is the support team, unnamed', async () => {
		const t = await open();
		await db.as(agent2, `select public.request_customer_info($1, '¿Desde cuándo?')`, [t]);
		const [m] = await mails(t, 'info_requested');
		expect(m.payload.author).toBeNull();
		const r = renderNotification('info_requested', m.payload, { lang: 'es', site: 'https://soporte.test' });
		expect(r.ok && r.email.text).toContain('El equipo de soporte necesita más información');
	});
});

describe('the customer writes to support', () => {
	it('a reply on an unassigned ticket goes to each agent of its level, in each one’s language; not to the author or the lead', async () => {
		const t = await open();
		// The description is the first message: the opening told support, no customer_replied.
		expect(await mails(t, 'customer_replied')).toEqual([]);
		await db.as(colleague, `select public.reply_to_ticket($1, 'Añado: falla desde el lunes.')`, [t]);
		const rows = await mails(t, 'customer_replied');
		expect(rows.map((m) => [m.recipient_user_id, m.locale]).sort()).toEqual(
			[
				[agent1.id, 'es'],
				[agent1en.id, 'en'],
			].sort(),
		);
		expect(rows[0].payload).toMatchObject({ ticket: t, body: 'Añado: falla desde el lunes.', organisation: 'Clínica Avisos', author: expect.stringContaining('Beto Ruiz <') });
		expect(since(await mails(t)).every((m) => m.template === 'customer_replied')).toBe(true);
	});

	it('a reply on an assigned ticket goes to its assignee only', async () => {
		const t = await open();
		await db.as(agent1, 'select public.take_ticket($1)', [t]);
		await db.as(requester, `select public.reply_to_ticket($1, 'Adjunto más datos.')`, [t]);
		expect(to(await mails(t, 'customer_replied'))).toEqual([agent1.id]);
		const r = renderNotification('customer_replied', (await mails(t, 'customer_replied'))[0].payload, { lang: 'es', site: 'https://soporte.test' });
		expect(r.ok && r.email.text).toContain(`https://soporte.test/agente/?t=${await ticketNumber(t)}&responder`);
	});

	it('unassigned at level 2: the level-2 agents; at a level without agents: the leads', async () => {
		const t = await open();
		await db.as(agent1, 'select public.change_level($1, 2)', [t]);
		await db.as(requester, `select public.reply_to_ticket($1, 'Sigue igual.')`, [t]);
		expect(to(await mails(t, 'customer_replied'))).toEqual([agent2.id]);
		const lonely = await open();
		await db.as(agent1, 'select public.change_level($1, 2)', [lonely]);
		await db.admin.query(`update public.staff set level = 1 where user_id = $1`, [agent2.id]);
		try {
			await db.as(requester, `select public.reply_to_ticket($1, '¿Hay novedades?')`, [lonely]);
		} finally {
			await db.admin.query(`update public.staff set level = 2 where user_id = $1`, [agent2.id]);
		}
		expect(to(await mails(lonely, 'customer_replied'))).toEqual([lead.id]);
	});

	it('reopening a proposed solution is a customer_reopened with the reason, not a customer_replied', async () => {
		const t = await open();
		await db.as(agent1, 'select public.take_ticket($1)', [t]);
		await db.as(agent1, `select public.resolve_ticket($1, 'Reinstala el conector.')`, [t]);
		await db.as(colleague, `select public.reopen_ticket($1, 'Reinstalado, y sigue fallando.')`, [t]);
		const rows = since(await mails(t)).filter((m) => m.template.startsWith('customer_'));
		expect(rows.map((m) => [m.template, m.recipient_user_id])).toEqual([['customer_reopened', agent1.id]]);
		expect(rows[0].payload).toMatchObject({ ticket: t, body: 'Reinstalado, y sigue fallando.', author: expect.stringContaining('Beto Ruiz') });
		// A plain reply on a resolved ticket sends it back to the queue as well, and says so.
		const u = await open();
		await db.as(agent1, `select public.resolve_ticket($1, 'Reinstala el conector.')`, [u]);
		await db.as(requester, `select public.reply_to_ticket($1, 'No funcionó.')`, [u]);
		expect((await mails(u)).filter((m) => m.template.startsWith('customer_')).map((m) => m.template)).toEqual(['customer_reopened', 'customer_reopened']);
	});
});

describe('a ticket closes', () => {
	it('the customer confirms: customer_confirmed to the assignee; ticket_closed to the requester and colleagues who wrote, not to whoever confirmed', async () => {
		const t = await open();
		await db.as(agent1, 'select public.take_ticket($1)', [t]);
		await db.as(colleague, `select public.reply_to_ticket($1, 'A mí también me pasa.')`, [t]);
		await db.as(agent1, `select public.resolve_ticket($1, 'Aplica el parche 5.1.2.')`, [t]);
		await db.as(colleague, 'select public.confirm_resolution($1)', [t]);
		const confirmed = await mails(t, 'customer_confirmed');
		expect(to(confirmed)).toEqual([agent1.id]);
		expect(confirmed[0].payload).toMatchObject({ ticket: t, author: expect.stringContaining('Beto Ruiz'), organisation: 'Clínica Avisos' });
		const closed = await mails(t, 'ticket_closed');
		// The colleague confirmed: only the requester hears of it (not the bystander, the outsider or staff).
		expect(closed.map((m) => [m.recipient_user_id, m.locale])).toEqual([[requester.id, 'en']]);
		expect(closed[0].payload).toMatchObject({ ticket: t, reason: 'confirmed_by_customer', by: 'Beto Ruiz' });
		const r = renderNotification('ticket_closed', closed[0].payload, { lang: 'en', site: 'https://soporte.test' });
		expect(r.ok && r.email.text).toContain('Beto Ruiz confirmed that the proposed solution solves ticket');
	});

	it('the requester confirms: the colleague who wrote hears of it, the requester does not', async () => {
		const t = await open();
		await db.as(colleague, `select public.reply_to_ticket($1, 'Confirmo el síntoma.')`, [t]);
		await db.as(agent1, `select public.resolve_ticket($1, 'Aplica el parche.')`, [t]);
		await db.as(requester, 'select public.confirm_resolution($1)', [t]);
		expect((await mails(t, 'ticket_closed')).map((m) => [m.recipient_user_id, m.locale, m.payload.by])).toEqual([[colleague.id, 'es', 'Ana Pérez']]);
		// Unassigned: the agents of its level hear of the confirmation.
		expect(to(await mails(t, 'customer_confirmed'))).toEqual(sorted(agent1.id, agent1en.id));
	});

	it('staff close it: ticket_closed to the requester and colleagues who wrote, by whom; nothing to staff', async () => {
		const t = await open();
		await db.as(colleague, `select public.reply_to_ticket($1, 'Más datos.')`, [t]);
		await db.as(agent1, `select public.reply_to_ticket($1, 'Nota interna.', true)`, [t]);
		await db.as(agent1, 'select public.close_ticket($1)', [t]);
		const rows = since(await mails(t));
		expect(rows.filter((m) => m.template !== 'customer_replied').map((m) => [m.template, m.recipient_user_id]).sort()).toEqual(
			[
				['ticket_closed', requester.id],
				['ticket_closed', colleague.id],
			].sort(),
		);
		for (const m of rows.filter((m) => m.template === 'ticket_closed')) expect(m.payload).toMatchObject({ ticket: t, reason: 'staff', by: 'Luis Agente' });
		for (const who of [bystander, outsider, agent1, agent1en, lead]) expect(to(rows.filter((m) => m.template === 'ticket_closed'))).not.toContain(who.id);
	});

	it('the sweep closes it: the colleagues who wrote get ticket_closed with the days; the requester only the sweep’s ticket_auto_closed', async () => {
		const t = await open();
		await db.as(colleague, `select public.reply_to_ticket($1, '¿Alguna novedad?')`, [t]);
		await db.as(agent1, `select public.request_customer_info($1, '¿Qué versión?')`, [t]);
		// What the sweep does (supabase/functions/sla-sweep): one transaction, no signed-in caller.
		const client = await db.admin.connect();
		try {
			await client.query('begin');
			await client.query(`select set_config('mostrador.sweep', 'on', true)`);
			await client.query(`update public.tickets set status = 'closed', close_reason = 'no_customer_reply' where id = $1`, [t]);
			await client.query(
				`insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
				select 'ticket_auto_closed', t.requester_id, p.locale, jsonb_build_object('ticket', t.id, 'number', t.number, 'subject', t.subject, 'days', 10), 'auto_closed:' || t.id
				from public.tickets t join public.profiles p on p.id = t.requester_id where t.id = $1 on conflict (dedupe_key) do nothing`,
				[t],
			);
			await client.query('commit');
		} finally {
			client.release();
		}
		const rows = since(await mails(t)).filter((m) => m.template.startsWith('ticket_') && m.template !== 'ticket_reply');
		expect(rows.map((m) => [m.template, m.recipient_user_id]).sort()).toEqual(
			[
				['ticket_auto_closed', requester.id],
				['ticket_closed', colleague.id],
			].sort(),
		);
		expect(rows.find((m) => m.template === 'ticket_closed')!.payload).toMatchObject({ reason: 'no_customer_reply', by: null, days: 10 });
	});

	it('one mail per close and person, and none for a closed ticket’s later changes', async () => {
		const t = await open();
		await db.as(agent1, 'select public.close_ticket($1)', [t]);
		expect(await db.fails(agent1, 'select public.close_ticket($1)', [t])).toMatchObject({ message: 'ticket_closed' });
		await db.as(agent1, 'select public.assign_ticket($1, $2)', [t, agent1.id]);
		expect((await mails(t, 'ticket_closed')).map((m) => m.recipient_user_id)).toEqual([requester.id]);
	});
});

describe('internal notes and other organisations', () => {
	it('internal notes reach no customer, and no one of another organisation hears of anything', async () => {
		const t = await open();
		await db.as(agent1, `select public.reply_to_ticket($1, 'Solo para el equipo.', true)`, [t]);
		await db.as(agent1, `select public.agent_reply($1, 'Nota con la acción de nota.', 'note')`, [t]);
		expect(since(await mails(t))).toEqual([]);
		// Support takes back a ticket waiting on the customer with an internal note: the customer hears nothing.
		await db.as(agent1, `select public.request_customer_info($1, '¿Qué versión?')`, [t]);
		await db.as(agent1, `select public.staff_reopen_ticket($1, 'El cliente llamó: lo vemos sin esperar.')`, [t]);
		expect(since(await mails(t)).map((m) => m.template)).toEqual(['info_requested']);
		const b = await createTicket(db, orgB, outsider.id);
		await db.as(outsider, `select public.reply_to_ticket($1, 'Dato')`, [b]);
		await db.as(agent1, `select public.resolve_ticket($1, 'Solución B')`, [b]);
		await db.as(outsider, 'select public.confirm_resolution($1)', [b]);
		const rows = await mails(b);
		for (const who of [requester, colleague, bystander]) expect(to(rows)).not.toContain(who.id);
		const { rows: all } = await db.admin.query(`select count(*)::int as n from public.notifications where recipient_user_id = $1 and payload ->> 'ticket' = $2`, [requester.id, b]);
		expect(all[0].n).toBe(0);
	});

	it('the service role writes nothing new of its own: the outbox stays closed to the API roles', async () => {
		expect(await db.fails(requester, 'select * from public.notifications')).toMatchObject({ code: '42501' });
		expect((await db.as(service, `select count(*)::int as n from public.notifications where template = 'info_requested'`))[0].n).toBeGreaterThan(0);
	});
});
