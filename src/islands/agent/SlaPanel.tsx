// The ticket's SLA in the workspace: its state and countdown, and each of the four deadlines. After a
// change that moves the clock (severity, level, status, a reply) the row is flagged (sla_dirty) until
// the SLA sweep rewrites its due times, usually within a minute; meanwhile the deadlines shown are the
// ones the browser computes from the event log with the same engine, and the panel says so.
import { fill } from '../shared/labels.ts';
import type { AgentLabels } from './labels.ts';
import type { ProgrammeInfo } from './props.ts';
import type { QueueTicket } from './ticket-types.ts';
import type { TicketEvent } from './workspace-data.ts';
import { slaState, type DeadlineKind } from './deadlines.ts';
import { previewSla } from './sla-preview.ts';
import SlaBadge, { deadlineName } from './SlaBadge.tsx';
import { duration, shortDate } from './format.ts';
import { instantMs } from '#shared/sla-instant.ts';

interface Props {
	ticket: QueueTicket;
	events: TicketEvent[];
	programme: ProgrammeInfo | undefined;
	now: number;
	labels: AgentLabels;
	lang: 'es' | 'en';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export default function SlaPanel({ ticket, events, programme, now, labels, lang }: Props) {
	// The log was just loaded and may hold events newer than the last tick of the 30-second clock, which
	// the engine would leave out as "not yet known": evaluate as of the later of the two.
	const preview = ticket.sla_dirty ? previewSla(programme, events, Math.max(now, Date.now())) : null;
	// Due times as the sweep will write them: the preview while a change is pending, else the row's.
	const due = preview
		? {
				...ticket,
				first_response_at: iso(preview.firstResponse.metAt) ?? ticket.first_response_at,
				first_response_due_at: iso(preview.firstResponse.due),
				next_update_due_at: iso(preview.nextUpdate.due),
				next_escalation_due_at: iso(preview.nextEscalation.due),
				resolution_due_at: iso(preview.resolution.due),
			}
		: ticket;
	const state = slaState(due, now, programme?.plans[ticket.plan_id]?.calendar);
	const running = ticket.status === 'new' || ticket.status === 'open';

	const line = (kind: DeadlineKind, at: string | null, met: string | null = null) => {
		let text: string;
		if (met) text = fill(labels.metAt, { date: shortDate(met, lang) });
		else if (!running) text = ticket.status === 'pending_customer' ? labels.slaPaused : labels.slaStopped;
		else if (!at) text = labels.noDeadline;
		else {
			const left = instantMs(at) - now;
			text = `${shortDate(at, lang)} (${fill(left > 0 ? labels.dueIn : labels.dueAgo, { time: duration(left) })})`;
		}
		return (
			<div key={kind}>
				<dt>{deadlineName(kind, labels)}</dt>
				<dd>{text}</dd>
			</div>
		);
	};

	const breaches = (
		[
			['first_response', ticket.first_response_breached_at],
			['update', ticket.update_breached_at],
			['escalation', ticket.escalation_breached_at],
			['resolution', ticket.resolution_breached_at],
		] as [DeadlineKind, string | null][]
	).filter((b): b is [DeadlineKind, string] => b[1] !== null);

	return (
		<section class="agent-panel agent-sla-panel" aria-labelledby="agent-sla-heading">
			<h3 id="agent-sla-heading">{labels.slaHeading}</h3>
			<p>
				<SlaBadge state={state} now={now} labels={labels} lang={lang} />
			</p>
			{preview && <p class="agent-note-hint">{labels.slaPreview}</p>}
			{ticket.sla_dirty && !preview && <p class="agent-note-hint">{labels.slaPending}</p>}
			<dl class="agent-facts">
				{line('first_response', due.first_response_due_at, due.first_response_at)}
				{line('update', due.next_update_due_at)}
				{line('escalation', due.next_escalation_due_at)}
				{line('resolution', due.resolution_due_at, ticket.status === 'resolved' || ticket.status === 'closed' ? ticket.resolved_at : null)}
			</dl>
			{breaches.length > 0 && (
				<>
					<p class="agent-facts-heading">{labels.breachesHeading}</p>
					<ul class="agent-breaches">
						{breaches.map(([kind, at]) => (
							<li key={kind}>{fill(labels.breachLine, { target: deadlineName(kind, labels), date: shortDate(at, lang) })}</li>
						))}
					</ul>
				</>
			)}
		</section>
	);
}
