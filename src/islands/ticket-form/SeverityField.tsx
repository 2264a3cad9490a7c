// The severity choice, with each severity's criteria in plain words, straight from the programme:
// its description, how many users it affects, where it happens, whether people can keep working,
// and examples. The customer picks by recognising their situation, not by knowing "P2".
import { pickText } from '#shared/programme-helpers.ts';
import type { Programme, Severity } from '#shared/programme.ts';
import { fill } from '../shared/labels.ts';
import type { TicketFormLabels } from './labels.ts';
import { describedBy } from './Field.tsx';

function criteria(s: Severity, labels: TicketFormLabels): string[] {
	const out: string[] = [];
	const users = s.criteria.usersAffected;
	if (users) {
		const { min, max } = users;
		if (min === 100) out.push(labels.usersAll);
		else if (min !== undefined && max !== undefined) out.push(fill(labels.usersRange, { min, max }));
		else if (min !== undefined) out.push(fill(labels.usersMin, { min }));
		else if (max !== undefined) out.push(fill(labels.usersMax, { max }));
	}
	if (s.criteria.environment === 'production') out.push(labels.envProductionOnly);
	else if (s.criteria.environment === 'non-production') out.push(labels.envNonProductionOnly);
	else out.push(labels.envAny);
	if (s.criteria.canContinueWorking === true) out.push(labels.canWork);
	if (s.criteria.canContinueWorking === false) out.push(labels.cannotWork);
	return out;
}

export interface SeverityFieldProps {
	idPrefix: string;
	programme: Programme;
	value: string;
	lang: 'es' | 'en';
	labels: TicketFormLabels;
	error?: string;
	onChange(key: string): void;
}

export function SeverityField({ idPrefix, programme, value, lang, labels, error, onChange }: SeverityFieldProps) {
	const hintId = `${idPrefix}-severity-hint`;
	const errorId = error ? `${idPrefix}-severity-error` : undefined;
	return (
		<fieldset class="ticket-form-severity">
			<legend>{labels.severity}</legend>
			<p id={hintId} class="ticket-form-hint">
				{labels.severityHint}
			</p>
			{programme.severities.map((s, i) => {
				const id = `${idPrefix}-severity-${i}`;
				const examples = s.criteria.examples.map((e) => pickText(e, lang));
				return (
					<div class="ticket-form-severity-option" key={s.key}>
						<input
							type="radio"
							id={id}
							name={`${idPrefix}-severity`}
							value={s.key}
							checked={value === s.key}
							onChange={() => onChange(s.key)}
							aria-invalid={!!error}
							aria-describedby={describedBy(`${id}-details`, errorId)}
							data-field="severity"
						/>
						<label for={id}>{pickText(s.label, lang)}</label>
						<div id={`${id}-details`} class="ticket-form-severity-details">
							<p>{pickText(s.description, lang)}</p>
							<ul>
								{criteria(s, labels).map((c) => (
									<li key={c}>{c}</li>
								))}
							</ul>
							{examples.length > 0 && (
								<p>
									{labels.examples} {examples.join(' ')}
								</p>
							)}
						</div>
					</div>
				);
			})}
			{error && (
				<p id={errorId} class="mostrador-error">
					{error}
				</p>
			)}
		</fieldset>
	);
}
