// What the form tells once a ticket exists: the visit's trail goes with it (record_ticket_trail, for the
// agent's "Antes de abrir el ticket buscó… y leyó…") and is then cleared; the knowledge-gap counters
// learn that the visit's last search ended in a ticket, and what the form had offered for the subject
// (nothing: the subject matched no article). All best effort: the ticket is open whatever happens here.
import type { SupabaseClient } from '../../lib/supabase.ts';
import { clearTrail, readTrail } from '../../lib/reader-trail.ts';
import { countSearch } from '../../lib/search-stats.ts';

export async function afterFiling(client: SupabaseClient, ticketId: string, subject: string, lang: 'es' | 'en', shown: { query: string; slugs: string[] }): Promise<void> {
	const trail = readTrail();
	// Cleared first: a reader who leaves before the call settles must not hand this visit to a next ticket.
	clearTrail();
	const last = trail.searches.at(-1);
	if (last) countSearch(last, lang, { event: 'ticket' }, client);
	// The subject as filed, with what the form offered for it (nothing: an unmatched subject).
	countSearch(subject, lang, { event: 'suggest', articles: shown.slugs, filed: true }, client);
	if (trail.searches.length || trail.articles.length) {
		await Promise.resolve(client.rpc('record_ticket_trail', { ticket: ticketId, searches: trail.searches, articles: trail.articles })).catch(() => {});
	}
}
