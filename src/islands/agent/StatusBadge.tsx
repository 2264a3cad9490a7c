// A ticket's status (../shared/ticket-status.tsx) and severity in words, as badges. The severity
// shows its short key (P1) and gives assistive technology its full label.
import type { AgentLabels } from './labels.ts';
import { StatusBadge as Badge, type TicketStatus } from '../shared/ticket-status.tsx';

export function StatusBadge({ status, labels }: { status: TicketStatus; labels: AgentLabels }) {
	return <Badge status={status} labels={labels} prefix="agent" />;
}

export function SeverityBadge({ keyName, label }: { keyName: string; label: string }) {
	return (
		<span class={`mostrador-badge agent-severity agent-severity--${keyName.toLowerCase().replace(/[^a-z0-9-]/g, '')}`} title={label}>
			<span aria-hidden="true">{keyName}</span>
			<span class="sr-only">{label}</span>
		</span>
	);
}
