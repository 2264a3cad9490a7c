// SLA evaluation: rebuilds a ticket's SLA state from its append-only event log (public.ticket_events)
// and its programme's targets, as of an instant `now`. Follows the promises of issue 5 ("SLA engine"),
// section 2. The rules of the clock, the four countdowns and the breaches are told, and kept, in
// sla-state.ts; this file reads the log, folds it through that state and reports the result.
//
// The log
//   Events come ordered by id; their `at` is the transaction time, which concurrent transactions can
//   write slightly out of order, so an event stamped earlier than its predecessor is taken to happen at
//   the predecessor's instant (the log's order is authoritative). Events after `now` are not yet known
//   and are left out, so evaluating at a past instant gives the state the ticket had then. Kinds other
//   than those named in sla-state.ts (assigned, problem_linked, due_times_set, breached, ...) do not
//   move the clock; in particular the sweep's own due_times_set / breached events never feed back.
//
// Pure and deterministic (same events and `now`, same result); cost linear in the number of events
// plus escalation deadlines passed, a handful of engine calls each, never stepping minutes.
import { instantMs } from './sla-instant.ts';
import {
	advance,
	applyEvent,
	isRunning,
	isStopped,
	openState,
	SlaError,
	TICKET_STATUSES,
	type Countdown,
	type SlaChange,
	type SlaRules,
	type SlaState,
	type TicketStatus,
} from './sla-state.ts';

export { SlaError, TICKET_STATUSES, type SlaRules, type SlaTargetMinutes, type TicketStatus } from './sla-state.ts';

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

export interface SlaInput extends SlaRules {
	events: readonly SlaEvent[];
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

/** The state of the log as of `now`: the created event opens it, each later event up to `now` is a step. */
export function evaluateSla(input: SlaInput): SlaEvaluation {
	if (!(input.now instanceof Date) || Number.isNaN(input.now.getTime())) throw new RangeError('now must be a valid Date');
	const now = input.now.getTime();
	const rules: SlaRules = { targets: input.targets, calendar: input.calendar };
	const events = input.events;
	const first = events[0];
	if (!first || first.kind !== 'created') throw new SlaError('the event log must start with the ticket\'s "created" event');
	const createdAt = instantOf(first, 0);
	if (createdAt > now) throw new SlaError(`the ticket was created at ${new Date(createdAt).toISOString()}, after now`);
	const data = first.data ?? {};
	let state = openState(
		{
			at: createdAt,
			status: statusOf(data.status ?? 'new', 0),
			severity: nameOf(data.severity, 'severity', 0),
			plan: nameOf(data.plan, 'plan', 0),
			level: typeof data.level === 'number' ? data.level : null,
		},
		rules,
	);
	let previousId: bigint | null = idOf(first, 0);
	for (let i = 1; i < events.length; i++) {
		const e = events[i];
		const id = idOf(e, i);
		if (id !== null && previousId !== null && id <= previousId) {
			throw new SlaError(`events must be ordered by id: event ${i} (id ${id}) follows id ${previousId}`);
		}
		previousId = id ?? previousId;
		const at = instantOf(e, i);
		if (at > now) break;
		// The clock is brought up to every event, even one that changes nothing, before the event is read.
		state = advance(state, at, rules);
		const change = changeOf(e, i, at);
		if (change) state = applyEvent(state, change, rules);
	}
	return report(advance(state, now, rules));
}

/** What an event of the log does to the clock; null for the kinds that do nothing to it. */
function changeOf(e: SlaEvent, index: number, at: number): SlaChange | null {
	const data = e.data ?? {};
	switch (e.kind) {
		case 'created':
			throw new SlaError(`event ${index} is a second "created" event`);
		case 'status_changed':
			return { kind: 'status_changed', at, to: statusOf(data.to, index) };
		case 'severity_changed':
			return { kind: 'severity_changed', at, to: nameOf(data.to, 'severity', index) };
		case 'plan_changed':
			return { kind: 'plan_changed', at, to: nameOf(data.to, 'plan', index) };
		case 'level_changed':
			return { kind: 'level_changed', at, to: typeof data.to === 'number' ? data.to : undefined };
		case 'message_added':
			return e.actor_kind === 'staff' && (data.visibility ?? e.visibility) === 'public' ? { kind: 'staff_contact', at } : null;
		case 'first_response':
			return { kind: 'staff_contact', at };
		default:
			return null;
	}
}

/** The evaluation a state stands for, at the instant it has been advanced to. */
function report(s: SlaState): SlaEvaluation {
	const running = isRunning(s.status);
	const stopped = isStopped(s.status);
	const { firstResponse: fr, nextUpdate: upd, nextEscalation: esc, resolution: res } = s;
	const dueOf = (c: Countdown): number | null => (stopped || c.target === null ? null : (c.reachedAt ?? (running ? c.projected : null)));
	const left = (c: Countdown): number | null => (c.target === null ? null : c.reachedAt !== null ? 0 : Math.max(0, c.target - c.spent) / 1000);
	const missedOnce = (c: Countdown, metAt: number | null): number | null =>
		c.reachedAt !== null && (metAt === null || metAt > c.reachedAt) ? c.reachedAt : null;
	return {
		status: s.status,
		severity: s.severity,
		plan: s.plan,
		level: s.level,
		clock: running ? 'running' : stopped ? 'stopped' : 'paused',
		paused: s.status === 'pending_customer',
		pausedSince: date(s.pausedSince),
		activeSeconds: s.active / 1000,
		firstResponse: {
			due: fr.metAt === null ? date(dueOf(fr)) : null,
			metAt: date(fr.metAt),
			breachedAt: date(fr.missed ?? missedOnce(fr, fr.metAt)),
			remainingSeconds: fr.metAt === null ? left(fr) : null,
		},
		nextUpdate: {
			due: upd.since === null ? null : date(dueOf(upd)),
			since: date(upd.since),
			breachedAt: date(upd.since !== null && upd.target !== null && upd.reachedAt !== null ? upd.reachedAt : upd.missed),
			remainingSeconds: upd.since === null ? null : left(upd),
		},
		nextEscalation: {
			due: running && esc.target !== null ? date(esc.projected) : null,
			step: esc.passed.length,
			breachedAt: date(esc.passed.length ? esc.passed[esc.passed.length - 1] : null),
			remainingSeconds: esc.target === null ? null : Math.max(0, esc.target - esc.spent) / 1000,
		},
		resolution: {
			due: res.metAt === null ? date(dueOf(res)) : null,
			metAt: date(res.metAt),
			breachedAt: date(res.missed ?? missedOnce(res, res.metAt)),
			remainingSeconds: res.metAt === null ? left(res) : null,
		},
		escalationsDue: stopped ? [] : esc.passed.slice(esc.acknowledged).map((ms) => new Date(ms)),
	};
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
