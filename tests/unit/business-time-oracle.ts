// A deliberately naive business-time implementation, written straight from the definitions of issue 5
// part 1, to check supabase/functions/_shared/business-time.ts against (property tests) and to time it
// against (tests/bench/engine.ts). It shares no code with the engine: local times are resolved by brute
// force over Intl (every quarter-hour offset tried, a minute-by-minute scan for skipped times), an instant
// is business time when some interval of a nearby non-holiday local date contains it (no merging, no day
// partition), and amounts are counted by stepping one unit (a minute or a second) at a time.
import type { Calendar, Weekday } from '#shared/business-time.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const STEP_LIMIT = 20_000_000;

export interface NaiveBusinessTime {
	isBusiness(t: number): boolean;
	/** Steps forward from t (a multiple of step); `units` steps of business time. */
	add(t: number, units: number, step: number): number;
	subtract(t: number, units: number, step: number): number;
	/** Business steps in [a, b), a <= b, both multiples of step. */
	between(a: number, b: number, step: number): number;
}

export function naiveBusinessTime(cal: Calendar): NaiveBusinessTime {
	const format = new Intl.DateTimeFormat('sv-SE', {
		timeZone: cal.timezone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
	});
	const holidays = new Set(cal.holidays);
	const resolved = new Map<string, number>();
	const dayIntervals = new Map<number, [number, number][]>();

	/** The wall clock at instant u, read as if it were UTC. */
	const wallAt = (u: number): number => {
		const [date, time] = format.format(u).split(' ');
		return Date.parse(`${date}T${time}Z`);
	};

	/** The instant of local 'YYYY-MM-DD' 'HH:MM': its first occurrence, or moved forward by a gap's length. */
	const resolve = (date: string, hhmm: string): number => {
		const key = `${date} ${hhmm}`;
		const hit = resolved.get(key);
		if (hit !== undefined) return hit;
		const wall = Date.parse(`${date}T00:00Z`) + Number(hhmm.slice(0, 2)) * 60 * MINUTE + Number(hhmm.slice(3)) * MINUTE;
		let found = Infinity;
		for (let offset = -16 * 60; offset <= 16 * 60; offset += 15) {
			const u = wall - offset * MINUTE;
			if (wallAt(u) === wall && u < found) found = u;
		}
		if (found === Infinity) {
			// Skipped by a spring-forward: moved forward by the gap's length, i.e. read with the offset
			// the clocks showed just before the gap.
			for (let u = wall - 16 * 60 * MINUTE; u <= wall + 16 * 60 * MINUTE; u += MINUTE) {
				if (wallAt(u) > wall) {
					const before = u - MINUTE;
					found = wall - (wallAt(before) - before);
					break;
				}
			}
		}
		resolved.set(key, found);
		return found;
	};

	/** Intervals of the local date `d` days after 1970-01-01. */
	const intervalsOf = (d: number): [number, number][] => {
		let list = dayIntervals.get(d);
		if (list) return list;
		list = [];
		const date = new Date(d * DAY).toISOString().slice(0, 10);
		if (!holidays.has(date)) {
			const weekday = WEEKDAYS[new Date(`${date}T00:00Z`).getUTCDay()];
			const next = new Date(Date.parse(`${date}T00:00Z`) + DAY).toISOString().slice(0, 10);
			for (const [open, close] of cal.hours[weekday] ?? []) {
				list.push([resolve(date, open), close === '24:00' ? resolve(next, '00:00') : resolve(date, close)]);
			}
		}
		dayIntervals.set(d, list);
		return list;
	};

	const isBusiness = (t: number): boolean => {
		// A local date's intervals lie within about a day of that date read as UTC.
		const utcDay = Math.floor(t / DAY);
		for (let d = utcDay - 2; d <= utcDay + 2; d++) {
			for (const [s, e] of intervalsOf(d)) if (s <= t && t < e) return true;
		}
		return false;
	};

	const guard = (n: number) => {
		if (n > STEP_LIMIT) throw new Error('naive oracle: step limit reached');
	};

	return {
		isBusiness,
		add(t, units, step) {
			let x = t;
			if (units === 0) {
				for (let n = 0; !isBusiness(x); n++, x += step) guard(n);
				return x;
			}
			for (let n = 0, count = 0; ; n++, x += step) {
				guard(n);
				if (isBusiness(x) && ++count === units) return x + step;
			}
		},
		subtract(t, units, step) {
			let x = t;
			if (units === 0) {
				for (let n = 0; !isBusiness(x - step); n++, x -= step) guard(n);
				return x;
			}
			for (let n = 0, count = 0; ; n++, x -= step) {
				guard(n);
				if (isBusiness(x - step) && ++count === units) return x - step;
			}
		},
		between(a, b, step) {
			let count = 0;
			for (let x = a; x < b; x += step) if (isBusiness(x)) count++;
			return count;
		},
	};
}
