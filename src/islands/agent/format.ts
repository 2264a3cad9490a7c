// Dates and durations as the agent reads them: in their own time zone (the browser's), in the page's
// language. Countdowns are wall-clock time to the deadline; "at risk" is judged in business time.

/** "6 abr 2026, 12:00" / "Apr 6, 2026, 12:00 PM" in the agent's zone, or the one given. */
export function shortDate(at: string | number, lang: 'es' | 'en', timeZone?: string): string {
	return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));
}

/** "6 abr 2026" for a calendar date ("2026-04-06"), read as that day wherever the agent is. */
export function longDay(day: string, lang: 'es' | 'en'): string {
	return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

const MINUTE = 60_000;

/** 135 minutes → "2 h 15 min"; 26 hours → "1 d 2 h"; under a minute → "<1 min". Same units in both languages. */
export function duration(ms: number): string {
	const minutes = Math.floor(Math.abs(ms) / MINUTE);
	if (minutes < 1) return '<1 min';
	const d = Math.floor(minutes / 1440);
	const h = Math.floor((minutes % 1440) / 60);
	const m = minutes % 60;
	if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
	if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
	return `${m} min`;
}

export { fileSize } from '../shared/file-size.ts';
