import { describe, expect, it } from 'vitest';
import { AT_RISK_SECONDS, deadlinesOf, nearestDeadline, slaState, type DueTimes } from '../../../src/islands/agent/deadlines.ts';
import type { Calendar } from '#shared/business-time.ts';

const ms = (iso: string) => Date.parse(iso);

function due(over: Partial<DueTimes> = {}): DueTimes {
	return {
		status: 'open',
		first_response_at: null,
		first_response_due_at: null,
		next_update_due_at: null,
		next_escalation_due_at: null,
		resolution_due_at: null,
		first_response_breached_at: null,
		resolution_breached_at: null,
		paused_since: null,
		...over,
	};
}

// Office hours in Mexico City (UTC−6 all year since 2022), Monday to Friday 09:00–18:00.
const office: Calendar = {
	timezone: 'America/Mexico_City',
	hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '18:00']]])),
	holidays: [],
};

describe('deadlinesOf', () => {
	it('lists what a running ticket owes, soonest first, reading PostgREST’s timestamptz spellings', () => {
		const t = due({
			first_response_due_at: '2026-04-06 18:00:00+00',
			next_update_due_at: '2026-04-06T12:00:00-06:00',
			resolution_due_at: '2026-04-10T15:00:00.123456+00:00',
		});
		expect(deadlinesOf(t)).toEqual([
			{ kind: 'first_response', at: ms('2026-04-06T18:00:00Z') },
			{ kind: 'update', at: ms('2026-04-06T18:00:00Z') },
			{ kind: 'resolution', at: ms('2026-04-10T15:00:00.123Z') },
		]);
	});

	it('drops the first-response deadline once answered, even before a sweep cleared it', () => {
		const t = due({ first_response_at: '2026-04-06T10:00:00Z', first_response_due_at: '2026-04-06T09:00:00Z', next_escalation_due_at: '2026-04-07T09:00:00Z' });
		expect(nearestDeadline(t)).toEqual({ kind: 'escalation', at: ms('2026-04-07T09:00:00Z') });
	});

	it.each(['pending_customer', 'resolved', 'closed'] as const)('owes nothing while %s', (status) => {
		expect(deadlinesOf(due({ status, first_response_due_at: '2026-04-06T09:00:00Z' }))).toEqual([]);
		expect(nearestDeadline(due({ status, first_response_due_at: '2026-04-06T09:00:00Z' }))).toBeNull();
	});
});

describe('slaState', () => {
	const now = ms('2026-04-06T12:00:00Z');

	it('is paused while waiting on the customer, since when the wait began', () => {
		expect(slaState(due({ status: 'pending_customer', paused_since: '2026-04-06T11:00:00+00:00' }), now)).toEqual({ kind: 'paused', since: ms('2026-04-06T11:00:00Z') });
		expect(slaState(due({ status: 'pending_customer' }), now)).toEqual({ kind: 'paused', since: null });
	});

	it('is stopped once resolved or closed, whatever is stamped', () => {
		expect(slaState(due({ status: 'resolved', resolution_breached_at: '2026-04-01T00:00:00Z' }), now)).toEqual({ kind: 'stopped' });
		expect(slaState(due({ status: 'closed' }), now)).toEqual({ kind: 'stopped' });
	});

	it('is none for a running ticket that owes nothing', () => {
		expect(slaState(due({ status: 'new' }), now)).toEqual({ kind: 'none' });
	});

	it('is breached at the very instant of the deadline', () => {
		const at = '2026-04-06T12:00:00Z';
		expect(slaState(due({ next_update_due_at: at }), now)).toEqual({ kind: 'breached', deadline: { kind: 'update', at: now } });
	});

	it('is breached when a missed first response is stamped, though the next deadline is still ahead', () => {
		const t = due({ first_response_breached_at: '2026-04-06T09:00:00Z', next_update_due_at: '2026-04-08T12:00:00Z' });
		expect(slaState(t, now)).toEqual({ kind: 'breached', deadline: { kind: 'update', at: ms('2026-04-08T12:00:00Z') } });
	});

	it('forgets a first-response breach once the first response is given', () => {
		const t = due({ first_response_at: '2026-04-06T10:00:00Z', first_response_breached_at: '2026-04-06T09:00:00Z', next_update_due_at: '2026-04-08T12:00:00Z' });
		expect(slaState(t, now).kind).toBe('on_time');
	});

	it('is breached with no deadline left when a missed resolution is stamped', () => {
		expect(slaState(due({ resolution_breached_at: '2026-04-05T00:00:00Z' }), now)).toEqual({ kind: 'breached', deadline: null });
	});

	it('without a calendar, is at risk within 60 wall-clock minutes and on time beyond', () => {
		expect(AT_RISK_SECONDS).toBe(3600);
		expect(slaState(due({ next_update_due_at: '2026-04-06T13:00:00Z' }), now).kind).toBe('at_risk');
		expect(slaState(due({ next_update_due_at: '2026-04-06T13:00:00.001Z' }), now).kind).toBe('on_time');
	});

	it('with the plan’s calendar, is at risk on Friday 17:40 for Monday 09:30 (50 business minutes)', () => {
		const friday = ms('2026-04-10T23:40:00Z'); // 17:40 in Mexico City
		const monday = '2026-04-13T15:30:00Z'; // 09:30 in Mexico City
		expect(slaState(due({ next_update_due_at: monday }), friday, office)).toEqual({ kind: 'at_risk', deadline: { kind: 'update', at: ms(monday) } });
		// Without the calendar, the same 64 wall-clock hours are comfortably on time.
		expect(slaState(due({ next_update_due_at: monday }), friday).kind).toBe('on_time');
	});

	it('with the plan’s calendar, is on time for a deadline 91 business minutes away over a night', () => {
		const evening = ms('2026-04-07T23:30:00Z'); // Tuesday 17:30 in Mexico City
		const morning = '2026-04-08T16:01:00Z'; // Wednesday 10:01: 30 minutes on Tuesday and 61 on Wednesday
		expect(slaState(due({ next_update_due_at: morning }), evening, office).kind).toBe('on_time');
	});

	it('falls back to wall-clock time when the calendar cannot be used', () => {
		const broken: Calendar = { ...office, timezone: 'Not/A_Zone' };
		expect(slaState(due({ next_update_due_at: '2026-04-06T12:30:00Z' }), now, broken).kind).toBe('at_risk');
		expect(slaState(due({ next_update_due_at: '2026-04-06T14:00:00Z' }), now, broken).kind).toBe('on_time');
	});
});
