// "¿Te ayudó este artículo?" against the backend: vote_article and article_feedback_summary
// (supabase/migrations/…0400_articles_downloads_outbox.sql). Nothing is loaded for showing the
// question. Anonymous readers vote with a random key kept in this browser (the RPC limits one vote per
// article a day and five an hour per key; it never sees who they are), by a plain request without
// supabase-js (shared/anon-rpc.ts); a browser with a stored session loads supabase-js on the first
// vote and votes as itself, and a new vote replaces its old one.
import { getSupabase, hasStoredSession, type RpcArgs, type RpcName } from '../../lib/supabase.ts';
import { anonRpc } from '../shared/anon-rpc.ts';
import type { Failure, Result } from '../shared/backend.ts';

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

type Rpc = <F extends RpcName>(fn: F, args: RpcArgs<F>) => Promise<Result<unknown>>;

/** How this browser calls the backend: as its session's user (supabase-js), or anonymously with its key. */
async function caller(): Promise<{ rpc: Rpc; anonKey?: string }> {
	if (!hasStoredSession()) return { rpc: anonRpc, anonKey: readerKey() };
	const [client, { call }] = await Promise.all([getSupabase(), import('../shared/backend.ts')]);
	const { data } = await client.auth.getSession();
	const rpc: Rpc = (fn, args) => call(() => client.rpc(fn, args as never));
	return data.session ? { rpc } : { rpc, anonKey: readerKey() };
}

export async function vote(article: string, helpful: boolean, reason: string): Promise<VoteResult> {
	let rpc: Rpc, anonKey: string | undefined;
	try {
		({ rpc, anonKey } = await caller());
	} catch {
		// supabase-js (or the kit) could not be fetched.
		return { ok: false, error: 'unavailable' };
	}
	const result = await rpc('vote_article', { article, helpful, reason: reason || undefined, anon_key: anonKey } as RpcArgs<'vote_article'>);
	if (!result.ok) return result;
	localStorage.setItem(votedKey(article), helpful ? 'yes' : 'no');
	const counts = await rpc('article_feedback_summary', { article });
	const row = counts.ok ? (counts.data as { helpful: number; not_helpful: number }[] | null)?.[0] : undefined;
	const summary = row ? { helpful: Number(row.helpful), total: Number(row.helpful) + Number(row.not_helpful) } : null;
	return { ok: true, summary };
}
