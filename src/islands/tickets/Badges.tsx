// The small labels a ticket carries in the list and on its page: status, severity, and where its
// response clock stands (due by…, late, paused). Colour is never the only signal: each says it in words.
import type { TicketsLabels } from './labels.ts';
import type { TicketRow } from './ticket-row.ts';
import { StatusBadge as Badge, type TicketStatus } from '../shared/ticket-status.tsx';
import { slaClock } from './sla-clock.ts';
import { shortDate } from './format.ts';
import { fill } from '../shared/labels.ts';
import { zoneOf } from './ticket-row.ts';

export function StatusBadge({ status, labels }: { status: TicketStatus; labels: TicketsLabels }) {
	return <Badge status={status} labels={labels} prefix="tickets" />;
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
