// One organisation's month: loads it as the reader (the RPCs decide whether they may) and lays it out
// for reading and printing — the summary, SLA attainment against the commitments, the incidents, the
// documentation's changes and the new downloads.
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import { formatDays, formatMonth } from '#shared/reports/format.ts';
import type { ReportProps } from './props.ts';
import { loadReport, type ReportResult } from './report-data.ts';
import SlaSection from './SlaSection.tsx';
import TicketsSection from './TicketsSection.tsx';
import ChangesSection from './ChangesSection.tsx';
import { Loading, Unavailable } from '../shared/states.tsx';

interface Props extends ReportProps {
	client: SupabaseClient;
	org: string;
	month: string;
}

export default function MonthlyReport({ client, org, month, labels, lang, severities }: Props) {
	const [result, setResult] = useState<ReportResult | null>(null);
	useEffect(() => {
		let live = true;
		setResult(null);
		loadReport(client, org, month).then(
			(r) => live && setResult(r),
			(e: Error) => live && setResult({ status: 'failed', code: e.message }),
		);
		return () => {
			live = false;
		};
	}, [org, month]);

	if (!result)
		return <Loading text={labels.loading} />;
	if (result.status === 'refused') return <p class="report-refused">{labels.refused}</p>;
	if (result.status === 'not-found') return <p class="mostrador-error">{labels.notFound}</p>;
	if (result.status === 'unavailable') return <Unavailable text={labels.unavailable} />;
	if (result.status === 'failed')
		return (
			<p class="mostrador-error" role="alert">
				{fill(labels.failed, { code: result.code })}
			</p>
		);
	const { activity, sla, period, changes } = result.data;
	const names = severities[activity.organisation.programme_id] ?? {};
	return (
		<article class="report" aria-labelledby="report-heading">
			<header class="report-header">
				<h2 id="report-heading">{fill(labels.heading, { organisation: activity.organisation.name, month: formatMonth(month, lang) })}</h2>
				<p>{fill(labels.period, { days: formatDays(period.from, period.to, lang), timezone: activity.organisation.timezone })}</p>
				<button class="mostrador-button report-print" type="button" onClick={() => window.print()}>
					{labels.print}
				</button>
			</header>
			<section class="report-summary" aria-labelledby="report-summary">
				<h3 id="report-summary">{labels.summary}</h3>
				<dl>
					<dt>{labels.opened}</dt>
					<dd>{activity.opened.length}</dd>
					<dt>{labels.closed}</dt>
					<dd>{activity.closed.length}</dd>
					<dt>{labels.sla}</dt>
					<dd>
						{/* A programme that commits to nothing (best-effort plans) has nothing to judge, every month; the
						    commitments come with the month's tickets, so a month without tickets says only that. */}
						{sla.tickets > 0 && sla.first_response.commitment === null && sla.escalation.commitment === null
							? labels.verdictBestEffort
							: sla.met === null
								? labels.verdictNone
								: sla.met
									? labels.verdictMet
									: labels.verdictNotMet}
					</dd>
				</dl>
			</section>
			<SlaSection labels={labels} lang={lang} sla={sla} severityNames={names} />
			<TicketsSection labels={labels} lang={lang} activity={activity} />
			<ChangesSection labels={labels} lang={lang} changes={changes} downloads={activity.downloads} timeZone={activity.organisation.timezone} />
		</article>
	);
}
