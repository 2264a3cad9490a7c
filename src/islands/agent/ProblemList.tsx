// The problems (/agente/?problemas): open ones first, each with its status and how many tickets are
// linked to it (and how many of them are still open).
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import type { AgentLabels } from './labels.ts';
import { loadProblems, type ProblemSummary } from './problems-data.ts';
import type { Result } from '../shared/backend.ts';
import { errorText } from './errors.ts';
import { Loading, Unavailable } from '../shared/states.tsx';
import ProblemBadge from './ProblemBadge.tsx';
import { shortDate } from './format.ts';
import { HeaderRow } from '../shared/HeaderRow.tsx';

interface Props {
	client: SupabaseClient;
	labels: AgentLabels;
	lang: 'es' | 'en';
	problemHref: (id: string) => string;
}

export default function ProblemList({ client, labels, lang, problemHref }: Props) {
	const [load, setLoad] = useState<Result<ProblemSummary[]> | null>(null);
	const refresh = () => loadProblems(client).then(setLoad);
	useEffect(() => {
		refresh();
	}, [client]);

	if (!load)
		return <Loading text={labels.loadingProblems} />;
	if (!load.ok)
		return <Unavailable text={errorText(load, labels)} retry={labels.retry} onRetry={refresh} />;
	return (
		<section class="agent-problems" aria-labelledby="agent-problems-heading">
			<h2 id="agent-problems-heading">{labels.problemsHeading}</h2>
			<p class="agent-note-hint">{labels.problemsIntro}</p>
			{load.data.length === 0 ? (
				<p class="agent-empty">{labels.problemsEmpty}</p>
			) : (
				<div class="agent-table-wrap" tabIndex={0} role="group" aria-labelledby="agent-problems-heading">
					<table class="agent-table">
						<caption class="sr-only">{labels.problemsHeading}</caption>
						<HeaderRow columns={[labels.problemTitle, labels.colStatus, labels.colTickets, labels.colCreated]} />
						<tbody>
							{load.data.map((p) => (
								<tr key={p.id}>
									<td>
										<a href={problemHref(p.id)}>{p.title}</a>
									</td>
									<td>
										<ProblemBadge status={p.status} labels={labels} />
									</td>
									<td>{fill(labels.ticketsCount, { n: p.tickets, open: p.openTickets })}</td>
									<td>
										<time dateTime={p.created_at}>{shortDate(p.created_at, lang)}</time>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</section>
	);
}
