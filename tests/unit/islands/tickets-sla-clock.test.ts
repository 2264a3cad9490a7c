import { describe, expect, it } from 'vitest';
import { slaClock } from '../../../src/islands/tickets/sla-clock.ts';
import { zoneOf, type TicketRow } from '../../../src/islands/tickets/ticket-row.ts';

function row(over: Partial<TicketRow> = {}): TicketRow {
	return {
		id: 't', number: 1, subject: 's', status: 'open', severity_key: 'P1', programme_id: 'p', organisation_id: 'o', requester_id: 'u', created_at: '2026-04-06T09:00:00Z',
		closed_at: null, first_response_at: null, first_response_due_at: null, next_update_due_at: null, first_response_breached_at: null, update_breached_at: null,
		organisation: { name: 'Cliente', timezone: 'America/Mexico_City' }, ...over,
	};
}
const now = Date.parse('2026-04-06T12:00:00Z');

describe('slaClock', () => {
	it('is closed, resolved or paused by status, whatever the due times say', () => {
		expect(slaClock(row({ status: 'closed', first_response_due_at: '2026-04-06T10:00:00Z' }), now)).toEqual({ kind: 'closed' });
		expect(slaClock(row({ status: 'resolved' }), now)).toEqual({ kind: 'resolved' });
		expect(slaClock(row({ status: 'pending_customer', first_response_due_at: '2026-04-06T10:00:00Z' }), now)).toEqual({ kind: 'paused' });
	});

	it('before the first response, owes the first response: due, then late from its very instant', () => {
		expect(slaClock(row({ first_response_due_at: '2026-04-06 12:00:01+00' }), now)).toEqual({ kind: 'due', target: 'first_response', at: '2026-04-06 12:00:01+00' });
		expect(slaClock(row({ first_response_due_at: '2026-04-06T06:00:00-06:00' }), now)).toEqual({ kind: 'late', target: 'first_response', at: '2026-04-06T06:00:00-06:00' });
		expect(slaClock(row({ status: 'new', first_response_due_at: '2026-04-06T12:00:00Z' }), now).kind).toBe('late');
	});

	it('is late as soon as the sweep stamped a missed first response, at the deadline it missed', () => {
		expect(slaClock(row({ first_response_due_at: '2026-04-07T10:00:00Z', first_response_breached_at: '2026-04-06T11:00:00Z' }), now)).toEqual({ kind: 'late', target: 'first_response', at: '2026-04-06T11:00:00Z' });
	});

	it('is none without a due time', () => {
		expect(slaClock(row(), now)).toEqual({ kind: 'none' });
		expect(slaClock(row({ first_response_at: '2026-04-06T10:00:00Z' }), now)).toEqual({ kind: 'none' });
	});

	it('after the first response, owes the next update', () => {
		const answered = { first_response_at: '2026-04-06T10:00:00Z', first_response_breached_at: '2026-04-06T09:30:00Z' };
		expect(slaClock(row({ ...answered, next_update_due_at: '2026-04-06T14:00:00Z' }), now)).toEqual({ kind: 'due', target: 'update', at: '2026-04-06T14:00:00Z' });
		expect(slaClock(row({ ...answered, next_update_due_at: '2026-04-06T11:00:00Z' }), now)).toEqual({ kind: 'late', target: 'update', at: '2026-04-06T11:00:00Z' });
	});

	it('counts an update breach stamped at or after the current deadline, not an older one answered since', () => {
		const base = { first_response_at: '2026-04-06T10:00:00Z', next_update_due_at: '2026-04-06T14:00:00Z' };
		expect(slaClock(row({ ...base, update_breached_at: '2026-04-06T14:00:00Z' }), now).kind).toBe('late');
		expect(slaClock(row({ ...base, update_breached_at: '2026-04-06T11:00:00Z' }), now).kind).toBe('due');
	});
});

describe('zoneOf', () => {
	it('tells times in the organisation’s zone, else the reader’s', () => {
		expect(zoneOf(row())).toBe('America/Mexico_City');
		expect(zoneOf(row({ organisation: null }))).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
	});
});
