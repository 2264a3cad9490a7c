// The SLA state machine's steps on their own (supabase/functions/_shared/sla-state.ts): `applyEvent`
// and `advance` from a state opened by hand, without the log reading of evaluateSla. The standard plan
// is the shipped oficina-cdmx calendar (Mon-Fri 09:00-18:00 Mexico City, UTC-06:00); the extended plan
// the shipped 24/7 one, where business time is wall time. Targets (business minutes): P1 first
// response 240, update 120, escalation 240 on both plans; P2 first response 480; P3 1440 (escalation
// 1440 on the extended plan). 2026-03-09 is a Monday.
import { describe, expect, it } from 'vitest';
import { advance, applyEvent, openState, type SlaState } from '#shared/sla-state.ts';
import { slaRulesOf } from '#shared/sla-programme.ts';
import { loadProgramme } from '../../src/lib/support-data.ts';

const rules = slaRulesOf(loadProgramme('estandar-extendido'));
const HOUR = 3_600_000;
/** Mexico City local time 'YYYY-MM-DDTHH:MM' as epoch ms. */
const mx = (local: string) => Date.parse(`${local}:00-06:00`);

const open = (local: string, severity = 'P1', plan = 'estandar'): SlaState =>
	openState({ at: mx(local), status: 'new', severity, plan, level: 1 }, rules);

describe('applyEvent and advance', () => {
	it('a pause stops the count and a resume goes on from the time already spent', () => {
		const opened = open('2026-03-09T09:00');
		const frozen = JSON.stringify(opened);
		const before = advance(opened, mx('2026-03-09T10:00'), rules);
		expect(before.firstResponse).toMatchObject({ spent: HOUR, reachedAt: null, projected: mx('2026-03-09T13:00') });

		const paused = applyEvent(before, { kind: 'status_changed', at: mx('2026-03-09T10:00'), to: 'pending_customer' }, rules);
		expect(paused).toMatchObject({ status: 'pending_customer', pausedSince: mx('2026-03-09T10:00') });
		// five hours waiting on the customer count for nothing
		const waited = advance(paused, mx('2026-03-09T15:00'), rules);
		expect(waited).toMatchObject({ at: mx('2026-03-09T15:00'), active: HOUR, pausedSince: mx('2026-03-09T10:00') });
		expect(waited.firstResponse.spent).toBe(HOUR);

		// applyEvent brings the clock up to the change itself; the 3 h left end at 18:00, the close of the day
		const resumed = advance(applyEvent(waited, { kind: 'status_changed', at: mx('2026-03-09T15:00'), to: 'open' }, rules), mx('2026-03-09T15:00'), rules);
		expect(resumed).toMatchObject({ status: 'open', pausedSince: null });
		expect(resumed.firstResponse).toMatchObject({ spent: HOUR, reachedAt: null, projected: mx('2026-03-09T18:00') });
		// every step returned a new state: the first one is as it was
		expect(JSON.stringify(opened)).toBe(frozen);
	});

	it('a severity change keeps the time spent: a longer target moves the deadline, one already exceeded is due at the change', () => {
		const p3 = advance(open('2026-03-09T09:00', 'P3', 'extendido'), mx('2026-03-09T11:00'), rules);
		expect(p3.firstResponse).toMatchObject({ target: 24 * HOUR, spent: 2 * HOUR, projected: mx('2026-03-10T09:00') });

		// P2, 8 h: the 2 h spent count, 6 h left
		const p2 = advance(applyEvent(p3, { kind: 'severity_changed', at: mx('2026-03-09T11:00'), to: 'P2' }, rules), mx('2026-03-09T11:00'), rules);
		expect(p2).toMatchObject({ severity: 'P2' });
		expect(p2.firstResponse).toMatchObject({ target: 8 * HOUR, spent: 2 * HOUR, reachedAt: null, projected: mx('2026-03-09T17:00') });

		// P1, 4 h, at 15:00 with 6 h spent: late from the change on, not from 13:00, before P1 existed
		const p1 = applyEvent(p2, { kind: 'severity_changed', at: mx('2026-03-09T15:00'), to: 'P1' }, rules);
		expect(p1.firstResponse).toMatchObject({ target: 4 * HOUR, spent: 6 * HOUR, reachedAt: mx('2026-03-09T15:00') });
		// the escalation cadence (4 h) is over too: a deadline at the change, and the count starts again
		expect(p1.nextEscalation).toMatchObject({ target: 4 * HOUR, spent: 0, passed: [mx('2026-03-09T15:00')] });
		expect(advance(p1, mx('2026-03-09T16:00'), rules).firstResponse.reachedAt).toBe(mx('2026-03-09T15:00'));
	});

	it('a level change acknowledges the escalations passed and restarts the cadence', () => {
		const late = advance(open('2026-03-09T09:00', 'P1', 'extendido'), mx('2026-03-09T14:00'), rules);
		expect(late.nextEscalation).toMatchObject({ passed: [mx('2026-03-09T13:00')], acknowledged: 0, spent: HOUR, projected: mx('2026-03-09T17:00') });

		const raised = applyEvent(late, { kind: 'level_changed', at: mx('2026-03-09T14:00'), to: 2 }, rules);
		expect(raised).toMatchObject({ level: 2 });
		expect(raised.nextEscalation).toMatchObject({ passed: [mx('2026-03-09T13:00')], acknowledged: 1, spent: 0 });

		// four hours from the change, not from the last deadline: 18:00, not 17:00
		const later = advance(raised, mx('2026-03-09T19:00'), rules);
		expect(later.nextEscalation.passed).toEqual([mx('2026-03-09T13:00'), mx('2026-03-09T18:00')]);
		expect(later.nextEscalation.passed.slice(later.nextEscalation.acknowledged)).toEqual([mx('2026-03-09T18:00')]);
		// a change without a level still restarts the count and keeps the level in force
		expect(applyEvent(later, { kind: 'level_changed', at: mx('2026-03-09T19:00') }, rules)).toMatchObject({ level: 2, nextEscalation: { spent: 0, acknowledged: 2 } });
	});

	it('a missed deadline is stamped with the deadline, not with when the clock got there', () => {
		// nobody answered the 4 h first response; the state is looked at hours later
		const looked = advance(open('2026-03-09T09:00', 'P1', 'extendido'), mx('2026-03-09T20:00'), rules);
		expect(looked.firstResponse).toMatchObject({ reachedAt: mx('2026-03-09T13:00'), metAt: null });

		// the answer comes at 20:00: met after the deadline, which stays the 13:00 one
		const answered = applyEvent(looked, { kind: 'staff_contact', at: mx('2026-03-09T20:00') }, rules);
		expect(answered.firstResponse).toMatchObject({ reachedAt: mx('2026-03-09T13:00'), metAt: mx('2026-03-09T20:00') });
		expect(answered.nextUpdate).toMatchObject({ since: mx('2026-03-09T20:00'), spent: 0, reachedAt: null, missed: null });

		// the 2 h update falls due at 22:00; the next contact at 23:30 restarts it and keeps 22:00 as missed
		const updated = applyEvent(answered, { kind: 'staff_contact', at: mx('2026-03-09T23:30') }, rules);
		expect(updated.firstResponse.metAt).toBe(mx('2026-03-09T20:00'));
		expect(updated.nextUpdate).toMatchObject({ since: mx('2026-03-09T23:30'), spent: 0, reachedAt: null, missed: mx('2026-03-09T22:00') });
	});

	it('a change stamped before the state happens at the state\'s instant; a stopped clock only moves on', () => {
		const s = advance(open('2026-03-09T09:00', 'P1', 'extendido'), mx('2026-03-09T10:00'), rules);
		const resolved = applyEvent(s, { kind: 'status_changed', at: mx('2026-03-09T09:30'), to: 'resolved' }, rules);
		expect(resolved).toMatchObject({ at: mx('2026-03-09T10:00'), status: 'resolved', resolution: { metAt: mx('2026-03-09T10:00') } });
		const later = advance(resolved, mx('2026-03-10T10:00'), rules);
		expect(later).toEqual({ ...resolved, at: mx('2026-03-10T10:00') });
		expect(advance(later, mx('2026-03-09T12:00'), rules)).toBe(later);
	});
});
