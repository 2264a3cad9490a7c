// The SLA sweep, run over one demo ticket at the past instants the every-minute cron would have run it
// (supabase/functions/sla-sweep): the same plan (_shared/sweep-plan.ts, the real engine over the
// programme the database holds) written the same way, so the due times, breach stamps, escalations and
// automatic closes in the demo are the ones the sweep would have left. Its mails are not queued: they
// would have gone out long ago.
import { planSweep, type SweepRules } from '#shared/sweep-plan.ts';
import type { SlaEvent } from '#shared/sla.ts';
import { minuteAtOrAfter, nextMinute } from './clock.ts';
import { acting, setStatusWith, type Db } from './ticket-writes.ts';

/** Sweeps one ticket at `at`, as sweepBatch does for a batch. */
export async function sweepAt(db: Db, ticket: string, at: number, rules: SweepRules): Promise<void> {
	const { rows } = await db.query(
		`select t.id, t.number, t.subject, t.status, t.level, t.programme_id, t.paused_since, t.first_response_breached_at, t.update_breached_at,
			t.escalation_breached_at, t.resolution_breached_at, t.auto_close_reminded_at, o.timezone
		from public.tickets t join public.organisations o on o.id = t.organisation_id where t.id = $1`,
		[ticket],
	);
	const t = rows[0];
	const events = (await db.query<SlaEvent>(`select id, kind, at, actor_kind, visibility, data from public.ticket_events where ticket_id = $1 order by id`, [ticket])).rows;
	const plan = planSweep({ ...t, number: Number(t.number) }, events, rules, new Date(at));
	await acting(db, null, at, { sweep: true });
	await setStatusWith(
		db,
		ticket,
		at,
		`first_response_due_at = $2, next_update_due_at = $3, next_escalation_due_at = $4, resolution_due_at = $5,
		first_response_breached_at = coalesce(first_response_breached_at, $6), update_breached_at = $7, escalation_breached_at = $8,
		resolution_breached_at = coalesce(resolution_breached_at, $9), level = greatest(level, $10),
		status = case when $11 then 'closed' else status end, close_reason = case when $11 then 'no_customer_reply' else close_reason end,
		auto_close_reminded_at = $12, sla_next_check_at = $13, sla_dirty = false`,
		[
			plan.first_response_due_at,
			plan.next_update_due_at,
			plan.next_escalation_due_at,
			plan.resolution_due_at,
			plan.first_response_breached_at,
			plan.update_breached_at,
			plan.escalation_breached_at,
			plan.resolution_breached_at,
			plan.level,
			plan.close,
			plan.auto_close_reminded_at,
			plan.sla_next_check_at,
		],
	);
}

/**
 * Every sweep the cron would have run on the ticket after `lastChange` and before `until`: the minute
 * after a change that flagged it, and the minute its next check falls due, again and again.
 */
export async function sweepUntil(db: Db, ticket: string, lastChange: number, until: number, rules: SweepRules): Promise<void> {
	let changed = lastChange;
	for (let i = 0; i < 2000; i++) {
		const { rows } = await db.query<{ status: string; sla_dirty: boolean; sla_next_check_at: Date | null }>(
			`select status, sla_dirty, sla_next_check_at from public.tickets where id = $1`,
			[ticket],
		);
		const r = rows[0];
		if (r.status === 'closed') return;
		const next = r.sla_dirty ? nextMinute(changed) : r.sla_next_check_at ? minuteAtOrAfter(r.sla_next_check_at.getTime()) : null;
		if (next === null || next >= until) return;
		await sweepAt(db, ticket, next, rules);
		changed = next;
	}
	throw new Error(`demo: the sweep of ticket ${ticket} did not settle`);
}
