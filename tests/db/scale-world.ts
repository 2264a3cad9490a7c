// The world of issue 16's scale targets, for tests/db/scale.test.ts and tests/bench/scale.ts: N tickets
// (default 100,000), OPEN of them not closed (default 20,000) in one organisation, the rest closed over
// the last year across that organisation and nine others, 1 to 5 messages a ticket (~300,000; every
// third an internal note). Bulk-loaded with triggers off (no events, mails or SLA flags for a
// synthetic past; the connection must be a superuser's), so the columns those triggers keep are
// written here in the same statements: the message counts (public_messages, internal_notes,
// last_message_at) and the staff-only projection. next_due_at is a generated column and needs
// nothing. The people are the caller's; one connection (the ticket plan is a temporary table).
import type pg from 'pg';

export interface ScaleWorld {
	/** The organisation with the open tickets; `member` belongs to it and opened every fourth of them. */
	org: string;
	n: number;
	open: number;
}

export async function loadScaleWorld(
	db: pg.ClientBase,
	people: { agent: string; member: string },
	{ n = 100_000, open = 20_000, log }: { n?: number; open?: number; log?: (line: string) => void } = {},
): Promise<ScaleWorld> {
	let t = performance.now();
	const step = (what: string) => {
		log?.(`${what}: ${(performance.now() - t).toFixed(0)} ms`);
		t = performance.now();
	};
	await db.query(`insert into public.staff (user_id, role, level) values ($1, 'agent', 1) on conflict do nothing`, [people.agent]);
	const orgs = (
		await db.query(
			`insert into public.organisations (name, programme_id, plan_id, contract_start, timezone)
			select 'Escala ' || g, 'estandar-extendido', 'extendido', '2025-01-01', 'America/Mexico_City' from generate_series(0, 9) g
			returning id`,
		)
	).rows.map((r) => r.id as string);
	const org = orgs[0];
	await db.query(`insert into public.memberships (organisation_id, user_id, role) values ($1, $2, 'coordinator')`, [org, people.member]);
	// An authorized contact in each organisation, who opened its tickets (in org, all but the member's).
	const contacts = (
		await db.query(
			`insert into auth.users (id, email, email_confirmed_at) select gen_random_uuid(), 'escala-' || g || '-' || gen_random_uuid() || '@example.test', now()
			from generate_series(0, 9) g returning id`,
		)
	).rows.map((r) => r.id as string);
	await db.query(
		`insert into public.memberships (organisation_id, user_id, role) select o, u, 'authorized_contact' from unnest($1::uuid[], $2::uuid[]) x(o, u)`,
		[orgs, contacts],
	);

	// Replica mode skips every trigger, the foreign-key checks too (the rows are consistent by
	// construction): 300,000 messages load in half the time they take with only the user triggers off.
	await db.query('set session_replication_role = replica');
	// The indexes that back no constraint are built once after the load, from their own definitions
	// (sorting once is quicker than 100,000 inserts into each): what is tested is what the migrations made.
	const indexes = (
		await db.query(
			`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
			where i.indrelid in ('public.tickets'::regclass, 'public.ticket_messages'::regclass)
			and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
		)
	).rows as { name: string; def: string }[];
	for (const i of indexes) await db.query(`drop index ${i.name}`);
	try {
		// Ticket g: open when g <= open (in org), else closed (every eighth in org). Created over the last
		// year; open ones new, open with a first response, or waiting on the customer; every eleventh on a
		// plan without deadlines. m = its message count.
		await db.query(
			`create temporary table scale_tickets as
			select g, gen_random_uuid() as id,
				case when g <= $3 or g % 8 = 0 then $1::uuid else ($2::uuid[])[1 + g % 9] end as organisation_id,
				case when g <= $3 then (case when g % 5 = 0 then 'new' when g % 7 = 0 then 'pending_customer' else 'open' end) else 'closed' end as status,
				now() - make_interval(mins => ((g::bigint * 7919) % 525600)::int) as created_at,
				1 + g % 5 as m
			from generate_series(1, $4) g`,
			[org, orgs.slice(1), open, n],
		);
		step('plan');
		await db.query(
			`insert into public.tickets (id, organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, environment,
				status, assignee_id, paused_since, first_response_at, first_response_due_at, next_update_due_at, resolution_due_at, closed_at, close_reason,
				resolved_at, created_at, updated_at, public_messages)
			select s.id, s.organisation_id,
				case when s.organisation_id = $1 then (case when s.g % 4 = 0 then $2::uuid else $5::uuid end) else ($4::uuid[])[1 + s.g % 9] end,
				'estandar-extendido', 'extendido', case when s.g % 3 = 0 then 'P2' else 'P3' end,
				(array['Error al timbrar factura', 'La conciliación bancaria no cuadra', 'Reporte de nómina lento', 'No puedo iniciar sesión', 'Alta de usuario nuevo'])[1 + s.g % 5] || ' ' || s.g,
				'Descripción ' || s.g, 'production', s.status, case when s.g % 3 = 0 then $3::uuid end,
				case when s.status = 'pending_customer' then s.created_at + interval '2 hours' end,
				case when s.status <> 'new' then s.created_at + interval '1 hour' end,
				case when s.g % 11 <> 0 then s.created_at + interval '4 hours' end,
				case when s.g % 11 <> 0 and s.status <> 'new' then s.created_at + make_interval(hours => 24 + s.g % 48) end,
				case when s.g % 11 <> 0 then s.created_at + interval '5 days' end,
				case when s.status = 'closed' then least(now(), s.created_at + make_interval(days => s.g % 20)) end,
				case when s.status = 'closed' then 'staff' end,
				case when s.status = 'closed' then least(now(), s.created_at + make_interval(days => s.g % 20)) end,
				s.created_at, s.created_at, s.m - s.m / 3
			from scale_tickets s`,
			[org, people.member, people.agent, contacts.slice(1), contacts[0]],
		);
		step('tickets');
		// Message k of m: public but every third, an internal note; the agent writes the even ones.
		await db.query(
			`insert into public.ticket_messages (ticket_id, author_id, visibility, body, created_at)
			select s.id, case when k % 2 = 0 then $1::uuid end, case when k % 3 = 0 then 'internal' else 'public' end,
				'Mensaje ' || k, s.created_at + make_interval(mins => k)
			from scale_tickets s cross join generate_series(1, 5) k where k <= s.m`,
			[people.agent],
		);
		step('messages');
		await db.query(
			`insert into public.ticket_staff_fields (ticket_id, assignee_id, level, problem_id, internal_notes, last_message_at)
			select s.id, case when s.g % 3 = 0 then $1::uuid end, 1, null, s.m / 3, s.created_at + make_interval(mins => s.m)
			from scale_tickets s`,
			[people.agent],
		);
		step('staff fields');
	} finally {
		await db.query('reset session_replication_role');
		await db.query('drop table if exists scale_tickets');
		for (const i of indexes) await db.query(i.def);
		step('indexes');
	}
	await db.query('vacuum analyze public.tickets');
	await db.query('vacuum analyze public.ticket_messages');
	await db.query('vacuum analyze public.ticket_staff_fields');
	step('vacuum analyze');
	return { org, n, open };
}
