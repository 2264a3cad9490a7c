// The notification outbox: only the service role touches it. resolve_problem: only staff call it, and
// it tells each requester of the problem's open linked tickets once, however often it is called.
// Cases run in order over one database; later cases see what earlier ones did.
import { describe, expect, it } from 'vitest';
import { anon, service, testDb, type Actor } from './harness.ts';
import { createOrganisation, createPerson } from './fixtures.ts';

const db = await testDb();
type User = Actor & { id: string };

const organisation = (name: string, plan: string) => createOrganisation(db, name, plan);
const person = (org: string | null, role?: string, staff?: string, locale?: string) => createPerson(db, org, role, staff, locale);
async function ticket(org: string, requester: User): Promise<{ id: string; number: number }> {
	const payload = { organisation_id: org, requester_id: requester.id, severity: 'P3', subject: 'La búsqueda no encuentra documentos', description: 'Desde 5.1 la búsqueda no devuelve documentos nuevos.' };
	const [t] = await db.as(service, 'select id, number from public.create_ticket($1)', [JSON.stringify(payload)]);
	return { id: t.id, number: Number(t.number) };
}

const orgA = await organisation('Organización A', 'estandar');
const orgB = await organisation('Organización B', 'extendido');
const memberA = await person(orgA);
const contactA = await person(orgA, 'authorized_contact');
const coordA = await person(orgA, 'coordinator');
const memberB = await person(orgB);
const contactB = await person(orgB, 'authorized_contact', undefined, 'en');
const closedOnly = await person(orgB, 'authorized_contact');
const agent = await person(null, 'member', 'agent');
const admin = await person(null, 'member', 'admin');

const TITLE = 'Índice desactualizado tras 5.1';
const [{ id: problem }] = await db.as(agent, 'select id from public.create_problem($1)', [TITLE]);
const [{ id: other }] = await db.as(agent, `select id from public.create_problem('Firma lenta en lote')`);
const tickets = {
	a1: await ticket(orgA, contactA),
	a2: await ticket(orgA, contactA),
	a3: await ticket(orgA, coordA),
	b1: await ticket(orgB, contactB),
	closed: await ticket(orgB, closedOnly),
	unlinked: await ticket(orgB, contactB),
	otherProblem: await ticket(orgA, coordA),
};
for (const t of [tickets.a1, tickets.a2, tickets.a3, tickets.b1, tickets.closed]) await db.as(agent, 'select public.link_problem($1, $2)', [t.id, problem]);
await db.as(agent, 'select public.link_problem($1, $2)', [tickets.otherProblem.id, other]);
await db.as(agent, 'select public.close_ticket($1)', [tickets.closed.id]);

const DENIED = 'permission denied';
const message = db.message;
const queued = async () =>
	(await db.admin.query(`select recipient_user_id, locale, template, status, payload from public.notifications where template = 'problem_resolved' order by created_at, id`)).rows;
const problemRow = async (id: string) => (await db.admin.query('select status, resolved_at from public.problems where id = $1', [id])).rows[0];

const everyone: [string, Actor][] = [
	['anon', anon],
	['a member of A', memberA],
	['an authorized contact of A', contactA],
	['a coordinator of A', coordA],
	['a member of B', memberB],
	['an agent', agent],
	['an admin', admin],
];

describe('the outbox table', () => {
	it('has row-level security on and no policy at all', async () => {
		const { rows } = await db.admin.query(
			`select c.relrowsecurity as rls, (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = 'notifications') as policies
			from pg_class c where c.oid = 'public.notifications'::regclass`,
		);
		expect(rows).toEqual([{ rls: true, policies: 0 }]);
	});

	it.each(everyone)('%s cannot read it', async (_, actor) => {
		expect(await message(actor, 'select * from public.notifications')).toContain(DENIED);
	});

	it.each(everyone)('%s cannot queue a notification', async (_, actor) => {
		expect(await message(actor, `insert into public.notifications (template, recipient_email, dedupe_key) values ('prueba', 'x@example.com', $1)`, [`t-${Math.random()}`])).toContain(DENIED);
	});

	it('staff cannot mark notifications sent or delete them', async () => {
		expect(await message(agent, `update public.notifications set status = 'sent', sent_at = now()`)).toContain(DENIED);
		expect(await message(admin, 'delete from public.notifications')).toContain(DENIED);
	});

	it('the service role queues, reads and updates notifications', async () => {
		const [n] = await db.as(service, `insert into public.notifications (template, recipient_email, payload) values ('bienvenida', 'nuevo@example.com', '{"nombre":"Ana"}') returning id, status, attempts`);
		expect(n).toMatchObject({ status: 'queued', attempts: 0 });
		expect(await db.as(service, `update public.notifications set status = 'sending', attempts = attempts + 1 where id = $1 returning status`, [n.id])).toEqual([{ status: 'sending' }]);
		expect(await db.as(service, `select template from public.notifications where recipient_email = 'nuevo@example.com'`)).toEqual([{ template: 'bienvenida' }]);
	});

	it('a notification needs a recipient', async () => {
		expect(await db.fails(service, `insert into public.notifications (template) values ('sin_destinatario')`)).toMatchObject({ code: '23514' });
	});
});

describe('resolve_problem: who may call it', () => {
	it.each(everyone.slice(1, 5))('%s cannot resolve a problem', async (_, actor) => {
		expect(await message(actor, 'select public.resolve_problem($1)', [problem])).toBe('staff_only');
	});

	it('anon cannot call it', async () => {
		expect(await db.fails(anon, 'select public.resolve_problem($1)', [problem])).toMatchObject({ code: '42501' });
	});

	it('the service role, being no staff member, cannot resolve a problem', async () => {
		expect(await message(service, 'select public.resolve_problem($1)', [problem])).toBe('staff_only');
	});

	it('after the refusals the problem is still open and nobody was told', async () => {
		expect(await problemRow(problem)).toMatchObject({ status: 'open', resolved_at: null });
		expect(await queued()).toEqual([]);
	});

	it('a problem that does not exist is not found', async () => {
		expect(await message(agent, 'select public.resolve_problem(gen_random_uuid())')).toBe('problem_not_found');
	});
});

describe('resolve_problem: resolving and notifying', () => {
	let resolvedAt: Date;

	it('an agent resolves the problem', async () => {
		const [p] = await db.as(agent, 'select * from public.resolve_problem($1)', [problem]);
		expect(p.status).toBe('resolved');
		expect(p.resolved_at).not.toBeNull();
		resolvedAt = p.resolved_at;
	});

	it('queues problem_resolved for each requester of its open linked tickets, and nobody else', async () => {
		const rows = await queued();
		expect(new Set(rows.map((r) => r.recipient_user_id))).toEqual(new Set([contactA.id, coordA.id, contactB.id]));
		expect(rows.every((r) => r.template === 'problem_resolved' && r.status === 'queued')).toBe(true);
	});

	it('does not tell the requester whose linked ticket is closed', async () => {
		expect((await queued()).filter((r) => r.recipient_user_id === closedOnly.id)).toEqual([]);
	});

	it("names the problem and the requester's ticket in the payload", async () => {
		const [n] = (await queued()).filter((r) => r.recipient_user_id === coordA.id);
		expect(Object.values(n.payload)).toEqual(expect.arrayContaining([TITLE, tickets.a3.id, tickets.a3.number]));
		expect(JSON.stringify(n.payload)).not.toContain(tickets.otherProblem.id);
	});

	it("writes in each recipient's language", async () => {
		const rows = await queued();
		expect(rows.filter((r) => r.recipient_user_id === contactB.id).map((r) => r.locale)).toEqual(['en']);
		expect(rows.filter((r) => r.recipient_user_id === coordA.id).map((r) => r.locale)).toEqual(['es']);
	});

	it('calling it again (another staff member, the same day) notifies nobody twice and keeps the resolution time', async () => {
		const before = await queued();
		await db.as(admin, 'select public.resolve_problem($1)', [problem]);
		await db.as(agent, 'select public.resolve_problem($1, true)', [problem]);
		expect(await queued()).toEqual(before);
		expect((await problemRow(problem)).resolved_at).toEqual(resolvedAt);
	});

	it('resolving without notifying queues nothing', async () => {
		const before = (await queued()).length;
		const [p] = await db.as(admin, 'select * from public.resolve_problem($1, false)', [other]);
		expect(p.status).toBe('resolved');
		expect(await queued()).toHaveLength(before);
		expect((await queued()).filter((r) => r.recipient_user_id === coordA.id)).toHaveLength(1);
	});

	it('the queued notifications stay out of reach of staff and customers', async () => {
		expect(await message(agent, `select * from public.notifications where template = 'problem_resolved'`)).toContain(DENIED);
		expect(await message(contactA, `select * from public.notifications where recipient_user_id = $1`, [contactA.id])).toContain(DENIED);
	});
});
