// The statuses a ticket moves through, in order: one list for the SLA engine, the edge functions and
// the islands (the tickets table's check constraint names the same five).
export const TICKET_STATUSES = ['new', 'open', 'pending_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
