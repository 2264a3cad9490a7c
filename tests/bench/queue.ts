// `node tests/bench/queue.ts`: what hiding the staff-only ticket fields from customers costs the agent
// queue. The staff-only fields (assignee, level, problem) are withheld from `authenticated` by column
// privileges, and agent_queue reads them from the staff-only projection public.ticket_staff_fields.
// The baseline is the queue as it was (the fields read from tickets itself): in this throwaway database
// only, the three columns are granted back to `authenticated` for a copy of the old view. Both run as
// the same staff member under RLS, interleaved, over N tickets (default 20 000; N=100000 for the scale
// of the next issues): the queue page (open or recently closed, nearest deadline first, 1 000 rows),
// "mine" (filtered on the assignee) and one ticket by number. Medians of 9; prints the ratios.
// Exits 1 when a query answers a different number of rows than its baseline.
import pg from 'pg';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SEED, migrate, seed, startPostgres } from '../../supabase/local/db.ts';

const N = Number(process.env.N ?? 20_000);
const RUNS = 9;

const port = await new Promise<number>((resolve) => {
	const s = createServer().listen(0, '127.0.0.1', () => {
		const { port } = s.address() as { port: number };
		s.close(() => resolve(port));
	});
});
const base = join(process.cwd(), 'tests/.tmp');
mkdirSync(base, { recursive: true });
const dir = mkdtempSync(join(base, 'bench-queue-'));
chmodSync(dir, 0o755);
const server = await startPostgres({ dataDir: join(dir, 'data'), port, persistent: false });
const db = new pg.Client({ connectionString: server.url });
await db.connect();

const QUEUE_FIELDS = `t.id, t.number, t.subject, t.status, t.severity_key, t.created_at, t.closed_at,
	case when t.status in ('new', 'open') then least(case when t.first_response_at is null then t.first_response_due_at end,
		t.next_update_due_at, t.next_escalation_due_at, t.resolution_due_at) end as next_due_at`;

async function world(): Promise<string> {
	await migrate(db);
	await seed(db, [SEED]);
	const [agent, requester] = (
		await db.query(`insert into auth.users (id, email) values (gen_random_uuid(), 'agente@bench.test'), (gen_random_uuid(), 'cliente@bench.test') returning id`)
	).rows.map((r) => r.id as string);
	await db.query(`insert into public.staff (user_id, role, level) values ($1, 'agent', 1)`, [agent]);
	const org = (
		await db.query(
			`insert into public.organisations (name, programme_id, plan_id, contract_start, timezone) values ('Banco', 'estandar-extendido', 'extendido', '2026-01-01', 'America/Mexico_City') returning id`,
		)
	).rows[0].id;
	await db.query(`insert into public.memberships (organisation_id, user_id, role) values ($1, $2, 'coordinator')`, [org, requester]);
	// Bulk load without the per-row triggers (events, SLA flags), then the projection in one statement.
	await db.query('alter table public.tickets disable trigger user');
	await db.query(
		`insert into public.tickets (organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, environment, assignee_id, level, first_response_due_at, created_at)
		select $1, $2, 'estandar-extendido', 'extendido', 'P3', 'Asunto ' || g, 'Descripción', 'production',
			case when g % 3 = 0 then $3::uuid end, 1 + (g % 2), now() + make_interval(mins => g), now() - make_interval(mins => g)
		from generate_series(1, $4) g`,
		[org, requester, agent, N],
	);
	await db.query(`update public.tickets set status = 'closed', close_reason = 'staff', closed_at = now() - make_interval(days => (number % 60)::int) where number % 10 = 0`);
	await db.query('alter table public.tickets enable trigger user');
	await db.query('insert into public.ticket_staff_fields (ticket_id, assignee_id, level, problem_id) select id, assignee_id, level, problem_id from public.tickets on conflict do nothing');
	// The baseline: the old view, reading the fields from tickets (granted back here, and only here).
	await db.query('grant select (assignee_id, level, problem_id) on public.tickets to authenticated');
	await db.query(`create view public.bench_queue_before with (security_invoker = true) as
		select ${QUEUE_FIELDS}, t.level, t.assignee_id, t.problem_id, coalesce(nullif(btrim(ap.full_name), ''), ap.email) as assignee_name, m.public_messages
		from public.tickets t join public.organisations o on o.id = t.organisation_id join public.profiles rp on rp.id = t.requester_id
		left join public.profiles ap on ap.id = t.assignee_id
		cross join lateral (select count(*) filter (where visibility = 'public') as public_messages from public.ticket_messages where ticket_id = t.id) m
		where (select private.is_staff())`);
	await db.query('grant select on public.bench_queue_before to authenticated');
	await db.query('analyze');
	return agent;
}

try {
	const agent = await world();
	const claims = JSON.stringify({ role: 'authenticated', sub: agent });
	const shapes: Record<string, (view: string) => string> = {
		queue: (v) => `select id, number, status, level, assignee_id, assignee_name, next_due_at from public.${v}
			where status <> 'closed' or closed_at >= now() - interval '30 days' order by next_due_at nulls last, created_at limit 1000`,
		mine: (v) => `select id, number from public.${v} where assignee_id = '${agent}' and status <> 'closed' order by next_due_at nulls last, created_at limit 1000`,
		'by number': (v) => `select * from public.${v} where number = ${1000 + Math.floor(N / 2)}`,
	};
	async function run(sql: string): Promise<{ ms: number; rows: number }> {
		await db.query('begin');
		await db.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`, [claims]);
		const began = performance.now();
		const r = await db.query(sql);
		const ms = performance.now() - began;
		await db.query('rollback');
		return { ms, rows: r.rowCount ?? 0 };
	}
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
	let mismatch = false;
	console.log(`agent queue over ${N} tickets (medians of ${RUNS}, interleaved; before = fields read from tickets)`);
	for (const [name, sql] of Object.entries(shapes)) {
		const before: number[] = [];
		const after: number[] = [];
		let rows = { before: 0, after: 0 };
		for (let i = 0; i < RUNS; i++) {
			const b = await run(sql('bench_queue_before'));
			const a = await run(sql('agent_queue'));
			before.push(b.ms);
			after.push(a.ms);
			rows = { before: b.rows, after: a.rows };
		}
		if (rows.before !== rows.after) mismatch = true;
		console.log(
			`  ${name.padEnd(10)} before ${median(before).toFixed(1).padStart(7)} ms   after ${median(after).toFixed(1).padStart(7)} ms   ratio ${(median(after) / median(before)).toFixed(2)}   rows ${rows.after}${rows.before === rows.after ? '' : ` (before: ${rows.before})`}`,
		);
	}
	if (mismatch) process.exitCode = 1;
} finally {
	await db.end();
	await server.stop();
	rmSync(dir, { recursive: true, force: true });
}
