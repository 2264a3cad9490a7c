// A file's size as the reader says it: "2,4 MB" / "2.4 MB".
const MB = 1024 * 1024;

export function fileSize(bytes: number, lang: 'es' | 'en'): string {
	const [unit, value] = bytes >= MB ? ['megabyte', bytes / MB] : bytes >= 1024 ? ['kilobyte', bytes / 1024] : ['byte', bytes];
	return new Intl.NumberFormat(lang, { style: 'unit', unit: String(unit), unitDisplay: 'short', maximumFractionDigits: 1 }).format(Number(value));
}
