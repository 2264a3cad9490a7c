// The dashboard once we know who is looking: the query (from the address, or the defaults: the last
// six months; a coordinator of one organisation sees it named), the form that changes it, and the
// figures for it. A refusal by the database (a coordinator asking for another organisation by its id)
// is said plainly and shows nothing of it.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import { localePath } from '../shared/use-session.ts';
import { loadFigures, type Figures as FigureData, type Query } from './dashboard-data.ts';
import { Figures } from './Figures.tsx';
import { Filters } from './Filters.tsx';
import { monthLong } from './format.ts';
import type { DashboardProps } from './props.ts';
import { defaultRange, rangeProblem } from './range.ts';
import type { OverseenOrganisation as Organisation } from '../shared/use-staff.ts';
import { readUrl, writeUrl } from './url-state.ts';

interface Props extends DashboardProps {
	client: SupabaseClient;
	staff: boolean;
	organisations: Organisation[];
}

function queryFromUrl(organisations: Organisation[], staff: boolean): Query {
	const url = readUrl(typeof location === 'undefined' ? '' : location.search);
	const range = defaultRange();
	const single = !staff && organisations.length === 1 ? organisations[0].id : null;
	return { organisation: url.organisation ?? single, from: url.from ?? range.from, to: url.to ?? range.to };
}

type State = { status: 'idle' } | { status: 'loading' } | FigureData;

export function DashboardView(props: Props) {
	const { client, staff, organisations, labels, lang } = props;
	const [query, setQuery] = useState(() => queryFromUrl(organisations, staff));
	const [state, setState] = useState<State>({ status: 'idle' });
	const [attempt, setAttempt] = useState(0);

	useEffect(() => {
		const back = () => setQuery(queryFromUrl(organisations, staff));
		addEventListener('popstate', back);
		return () => removeEventListener('popstate', back);
	}, [organisations, staff]);

	useEffect(() => {
		if (rangeProblem(query.from, query.to)) return setState({ status: 'idle' });
		let live = true;
		setState({ status: 'loading' });
		loadFigures(client, query).then((figures) => live && setState(figures));
		return () => {
			live = false;
		};
	}, [client, query, attempt]);

	const apply = useCallback((next: Query) => {
		writeUrl(next);
		setQuery(next);
	}, []);

	if (state.status === 'error' && state.code === 'forbidden')
		return (
			<div class="dashboard-refusal" role="alert">
				<p>{labels.forbiddenOrg}</p>
				<p>
					<a href={localePath('/soporte/sla/', lang)}>{labels.backToMine}</a>
				</p>
			</div>
		);

	const everyone = staff ? labels.allOrganisations : labels.allMine;
	const name = query.organisation ? (organisations.find((o) => o.id === query.organisation)?.name ?? query.organisation) : everyone;
	return (
		<div class="dashboard-view">
			<p>{labels.intro}</p>
			<Filters labels={labels} staff={staff} organisations={organisations} query={query} onApply={apply} />
			<div class="dashboard-state" role="status">
				{state.status === 'loading' && <p class="mostrador-status">{labels.loadingFigures}</p>}
				{state.status === 'ok' && (
					<p class="dashboard-showing">{fill(labels.showing, { organisation: name, from: monthLong(query.from, lang), to: monthLong(query.to, lang) })}</p>
				)}
			</div>
			{state.status === 'error' && (
				<div class="dashboard-error" role="alert">
					<p class="mostrador-error">
						{state.code === 'organisation_not_found'
							? labels.orgNotFound
							: state.code === 'unavailable'
								? labels.unavailable
								: state.code === 'range_too_long'
									? labels.rangeTooLong
									: state.code === 'invalid_range'
										? labels.rangeInvalid
										: labels.failed}
					</p>
					{(state.code === 'failed' || state.code === 'unavailable') && (
						<button type="button" class="mostrador-button" onClick={() => setAttempt((n) => n + 1)}>
							{labels.retry}
						</button>
					)}
				</div>
			)}
			{state.status === 'ok' && <Figures {...props} query={query} attainment={state.attainment} volume={state.volume} />}
		</div>
	);
}
