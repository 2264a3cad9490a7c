// Everything the ticket page shows, read as the signed-in user so RLS decides: the ticket by its
// number (absent for a ticket of another organisation, exactly as for one that does not exist), its
// public thread, public attachments and public history, and the display names of the authors the
// reader may know (themself and their colleagues, through display_names). Staff are not named to
// customers; the `message_added` events say which messages support wrote, so those read as "Soporte".
import type { SupabaseClient } from '../../lib/supabase.ts';
import { TICKET_COLUMNS, type TicketDetail } from './ticket-row.ts';
import type { TicketAttachment, TicketEventRow, TicketMessage } from '../shared/ticket/types.ts';
import { failureOf, type Failure } from '../shared/backend.ts';

export type Message = TicketMessage;
export type Attachment = TicketAttachment;
export type TicketEvent = TicketEventRow;

export interface TicketPage {
	ticket: TicketDetail;
	messages: Message[];
	attachments: Attachment[];
	events: TicketEvent[];
	/** Display names by profile id, for the authors the reader may see. */
	names: Record<string, string>;
	/** Ids of the messages support wrote. */
	fromSupport: Set<string>;
}

export type TicketLoad = { ok: true; page: TicketPage } | { ok: false; notFound: true } | (Failure & { notFound: false });

/** The ticket number in ?n=, or null when there is none; NaN when it is not a number. */
export function ticketNumberIn(search: string): number | null {
	const n = new URLSearchParams(search).get('n');
	if (n === null || n.trim() === '') return null;
	return /^\d{1,12}$/.test(n.trim()) ? Number(n.trim()) : Number.NaN;
}

export async function loadTicket(client: SupabaseClient, number: number): Promise<TicketLoad> {
	if (!Number.isSafeInteger(number)) return { ok: false, notFound: true };
	const found = await client.from('tickets').select(TICKET_COLUMNS).eq('number', number).maybeSingle();
	if (found.error) return { ...failureOf(found.error, found.status), notFound: false };
	if (!found.data) return { ok: false, notFound: true };
	const ticket = found.data as TicketDetail;

	// Staff readers see internal notes too under RLS; this page is the customer's view of the case.
	const [messages, attachments, events] = await Promise.all([
		client.from('ticket_messages').select('id, author_id, body, created_at').eq('ticket_id', ticket.id).eq('visibility', 'public').order('created_at').order('id'),
		client
			.from('ticket_attachments')
			.select('id, message_id, storage_path, file_name, mime_type, size_bytes')
			.eq('ticket_id', ticket.id)
			.eq('visibility', 'public')
			.order('created_at')
			.order('file_name'),
		client.from('ticket_events').select('id, kind, data, at, actor_kind').eq('ticket_id', ticket.id).eq('visibility', 'public').order('id'),
	]);
	const failed = [messages, attachments, events].find((r) => r.error);
	if (failed?.error) return { ...failureOf(failed.error, failed.status), notFound: false };

	const thread = (messages.data ?? []) as Message[];
	const history = (events.data ?? []) as TicketEvent[];
	const authors = [...new Set(thread.map((m) => m.author_id).filter((id): id is string => id !== null))];
	const names: Record<string, string> = {};
	if (authors.length) {
		// Names only, for the reader and their colleagues: e-mails and staff names are not the reader's.
		const people = await client.rpc('display_names', { people: authors });
		for (const p of (people.data ?? []) as { id: string; name: string | null }[]) {
			if (p.name) names[p.id] = p.name;
		}
	}
	const fromSupport = new Set(
		history.filter((e) => e.kind === 'message_added' && e.actor_kind === 'staff' && typeof e.data?.message === 'string').map((e) => e.data!.message as string),
	);
	return {
		ok: true,
		page: { ticket, messages: thread, attachments: (attachments.data ?? []) as Attachment[], events: history, names, fromSupport },
	};
}
