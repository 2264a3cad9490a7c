// One comment: who wrote it (display name, never the address; a badge for support staff), when, and
// its text as plain text with its line breaks (Preact escapes it; CSS keeps the breaks). Its author
// may correct it while the edit window is open; staff may hide it or show it again.
import { useState } from 'preact/hooks';
import { fill } from '../shared/labels.ts';
import CommentForm from './CommentForm.tsx';
import type { Comment } from './comments-api.ts';
import type { CommentLabels } from './labels.ts';

interface Props {
	comment: Comment;
	labels: CommentLabels;
	lang: 'es' | 'en';
	onEdit: (id: string, body: string) => Promise<string | null>;
	onHide: (id: string, hidden: boolean) => Promise<string | null>;
}

const editable = (c: Comment) => !!c.editable_until && new Date(c.editable_until).getTime() > Date.now();

export default function CommentItem({ comment: c, labels, lang, onEdit, onHide }: Props) {
	const [editing, setEditing] = useState(false);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string | null>(null);
	const when = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' });
	const headId = `mostrador-comment-${c.id}`;
	const author = c.author_name || labels.reader;

	async function hide(hidden: boolean) {
		setBusy(true);
		setError(await onHide(c.id, hidden));
		setBusy(false);
	}

	return (
		<li class="mostrador-comment" data-comment={c.id} data-hidden={c.hidden_at ? 'true' : undefined}>
			<article aria-labelledby={headId}>
				<p id={headId} class="mostrador-comment-head">
					<span class="mostrador-comment-author">{c.mine ? fill(labels.you, { name: author }) : author}</span>
					{c.author_is_staff && <span class="mostrador-badge">{labels.staff}</span>}{' '}
					<time dateTime={c.created_at}>{when.format(new Date(c.created_at))}</time>
					{c.edited_at && <span class="mostrador-status"> · {labels.edited}</span>}
					{c.hidden_at && <span class="mostrador-badge mostrador-comment-hidden">{labels.hidden}</span>}
				</p>
				{c.hidden_at && c.mine && !c.moderator && <p class="mostrador-status">{labels.hiddenNote}</p>}
				{editing ? (
					<CommentForm
						id={`mostrador-comment-edit-${c.id}`}
						label={labels.editLabel}
						submit={labels.save}
						busy={labels.saving}
						initial={c.body}
						labels={labels}
						focus
						onSend={async (body) => {
							const failed = await onEdit(c.id, body);
							if (!failed) setEditing(false);
							return failed;
						}}
						onCancel={() => setEditing(false)}
					/>
				) : (
					<p class="mostrador-comment-body">{c.body}</p>
				)}
				{!editing && (editable(c) || c.moderator) && (
					<div class="mostrador-actions">
						{editable(c) && (
							<button type="button" class="mostrador-link" aria-describedby={headId} onClick={() => (setError(null), setEditing(true))}>
								{labels.edit}
							</button>
						)}
						{c.moderator && (
							<button type="button" class="mostrador-link" aria-describedby={headId} disabled={busy} onClick={() => hide(!c.hidden_at)}>
								{c.hidden_at ? labels.unhide : labels.hide}
							</button>
						)}
					</div>
				)}
				{error && (
					<p class="mostrador-error" role="alert">
						{error}
					</p>
				)}
			</article>
		</li>
	);
}
