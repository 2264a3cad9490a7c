// Counting searches for the knowledge-gap report (record_search: counters per day and query, nobody's
// identity). Fire and forget: a failure is never shown and never delays the search. A reader who
// opts out (the search page's checkbox, kept in localStorage) sends nothing. Sent with the public key
// by a plain fetch, so counting costs no supabase-js. The same choice covers the reader's trail.
import { anonRpc } from '../islands/shared/anon-rpc.ts';
import type { SupabaseClient } from './supabase.ts';

export const OPT_OUT_KEY = 'mostrador.searchStats';

export type SearchEvent =
	| { event: 'search'; results: number }
	| { event: 'click' }
	| { event: 'ticket' }
	| { event: 'suggest'; articles: string[]; filed?: boolean };

export function countingAllowed(): boolean {
	try {
		return localStorage.getItem(OPT_OUT_KEY) !== 'off';
	} catch {
		return false;
	}
}

/** The reader's choice; off also forgets this visit's trail (src/lib/reader-trail.ts). */
export function setCounting(allowed: boolean): void {
	try {
		if (allowed) localStorage.removeItem(OPT_OUT_KEY);
		else {
			localStorage.setItem(OPT_OUT_KEY, 'off');
			sessionStorage.removeItem('mostrador.trail');
		}
	} catch {
		// No storage: nothing is remembered either way.
	}
}

/**
 * Counts one event. `ticket` and `suggest` come from a signed-in customer's form and go with their
 * session (`client`): record_search refuses them from anonymous callers, so nobody can forge them.
 */
export function countSearch(query: string, lang: 'es' | 'en', e: SearchEvent, client?: SupabaseClient): void {
	if (!query.trim() || !countingAllowed()) return;
	const args = {
		event: e.event,
		query,
		lang,
		...(e.event === 'search' ? { results: e.results } : {}),
		...(e.event === 'suggest' ? { articles: e.articles.slice(0, 10), filed: e.filed ?? false } : {}),
	};
	if (client) void Promise.resolve(client.rpc('record_search', args)).catch(() => {});
	else void anonRpc('record_search', args, { keepalive: true }).catch(() => {});
}
