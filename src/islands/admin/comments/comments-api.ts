// Comment moderation: the most recent comments on any article with their authors (staff read every
// comment and profile under RLS), and hiding or showing one again (hide_comment, staff only).
import type { SupabaseClient } from '@supabase/supabase-js';
import { attempt, type Outcome } from '../errors.ts';

export type CommentFilter = 'all' | 'visible' | 'hidden';

export interface ModeratedComment {
	id: string;
	article_slug: string;
	body: string;
	created_at: string;
	edited_at: string | null;
	hidden_at: string | null;
	author: { full_name: string | null; email: string | null } | null;
}

export const PAGE_SIZE = 50;

export function listComments(client: SupabaseClient, filter: CommentFilter): Promise<Outcome<ModeratedComment[]>> {
	return attempt(() => {
		let query = client.from('article_comments').select('id, article_slug, body, created_at, edited_at, hidden_at, author:profiles!author_id(full_name, email)');
		if (filter === 'visible') query = query.is('hidden_at', null);
		if (filter === 'hidden') query = query.not('hidden_at', 'is', null);
		return query.order('created_at', { ascending: false }).limit(PAGE_SIZE);
	}) as Promise<Outcome<ModeratedComment[]>>;
}

export function setHidden(client: SupabaseClient, comment: string, hidden: boolean): Promise<Outcome<ModeratedComment>> {
	return attempt(() => client.rpc('hide_comment', { comment, hidden }));
}
