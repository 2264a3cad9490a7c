// Where a ticket's SLA stands for the agent, from the due times the SLA sweep keeps on the row
// (supabase/functions/_shared/sla.ts computes them): the nearest deadline not yet met, and a state for
// the badge. The same rule as agent_queue.next_due_at, so the queue's order and its badges agree:
// only a running clock (new, open) owes anything; the first-response deadline counts until the first
// response, even before a sweep has cleared it.
//   breached  a deadline passed unmet, or a first response / resolution already stamped as missed
//   at_risk   the nearest deadline is at most AT_RISK_SECONDS of business time away, on the plan's
//             calendar (a deadline at 09:30 on Monday is at risk on Friday at 17:40 in office hours);
//             without a calendar, 60 minutes of wall-clock time
//   paused    waiting on the customer (pending_customer): the clock is stopped until they answer
//   stopped   resolved (waiting for the customer to confirm) or closed
import { businessSecondsBetween, type Calendar } from '#shared/business-time.ts';
import { instantMs } from '#shared/sla-instant.ts';
import type { QueueTicket, TicketStatus } from './ticket-types.ts';

export const AT_RISK_SECONDS = 3600;

export type DeadlineKind = 'first_response' | 'update' | 'escalation' | 'resolution';
export interface Deadline {
	kind: DeadlineKind;
	at: number;
}

export type DueTimes = Pick<
	QueueTicket,
	| 'status'
	| 'first_response_at'
	| 'first_response_due_at'
	| 'next_update_due_at'
	| 'next_escalation_due_at'
	| 'resolution_due_at'
	| 'first_response_breached_at'
	| 'resolution_breached_at'
	| 'paused_since'
>;

export type SlaState =
	| { kind: 'breached'; deadline: Deadline | null }
	| { kind: 'at_risk' | 'on_time'; deadline: Deadline }
	| { kind: 'paused'; since: number | null }
	| { kind: 'stopped' }
	| { kind: 'none' };

const running = (t: Pick<DueTimes, 'status'>) => t.status === 'new' || t.status === 'open';

/** The deadlines a running ticket still owes, soonest first; none when its clock is not running. */
export function deadlinesOf(t: DueTimes): Deadline[] {
	if (!running(t)) return [];
	const all: [DeadlineKind, string | null][] = [
		['first_response', t.first_response_at ? null : t.first_response_due_at],
		['update', t.next_update_due_at],
		['escalation', t.next_escalation_due_at],
		['resolution', t.resolution_due_at],
	];
	return all
		.filter((d): d is [DeadlineKind, string] => d[1] !== null)
		.map(([kind, at]) => ({ kind, at: instantMs(at) }))
		.sort((a, b) => a.at - b.at);
}

export function nearestDeadline(t: DueTimes): Deadline | null {
	return deadlinesOf(t)[0] ?? null;
}

export function slaState(t: DueTimes, now: number, calendar?: Calendar): SlaState {
	if (t.status === 'pending_customer') return { kind: 'paused', since: t.paused_since ? instantMs(t.paused_since) : null };
	if (!running(t)) return { kind: 'stopped' };
	const deadline = nearestDeadline(t);
	const stamped = (t.first_response_breached_at !== null && t.first_response_at === null) || t.resolution_breached_at !== null;
	if (stamped || (deadline && deadline.at <= now)) return { kind: 'breached', deadline };
	if (!deadline) return { kind: 'none' };
	return { kind: atRisk(deadline.at, now, calendar) ? 'at_risk' : 'on_time', deadline };
}

function atRisk(at: number, now: number, calendar?: Calendar): boolean {
	if (!calendar) return at - now <= AT_RISK_SECONDS * 1000;
	try {
		return businessSecondsBetween(new Date(now), new Date(at), calendar) <= AT_RISK_SECONDS;
	} catch {
		return at - now <= AT_RISK_SECONDS * 1000;
	}
}
