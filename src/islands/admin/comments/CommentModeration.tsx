// The comments section: the latest comments across the docs, newest first, filtered by whether they
// are shown; each can be hidden (readers stop seeing it, its author still does) or shown again.
// Comment bodies are plain text, rendered as text.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../../shared/labels.ts';
import { messageFor } from '../errors.ts';
import type { AdminProps } from '../props.ts';
import { listComments, setHidden, type CommentFilter, type ModeratedComment } from './comments-api.ts';
import { Loading, Unavailable } from '../../shared/states.tsx';
import { Done } from '../FormEnd.tsx';

const FILTERS: CommentFilter[] = ['all', 'visible', 'hidden'];

export function CommentModeration({ client, props }: { client: SupabaseClient; props: AdminProps }) {
	const { labels, lang } = props;
	const [filter, setFilter] = useState<CommentFilter>('all');
	const [comments, setComments] = useState<ModeratedComment[] | null>(null);
	const [error, setError] = useState('');
	const [announce, setAnnounce] = useState('');
	const [busy, setBusy] = useState<string | null>(null);
	const list = useRef<HTMLUListElement>(null);

	const load = useCallback(async () => {
		setComments(null);
		const result = await listComments(client, filter);
		if (!result.ok) return setError(messageFor(result, labels));
		setError('');
		setComments(result.data);
	}, [client, filter, labels]);

	useEffect(() => {
		void load();
	}, [load]);

	async function toggle(c: ModeratedComment) {
		setBusy(c.id);
		setAnnounce('');
		const hide = !c.hidden_at;
		const result = await setHidden(client, c.id, hide);
		setBusy(null);
		if (!result.ok) return setError(messageFor(result, labels));
		setError('');
		setComments((all) => all?.map((x) => (x.id === c.id ? { ...x, hidden_at: result.data.hidden_at } : x)) ?? null);
		setAnnounce(labels[hide ? 'comments.hiddenDone' : 'comments.shownDone']);
		// Keep focus on the same comment's button, whose label has just changed.
		requestAnimationFrame(() => list.current?.querySelector<HTMLButtonElement>(`[data-comment="${c.id}"]`)?.focus());
	}

	const when = (at: string) => new Date(at).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
	return (
		<div class="admin-section">
			<section class="admin-panel" aria-labelledby="admin-comments-heading">
				<h2 id="admin-comments-heading">{labels['comments.heading']}</h2>
				<p>{fill(labels['comments.intro'], { n: 50 })}</p>
				<form class="mostrador-form admin-inline" onSubmit={(e) => e.preventDefault()}>
					<label for="admin-comments-filter">{labels['comments.filter']}</label>
					<select id="admin-comments-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value as CommentFilter)}>
						{FILTERS.map((f) => (
							<option key={f} value={f}>
								{labels[`comments.filter.${f}`]}
							</option>
						))}
					</select>
				</form>
				{error && <Unavailable text={error} />}
				<Done text={announce} />
				{!comments && !error && <Loading text={labels.loading} live="polite" />}
				{comments && comments.length === 0 && <p>{labels['comments.empty']}</p>}
				{comments && comments.length > 0 && (
					<ul ref={list} class="admin-list admin-comments">
						{comments.map((c) => {
							const author = c.author?.full_name || c.author?.email || labels['comments.unknownAuthor'];
							return (
								<li key={c.id} class={c.hidden_at ? 'admin-comment is-hidden' : 'admin-comment'}>
									<p class="admin-meta">
										<a href={`${props.paths.prefix}/${c.article_slug}/`}>{c.article_slug}</a> · {author} · {when(c.created_at)}{' '}
										{c.hidden_at && <span class="mostrador-badge">{labels['comments.hiddenBadge']}</span>}
									</p>
									<p class="admin-comment-body">{c.body}</p>
									<button
										type="button"
										class="mostrador-button"
										data-comment={c.id}
										disabled={busy === c.id}
										aria-label={fill(labels[c.hidden_at ? 'comments.showLabel' : 'comments.hideLabel'], { author })}
										onClick={() => toggle(c)}
									>
										{labels[c.hidden_at ? 'comments.show' : 'comments.hide']}
									</button>
								</li>
							);
						})}
					</ul>
				)}
			</section>
		</div>
	);
}
