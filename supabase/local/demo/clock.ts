// Instants of the demo's history, counted back from the moment it is loaded: the demo is loaded on any
// date, so nothing in it is a calendar date. Openings are written in the organisation's own local time
// (a customer writes at 10:15 in Madrid, not at 09:15Z), on a working day.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function formatOf(timeZone: string): Intl.DateTimeFormat {
	let f = partsFormat.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short' });
		partsFormat.set(timeZone, f);
	}
	return f;
}

function local(ms: number, timeZone: string): { y: number; m: number; d: number; h: number; mi: number; s: number; weekday: string } {
	const p = Object.fromEntries(formatOf(timeZone).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
	return { y: +p.year, m: +p.month, d: +p.day, h: +p.hour, mi: +p.minute, s: +p.second, weekday: p.weekday };
}

/** The instant that reads `hour:minute` on the wall clocks of `timeZone` on the local day `y-m-d`. */
function zoned(y: number, m: number, d: number, hour: number, minute: number, timeZone: string): number {
	const wanted = Date.UTC(y, m - 1, d, hour, minute);
	let guess = wanted;
	// Two rounds settle the zone's offset, also across a change of summer time.
	for (let i = 0; i < 2; i++) {
		const l = local(guess, timeZone);
		guess += wanted - Date.UTC(l.y, l.m - 1, l.d, l.h, l.mi, l.s);
	}
	return guess;
}

/**
 * `daysAgo` days before `now`, at `time` ('HH:MM') local to `timeZone`; a Saturday or Sunday moves back
 * to the Friday before, since the demo's customers write on working days.
 */
export function localOpening(now: number, daysAgo: number, time: string, timeZone: string): number {
	let day = now - daysAgo * DAY;
	for (let l = local(day, timeZone); l.weekday === 'Sat' || l.weekday === 'Sun'; l = local(day, timeZone)) day -= DAY;
	const l = local(day, timeZone);
	const [hour, minute] = time.split(':').map(Number);
	return zoned(l.y, l.m, l.d, hour, minute, timeZone);
}

/** The next whole minute after `ms`: when the every-minute cron runs the sweep after a change at `ms`. */
export function nextMinute(ms: number): number {
	return Math.floor(ms / MINUTE) * MINUTE + MINUTE;
}

/** The first whole minute at or after `ms`: when the sweep finds a ticket whose next check is `ms`. */
export function minuteAtOrAfter(ms: number): number {
	return Math.ceil(ms / MINUTE) * MINUTE;
}

/** A few seconds that look like a person's, always the same for the same text (so a reload is identical in shape). */
export function seconds(seed: string): number {
	let h = 2166136261;
	for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
	return 5 + ((h >>> 0) % 50);
}

export { HOUR, DAY, MINUTE };
