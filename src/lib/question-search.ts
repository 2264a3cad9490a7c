// Answers a customer's sentence with Pagefind. Pagefind alone wants every word of the query on the
// page, so "el sistema está muy lento" finds nothing; here the sentence becomes slots
// (src/lib/question-terms.ts), each slot's terms are searched on their own (Pagefind stems them in
// the page's language and matches accents loosely), a word that matches nothing is retried with the
// spellings it may have meant, and the pages are ranked by how much of the question they cover
// (src/lib/question-rank.ts). Loaded by src/lib/search.ts only when someone searches.
import { questionSlots, typoCandidates, type Slot } from './question-terms.ts';
import { rankByCoverage, type RankedSlot, type TermResults } from './question-rank.ts';
import { synonyms } from './question-synonyms.ts';

export interface PagefindResultData {
	url: string;
	excerpt: string;
	meta: Record<string, string>;
	filters: Record<string, string[]>;
}
interface PagefindResult {
	id: string;
	score: number;
	data(): Promise<PagefindResultData>;
}
export interface PagefindSearch {
	search(term: string, opts?: { filters?: Record<string, { any: string[] }> }): Promise<{ results: PagefindResult[] }>;
	filters(): Promise<Record<string, Record<string, number>>>;
}

export interface AskOptions {
	/** Pagefind filters, in the index's names. */
	filters: Record<string, { any: string[] }>;
	/** The page's language ("es", "en"): which stop words and synonyms apply. */
	lang: string;
	limit: number;
	/** Article types (kb, faq, …) ranked up, for suggestions. */
	prefer?: string[];
	/** The index's name of the type filter, to count the pages. */
	typeKey: string;
}

/** How much a synonym and a corrected spelling count next to the customer's own word. */
const SYNONYM = 0.7;
const CORRECTED = 0.7;
/** How much a preferred article type is ranked up. */
const PREFERRED = 1.3;

export async function ask(pagefind: PagefindSearch, question: string, { filters, lang, limit, prefer = [], typeKey }: AskOptions) {
	const slots = questionSlots(question, lang, synonyms);
	const results = new Map<string, Promise<PagefindResult[]>>();
	const find = (term: string) => {
		if (!results.has(term)) results.set(term, termResults(pagefind, term, filters));
		return results.get(term)!;
	};
	const ranked: RankedSlot[] = await Promise.all(slots.map((slot) => slotResults(slot, find)));
	const order = rankByCoverage(ranked, await pageCount(pagefind, typeKey));

	const byId = new Map<string, PagefindResult>();
	for (const list of results.values()) for (const r of await list) byId.set(r.id, r);
	// Preferred types can only be told from each page's data, so a few more pages than needed are read.
	const candidates = order.slice(0, prefer.length ? Math.max(limit * 3, 12) : limit);
	const pages = await Promise.all(
		candidates.map(async ({ id, score }) => {
			const data = await byId.get(id)!.data();
			return { data, score: score * (prefer.includes(data.meta.type) ? PREFERRED : 1) };
		}),
	);
	pages.sort((a, b) => b.score - a.score);
	return { total: order.length, pages: pages.slice(0, limit).map((p) => p.data) };
}

async function slotResults(slot: Slot, find: (term: string) => Promise<PagefindResult[]>): Promise<RankedSlot> {
	const lists = await Promise.all(slot.terms.map(find));
	const terms = lists.map((list, i) => ({ results: toMap(list), factor: i === 0 ? 1 : SYNONYM }));
	if (lists.some((l) => l.length) || slot.terms.length > 1) return { terms };
	// A single word that matches nothing is probably mistyped: the likeliest spelling that matches wins.
	const candidates = typoCandidates(slot.text);
	for (let i = 0; i < candidates.length; i += 8) {
		const batch = candidates.slice(i, i + 8);
		const found = await Promise.all(batch.map(find));
		const hit = found.findIndex((l) => l.length);
		if (hit >= 0) return { terms: [{ results: toMap(found[hit]), factor: CORRECTED }] };
	}
	return { terms };
}

/**
 * One term's results. An expression of several words must appear as written: Pagefind's quoted search
 * says where it does, but scores every page alike, so the scores come from the same words unquoted.
 */
async function termResults(pagefind: PagefindSearch, term: string, filters: AskOptions['filters']): Promise<PagefindResult[]> {
	const loose = pagefind.search(term, { filters }).then((r) => r.results);
	if (!/\s/.test(term)) return loose;
	const exact = new Set((await pagefind.search(`"${term}"`, { filters })).results.map((r) => r.id));
	return (await loose).filter((r) => exact.has(r.id));
}

function toMap(list: PagefindResult[]): TermResults {
	return new Map(list.map((r) => [r.id, r.score]));
}

let counted: Promise<number> | undefined;
/** How many pages the index holds: every article has exactly one type. */
function pageCount(pagefind: PagefindSearch, typeKey: string): Promise<number> {
	counted ??= pagefind
		.filters()
		.then((f) => Object.values(f[typeKey] ?? {}).reduce((a, b) => a + b, 0))
		.catch(() => 0);
	return counted;
}
