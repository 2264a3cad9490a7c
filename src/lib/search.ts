// A small typed client for Pagefind's JS API (the index the build writes to /pagefind/). The search
// page uses it, and the ticket form will use it to suggest knowledge-base articles as the customer
// types. Pagefind loads the index of the page's language, so results are in the reader's language.

/** Filter names our pages declare (src/components/ArticleMeta.astro). */
export type FilterName = 'type' | 'product' | 'version' | 'audience';
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

interface PagefindResultData {
	url: string;
	excerpt: string;
	meta: Record<string, string>;
	filters: Record<string, string[]>;
}
interface PagefindApi {
	options(opts: Record<string, unknown>): Promise<void>;
	init(): Promise<void>;
	search(
		term: string | null,
		opts?: { filters?: Record<string, string[] | { any: string[] }> },
	): Promise<{ results: { data(): Promise<PagefindResultData> }[]; filters: Record<string, Record<string, number>> }>;
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

function toPagefindFilters(filters: Filters): Record<string, { any: string[] }> {
	return Object.fromEntries(
		Object.entries(filters)
			.filter(([, values]) => values && values.length > 0)
			.map(([name, values]) => [name, { any: values! }]),
	);
}

/**
 * Searches the index. Values of one filter are alternatives (any of them), different filters must
 * all match. An empty query with filters lists every page those filters match.
 */
export async function search(query: string, { filters = {}, limit = 20, base = '/' }: { filters?: Filters; limit?: number; base?: string } = {}): Promise<SearchResponse> {
	const pagefind = await loadPagefind(base);
	const term = query.trim();
	const hasFilters = Object.values(filters).some((v) => v && v.length);
	if (!term && !hasFilters) return { total: 0, hits: [], filters: (await pagefind.filters()) as FilterCounts };
	const response = await pagefind.search(term || null, { filters: toPagefindFilters(filters) });
	const data = await Promise.all(response.results.slice(0, limit).map((r) => r.data()));
	return {
		total: response.results.length,
		hits: data.map((d) => ({
			url: d.url,
			title: d.meta.title ?? d.url,
			excerpt: d.excerpt,
			type: d.meta.type,
			filters: d.filters as Filters,
		})),
		filters: response.filters as FilterCounts,
	};
}

/** Every filter value in the index with its page count, for building filter controls. */
export async function allFilters(base = '/'): Promise<FilterCounts> {
	return (await (await loadPagefind(base)).filters()) as FilterCounts;
}

/**
 * Knowledge-base articles that may answer what a customer is typing, for the ticket form.
 * `kbLabel` is the type filter's value in the page's language (e.g. "Problema conocido").
 */
export async function suggestKnownProblems(text: string, { kbLabel, product, limit = 5, base = '/' }: { kbLabel: string; product?: string; limit?: number; base?: string }): Promise<SearchHit[]> {
	if (text.trim().length < 3) return [];
	const filters: Filters = { type: [kbLabel] };
	if (product) filters.product = [product];
	return (await search(text, { filters, limit, base })).hits;
}

/** Reads the search state from a URL: ?q=…&type=…&product=…&version=…&audience=… (repeatable). */
export function stateFromUrl(url: URL): { query: string; filters: Filters } {
	const filters: Filters = {};
	for (const name of ['type', 'product', 'version', 'audience'] as const) {
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
