// Formatting shared by the site's components (and later the widgets), in the page's language.

/** 270 → "4 horas y 30 minutos" (es) / "4 hours, 30 minutes" (en). */
export function formatDuration(minutes: number, lang: string): string {
	const parts = { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
	const value = Object.fromEntries(Object.entries(parts).filter(([, n]) => n > 0));
	return new Intl.DurationFormat(lang, { style: 'long' }).format(value);
}

/** A calendar date as the reader says it; dates are days, so they are formatted in UTC. */
export function formatDate(date: Date | string, lang: string): string {
	const d = typeof date === 'string' ? new Date(`${date}T00:00:00Z`) : date;
	return d.toLocaleDateString(lang, { dateStyle: 'long', timeZone: 'UTC' });
}

export function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}
