// Periods, months and rates as each language writes them, through Intl. Shared by the report e-mails
// and the printable report page.

export type Lang = 'es' | 'en';

/** "9–15 de noviembre de 2026" / "November 9 – 15, 2026" (English sets the dash between thin spaces). */
export function formatDays(from: string, to: string, lang: Lang): string {
	const f = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
	return f.formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`));
}

/** "octubre de 2026" / "October 2026". */
export function formatMonth(month: string, lang: Lang): string {
	return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** 0.9474 → "94,7 %" / "94.7%". */
export function formatRate(rate: number, lang: Lang): string {
	return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}
