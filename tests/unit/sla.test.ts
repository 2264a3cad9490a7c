// SLA evaluation from hand-built event logs, each due worked out by hand in the comments. The standard
// plan uses the shipped oficina-cdmx calendar (Mon-Fri 09:00-18:00 Mexico City, UTC-06:00 all year since
// 2022; holidays 2026-03-16 Mon, 04-02 Thu, 04-03 Fri); the extended plan the shipped 24/7 one.
// Targets (business minutes): estandar P1 240 / update 120 / escalation 240, P2 480, P3 1440, P4 2520;
// extendido P3 1440 / update 720 / escalation 1440.
// 2026 weekdays used: 03-06 Fri, 03-07 Sat, 03-09 Mon ... 03-13 Fri, 04-01 Wed, 04-06 Mon.
import { describe, expect, it } from 'vitest';
import { evaluateSla, SlaError, type SlaEvent, type SlaEvaluation, type SlaInput } from '#shared/sla.ts';
import { slaRulesOf, type SlaRules } from '#shared/sla-programme.ts';
import { addBusinessSeconds, businessSecondsBetween } from '#shared/business-time.ts';
import { instantMs } from '#shared/sla-instant.ts';
import { loadProgramme } from '../../src/lib/support-data.ts';

const programme = loadProgramme('estandar-extendido');
const rules = slaRulesOf(programme);
const HOUR = 3600;

/** Local Mexico City time 'YYYY-MM-DDTHH:MM[:SS]' as the ISO text PostgREST returns for a timestamptz. */
const mx = (local: string) => `${local.length === 16 ? `${local}:00` : local}-06:00`;
const at = (local: string) => new Date(mx(local));
const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const isoMx = (local: string) => at(local).toISOString();

type Draft = Omit<SlaEvent, 'id'>;
/** Numbers the events as the database would (ids ascending). */
const log = (...drafts: (Draft | Draft[])[]): SlaEvent[] => drafts.flat().map((d, i) => ({ id: i + 1, ...d }));

const created = (local: string, severity = 'P1', plan = 'estandar'): Draft => ({
	kind: 'created',
	at: mx(local),
	actor_kind: 'customer',
	visibility: 'public',
	data: { status: 'new', severity, plan, programme: 'estandar-extendido', level: 1, first_response_due_at: null },
});
const statusChange = (local: string, from: string, to: string, actor: SlaEvent['actor_kind'] = 'staff'): Draft => ({
	kind: 'status_changed',
	at: mx(local),
	actor_kind: actor,
	data: { from, to, close_reason: to === 'closed' ? 'staff' : null },
});
const message = (local: string, actor: SlaEvent['actor_kind'], visibility: 'public' | 'internal' = 'public'): Draft => ({
	kind: 'message_added',
	at: mx(local),
	actor_kind: actor,
	visibility,
	data: { message: '00000000-0000-0000-0000-000000000000', visibility },
});
/** What reply_to_ticket logs for a public staff reply: the message, the first response (first time), new → open. */
const staffReply = (local: string, first = false, fromStatus?: string): Draft[] => [
	message(local, 'staff'),
	...(first ? [{ kind: 'first_response', at: mx(local), actor_kind: 'staff', data: { at: mx(local) } } as Draft] : []),
	...(fromStatus === 'new' ? [statusChange(local, 'new', 'open')] : []),
];
/** A customer reply to a ticket waiting on them: the message and pending_customer → open. */
const customerAnswer = (local: string): Draft[] => [message(local, 'customer'), statusChange(local, 'pending_customer', 'open', 'customer')];
const changed = (kind: 'severity_changed' | 'plan_changed' | 'level_changed', local: string, from: unknown, to: unknown): Draft => ({
	kind,
	at: mx(local),
	actor_kind: kind === 'level_changed' ? 'system' : 'staff',
	data: { from, to },
});

function evaluate(events: SlaEvent[], now: string, with_: SlaRules = rules): SlaEvaluation {
	return evaluateSla({ events, now: at(now), ...with_ });
}

/** The shipped rules with a resolution target added to every plan and severity. */
function withResolution(minutes: number): SlaRules {
	return { calendar: rules.calendar, targets: (plan, severity) => ({ ...rules.targets(plan, severity)!, resolution: minutes }) };
}

describe('first response on office hours', () => {
	const events = log(created('2026-04-01T17:00'));

	it('P1 opened Wednesday 2026-04-01 17:00 is due Monday 04-06 12:00: holidays Thu/Fri, then the weekend', () => {
		// Wed 17:00-18:00 = 1 h; Thu 04-02 and Fri 04-03 holidays; Sat, Sun closed; Mon 09:00 + 3 h = 12:00
		const r = evaluate(events, '2026-04-01T17:30');
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-04-06T12:00'));
		expect(r.firstResponse).toMatchObject({ metAt: null, breachedAt: null, remainingSeconds: 3.5 * HOUR });
		expect(r).toMatchObject({ status: 'new', severity: 'P1', plan: 'estandar', level: 1, clock: 'running', paused: false, pausedSince: null });
		expect(r.activeSeconds).toBe(1800);
		// no response yet, so no update countdown; no resolution target in this programme
		expect(r.nextUpdate).toEqual({ due: null, since: null, breachedAt: null, remainingSeconds: null });
		expect(r.resolution).toEqual({ due: null, metAt: null, breachedAt: null, remainingSeconds: null });
		// the first escalation falls with the first-response deadline (both 4 business hours)
		expect(iso(r.nextEscalation.due)).toBe(isoMx('2026-04-06T12:00'));
		expect(r.nextEscalation).toMatchObject({ step: 0, breachedAt: null, remainingSeconds: 3.5 * HOUR });
		expect(r.escalationsDue).toEqual([]);
	});

	it('over the holidays and the weekend nothing runs down', () => {
		const r = evaluate(events, '2026-04-05T23:00');
		expect(r.activeSeconds).toBe(HOUR);
		expect(r.firstResponse.remainingSeconds).toBe(3 * HOUR);
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-04-06T12:00'));
	});

	it('is breached at the due itself once now reaches it, stamped with the deadline', () => {
		expect(evaluate(events, '2026-04-06T11:59:59.999').firstResponse.breachedAt).toBeNull();
		const atDue = evaluate(events, '2026-04-06T12:00');
		expect(iso(atDue.firstResponse.breachedAt)).toBe(isoMx('2026-04-06T12:00'));
		expect(atDue.firstResponse.remainingSeconds).toBe(0);
		// noticed a day later: still the deadline, and the due stays where it was
		const late = evaluate(events, '2026-04-07T15:00');
		expect(iso(late.firstResponse.breachedAt)).toBe(isoMx('2026-04-06T12:00'));
		expect(iso(late.firstResponse.due)).toBe(isoMx('2026-04-06T12:00'));
	});

	it('gives the same due whenever it is evaluated while nothing happens (no churn for the sweep)', () => {
		const dues = ['2026-04-01T17:00', '2026-04-01T17:59', '2026-04-04T08:00', '2026-04-06T11:00'].map((now) => iso(evaluate(events, now).firstResponse.due));
		expect(new Set(dues)).toEqual(new Set([isoMx('2026-04-06T12:00')]));
	});

	it('is met by the first public staff message; before the due there is no breach and no due', () => {
		const r = evaluate(log(created('2026-03-09T09:00'), staffReply('2026-03-09T12:00', true, 'new')), '2026-03-09T15:00');
		expect(iso(r.firstResponse.metAt)).toBe(isoMx('2026-03-09T12:00'));
		expect(r.firstResponse).toMatchObject({ due: null, breachedAt: null, remainingSeconds: null });
		expect(r.status).toBe('open');
	});

	it('met after the due is a breach at the due (09:00 + 4 h = 13:00), not at the reply', () => {
		const r = evaluate(log(created('2026-03-09T09:00'), staffReply('2026-03-09T14:00', true, 'new')), '2026-03-09T15:00');
		expect(iso(r.firstResponse.metAt)).toBe(isoMx('2026-03-09T14:00'));
		expect(iso(r.firstResponse.breachedAt)).toBe(isoMx('2026-03-09T13:00'));
		expect(r.firstResponse.due).toBeNull();
	});

	it('met exactly at the due is on time', () => {
		const r = evaluate(log(created('2026-03-09T09:00'), staffReply('2026-03-09T13:00', true, 'new')), '2026-03-09T15:00');
		expect(r.firstResponse.breachedAt).toBeNull();
	});

	it('is met by a first_response event alone, at the event', () => {
		const r = evaluate(
			log(created('2026-03-09T09:00'), { kind: 'first_response', at: mx('2026-03-09T10:00'), actor_kind: 'system', data: { at: mx('2026-03-09T10:00') } }),
			'2026-03-09T11:00',
		);
		expect(iso(r.firstResponse.metAt)).toBe(isoMx('2026-03-09T10:00'));
	});

	it('is not met by an internal note, a customer message or a system notice', () => {
		const events = log(
			created('2026-03-09T09:00'),
			message('2026-03-09T09:30', 'staff', 'internal'),
			message('2026-03-09T10:00', 'customer'),
			message('2026-03-09T10:30', 'system'),
		);
		const r = evaluate(events, '2026-03-09T11:00');
		expect(r.firstResponse.metAt).toBeNull();
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-03-09T13:00'));
		expect(r.nextUpdate.since).toBeNull();
	});
});

describe('pauses while waiting on the customer', () => {
	// P1 opened Mon 03-09 09:00; waits on the customer from 10:00 (1 h spent) to Tue 10:00.
	const events = log(created('2026-03-09T09:00'), statusChange('2026-03-09T10:00', 'new', 'pending_customer'), customerAnswer('2026-03-10T10:00'));

	it('while paused the due is unknown, the remaining business time is reported', () => {
		const r = evaluate(events, '2026-03-09T16:00');
		expect(r).toMatchObject({ status: 'pending_customer', clock: 'paused', paused: true, activeSeconds: HOUR });
		expect(iso(r.pausedSince)).toBe(isoMx('2026-03-09T10:00'));
		expect(r.firstResponse).toMatchObject({ due: null, breachedAt: null, remainingSeconds: 3 * HOUR });
		expect(r.nextEscalation).toMatchObject({ due: null, remainingSeconds: 3 * HOUR });
	});

	it('the customer reply resumes it: the due shifts by exactly the paused business time', () => {
		// unpaused: 09:00 + 4 h = Mon 13:00. Paused business time: Mon 10:00-18:00 (8 h) + Tue 09:00-10:00 (1 h) = 9 h.
		// resumed Tue 10:00 with 3 h left → Tue 13:00 = Mon 13:00 + 9 business hours (Mon 13-18 5 h, Tue 09-13 4 h).
		const r = evaluate(events, '2026-03-10T10:30');
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-03-10T13:00'));
		const paused = businessSecondsBetween(at('2026-03-09T10:00'), at('2026-03-10T10:00'), rules.calendar('estandar'));
		expect(paused).toBe(9 * HOUR);
		expect(iso(addBusinessSeconds(at('2026-03-09T13:00'), paused, rules.calendar('estandar')))).toBe(isoMx('2026-03-10T13:00'));
		expect(r).toMatchObject({ status: 'open', clock: 'running', paused: false, pausedSince: null, activeSeconds: 1.5 * HOUR });
	});

	it('a pause over a weekend only takes business time out', () => {
		// P2 (8 h) opened Fri 03-06 16:00; pending Fri 17:00 (1 h spent) to Mon 03-09 10:00.
		// Paused business time: Fri 17-18 (1 h) + Mon 09-10 (1 h) = 2 h; 7 h left from Mon 10:00 → Mon 17:00.
		// Unpaused it would be Fri 16-18 (2 h) + Mon 09:00 + 6 h = Mon 15:00; 15:00 + 2 h = 17:00.
		const weekend = log(created('2026-03-06T16:00', 'P2'), statusChange('2026-03-06T17:00', 'new', 'pending_customer'), customerAnswer('2026-03-09T10:00'));
		const during = evaluate(weekend, '2026-03-08T12:00');
		expect(during.firstResponse).toMatchObject({ due: null, remainingSeconds: 7 * HOUR });
		const after = evaluate(weekend, '2026-03-09T10:00');
		expect(iso(after.firstResponse.due)).toBe(isoMx('2026-03-09T17:00'));
		expect(after.activeSeconds).toBe(HOUR);
	});

	it('a deadline reached before the pause stays reached and breached during it', () => {
		// P1 09:00 → due 13:00; pending from 14:00 with no response
		const r = evaluate(log(created('2026-03-09T09:00'), statusChange('2026-03-09T14:00', 'new', 'pending_customer')), '2026-03-09T16:00');
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-03-09T13:00'));
		expect(iso(r.firstResponse.breachedAt)).toBe(isoMx('2026-03-09T13:00'));
	});
});

describe('severity and plan changes recompute from the history', () => {
	it('P3 → P1 after 3 business hours: due 1 business hour after the change', () => {
		// P3 (24 h) opened Mon 03-09 09:00 would be due Mon 9 h + Tue 9 h + Wed 09:00 + 6 h = Wed 03-11 15:00
		const events = log(created('2026-03-09T09:00', 'P3'), changed('severity_changed', '2026-03-09T12:00', 'P3', 'P1'));
		expect(iso(evaluate(events, '2026-03-09T11:00').firstResponse.due)).toBe(isoMx('2026-03-11T15:00'));
		// at 12:00 3 h are spent; P1 is 4 h → 1 h left → 13:00
		const r = evaluate(events, '2026-03-09T12:00');
		expect(r.severity).toBe('P1');
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-03-09T13:00'));
		expect(r.firstResponse.remainingSeconds).toBe(HOUR);
	});

	it('a change after hours counts from the spent time, not from "now"', () => {
		// P3 opened Mon 09:00; raised to P2 (8 h) Mon 20:00 with 9 h spent → already over: due Mon 20:00;
		// raised to P2 instead at Mon 17:00 (8 h spent) → exactly the target: due at the change, 17:00
		expect(iso(evaluate(log(created('2026-03-09T09:00', 'P3'), changed('severity_changed', '2026-03-09T17:00', 'P3', 'P2')), '2026-03-09T18:00').firstResponse.due)).toBe(
			isoMx('2026-03-09T17:00'),
		);
		// P4 (42 h) opened Mon 09:00, raised to P2 (8 h) Tue 08:00 with 9 h spent
		const r = evaluate(log(created('2026-03-09T09:00', 'P4'), changed('severity_changed', '2026-03-10T08:00', 'P4', 'P2')), '2026-03-10T09:00');
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-03-10T08:00'));
		expect(iso(r.firstResponse.breachedAt)).toBe(isoMx('2026-03-10T08:00'));
	});

	it('P4 → P1 after 5 business hours: already over, so the deadline is the change instant (never earlier)', () => {
		const events = log(created('2026-03-09T09:00', 'P4'), changed('severity_changed', '2026-03-09T14:00', 'P4', 'P1'));
		// before the change: P4 42 h = 4 days of 9 h + 6 h → Fri 03-13 15:00
		expect(iso(evaluate(events, '2026-03-09T13:59').firstResponse.due)).toBe(isoMx('2026-03-13T15:00'));
		const r = evaluate(events, '2026-03-09T14:30');
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-03-09T14:00'));
		// not 13:00, when 4 h had run out: the ticket was not P1 then
		expect(iso(r.firstResponse.breachedAt)).toBe(isoMx('2026-03-09T14:00'));
		expect(r.firstResponse.remainingSeconds).toBe(0);
		// a reply at the change instant is on time
		const answered = evaluate(log(created('2026-03-09T09:00', 'P4'), changed('severity_changed', '2026-03-09T14:00', 'P4', 'P1'), staffReply('2026-03-09T14:00', true, 'new')), '2026-03-09T15:00');
		expect(answered.firstResponse.breachedAt).toBeNull();
	});

	it('a change while paused and already over is due at the change', () => {
		// P4 09:00, pending from 14:00 (5 h spent), raised to P1 at 15:00: due 15:00 even though paused
		const events = log(created('2026-03-09T09:00', 'P4'), statusChange('2026-03-09T14:00', 'new', 'pending_customer'), changed('severity_changed', '2026-03-09T15:00', 'P4', 'P1'));
		const r = evaluate(events, '2026-03-09T16:00');
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-03-09T15:00'));
		expect(iso(r.firstResponse.breachedAt)).toBe(isoMx('2026-03-09T15:00'));
	});

	it('a breach stays a breach when the severity is lowered afterwards; the due follows the new target', () => {
		// P1 09:00 missed at 13:00; lowered to P4 (42 h) at 15:00 with 6 h spent → 36 h left:
		// Mon 15-18 3 h, Tue 9 (12), Wed 9 (21), Thu 9 (30), Fri 09:00 + 6 h → Fri 03-13 15:00
		const events = log(created('2026-03-09T09:00'), changed('severity_changed', '2026-03-09T15:00', 'P1', 'P4'));
		const r = evaluate(events, '2026-03-09T16:00');
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-03-13T15:00'));
		expect(iso(r.firstResponse.breachedAt)).toBe(isoMx('2026-03-09T13:00'));
	});

	it('a missed deadline stays where it was while the time spent still uses up the new target', () => {
		// P1 09:00 missed at 13:00. To P2 (8 h) at 17:00 with exactly 8 h spent: still over → due stays 13:00
		const over = evaluate(log(created('2026-03-09T09:00'), changed('severity_changed', '2026-03-09T17:00', 'P1', 'P2')), '2026-03-09T17:30');
		expect(iso(over.firstResponse.due)).toBe(isoMx('2026-03-09T13:00'));
		expect(iso(over.firstResponse.breachedAt)).toBe(isoMx('2026-03-09T13:00'));
		// to P2 at 16:00 with 7 h spent: 1 h left → 17:00, the 13:00 breach remains
		const under = evaluate(log(created('2026-03-09T09:00'), changed('severity_changed', '2026-03-09T16:00', 'P1', 'P2')), '2026-03-09T16:30');
		expect(iso(under.firstResponse.due)).toBe(isoMx('2026-03-09T17:00'));
		expect(iso(under.firstResponse.breachedAt)).toBe(isoMx('2026-03-09T13:00'));
	});

	it('a change while resolved only records the target; reopening already over is due at the reopening', () => {
		// P3 09:00, resolved 13:00 with 4 h spent and no response; raised to P1 (4 h) at 14:00 while resolved
		const events = log(
			created('2026-03-09T09:00', 'P3'),
			statusChange('2026-03-09T13:00', 'new', 'resolved'),
			changed('severity_changed', '2026-03-09T14:00', 'P3', 'P1'),
			statusChange('2026-03-09T19:00', 'resolved', 'open', 'customer'),
			message('2026-03-10T10:00', 'customer'),
		);
		expect(evaluate(events, '2026-03-09T15:00').firstResponse).toMatchObject({ due: null, breachedAt: null, remainingSeconds: 0 });
		// reopened at 19:00, after hours: due at 19:00 itself, not at Tuesday's opening
		const r = evaluate(events, '2026-03-09T19:30');
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-03-09T19:00'));
		expect(iso(r.firstResponse.breachedAt)).toBe(isoMx('2026-03-09T19:00'));
		// the escalation count (4 h spent, P1 cadence 4 h) likewise falls due at the reopening; the next is Tue 13:00
		expect(r.escalationsDue.map(iso)).toEqual([isoMx('2026-03-09T19:00')]);
		expect(iso(r.nextEscalation.due)).toBe(isoMx('2026-03-10T13:00'));
		// and the count restarted there: by Tue 10:30 only 1.5 h of the next 4 h are spent
		const next = evaluate(events, '2026-03-10T10:30');
		expect(next.escalationsDue.map(iso)).toEqual([isoMx('2026-03-09T19:00')]);
		expect(next.nextEscalation).toMatchObject({ step: 1, remainingSeconds: 2.5 * HOUR });
		expect(iso(next.nextEscalation.due)).toBe(isoMx('2026-03-10T13:00'));
	});

	it('a plan change to extendido (24/7) runs the rest on the new calendar', () => {
		// standard P1 opened Mon 16:00 would be due Mon 16-18 (2 h) + Tue 09:00 + 2 h = Tue 11:00
		const events = log(created('2026-03-09T16:00'), changed('plan_changed', '2026-03-09T17:00', 'estandar', 'extendido'));
		expect(iso(evaluate(events, '2026-03-09T16:30').firstResponse.due)).toBe(isoMx('2026-03-10T11:00'));
		// at 17:00 1 h is spent; extendido P1 is 4 h round the clock → 3 h → Mon 20:00
		const r = evaluate(events, '2026-03-09T21:00');
		expect(r.plan).toBe('extendido');
		expect(iso(r.firstResponse.due)).toBe(isoMx('2026-03-09T20:00'));
		expect(iso(r.firstResponse.breachedAt)).toBe(isoMx('2026-03-09T20:00'));
		// active time: 1 h on office hours, then 17:00-21:00 round the clock
		expect(r.activeSeconds).toBe(5 * HOUR);
	});

	it('a plan change from extendido to estandar on a Saturday waits for office hours', () => {
		// extendido P1 opened Sat 03-07 10:00; estandar from 12:00 with 2 h spent → 2 h from Mon 09:00 → Mon 03-09 11:00
		const events = log(created('2026-03-07T10:00', 'P1', 'extendido'), changed('plan_changed', '2026-03-07T12:00', 'extendido', 'estandar'));
		expect(iso(evaluate(events, '2026-03-08T12:00').firstResponse.due)).toBe(isoMx('2026-03-09T11:00'));
	});
});

describe('next customer update (P1: every 120 business minutes after the first response)', () => {
	const events = log(
		created('2026-03-09T09:00'),
		staffReply('2026-03-09T10:00', true, 'new'),
		staffReply('2026-03-09T11:30'),
		staffReply('2026-03-09T14:30'),
		// request_customer_info: a public staff message, then the ticket waits on the customer
		staffReply('2026-03-09T15:00'),
		statusChange('2026-03-09T15:00', 'open', 'pending_customer'),
		customerAnswer('2026-03-10T10:00'),
	);

	it('starts at the first response and restarts at each public staff message', () => {
		const r1 = evaluate(events, '2026-03-09T10:30');
		expect(iso(r1.nextUpdate.since)).toBe(isoMx('2026-03-09T10:00'));
		expect(iso(r1.nextUpdate.due)).toBe(isoMx('2026-03-09T12:00'));
		expect(r1.nextUpdate).toMatchObject({ breachedAt: null, remainingSeconds: 1.5 * HOUR });
		expect(iso(evaluate(events, '2026-03-09T12:00').nextUpdate.due)).toBe(isoMx('2026-03-09T13:30')); // 11:30 + 2 h
	});

	it('a missed update is stamped with its deadline, and stays the latest miss after the next message', () => {
		const late = evaluate(events, '2026-03-09T14:00');
		expect(iso(late.nextUpdate.due)).toBe(isoMx('2026-03-09T13:30'));
		expect(iso(late.nextUpdate.breachedAt)).toBe(isoMx('2026-03-09T13:30'));
		expect(late.nextUpdate.remainingSeconds).toBe(0);
		const answered = evaluate(events, '2026-03-09T14:45');
		expect(iso(answered.nextUpdate.due)).toBe(isoMx('2026-03-09T16:30')); // 14:30 + 2 h
		expect(iso(answered.nextUpdate.breachedAt)).toBe(isoMx('2026-03-09T13:30'));
	});

	it('pauses while waiting on the customer and resumes on their reply', () => {
		const waiting = evaluate(events, '2026-03-09T17:00');
		expect(waiting.nextUpdate).toMatchObject({ due: null, remainingSeconds: 2 * HOUR });
		expect(iso(waiting.nextUpdate.since)).toBe(isoMx('2026-03-09T15:00'));
		// nothing ran between the 15:00 message and the pause; resumed Tue 10:00 + 2 h = Tue 12:00
		const resumed = evaluate(events, '2026-03-10T11:00');
		expect(iso(resumed.nextUpdate.due)).toBe(isoMx('2026-03-10T12:00'));
		expect(iso(resumed.nextUpdate.breachedAt)).toBe(isoMx('2026-03-09T13:30'));
		// the later miss replaces the earlier one
		expect(iso(evaluate(events, '2026-03-10T12:30').nextUpdate.breachedAt)).toBe(isoMx('2026-03-10T12:00'));
	});

	it('runs overnight on business time: a reply at 17:00 is due the next day at 10:00', () => {
		const r = evaluate(log(created('2026-03-09T09:00'), staffReply('2026-03-09T17:00', true, 'new')), '2026-03-09T19:00');
		expect(iso(r.nextUpdate.due)).toBe(isoMx('2026-03-10T10:00'));
	});

	it('a message exactly at the update deadline is on time', () => {
		const r = evaluate(log(created('2026-03-09T09:00'), staffReply('2026-03-09T10:00', true, 'new'), staffReply('2026-03-09T12:00')), '2026-03-09T12:30');
		expect(r.nextUpdate.breachedAt).toBeNull();
		expect(iso(r.nextUpdate.due)).toBe(isoMx('2026-03-09T14:00'));
	});

	it('is null once resolved: nothing is owed while the customer confirms', () => {
		const r = evaluate(log(created('2026-03-09T09:00'), staffReply('2026-03-09T10:00', true, 'new'), staffReply('2026-03-09T11:00'), statusChange('2026-03-09T11:00', 'open', 'resolved')), '2026-03-10T12:00');
		expect(r.nextUpdate).toMatchObject({ due: null, breachedAt: null });
		expect(r.clock).toBe('stopped');
	});
});

describe('escalation (P1: every 240 business minutes of active time)', () => {
	it('deadlines fall every 4 business hours from creation until the level changes', () => {
		// Mon 09:00 → 13:00 → 17:00 → Tue 12:00 (Mon 17-18 1 h + Tue 09-12 3 h)
		const events = log(created('2026-03-09T09:00'), staffReply('2026-03-09T09:30', true, 'new'));
		const r1 = evaluate(events, '2026-03-09T13:30');
		expect(r1.escalationsDue.map(iso)).toEqual([isoMx('2026-03-09T13:00')]);
		expect(r1.nextEscalation).toMatchObject({ step: 1, remainingSeconds: 3.5 * HOUR });
		expect(iso(r1.nextEscalation.due)).toBe(isoMx('2026-03-09T17:00'));
		expect(iso(r1.nextEscalation.breachedAt)).toBe(isoMx('2026-03-09T13:00'));
		const r2 = evaluate(events, '2026-03-10T12:00');
		expect(r2.escalationsDue.map(iso)).toEqual([isoMx('2026-03-09T13:00'), isoMx('2026-03-09T17:00'), isoMx('2026-03-10T12:00')]);
		expect(r2.nextEscalation.step).toBe(3);
		expect(iso(r2.nextEscalation.due)).toBe(isoMx('2026-03-10T16:00'));
	});

	it('a level change acknowledges the deadlines before it and restarts the count', () => {
		// the sweep raises the level at 13:05 for the 13:00 deadline → next 17:05;
		// then Mon 17:05-18:00 (55 min) + Tue 09:00 + 3 h 05 min = Tue 12:05; then Tue 16:05
		const events = log(created('2026-03-09T09:00'), changed('level_changed', '2026-03-09T13:05', 1, 2));
		const raised = evaluate(events, '2026-03-09T13:10');
		expect(raised).toMatchObject({ level: 2, escalationsDue: [], nextEscalation: { step: 1 } });
		expect(iso(raised.nextEscalation.due)).toBe(isoMx('2026-03-09T17:05'));
		expect(iso(raised.nextEscalation.breachedAt)).toBe(isoMx('2026-03-09T13:00'));
		// at level 2 nothing more changes the level: the later deadlines pile up for the lead
		const later = evaluate(events, '2026-03-10T12:10');
		expect(later.escalationsDue.map(iso)).toEqual([isoMx('2026-03-09T17:05'), isoMx('2026-03-10T12:05')]);
		expect(later.nextEscalation.step).toBe(3);
		expect(iso(later.nextEscalation.due)).toBe(isoMx('2026-03-10T16:05'));
		expect(iso(later.nextEscalation.breachedAt)).toBe(isoMx('2026-03-10T12:05'));
	});

	it('a manual level change before the deadline restarts the count from the change', () => {
		const r = evaluate(log(created('2026-03-09T09:00'), changed('level_changed', '2026-03-09T11:00', 1, 2)), '2026-03-09T14:00');
		expect(r).toMatchObject({ escalationsDue: [], nextEscalation: { step: 0, breachedAt: null, remainingSeconds: HOUR } });
		expect(iso(r.nextEscalation.due)).toBe(isoMx('2026-03-09T15:00'));
	});

	it('a level change exactly at the deadline acknowledges it', () => {
		const r = evaluate(log(created('2026-03-09T09:00'), changed('level_changed', '2026-03-09T13:00', 1, 2)), '2026-03-09T13:00');
		expect(r.escalationsDue).toEqual([]);
		expect(r.nextEscalation.step).toBe(1);
		expect(iso(r.nextEscalation.due)).toBe(isoMx('2026-03-09T17:00'));
	});

	it('pauses while waiting on the customer and owes nothing once resolved', () => {
		// 3 h spent by 12:00, pending until Tue 10:00, then 1 h more → Tue 11:00
		const events = log(created('2026-03-09T09:00'), staffReply('2026-03-09T12:00', true, 'new'), statusChange('2026-03-09T12:00', 'open', 'pending_customer'), customerAnswer('2026-03-10T10:00'));
		expect(evaluate(events, '2026-03-09T16:00').nextEscalation).toMatchObject({ due: null, step: 0, remainingSeconds: HOUR });
		expect(iso(evaluate(events, '2026-03-10T10:00').nextEscalation.due)).toBe(isoMx('2026-03-10T11:00'));
		// deadlines left unhandled when the ticket is resolved are dropped; the count survives a reopen
		const resolved = log(created('2026-03-09T09:00'), statusChange('2026-03-09T14:00', 'new', 'resolved'));
		expect(evaluate(resolved, '2026-03-09T15:00')).toMatchObject({ escalationsDue: [], nextEscalation: { due: null, step: 1 } });
		const reopened = log(created('2026-03-09T09:00'), statusChange('2026-03-09T14:00', 'new', 'resolved'), statusChange('2026-03-10T09:00', 'resolved', 'open', 'customer'));
		// 1 h spent since the 13:00 deadline → 3 h from Tue 09:00 = 12:00
		const r = evaluate(reopened, '2026-03-10T09:30');
		expect(r.escalationsDue).toEqual([]);
		expect(iso(r.nextEscalation.due)).toBe(isoMx('2026-03-10T12:00'));
	});

	it('a severity change already over the new cadence escalates at the change', () => {
		// P4 (escalation 36 h) opened Mon 09:00, raised to P1 (4 h) at 14:00 with 5 h spent
		const r = evaluate(log(created('2026-03-09T09:00', 'P4'), changed('severity_changed', '2026-03-09T14:00', 'P4', 'P1')), '2026-03-09T14:00');
		expect(r.escalationsDue.map(iso)).toEqual([isoMx('2026-03-09T14:00')]);
		expect(iso(r.nextEscalation.due)).toBe(isoMx('2026-03-09T18:00'));
	});
});

describe('resolution (a 16-business-hour target added for these cases)', () => {
	const sixteen = withResolution(16 * 60);

	it('is met when the ticket is resolved; the clock stops', () => {
		// Mon 09:00 → resolved Tue 10:00: 9 h + 1 h = 10 h spent, target 16 h → on time
		const events = log(created('2026-03-09T09:00'), staffReply('2026-03-09T09:30', true, 'new'), staffReply('2026-03-10T10:00'), statusChange('2026-03-10T10:00', 'open', 'resolved'));
		expect(iso(evaluate(events, '2026-03-10T09:00', sixteen).resolution.due)).toBe(isoMx('2026-03-10T16:00')); // Mon 9 h + Tue 09:00 + 7 h
		const r = evaluate(events, '2026-03-12T10:00', sixteen);
		expect(r).toMatchObject({ status: 'resolved', clock: 'stopped', paused: false, pausedSince: null, activeSeconds: 10 * HOUR });
		expect(r.resolution).toMatchObject({ due: null, breachedAt: null, remainingSeconds: null });
		expect(iso(r.resolution.metAt)).toBe(isoMx('2026-03-10T10:00'));
		expect(r.nextEscalation.due).toBeNull();
	});

	it('a reopen continues the count; a second resolution after the deadline is a breach at the deadline', () => {
		// 10 h spent at the resolution; reopened Tue 12:00 → 6 h left → Tue 18:00
		const events = log(
			created('2026-03-09T09:00'),
			statusChange('2026-03-10T10:00', 'new', 'resolved'),
			message('2026-03-10T12:00', 'customer'),
			statusChange('2026-03-10T12:00', 'resolved', 'open', 'customer'),
			statusChange('2026-03-11T10:00', 'open', 'resolved'),
		);
		const reopened = evaluate(events, '2026-03-10T13:00', sixteen);
		expect(reopened.resolution).toMatchObject({ metAt: null, breachedAt: null, remainingSeconds: 5 * HOUR });
		expect(iso(reopened.resolution.due)).toBe(isoMx('2026-03-10T18:00'));
		const late = evaluate(events, '2026-03-11T09:30', sixteen);
		expect(iso(late.resolution.breachedAt)).toBe(isoMx('2026-03-10T18:00'));
		const done = evaluate(events, '2026-03-11T12:00', sixteen);
		expect(iso(done.resolution.metAt)).toBe(isoMx('2026-03-11T10:00'));
		expect(iso(done.resolution.breachedAt)).toBe(isoMx('2026-03-10T18:00'));
		expect(done.activeSeconds).toBe(17 * HOUR); // 10 h + Tue 12:00-18:00 (6 h) + Wed 09:00-10:00 (1 h)
	});

	it('closing without resolving meets it at the close; a closed ticket owes nothing', () => {
		const r = evaluate(log(created('2026-03-09T09:00'), statusChange('2026-03-09T11:00', 'new', 'closed')), '2026-03-20T09:00', sixteen);
		expect(iso(r.resolution.metAt)).toBe(isoMx('2026-03-09T11:00'));
		expect(r).toMatchObject({ clock: 'stopped', escalationsDue: [], firstResponse: { due: null, breachedAt: null } });
	});
});

describe('24/7 calendar: exact arithmetic', () => {
	it('due = creation + target + paused wall time, to the millisecond', () => {
		// extendido P3 (24 h) opened 2026-05-10T03:17:42.123Z; pending from 05:17:42.623Z (2 h 0.5 s) to 09:05:00.000Z
		// (paused 3 h 47 min 17.377 s) → due 2026-05-11T03:17:42.123Z + 3:47:17.377 = 2026-05-11T07:04:59.500Z
		const events: SlaEvent[] = [
			{ id: 10, kind: 'created', at: '2026-05-10T03:17:42.123+00:00', actor_kind: 'customer', data: { status: 'new', severity: 'P3', plan: 'extendido', level: 1 } },
			{ id: 11, kind: 'status_changed', at: '2026-05-10 05:17:42.623456+00', actor_kind: 'staff', data: { from: 'new', to: 'pending_customer' } },
			{ id: 14, kind: 'status_changed', at: new Date('2026-05-10T09:05:00Z'), actor_kind: 'customer', data: { from: 'pending_customer', to: 'open' } },
		];
		const r = evaluateSla({ events, now: new Date('2026-05-10T10:00:00Z'), ...rules });
		expect(iso(r.firstResponse.due)).toBe('2026-05-11T07:04:59.500Z');
		// running: 2 h 0.5 s, then 09:05 → 10:00 (55 min)
		expect(r.activeSeconds).toBe(2 * HOUR + 0.5 + 55 * 60);
		expect(r.firstResponse.remainingSeconds).toBe(24 * HOUR - r.activeSeconds);
		// escalation 24 h on extendido P3: the same instant
		expect(iso(r.nextEscalation.due)).toBe('2026-05-11T07:04:59.500Z');
	});
});

describe('the log', () => {
	it('an event stamped before its predecessor happens at the predecessor\'s instant', () => {
		// the pause is logged after the reply but stamped earlier (concurrent transactions): it starts at 10:00
		const events = log(created('2026-03-09T09:00'), message('2026-03-09T10:00', 'customer'), statusChange('2026-03-09T09:30', 'new', 'pending_customer'));
		const r = evaluate(events, '2026-03-09T12:00');
		expect(iso(r.pausedSince)).toBe(isoMx('2026-03-09T10:00'));
		expect(r.activeSeconds).toBe(HOUR);
	});

	it('events after now are not known yet: the result is the state at now', () => {
		const events = log(created('2026-03-09T09:00'), staffReply('2026-03-09T12:00', true, 'new'));
		const before = evaluate(events, '2026-03-09T11:00');
		expect(before.firstResponse.metAt).toBeNull();
		expect(before.status).toBe('new');
		expect(iso(before.firstResponse.due)).toBe(isoMx('2026-03-09T13:00'));
	});

	it('ignores kinds that do not move the clock, including the sweep\'s own events', () => {
		const plain = log(created('2026-03-09T09:00'));
		const noisy = log(
			created('2026-03-09T09:00'),
			{ kind: 'assigned', at: mx('2026-03-09T09:10'), actor_kind: 'staff', visibility: 'internal', data: { from: null, to: 'x' } },
			{ kind: 'due_times_set', at: mx('2026-03-09T09:11'), actor_kind: 'system', data: { first_response_due_at: mx('2026-03-20T09:00') } },
			{ kind: 'breached', at: mx('2026-03-09T09:12'), actor_kind: 'system', data: { target: 'first_response', deadline: mx('2026-03-09T09:00') } },
			{ kind: 'problem_linked', at: mx('2026-03-09T09:13'), actor_kind: 'staff', visibility: 'internal', data: { from: null, to: 'y' } },
		);
		expect(evaluate(noisy, '2026-03-09T10:00')).toEqual(evaluate(plain, '2026-03-09T10:00'));
	});

	it('takes bigint ids as text (node-postgres) and accepts events without ids', () => {
		const events = log(created('2026-03-09T09:00'), staffReply('2026-03-09T12:00', true, 'new')).map((e, i) => ({ ...e, id: String(9_007_199_254_740_993n + BigInt(i)) }));
		expect(iso(evaluate(events, '2026-03-09T13:00').firstResponse.metAt)).toBe(isoMx('2026-03-09T12:00'));
		const anonymous = events.map(({ id: _, ...e }) => e);
		expect(iso(evaluate(anonymous, '2026-03-09T13:00').firstResponse.metAt)).toBe(isoMx('2026-03-09T12:00'));
	});
});

describe('instants as the database writes them', () => {
	it('reads ISO 8601 with any offset spelling, a space for the T, and truncates microseconds', () => {
		expect(instantMs('2026-03-09T15:00:00Z')).toBe(Date.UTC(2026, 2, 9, 15));
		expect(instantMs('2026-03-09T09:00:00-06:00')).toBe(Date.UTC(2026, 2, 9, 15));
		expect(instantMs('2026-03-09 15:00:00+00')).toBe(Date.UTC(2026, 2, 9, 15));
		expect(instantMs('2026-03-09T20:30+0530')).toBe(Date.UTC(2026, 2, 9, 15));
		expect(instantMs('2026-03-09T15:00:00.123999+00:00')).toBe(Date.UTC(2026, 2, 9, 15, 0, 0, 123));
		expect(instantMs('2026-03-09T15:00:00.5Z')).toBe(Date.UTC(2026, 2, 9, 15, 0, 0, 500));
		expect(instantMs(new Date('2026-03-09T15:00:00Z'))).toBe(Date.UTC(2026, 2, 9, 15));
	});

	it('refuses local times without an offset, impossible dates and Invalid Date', () => {
		expect(() => instantMs('2026-03-09T15:00:00')).toThrow(RangeError);
		expect(() => instantMs('2026-02-29T15:00:00Z')).toThrow('"2026-02-29T15:00:00Z" is not a valid instant');
		expect(() => instantMs('2026-03-09T24:00:00Z')).toThrow(RangeError);
		expect(() => instantMs('yesterday')).toThrow(RangeError);
		expect(() => instantMs(new Date('nope'))).toThrow('Invalid Date');
	});
});

describe('cost', () => {
	it('grows linearly with the log: 20,000 pauses and resumptions over a year in well under two seconds', () => {
		// P1 from Mon 2026-01-05 09:00: every 37 min the ticket flips between waiting and open
		const drafts: Draft[] = [created('2026-01-05T09:00')];
		let t = at('2026-01-05T09:00').getTime();
		let waiting = false;
		for (let i = 0; i < 20_000; i++) {
			t += 37 * 60_000;
			drafts.push({ kind: 'status_changed', at: new Date(t).toISOString(), actor_kind: 'staff', data: waiting ? { from: 'pending_customer', to: 'open' } : { from: i ? 'open' : 'new', to: 'pending_customer' } });
			waiting = !waiting;
		}
		const started = performance.now();
		const r = evaluateSla({ events: log(drafts), now: new Date(t), ...rules });
		expect(performance.now() - started).toBeLessThan(2000);
		// it ended open (an even number of flips); running stretches are the odd ones: the engine adds them up
		const cal = rules.calendar('estandar');
		let active = 0;
		for (let i = 0; i < drafts.length; i += 2) {
			const from = new Date(String(drafts[i].at));
			const to = i + 1 < drafts.length ? new Date(String(drafts[i + 1].at)) : new Date(t);
			active += businessSecondsBetween(from, to, cal);
		}
		expect(r.status).toBe('open');
		expect(r.activeSeconds).toBe(active);
	});
});

describe('errors', () => {
	const base = (): SlaInput => ({ events: log(created('2026-03-09T09:00')), now: at('2026-03-09T10:00'), ...rules });

	it('an unknown severity, at creation or on a change, names the severity and the plan', () => {
		expect(() => evaluateSla({ ...base(), events: log(created('2026-03-09T09:00', 'P9')) })).toThrow(new SlaError('no SLA targets for severity "P9" on plan "estandar"'));
		expect(() => evaluateSla({ ...base(), events: log(created('2026-03-09T09:00'), changed('severity_changed', '2026-03-09T09:30', 'P1', 'urgent')) })).toThrow(
			'no SLA targets for severity "urgent" on plan "estandar"',
		);
		expect(() => evaluateSla({ ...base(), events: log(created('2026-03-09T09:00'), changed('plan_changed', '2026-03-09T09:30', 'estandar', 'gold')) })).toThrow(
			'no SLA targets for severity "P1" on plan "gold"',
		);
	});

	it('a log that does not start with "created", or has a second one', () => {
		expect(() => evaluateSla({ ...base(), events: [] })).toThrow(SlaError);
		expect(() => evaluateSla({ ...base(), events: log(message('2026-03-09T09:00', 'customer'), created('2026-03-09T09:00')) })).toThrow(/must start with the ticket's "created" event/);
		expect(() => evaluateSla({ ...base(), events: log(created('2026-03-09T09:00'), created('2026-03-09T09:01')) })).toThrow('event 1 is a second "created" event');
	});

	it('events out of id order', () => {
		const events = log(created('2026-03-09T09:00'), message('2026-03-09T09:10', 'customer'), message('2026-03-09T09:20', 'customer'));
		[events[1].id, events[2].id] = [events[2].id, events[1].id];
		expect(() => evaluateSla({ ...base(), events })).toThrow('events must be ordered by id: event 2 (id 2) follows id 3');
	});

	it('an unknown status, a missing severity, an unreadable instant, an invalid now', () => {
		expect(() => evaluateSla({ ...base(), events: log(created('2026-03-09T09:00'), statusChange('2026-03-09T09:10', 'new', 'archived')) })).toThrow(
			'event 1: unknown ticket status "archived"',
		);
		expect(() => evaluateSla({ ...base(), events: log({ ...created('2026-03-09T09:00'), data: { plan: 'estandar' } }) })).toThrow('event 0: expected a severity in data, got undefined');
		expect(() => evaluateSla({ ...base(), events: log(created('2026-03-09T09:00'), { ...message('2026-03-09T09:10', 'customer'), at: '2026-03-09 09:10' }) })).toThrow(
			'event 1 (message_added): "2026-03-09 09:10" is not an ISO 8601 instant with an offset',
		);
		expect(() => evaluateSla({ ...base(), now: new Date(Number.NaN) })).toThrow(RangeError);
		expect(() => evaluateSla({ ...base(), now: at('2026-03-09T08:00') })).toThrow(/created at 2026-03-09T15:00:00.000Z, after now/);
	});

	it('a target that is not a positive number of minutes', () => {
		const broken: SlaRules = { calendar: rules.calendar, targets: () => ({ firstResponse: 240, update: 0 }) };
		expect(() => evaluateSla({ ...base(), ...broken })).toThrow('SLA targets of plan "estandar", severity "P1": update must be a positive number of minutes, got 0');
	});
});

describe('slaRulesOf', () => {
	it('reads the programme\'s targets and hands out one calendar object per plan', () => {
		expect(rules.targets('estandar', 'P3')).toEqual({ firstResponse: 1440, update: 540, escalation: 1080 });
		expect(rules.targets('estandar', 'toString')).toBeUndefined();
		expect(rules.targets('gold', 'P1')).toBeUndefined();
		expect(rules.calendar('estandar')).toBe(rules.calendar('estandar'));
		expect(rules.calendar('extendido').timezone).toBe('America/Mexico_City');
		expect(slaRulesOf(programme)).toBe(rules);
	});
});
