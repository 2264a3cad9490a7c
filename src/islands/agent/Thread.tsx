// The whole conversation, oldest first (../shared/ticket/Thread.tsx): the customer's and support's
// public messages and support's internal notes. A note looks different (its own background, border and
// a visible "Nota interna" label that is also the first thing a screen reader hears), so nobody
// mistakes it for what the customer sees.
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { AgentLabels } from './labels.ts';
import type { Workspace } from './workspace-data.ts';
import SharedThread from '../shared/ticket/Thread.tsx';
import { shortDate } from './format.ts';

export default function Thread({ client, ws, me, labels, lang }: { client: SupabaseClient; ws: Workspace; me: string; labels: AgentLabels; lang: 'es' | 'en' }) {
	const { messages, attachments, names, staffIds } = ws;
	const author = (id: string | null) => (id === null ? labels.systemAuthor : id === me ? labels.you : (names[id] ?? labels.unknownAuthor));
	const fromStaff = (m: Workspace['messages'][number]) => m.author_id !== null && staffIds.has(m.author_id);

	return (
		<SharedThread
			{...{ client, messages, attachments, labels, lang }}
			prefix="agent"
			attachmentIdPrefix="agent-attachment"
			modifier={(m) => (m.visibility === 'internal' ? ' agent-message--internal' : fromStaff(m) ? ' agent-message--staff' : '')}
			meta={(m) => (
				<>
					{m.visibility === 'internal' && <span class="mostrador-badge agent-internal-badge">{labels.internalNote}</span>}
					{m.visibility !== 'internal' && fromStaff(m) && <span class="mostrador-badge agent-public-badge">{labels.publicReply}</span>}{' '}
					<strong>{author(m.author_id)}</strong> <time dateTime={m.created_at}>{shortDate(m.created_at, lang)}</time>
				</>
			)}
		/>
	);
}
