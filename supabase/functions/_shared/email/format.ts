// Instants and amounts as the reader says them, through Intl: a deadline in the recipient's time zone
// with the zone's name spelled out, an amount of business time in words.

/** "lunes, 6 de abril de 2026, 12:00 hora estándar central" / "Monday, April 6, 2026 at 12:00 PM Central Standard Time". */
export function formatInstant(at: Date | string, lang: 'es' | 'en', timeZone: string): string {
	const d = typeof at === 'string' ? new Date(at) : at;
	return new Intl.DateTimeFormat(lang, {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZone,
		timeZoneName: 'long',
	}).format(d);
}

/** 270 → "4 horas y 30 minutos" / "4 hours, 30 minutes"; 2 days of minutes stay hours (business time has no days). */
export function formatMinutes(minutes: number, lang: 'es' | 'en'): string {
	const whole = Math.round(minutes);
	const parts = { hours: Math.floor(whole / 60), minutes: whole % 60 };
	if (whole <= 0) return new Intl.DurationFormat(lang, { style: 'long', minutesDisplay: 'always' }).format({ minutes: 0 });
	const value = Object.fromEntries(Object.entries(parts).filter(([, n]) => n > 0));
	return new Intl.DurationFormat(lang, { style: 'long' }).format(value);
}

/** "3 días" / "1 day". */
export function formatDays(days: number, lang: 'es' | 'en'): string {
	return new Intl.DurationFormat(lang, { style: 'long' }).format({ days });
}
