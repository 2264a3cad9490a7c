// A problem's status in words.
import type { AgentLabels } from './labels.ts';
import type { Problem } from './workspace-data.ts';

export function problemStatusLabel(status: Problem['status'], labels: AgentLabels): string {
	return { open: labels.problemOpen, known_error: labels.problemKnownError, resolved: labels.problemResolved }[status];
}

export default function ProblemBadge({ status, labels }: { status: Problem['status']; labels: AgentLabels }) {
	return <span class={`mostrador-badge agent-problem agent-problem--${status}`}>{problemStatusLabel(status, labels)}</span>;
}
