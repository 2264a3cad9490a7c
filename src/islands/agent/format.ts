// Dates and durations as the agent reads them: in their own time zone (the browser's), in the page's
// language. Countdowns are wall-clock time to the deadline; "at risk" is judged in business time.

export { longDay, shortDate } from '../shared/dates.ts';

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
