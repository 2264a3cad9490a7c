// Business time for the SLA engine: how much of a calendar's opening hours lies between two instants, and
// which instant comes a given amount of business time after (or before) another. Follows the semantics of
// issue 5 ("SLA engine", part 1); time zones come from the platform's tz database through
// Intl.DateTimeFormat, never from hand-written tables. Pure module without imports: runs in Deno, Node and
// the browser (the ticket form shows due dates with it).
//
// Model. Each local date that is not a holiday contributes its weekday's [open, close) intervals, turned
// into UTC instants in the calendar's zone; business time is the union of those instants. Amounts are real
// elapsed time, so a day open 00:00-24:00 holds 23 h when the clocks spring forward and 25 h when they fall
// back. A local time the clocks skip moves forward to the end of the gap (the first instant that exists:
// an opening at 02:30 in Madrid on 2026-03-29 opens at 03:00); a local time that happens twice means its
// first occurrence; '24:00' is the next local midnight, so '24:00' followed by the next day's '00:00' is
// one stretch. Resolving local times this way never goes backwards, so each day's intervals lie inside the
// day and the days follow one another without overlapping.
//
// Cost. A day's intervals are computed once per calendar (a few Intl calls, only on days that do not
// already share the neighbouring days' UTC offset) and cached as UTC epoch milliseconds with their total;
// after that an operation walks whole days (one map lookup each) and only looks inside the first and the
// last one. Nothing ever steps minute by minute.

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Opening hours in one time zone. Same shape as `EngineCalendar` in programme.ts (`toEngineCalendar`). */
export interface Calendar {
	/** IANA time zone, e.g. 'America/Mexico_City'. */
	timezone: string;
	/** Local 'HH:MM' intervals [open, close) per weekday; '24:00' closes at the next midnight; a missing day is closed. */
	hours: Partial<Record<Weekday, [string, string][]>>;
	/** Local dates 'YYYY-MM-DD' on which the calendar is closed all day. */
	holidays: string[];
}

/** A calendar that cannot be used: malformed, no opening hours at all, or nothing open for 10 years. */
export class BusinessCalendarError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BusinessCalendarError';
	}
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** How far to look for the next (or previous) open day before calling the calendar unusable. */
const HORIZON_DAYS = 3653;
/** Longest amount or span accepted: far beyond any service level, and it keeps every call bounded. */
const MAX_SPAN = 36_525 * DAY;
/** ECMAScript's Date range. */
const MAX_TIME = 8.64e15;
/** Cached days per calendar before the cache starts over (about 270 years of days). */
const MAX_CACHED_DAYS = 100_000;

/** One local date's business time: UTC instants, merged and ascending. */
interface Day {
	/** First instant of the local date (its 00:00 resolved as above). */
	start: number;
	/** First instant of the next local date; `start` of the next day. */
	end: number;
	/** [open, close, open, close, ...] in epoch ms, within [start, end]. */
	bounds: number[];
	/** Business milliseconds in the day. */
	total: number;
}

interface CalendarState {
	timezone: string;
	format: Intl.DateTimeFormat;
	/** Per weekday (0 = Monday): [open, close, ...] in local minutes 0-1440, merged and ascending. */
	weekly: number[][];
	/** Holidays as day numbers (days since 1970-01-01). */
	holidays: Set<number>;
	days: Map<number, Day>;
	/** UTC offset in ms at midnight UTC of day k, by k. */
	offsets: Map<number, number>;
	/** Offset used to guess which local date an instant falls on; corrected against cached days. */
	guessOffset: number;
}

// ---------------------------------------------------------------------------------------------------
// Public API

/**
 * The instant at which `minutes` of business time, counted from `start`, have run out. An amount that ends
 * exactly at a closing returns that closing; 0 returns `start` when it is business time, else the next
 * opening. `minutes` may be fractional (converted to whole milliseconds, rounded); a negative, NaN or
 * infinite amount or an Invalid Date throws RangeError; amounts over 100 years throw RangeError.
 */
export function addBusinessMinutes(start: Date, minutes: number, cal: Calendar): Date {
	return addMs(start, amountMs(minutes, MINUTE, 'minutes'), cal);
}

/** Like {@link addBusinessMinutes}, with the amount in seconds. */
export function addBusinessSeconds(start: Date, seconds: number, cal: Calendar): Date {
	return addMs(start, amountMs(seconds, SECOND, 'seconds'), cal);
}

/**
 * The instant from which `minutes` of business time run up to `start`: business time counted backwards.
 * An amount that ends exactly at an opening returns that opening; 0 returns `start` when
 * open < start <= close, else the previous closing. Amounts are validated as in {@link addBusinessMinutes}
 * (a negative amount throws; it is never turned into an addition).
 */
export function subtractBusinessMinutes(start: Date, minutes: number, cal: Calendar): Date {
	return subtractMs(start, amountMs(minutes, MINUTE, 'minutes'), cal);
}

/** Like {@link subtractBusinessMinutes}, with the amount in seconds. */
export function subtractBusinessSeconds(start: Date, seconds: number, cal: Calendar): Date {
	return subtractMs(start, amountMs(seconds, SECOND, 'seconds'), cal);
}

/**
 * Business minutes inside [start, end), as a number that is fractional when the span does not cover whole
 * minutes (e.g. 0.5 for 30 s). start == end gives 0; end before start gives the negative of the reverse.
 * Spans over 100 years throw RangeError.
 */
export function businessMinutesBetween(start: Date, end: Date, cal: Calendar): number {
	return betweenMs(start, end, cal) / MINUTE;
}

/** Like {@link businessMinutesBetween}, in seconds (fractional when the instants carry milliseconds). */
export function businessSecondsBetween(start: Date, end: Date, cal: Calendar): number {
	return betweenMs(start, end, cal) / SECOND;
}

/** Whether `at` is business time: true at an opening, false at a closing, false all day on a holiday. */
export function isBusinessTime(at: Date, cal: Calendar): boolean {
	const t = instant(at, 'at');
	const state = stateOf(cal);
	const day = dayAt(state, dayIndexOf(state, t));
	const b = day.bounds;
	for (let i = 0; i < b.length; i += 2) if (b[i] <= t && t < b[i + 1]) return true;
	return false;
}

/** `at` when it is business time, else the next opening: where a business clock started at `at` starts running. */
export function nextBusinessInstant(at: Date, cal: Calendar): Date {
	return addMs(at, 0, cal);
}

/** `at` when business time runs up to it (open < at <= close), else the previous closing: where a clock stopped at `at` last ran. */
export function previousBusinessInstant(at: Date, cal: Calendar): Date {
	return subtractMs(at, 0, cal);
}

// ---------------------------------------------------------------------------------------------------
// Operations on epoch milliseconds

function addMs(startDate: Date, amount: number, cal: Calendar): Date {
	const start = instant(startDate, 'start');
	const state = stateOf(cal);
	let d = dayIndexOf(state, start);
	let cursor = start;
	let remaining = amount;
	let closedDays = 0;
	for (;;) {
		const day = dayAt(state, d);
		if (day.total === 0) {
			if (++closedDays > HORIZON_DAYS) throw noBusinessTime('after', start);
			d++;
			continue;
		}
		closedDays = 0;
		// Strictly more than the day holds: an amount that ends at its last closing must return that closing.
		if (cursor <= day.start && remaining > day.total) {
			remaining -= day.total;
			d++;
			continue;
		}
		const b = day.bounds;
		for (let i = 0; i < b.length; i += 2) {
			if (b[i + 1] <= cursor) continue;
			const from = b[i] > cursor ? b[i] : cursor;
			const available = b[i + 1] - from;
			if (remaining <= available) return toDate(from + remaining);
			remaining -= available;
		}
		cursor = day.end;
		d++;
	}
}

function subtractMs(startDate: Date, amount: number, cal: Calendar): Date {
	const start = instant(startDate, 'start');
	const state = stateOf(cal);
	let d = dayIndexOf(state, start);
	let cursor = start;
	let remaining = amount;
	let closedDays = 0;
	for (;;) {
		const day = dayAt(state, d);
		if (day.total === 0) {
			if (++closedDays > HORIZON_DAYS) throw noBusinessTime('before', start);
			d--;
			continue;
		}
		closedDays = 0;
		if (cursor >= day.end && remaining > day.total) {
			remaining -= day.total;
			d--;
			continue;
		}
		const b = day.bounds;
		for (let i = b.length - 2; i >= 0; i -= 2) {
			if (b[i] >= cursor) continue;
			const to = b[i + 1] < cursor ? b[i + 1] : cursor;
			const available = to - b[i];
			if (remaining <= available) return toDate(to - remaining);
			remaining -= available;
		}
		cursor = day.start;
		d--;
	}
}

function betweenMs(startDate: Date, endDate: Date, cal: Calendar): number {
	const start = instant(startDate, 'start');
	const end = instant(endDate, 'end');
	const state = stateOf(cal);
	if (Math.abs(end - start) > MAX_SPAN) throw new RangeError('spans longer than 100 years are not supported');
	if (start === end) return 0;
	if (end < start) return -businessMsWithin(state, end, start);
	return businessMsWithin(state, start, end);
}

function businessMsWithin(state: CalendarState, from: number, to: number): number {
	let total = 0;
	for (let d = dayIndexOf(state, from); ; d++) {
		const day = dayAt(state, d);
		if (day.start >= to) return total;
		if (from <= day.start && day.end <= to) {
			total += day.total;
			continue;
		}
		const b = day.bounds;
		for (let i = 0; i < b.length; i += 2) {
			const lo = b[i] > from ? b[i] : from;
			const hi = b[i + 1] < to ? b[i + 1] : to;
			if (hi > lo) total += hi - lo;
		}
	}
}

// ---------------------------------------------------------------------------------------------------
// Input checks

function instant(value: Date, name: string): number {
	if (Object.prototype.toString.call(value) !== '[object Date]') throw new TypeError(`${name} must be a Date`);
	const t = value.getTime();
	if (Number.isNaN(t)) throw new RangeError(`${name} is an Invalid Date`);
	return t;
}

function amountMs(amount: number, unit: number, name: string): number {
	if (typeof amount !== 'number' || !Number.isFinite(amount)) throw new RangeError(`${name} must be a finite number, got ${String(amount)}`);
	if (amount < 0) throw new RangeError(`${name} must not be negative (got ${amount}); use the other direction`);
	const ms = Math.round(amount * unit);
	if (ms > MAX_SPAN) throw new RangeError(`${name} must not exceed 100 years (got ${amount})`);
	return ms;
}

function toDate(t: number): Date {
	if (Math.abs(t) > MAX_TIME) throw new RangeError('the result lies outside the range of Date');
	return new Date(t);
}

function noBusinessTime(direction: 'after' | 'before', t: number): BusinessCalendarError {
	return new BusinessCalendarError(
		`no business time within 10 years ${direction} ${new Date(t).toISOString()}: every open day in that stretch is a holiday`,
	);
}

// ---------------------------------------------------------------------------------------------------
// Calendars: validated once, cached per object (and per content, for callers that rebuild the object)

const byObject = new WeakMap<Calendar, CalendarState>();
const byContent = new Map<string, CalendarState>();
const MAX_CALENDARS_BY_CONTENT = 64;

function stateOf(cal: Calendar): CalendarState {
	if (typeof cal !== 'object' || cal === null) throw new TypeError('cal must be a Calendar object');
	let state = byObject.get(cal);
	if (state) return state;
	const key = JSON.stringify([cal.timezone, cal.hours, cal.holidays]);
	state = byContent.get(key);
	if (!state) {
		state = compile(cal);
		if (byContent.size >= MAX_CALENDARS_BY_CONTENT) byContent.delete(byContent.keys().next().value!);
		byContent.set(key, state);
	}
	byObject.set(cal, state);
	return state;
}

function compile(cal: Calendar): CalendarState {
	const { timezone, hours, holidays } = cal;
	if (typeof timezone !== 'string') throw new BusinessCalendarError('calendar.timezone must be an IANA time zone name');
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: timezone,
			hourCycle: 'h23',
			era: 'short',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
	} catch {
		throw new BusinessCalendarError(`calendar.timezone "${timezone}" is not an IANA time zone (e.g. "America/Mexico_City")`);
	}
	if (typeof hours !== 'object' || hours === null) throw new BusinessCalendarError('calendar.hours must map weekdays to intervals');
	for (const key of Object.keys(hours)) {
		if (!WEEKDAYS.includes(key as Weekday)) throw new BusinessCalendarError(`calendar.hours: "${key}" is not a weekday (${WEEKDAYS.join(', ')})`);
	}
	const weekly = WEEKDAYS.map((weekday) => dayPattern(weekday, hours[weekday]));
	if (weekly.every((w) => w.length === 0)) throw new BusinessCalendarError('calendar has no business hours: every weekday is closed');
	if (!Array.isArray(holidays)) throw new BusinessCalendarError('calendar.holidays must be a list of dates "YYYY-MM-DD"');
	const holidayDays = new Set(holidays.map(holidayDay));
	const state: CalendarState = { timezone, format, weekly, holidays: holidayDays, days: new Map(), offsets: new Map(), guessOffset: 0 };
	state.guessOffset = offsetAt(state, Date.now());
	return state;
}

const CLOCK = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

function clockMinutes(value: unknown, where: string): number {
	const m = typeof value === 'string' ? CLOCK.exec(value) : null;
	if (!m) throw new BusinessCalendarError(`${where}: "${String(value)}" is not a local time "HH:MM" from 00:00 to 24:00`);
	return m[1] === undefined ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

/** A weekday's intervals in local minutes, sorted, overlapping and touching ones merged. */
function dayPattern(weekday: Weekday, intervals: [string, string][] | undefined): number[] {
	if (intervals === undefined) return [];
	if (!Array.isArray(intervals)) throw new BusinessCalendarError(`calendar.hours.${weekday} must be a list of [open, close] pairs`);
	const parsed = intervals.map((pair, i) => {
		const where = `calendar.hours.${weekday}[${i}]`;
		if (!Array.isArray(pair) || pair.length !== 2) throw new BusinessCalendarError(`${where} must be a pair [open, close]`);
		const open = clockMinutes(pair[0], where);
		const close = clockMinutes(pair[1], where);
		// Overnight hours are written as '22:00'-'24:00' plus the next day's '00:00'-'06:00'.
		if (open >= close) throw new BusinessCalendarError(`${where}: ${pair[0]}-${pair[1]} must open before it closes`);
		return [open, close];
	});
	parsed.sort((a, b) => a[0] - b[0]);
	const merged: number[] = [];
	for (const [open, close] of parsed) {
		const last = merged.length - 1;
		if (last > 0 && open <= merged[last]) merged[last] = Math.max(merged[last], close);
		else merged.push(open, close);
	}
	return merged;
}

function holidayDay(value: unknown): number {
	const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
	const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
	if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
		throw new BusinessCalendarError(`calendar.holidays: "${String(value)}" is not a date "YYYY-MM-DD"`);
	}
	return daysFromCivil(y, mo, d);
}

function daysInMonth(y: number, mo: number): number {
	return daysFromCivil(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1, 1) - daysFromCivil(y, mo, 1);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil; any year). */
function daysFromCivil(y: number, m: number, d: number): number {
	const year = m <= 2 ? y - 1 : y;
	const era = Math.floor(year / 400);
	const yoe = year - era * 400;
	const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146_097 + doe - 719_468;
}

// ---------------------------------------------------------------------------------------------------
// Days: a local date's business intervals as UTC instants

function dayAt(state: CalendarState, d: number): Day {
	let day = state.days.get(d);
	if (day) return day;
	if (state.days.size >= MAX_CACHED_DAYS) state.days.clear();
	day = buildDay(state, d);
	state.days.set(d, day);
	return day;
}

function buildDay(state: CalendarState, d: number): Day {
	const midnight = d * DAY;
	const start = resolveLocal(state, midnight);
	const end = resolveLocal(state, midnight + DAY);
	const bounds: number[] = [];
	let total = 0;
	if (!state.holidays.has(d)) {
		// 1970-01-01 (day 0) was a Thursday; Monday is 0.
		const pattern = state.weekly[(((d + 3) % 7) + 7) % 7];
		for (let i = 0; i < pattern.length; i += 2) {
			const open = resolveLocal(state, midnight + pattern[i] * MINUTE);
			const close = resolveLocal(state, midnight + pattern[i + 1] * MINUTE);
			if (close <= open) continue; // both ends inside one skipped hour
			const last = bounds.length - 1;
			if (last > 0 && open <= bounds[last]) {
				// Touching once the skipped hour is squeezed out, e.g. '01:30'-'02:15' and '02:30'-'04:00'.
				if (close > bounds[last]) {
					total += close - bounds[last];
					bounds[last] = close;
				}
			} else {
				bounds.push(open, close);
				total += close - open;
			}
		}
	}
	return { start, end, bounds, total };
}

/** The local date whose [start, end) contains instant t. */
function dayIndexOf(state: CalendarState, t: number): number {
	let d = Math.floor((t + state.guessOffset) / DAY);
	let day = dayAt(state, d);
	while (t < day.start) day = dayAt(state, --d);
	while (t >= day.end) day = dayAt(state, ++d);
	state.guessOffset = d * DAY - day.start;
	return d;
}

// ---------------------------------------------------------------------------------------------------
// Time zones: local wall time <-> instant, through Intl

/**
 * The instant of local wall time `wall` (epoch ms of the wall clock read as if it were UTC): the first
 * occurrence when the clocks fall back; moved forward by the gap's length when they spring forward over it.
 */
function resolveLocal(state: CalendarState, wall: number): number {
	const k = Math.floor(wall / DAY);
	// Every instant showing this wall time lies within a day of it, so equal offsets at both brackets
	// mean no transition near it (zones do not change twice within three days).
	const before = boundaryOffset(state, k - 1);
	const after = boundaryOffset(state, k + 2);
	if (before === after) return wall - before;
	const early = wall - Math.max(before, after);
	if (offsetAt(state, early) === Math.max(before, after)) return early;
	const late = wall - Math.min(before, after);
	if (offsetAt(state, late) === Math.min(before, after)) return late;
	if (before >= after) return late;
	// Skipped by a spring-forward: the wall time moves forward by the length of the gap, i.e. it is
	// read with the offset in force before the transition (02:30 in a 02:00→03:00 gap is 03:30), as
	// Temporal's 'compatible' disambiguation does.
	return wall - before;
}

function boundaryOffset(state: CalendarState, k: number): number {
	let offset = state.offsets.get(k);
	if (offset === undefined) {
		if (state.offsets.size >= MAX_CACHED_DAYS) state.offsets.clear();
		offset = offsetAt(state, k * DAY);
		state.offsets.set(k, offset);
	}
	return offset;
}

/** The zone's UTC offset at instant t, in ms (local wall time minus UTC). */
function offsetAt(state: CalendarState, t: number): number {
	const at = Math.min(MAX_TIME, Math.max(-MAX_TIME, t));
	let year = 0;
	let month = 0;
	let day = 0;
	let hour = 0;
	let minute = 0;
	let second = 0;
	let bc = false;
	for (const part of state.format.formatToParts(at)) {
		switch (part.type) {
			case 'year': year = Number(part.value); break;
			case 'month': month = Number(part.value); break;
			case 'day': day = Number(part.value); break;
			case 'hour': hour = Number(part.value) % 24; break;
			case 'minute': minute = Number(part.value); break;
			case 'second': second = Number(part.value); break;
			case 'era': bc = /^b/i.test(part.value); break;
		}
	}
	if (bc) year = 1 - year;
	const wall = daysFromCivil(year, month, day) * DAY + hour * HOUR + minute * MINUTE + second * SECOND;
	return wall - (at - (((at % SECOND) + SECOND) % SECOND));
}
