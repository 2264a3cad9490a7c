// What the SLA sweep does to one ticket, decided without touching the database: from the ticket's row
// (its stamps say what earlier sweeps already did), its event log and its programme, as of `now`.
// The sla-sweep function applies the plan in the same transaction that locked the row, so two sweeps
// never act twice on one ticket, and one that dies half way leaves nothing half done.
//
//  * Due times are rebuilt from the log (sla.ts) and written back.
//  * A deadline that passed is stamped with the deadline itself, never with when the sweep noticed:
//    first response and resolution once; customer updates and escalations every time a later one passes.
//  * Escalation deadlines not acted on yet raise the level one step (up to the programme's highest agent
//    level) and tell the leads, once per sweep however many passed; a missed customer-update deadline reminds the assignee (the leads when
//    nobody is assigned).
//  * A ticket waiting on the customer (pending, or resolved awaiting confirmation) for the programme's
//    N days (calendar days) is closed with reason no_customer_reply; a reminder goes out reminderDaysBefore
//    days before.
//  * sla_next_check_at is the next instant anything above can happen, so the sweep reads only tickets
//    that need it.
// Notifications carry a dedupe key naming the ticket and the deadline, so even a replayed plan queues
// each one once.
import { evaluateSla, type SlaEvent, type SlaInput } from './sla.ts';

export interface SweepTicket {
	id: string;
	number: number;
	subject: string;
	status: 'new' | 'open' | 'pending_customer' | 'resolved' | 'closed';
	level: number;
	timezone: string;
	paused_since: string | Date | null;
	first_response_breached_at: string | Date | null;
	update_breached_at: string | Date | null;
	escalation_breached_at: string | Date | null;
	resolution_breached_at: string | Date | null;
	auto_close_reminded_at: string | Date | null;
	/** The ticket's programme: the customer's auto-close mails link its terms page. */
	programme_id?: string;
}

export interface SweepRules extends Pick<SlaInput, 'targets' | 'calendar'> {
	/** null: the programme closes nothing by itself; a ticket waits on the customer until someone closes it. */
	autoClose: { afterDays: number; reminderDaysBefore: number } | null;
	/** The highest level the sweep raises a ticket to (the agents' levels in the escalation chain). */
	maxLevel: number;
}

export type Recipient = 'requester' | 'assignee' | 'leads';

export interface PlannedNotification {
	template: 'ticket_escalated' | 'customer_update_due' | 'auto_close_reminder' | 'ticket_auto_closed';
	to: Recipient;
	payload: Record<string, unknown>;
	/** Unique per ticket and event; the recipient's id is appended when there are several. */
	dedupe_key: string;
}

export interface SweepPlan {
	id: string;
	first_response_due_at: string | null;
	next_update_due_at: string | null;
	next_escalation_due_at: string | null;
	resolution_due_at: string | null;
	first_response_breached_at: string | null;
	update_breached_at: string | null;
	escalation_breached_at: string | null;
	resolution_breached_at: string | null;
	level: number;
	close: boolean;
	auto_close_reminded_at: string | null;
	sla_next_check_at: string | null;
	notifications: PlannedNotification[];
	/** What happened, for the sweep's report. */
	acted: { breaches: string[]; escalations: number; updateReminder: boolean; autoCloseReminder: boolean; closed: boolean };
}

const DAY_MS = 86_400_000;
const ms = (v: string | Date | null | undefined): number | null => (v === null || v === undefined ? null : typeof v === 'string' ? Date.parse(v) : v.getTime());
const iso = (v: number | null): string | null => (v === null ? null : new Date(v).toISOString());

export function planSweep(ticket: SweepTicket, events: readonly SlaEvent[], rules: SweepRules, now: Date): SweepPlan {
	const t = now.getTime();
	let sla = evaluateSla({ events, targets: rules.targets, calendar: rules.calendar, now });
	const base = { ticket: ticket.id, number: ticket.number, subject: ticket.subject };
	const notifications: PlannedNotification[] = [];
	const acted: SweepPlan['acted'] = { breaches: [], escalations: 0, updateReminder: false, autoCloseReminder: false, closed: false };

	// First response and resolution: stamped once, with the first deadline missed.
	let firstResponseBreached = ms(ticket.first_response_breached_at);
	if (firstResponseBreached === null && sla.firstResponse.breachedAt) {
		firstResponseBreached = sla.firstResponse.breachedAt.getTime();
		acted.breaches.push('first_response');
	}
	let resolutionBreached = ms(ticket.resolution_breached_at);
	if (resolutionBreached === null && sla.resolution.breachedAt) {
		resolutionBreached = sla.resolution.breachedAt.getTime();
		acted.breaches.push('resolution');
	}

	// Customer updates: every missed deadline after the last one acted on reminds the assignee.
	let updateBreached = ms(ticket.update_breached_at);
	const missedUpdate = sla.nextUpdate.breachedAt?.getTime() ?? null;
	if (missedUpdate !== null && (updateBreached === null || missedUpdate > updateBreached)) {
		updateBreached = missedUpdate;
		acted.breaches.push('update');
		acted.updateReminder = true;
		notifications.push({
			template: 'customer_update_due',
			to: 'assignee',
			payload: { ...base, due: iso(missedUpdate), timezone: ticket.timezone },
			dedupe_key: `update_due:${ticket.id}:${iso(missedUpdate)}`,
		});
	}

	// Escalations: deadlines passed and not acted on raise the level one step and tell the leads, once
	// per sweep: a backlog (the sweep was down) is one escalation, stamped with the latest deadline.
	let escalationBreached = ms(ticket.escalation_breached_at);
	let level = ticket.level;
	const pending = sla.escalationsDue.map((d) => d.getTime()).filter((d) => escalationBreached === null || d > escalationBreached);
	if (pending.length) {
		const latest = Math.max(...pending);
		escalationBreached = latest;
		level = Math.min(Math.max(level, 1) + 1, Math.max(rules.maxLevel, ticket.level));
		acted.escalations = 1;
		notifications.push({
			template: 'ticket_escalated',
			to: 'leads',
			payload: { ...base, level, target: 'escalation', deadline: iso(latest), timezone: ticket.timezone },
			dedupe_key: `escalated:${ticket.id}:${iso(latest)}`,
		});
	}
	if (acted.escalations) {
		acted.breaches.push('escalation');
		// The raise is logged at `now` and restarts the escalation count: the due times follow from it.
		if (level !== ticket.level) {
			const raised = { kind: 'level_changed', at: now, actor_kind: 'system' as const, visibility: 'public' as const, data: { from: ticket.level, to: level } };
			sla = evaluateSla({ events: [...events, raised], targets: rules.targets, calendar: rules.calendar, now });
		}
	}

	// Waiting on the customer: remind, then close.
	let close = false;
	let reminded = ms(ticket.auto_close_reminded_at);
	let closeAt: number | null = null;
	let remindAt: number | null = null;
	const waitingSince = ms(ticket.paused_since);
	const autoClose = rules.autoClose;
	const programme = ticket.programme_id ? { programme: ticket.programme_id } : {};
	if (autoClose && (ticket.status === 'pending_customer' || ticket.status === 'resolved') && waitingSince !== null) {
		closeAt = waitingSince + autoClose.afterDays * DAY_MS;
		remindAt = closeAt - autoClose.reminderDaysBefore * DAY_MS;
		const remindedThisWait = reminded !== null && reminded >= waitingSince;
		if (t >= closeAt) {
			close = true;
			acted.closed = true;
			notifications.push({
				template: 'ticket_auto_closed',
				to: 'requester',
				payload: { ...base, days: autoClose.afterDays, ...programme },
				dedupe_key: `auto_closed:${ticket.id}`,
			});
		} else if (t >= remindAt && !remindedThisWait && autoClose.reminderDaysBefore > 0) {
			reminded = t;
			acted.autoCloseReminder = true;
			notifications.push({
				template: 'auto_close_reminder',
				to: 'requester',
				payload: { ...base, days: autoClose.reminderDaysBefore, closes_at: iso(closeAt), timezone: ticket.timezone, ...programme },
				dedupe_key: `auto_close_reminder:${ticket.id}:${iso(waitingSince)}`,
			});
		}
		if (remindedThisWait || reminded === t) remindAt = null;
	}

	// The next instant the sweep has something to do for this ticket.
	const upcoming = close
		? []
		: [sla.firstResponse.due, sla.nextUpdate.due, sla.nextEscalation.due, sla.resolution.due]
				.map((d) => d?.getTime() ?? null)
				.concat([remindAt, closeAt])
				.filter((x): x is number => x !== null && x > t);
	const next = upcoming.length ? Math.min(...upcoming) : null;

	return {
		id: ticket.id,
		first_response_due_at: iso(sla.firstResponse.due?.getTime() ?? null),
		next_update_due_at: iso(sla.nextUpdate.due?.getTime() ?? null),
		next_escalation_due_at: iso(sla.nextEscalation.due?.getTime() ?? null),
		resolution_due_at: iso(sla.resolution.due?.getTime() ?? null),
		first_response_breached_at: iso(firstResponseBreached),
		update_breached_at: iso(updateBreached),
		escalation_breached_at: iso(escalationBreached),
		resolution_breached_at: iso(resolutionBreached),
		level,
		close,
		auto_close_reminded_at: iso(reminded),
		sla_next_check_at: iso(next),
		notifications,
		acted,
	};
}
