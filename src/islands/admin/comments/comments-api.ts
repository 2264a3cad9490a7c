// Comment moderation: the most recent comments on any article with their authors' names and e-mails
// (comments_for_moderation, staff only: author ids are not readable from the table), and hiding or
// showing one again (hide_comment, staff only).
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { call, type Result } from '../../shared/backend.ts';

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

export function listComments(client: SupabaseClient, filter: CommentFilter): Promise<Result<ModeratedComment[]>> {
	return call(() => {
		let query = client.rpc('comments_for_moderation').select('id, article_slug, body, created_at, edited_at, hidden_at, author_name, author_email');
		if (filter === 'visible') query = query.is('hidden_at', null);
		if (filter === 'hidden') query = query.not('hidden_at', 'is', null);
		return query.order('created_at', { ascending: false }).limit(PAGE_SIZE);
	}).then((result) =>
		result.ok
			? {
					ok: true as const,
					data: ((result.data ?? []) as ModerationRow[]).map(({ author_name, author_email, ...c }) => ({ ...c, author: { full_name: author_name, email: author_email } })),
				}
			: result,
	);
}

interface ModerationRow extends Omit<ModeratedComment, 'author'> {
	author_name: string | null;
	author_email: string | null;
}

export function setHidden(client: SupabaseClient, comment: string, hidden: boolean): Promise<Result<Pick<ModeratedComment, 'hidden_at'>>> {
	return call(() => client.rpc('hide_comment', { comment, hidden }));
}
