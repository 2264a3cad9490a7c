// What makes a mail about a ticket part of the ticket's conversation (see _shared/email/addresses.ts):
// its Message-ID names the notification, In-Reply-To and References name the ticket's thread root, and
// Thread-Index does the same for Outlook; a mail to a customer (audience.ts) also gets the ticket's
// reply address as Reply-To, a staff mail never (answering it would reach the inbound function, which
// takes no staff mail). The ticket is
// the payload's `ticket` (its id); its reply token and creation time are read from public.tickets with
// the service role (customers never see the token), once per batch for all of the batch's tickets.
import type { SupabaseClient as UntypedClient } from 'npm:@supabase/supabase-js@2';
import type { Database } from '../_shared/database.types.ts';
import { notificationMessageId, replyAddress, ticketThreadId, type SupportAddress } from '../_shared/email/addresses.ts';
import { ticketThreadIndex } from '../_shared/email/thread-index.ts';
import type { ThreadHeaders } from '../_shared/mailer/types.ts';

type SupabaseClient = UntypedClient<Database>;

export interface TicketThread {
	replyToken: string;
	createdAt: Date;
}

export interface TicketDirectory {
	/** The tickets among `ids` that exist, by id. */
	lookup(ids: string[]): Promise<Map<string, TicketThread>>;
}

export interface Threading {
	support: SupportAddress;
	tickets: TicketDirectory;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ticket a notification is about: its payload's `ticket`, when that is a ticket id. */
export function ticketOf(payload: unknown): string | undefined {
	const t = payload && typeof payload === 'object' ? (payload as Record<string, unknown>).ticket : undefined;
	return typeof t === 'string' && UUID.test(t) ? t.toLowerCase() : undefined;
}

/** `answerable`: the mail is for a customer, and an answer should become a reply on the ticket. */
export function threadHeaders(support: SupportAddress, ticketId: string, ticket: TicketThread, notificationId: string, sentAt: Date, answerable = true): ThreadHeaders {
	return {
		...(answerable ? { replyTo: replyAddress(support, ticket.replyToken) } : {}),
		messageId: notificationMessageId(support, notificationId),
		root: ticketThreadId(support, ticketId),
		threadIndex: ticketThreadIndex(ticketId, ticket.createdAt, sentAt, notificationId),
	};
}

export function supabaseTickets(client: SupabaseClient): TicketDirectory {
	return {
		async lookup(ids) {
			const found = new Map<string, TicketThread>();
			if (!ids.length) return found;
			const { data, error } = await client.from('tickets').select('id, reply_token, created_at').in('id', ids);
			if (error) throw new Error(`reading the tickets' reply tokens: ${error.message}`);
			for (const t of data ?? []) found.set(t.id, { replyToken: t.reply_token, createdAt: new Date(t.created_at) });
			return found;
		},
	};
}
