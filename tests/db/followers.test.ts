// A member follows an organisation ticket they did not open and gets its public updates by e-mail
// (follow_ticket, the ticket_followers table, and the notify migration's queueing): who may follow,
// what a follower hears and what they never hear, and that the table is only written through the RPC.
import { beforeAll, describe, expect, it } from 'vitest';
import { anon, testDb, type Actor } from './harness.ts';
import { addStaff, createOrganisation, createPerson, createTicket } from './fixtures.ts';

const db = await testDb();
type Person = Actor & { id: string };
let org: string;
let requester: Person;
let follower: Person;
let outsider: Person;
let agent: Person;

const mailsTo = async (ticket: string, person: string) =>
	(await db.admin.query<{ template: string }>(`select template from public.notifications where payload ->> 'ticket' = $1 and recipient_user_id = $2 order by created_at`, [ticket, person])).rows.map((r) => r.template);

beforeAll(async () => {
	org = await createOrganisation(db, 'Clínica Seguidores');
	const other = await createOrganisation(db, 'Otra Clínica');
	requester = await createPerson(db, org, 'authorized_contact');
	follower = await createPerson(db, org, 'member');
	outsider = await createPerson(db, other, 'authorized_contact');
	agent = await createPerson(db, null);
	await addStaff(db, agent.id, 'agent', 1);
});

describe('following a ticket', () => {
	it('a member of the organisation follows and unfollows, idempotently, and sees only their own follows', async () => {
		const t = await createTicket(db, org, requester.id);
		expect(await db.as(follower, 'select public.follow_ticket($1, true) as f', [t])).toEqual([{ f: true }]);
		expect(await db.as(follower, 'select public.follow_ticket($1, true) as f', [t])).toEqual([{ f: true }]);
		expect(await db.count(follower, 'select * from public.ticket_followers where ticket_id = $1', [t])).toBe(1);
		expect(await db.count(requester, 'select * from public.ticket_followers where ticket_id = $1', [t])).toBe(0);
		expect(await db.as(follower, 'select public.follow_ticket($1, false) as f', [t])).toEqual([{ f: false }]);
		expect(await db.count(follower, 'select * from public.ticket_followers where ticket_id = $1', [t])).toBe(0);
	});

	it('another organisation’s member, an anonymous caller and a missing ticket are refused without saying whether it exists', async () => {
		const t = await createTicket(db, org, requester.id);
		expect(await db.fails(outsider, 'select public.follow_ticket($1, true)', [t])).toMatchObject({ message: 'ticket_not_found', code: 'PT404' });
		expect(await db.fails(follower, 'select public.follow_ticket($1, true)', ['00000000-0000-4000-8000-000000000000'])).toMatchObject({ message: 'ticket_not_found', code: 'PT404' });
		expect(await db.fails(anon, 'select public.follow_ticket($1, true)', [t])).toMatchObject({ code: '42501' });
		expect(await db.fails(follower, 'select public.follow_ticket($1, null)', [t])).toMatchObject({ message: 'invalid_input' });
	});

	it('nobody writes the table directly: not a member for themselves, not anonymously', async () => {
		const t = await createTicket(db, org, requester.id);
		expect(await db.fails(follower, 'insert into public.ticket_followers (ticket_id, user_id) values ($1, $2)', [t, follower.id])).toMatchObject({ code: '42501' });
		expect(await db.fails(anon, 'select * from public.ticket_followers')).toMatchObject({ code: '42501' });
		await db.as(follower, 'select public.follow_ticket($1, true)', [t]);
		expect(await db.fails(follower, 'delete from public.ticket_followers where ticket_id = $1', [t])).toMatchObject({ code: '42501' });
	});
});

describe('what a follower hears', () => {
	it('every public answer from support and the close, never an internal note, never their own words', async () => {
		const t = await createTicket(db, org, requester.id);
		await db.as(follower, 'select public.follow_ticket($1, true)', [t]);
		await db.as(agent, `select public.reply_to_ticket($1, 'Lo estamos revisando', false)`, [t]);
		await db.as(agent, `select public.reply_to_ticket($1, 'Nota interna', true)`, [t]);
		await db.as(agent, `select public.request_customer_info($1, '¿Qué versión usan?')`, [t]);
		expect(await mailsTo(t, follower.id)).toEqual(['ticket_reply', 'ticket_reply']);
		// The request itself goes to the requester, who is asked.
		expect(await mailsTo(t, requester.id)).toContain('info_requested');
		await db.as(follower, `select public.reply_to_ticket($1, 'Usamos la 5.2', false)`, [t]);
		await db.as(agent, 'select public.close_ticket($1)', [t]);
		expect(await mailsTo(t, follower.id)).toEqual(['ticket_reply', 'ticket_reply', 'ticket_closed']);
	});

	it('one who left the organisation hears nothing more', async () => {
		const t = await createTicket(db, org, requester.id);
		const leaving = await createPerson(db, org, 'member');
		await db.as(leaving, 'select public.follow_ticket($1, true)', [t]);
		await db.admin.query('delete from public.memberships where user_id = $1', [leaving.id]);
		await db.as(agent, `select public.reply_to_ticket($1, 'Respuesta', false)`, [t]);
		await db.as(agent, 'select public.close_ticket($1)', [t]);
		expect(await mailsTo(t, leaving.id)).toEqual([]);
	});
});

describe('a requester who left the organisation', () => {
	it('hears nothing more of the ticket: neither support’s answers nor its close', async () => {
		const leaver = await createPerson(db, org, 'authorized_contact');
		const t = await createTicket(db, org, leaver.id);
		await db.admin.query('delete from public.memberships where user_id = $1', [leaver.id]);
		await db.as(agent, `select public.reply_to_ticket($1, 'Respuesta', false)`, [t]);
		await db.as(agent, 'select public.close_ticket($1)', [t]);
		expect((await mailsTo(t, leaver.id)).filter((m) => m !== 'ticket_received')).toEqual([]);
	});
});
