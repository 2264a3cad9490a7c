// reply_with_attachments (supabase/migrations/20261121001000_reply_attachments.sql): a reply and the
// files its author uploaded into the ticket's folder, in one transaction, or nothing at all.
import { describe, expect, it } from 'vitest';
import { anon, testDb, type Actor } from './harness.ts';
import { addMember, addStaff, createOrganisation, createTicket } from './fixtures.ts';

const db = await testDb();
const orgA = await createOrganisation(db, 'Organización A');
const orgB = await createOrganisation(db, 'Organización B');
const contactA = await db.user();
const memberA = await db.user();
const memberB = await db.user();
const agent = await db.user();
await addMember(db, orgA, contactA.id, 'authorized_contact');
await addMember(db, orgA, memberA.id);
await addMember(db, orgB, memberB.id);
await addStaff(db, agent.id, 'agent');

const REPLY = 'select (public.reply_with_attachments($1, $2, $3)).id';

/** An object in the attachments bucket as Storage records an upload by `owner`. */
async function uploaded(name: string, owner: Actor & { id: string }, mimetype = 'image/png', size = 2048) {
	await db.admin.query(`insert into storage.objects (bucket_id, name, owner, owner_id, metadata) values ('attachments', $1, $2, $3, $4)`, [
		name,
		owner.id,
		owner.id,
		JSON.stringify({ mimetype, size }),
	]);
	return name;
}

const file = (storage_path: string, file_name = 'captura.png', extra: Record<string, unknown> = {}) => ({
	storage_path,
	file_name,
	mime_type: 'image/png',
	size_bytes: 10,
	...extra,
});

async function messagesOf(ticket: string) {
	return (await db.admin.query('select id, author_id, body, visibility from public.ticket_messages where ticket_id = $1 order by created_at, id', [ticket])).rows;
}
async function attachmentsOf(ticket: string) {
	return (
		await db.admin.query(
			'select message_id, storage_path, file_name, mime_type, size_bytes::int as size_bytes, visibility, uploaded_by from public.ticket_attachments where ticket_id = $1 order by storage_path',
			[ticket],
		)
	).rows;
}

describe('reply_with_attachments', () => {
	it("a member replies with their uploads: one message, the files linked to it with Storage's size and type", async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const png = await uploaded(`${orgA}/${t}/a1-captura.png`, memberA, 'image/png', 2048);
		const log = await uploaded(`${orgA}/${t}/a2-registro.txt`, memberA, 'text/plain', 77);
		const [row] = await db.as(memberA, REPLY, [t, 'Adjunto la captura y el registro.', JSON.stringify([file(png), file(log, 'registro.txt', { mime_type: 'image/png', size_bytes: 1 })])]);

		const messages = await messagesOf(t);
		expect(messages).toHaveLength(2);
		expect(messages[1]).toEqual({ id: row.id, author_id: memberA.id, body: 'Adjunto la captura y el registro.', visibility: 'public' });
		expect(await attachmentsOf(t)).toEqual([
			{ message_id: row.id, storage_path: png, file_name: 'captura.png', mime_type: 'image/png', size_bytes: 2048, visibility: 'public', uploaded_by: memberA.id },
			{ message_id: row.id, storage_path: log, file_name: 'registro.txt', mime_type: 'text/plain', size_bytes: 77, visibility: 'public', uploaded_by: memberA.id },
		]);
		// The colleague who opened it sees both files under RLS; the other organisation sees nothing.
		expect(await db.count(contactA, 'select 1 from public.ticket_attachments where message_id = $1', [row.id])).toBe(2);
		expect(await db.count(memberB, 'select 1 from public.ticket_attachments where ticket_id = $1', [t])).toBe(0);
	});

	it('without files it is a plain reply, and a customer reply on a waiting ticket puts it back in the queue', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		await db.as(agent, `select public.request_customer_info($1, '¿Qué versión usan?')`, [t]);
		await db.as(contactA, REPLY, [t, 'La 5.1.', '[]']);
		expect((await db.admin.query('select status from public.tickets where id = $1', [t])).rows[0].status).toBe('open');
		expect((await messagesOf(t)).map((m) => m.body)).toEqual([expect.any(String), '¿Qué versión usan?', 'La 5.1.']);
		expect(await attachmentsOf(t)).toEqual([]);
	});

	it('staff attach files to a public reply, which counts as the first response', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const guide = await uploaded(`${orgA}/${t}/guia.pdf`, agent, 'application/pdf', 5000);
		await db.as(agent, REPLY, [t, 'Siga esta guía.', JSON.stringify([file(guide, 'guia.pdf')])]);
		const ticket = (await db.admin.query('select status, first_response_at from public.tickets where id = $1', [t])).rows[0];
		expect(ticket.status).toBe('open');
		expect(ticket.first_response_at).not.toBeNull();
		expect((await attachmentsOf(t))[0]).toMatchObject({ file_name: 'guia.pdf', mime_type: 'application/pdf', uploaded_by: agent.id });
	});

	it.each([
		['another ticket of the organisation', (t: string, other: string) => `${orgA}/${other}/x.png`],
		["another organisation's folder", (t: string) => `${orgB}/${t}/x.png`],
		['the internal folder', (t: string) => `${orgA}/internal/${t}/x.png`],
		['the organisation folder without the ticket', () => `${orgA}/x.png`],
		['a folder only', (t: string) => `${orgA}/${t}/`],
	])('refuses a file in %s, and writes nothing', async (_where, pathOf) => {
		const t = await createTicket(db, orgA, contactA.id);
		const other = await createTicket(db, orgA, contactA.id);
		const path = pathOf(t, other);
		await db.admin.query(`insert into storage.objects (bucket_id, name, owner_id, metadata) values ('attachments', $1, $2, '{"mimetype":"image/png","size":1}')`, [path, memberA.id]);
		expect(await db.fails(memberA, REPLY, [t, 'Mira esto', JSON.stringify([file(path)])])).toEqual({ message: 'attachment_outside_folder', code: 'P0001' });
		expect(await messagesOf(t)).toHaveLength(1);
		expect(await attachmentsOf(t)).toEqual([]);
	});

	it("refuses a file that was never uploaded, or that someone else uploaded", async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const missing = `${orgA}/${t}/nunca.png`;
		const theirs = await uploaded(`${orgA}/${t}/de-otro.png`, contactA);
		expect((await db.fails(memberA, REPLY, [t, 'x', JSON.stringify([file(missing)])]))?.message).toBe('attachment_not_uploaded');
		expect((await db.fails(memberA, REPLY, [t, 'x', JSON.stringify([file(theirs)])]))?.message).toBe('attachment_not_uploaded');
		expect(await messagesOf(t)).toHaveLength(1);
	});

	it("keeps to the bucket's type and size limits, whatever the browser declares", async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const html = await uploaded(`${orgA}/${t}/pagina.html`, memberA, 'text/html', 10);
		const huge = await uploaded(`${orgA}/${t}/enorme.zip`, memberA, 'application/zip', 26214401);
		expect((await db.fails(memberA, REPLY, [t, 'x', JSON.stringify([file(html, 'pagina.html')])]))?.message).toBe('attachment_type_not_allowed');
		expect((await db.fails(memberA, REPLY, [t, 'x', JSON.stringify([file(huge, 'enorme.zip', { size_bytes: 10 })])]))?.message).toBe('attachment_too_large');
		expect(await attachmentsOf(t)).toEqual([]);
	});

	it('refuses the same file twice, a nameless file, more than 10 files, and attachments that are not a list', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const once = await uploaded(`${orgA}/${t}/una-vez.png`, memberA);
		await db.as(memberA, REPLY, [t, 'Primera', JSON.stringify([file(once)])]);
		expect((await db.fails(memberA, REPLY, [t, 'Otra vez', JSON.stringify([file(once)])]))?.message).toBe('attachment_already_attached');
		const nameless = await uploaded(`${orgA}/${t}/sin-nombre.png`, memberA);
		expect((await db.fails(memberA, REPLY, [t, 'x', JSON.stringify([file(nameless, '  ')])]))?.message).toBe('invalid_file_name');
		const eleven = Array.from({ length: 11 }, (_, i) => file(`${orgA}/${t}/f${i}.png`));
		expect((await db.fails(memberA, REPLY, [t, 'x', JSON.stringify(eleven)]))?.message).toBe('too_many_attachments');
		expect((await db.fails(memberA, REPLY, [t, 'x', JSON.stringify({ storage_path: once })]))?.message).toBe('invalid_attachments');
		expect((await messagesOf(t)).map((m) => m.body)).toEqual([expect.any(String), 'Primera']);
	});

	it("another organisation gets ticket_not_found, anonymous callers may not call it, a closed ticket takes no reply", async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const mine = await uploaded(`${orgA}/${t}/b.png`, memberB);
		expect(await db.fails(memberB, REPLY, [t, 'Hola', JSON.stringify([file(mine)])])).toEqual({ message: 'ticket_not_found', code: 'PT404' });
		expect((await db.fails(anon, REPLY, [t, 'Hola', '[]']))?.code).toBe('42501');
		await db.as(agent, 'select public.close_ticket($1)', [t]);
		expect((await db.fails(memberA, REPLY, [t, 'Hola', '[]']))?.message).toBe('ticket_closed');
		expect(await messagesOf(t)).toHaveLength(1);
	});
});
