// Dates and sizes as the reader says them (Intl), in the ticket's organisation's time zone.
export { formatInstant } from '../../../supabase/functions/_shared/email/format.ts';

/** "6 abr 2026, 12:00" / "Apr 6, 2026, 12:00 PM". */
export function shortDate(at: string, lang: 'es' | 'en', timeZone: string): string {
	return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));
}

export { fileSize } from '../shared/file-size.ts';
