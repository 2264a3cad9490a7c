// The SLA clock of one ticket as a value: `SlaState` is where a ticket stands at an instant, `advance`
// moves its clocks through business time up to a later instant, `applyEvent` applies one change of the
// log. All three are pure: a state is never modified, each step returns a new one. sla.ts reads the log
// into changes and folds them through these steps; the business-time arithmetic is business-time.ts.
//
// The clock
//   Runs while the status is `new` or `open`, pauses while `pending_customer` (the customer owes us an
//   answer), stops at `resolved` / `closed`. A reopen (resolved → open) starts it again; time already
//   spent stays spent. "Active time" is business time, on the calendar of the plan in force, inside the
//   running periods; a plan change switches the calendar from the change instant on. While paused, a
//   deadline not reached yet is unknown (due null; remainingSeconds says how much running time is
//   left); one already reached stays reported. `pausedSince` covers pending_customer only (the row's
//   paused_since, kept by the database trigger, also covers resolved).
//
// Four countdowns, all in active time (targets are business MINUTES, as the programme writes them)
//   firstResponse  from creation, met by the first public staff contact: a `message_added` event by
//                  actor_kind 'staff' with visibility 'public', or a `first_response` event (at the
//                  event's `at`, the same transaction time as the reply it comes with).
//   nextUpdate     starts at the first response; each public staff contact restarts it. Only when the
//                  plan and severity have an `update` target.
//   nextEscalation from creation or the last `level_changed`, restarting at each of its own deadlines,
//                  so deadlines fall every `escalation` minutes of active time until the level changes.
//   resolution     from creation, met when the ticket becomes resolved (or is closed without being
//                  resolved); a reopen clears the met instant and the count goes on. Only with a
//                  `resolution` target.
//   A deadline is the instant the countdown's active time reaches its target (the engine's "instant the
//   last unit is consumed", so a target ending at 18:00 is due at 18:00, not at the next opening).
//
// Severity and plan changes recompute from history, never from "now": the active time already spent
// keeps counting towards the new target. If at the change that time already reaches the new target,
// the deadline is the change instant itself: a ticket cannot have been late before its new severity
// existed, but it is late from that instant on. (A countdown already past its deadline under the old
// target keeps that deadline while still over the new one; a longer target clears it.) While the
// ticket is resolved or closed a change only records the target; if the ticket reopens with the time
// already over, the deadline is the reopening instant.
//
// Breaches are stamped with the deadline that was missed, never with when someone noticed, so the
// result does not depend on when a sweep ran: a deadline is missed when `now` >= deadline and the
// countdown was not met by then (met exactly at the deadline is on time; met after it is a breach at
// the deadline). firstResponse and resolution report the FIRST deadline they missed (a later, longer
// target does not undo a breach); nextUpdate reports the LATEST missed update deadline; nextEscalation
// reports the latest escalation deadline passed. Escalation deadlines are not failures of the team but
// the moments the ticket must move up the chain: `escalationsDue` lists those passed since the last
// level change (a level change acknowledges every deadline at or before it), for the sweep to act on
// each one idempotently (e.g. skipping those at or before the escalation_breached_at it stamped last).
// A ticket that is resolved or closed owes nothing: its dues are null and its escalationsDue empty.
//
// Instants are epoch milliseconds and amounts of active time elapsed milliseconds, so a step is a
// handful of engine calls and never steps minutes.
import { addBusinessSeconds, businessSecondsBetween, type Calendar } from './business-time.ts';

import { TICKET_STATUSES, type TicketStatus } from './ticket-status.ts';

export { TICKET_STATUSES, type TicketStatus };

/**
 * Targets of one plan and severity, in business minutes (programme.ts `SlaTarget`). A best-effort plan
 * has none at all (`{}`): its tickets run no countdown and owe no deadline.
 */
export interface SlaTargetMinutes {
	firstResponse?: number;
	update?: number;
	escalation?: number;
	resolution?: number;
}

/** What the clock needs of the programme (sla-rules.ts builds it from a programme's plans). */
export interface SlaRules {
	/** The targets of a plan and severity; undefined when the programme has none (an error). */
	targets: (planId: string, severityKey: string) => SlaTargetMinutes | undefined;
	/** The business-time calendar of a plan. Return the same object each time: the engine caches per object. */
	calendar: (planId: string) => Calendar;
}

/** The log or the programme cannot be evaluated: a broken log, an unknown severity or plan. */
export class SlaError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SlaError';
	}
}

/** A countdown in active business time. */
export interface Countdown {
	/** The target in force; null when the plan and severity have none. */
	readonly target: number | null;
	/** Active time counted towards it. */
	readonly spent: number;
	/** The deadline of the current target, once active time has reached it. */
	readonly reachedAt: number | null;
	/** Where the running clock will reach the target, computed from the start of the last running stretch. */
	readonly projected: number | null;
}

export interface SlaState {
	/** The instant the clocks have been advanced to (the log's last change, then `now`). */
	readonly at: number;
	readonly status: TicketStatus;
	readonly severity: string;
	readonly plan: string;
	readonly level: number | null;
	/** When the current wait on the customer began; null unless pending_customer. */
	readonly pausedSince: number | null;
	/** Active time since creation. */
	readonly active: number;
	readonly firstResponse: Countdown & {
		readonly metAt: number | null;
		/** The first deadline a change of target left missed. */
		readonly missed: number | null;
	};
	readonly nextUpdate: Countdown & {
		/** The public staff contact the countdown started from; null before the first response. */
		readonly since: number | null;
		/** The latest deadline missed before a contact restarted the countdown or a change cleared it. */
		readonly missed: number | null;
	};
	readonly nextEscalation: Omit<Countdown, 'reachedAt'> & {
		/** Every escalation deadline passed since creation, oldest first. */
		readonly passed: readonly number[];
		/** How many of `passed` a level change (or the ticket stopping) has acknowledged. */
		readonly acknowledged: number;
	};
	readonly resolution: Countdown & {
		/** When the ticket was resolved (or closed unresolved); null while it is not. */
		readonly metAt: number | null;
		/** The first deadline a change of target left missed. */
		readonly missed: number | null;
	};
}

/** A change of the log, as the clock reads it (sla.ts reads it from a ticket_events row). */
export type SlaChange =
	| { kind: 'status_changed'; at: number; to: TicketStatus }
	| { kind: 'severity_changed' | 'plan_changed'; at: number; to: string }
	/** `to` undefined: the level is not recorded, but the change still restarts the escalation countdown. */
	| { kind: 'level_changed'; at: number; to?: number }
	/** A public word from staff: a public staff message, or the first_response event. */
	| { kind: 'staff_contact'; at: number };

/** What the created event says; the state takes the targets of its plan and severity from `at` on. */
export interface SlaOpening {
	at: number;
	status: TicketStatus;
	severity: string;
	plan: string;
	level: number | null;
}

const RUNNING: ReadonlySet<string> = new Set(['new', 'open']);
const STOPPED: ReadonlySet<string> = new Set(['resolved', 'closed']);

export const isRunning = (status: TicketStatus): boolean => RUNNING.has(status);
export const isStopped = (status: TicketStatus): boolean => STOPPED.has(status);

const idle: Countdown = { target: null, spent: 0, reachedAt: null, projected: null };

export function openState(o: SlaOpening, rules: SlaRules): SlaState {
	const state: SlaState = {
		at: o.at,
		status: o.status,
		severity: o.severity,
		plan: o.plan,
		level: o.level,
		pausedSince: o.status === 'pending_customer' ? o.at : null,
		active: 0,
		firstResponse: { ...idle, metAt: null, missed: null },
		nextUpdate: { ...idle, since: null, missed: null },
		nextEscalation: { target: null, spent: 0, projected: null, passed: [], acknowledged: 0 },
		resolution: { ...idle, metAt: null, missed: null },
	};
	return retarget(state, rules);
}

/**
 * Runs the clock from `state.at` to `until` in the state's status, plan and targets: finds the
 * deadlines reached on the way, adds the active time. An instant before `state.at` is taken as
 * `state.at` (the log's order is authoritative). Advancing to the same instant still computes where
 * the running countdowns will end (`projected`), which is what the report's due times are.
 */
export function advance(state: SlaState, until: number, rules: SlaRules): SlaState {
	const a = state.at;
	const b = Math.max(a, until);
	if (!RUNNING.has(state.status)) return b === a ? state : { ...state, at: b };
	const cal = calendarOf(rules, state.plan);
	const elapsed = betweenMs(a, b, cal);
	const fr = state.firstResponse;
	const upd = state.nextUpdate;
	return {
		...state,
		at: b,
		active: state.active + elapsed,
		firstResponse: fr.metAt === null ? run(fr, a, b, elapsed, cal) : fr,
		nextUpdate: upd.since !== null ? run(upd, a, b, elapsed, cal) : upd,
		nextEscalation: runEscalation(state.nextEscalation, a, b, elapsed, cal),
		resolution: run(state.resolution, a, b, elapsed, cal),
	};
}

/** One running stretch [a, b] of a countdown: its deadline if reached in it, else where it will be. */
function run<C extends Countdown>(c: C, a: number, b: number, elapsed: number, cal: Calendar): C {
	const spent = c.spent + elapsed;
	if (c.target === null || c.reachedAt !== null) return { ...c, spent };
	const d = c.spent >= c.target ? a : addMs(a, c.target - c.spent, cal);
	return d <= b ? { ...c, spent, reachedAt: d } : { ...c, spent, projected: d };
}

function runEscalation(e: SlaState['nextEscalation'], a: number, b: number, elapsed: number, cal: Calendar): SlaState['nextEscalation'] {
	if (e.target === null) return { ...e, spent: e.spent + elapsed };
	const passed: number[] = [];
	let d = e.spent >= e.target ? a : addMs(a, e.target - e.spent, cal);
	while (d <= b) {
		passed.push(d);
		d = addMs(d, e.target, cal);
	}
	if (!passed.length) return { ...e, spent: e.spent + elapsed, projected: d };
	// each deadline restarts the count
	return { ...e, spent: betweenMs(passed[passed.length - 1], b, cal), projected: d, passed: [...e.passed, ...passed] };
}

/**
 * The state after one change of the log. The clocks are first advanced to the change's instant; a
 * change stamped before `state.at` happens at `state.at`.
 */
export function applyEvent(state: SlaState, change: SlaChange, rules: SlaRules): SlaState {
	const s = change.at > state.at ? advance(state, change.at, rules) : state;
	const x = s.at;
	switch (change.kind) {
		case 'status_changed': {
			const to = change.to;
			const res = s.resolution;
			const metAt = to === 'resolved' || (to === 'closed' && res.metAt === null) ? x : s.status === 'resolved' && to !== 'closed' ? null : res.metAt;
			const esc = s.nextEscalation;
			return {
				...s,
				status: to,
				pausedSince: to === 'pending_customer' ? (s.status === 'pending_customer' ? s.pausedSince : x) : null,
				resolution: metAt === res.metAt ? res : { ...res, metAt },
				// a ticket that stops owes none of the escalations passed so far, even if it reopens
				nextEscalation: STOPPED.has(to) ? { ...esc, acknowledged: esc.passed.length } : esc,
			};
		}
		case 'severity_changed':
			return retarget({ ...s, severity: change.to }, rules);
		case 'plan_changed':
			return retarget({ ...s, plan: change.to }, rules);
		case 'level_changed':
			// acknowledges every escalation deadline so far and starts the count again
			return {
				...s,
				level: change.to ?? s.level,
				nextEscalation: { ...s.nextEscalation, acknowledged: s.nextEscalation.passed.length, spent: 0 },
			};
		case 'staff_contact': {
			// the first response if there was none, and a fresh update countdown
			const upd = s.nextUpdate;
			return {
				...s,
				firstResponse: s.firstResponse.metAt === null ? { ...s.firstResponse, metAt: x } : s.firstResponse,
				nextUpdate: {
					...upd,
					since: x,
					spent: 0,
					reachedAt: null,
					missed: upd.reachedAt !== null && upd.reachedAt < x ? upd.reachedAt : upd.missed,
				},
			};
		}
	}
}

/** Takes the targets of the state's plan and severity from `state.at` on (the creation, or a change). */
function retarget(s: SlaState, rules: SlaRules): SlaState {
	const minutes = rules.targets(s.plan, s.severity);
	if (!minutes) throw new SlaError(`no SLA targets for severity "${s.severity}" on plan "${s.plan}"`);
	const where = `SLA targets of plan "${s.plan}", severity "${s.severity}"`;
	const targetMs = (key: keyof SlaTargetMinutes, required: boolean): number | null => {
		const value = minutes[key];
		if (value === undefined || value === null) {
			if (required) throw new SlaError(`${where}: ${key} is missing`);
			return null;
		}
		if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
			throw new SlaError(`${where}: ${key} must be a positive number of minutes, got ${String(value)}`);
		}
		return Math.round(value * 60_000);
	};
	const x = s.at;
	const ongoing = !STOPPED.has(s.status);
	// The countdown under the new target, and the deadline this change leaves missed, if any.
	// `settled`: met, or (update) not started.
	const retargetOne = <C extends Countdown>(c: C, target: number | null, settled: boolean): [C, number | null] => {
		if (settled) return [{ ...c, target }, null];
		let reachedAt = c.reachedAt;
		let missed: number | null = null;
		if (reachedAt !== null && (target === null || c.spent < target)) {
			missed = reachedAt;
			reachedAt = null;
		}
		if (target !== null && reachedAt === null && ongoing && c.spent >= target) reachedAt = x;
		return [{ ...c, target, reachedAt }, missed];
	};
	const [fr, frMissed] = retargetOne(s.firstResponse, targetMs('firstResponse', false), s.firstResponse.metAt !== null);
	const [upd, updMissed] = retargetOne(s.nextUpdate, targetMs('update', false), s.nextUpdate.since === null);
	const [res, resMissed] = retargetOne(s.resolution, targetMs('resolution', false), s.resolution.metAt !== null);
	const escTarget = targetMs('escalation', false);
	const esc = s.nextEscalation;
	return {
		...s,
		// firstResponse and resolution keep the first deadline missed, nextUpdate the latest
		firstResponse: { ...fr, missed: fr.missed ?? frMissed },
		nextUpdate: { ...upd, missed: updMissed ?? upd.missed },
		resolution: { ...res, missed: res.missed ?? resMissed },
		nextEscalation:
			escTarget !== null && ongoing && esc.spent >= escTarget
				? { ...esc, target: escTarget, spent: 0, passed: [...esc.passed, x] }
				: { ...esc, target: escTarget },
	};
}

function calendarOf(rules: SlaRules, plan: string): Calendar {
	const cal = rules.calendar(plan);
	if (!cal) throw new SlaError(`no calendar for plan "${plan}"`);
	return cal;
}

function addMs(from: number, ms: number, cal: Calendar): number {
	return addBusinessSeconds(new Date(from), ms / 1000, cal).getTime();
}

function betweenMs(from: number, to: number, cal: Calendar): number {
	return Math.round(businessSecondsBetween(new Date(from), new Date(to), cal) * 1000);
}
