// Dates and sizes as the reader says them (Intl), in the ticket's organisation's time zone.
export { formatInstant } from '../../../supabase/functions/_shared/email/format.ts';

/** "6 abr 2026, 12:00" / "Apr 6, 2026, 12:00 PM". */
export function shortDate(at: string, lang: 'es' | 'en', timeZone: string): string {
	return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));
}

const MB = 1024 * 1024;

/** 2048 → "2 kB"; 5_000_000 → "4,8 MB". */
export function fileSize(bytes: number, lang: 'es' | 'en'): string {
	const [unit, value] = bytes >= MB ? ['megabyte', bytes / MB] : bytes >= 1024 ? ['kilobyte', bytes / 1024] : ['byte', bytes];
	return new Intl.NumberFormat(lang, { style: 'unit', unit: String(unit), unitDisplay: 'short', maximumFractionDigits: 1 }).format(Number(value));
}
