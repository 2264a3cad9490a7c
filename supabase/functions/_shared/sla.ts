// SLA evaluation: rebuilds a ticket's SLA state from its append-only event log (public.ticket_events)
// and its programme's targets, as of an instant `now`. Follows the promises of issue 5 ("SLA engine"),
// section 2; the business-time arithmetic is supabase/functions/_shared/business-time.ts.
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
// The log
//   Events come ordered by id; their `at` is the transaction time, which concurrent transactions can
//   write slightly out of order, so an event stamped earlier than its predecessor is taken to happen at
//   the predecessor's instant (the log's order is authoritative). Events after `now` are not yet known
//   and are left out, so evaluating at a past instant gives the state the ticket had then. Kinds other
//   than those named here (assigned, problem_linked, due_times_set, breached, ...) do not move the clock;
//   in particular the sweep's own due_times_set / breached events never feed back.
//
// Pure and deterministic (same events and `now`, same result); cost linear in the number of events
// plus escalation deadlines passed, a handful of engine calls each, never stepping minutes.
import { addBusinessSeconds, businessSecondsBetween, type Calendar } from './business-time.ts';
import { instantMs } from './sla-instant.ts';

export const TICKET_STATUSES = ['new', 'open', 'pending_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** A row of public.ticket_events, as PostgREST or node-postgres return it (extra columns are ignored). */
export interface SlaEvent {
	id?: number | string | bigint;
	kind: string;
	/** ISO 8601 instant with an offset, or a Date. */
	at: string | Date;
	actor_kind: 'customer' | 'staff' | 'system';
	visibility?: 'public' | 'internal';
	data?: Record<string, unknown> | null;
}

/** Targets of one plan and severity, in business minutes (programme.ts `SlaTarget`). */
export interface SlaTargetMinutes {
	firstResponse: number;
	update?: number;
	escalation?: number;
	resolution?: number;
}

export interface SlaInput {
	events: readonly SlaEvent[];
	/** The targets of a plan and severity; undefined when the programme has none (an error). */
	targets: (planId: string, severityKey: string) => SlaTargetMinutes | undefined;
	/** The business-time calendar of a plan. Return the same object each time: the engine caches per object. */
	calendar: (planId: string) => Calendar;
	now: Date;
}

export type SlaClockState = 'running' | 'paused' | 'stopped';

export interface SlaEvaluation {
	/** The ticket as of `now`, from the log. */
	status: TicketStatus;
	severity: string;
	plan: string;
	level: number | null;
	/** running: new/open; paused: pending_customer; stopped: resolved/closed. */
	clock: SlaClockState;
	paused: boolean;
	/** When the current wait on the customer began; null unless paused. */
	pausedSince: Date | null;
	/** Business seconds of running clock since creation. */
	activeSeconds: number;
	firstResponse: {
		/** The deadline; null once met, while paused or stopped (unless already reached), or never. */
		due: Date | null;
		metAt: Date | null;
		/** The first deadline missed, or null. */
		breachedAt: Date | null;
		/** Business seconds of running clock left to the current target (0 once reached); null once met. */
		remainingSeconds: number | null;
	};
	nextUpdate: {
		due: Date | null;
		/** The public staff contact the current countdown started from; null before the first response. */
		since: Date | null;
		/** The latest update deadline missed, or null. */
		breachedAt: Date | null;
		/** null before the first response or without an update target. */
		remainingSeconds: number | null;
	};
	nextEscalation: {
		/** The next escalation deadline after `now`; null unless running and the target has a cadence. */
		due: Date | null;
		/** Escalation deadlines passed since creation: the escalations that happened or should have by now. */
		step: number;
		/** The latest escalation deadline passed, or null. */
		breachedAt: Date | null;
		remainingSeconds: number | null;
	};
	resolution: {
		/** null without a resolution target, once met, or while paused or stopped (unless already reached). */
		due: Date | null;
		/** When the ticket was resolved (or closed unresolved); null while it is not. */
		metAt: Date | null;
		/** The first resolution deadline missed, or null. */
		breachedAt: Date | null;
		remainingSeconds: number | null;
	};
	/** Escalation deadlines passed since the last level change, oldest first; empty when resolved/closed. */
	escalationsDue: Date[];
}

/** The log or the programme cannot be evaluated: a broken log, an unknown severity or plan. */
export class SlaError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SlaError';
	}
}

/** A countdown in active business time; all instants and amounts in epoch / elapsed milliseconds. */
interface Countdown {
	target: number | null;
	spent: number;
	/** The deadline of the current target, once active time has reached it. */
	reachedAt: number | null;
	/** Where the running clock will reach the target, computed from the start of the last running stretch. */
	projected: number | null;
}

const countdown = (): Countdown => ({ target: null, spent: 0, reachedAt: null, projected: null });

const RUNNING: ReadonlySet<string> = new Set(['new', 'open']);
const STOPPED: ReadonlySet<string> = new Set(['resolved', 'closed']);

export function evaluateSla(input: SlaInput): SlaEvaluation {
	if (!(input.now instanceof Date) || Number.isNaN(input.now.getTime())) throw new RangeError('now must be a valid Date');
	const now = input.now.getTime();
	const events = input.events;
	const first = events[0];
	if (!first || first.kind !== 'created') throw new SlaError('the event log must start with the ticket\'s "created" event');
	const createdAt = instantOf(first, 0);
	if (createdAt > now) throw new SlaError(`the ticket was created at ${new Date(createdAt).toISOString()}, after now`);

	const calendars = new Map<string, Calendar>();
	function calendarOf(plan: string): Calendar {
		let cal = calendars.get(plan);
		if (!cal) {
			cal = input.calendar(plan);
			if (!cal) throw new SlaError(`no calendar for plan "${plan}"`);
			calendars.set(plan, cal);
		}
		return cal;
	}

	const createdData = first.data ?? {};
	let status = statusOf(createdData.status ?? 'new', 0);
	let severity = nameOf(createdData.severity, 'severity', 0);
	let plan = nameOf(createdData.plan, 'plan', 0);
	let level = typeof createdData.level === 'number' ? createdData.level : null;
	let pausedSince: number | null = status === 'pending_customer' ? createdAt : null;
	let active = 0;

	const fr = countdown();
	let frMetAt: number | null = null;
	let frBreach: number | null = null;
	const upd = countdown();
	let updSince: number | null = null;
	let updMissed: number | null = null;
	const esc = countdown();
	const escPassed: number[] = [];
	let escAcknowledged = 0;
	const res = countdown();
	let resMetAt: number | null = null;
	let resBreach: number | null = null;

	retarget(createdAt);

	let t = createdAt;
	let previousId: bigint | null = idOf(first, 0);
	for (let i = 1; i < events.length; i++) {
		const e = events[i];
		const id = idOf(e, i);
		if (id !== null && previousId !== null && id <= previousId) {
			throw new SlaError(`events must be ordered by id: event ${i} (id ${id}) follows id ${previousId}`);
		}
		previousId = id ?? previousId;
		const x = Math.max(t, instantOf(e, i));
		if (x > now) break;
		advance(t, x);
		t = x;
		apply(e, i, x);
	}
	advance(t, now);

	return report();

	/** Runs the clock over [a, b) in the current state: finds the deadlines reached, adds the active time. */
	function advance(a: number, b: number): void {
		if (!RUNNING.has(status)) return;
		const cal = calendarOf(plan);
		const running: Countdown[] = [res];
		if (frMetAt === null) running.push(fr);
		if (updSince !== null) running.push(upd);
		for (const c of running) {
			if (c.target === null || c.reachedAt !== null) continue;
			const d = c.spent >= c.target ? a : addMs(a, c.target - c.spent, cal);
			if (d <= b) c.reachedAt = d;
			else c.projected = d;
		}
		const elapsed = betweenMs(a, b, cal);
		if (esc.target !== null) {
			let lastDeadline: number | null = null;
			let d = esc.spent >= esc.target ? a : addMs(a, esc.target - esc.spent, cal);
			while (d <= b) {
				escPassed.push(d);
				lastDeadline = d;
				d = addMs(d, esc.target, cal);
			}
			esc.projected = d;
			// each deadline restarts the count
			esc.spent = lastDeadline === null ? esc.spent + elapsed : betweenMs(lastDeadline, b, cal);
		} else {
			esc.spent += elapsed;
		}
		active += elapsed;
		for (const c of running) c.spent += elapsed;
	}

	function apply(e: SlaEvent, index: number, x: number): void {
		const data = e.data ?? {};
		switch (e.kind) {
			case 'created':
				throw new SlaError(`event ${index} is a second "created" event`);
			case 'status_changed': {
				const to = statusOf(data.to, index);
				if (to === 'resolved' || (to === 'closed' && resMetAt === null)) resMetAt = x;
				else if (status === 'resolved' && to !== 'closed') resMetAt = null;
				if (STOPPED.has(to)) escAcknowledged = escPassed.length;
				pausedSince = to === 'pending_customer' ? (status === 'pending_customer' ? pausedSince : x) : null;
				status = to;
				return;
			}
			case 'severity_changed':
				severity = nameOf(data.to, 'severity', index);
				retarget(x);
				return;
			case 'plan_changed':
				plan = nameOf(data.to, 'plan', index);
				retarget(x);
				return;
			case 'level_changed':
				if (typeof data.to === 'number') level = data.to;
				escAcknowledged = escPassed.length;
				esc.spent = 0;
				return;
			case 'message_added':
				if (e.actor_kind === 'staff' && (data.visibility ?? e.visibility) === 'public') staffContact(x);
				return;
			case 'first_response':
				staffContact(x);
				return;
			default:
				return;
		}
	}

	/** A public word from staff: the first response if there was none, and a fresh update countdown. */
	function staffContact(x: number): void {
		if (frMetAt === null) frMetAt = x;
		if (upd.reachedAt !== null && upd.reachedAt < x) updMissed = upd.reachedAt;
		updSince = x;
		upd.spent = 0;
		upd.reachedAt = null;
	}

	/** Takes the targets of the current plan and severity from instant x on (the creation, or a change). */
	function retarget(x: number): void {
		const minutes = input.targets(plan, severity);
		if (!minutes) throw new SlaError(`no SLA targets for severity "${severity}" on plan "${plan}"`);
		const where = `SLA targets of plan "${plan}", severity "${severity}"`;
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
		const ongoing = !STOPPED.has(status);
		// Returns the deadline this change leaves missed, if any. `settled`: met, or (update) not started.
		const retargetOnce = (c: Countdown, target: number | null, settled: boolean): number | null => {
			let missed: number | null = null;
			c.target = target;
			if (settled) return null;
			if (c.reachedAt !== null && (target === null || c.spent < target)) {
				missed = c.reachedAt;
				c.reachedAt = null;
			}
			if (target !== null && c.reachedAt === null && ongoing && c.spent >= target) c.reachedAt = x;
			return missed;
		};
		const frMissed = retargetOnce(fr, targetMs('firstResponse', true), frMetAt !== null);
		if (frMissed !== null) frBreach ??= frMissed;
		const updMissedNow = retargetOnce(upd, targetMs('update', false), updSince === null);
		if (updMissedNow !== null) updMissed = updMissedNow;
		const resMissed = retargetOnce(res, targetMs('resolution', false), resMetAt !== null);
		if (resMissed !== null) resBreach ??= resMissed;
		esc.target = targetMs('escalation', false);
		if (esc.target !== null && ongoing && esc.spent >= esc.target) {
			escPassed.push(x);
			esc.spent = 0;
		}
	}

	function report(): SlaEvaluation {
		const running = RUNNING.has(status);
		const stopped = STOPPED.has(status);
		const dueOf = (c: Countdown): number | null => (stopped || c.target === null ? null : (c.reachedAt ?? (running ? c.projected : null)));
		const left = (c: Countdown): number | null => (c.target === null ? null : c.reachedAt !== null ? 0 : Math.max(0, c.target - c.spent) / 1000);
		const missedOnce = (c: Countdown, metAt: number | null): number | null =>
			c.reachedAt !== null && (metAt === null || metAt > c.reachedAt) ? c.reachedAt : null;
		return {
			status,
			severity,
			plan,
			level,
			clock: running ? 'running' : stopped ? 'stopped' : 'paused',
			paused: status === 'pending_customer',
			pausedSince: date(pausedSince),
			activeSeconds: active / 1000,
			firstResponse: {
				due: frMetAt === null ? date(dueOf(fr)) : null,
				metAt: date(frMetAt),
				breachedAt: date(frBreach ?? missedOnce(fr, frMetAt)),
				remainingSeconds: frMetAt === null ? left(fr) : null,
			},
			nextUpdate: {
				due: updSince === null ? null : date(dueOf(upd)),
				since: date(updSince),
				breachedAt: date(updSince !== null && upd.target !== null && upd.reachedAt !== null ? upd.reachedAt : updMissed),
				remainingSeconds: updSince === null ? null : left(upd),
			},
			nextEscalation: {
				due: running && esc.target !== null ? date(esc.projected) : null,
				step: escPassed.length,
				breachedAt: date(escPassed.length ? escPassed[escPassed.length - 1] : null),
				remainingSeconds: esc.target === null ? null : Math.max(0, esc.target - esc.spent) / 1000,
			},
			resolution: {
				due: resMetAt === null ? date(dueOf(res)) : null,
				metAt: date(resMetAt),
				breachedAt: date(resBreach ?? missedOnce(res, resMetAt)),
				remainingSeconds: resMetAt === null ? left(res) : null,
			},
			escalationsDue: stopped ? [] : escPassed.slice(escAcknowledged).map((ms) => new Date(ms)),
		};
	}
}

function addMs(from: number, ms: number, cal: Calendar): number {
	return addBusinessSeconds(new Date(from), ms / 1000, cal).getTime();
}

function betweenMs(from: number, to: number, cal: Calendar): number {
	return Math.round(businessSecondsBetween(new Date(from), new Date(to), cal) * 1000);
}

function instantOf(e: SlaEvent, index: number): number {
	try {
		return instantMs(e.at);
	} catch (error) {
		throw new SlaError(`event ${index} (${e.kind}): ${(error as Error).message}`);
	}
}

function date(ms: number | null): Date | null {
	return ms === null ? null : new Date(ms);
}

function statusOf(value: unknown, index: number): TicketStatus {
	if (!(TICKET_STATUSES as readonly unknown[]).includes(value)) {
		throw new SlaError(`event ${index}: unknown ticket status ${JSON.stringify(value)} (${TICKET_STATUSES.join(', ')})`);
	}
	return value as TicketStatus;
}

function nameOf(value: unknown, what: string, index: number): string {
	if (typeof value !== 'string' || value === '') throw new SlaError(`event ${index}: expected a ${what} in data, got ${JSON.stringify(value)}`);
	return value;
}

function idOf(e: SlaEvent, index: number): bigint | null {
	if (e.id === undefined || e.id === null) return null;
	try {
		return BigInt(e.id);
	} catch {
		throw new SlaError(`event ${index}: id ${JSON.stringify(String(e.id))} is not an integer`);
	}
}
