// The public conversation of a ticket, oldest first: who wrote, when, the text as typed (rendered as
// text with its line breaks, never as HTML) and the files that came with each message.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { TicketsLabels } from './labels.ts';
import type { TicketPage } from './ticket-data.ts';
import AttachmentLink from '../shared/AttachmentLink.tsx';
import { shortDate } from './format.ts';
import { zoneOf } from './ticket-row.ts';

interface Props {
	client: SupabaseClient;
	page: TicketPage;
	userId: string;
	labels: TicketsLabels;
	lang: 'es' | 'en';
}

export default function Thread({ client, page, userId, labels, lang }: Props) {
	const { messages, attachments, names, fromSupport, ticket } = page;
	// Files without a message (none today) go with the opening message.
	const filesOf = (id: string, first: boolean) => attachments.filter((a) => a.message_id === id || (first && !messages.some((m) => m.id === a.message_id)));
	const author = (m: (typeof messages)[number]) => {
		if (m.author_id === null) return labels.systemAuthor;
		if (m.author_id === userId) return labels.you;
		return names[m.author_id] ?? (fromSupport.has(m.id) ? labels.supportAuthor : labels.memberAuthor);
	};

	return (
		<section class="tickets-thread" aria-labelledby="tickets-thread-heading">
			<h3 id="tickets-thread-heading">{labels.thread}</h3>
			<ol class="tickets-messages">
				{messages.map((m, i) => {
					const files = filesOf(m.id, i === 0);
					return (
						<li key={m.id} class={`tickets-message${fromSupport.has(m.id) ? ' tickets-message--support' : ''}`}>
							<p class="tickets-message-meta">
								<strong>{author(m)}</strong>
								{fromSupport.has(m.id) && <span class="mostrador-badge tickets-staff">{labels.staffBadge}</span>}{' '}
								<time dateTime={m.created_at}>{shortDate(m.created_at, lang, zoneOf(ticket))}</time>
							</p>
							<p class="tickets-message-body">{m.body}</p>
							{files.length > 0 && (
								<div class="tickets-message-files">
									<p class="tickets-files-heading">{labels.attachments}</p>
									<ul>
										{files.map((f) => (
											<AttachmentLink key={f.id} client={client} file={f} labels={labels} lang={lang} className="tickets-attachment" idPrefix="attachment" />
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
