// The reader's trail in this visit (issue 17): the searches they made and the articles they opened,
// kept in sessionStorage (this tab, until it closes) and nowhere else until they file a ticket, when
// the ticket form sends it with the ticket (record_ticket_trail) and clears it. A reader who turned
// counting off on the search page (OPT_OUT_KEY) keeps no trail either, and nothing is sent. Article pages note
// themselves with the inline script of src/components/ReaderTrail.astro, which writes the same key
// and shape; this module is the rest, loaded only by the search page and the ticket form.

import { countingAllowed } from './search-stats.ts';

export const TRAIL_KEY = 'mostrador.trail';
const MAX = 10;

export interface Trail {
	/** Searches, oldest first. */
	searches: string[];
	/** Article slugs opened, oldest first (an article opened again moves to the end). */
	articles: string[];
}

export function readTrail(): Trail {
	if (!countingAllowed()) return { searches: [], articles: [] };
	try {
		const raw = JSON.parse(sessionStorage.getItem(TRAIL_KEY) ?? '{}') as Partial<Trail>;
		const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
		return { searches: strings(raw.searches).slice(-MAX), articles: strings(raw.articles).slice(-MAX) };
	} catch {
		return { searches: [], articles: [] };
	}
}

function write(trail: Trail): void {
	try {
		sessionStorage.setItem(TRAIL_KEY, JSON.stringify(trail));
	} catch {
		// Storage full or denied (private mode): the trail is a courtesy, the search works without it.
	}
}

/** Notes a search (trimmed, blanks collapsed; the same search again moves to the end). */
export function noteSearch(query: string): void {
	if (!countingAllowed()) return;
	const q = query.trim().replace(/\s+/g, ' ').slice(0, 100);
	if (!q) return;
	const trail = readTrail();
	write({ ...trail, searches: [...trail.searches.filter((s) => s.toLowerCase() !== q.toLowerCase()), q].slice(-MAX) });
}

/** The last search of the visit, if any. */
export function lastSearch(): string | undefined {
	return readTrail().searches.at(-1);
}

export function clearTrail(): void {
	try {
		sessionStorage.removeItem(TRAIL_KEY);
	} catch {
		// Nothing kept, nothing to clear.
	}
}
