// The agent console's database side (supabase/migrations/20261121001300_agent.sql): the staff-only
// queue view, taking a ticket, replies and notes with files, support taking a waiting ticket back,
// and a problem opened from a ticket.
import { describe, expect, it } from 'vitest';
import { anon, testDb, type Actor } from './harness.ts';
import { addMember, addStaff, createOrganisation, createTicket } from './fixtures.ts';

const db = await testDb();
const orgA = await createOrganisation(db, 'Organización A');
const contactA = await db.user('contacto.a@example.com', { full_name: 'Clara Contacto' });
const memberB = await db.user();
const orgB = await createOrganisation(db, 'Organización B');
const agent = await db.user('agente@example.com', { full_name: 'Ana Agente' });
const other = await db.user('otro@example.com', { full_name: 'Otto Agente' });
await addMember(db, orgA, contactA.id, 'authorized_contact');
await addMember(db, orgB, memberB.id);
await addStaff(db, agent.id, 'agent');
await addStaff(db, other.id, 'agent');

const ticketRow = async (id: string) => (await db.admin.query('select * from public.tickets where id = $1', [id])).rows[0];
const queueRow = async (who: Actor, id: string) => (await db.as(who, 'select * from public.agent_queue where id = $1', [id]))[0];

/** An object in the attachments bucket as Storage records an upload by `owner`. */
async function uploaded(name: string, owner: Actor & { id: string }, mimetype = 'text/plain', size = 12) {
	await db.admin.query(`insert into storage.objects (bucket_id, name, owner, owner_id, metadata) values ('attachments', $1, $2, $3, $4)`, [
		name,
		owner.id,
		owner.id,
		JSON.stringify({ mimetype, size }),
	]);
	return name;
}
const file = (storage_path: string, file_name = 'registro.txt') => ({ storage_path, file_name, mime_type: 'text/plain', size_bytes: 1 });
const REPLY = 'select (public.agent_reply($1, $2, $3, $4)).id';

describe('agent_queue', () => {
	it('gives staff each ticket with its names, counts and nearest deadline not yet met', async () => {
		const t = await createTicket(db, orgA, contactA.id, {
			first_response_due_at: '2026-11-23T18:00:00Z',
			next_escalation_due_at: '2026-11-23T17:00:00Z',
			resolution_due_at: '2026-11-30T18:00:00Z',
		});
		await db.as(agent, 'select public.take_ticket($1)', [t]);
		await db.as(agent, `select public.reply_to_ticket($1, 'Nota', true)`, [t]);
		const row = await queueRow(agent, t);
		expect(row).toMatchObject({
			organisation_name: 'Organización A',
			requester_name: 'Clara Contacto',
			requester_email: 'contacto.a@example.com',
			assignee_id: agent.id,
			assignee_name: 'Ana Agente',
			status: 'new',
			public_messages: '1',
			internal_notes: '1',
		});
		expect(row.next_due_at.toISOString()).toBe('2026-11-23T17:00:00.000Z');

		// Once answered, the first-response deadline no longer counts, even before a sweep clears it.
		await db.admin.query(`update public.tickets set next_escalation_due_at = null where id = $1`, [t]);
		expect((await queueRow(agent, t)).next_due_at.toISOString()).toBe('2026-11-23T18:00:00.000Z');
		await db.as(agent, `select public.reply_to_ticket($1, 'Hola')`, [t]);
		expect((await queueRow(agent, t)).next_due_at.toISOString()).toBe('2026-11-30T18:00:00.000Z');

		// Waiting on the customer nothing is owed.
		await db.as(agent, `select public.request_customer_info($1, '¿Qué versión?')`, [t]);
		expect((await queueRow(agent, t)).next_due_at).toBeNull();
	});

	it('is empty for customers, even for their own tickets, and closed to anonymous callers', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		expect(await db.count(contactA, 'select * from public.agent_queue where id = $1', [t])).toBe(0);
		expect(await db.count(memberB, 'select * from public.agent_queue', [])).toBe(0);
		expect(await db.message(anon, 'select * from public.agent_queue')).toContain('permission denied');
		const { rows } = await db.admin.query(
			`select has_table_privilege('authenticated', 'public.agent_queue', 'select') as read, has_table_privilege('authenticated', 'public.agent_queue', 'insert, update, delete, truncate') as write`,
		);
		expect(rows[0]).toEqual({ read: true, write: false });
		expect(await db.count(agent, 'select * from public.agent_queue where id = $1', [t])).toBe(1);
	});
});

describe('take_ticket', () => {
	it('assigns the ticket to the caller, once; another agent is refused', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		await db.as(agent, 'select public.take_ticket($1)', [t]);
		expect((await ticketRow(t)).assignee_id).toBe(agent.id);
		// Taking it again changes nothing and logs nothing.
		await db.as(agent, 'select public.take_ticket($1)', [t]);
		const assigned = await db.admin.query(`select count(*)::int as n from public.ticket_events where ticket_id = $1 and kind = 'assigned'`, [t]);
		expect(assigned.rows[0].n).toBe(1);
		expect(await db.fails(other, 'select public.take_ticket($1)', [t])).toEqual({ message: 'ticket_taken', code: 'P0001' });
		expect((await ticketRow(t)).assignee_id).toBe(agent.id);
		// Handing it over is assign_ticket's job.
		await db.as(agent, 'select public.assign_ticket($1, $2)', [t, other.id]);
		expect((await ticketRow(t)).assignee_id).toBe(other.id);
	});

	it('is for staff only, and not for closed tickets', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		expect((await db.fails(contactA, 'select public.take_ticket($1)', [t]))?.message).toBe('staff_only');
		expect((await db.fails(anon, 'select public.take_ticket($1)', [t]))?.message).toContain('permission denied');
		await db.as(agent, 'select public.close_ticket($1)', [t]);
		expect((await db.fails(agent, 'select public.take_ticket($1)', [t]))?.message).toBe('ticket_closed');
	});
});

describe('agent_reply', () => {
	it('writes an internal note with a staff-only file customers cannot see', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const path = await uploaded(`${orgA}/internal/${t}/a1-registro.txt`, agent, 'text/plain', 77);
		const [m] = await db.as(agent, REPLY, [t, 'Revisar con nivel 2.', 'note', JSON.stringify([file(path)])]);
		const msg = (await db.admin.query('select visibility, body from public.ticket_messages where id = $1', [m.id])).rows[0];
		expect(msg).toEqual({ visibility: 'internal', body: 'Revisar con nivel 2.' });
		const att = (await db.admin.query('select message_id, visibility, size_bytes::int as size, uploaded_by from public.ticket_attachments where ticket_id = $1', [t])).rows;
		expect(att).toEqual([{ message_id: m.id, visibility: 'internal', size: 77, uploaded_by: agent.id }]);
		expect(await db.count(contactA, 'select 1 from public.ticket_attachments where ticket_id = $1', [t])).toBe(0);
		expect(await db.count(contactA, 'select 1 from public.ticket_messages where id = $1', [m.id])).toBe(0);
		// A note is not a response: the ticket is still new and unanswered.
		expect(await ticketRow(t)).toMatchObject({ status: 'new', first_response_at: null });
	});

	it('sends a public reply with a file in the ticket folder, the first response', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const path = await uploaded(`${orgA}/${t}/b1-guia.pdf`, agent, 'application/pdf', 5000);
		await db.as(agent, REPLY, [t, 'Siga la guía.', 'reply', JSON.stringify([file(path, 'guia.pdf')])]);
		expect(await ticketRow(t)).toMatchObject({ status: 'open', first_response_at: expect.any(Date) });
		expect(await db.count(contactA, `select 1 from public.ticket_attachments where ticket_id = $1 and file_name = 'guia.pdf' and visibility = 'public'`, [t])).toBe(1);
	});

	it.each([
		['a public reply with a file in the internal folder', 'reply', (t: string) => `${orgA}/internal/${t}/x.txt`],
		['a note with a file in the public folder', 'note', (t: string) => `${orgA}/${t}/x.txt`],
		["another organisation's folder", 'reply', (t: string) => `${orgB}/${t}/x.txt`],
		['a deeper folder', 'note', (t: string) => `${orgA}/internal/${t}/sub/x.txt`],
	])('refuses %s, and writes nothing', async (_what, action, pathOf) => {
		const t = await createTicket(db, orgA, contactA.id);
		const path = await uploaded(pathOf(t), agent);
		expect(await db.fails(agent, REPLY, [t, 'Mira', action, JSON.stringify([file(path)])])).toEqual({ message: 'attachment_outside_folder', code: 'P0001' });
		expect((await db.admin.query('select count(*)::int as n from public.ticket_messages where ticket_id = $1', [t])).rows[0].n).toBe(1);
	});

	it("refuses a file someone else uploaded", async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const path = await uploaded(`${orgA}/internal/${t}/ajeno.txt`, other);
		expect((await db.fails(agent, REPLY, [t, 'x', 'note', JSON.stringify([file(path)])]))?.message).toBe('attachment_not_uploaded');
	});

	it('asks for information (the clock pauses) and proposes a solution (resolved)', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		await db.as(agent, REPLY, [t, '¿Qué versión usan?', 'request_info', '[]']);
		expect(await ticketRow(t)).toMatchObject({ status: 'pending_customer', paused_since: expect.any(Date), first_response_at: expect.any(Date) });
		await db.as(contactA, `select public.reply_to_ticket($1, 'La 5.1')`, [t]);
		expect((await ticketRow(t)).status).toBe('open');
		await db.as(agent, REPLY, [t, 'Reconstruya el índice.', 'resolve', '[]']);
		expect((await ticketRow(t)).status).toBe('resolved');
	});

	it('is for staff only, with a known action', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		expect((await db.fails(contactA, REPLY, [t, 'x', 'reply', '[]']))?.message).toBe('staff_only');
		expect((await db.fails(agent, REPLY, [t, 'x', 'close', '[]']))?.message).toBe('invalid_action');
		expect((await db.fails(anon, REPLY, [t, 'x', 'reply', '[]']))?.message).toContain('permission denied');
	});
});

describe('staff_reopen_ticket', () => {
	it('takes back a resolved or waiting ticket with the reason as an internal note', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		await db.as(agent, `select public.resolve_ticket($1, 'Resuelto')`, [t]);
		await db.as(agent, `select public.staff_reopen_ticket($1, 'El cliente llamó: sigue fallando.')`, [t]);
		expect(await ticketRow(t)).toMatchObject({ status: 'open', paused_since: null, resolved_at: null });
		const note = (await db.admin.query(`select visibility from public.ticket_messages where ticket_id = $1 and body = 'El cliente llamó: sigue fallando.'`, [t])).rows;
		expect(note).toEqual([{ visibility: 'internal' }]);
		await db.as(agent, `select public.request_customer_info($1, '¿Versión?')`, [t]);
		await db.as(agent, `select public.staff_reopen_ticket($1, 'Lo vemos sin esperar.')`, [t]);
		expect((await ticketRow(t)).status).toBe('open');
	});

	it('refuses an open ticket, and customers', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		expect((await db.fails(agent, `select public.staff_reopen_ticket($1, 'x')`, [t]))?.message).toBe('not_reopenable');
		await db.as(agent, `select public.resolve_ticket($1, 'Resuelto')`, [t]);
		expect((await db.fails(contactA, `select public.staff_reopen_ticket($1, 'x')`, [t]))?.message).toBe('staff_only');
	});
});

describe('create_problem_for_ticket', () => {
	it('opens a problem and links the ticket to it, in one go', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const [p] = await db.as(agent, `select * from public.create_problem_for_ticket($1, '  Índice desactualizado  ', 'Tras 5.1')`, [t]);
		expect(p).toMatchObject({ title: 'Índice desactualizado', description: 'Tras 5.1', status: 'open', created_by: agent.id });
		expect((await ticketRow(t)).problem_id).toBe(p.id);
	});

	it('refuses a short title, an unknown ticket and customers, and creates nothing', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const before = (await db.admin.query('select count(*)::int as n from public.problems')).rows[0].n;
		expect((await db.fails(agent, `select public.create_problem_for_ticket($1, 'ab')`, [t]))?.message).toBe('invalid_title');
		expect((await db.fails(agent, `select public.create_problem_for_ticket(gen_random_uuid(), 'Un problema')`))?.message).toBe('ticket_not_found');
		expect((await db.fails(contactA, `select public.create_problem_for_ticket($1, 'Un problema')`, [t]))?.message).toBe('staff_only');
		expect((await db.admin.query('select count(*)::int as n from public.problems')).rows[0].n).toBe(before);
	});
});
