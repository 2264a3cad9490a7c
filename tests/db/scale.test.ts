// Issue 16 at 100,000 tickets (tests/db/scale-world.ts): the agent queue and the customers' list read
// along their indexes (EXPLAIN as the reader, under RLS: no sequential scan of tickets, no aggregate
// per ticket, no sort of the whole set), and the columns the queue reads instead of computing stay
// what the old computation gave, through replies, notes, status changes, SLA updates and deletions.
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb, type Actor } from './harness.ts';
import { loadScaleWorld, type ScaleWorld } from './scale-world.ts';

const db = await testDb();
let agent: Actor & { id: string };
let member: Actor & { id: string };
let world: ScaleWorld;

beforeAll(async () => {
	agent = await db.user('agente@escala.test', { full_name: 'Ana Agente' });
	member = await db.user('miembro@escala.test', { full_name: 'Mario Miembro' });
	const client = await db.admin.connect();
	try {
		world = await loadScaleWorld(client, { agent: agent.id, member: member.id });
	} finally {
		client.release();
	}
}, 180_000);

interface PlanNode {
	'Node Type': string;
	'Relation Name'?: string;
	'Index Name'?: string;
	'Parent Relationship'?: string;
	Plans?: PlanNode[];
}
const nodes = (p: PlanNode): PlanNode[] => [p, ...(p.Plans ?? []).flatMap(nodes)];

async function plan(actor: Actor, sql: string, params: unknown[] = []) {
	const [row] = await db.as(actor, `explain (format json) ${sql}`, params);
	const root = row['QUERY PLAN'][0].Plan as PlanNode;
	const all = nodes(root);
	const ticketScans = all.filter((n) => n['Relation Name'] === 'tickets');
	return {
		root,
		ticketScans: ticketScans.map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`),
		types: all.map((n) => n['Node Type']),
		text: JSON.stringify(root),
	};
}

// What the stand-in and PostgREST run for the islands' requests, reduced to the part the plan turns on.
const QUEUE = `id, number, subject, status, organisation_name, requester_name, assignee_name, next_due_at, public_messages, internal_notes, last_message_at, created_at`;
const LIST = `id, number, subject, status, severity_key, created_at, first_response_due_at, (select o.name from public.organisations o where o.id = t.organisation_id) as organisation`;

describe('the agent queue at 100,000 tickets', () => {
	it('reads the open tickets along tickets_queue_open and stops at the page', async () => {
		const p = await plan(agent, `select ${QUEUE} from public.agent_queue where status <> 'closed' order by next_due_at asc nulls last, created_at asc limit 1000`);
		expect(p.ticketScans).toEqual(['Index Scan tickets_queue_open']);
		expect(p.types).not.toContain('Sort');
		expect(p.types).not.toContain('Aggregate');
		expect(p.types).not.toContain('Seq Scan');
	});

	it('reads the recently closed ones by tickets_queue_closed, with no aggregate', async () => {
		const p = await plan(agent, `select ${QUEUE} from public.agent_queue where status = 'closed' and closed_at >= now() - interval '30 days' order by created_at asc limit 1000`);
		expect(p.text).toContain('tickets_queue_closed');
		expect(p.ticketScans.some((s) => s.startsWith('Seq Scan'))).toBe(false);
		expect(p.types).not.toContain('Aggregate');
	});

	it('answers the same page as the old view: the OR, ordered by the computed deadline', async () => {
		const old = await db.as(
			agent,
			`select t.id from public.tickets t where (t.status <> 'closed' or t.closed_at >= now() - interval '30 days')
			order by case when t.status in ('new', 'open') then least(case when t.first_response_at is null then t.first_response_due_at end,
				t.next_update_due_at, t.next_escalation_due_at, t.resolution_due_at) end asc nulls last, t.created_at asc, t.id limit 1000`,
		);
		const open = await db.as(agent, `select id, next_due_at, created_at from public.agent_queue where status <> 'closed' order by next_due_at asc nulls last, created_at asc, id limit 1000`);
		expect(open.map((r) => r.id)).toEqual(old.map((r) => r.id));
		expect(open.every((r) => r.next_due_at !== null)).toBe(true);
	});
});

describe("a member's list at 100,000 tickets", () => {
	it("reads their organisation's page along tickets_organisation, in its order", async () => {
		const p = await plan(member, `select ${LIST} from public.tickets t where organisation_id = $1 order by created_at desc, number desc limit 20 offset 40`, [world.org]);
		expect(p.ticketScans).toEqual(['Index Scan tickets_organisation']);
		expect(p.types).not.toContain('Sort');
	});

	it('counts as PostgREST estimates: at most 1,001 rows, from the index alone', async () => {
		const p = await plan(member, `select count(*) from (select 1 from public.tickets t where organisation_id = $1 limit 1001) c`, [world.org]);
		expect(p.ticketScans).toEqual(['Index Only Scan tickets_organisation']);
		expect(p.types).toContain('Limit');
	});

	it('reads "Mis tickets" along tickets_requester', async () => {
		const p = await plan(member, `select ${LIST} from public.tickets t where requester_id = $1 order by created_at desc, number desc limit 20`, [member.id]);
		expect(p.ticketScans).toEqual(['Index Scan tickets_requester']);
		expect(p.types).not.toContain('Sort');
	});

	it('searches the number, and the subject in their own tickets, without a sequential scan of tickets', async () => {
		for (const [where, params] of [
			[`organisation_id = $1 and (number = 1500 or subject ilike '%1500%')`, [world.org]],
			[`requester_id = $1 and subject ilike '%factura 12%'`, [member.id]],
		] as const) {
			const p = await plan(member, `select ${LIST} from public.tickets t where ${where} order by created_at desc, number desc limit 20`, [...params]);
			expect(p.ticketScans.length).toBeGreaterThan(0);
			expect(p.ticketScans.some((s) => s.startsWith('Seq Scan'))).toBe(false);
		}
	});

	it('would not use a trigram index for a REST subject filter under RLS: ilike is not leakproof (see the migration)', async () => {
		const { rows } = await db.admin.query(`select proleakproof from pg_proc where proname = 'texticlike'`);
		expect(rows).toEqual([{ proleakproof: false }]);
	});
});

describe('search_tickets at 100,000 tickets', () => {
	const search = (actor: Actor, q: string, mine = false) => db.as(actor, 'select t as id from public.search_tickets($1, $2) t', [q, mine]).then((r) => r.map((x) => x.id as string));

	it("finds a rare subject along the trigram index, in the member's organisations only", async () => {
		// The function's own statement, as its owner runs it (no RLS): the plan it gets.
		const p = await plan({ role: 'service_role' } as Actor, `select t.id from public.tickets t where t.organisation_id = any ($1::uuid[])
			and (t.subject ilike '%factura 1235%' or (null::bigint is not null and t.number = null::bigint)) order by t.created_at desc, t.number desc limit 1001`, [[world.org]]);
		expect(p.text).toContain('tickets_subject_trgm');
		expect(p.ticketScans.some((s) => s.startsWith('Seq Scan'))).toBe(false);
		const found = await search(member, 'factura 1235');
		const expected = await db.as(member, `select id from public.tickets where subject ilike '%factura 1235%' order by created_at desc, number desc`);
		expect(found).toEqual(expected.map((r) => r.id));
		expect(found.length).toBeGreaterThan(0);
		expect(await search(await db.user(), 'factura 1235')).toEqual([]);
	});

	it('caps at 1,001 ids, newest first; takes % and _ literally; finds a number; refuses anon', async () => {
		const common = await search(member, 'nómina');
		expect(common).toHaveLength(1001);
		const page = await db.as(member, `select id from public.tickets where organisation_id = $1 and subject ilike '%nómina%' order by created_at desc, number desc limit 20`, [world.org]);
		expect(common.slice(0, 20)).toEqual(page.map((r) => r.id));
		expect(await search(member, '%')).toEqual([]);
		expect(await search(member, 'n_mina 1')).toEqual([]);
		const [one] = await db.as(member, `select id, number from public.tickets where organisation_id = $1 and requester_id = $2 order by number limit 1`, [world.org, member.id]);
		expect(await search(member, `#${one.number}`)).toContain(one.id);
		expect((await search(member, `${one.number}`, true)).length).toBeGreaterThan(0);
		expect(await db.message({ role: 'anon' }, `select public.search_tickets('x')`)).toContain('permission denied');
		expect(await db.message(member, `select public.search_tickets('   ')`)).toContain('invalid_search');
	});
});

describe('the stored queue columns stay what the old computation gave', () => {
	const drift = async () =>
		(
			await db.admin.query(`select
				(select count(*)::int from public.tickets t where t.next_due_at is distinct from (case when t.status in ('new', 'open') then least(
					case when t.first_response_at is null then t.first_response_due_at end, t.next_update_due_at, t.next_escalation_due_at, t.resolution_due_at) end)) as due,
				(select count(*)::int from public.tickets t left join (select ticket_id, count(*)::int as n from public.ticket_messages where visibility = 'public' group by ticket_id) m
					on m.ticket_id = t.id where t.public_messages <> coalesce(m.n, 0)) as public,
				(select count(*)::int from public.ticket_staff_fields f left join (select ticket_id, count(*) filter (where visibility = 'internal')::int as n, max(created_at) as last_at
					from public.ticket_messages group by ticket_id) m on m.ticket_id = f.ticket_id
					where f.internal_notes <> coalesce(m.n, 0) or f.last_message_at is distinct from m.last_at) as staff,
				(select count(*)::int from public.tickets t where not exists (select 1 from public.ticket_staff_fields f where f.ticket_id = t.id)) as unprojected`)
		).rows[0];
	const clean = { due: 0, public: 0, staff: 0, unprojected: 0 };

	it('over the whole world as loaded', async () => {
		expect(await drift()).toEqual(clean);
	});

	it('through replies, notes, status changes, SLA updates and deletions', async () => {
		const ids = (await db.admin.query(`select id from public.tickets where organisation_id = $1 and status = 'new' order by number limit 4`, [world.org])).rows.map((r) => r.id as string);
		const [a, b, c, d] = ids;
		const row = async (id: string) =>
			(await db.as(agent, 'select status, next_due_at, public_messages, internal_notes, last_message_at from public.agent_queue where id = $1', [id]))[0];
		const before = await row(a);

		await db.as(agent, `select public.agent_reply($1, 'Lo revisamos', 'note')`, [a]);
		await db.as(agent, `select public.agent_reply($1, 'Primera respuesta', 'reply')`, [a]);
		const replied = await row(a);
		expect(replied).toMatchObject({ status: 'open', public_messages: String(Number(before.public_messages) + 1), internal_notes: String(Number(before.internal_notes) + 1) });
		expect(replied.last_message_at.getTime()).toBeGreaterThan(before.last_message_at.getTime());
		// A customer cannot read the note count or the last message time, only the public count.
		expect(await db.count(member, 'select internal_notes, last_message_at from public.ticket_staff_fields where ticket_id = $1', [a])).toBe(0);
		expect(await db.as(member, 'select public_messages from public.tickets where id = $1', [a])).toEqual([{ public_messages: Number(replied.public_messages) }]);

		await db.as(agent, `select public.request_customer_info($1, '¿Qué versión usa?')`, [a]);
		expect(await row(a)).toMatchObject({ status: 'pending_customer', next_due_at: null });
		await db.as(member, `select public.reply_to_ticket($1, 'La 5.1')`, [a]);
		expect((await row(a)).status).toBe('open');
		await db.as(agent, `select public.resolve_ticket($1, 'Resuelto')`, [b]);
		await db.as(agent, 'select public.close_ticket($1)', [c]);
		expect(await row(c)).toMatchObject({ status: 'closed', next_due_at: null });

		// The sweep's writes: due times moved, a first response recorded by hand.
		const sweep = await db.admin.connect();
		try {
			await sweep.query('begin');
			await sweep.query(`set local mostrador.sweep = 'on'`);
			await sweep.query(`update public.tickets set next_update_due_at = now() + interval '1 hour', resolution_due_at = now() + interval '2 days' where id = any($1)`, [[a, d]]);
			await sweep.query(`update public.tickets set first_response_due_at = now() - interval '1 day' where id = $1`, [d]);
			await sweep.query('commit');
		} finally {
			sweep.release();
		}
		expect((await row(d)).next_due_at.getTime()).toBeLessThan(Date.now());

		// Several messages in one statement, then deleted again (a deleted ticket's go with it).
		await db.admin.query(
			`insert into public.ticket_messages (ticket_id, author_id, visibility, body) select id, $2, v, 'Masivo' from unnest($1::uuid[]) id, unnest(array['public', 'internal', 'public']) v`,
			[[a, b, d], agent.id],
		);
		await db.admin.query(`delete from public.ticket_messages where body = 'Masivo' and ticket_id = $1`, [d]);
		await db.admin.query(`update public.ticket_messages set visibility = 'internal' where body = 'Masivo' and ticket_id = $1 and visibility = 'public'`, [b]);
		expect(await drift()).toEqual(clean);
	});
});
