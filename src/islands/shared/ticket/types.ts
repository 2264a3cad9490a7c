// The rows of a ticket's thread as both the agent's workspace and the customer's page read them; the
// workspace's rows add their visibility (and an event its actor), which customers never see.
import type { TicketStatus } from '../ticket-status.tsx';
export interface TicketMessage {
	id: string;
	author_id: string | null;
	body: string;
	created_at: string;
}

export interface TicketAttachment {
	id: string;
	message_id: string | null;
	storage_path: string;
	file_name: string;
	mime_type: string;
	size_bytes: number;
}

export interface TicketEventRow {
	id: number;
	kind: string;
	data: Record<string, unknown> | null;
	at: string;
	actor_kind: 'customer' | 'staff' | 'system';
}

/** The columns of public.tickets every list of tickets reads first. */
export interface TicketCore {
	id: string;
	number: number;
	subject: string;
	status: TicketStatus;
	severity_key: string;
	programme_id: string;
}
