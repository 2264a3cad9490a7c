// Merges one Pagefind search per term into a ranking of pages by how much of the question each one
// covers. A slot (src/lib/question-terms.ts) counts for a page when any of its terms matched there;
// rare slots count more than common ones (a page about "sello" says more than one that says
// "documento"), and within a slot, Pagefind's own score for the page decides how well it matched.
// The constants were chosen by measuring hit@3 on tests/fixtures/questions.yaml.
// Pure: the searches are run by src/lib/search.ts.

/** Pagefind's results for one term: page id → score. */
export type TermResults = Map<string, number>;

export interface RankedSlot {
	/** Each term's results, with how much a match on it counts (1 for the customer's own word). */
	terms: { results: TermResults; factor: number }[];
}

export interface Ranked {
	id: string;
	/** Share of the question the page covers, weighted by rarity, 0–1. */
	score: number;
}

/** What matching a slot at all is worth; the rest is how well it matched (measured: 0.25 beats 0.4–0.75). */
const FLOOR = 0.25;

/**
 * Ranks pages by weighted coverage. `pages` is how many pages the index holds (for rarity); a slot
 * that matched no page carries no weight, so an unknown word does not lower every page alike.
 */

export function rankByCoverage(slots: RankedSlot[], pages: number): Ranked[] {
	const total = new Map<string, number>();
	let weights = 0;
	for (const slot of slots) {
		// Per page, the best of the slot's terms, relative to the slot's best page: a page that only
		// has a weak synonym counts for less than one that has the customer's own word.
		const top = Math.max(0, ...slot.terms.flatMap(({ results, factor }) => [...results.values()].map((s) => s * factor)));
		const best = new Map<string, number>();
		for (const { results, factor } of slot.terms) {
			for (const [id, score] of results) {
				const value = factor * FLOOR + (1 - FLOOR) * (top > 0 ? (score * factor) / top : 1);
				if (value > (best.get(id) ?? 0)) best.set(id, value);
			}
		}
		if (!best.size) continue;
		// Rarity from the customer's own word when it matched (synonyms would make every slot common),
		// softened by the square root so that a word found on one page does not outweigh the rest.
		const own = slot.terms.find((t) => t.results.size)!.results.size;
		const weight = Math.sqrt(Math.log(1 + Math.max(pages, own) / own));
		weights += weight;
		for (const [id, value] of best) total.set(id, (total.get(id) ?? 0) + weight * value);
	}
	return [...total]
		.map(([id, sum]) => ({ id, score: weights ? sum / weights : 0 }))
		.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
