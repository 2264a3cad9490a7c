// The comments under an article: anyone reads the visible ones; signed-in readers post, authors
// correct theirs for a while, staff hide. The island hydrates when the section scrolls into view; a
// reader with no stored session reads the thread without supabase-js (useReader), which loads only
// for a session. A backend that cannot be reached is said plainly and the article stays readable.
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { useReader } from '../shared/use-reader.ts';
import { Loading, Unavailable } from '../shared/states.tsx';
import type { Failure } from '../shared/backend.ts';
import CommentForm from './CommentForm.tsx';
import CommentItem from './CommentItem.tsx';
import { editComment, hideComment, loadThread, postComment, type Comment } from './comments-api.ts';
import type { CommentLabels } from './labels.ts';

interface Props {
	article: string;
	lang: 'es' | 'en';
	/** The account page in the article's language, where anonymous readers sign in. */
	accountHref: string;
	labels: CommentLabels;
}

type Thread = { status: 'loading' } | { status: 'unavailable' } | { status: 'ready'; comments: Comment[] };

const CODES: Record<string, keyof CommentLabels> = {
	edit_window_closed: 'editWindowClosed',
	not_signed_in: 'sessionEnded',
	session_expired: 'sessionEnded',
	// A grant or policy saying no to a signed-in reader: their session no longer counts.
	not_allowed: 'sessionEnded',
	comment_hidden: 'hiddenNote',
};

/** A failure in words; the kit's words (and its error catalogue) load only for a reader who changes something. */
async function messageFor(failure: Failure, labels: CommentLabels): Promise<string> {
	const { failureText, ownLabels } = await import('../shared/backend.ts');
	return failureText(failure, labels, ownLabels(CODES, labels));
}

export default function ArticleComments({ article, lang, accountHref, labels }: Props) {
	const session = useReader();
	const [thread, setThread] = useState<Thread>({ status: 'loading' });
	const [announce, setAnnounce] = useState('');
	const client: SupabaseClient | null = session.status === 'signed-in' || session.status === 'signed-out' ? session.client : null;
	const userId = session.status === 'signed-in' ? session.user.id : null;

	async function refresh(c: SupabaseClient | null) {
		const answer = await loadThread(c, article);
		setThread(answer.ok ? { status: 'ready', comments: answer.data ?? [] } : { status: 'unavailable' });
	}

	useEffect(() => {
		if (session.status === 'unavailable') setThread({ status: 'unavailable' });
		if (client || session.status === 'anonymous') refresh(client);
	}, [session.status, userId]);

	/** Runs a change, then reloads the thread; resolves to the error to show, or null. */
	async function change(run: (c: SupabaseClient) => Promise<{ ok: true } | Failure>, done: string): Promise<string | null> {
		if (!client) return labels.unavailable;
		const answer = await run(client);
		if (!answer.ok) return await messageFor(answer, labels);
		await refresh(client);
		setAnnounce(done);
		return null;
	}

	if (thread.status === 'loading') return <Loading text={labels.loading} live="none" />;
	if (thread.status === 'unavailable') return <Unavailable text={labels.unavailable} />;
	return (
		<div class="mostrador-comments-thread">
			{thread.comments.length === 0 ? (
				<p class="mostrador-status">{labels.empty}</p>
			) : (
				<ol class="mostrador-comments-list">
					{thread.comments.map((c) => (
						<CommentItem
							key={c.id}
							comment={c}
							labels={labels}
							lang={lang}
							onEdit={(id, body) => change((cl) => editComment(cl, id, body), labels.saved)}
							onHide={(id, hidden) => change((cl) => hideComment(cl, id, hidden), '')}
						/>
					))}
				</ol>
			)}
			{userId ? (
				<CommentForm
					id="mostrador-comment-new"
					label={labels.body}
					hint={labels.bodyHint}
					submit={labels.post}
					busy={labels.posting}
					labels={labels}
					onSend={(body) => change((cl) => postComment(cl, article, body), labels.posted)}
				/>
			) : (
				<p>
					<a href={accountHref}>{labels.signIn}</a>
				</p>
			)}
			<p class="sr-only" aria-live="polite">
				{announce}
			</p>
		</div>
	);
}
