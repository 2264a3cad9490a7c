// A ticket's status in words, and as a badge, the same in the agent console and the customer's pages.
// Colour is never the only signal: the badge says the status in words. Each island keeps its own class
// prefix (agent-status, tickets-status) for its styles.
import type { TicketStatus } from '#shared/ticket-status.ts';

export { TICKET_STATUSES, type TicketStatus } from '#shared/ticket-status.ts';

export type StatusLabelKey = 'statusNew' | 'statusOpen' | 'statusPending' | 'statusResolved' | 'statusClosed';
export type StatusLabels = Readonly<Record<StatusLabelKey, string>>;

const KEYS: Record<TicketStatus, StatusLabelKey> = {
	new: 'statusNew',
	open: 'statusOpen',
	pending_customer: 'statusPending',
	resolved: 'statusResolved',
	closed: 'statusClosed',
};

/** The status in the page's words; an unknown one as it is. */
export function statusLabel(status: TicketStatus | string, labels: StatusLabels): string {
	return Object.prototype.hasOwnProperty.call(KEYS, status) ? labels[KEYS[status as TicketStatus]] : status;
}

export function StatusBadge({ status, labels, prefix }: { status: TicketStatus; labels: StatusLabels; prefix: 'agent' | 'tickets' }) {
	return <span class={`mostrador-badge ${prefix}-status ${prefix}-status--${status}`}>{statusLabel(status, labels)}</span>;
}
