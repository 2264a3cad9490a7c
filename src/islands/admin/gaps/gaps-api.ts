// The knowledge-gap report (knowledge_gaps(), staff only): what readers searched for and did not find,
// what the ticket form offered and whether it answered, and the articles readers said did not help.
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { call, type Result } from '../../shared/backend.ts';

export interface QueryCount {
	query: string;
	lang: 'es' | 'en';
	count: number;
}

export interface ArticleDeflection {
	slug: string;
	title: string | null;
	shown: number;
	solved: number;
}

export interface KnowledgeGaps {
	days: number;
	searches: number;
	no_result: QueryCount[];
	no_click: QueryCount[];
	followed_by_ticket: QueryCount[];
	unmatched_tickets: QueryCount[];
	deflection: { shown: number; solved: number; articles: ArticleDeflection[] };
	not_helpful: { slug: string; title: string | null; not_helpful: number; helpful: number }[];
}

export const PERIODS = [7, 30, 90] as const;

export function loadGaps(client: SupabaseClient, days: number): Promise<Result<KnowledgeGaps>> {
	return call(() => client.rpc('knowledge_gaps', { days })) as Promise<Result<KnowledgeGaps>>;
}

/** "12 %" of solved over shown; "—" when nothing was shown. */
export function rate(solved: number, shown: number): string {
	return shown > 0 ? `${Math.round((100 * solved) / shown)} %` : '—';
}
