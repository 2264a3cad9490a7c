// Figures as the reader says them (Intl): months, percentages, counts. Rates come from the RPC as
// fractions rounded to 4 decimals, so two decimals of a percentage show them exactly (0.6667 → 66,67 %).
import type { Month } from './range.ts';

const utc = (month: Month) => new Date(`${month}-01T12:00:00Z`);

/** "octubre de 2026" / "October 2026". */
export function monthLong(month: Month, lang: 'es' | 'en'): string {
	return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(month));
}

/** "oct 2026" / "Oct 2026", for chart axes. */
export function monthShort(month: Month, lang: 'es' | 'en'): string {
	return new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(utc(month));
}

/** 0.6667 → "66,67 %" / "66.67%". */
export function percent(rate: number, lang: 'es' | 'en'): string {
	return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(rate);
}

export function count(n: number, lang: 'es' | 'en'): string {
	return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(n);
}
