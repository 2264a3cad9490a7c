// A ticket's conversation, oldest first, the same for the agent's workspace and the customer's page:
// each message with its meta line (who, when, and the island's badges), the text as typed (rendered as
// text with its line breaks, never as HTML) and the files that came with it. Files without a message
// (none today) go with the opening message. Each island keeps its class prefix (agent, tickets).
import type { ComponentChildren } from 'preact';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import AttachmentLink, { type AttachmentFile } from '../AttachmentLink.tsx';
import type { TicketMessage as ThreadMessage } from './types.ts';

export type { TicketMessage as ThreadMessage } from './types.ts';

interface Props<M extends ThreadMessage> {
	client: SupabaseClient;
	messages: M[];
	attachments: (AttachmentFile & { message_id: string | null })[];
	labels: { thread: string; attachments: string; download: string; downloadFailed: string; internalFile?: string };
	lang: 'es' | 'en';
	prefix: 'agent' | 'tickets';
	/** The id prefix of an attachment's error message. */
	attachmentIdPrefix: string;
	/** The modifier class of a message (' agent-message--internal'), or ''. */
	modifier: (m: M) => string;
	/** The meta line's content: author, badges, time. */
	meta: (m: M) => ComponentChildren;
}

export default function Thread<M extends ThreadMessage>({ client, messages, attachments, labels, lang, prefix, attachmentIdPrefix, modifier, meta }: Props<M>) {
	const filesOf = (id: string, first: boolean) => attachments.filter((a) => a.message_id === id || (first && !messages.some((m) => m.id === a.message_id)));
	return (
		<section class={`${prefix}-thread`} aria-labelledby={`${prefix}-thread-heading`}>
			<h3 id={`${prefix}-thread-heading`}>{labels.thread}</h3>
			<ol class={`${prefix}-messages`}>
				{messages.map((m, i) => {
					const files = filesOf(m.id, i === 0);
					return (
						<li key={m.id} class={`${prefix}-message${modifier(m)}`}>
							<p class={`${prefix}-message-meta`}>{meta(m)}</p>
							<p class={`${prefix}-message-body`}>{m.body}</p>
							{files.length > 0 && (
								<div class={`${prefix}-message-files`}>
									<p class={`${prefix}-files-heading`}>{labels.attachments}</p>
									<ul>
										{files.map((f) => (
											<AttachmentLink key={f.id} client={client} file={f} labels={labels} lang={lang} className={`${prefix}-attachment`} idPrefix={attachmentIdPrefix} />
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
