// What to show: the organisation (staff: all or one; a coordinator: theirs) and the month range, each
// field labelled, a wrong range explained next to the field it concerns (aria-invalid and
// aria-describedby) and focused, so the reader knows what to fix before anything is asked for.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Query } from './dashboard-data.ts';
import type { DashboardLabels } from './labels.ts';
import { rangeProblem, type RangeProblem } from './range.ts';
import type { OverseenOrganisation as Organisation } from '../shared/use-staff.ts';
import { Options } from '../shared/Options.tsx';

interface Props {
	labels: DashboardLabels;
	staff: boolean;
	organisations: Organisation[];
	query: Query;
	onApply: (query: Query) => void;
}

export function Filters({ labels, staff, organisations, query, onApply }: Props) {
	const [draft, setDraft] = useState(query);
	const [problem, setProblem] = useState<RangeProblem | null>(() => rangeProblem(query.from, query.to));
	const [focusProblem, setFocusProblem] = useState(false);
	const fields = { from: useRef<HTMLInputElement>(null), to: useRef<HTMLInputElement>(null) };

	// Back and forward change the query from outside.
	useEffect(() => {
		setDraft(query);
		setProblem(rangeProblem(query.from, query.to));
	}, [query]);
	useEffect(() => {
		if (focusProblem && problem) fields[problem.field].current?.focus();
		setFocusProblem(false);
	}, [focusProblem, problem]);

	const submit = (event: Event) => {
		event.preventDefault();
		const found = rangeProblem(draft.from, draft.to);
		setProblem(found);
		if (found) setFocusProblem(true);
		else onApply(draft);
	};

	const everyone = staff ? labels.allOrganisations : labels.allMine;
	const monthField = (field: 'from' | 'to') => {
		const wrong = problem?.field === field;
		return (
			<div class="dashboard-field">
				<label for={`dashboard-${field}`}>{labels[field]}</label>
				<input
					ref={fields[field]}
					id={`dashboard-${field}`}
					type="month"
					value={draft[field]}
					required
					aria-invalid={wrong ? 'true' : undefined}
					aria-describedby={`dashboard-month-hint${wrong ? ` dashboard-${field}-error` : ''}`}
					onInput={(e) => setDraft({ ...draft, [field]: (e.target as HTMLInputElement).value })}
				/>
				{wrong && (
					<p id={`dashboard-${field}-error`} class="mostrador-error">
						{labels[problem.problem]}
					</p>
				)}
			</div>
		);
	};

	return (
		<form class="mostrador-form dashboard-filters" aria-label={labels.filtersLabel} onSubmit={submit} noValidate>
			<div class="dashboard-field">
				<label for="dashboard-organisation">{labels.organisation}</label>
				<select
					id="dashboard-organisation"
					value={draft.organisation ?? ''}
					onChange={(e) => setDraft({ ...draft, organisation: (e.target as HTMLSelectElement).value || null })}
				>
					{(staff || organisations.length > 1) && <option value="">{everyone}</option>}
					<Options items={organisations} />
				</select>
			</div>
			{monthField('from')}
			{monthField('to')}
			<p id="dashboard-month-hint" class="dashboard-hint">
				{labels.monthHint}
			</p>
			<button type="submit" class="mostrador-button">
				{labels.apply}
			</button>
		</form>
	);
}
