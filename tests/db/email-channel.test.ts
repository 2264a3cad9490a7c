// The e-mail channel's rules (supabase/migrations/20261121001600_email_channel.sql): one processing per
// Message-ID, who may answer a ticket by mail, reopen against follow-up, the per-sender limit, one
// automatic answer per address and day and a cap on all of them in an hour, unverified mail (logged, the
// known person told once a day), the ticket a logged mail went to (reply-all), and that none of it is
// reachable by anyone but the service role.
import { describe, expect, it } from 'vitest';
import { anon, service, testDb, type Actor } from './harness.ts';
import { addMember, addStaff, createOrganisation, createTicket } from './fixtures.ts';

const db = await testDb();
const orgA = await createOrganisation(db, 'Organización A');
const orgB = await createOrganisation(db, 'Organización B');
const contactA = await db.user('contacto.a@example.com', { full_name: 'Carla Contacto' });
const memberA = await db.user('miembro.a@example.com');
const memberB = await db.user('miembro.b@example.com');
const agent = await db.user('agente@example.com');
await addMember(db, orgA, contactA.id, 'authorized_contact');
await addMember(db, orgA, memberA.id);
await addMember(db, orgB, memberB.id);
await addStaff(db, agent.id, 'agent');
await db.admin.query(`update public.profiles set full_name = 'Carla Contacto' where id = $1`, [contactA.id]);

let n = 0;
/** A fresh Message-ID, logged as received from `sender`. */
async function begin(sender: string, extra: { subject?: string; perHour?: number; id?: string } = {}) {
	const id = extra.id ?? `m${++n}.${Date.now()}@mail.example.com`;
	const [row] = await db.as(service, 'select * from public.inbound_email_begin($1, $2, $3, $4, $5)', [id, sender, ['soporte@example.com'], extra.subject ?? 'Asunto', extra.perHour ?? 30]);
	return row as { message_id: string; outcome: string; id: string };
}
const reply = (id: string, sender: string | null, body: string, ticket: string, files: unknown[] = []) =>
	db.as(service, 'select public.add_email_reply($1, $2, $3, null, $4, $5) as r', [id, sender, body, ticket, JSON.stringify(files)]).then((rows) => rows[0].r);
const logOf = async (id: string) => (await db.admin.query('select outcome, ticket_id, reason from public.inbound_emails where message_id = $1', [id])).rows[0];
const messagesOf = async (t: string) => (await db.admin.query('select author_id, body from public.ticket_messages where ticket_id = $1 order by created_at, id', [t])).rows;
const statusOf = async (t: string) => (await db.admin.query('select status from public.tickets where id = $1', [t])).rows[0].status;

describe('one processing per Message-ID', () => {
	it('the same Message-ID twice is one row; the second begin sees the first outcome', async () => {
		const first = await begin(contactA.email!);
		expect(first.outcome).toBe('received');
		await db.as(service, `select public.inbound_email_finish($1, 'dropped', null, 'auto_submitted')`, [first.message_id]);
		const again = await begin(contactA.email!, { id: first.message_id });
		expect(again).toMatchObject({ id: first.id, outcome: 'dropped' });
		expect((await db.admin.query('select count(*)::int as n from public.inbound_emails where message_id = $1', [first.message_id])).rows[0].n).toBe(1);
	});

	it('an outcome is set once: a second finish keeps the first', async () => {
		const m = await begin(contactA.email!);
		await db.as(service, `select public.inbound_email_finish($1, 'not_for_us')`, [m.message_id]);
		await db.as(service, `select public.inbound_email_finish($1, 'dropped')`, [m.message_id]);
		expect((await logOf(m.message_id)).outcome).toBe('not_for_us');
	});

	it('a reply delivered twice is added once', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const m = await begin(memberA.email!);
		expect(await reply(m.message_id, memberA.id, 'Sigue fallando.', t)).toMatchObject({ outcome: 'reply_added', ticket: t });
		expect(await reply(m.message_id, memberA.id, 'Sigue fallando.', t)).toMatchObject({ outcome: 'reply_added', duplicate: true });
		expect((await messagesOf(t)).filter((x) => x.body === 'Sigue fallando.')).toHaveLength(1);
	});
});

describe('who may answer a ticket by mail', () => {
	it('a member of the organisation answers as themself, and the reply is theirs in the log', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const m = await begin(memberA.email!);
		await reply(m.message_id, memberA.id, 'Adjunto más datos.', t);
		expect((await messagesOf(t)).at(-1)).toEqual({ author_id: memberA.id, body: 'Adjunto más datos.' });
		const [event] = (await db.admin.query(`select actor_id, actor_kind from public.ticket_events where ticket_id = $1 and kind = 'message_added' order by id desc limit 1`, [t])).rows;
		expect(event).toEqual({ actor_id: memberA.id, actor_kind: 'customer' });
		expect(await logOf(m.message_id)).toEqual({ outcome: 'reply_added', ticket_id: t, reason: null });
	});

	it('someone of another organisation, staff, or nobody is refused and logged; nothing is added', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		for (const [who, id] of [['memberB', memberB.id], ['agent', agent.id], ['nobody', null]] as const) {
			const m = await begin(`${who}@example.com`);
			expect(await reply(m.message_id, id, 'Hola', t)).toMatchObject({ outcome: 'reply_refused', reason: 'not_a_member' });
			expect(await logOf(m.message_id)).toMatchObject({ outcome: 'reply_refused', reason: 'not_a_member' });
		}
		expect(await messagesOf(t)).toHaveLength(1);
	});

	it('by reply token: the right token finds the ticket, a wrong one is refused as ticket_not_found', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const { reply_token } = (await db.admin.query('select reply_token from public.tickets where id = $1', [t])).rows[0];
		const ok = await begin(contactA.email!);
		const [{ r }] = await db.as(service, 'select public.add_email_reply($1, $2, $3, $4) as r', [ok.message_id, contactA.id, 'Gracias', reply_token]);
		expect(r).toMatchObject({ outcome: 'reply_added', ticket: t });
		const bad = await begin(contactA.email!);
		const [{ r: refused }] = await db.as(service, 'select public.add_email_reply($1, $2, $3, $4) as r', [bad.message_id, contactA.id, 'Gracias', '0'.repeat(32)]);
		expect(refused).toMatchObject({ outcome: 'reply_refused', reason: 'ticket_not_found' });
	});

	it("files the function uploaded become the sender's and are linked the way the form's are", async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const path = `${orgA}/${t}/e1-captura.png`;
		await db.admin.query(`insert into storage.objects (bucket_id, name, metadata) values ('attachments', $1, $2)`, [path, JSON.stringify({ mimetype: 'image/png', size: 321 })]);
		const m = await begin(memberA.email!);
		await reply(m.message_id, memberA.id, 'Con captura', t, [{ storage_path: path, file_name: 'captura.png' }]);
		const [a] = (await db.admin.query('select file_name, mime_type, size_bytes::int as size, uploaded_by from public.ticket_attachments where storage_path = $1', [path])).rows;
		expect(a).toEqual({ file_name: 'captura.png', mime_type: 'image/png', size: 321, uploaded_by: memberA.id });
	});

	it("a file someone else uploaded is not claimed: the reply is refused as a whole", async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const path = `${orgA}/${t}/ajeno.png`;
		await db.admin.query(`insert into storage.objects (bucket_id, name, owner, owner_id, metadata) values ('attachments', $1, $2::uuid, $2::text, $3)`, [path, contactA.id, JSON.stringify({ mimetype: 'image/png', size: 3 })]);
		const m = await begin(memberA.email!);
		expect((await db.fails(service, 'select public.add_email_reply($1, $2, $3, null, $4, $5)', [m.message_id, memberA.id, 'x', t, JSON.stringify([{ storage_path: path, file_name: 'a.png' }])]))?.message).toBe('attachment_not_uploaded');
		expect((await logOf(m.message_id)).outcome).toBe('received');
	});
});

describe('reopen or follow-up', () => {
	it('an answer to a resolved ticket reopens it (the ticket page would: back to the queue)', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		await db.as(agent, `select public.resolve_ticket($1, 'Listo')`, [t]);
		const m = await begin(contactA.email!);
		expect(await reply(m.message_id, contactA.id, 'No funcionó.', t)).toMatchObject({ outcome: 'ticket_reopened' });
		expect(await statusOf(t)).toBe('open');
	});

	it('an answer to a closed ticket stores nothing and asks for a follow-up, which link_follow_up ties to it', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		await db.as(agent, 'select public.close_ticket($1)', [t]);
		const m = await begin(contactA.email!);
		expect(await reply(m.message_id, contactA.id, 'Volvió a pasar.', t)).toMatchObject({ outcome: 'follow_up_needed', ticket: t });
		expect(await messagesOf(t)).toHaveLength(1);
		expect((await logOf(m.message_id)).outcome).toBe('received');
		const next = await createTicket(db, orgA, contactA.id, { idempotency_key: 'follow-up-1' });
		await db.as(service, 'select public.link_follow_up($1, $2, $3)', [m.message_id, next, t]);
		expect((await db.admin.query('select follow_up_of from public.tickets where id = $1', [next])).rows[0].follow_up_of).toBe(t);
		expect(await logOf(m.message_id)).toMatchObject({ outcome: 'follow_up_opened', ticket_id: next });
		// Customers read the link (the column is granted), like every other non-staff column.
		expect(await db.as(contactA, 'select follow_up_of from public.tickets where id = $1', [next])).toEqual([{ follow_up_of: t }]);
	});

	it('a follow-up is never linked across organisations', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const other = await createTicket(db, orgB, (await (async () => {
			const c = await db.user();
			await addMember(db, orgB, c.id, 'authorized_contact');
			return c;
		})()).id);
		const m = await begin(contactA.email!);
		expect((await db.fails(service, 'select public.link_follow_up($1, $2, $3)', [m.message_id, other, t]))?.message).toBe('ticket_not_found');
	});
});

describe('limits and automatic answers', () => {
	it('a sender past the hourly limit is logged as rate_limited, and that is all', async () => {
		const address = 'flood@example.com';
		const outcomes: string[] = [];
		for (let i = 0; i < 4; i++) outcomes.push((await begin(address, { perHour: 3 })).outcome);
		expect(outcomes).toEqual(['received', 'received', 'received', 'rate_limited']);
	});

	it('an unknown address gets one answer a day, however many mails it sends; a redelivery counts as answered', async () => {
		const address = 'desconocido@example.com';
		const results: boolean[] = [];
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) {
			const m = await begin(address);
			ids.push(m.message_id);
			results.push((await db.as(service, `select public.inbound_email_unknown_sender($1, 'soporte@example.com', 'http://portal') as q`, [m.message_id]))[0].q);
		}
		expect(results).toEqual([true, false, false]);
		expect((await db.as(service, `select public.inbound_email_unknown_sender($1, 'soporte@example.com') as q`, [ids[0]]))[0].q).toBe(true);
		const { rows } = await db.admin.query(`select recipient_email, payload from public.notifications where template = 'email_unknown_sender' and recipient_email = $1`, [address]);
		expect(rows).toEqual([{ recipient_email: address, payload: { support_address: 'soporte@example.com', portal_url: 'http://portal' } }]);
		expect((await logOf(ids[2])).outcome).toBe('unknown_sender');
	});

	it('an address with an account is not answered as unknown', async () => {
		const m = await begin(memberA.email!);
		expect((await db.fails(service, `select public.inbound_email_unknown_sender($1, 'soporte@example.com')`, [m.message_id]))?.message).toBe('invalid_input');
	});

	it('a plain member learns who may open tickets (names only), once a day', async () => {
		const first = await begin(memberA.email!);
		const second = await begin(memberA.email!);
		const queued = [];
		for (const m of [first, second]) queued.push((await db.as(service, 'select public.inbound_email_not_authorized($1, $2) as q', [m.message_id, orgA]))[0].q);
		expect(queued).toEqual([true, false]);
		const { rows } = await db.admin.query(`select recipient_email, payload from public.notifications where template = 'email_not_authorized'`);
		expect(rows).toEqual([{ recipient_email: memberA.email, payload: { organisation: 'Organización A', contacts: ['Carla Contacto'] } }]);
		expect((await logOf(first.message_id)).outcome).toBe('not_authorized');
	});

	it('not_authorized names only the sender’s own organisation', async () => {
		const m = await begin(memberB.email!);
		expect((await db.fails(service, 'select public.inbound_email_not_authorized($1, $2)', [m.message_id, orgA]))?.message).toBe('not_a_member');
	});

	it('a refused message tells its sender why, once per message', async () => {
		const m = await begin(contactA.email!, { subject: 'Video del error' });
		for (let i = 0; i < 2; i++) await db.as(service, `select public.inbound_email_refuse($1, 'too_large', '25 MB')`, [m.message_id]);
		const { rows } = await db.admin.query(`select recipient_email, payload from public.notifications where template = 'email_refused'`);
		expect(rows).toEqual([{ recipient_email: contactA.email, payload: { reason: 'too_large', limit: '25 MB', subject: 'Video del error' } }]);
		expect((await db.fails(service, `select public.inbound_email_refuse($1, 'spam')`, [m.message_id]))?.message).toBe('invalid_input');
	});

	it('refusals are capped like the other answers: one per address and day, however many messages', async () => {
		const address = 'adjuntos@example.com';
		const queued: boolean[] = [];
		for (let i = 0; i < 3; i++) {
			const m = await begin(address, { subject: `Video ${i}` });
			queued.push((await db.as(service, `select public.inbound_email_refuse($1, 'too_large', '36 MB') as q`, [m.message_id]))[0].q);
			expect((await logOf(m.message_id))).toMatchObject({ outcome: 'refused', reason: 'too_large' });
		}
		expect(queued).toEqual([true, false, false]);
		const { rows } = await db.admin.query(`select payload from public.notifications where template = 'email_refused' and recipient_email = $1`, [address]);
		expect(rows).toEqual([{ payload: { reason: 'too_large', limit: '36 MB', subject: 'Video 0' } }]);
	});

	it('a person in several organisations is refused with their names, to open it on the portal', async () => {
		const address = 'varias@example.com';
		const m = await begin(address, { subject: 'Falla el cierre' });
		const [{ q }] = await db.as(service, `select public.inbound_email_refuse($1, 'several_organisations', null, $2, 60) as q`, [m.message_id, ['Organización A', 'Organización B']]);
		expect(q).toBe(true);
		expect(await logOf(m.message_id)).toMatchObject({ outcome: 'refused', reason: 'several_organisations' });
		const { rows } = await db.admin.query(`select payload from public.notifications where template = 'email_refused' and recipient_email = $1`, [address]);
		expect(rows).toEqual([{ payload: { reason: 'several_organisations', subject: 'Falla el cierre', organisations: ['Organización A', 'Organización B'] } }]);
	});

	it('past the hourly cap on automatic answers (all kinds, all addresses) they are only logged, and the log says so', async () => {
		const [{ n: sent }] = (await db.admin.query(`select count(*)::int as n from public.inbound_auto_replies where created_at > now() - interval '1 hour'`)).rows;
		const a = await begin('tope.a@example.com');
		const b = await begin('tope.b@example.com');
		expect((await db.as(service, `select public.inbound_email_unknown_sender($1, 'soporte@example.com', null, $2) as q`, [a.message_id, sent + 1]))[0].q).toBe(true);
		expect((await db.as(service, `select public.inbound_email_unknown_sender($1, 'soporte@example.com', null, $2) as q`, [b.message_id, sent + 1]))[0].q).toBe(false);
		expect(await logOf(b.message_id)).toEqual({ outcome: 'unknown_sender', ticket_id: null, reason: `no automatic answer: more than ${sent + 1} in an hour` });
		const { rows } = await db.admin.query(`select recipient_email from public.notifications where recipient_email like 'tope.%'`);
		expect(rows).toEqual([{ recipient_email: 'tope.a@example.com' }]);
	});
});

describe('unverified mail', () => {
	const unverified = (id: string, reason = 'unauthenticated: dmarc=none') =>
		db.as(service, 'select public.inbound_email_unverified($1, $2) as q', [id, reason]).then((rows) => rows[0].q as boolean);

	it('is logged for staff; the known person is told once a day at their profile address, with nothing of the mail', async () => {
		const person = await db.user('Suplantada@Example.com');
		const first = await begin('suplantada@example.com', { subject: 'Cambien la cuenta a x@evil.example' });
		const second = await begin('suplantada@example.com');
		expect(await unverified(first.message_id, 'spoofed: dmarc=fail')).toBe(true);
		expect(await unverified(second.message_id)).toBe(false);
		expect(await logOf(first.message_id)).toEqual({ outcome: 'unverified', ticket_id: null, reason: 'spoofed: dmarc=fail' });
		expect(await logOf(second.message_id)).toMatchObject({ outcome: 'unverified', reason: 'unauthenticated: dmarc=none' });
		const { rows } = await db.admin.query(`select recipient_user_id, recipient_email, payload from public.notifications where template = 'email_unverified'`);
		expect(rows).toEqual([{ recipient_user_id: person.id, recipient_email: person.email!.toLowerCase(), payload: {} }]);
		expect(await db.count(agent, 'select * from public.inbound_emails where outcome = $1', ['unverified'])).toBe(2);
	});

	it('an unknown address is told nothing', async () => {
		const m = await begin('nadie.conocido@example.com');
		expect(await unverified(m.message_id)).toBe(false);
		expect((await logOf(m.message_id)).outcome).toBe('unverified');
		expect((await db.admin.query(`select 1 from public.notifications where recipient_email = 'nadie.conocido@example.com'`)).rows).toEqual([]);
	});

	it('forgeries do not count toward the real sender’s hourly limit', async () => {
		const address = 'victima@example.com';
		for (let i = 0; i < 3; i++) await unverified((await begin(address, { perHour: 3 })).message_id);
		expect((await begin(address, { perHour: 3 })).outcome).toBe('received');
	});
});

describe('the ticket a logged mail went to', () => {
	it('finds the ticket of the first id that was taken into one, and nothing for ids that were not', async () => {
		const t = await createTicket(db, orgA, contactA.id);
		const taken = await begin(contactA.email!);
		await db.as(service, `select public.inbound_email_finish($1, 'ticket_opened', $2)`, [taken.message_id, t]);
		const refused = await begin(memberB.email!);
		await reply(refused.message_id, memberB.id, 'Hola', t);
		const dropped = await begin(contactA.email!);
		await db.as(service, `select public.inbound_email_finish($1, 'dropped')`, [dropped.message_id]);
		const find = async (ids: string[]) => (await db.as(service, 'select public.inbound_thread_ticket($1) as t', [ids]))[0].t;
		expect(await find(['otro@x', dropped.message_id, taken.message_id])).toBe(t);
		// A refused answer names the ticket in the log, but was not taken into it.
		expect(await find([refused.message_id, dropped.message_id, 'otro@x'])).toBeNull();
		expect(await find([])).toBeNull();
	});
});

describe('sender facts', () => {
	it('profile, memberships and whether each may open a ticket, by the rule create_ticket refuses by', async () => {
		const [{ f }] = await db.as(service, 'select public.inbound_sender($1) as f', ['MIEMBRO.A@example.com ']);
		expect(f).toMatchObject({ user_id: memberA.id, staff: false, memberships: [{ organisation_id: orgA, role: 'member', may_open: false, refusal: 'not_authorized_contact' }] });
		const [{ f: contact }] = await db.as(service, 'select public.inbound_sender($1) as f', [contactA.email]);
		expect(contact.memberships).toEqual([expect.objectContaining({ organisation_id: orgA, organisation_name: 'Organización A', may_open: true, refusal: null })]);
		const [{ f: nobody }] = await db.as(service, 'select public.inbound_sender($1) as f', ['nadie@example.com']);
		expect(nobody).toEqual({ user_id: null, memberships: [] });
	});
});

describe('nobody but the service role', () => {
	const outsider: Actor = anon;
	const calls: [string, string, unknown[]][] = [
		['inbound_email_begin', `select public.inbound_email_begin('x@y', 'a@b.c')`, []],
		['inbound_email_finish', `select public.inbound_email_finish('x@y', 'dropped')`, []],
		['inbound_sender', `select public.inbound_sender('contacto.a@example.com')`, []],
		['claim_inbound_files', `select public.claim_inbound_files(gen_random_uuid(), '[]')`, []],
		['add_email_reply', `select public.add_email_reply('x@y', gen_random_uuid(), 'x', null, gen_random_uuid())`, []],
		['link_follow_up', `select public.link_follow_up('x@y', gen_random_uuid(), gen_random_uuid())`, []],
		['inbound_email_not_authorized', `select public.inbound_email_not_authorized('x@y', gen_random_uuid())`, []],
		['inbound_email_unknown_sender', `select public.inbound_email_unknown_sender('x@y', 's@x.y')`, []],
		['inbound_email_refuse', `select public.inbound_email_refuse('x@y', 'too_large')`, []],
		['inbound_email_unverified', `select public.inbound_email_unverified('x@y')`, []],
		['inbound_thread_ticket', `select public.inbound_thread_ticket(array['x@y'])`, []],
	];
	it.each(calls)('%s: anon, a contact, a member of another organisation and staff are denied', async (_name, sql, params) => {
		for (const actor of [outsider, contactA, memberB, agent]) {
			expect((await db.fails(actor, sql, params))?.message).toContain('permission denied');
		}
	});

	it('the log: staff read it, customers see nothing, nobody writes it through the API; the auto-reply table is closed', async () => {
		await begin(contactA.email!);
		expect((await db.fails(anon, 'select * from public.inbound_emails'))?.message).toContain('permission denied');
		expect(await db.count(contactA, 'select * from public.inbound_emails')).toBe(0);
		expect(await db.count(agent, 'select * from public.inbound_emails')).toBeGreaterThan(0);
		expect((await db.fails(contactA, `insert into public.inbound_emails (message_id) values ('x')`))?.message).toContain('permission denied');
		expect((await db.fails(agent, `update public.inbound_emails set outcome = 'dropped'`))?.message).toContain('permission denied');
		expect((await db.fails(agent, 'select * from public.inbound_auto_replies'))?.message).toContain('permission denied');
		expect((await db.fails(anon, 'select * from public.inbound_auto_replies'))?.message).toContain('permission denied');
	});
});
