// "¿Te ayudó este artículo?" against the backend: vote_article and article_feedback_summary
// (supabase/migrations/…0400_articles_downloads_outbox.sql). supabase-js is loaded on the first vote,
// never just for showing the question. Anonymous readers vote with a random key kept in this
// browser (the RPC limits one vote per article a day and five an hour per key; it never sees who they
// are); signed-in readers vote as themselves, and a new vote replaces their old one.
import { getSupabase } from '../../lib/supabase.ts';
import { failureOf, UNAVAILABLE, type Failure } from '../shared/backend.ts';

const READER_KEY = 'mostrador-reader-key';
const votedKey = (article: string) => `mostrador-feedback:${article}`;

function readerKey(): string {
	let key = localStorage.getItem(READER_KEY);
	if (!key || key.length < 16) {
		const bytes = crypto.getRandomValues(new Uint8Array(16));
		key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
		localStorage.setItem(READER_KEY, key);
	}
	return key;
}

/** Whether this browser already voted on the article (so the question is not asked again). */
export function alreadyVoted(article: string): boolean {
	try {
		return localStorage.getItem(votedKey(article)) !== null;
	} catch {
		return false;
	}
}

export interface Summary {
	helpful: number;
	total: number;
}

export type VoteResult = { ok: true; summary: Summary | null } | Failure;

export async function vote(article: string, helpful: boolean, reason: string): Promise<VoteResult> {
	try {
		const client = await getSupabase();
		const { data } = await client.auth.getSession();
		const args = { article, helpful, reason: reason || undefined, anon_key: data.session ? undefined : readerKey() };
		const result = await client.rpc('vote_article', args);
		if (result.error) return failureOf(result.error, result.status);
		localStorage.setItem(votedKey(article), helpful ? 'yes' : 'no');
		const counts = await client.rpc('article_feedback_summary', { article });
		const row = (counts.data as { helpful: number; not_helpful: number }[] | null)?.[0];
		const summary = row ? { helpful: Number(row.helpful), total: Number(row.helpful) + Number(row.not_helpful) } : null;
		return { ok: true, summary };
	} catch {
		return UNAVAILABLE;
	}
}
