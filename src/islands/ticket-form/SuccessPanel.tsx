// After sending: the ticket's number, when the first response is due (as the tickets function worded
// it, in the organisation's zone) and a link to follow it. Focused, so keyboard and screen-reader users
// land on the news.
import { useEffect, useRef } from 'preact/hooks';
import { fill } from '../shared/labels.ts';
import { localePath } from '../shared/use-session.ts';
import type { TicketFormLabels } from './labels.ts';

export interface SuccessPanelProps {
	number: number;
	dueText: string | null;
	labels: TicketFormLabels;
	lang: 'es' | 'en';
	headingLevel: 2 | 3 | 4;
	onAnother(): void;
}

export function SuccessPanel({ number, dueText, labels, lang, headingLevel, onAnother }: SuccessPanelProps) {
	const heading = useRef<HTMLHeadingElement>(null);
	useEffect(() => heading.current?.focus(), []);
	const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
	return (
		<div class="ticket-form-panel ticket-form-success">
			<Heading ref={heading} tabIndex={-1}>
				{fill(labels.successTitle, { number })}
			</Heading>
			{dueText && <p>{fill(labels.successDue, { due: dueText })}</p>}
			<p>
				<a href={`${localePath('/soporte/tickets/', lang)}?n=${number}`}>{fill(labels.successView, { number })}</a>
			</p>
			<button type="button" class="mostrador-link" onClick={onAnother}>
				{labels.successAgain}
			</button>
		</div>
	);
}
