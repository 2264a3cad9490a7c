// Pagefind filter names per language: the filter's label, lower-cased (Pagefind's panel capitalises it).
export const FILTER_NAMES = ['type', 'product', 'version', 'audience'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type FilterKeys = Record<FilterName, string>;

type T = (key: string) => string;

export function filterKey(t: T, name: string): string {
	return t(`mostrador.search.filter.${name}`).toLocaleLowerCase();
}

export function filterKeys(t: T): FilterKeys {
	return Object.fromEntries(FILTER_NAMES.map((n) => [n, filterKey(t, n)])) as FilterKeys;
}
