// "Qué pasará al enviarlo": the first-response deadline if it were sent now (in the organisation's
// zone, from the shared SLA engine), the plan's promise behind it, the receipt by e-mail, and that the
// whole organisation will see the ticket. A best-effort plan promises no time: it is said so, with no
// deadline shown.
import { fill } from '../shared/labels.ts';
import type { TicketFormLabels } from './labels.ts';
import type { DuePreview } from './due-preview.ts';

export interface NextStepsProps {
	preview: DuePreview | null;
	bestEffort: boolean;
	severityLabel: string;
	organisation: string;
	labels: TicketFormLabels;
	headingLevel: 2 | 3 | 4;
	idPrefix: string;
}

export function NextSteps({ preview, bestEffort, severityLabel, organisation, labels, headingLevel, idPrefix }: NextStepsProps) {
	const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
	return (
		<section class="ticket-form-next" aria-labelledby={`${idPrefix}-next`}>
			<Heading id={`${idPrefix}-next`}>{labels.nextTitle}</Heading>
			<ul>
				<li>{labels.nextEmail}</li>
				{bestEffort && <li data-best-effort>{labels.bestEffort}</li>}
				{preview && (
					<li>
						{fill(labels.nextDue, { due: preview.dueText })}{' '}
						{fill(preview.alwaysOpen ? labels.nextTargetAlways : labels.nextTarget, {
							plan: preview.planName,
							target: preview.targetText,
							severity: severityLabel,
							calendar: preview.calendarName,
						})}
					</li>
				)}
				<li>{fill(labels.nextShared, { organisation })}</li>
			</ul>
		</section>
	);
}
