// The whole conversation, oldest first: the customer's and support's public messages and support's
// internal notes. A note looks different (its own background, border and a visible "Nota interna"
// label that is also the first thing a screen reader hears), so nobody mistakes it for what the customer
// sees. Text is rendered as text with its line breaks, never as HTML.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { AgentLabels } from './labels.ts';
import type { Workspace } from './workspace-data.ts';
import AttachmentLink from '../shared/AttachmentLink.tsx';
import { shortDate } from './format.ts';

export default function Thread({ client, ws, me, labels, lang }: { client: SupabaseClient; ws: Workspace; me: string; labels: AgentLabels; lang: 'es' | 'en' }) {
	const { messages, attachments, names, staffIds } = ws;
	const filesOf = (id: string, first: boolean) => attachments.filter((a) => a.message_id === id || (first && !messages.some((m) => m.id === a.message_id)));
	const author = (id: string | null) => (id === null ? labels.systemAuthor : id === me ? labels.you : (names[id] ?? labels.unknownAuthor));

	return (
		<section class="agent-thread" aria-labelledby="agent-thread-heading">
			<h3 id="agent-thread-heading">{labels.thread}</h3>
			<ol class="agent-messages">
				{messages.map((m, i) => {
					const internal = m.visibility === 'internal';
					const fromStaff = m.author_id !== null && staffIds.has(m.author_id);
					const files = filesOf(m.id, i === 0);
					return (
						<li key={m.id} class={`agent-message${internal ? ' agent-message--internal' : fromStaff ? ' agent-message--staff' : ''}`}>
							<p class="agent-message-meta">
								{internal && <span class="mostrador-badge agent-internal-badge">{labels.internalNote}</span>}
								{!internal && fromStaff && <span class="mostrador-badge agent-public-badge">{labels.publicReply}</span>}{' '}
								<strong>{author(m.author_id)}</strong>{' '}
								<time dateTime={m.created_at}>{shortDate(m.created_at, lang)}</time>
							</p>
							<p class="agent-message-body">{m.body}</p>
							{files.length > 0 && (
								<div class="agent-message-files">
									<p class="agent-files-heading">{labels.attachments}</p>
									<ul>
										{files.map((f) => (
											<AttachmentLink key={f.id} client={client} file={f} labels={labels} lang={lang} className="agent-attachment" idPrefix="agent-attachment" />
										))}
									</ul>
								</div>
							)}
						</li>
					);
				})}
			</ol>
		</section>
	);
}
