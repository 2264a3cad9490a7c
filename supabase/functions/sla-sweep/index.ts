// POST /functions/v1/sla-sweep — run every minute by cron (supabase/migrations/…_schedules.sql) with
// the service role key. Takes the tickets that need looking at (flagged by a change, or whose
// sla_next_check_at has come) in bounded batches, each batch one transaction that locks its rows with
// SKIP LOCKED, so two sweeps at once share the work instead of doing it twice, and a sweep that dies
// half way rolls back what it had not finished. What to do per ticket is _shared/sweep-plan.ts.
// Answers with a report of what it did.
import pg from 'npm:pg@8';
import { z } from 'zod';
import { programmeFromDocument } from '../_shared/programme-document.ts';
import { sweepRulesOf } from '../_shared/sla-programme.ts';
import { planSweep, type SweepPlan, type SweepRules, type SweepTicket } from '../_shared/sweep-plan.ts';
import type { SlaEvent } from '../_shared/sla.ts';
import { fail, json, preflight } from '../_shared/function-http.ts';
import { callerRole } from '../_shared/caller-role.ts';

const options = z
	.object({
		batch: z.number().int().min(1).max(2000).default(500),
		time_budget_ms: z.number().int().min(100).max(120_000).default(20_000),
	})
	.strict();

const pool = new pg.Pool({ connectionString: Deno.env.get('SUPABASE_DB_URL'), max: 2 });

interface Report {
	now: string | null;
	batches: number;
	tickets: number;
	breaches: Record<string, number>;
	escalations: number;
	update_reminders: number;
	auto_close_reminders: number;
	closed: number;
	notifications: number;
	failed: { ticket: string; error: string }[];
	ms: number;
}

/** The rows sweepBatch reads (node-postgres returns bigint `number` as text). */
type TicketRow = Omit<SweepTicket, 'number'> & { number: string; programme_id: string };
interface EventRow extends SlaEvent {
	ticket_id: string;
}

async function sweepBatch(client: pg.PoolClient, batch: number, report: Report): Promise<number> {
	await client.query('begin');
	try {
		// The sweep's own writes do not flag the tickets again (see the sla_enforcement migration).
		await client.query(`select set_config('mostrador.sweep', 'on', true)`);
		const { rows: tickets }: { rows: TicketRow[] } = await client.query(
			`select t.id, t.number, t.subject, t.status, t.level, t.programme_id, t.paused_since, t.first_response_breached_at,
				t.update_breached_at, t.escalation_breached_at, t.resolution_breached_at, t.auto_close_reminded_at, o.timezone
			from public.tickets t join public.organisations o on o.id = t.organisation_id
			where t.status <> 'closed' and (t.sla_dirty or t.sla_next_check_at <= clock_timestamp())
			order by t.sla_next_check_at nulls first
			limit $1
			for update of t skip locked`,
			[batch],
		);
		if (!tickets.length) {
			await client.query('commit');
			return 0;
		}
		// Taken after the rows are locked: every event of these tickets is already in the log.
		const now: Date = (await client.query('select clock_timestamp() as now')).rows[0].now;
		report.now = now.toISOString();
		// What this transaction logs (level raised, breaches, closes) happens at that same instant.
		await client.query(`select set_config('mostrador.event_at', $1, true)`, [report.now]);
		const ids = tickets.map((t) => t.id);
		const { rows: events }: { rows: EventRow[] } = await client.query(
			`select ticket_id, id, kind, at, actor_kind, visibility, data from public.ticket_events where ticket_id = any($1::uuid[]) order by ticket_id, id`,
			[ids],
		);
		const byTicket = new Map<string, SlaEvent[]>();
		for (const e of events) {
			let list = byTicket.get(e.ticket_id);
			if (!list) byTicket.set(e.ticket_id, (list = []));
			list.push(e);
		}
		const programmeIds = [...new Set(tickets.map((t) => t.programme_id))];
		const { rows: docs }: { rows: { id: string; document: unknown }[] } = await client.query(`select id, document from public.programmes where id = any($1)`, [programmeIds]);
		const rules = new Map<string, SweepRules>(docs.map((d) => [d.id, sweepRulesOf(programmeFromDocument(d.id, d.document))]));

		const plans: SweepPlan[] = [];
		for (const t of tickets) {
			try {
				plans.push(planSweep({ ...t, number: Number(t.number) }, byTicket.get(t.id) ?? [], rules.get(t.programme_id)!, now));
			} catch (e) {
				// One broken ticket must not stop the others: report it and look again in an hour.
				report.failed.push({ ticket: t.id, error: (e as Error).message });
				await client.query(`update public.tickets set sla_dirty = false, sla_next_check_at = $2 where id = $1`, [t.id, new Date(now.getTime() + 3_600_000)]);
			}
		}
		if (plans.length) {
			await client.query(
				`update public.tickets t set
					first_response_due_at = p.first_response_due_at,
					next_update_due_at = p.next_update_due_at,
					next_escalation_due_at = p.next_escalation_due_at,
					resolution_due_at = p.resolution_due_at,
					first_response_breached_at = coalesce(t.first_response_breached_at, p.first_response_breached_at),
					update_breached_at = p.update_breached_at,
					escalation_breached_at = p.escalation_breached_at,
					resolution_breached_at = coalesce(t.resolution_breached_at, p.resolution_breached_at),
					level = greatest(t.level, p.level),
					status = case when p.close then 'closed' else t.status end,
					close_reason = case when p.close then 'no_customer_reply' else t.close_reason end,
					auto_close_reminded_at = p.auto_close_reminded_at,
					sla_next_check_at = p.sla_next_check_at,
					sla_dirty = false
				from jsonb_to_recordset($1::jsonb) as p(
					id uuid, first_response_due_at timestamptz, next_update_due_at timestamptz, next_escalation_due_at timestamptz,
					resolution_due_at timestamptz, first_response_breached_at timestamptz, update_breached_at timestamptz,
					escalation_breached_at timestamptz, resolution_breached_at timestamptz, level int, close boolean,
					auto_close_reminded_at timestamptz, sla_next_check_at timestamptz)
				where t.id = p.id`,
				[JSON.stringify(plans.map(({ notifications: _, acted: __, ...p }) => p))],
			);
			const queued = plans.flatMap((p) => p.notifications.map((n) => ({ ticket: p.id, ...n })));
			if (queued.length) {
				const { rowCount } = await client.query(
					`insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
					select n.template, r.user_id, coalesce(pr.locale, 'es'), n.payload,
						n.dedupe_key || case when n."to" = 'leads' then ':' || r.user_id else '' end
					from jsonb_to_recordset($1::jsonb) as n(ticket uuid, template text, "to" text, payload jsonb, dedupe_key text)
					join public.tickets t on t.id = n.ticket
					cross join lateral (
						select t.requester_id as user_id where n."to" = 'requester'
						union all select t.assignee_id where n."to" = 'assignee' and t.assignee_id is not null
						union all select s.user_id from public.staff s
							where s.role = 'lead' and (n."to" = 'leads' or (n."to" = 'assignee' and t.assignee_id is null))
					) r
					left join public.profiles pr on pr.id = r.user_id
					on conflict (dedupe_key) do nothing`,
					[JSON.stringify(queued)],
				);
				report.notifications += rowCount ?? 0;
			}
			for (const p of plans) {
				for (const b of p.acted.breaches) report.breaches[b] = (report.breaches[b] ?? 0) + 1;
				report.escalations += p.acted.escalations;
				report.update_reminders += p.acted.updateReminder ? 1 : 0;
				report.auto_close_reminders += p.acted.autoCloseReminder ? 1 : 0;
				report.closed += p.acted.closed ? 1 : 0;
			}
		}
		await client.query('commit');
		report.tickets += tickets.length;
		return tickets.length;
	} catch (e) {
		await client.query('rollback').catch(() => {});
		throw e;
	}
}

export async function sweep(batch: number, budgetMs: number): Promise<Report> {
	const started = performance.now();
	const report: Report = { now: null, batches: 0, tickets: 0, breaches: {}, escalations: 0, update_reminders: 0, auto_close_reminders: 0, closed: 0, notifications: 0, failed: [], ms: 0 };
	const client = await pool.connect();
	try {
		for (;;) {
			const n = await sweepBatch(client, batch, report);
			if (n) report.batches += 1;
			if (n < batch || performance.now() - started > budgetMs) break;
		}
	} finally {
		client.release();
	}
	report.ms = Math.round(performance.now() - started);
	return report;
}

Deno.serve(async (req) => {
	if (req.method === 'OPTIONS') return preflight(req);
	if (req.method !== 'POST') return fail(req, 405, 'method_not_allowed');
	if (callerRole(req.headers.get('authorization')) !== 'service_role') return fail(req, 403, 'service_role_only');
	let body: unknown = {};
	const text = await req.text();
	if (text.trim()) {
		try {
			body = JSON.parse(text);
		} catch {
			return fail(req, 400, 'invalid_json');
		}
	}
	const parsed = options.safeParse(body);
	if (!parsed.success) return fail(req, 400, 'invalid_input', { issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
	try {
		return json(req, await sweep(parsed.data.batch, parsed.data.time_budget_ms));
	} catch (e) {
		console.error('sla-sweep:', e);
		return fail(req, 500, 'sweep_failed', { message: (e as Error).message });
	}
});
