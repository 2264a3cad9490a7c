// An article's comments against the backend: the thread (article_comment_thread, which adds display
// names and what the caller may do to each comment) — for a reader with no session a plain request,
// without supabase-js (shared/anon-rpc.ts) — and, with a session, posting, editing within the
// author's window and, for staff, hiding. Each call answers with data or a Failure the widget explains.
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { Answer, Result } from '../shared/backend.ts';
import { anonRpc } from '../shared/anon-rpc.ts';

/** The shared kit's call, loaded with the first call that needs a session (supabase-js is loading then anyway). */
const call = async <T>(run: () => PromiseLike<Answer<T>>): Promise<Result<T>> => (await import('../shared/backend.ts')).call(run);

export const MAX_BODY = 5000;

export interface Comment {
	id: string;
	body: string;
	created_at: string;
	edited_at: string | null;
	hidden_at: string | null;
	author_name: string | null;
	author_is_staff: boolean;
	mine: boolean | null;
	editable_until: string | null;
	moderator: boolean;
}

/** The thread as the session's reader, or (client null) as an anonymous one. */
export const loadThread = (client: SupabaseClient | null, article: string) =>
	client ? call<Comment[]>(() => client.rpc('article_comment_thread', { article })) : anonRpc<Comment[]>('article_comment_thread', { article });

export const postComment = (client: SupabaseClient, article: string, body: string) => call<unknown>(() => client.rpc('post_comment', { article, body }));

export const editComment = (client: SupabaseClient, comment: string, body: string) => call<unknown>(() => client.rpc('edit_comment', { comment, body }));

export const hideComment = (client: SupabaseClient, comment: string, hidden: boolean) => call<unknown>(() => client.rpc('hide_comment', { comment, hidden }));

/** Why a body cannot be sent, before asking the backend. */
export function bodyProblem(body: string): 'bodyEmpty' | 'bodyTooLong' | null {
	if (!body.trim()) return 'bodyEmpty';
	// The database counts characters, not UTF-16 units.
	return [...body.trim()].length > MAX_BODY ? 'bodyTooLong' : null;
}
