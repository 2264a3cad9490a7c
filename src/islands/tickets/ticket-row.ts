// The columns of public.tickets the customer's pages read (RLS decides which rows), and their types.

import type { TicketCore } from '../shared/ticket/types.ts';
export type { TicketStatus } from '../shared/ticket-status.tsx';

/** What the list and the SLA clock need of a ticket. */
export const LIST_COLUMNS =
	'id, number, subject, status, severity_key, programme_id, organisation_id, requester_id, created_at, closed_at, first_response_at, first_response_due_at, next_update_due_at, first_response_breached_at, update_breached_at, organisation:organisations(name, timezone)';

/** ...and what the ticket page adds. */
export const TICKET_COLUMNS = `${LIST_COLUMNS}, environment, product_id, version, resolved_at`;

export interface TicketRow extends TicketCore {
	organisation_id: string;
	requester_id: string;
	created_at: string;
	closed_at: string | null;
	first_response_at: string | null;
	first_response_due_at: string | null;
	next_update_due_at: string | null;
	first_response_breached_at: string | null;
	update_breached_at: string | null;
	/** Embedded through the organisation_id foreign key; the customer's own zone. */
	organisation: { name: string; timezone: string } | null;
}

export interface TicketDetail extends TicketRow {
	environment: 'production' | 'test';
	product_id: string | null;
	version: string | null;
	resolved_at: string | null;
}

export { TICKET_STATUSES } from '../shared/ticket-status.tsx';

/** The zone a ticket's times are told in: its organisation's, else the page's. */
export function zoneOf(t: TicketRow): string {
	return t.organisation?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
