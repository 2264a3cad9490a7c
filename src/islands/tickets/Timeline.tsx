// The ticket's public history in words: opened, each status change (a reopen and the way it closed
// told as such), severity and level changes, the first response, and the deadlines missed. Messages
// are the thread's; the SLA sweep's bookkeeping (due_times_set) says nothing to the customer.
import { fill } from '../shared/labels.ts';
import type { TicketsLabels } from './labels.ts';
import type { TicketEvent, TicketPage } from './ticket-data.ts';
import { statusLabel } from '../shared/ticket-status.tsx';
import { shortDate } from './format.ts';
import { severityLabel, type TicketsProps } from './props.ts';
import { zoneOf } from './ticket-row.ts';

export function eventText(e: TicketEvent, labels: TicketsLabels, severity: (key: string) => string): string | null {
	const d = e.data ?? {};
	const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
	switch (e.kind) {
		case 'created':
			return labels.evCreated;
		case 'status_changed':
			if (d.to === 'closed') {
				if (d.close_reason === 'confirmed_by_customer') return labels.evClosedConfirmed;
				if (d.close_reason === 'no_customer_reply') return labels.evClosedNoReply;
				return labels.evClosedStaff;
			}
			if (d.from === 'resolved' && d.to === 'open') return labels.evReopened;
			return fill(labels.evStatus, { status: statusLabel(text(d.to), labels) });
		case 'severity_changed':
			return fill(labels.evSeverity, { from: severity(text(d.from)), to: severity(text(d.to)) });
		case 'level_changed':
			return fill(labels.evLevel, { level: text(d.to) });
		case 'plan_changed':
			return fill(labels.evPlan, { from: text(d.from), to: text(d.to) });
		case 'first_response':
			return labels.evFirstResponse;
		case 'breached':
			if (d.target === 'first_response') return labels.evBreachFirstResponse;
			if (d.target === 'update') return labels.evBreachUpdate;
			if (d.target === 'resolution') return labels.evBreachResolution;
			return null;
		default:
			return null;
	}
}

export default function Timeline({ page, labels, lang, severities }: { page: TicketPage; labels: TicketsLabels; lang: 'es' | 'en'; severities: TicketsProps['severities'] }) {
	const { ticket } = page;
	const severity = (key: string) => severityLabel(severities, ticket.programme_id, key);
	const items = page.events.map((e) => ({ e, text: eventText(e, labels, severity) })).filter((i) => i.text !== null);
	return (
		<section class="tickets-timeline" aria-labelledby="tickets-timeline-heading">
			<h3 id="tickets-timeline-heading">{labels.timeline}</h3>
			<ol>
				{items.map(({ e, text }) => (
					<li key={e.id}>
						<time dateTime={e.at}>{shortDate(e.at, lang, zoneOf(ticket))}</time> — {text}
					</li>
				))}
			</ol>
		</section>
	);
}
