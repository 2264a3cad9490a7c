// The writes of a ticket's history, each at a past instant, as the database owner. They are the
// writes the RPCs make (reply_to_ticket, request_customer_info, resolve_ticket, confirm_resolution,
// close_ticket, assign_ticket, change_level, link_problem) with the same triggers firing, so the
// event log is the one production writes, with three things the migrations already honour to date it:
// request.jwt.claims names who acts (auth.uid(), hence the event's actor), mostrador.event_at dates
// the events, and messages and the ticket's creation carry their own created_at. The one thing the
// triggers stamp with the transaction's now() — the pause clock and the resolved/closed instants of a
// status change — is put right straight after, as the trigger would have stamped it at that instant.
import type pg from 'pg';

export type Db = pg.ClientBase;

/** Who acts from now on in this transaction (null: the system), and when what they do happens. */
export async function acting(db: Db, who: string | null, at: number, opts: { sweep?: boolean; messageKind?: string } = {}): Promise<void> {
	await db.query(
		`select set_config('request.jwt.claims', $1, true), set_config('mostrador.event_at', $2, true),
			set_config('mostrador.sweep', $3, true), set_config('mostrador.message_kind', $4, true)`,
		[who ? JSON.stringify({ sub: who, role: 'authenticated' }) : '', new Date(at).toISOString(), opts.sweep ? 'on' : '', opts.messageKind ?? ''],
	);
}

/** Back to no one and no instant: what the loader leaves behind for the rest of the transaction. */
export async function actingDone(db: Db): Promise<void> {
	await db.query(`select set_config('request.jwt.claims', '', true), set_config('mostrador.event_at', '', true), set_config('mostrador.sweep', '', true), set_config('mostrador.message_kind', '', true)`);
}

export interface NewTicket {
	organisation: string;
	requester: string;
	severity: string;
	subject: string;
	description: string;
	impact: string | null;
	environment: 'production' | 'test';
	product: string | null;
	version: string | null;
	channel: 'web' | 'email' | 'phone' | 'chat';
	sourceArticle: string | null;
	/** Marks the ticket as the demo's (and makes loading idempotent per story). */
	idempotencyKey: string;
	dues: { first_response_due_at: string | null; next_update_due_at: string | null; next_escalation_due_at: string | null; resolution_due_at: string | null };
}

/** Opens a ticket at `at` with its description as the first message, as create_ticket does. */
export async function openTicket(db: Db, t: NewTicket, at: number): Promise<{ id: string; number: number }> {
	await acting(db, t.requester, at);
	const when = new Date(at).toISOString();
	const { rows } = await db.query<{ id: string; number: string }>(
		`insert into public.tickets (organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, impact,
			environment, product_id, version, channel, source_article, idempotency_key, first_response_due_at, next_update_due_at,
			next_escalation_due_at, resolution_due_at, created_at, last_customer_message_at)
		select o.id, $2, o.programme_id, o.plan_id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17
		from public.organisations o where o.id = $1
		returning id, number`,
		[t.organisation, t.requester, t.severity, t.subject, t.description, t.impact, t.environment, t.product, t.version, t.channel, t.sourceArticle, t.idempotencyKey,
			t.dues.first_response_due_at, t.dues.next_update_due_at, t.dues.next_escalation_due_at, t.dues.resolution_due_at, when],
	);
	if (!rows[0]) throw new Error(`demo: no organisation ${t.organisation}`);
	await db.query(`insert into public.ticket_messages (ticket_id, author_id, body, created_at) values ($1, $2, $3, $4)`, [rows[0].id, t.requester, t.description, when]);
	return { id: rows[0].id, number: Number(rows[0].number) };
}

/** A message: public or an internal note; a staff public one is the first response and opens a new ticket (reply_to_ticket). */
export async function addMessage(db: Db, ticket: string, author: string, staff: boolean, body: string, internal: boolean, at: number, messageKind = ''): Promise<void> {
	await acting(db, author, at, { messageKind });
	const when = new Date(at).toISOString();
	await db.query(`insert into public.ticket_messages (ticket_id, author_id, visibility, body, created_at) values ($1, $2, $3, $4, $5)`, [
		ticket,
		author,
		internal ? 'internal' : 'public',
		body,
		when,
	]);
	if (!staff) {
		await setStatusWith(db, ticket, at, `last_customer_message_at = $2, status = case when status in ('pending_customer', 'resolved') then 'open' else status end`, [when]);
	} else if (!internal) {
		await setStatusWith(db, ticket, at, `first_response_at = coalesce(first_response_at, $2), status = case when status = 'new' then 'open' else status end`, [when]);
	}
}

/** A status change (and its close reason) by whoever `acting` named last. */
export async function setStatus(db: Db, ticket: string, to: string, at: number, closeReason: string | null = null): Promise<void> {
	await setStatusWith(db, ticket, at, `status = $2, close_reason = coalesce($3, close_reason)`, [to, closeReason]);
}

/** Any other tracked field (assignee_id, level, problem_id, severity_key), logged by the trigger. */
export async function setField(db: Db, ticket: string, field: 'assignee_id' | 'level' | 'problem_id' | 'severity_key', value: unknown): Promise<void> {
	await db.query(`update public.tickets set ${field} = $2 where id = $1`, [ticket, value]);
}

interface PauseClock {
	status: string;
	paused_since: Date | null;
	paused_seconds: string;
}

/**
 * Runs `assignments` on the ticket, then, if the status changed, stamps the pause clock and the
 * resolved/closed instants for `at` (ticket_before_update stamps them with now()), by the same rule.
 */
export async function setStatusWith(db: Db, ticket: string, at: number, assignments: string, params: unknown[]): Promise<void> {
	const before = (await db.query<PauseClock>(`select status, paused_since, paused_seconds from public.tickets where id = $1 for update`, [ticket])).rows[0];
	const { rows } = await db.query<{ status: string }>(`update public.tickets set ${assignments} where id = $1 returning status`, [ticket, ...params]);
	const to = rows[0].status;
	if (to === before.status) return;
	const waiting = to === 'pending_customer' || to === 'resolved';
	let pausedSince = before.paused_since?.getTime() ?? null;
	let pausedSeconds = Number(before.paused_seconds);
	if (waiting && pausedSince === null) pausedSince = at;
	else if (!waiting && pausedSince !== null) {
		pausedSeconds += Math.floor((at - pausedSince) / 1000);
		pausedSince = null;
	}
	const when = new Date(at).toISOString();
	await db.query(
		`update public.tickets set paused_since = $2, paused_seconds = $3,
			resolved_at = case when status = 'resolved' then $4::timestamptz when status = 'open' and $5 = 'resolved' then null else resolved_at end,
			closed_at = case when status = 'closed' then $4::timestamptz else closed_at end
		where id = $1`,
		[ticket, pausedSince === null ? null : new Date(pausedSince).toISOString(), pausedSeconds, when, before.status],
	);
}
