// Where a ticket's SLA clock stands for the customer, from the stamps the SLA sweep keeps on the row
// (supabase/functions/_shared/sla.ts computes them): the response owed next and whether it is late.
// Before the first response that is the first response; afterwards, the next update. The clock is
// paused while the ticket waits on the customer and stopped once resolved or closed.
import { instantMs } from '#shared/sla-instant.ts';
import type { TicketRow } from './ticket-row.ts';

export type SlaClock =
	| { kind: 'closed' }
	| { kind: 'resolved' }
	| { kind: 'paused' }
	| { kind: 'none' }
	| { kind: 'due' | 'late'; target: 'first_response' | 'update'; at: string };

export function slaClock(t: TicketRow, now = Date.now()): SlaClock {
	if (t.status === 'closed') return { kind: 'closed' };
	if (t.status === 'resolved') return { kind: 'resolved' };
	if (t.status === 'pending_customer') return { kind: 'paused' };
	if (!t.first_response_at) {
		// The sweep stamps a breach with the deadline it missed; until it runs, the clock itself says so.
		if (t.first_response_breached_at) return { kind: 'late', target: 'first_response', at: t.first_response_breached_at };
		if (!t.first_response_due_at) return { kind: 'none' };
		return { kind: instantMs(t.first_response_due_at) <= now ? 'late' : 'due', target: 'first_response', at: t.first_response_due_at };
	}
	if (!t.next_update_due_at) return { kind: 'none' };
	const due = instantMs(t.next_update_due_at);
	// A breach stamped at or after the current deadline is this deadline's; an older one was answered since.
	const breached = t.update_breached_at !== null && instantMs(t.update_breached_at) >= due;
	return { kind: breached || due <= now ? 'late' : 'due', target: 'update', at: t.next_update_due_at };
}
