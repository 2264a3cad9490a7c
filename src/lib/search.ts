// A small typed client for Pagefind's JS API (the index the build writes to /pagefind/). The search
// page uses it, and the ticket form will use it to suggest knowledge-base articles as the customer
// types. Pagefind loads the index of the page's language, so results are in the reader's language.
// Callers speak of filters as type, product, version and audience; the index names them in the
// page's language (src/lib/search-keys.ts), and `keys` translates between the two.
// `search` sends the query to Pagefind as it is; `searchQuestion` reads it as a customer's sentence
// (src/lib/question-search.ts), and is what the search page and the ticket form's suggestions use.
import { FILTER_NAMES, type FilterKeys, type FilterName } from './search-keys.ts';
import type { PagefindResultData } from './question-search.ts';

export type { FilterName, FilterKeys };
export type Filters = Partial<Record<FilterName, string[]>>;
/** Per filter, each value and how many pages carry it. */
export type FilterCounts = Partial<Record<FilterName, Record<string, number>>>;

export interface SearchHit {
	url: string;
	title: string;
	/** Pagefind's excerpt: HTML with the matched words in <mark>. */
	excerpt: string;
	/** Article type key (guide, kb, …) from the page's metadata. */
	type?: string;
	filters: Filters;
}

export interface SearchResponse {
	total: number;
	hits: SearchHit[];
	/** Counts of the remaining values of each filter for this query. */
	filters: FilterCounts;
}

interface PagefindApi {
	options(opts: Record<string, unknown>): Promise<void>;
	init(): Promise<void>;
	search(
		term: string | null,
		opts?: { filters?: Record<string, string[] | { any: string[] }> },
	): Promise<{
		results: { id: string; score: number; data(): Promise<PagefindResultData> }[];
		filters: Record<string, Record<string, number>>;
	}>;
	filters(): Promise<Record<string, Record<string, number>>>;
	debouncedSearch?: unknown;
}

let api: Promise<PagefindApi> | undefined;

/** Loads Pagefind once per page; `base` is the site's base path. */
export function loadPagefind(base = '/'): Promise<PagefindApi> {
	api ??= (async () => {
		const root = base.endsWith('/') ? base : `${base}/`;
		const mod = (await import(/* @vite-ignore */ `${root}pagefind/pagefind.js`)) as PagefindApi;
		await mod.options({ baseUrl: root });
		await mod.init();
		return mod;
	})();
	api.catch(() => (api = undefined));
	return api;
}

const IDENTITY: FilterKeys = { type: 'type', product: 'product', version: 'version', audience: 'audience' };

function toPagefindFilters(filters: Filters, keys: FilterKeys): Record<string, { any: string[] }> {
	return Object.fromEntries(
		Object.entries(filters)
			.filter(([, values]) => values && values.length > 0)
			.map(([name, values]) => [keys[name as FilterName], { any: values! }]),
	);
}

function fromPagefind<V>(record: Record<string, V>, keys: FilterKeys): Partial<Record<FilterName, V>> {
	const out: Partial<Record<FilterName, V>> = {};
	for (const name of FILTER_NAMES) if (keys[name] in record) out[name] = record[keys[name]];
	return out;
}

/**
 * Searches the index. Values of one filter are alternatives (any of them), different filters must
 * all match. An empty query with filters lists every page those filters match.
 */
export interface SearchOptions {
	filters?: Filters;
	limit?: number;
	base?: string;
	/** The index's filter names (filterKeys(t) on the page); defaults to the English names. */
	keys?: FilterKeys;
}

export async function search(query: string, { filters = {}, limit = 20, base = '/', keys = IDENTITY }: SearchOptions = {}): Promise<SearchResponse> {
	const pagefind = await loadPagefind(base);
	const term = query.trim();
	const hasFilters = Object.values(filters).some((v) => v && v.length);
	if (!term && !hasFilters) return { total: 0, hits: [], filters: fromPagefind(await pagefind.filters(), keys) };
	const response = await pagefind.search(term || null, { filters: toPagefindFilters(filters, keys) });
	const data = await Promise.all(response.results.slice(0, limit).map((r) => r.data()));
	return {
		total: response.results.length,
		hits: data.map((d) => toHit(d, keys)),
		filters: fromPagefind(response.filters, keys),
	};
}

function toHit(d: PagefindResultData, keys: FilterKeys): SearchHit {
	return { url: d.url, title: d.meta.title ?? d.url, excerpt: d.excerpt, type: d.meta.type, filters: fromPagefind(d.filters, keys) };
}

export interface QuestionOptions extends SearchOptions {
	/** Article types (kb, faq, troubleshooting, …) ranked above the others, for suggestions. */
	prefer?: string[];
	/** Which stop words and synonyms apply; defaults to the page's language. */
	lang?: string;
}

/**
 * Searches for what a customer's sentence asks: any of its meaningful words may match, with their
 * synonyms and corrected spellings, and pages come first as they cover more of it. The response has
 * no filter counts (they would count a different set of pages per word): read them from `allFilters`.
 * An empty question with filters lists the pages those filters match, as `search` does.
 */
export async function searchQuestion(
	question: string,
	{ filters = {}, limit = 20, base = '/', keys = IDENTITY, prefer, lang }: QuestionOptions = {},
): Promise<SearchResponse> {
	if (!question.trim()) return search(question, { filters, limit, base, keys });
	const [pagefind, { ask }] = await Promise.all([loadPagefind(base), import('./question-search.ts')]);
	const { total, pages } = await ask(pagefind, question, {
		filters: toPagefindFilters(filters, keys),
		lang: lang ?? (typeof document === 'undefined' ? 'es' : document.documentElement.lang || 'es'),
		limit,
		prefer,
		typeKey: keys.type,
	});
	return { total, hits: pages.map((d) => toHit(d, keys)), filters: {} };
}

/** Every filter value in the index with its page count, for building filter controls. */
export async function allFilters({ base = '/', keys = IDENTITY }: Pick<SearchOptions, 'base' | 'keys'> = {}): Promise<FilterCounts> {
	return fromPagefind(await (await loadPagefind(base)).filters(), keys);
}

/** The articles written to solve a problem, ranked first among suggestions. */
export const PROBLEM_TYPES = ['kb', 'faq', 'troubleshooting'];

/**
 * Articles that may answer what a customer is typing, for the ticket form: known problems, FAQs and
 * troubleshooting guides first, then any other article that covers the question better. `kbLabel`
 * (the type filter's value for known problems, e.g. "Problema conocido") used to restrict the
 * suggestions to known problems; it is still accepted, and `onlyKb` restores that restriction.
 */
export async function suggestKnownProblems(
	text: string,
	{ kbLabel, product, onlyKb = false, limit = 5, base = '/', keys = IDENTITY, lang }: { kbLabel: string; product?: string; onlyKb?: boolean; lang?: string } & Omit<SearchOptions, 'filters'>,
): Promise<SearchHit[]> {
	if (text.trim().length < 3) return [];
	const filters: Filters = onlyKb ? { type: [kbLabel] } : {};
	if (product) filters.product = [product];
	return (await searchQuestion(text, { filters, limit, base, keys, lang, prefer: PROBLEM_TYPES })).hits;
}

/** Reads the search state from a URL: ?q=…&type=…&product=…&version=…&audience=… (repeatable). */
export function stateFromUrl(url: URL): { query: string; filters: Filters } {
	const filters: Filters = {};
	for (const name of FILTER_NAMES) {
		const values = url.searchParams.getAll(name).filter(Boolean);
		if (values.length) filters[name] = values;
	}
	return { query: url.searchParams.get('q') ?? '', filters };
}

/** Writes the search state into a URL, so a search can be shared, bookmarked and reloaded. */
export function urlWithState(url: URL, query: string, filters: Filters): URL {
	const next = new URL(url);
	next.search = '';
	if (query) next.searchParams.set('q', query);
	for (const [name, values] of Object.entries(filters)) for (const v of values ?? []) next.searchParams.append(name, v);
	return next;
}
