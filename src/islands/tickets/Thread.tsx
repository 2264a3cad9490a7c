// The public conversation of a ticket, oldest first (../shared/ticket/Thread.tsx): who wrote, when,
// the text as typed and the files that came with each message. Staff are not named to customers: a
// message support wrote reads as "Soporte", with its badge.
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { TicketsLabels } from './labels.ts';
import type { TicketPage } from './ticket-data.ts';
import SharedThread from '../shared/ticket/Thread.tsx';
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
	const author = (m: (typeof messages)[number]) => {
		if (m.author_id === null) return labels.systemAuthor;
		if (m.author_id === userId) return labels.you;
		return names[m.author_id] ?? (fromSupport.has(m.id) ? labels.supportAuthor : labels.memberAuthor);
	};

	return (
		<SharedThread
			{...{ client, messages, attachments, labels, lang }}
			prefix="tickets"
			attachmentIdPrefix="attachment"
			modifier={(m) => (fromSupport.has(m.id) ? ' tickets-message--support' : '')}
			meta={(m) => (
				<>
					<strong>{author(m)}</strong>
					{fromSupport.has(m.id) && <span class="mostrador-badge tickets-staff">{labels.staffBadge}</span>}{' '}
					<time dateTime={m.created_at}>{shortDate(m.created_at, lang, zoneOf(ticket))}</time>
				</>
			)}
		/>
	);
}
