// Property tests of the SLA evaluation against oracles written straight from the definitions, over
// random event logs from a seeded PRNG (a failure prints its seed; rerun with that seed to reproduce).
// 1. 24/7 calendar: the first-response due is creation + target + the wall time the clock did not run
//    before it; escalations fall at every multiple of the cadence of running time.
// 2. Office hours (oficina-cdmx), with severity changes: a minute-by-minute walk over the naive
//    business-time oracle, applying the "already over at a change → due at the change" rule literally.
import { describe, expect, it } from 'vitest';
import { evaluateSla, type SlaEvent, type TicketStatus } from '#shared/sla.ts';
import { slaRulesOf } from '#shared/sla-programme.ts';
import { loadProgramme } from '../../src/lib/support-data.ts';
import { naiveBusinessTime } from './business-time-oracle.ts';

const rules = slaRulesOf(loadProgramme('estandar-extendido'));
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SEVERITIES = ['P1', 'P2', 'P3', 'P4'];

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// The status machine of private.status_transition_allowed, without `closed` (terminal, tested by hand).
const NEXT: Record<string, TicketStatus[]> = {
	new: ['open', 'pending_customer', 'resolved'],
	open: ['pending_customer', 'resolved'],
	pending_customer: ['open', 'resolved'],
	resolved: ['open'],
};
const running = (s: string) => s === 'new' || s === 'open';

interface Generated {
	events: SlaEvent[];
	now: number;
}

interface LogShape {
	plan: string;
	/** Instants are multiples of this many ms. */
	unit: number;
	severityChanges: boolean;
	/** Public staff replies (which meet the first response and restart the update countdown). */
	staffReplies: boolean;
	/** 24/7 only: sometimes put the next event exactly where the clock runs out (first response, update). */
	hitDeadlines: boolean;
}

/** A random log: status changes and clock-neutral noise, at `unit`-aligned instants. */
function randomLog(random: () => number, shape: LogShape): Generated {
	const { plan, unit } = shape;
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const start = Date.UTC(2026, 0, 1) + Math.floor(random() * 700) * 86_400_000;
	let t = Math.floor((start + random() * 86_400_000) / unit) * unit;
	let status: TicketStatus = 'new';
	let severity = pick(SEVERITIES);
	const events: SlaEvent[] = [{ id: 1, kind: 'created', at: new Date(t).toISOString(), actor_kind: 'customer', data: { status, severity, plan, level: 1 } }];
	const targets = () => rules.targets(plan, severity)!;
	// running time so far and since the last public staff reply (wall time: used on 24/7 only)
	let active = 0;
	let sinceReply: number | null = null;
	const count = Math.floor(random() * 14);
	for (let i = 0; i < count; i++) {
		const r = random();
		let gap = r < 0.1 ? 0 : r < 0.5 ? random() * 20 * MINUTE : random() * 30 * HOUR;
		if (shape.hitDeadlines && running(status) && random() < 0.25) {
			const left = sinceReply === null ? targets().firstResponse! * MINUTE - active : targets().update! * MINUTE - sinceReply;
			if (left > 0) gap = left;
		}
		gap = Math.floor(gap / unit) * unit;
		if (running(status)) {
			active += gap;
			if (sinceReply !== null) sinceReply += gap;
		}
		t += gap;
		const at = new Date(t).toISOString();
		const id = events.length + 1;
		const what = random();
		if (what < 0.5) {
			const to: TicketStatus = pick(NEXT[status]);
			events.push({ id, kind: 'status_changed', at, actor_kind: 'staff', data: { from: status, to } });
			status = to;
		} else if (shape.severityChanges && what < 0.7) {
			const to = pick(SEVERITIES.filter((s) => s !== severity));
			events.push({ id, kind: 'severity_changed', at, actor_kind: 'staff', data: { from: severity, to } });
			severity = to;
		} else if (shape.staffReplies && what < 0.75) {
			events.push({ id, kind: 'message_added', at, actor_kind: 'staff', visibility: 'public', data: { visibility: 'public' } });
			sinceReply = 0;
		} else {
			// clock-neutral: a customer message, an internal staff note, an assignment
			events.push(
				pick<SlaEvent>([
					{ id, kind: 'message_added', at, actor_kind: 'customer', visibility: 'public', data: { visibility: 'public' } },
					{ id, kind: 'message_added', at, actor_kind: 'staff', visibility: 'internal', data: { visibility: 'internal' } },
					{ id, kind: 'assigned', at, actor_kind: 'staff', visibility: 'internal', data: { to: 'someone' } },
				]),
			);
		}
	}
	const now = t + Math.floor((random() * 40 * HOUR) / unit) * unit;
	return { events, now };
}

/** [from, to, status] stretches of the log up to `now`, the last one open-ended (to = Infinity). */
function timeline(events: SlaEvent[]): { from: number; to: number; status: string; severity: string }[] {
	const stretches: { from: number; to: number; status: string; severity: string }[] = [];
	let status = 'new';
	let severity = String(events[0].data!.severity);
	let from = Date.parse(String(events[0].at));
	for (const e of events.slice(1)) {
		const at = Date.parse(String(e.at));
		if (e.kind !== 'status_changed' && e.kind !== 'severity_changed') continue;
		stretches.push({ from, to: at, status, severity });
		from = at;
		if (e.kind === 'status_changed') status = String(e.data!.to);
		else severity = String(e.data!.to);
	}
	stretches.push({ from, to: Infinity, status, severity });
	return stretches;
}

describe('24/7: due = creation + target + wall time not running before it', () => {
	it('holds for 400 random logs (pauses, resolutions and reopens, noise, millisecond instants)', () => {
		for (let seed = 1; seed <= 400; seed++) {
			const random = mulberry32(seed);
			const { events, now } = randomLog(random, { plan: 'extendido', unit: 1, severityChanges: false, staffReplies: false, hitDeadlines: true });
			const severity = String(events[0].data!.severity);
			const { firstResponse = 0, escalation } = rules.targets('extendido', severity)!;
			const target = firstResponse * MINUTE;
			const cadence = escalation! * MINUTE;
			const created = Date.parse(String(events[0].at));

			// the oracle, literally: walk the stretches, adding up the wall time the clock did not run
			let notRunning = 0;
			let due: number | null = null;
			let active = 0;
			const deadlines: number[] = [];
			let lastStop = -Infinity;
			for (const s of timeline(events)) {
				if (running(s.status)) {
					if (due === null && created + target + notRunning <= s.to) due = created + target + notRunning;
					// escalations: every multiple of the cadence of running time
					const end = Math.min(s.to, now);
					for (let k = Math.floor(active / cadence) + 1; s.from + (k * cadence - active) <= end; k++) deadlines.push(s.from + (k * cadence - active));
					if (end > s.from) active += end - s.from;
				} else {
					if (due === null && s.to !== Infinity) notRunning += s.to - s.from;
					if (s.status === 'resolved' && s.from <= now) lastStop = s.from;
				}
			}
			const final = timeline(events).filter((s) => s.from <= now).at(-1)!;
			const stopped = final.status === 'resolved';
			const reached = due !== null && due <= now;

			const r = evaluateSla({ events, now: new Date(now), ...rules });
			const context = `seed ${seed}: ${JSON.stringify(events)} now ${new Date(now).toISOString()}`;
			expect(r.activeSeconds, context).toBe(active / 1000);
			expect(r.status, context).toBe(final.status);
			const expectedDue = stopped ? null : reached ? due : running(final.status) ? due : null;
			expect(r.firstResponse.due?.getTime() ?? null, context).toBe(expectedDue);
			expect(r.firstResponse.breachedAt?.getTime() ?? null, context).toBe(reached ? due : null);
			expect(r.firstResponse.remainingSeconds, context).toBe(Math.max(0, target - active) / 1000);
			expect(r.nextEscalation.step, context).toBe(deadlines.length);
			expect(r.escalationsDue.map((d) => d.getTime()), context).toEqual(stopped ? [] : deadlines.filter((d) => d > lastStop));
			if (running(final.status)) {
				expect(r.nextEscalation.due?.getTime(), context).toBe(now + (deadlines.length + 1) * cadence - active);
			}
		}
	});
});

/** Where `amount` ms of running time counted from `from` run out, over the stretches; null if never. */
function runningReach(stretches: ReturnType<typeof timeline>, from: number, amount: number): number | null {
	for (const s of stretches) {
		if (!running(s.status) || s.to <= from) continue;
		const start = Math.max(from, s.from);
		if (s.to - start >= amount) return start + amount;
		amount -= s.to - start;
	}
	return null;
}

describe('24/7 with staff replies: first response met, update countdowns', () => {
	it('holds for 400 random logs, with events placed exactly on deadlines', () => {
		for (let seed = 5001; seed <= 5400; seed++) {
			const random = mulberry32(seed);
			const { events, now } = randomLog(random, { plan: 'extendido', unit: 1, severityChanges: false, staffReplies: true, hitDeadlines: true });
			const { firstResponse = 0, update } = rules.targets('extendido', String(events[0].data!.severity))!;
			const stretches = timeline(events);
			const final = stretches.filter((s) => s.from <= now).at(-1)!;
			const stopped = final.status === 'resolved';
			const replies = events.filter((e) => e.kind === 'message_added' && e.actor_kind === 'staff' && e.visibility === 'public').map((e) => Date.parse(String(e.at)));
			const created = Date.parse(String(events[0].at));

			// first response: due where the running time reaches the target; met by the first reply
			const due = runningReach(stretches, created, firstResponse * MINUTE);
			const metAt = replies[0] ?? null;
			const expected =
				metAt === null
					? { due: stopped ? null : due !== null && (due <= now || running(final.status)) ? due : null, metAt: null, breachedAt: due !== null && due <= now ? due : null }
					: { due: null, metAt, breachedAt: due !== null && due < metAt ? due : null };

			// updates: one countdown per reply, until the next reply; the latest missed deadline is the breach
			let missed: number | null = null;
			let updateDue: number | null = null;
			replies.forEach((since, i) => {
				const deadline = runningReach(stretches, since, update! * MINUTE);
				const last = i === replies.length - 1;
				if (deadline !== null && (last ? deadline <= now : deadline < replies[i + 1])) missed = deadline;
				if (last) updateDue = stopped || deadline === null || (deadline > now && !running(final.status)) ? null : deadline;
			});

			const r = evaluateSla({ events, now: new Date(now), ...rules });
			const context = `seed ${seed}: ${JSON.stringify(events)} now ${new Date(now).toISOString()}`;
			const ms = (d: Date | null) => d?.getTime() ?? null;
			expect({ due: ms(r.firstResponse.due), metAt: ms(r.firstResponse.metAt), breachedAt: ms(r.firstResponse.breachedAt) }, context).toEqual(expected);
			expect(ms(r.nextUpdate.since), context).toBe(replies.at(-1) ?? null);
			expect(ms(r.nextUpdate.due), context).toBe(updateDue);
			expect(ms(r.nextUpdate.breachedAt), context).toBe(missed);
		}
	});
});

describe('office hours with severity changes: a minute-by-minute walk over the naive business-time oracle', () => {
	const office = rules.calendar('estandar');
	const naive = naiveBusinessTime(office);

	it('agrees on the first-response due, breach and remaining time for 150 random logs', () => {
		for (let seed = 1001; seed <= 1150; seed++) {
			const random = mulberry32(seed);
			const { events, now } = randomLog(random, { plan: 'estandar', unit: MINUTE, severityChanges: true, staffReplies: false, hitDeadlines: false });
			const targetOf = (severity: string) => rules.targets('estandar', severity)!.firstResponse!;

			// History: each minute from creation to now, its events first, then the minute itself.
			const byMinute = new Map<number, SlaEvent[]>();
			for (const e of events.slice(1)) {
				const m = Date.parse(String(e.at));
				byMinute.set(m, [...(byMinute.get(m) ?? []), e]);
			}
			let status = 'new';
			let target = targetOf(String(events[0].data!.severity));
			let spent = 0;
			let reached: number | null = null;
			let breach: number | null = null;
			for (let m = Date.parse(String(events[0].at)); m <= now; m += MINUTE) {
				for (const e of byMinute.get(m) ?? []) {
					if (e.kind === 'status_changed') {
						const to = String(e.data!.to);
						// a clock resuming already over its target is due at the resumption
						if (running(to) && !running(status) && reached === null && spent >= target) reached = m;
						status = to;
					} else if (e.kind === 'severity_changed') {
						target = targetOf(String(e.data!.to));
						// a longer target clears a reached deadline (it stays a breach); one already over is due now
						if (reached !== null && spent < target) {
							breach ??= reached;
							reached = null;
						}
						if (reached === null && spent >= target && status !== 'resolved') reached = m;
					}
				}
				if (m < now && running(status) && naive.isBusiness(m)) {
					spent++;
					if (reached === null && spent >= target) reached = m + MINUTE;
				}
			}
			// Projection: with no more events the running clock reaches the target at the end of its last minute.
			let projected = false;
			if (reached === null && running(status)) {
				let x = now;
				for (let left = target - spent; left > 0; x += MINUTE) if (naive.isBusiness(x)) left--;
				reached = x;
				projected = true;
			}
			const expectedDue = status === 'resolved' ? null : reached;
			const expectedBreach = breach ?? (reached !== null && !projected ? reached : null);

			const r = evaluateSla({ events, now: new Date(now), ...rules });
			const context = `seed ${seed}: ${JSON.stringify(events)} now ${new Date(now).toISOString()}`;
			expect(r.firstResponse.due?.getTime() ?? null, context).toBe(expectedDue);
			expect(r.firstResponse.breachedAt?.getTime() ?? null, context).toBe(expectedBreach);
			expect(r.firstResponse.remainingSeconds, context).toBe(reached !== null && !projected ? 0 : Math.max(0, target - spent) * 60);
		}
	});
});
