// Sizes and dates of downloads in the page's language.

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 12_345_678 → "12,3 MB" (es) / "12.3 MB" (en); decimal units, as the units' names say. */
export function formatSize(bytes: number, lang: string): string {
	let n = bytes;
	let i = 0;
	while (n >= 1000 && i < UNITS.length - 1) {
		n /= 1000;
		i++;
	}
	return new Intl.NumberFormat(lang, { style: 'unit', unit: UNITS[i], unitDisplay: i === 0 ? 'long' : 'short', maximumFractionDigits: i === 0 ? 0 : 1 }).format(n);
}

/** A day (YYYY-MM-DD) or an instant, as a long date. Days are formatted in UTC so they stay the same day. */
export function formatDay(value: string, lang: string): string {
	const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
	return new Date(day ? `${value}T00:00:00Z` : value).toLocaleDateString(lang, { dateStyle: 'long', ...(day ? { timeZone: 'UTC' } : {}) });
}

export function today(): string {
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
