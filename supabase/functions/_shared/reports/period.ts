// The periods reports cover, as local calendar days ('YYYY-MM-DD') in a time zone: a week runs Monday
// to Sunday (ISO 8601), a month from its 1st to its last day, both ends included. Days are handled as
// plain dates (arithmetic in UTC, where every day has 24 hours); only "today" needs the zone.
// Pure module: runs in Deno, Node and the browser.

/** Local days from `from` to `to`, both included. */
export interface Period {
	from: string;
	to: string;
}

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export function isDay(value: string): boolean {
	if (!DAY.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function isMonth(value: string): boolean {
	const m = MONTH.exec(value);
	return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The calendar day it is at `at` in `timeZone`. */
export function localDay(at: Date, timeZone: string): string {
	// en-CA writes dates as YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function addDays(day: string, days: number): string {
	return dayOf(utc(day) + days * DAY_MS);
}

/** 1 for Monday … 7 for Sunday. */
export function isoWeekday(day: string): number {
	return ((new Date(utc(day)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday-to-Sunday week that contains `day`. */
export function weekOf(day: string): Period {
	const monday = addDays(day, 1 - isoWeekday(day));
	return { from: monday, to: addDays(monday, 6) };
}

/** The last whole week before the one `at` falls in, in `timeZone`. */
export function previousWeek(at: Date, timeZone: string): Period {
	return weekOf(addDays(localDay(at, timeZone), -7));
}

/** 'YYYY-MM' of a day. */
export function monthOfDay(day: string): string {
	return day.slice(0, 7);
}

/** The days of a month given as 'YYYY-MM'. */
export function monthPeriod(month: string): Period {
	const m = MONTH.exec(month);
	if (!m || !isMonth(month)) throw new Error(`not a month "YYYY-MM": ${JSON.stringify(month)}`);
	const [year, index] = [Number(m[1]), Number(m[2])];
	const last = new Date(Date.UTC(year, index, 0)).getUTCDate();
	return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month before the one `at` falls in, in `timeZone`, as 'YYYY-MM'. */
export function previousMonth(at: Date, timeZone: string): string {
	const first = `${monthOfDay(localDay(at, timeZone))}-01`;
	return monthOfDay(addDays(first, -1));
}

/** Whether `day` lies in the period. Days compare as strings. */
export function inPeriod(day: string | null | undefined, period: Period): boolean {
	return !!day && day >= period.from && day <= period.to;
}

/** Whether two periods share a day; `to` null means open-ended (a contract without an end). */
export function overlaps(period: Period, from: string, to: string | null): boolean {
	return from <= period.to && (to === null || to >= period.from);
}
