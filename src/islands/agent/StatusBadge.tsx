// A ticket's status and severity in words, as badges. The severity shows its short key (P1) and
// gives assistive technology its full label.
import type { AgentLabels } from './labels.ts';
import type { TicketStatus } from './ticket-types.ts';

export function statusLabel(status: TicketStatus | string, labels: AgentLabels): string {
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

export function StatusBadge({ status, labels }: { status: TicketStatus; labels: AgentLabels }) {
	return <span class={`mostrador-badge agent-status agent-status--${status}`}>{statusLabel(status, labels)}</span>;
}

export function SeverityBadge({ keyName, label }: { keyName: string; label: string }) {
	return (
		<span class={`mostrador-badge agent-severity agent-severity--${keyName.toLowerCase().replace(/[^a-z0-9-]/g, '')}`} title={label}>
			<span aria-hidden="true">{keyName}</span>
			<span class="sr-only">{label}</span>
		</span>
	);
}
