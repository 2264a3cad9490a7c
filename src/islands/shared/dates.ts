// Dates as the reader says them (Intl), in the page's language: an instant short or long, in a given
// time zone (the organisation's) or the browser's, and a calendar date as that day wherever one is.
export { formatInstant } from '#shared/email/format.ts';

/** "6 abr 2026, 12:00" / "Apr 6, 2026, 12:00 PM", in the zone given or the browser's. */
export function shortDate(at: string | number, lang: 'es' | 'en', timeZone?: string): string {
	return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));
}

/** "6 abr 2026" for a calendar date ("2026-04-06"), read as that day wherever the reader is. */
export function longDay(day: string, lang: 'es' | 'en'): string {
	return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
