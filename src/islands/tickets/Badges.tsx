// The small labels a ticket carries in the list and on its page: status, severity, and where its
// response clock stands (due by…, late, paused). Colour is never the only signal: each says it in words.
import type { TicketsLabels } from './labels.ts';
import type { TicketRow, TicketStatus } from './ticket-row.ts';
import { slaClock } from './sla-clock.ts';
import { shortDate } from './format.ts';
import { fill } from '../shared/labels.ts';
import { zoneOf } from './ticket-row.ts';

export function statusLabel(status: TicketStatus | string, labels: TicketsLabels): string {
	switch (status) {
		case 'new':
			return labels.statusNew;
		case 'open':
			return labels.statusOpen;
		case 'pending_customer':
			return labels.statusPending;
		case 'resolved':
			return labels.statusResolved;
		case 'closed':
			return labels.statusClosed;
		default:
			return status;
	}
}

export function StatusBadge({ status, labels }: { status: TicketStatus; labels: TicketsLabels }) {
	return <span class={`mostrador-badge tickets-status tickets-status--${status}`}>{statusLabel(status, labels)}</span>;
}

export function SeverityBadge({ label, title }: { label: string; title?: string }) {
	return (
		<span class="mostrador-badge tickets-severity" title={title}>
			{label}
		</span>
	);
}

export function DueBadge({ ticket, labels, lang, now }: { ticket: TicketRow; labels: TicketsLabels; lang: 'es' | 'en'; now: number }) {
	const clock = slaClock(ticket, now);
	if (clock.kind === 'late') return <span class="mostrador-badge tickets-due tickets-due--late">{labels.late}</span>;
	if (clock.kind === 'paused') return <span class="mostrador-badge tickets-due tickets-due--paused">{labels.paused}</span>;
	if (clock.kind === 'due') return <span class="mostrador-badge tickets-due">{fill(labels.dueBy, { date: shortDate(clock.at, lang, zoneOf(ticket)) })}</span>;
	return <span class="tickets-due tickets-due--none">{labels.noDue}</span>;
}
