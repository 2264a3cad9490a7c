// The ticket's response clock in the customer's words and zone: when the next response is due, that
// it is late, or that it is paused while support waits on the customer.
import { fill } from '../shared/labels.ts';
import type { TicketsLabels } from './labels.ts';
import { slaClock } from './sla-clock.ts';
import { formatInstant } from './format.ts';
import { zoneOf, type TicketDetail } from './ticket-row.ts';

export default function SlaClock({ ticket, labels, lang, now }: { ticket: TicketDetail; labels: TicketsLabels; lang: 'es' | 'en'; now: number }) {
	const clock = slaClock(ticket, now);
	const zone = zoneOf(ticket);
	const words = (at: string) => formatInstant(at, lang, zone);
	let text: string;
	switch (clock.kind) {
		case 'due':
			text = fill(clock.target === 'first_response' ? labels.slaFirstResponse : labels.slaNextUpdate, { date: words(clock.at) });
			break;
		case 'late':
			text = fill(labels.slaLate, { date: words(clock.at) });
			break;
		case 'paused':
			text = labels.slaPaused;
			break;
		case 'resolved':
			text = labels.slaResolved;
			break;
		case 'closed':
			text = ticket.closed_at ? fill(labels.slaClosed, { date: words(ticket.closed_at) }) : labels.statusClosed;
			break;
		default:
			text = labels.slaNone;
	}
	// The words already say "paused"; a late clock also gets the list's red badge, so it stands out.
	const badge = clock.kind === 'late' ? labels.late : null;
	return (
		<section class={`tickets-clock tickets-clock--${clock.kind}`} aria-labelledby="tickets-clock-heading">
			<h3 id="tickets-clock-heading">{labels.slaHeading}</h3>
			<p>
				{badge && (
					<>
						<span class={`mostrador-badge tickets-due--${clock.kind}`}>{badge}</span>{' '}
					</>
				)}
				{text}
			</p>
			{(clock.kind === 'due' || clock.kind === 'late') && <p class="mostrador-status">{fill(labels.slaZone, { zone })}</p>}
		</section>
	);
}
