// UI strings reach islands as a plain object the page builds from the translation files
// (src/content/i18n/{es,en}.json, keys `mostrador.<widget>.<name>`): islands never ship both languages.
export type Labels<K extends string> = Record<K, string>;

/** Fills {name} placeholders: fill('Quedan {n} tickets', { n: 3 }). */
export function fill(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}
