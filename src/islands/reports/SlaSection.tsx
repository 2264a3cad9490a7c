// SLA attainment for the month: one row per severity and the total, each measure as "on time of
// measured (rate)", and the total judged against the programme's commitments — the figures
// sla_attainment gives, summed as the monthly e-mail sums them.
import { fill } from '../shared/labels.ts';
import type { AttainmentSummary, Judged, Measure } from '#shared/reports/attainment.ts';
import { formatRate } from '#shared/reports/format.ts';
import type { ReportLabels } from './labels.ts';
import { HeaderRow } from '../shared/HeaderRow.tsx';

interface Props {
	labels: ReportLabels;
	lang: 'es' | 'en';
	sla: AttainmentSummary;
	severityNames: Record<string, string>;
}

export default function SlaSection({ labels, lang, sla, severityNames }: Props) {
	const shown = (m: Measure) => (m.measured ? fill(labels.onTime, { on_time: m.on_time, measured: m.measured, rate: formatRate(m.rate!, lang) }) : labels.nothingMeasured);
	const judged = (name: string, m: Judged) =>
		m.commitment === null ? null : (
			<li>
				{fill(labels.commitment, { measure: name, commitment: formatRate(m.commitment / 100, lang) })}{' '}
				<strong class={`report-verdict report-verdict-${m.met === null ? 'none' : m.met ? 'met' : 'not-met'}`}>
					{m.met === null ? labels.nothingMeasured : m.met ? labels.met : labels.notMet}
				</strong>
			</li>
		);
	return (
		<section class="report-sla" aria-labelledby="report-sla">
			<h3 id="report-sla">{labels.sla}</h3>
			<div class="report-table" role="region" aria-labelledby="report-sla" tabindex={0}>
				<table>
					<HeaderRow columns={[labels.severity, labels.tickets, labels.firstResponse, labels.updates, labels.escalation]} />
					<tbody>
						{sla.by_severity.map((s) => (
							<tr key={s.severity}>
								<th scope="row">{severityNames[s.severity] ?? s.severity}</th>
								<td>{s.tickets}</td>
								<td>{shown(s.first_response)}</td>
								<td>{shown(s.updates)}</td>
								<td>{shown(s.escalation)}</td>
							</tr>
						))}
					</tbody>
					<tfoot>
						<tr>
							<th scope="row">{labels.total}</th>
							<td>{sla.tickets}</td>
							<td data-measure="first-response">{shown(sla.first_response)}</td>
							<td data-measure="updates">{shown(sla.updates)}</td>
							<td data-measure="escalation">{shown(sla.escalation)}</td>
						</tr>
					</tfoot>
				</table>
			</div>
			<h4>{labels.commitments}</h4>
			<ul class="report-commitments">
				{judged(labels.firstResponse, sla.first_response)}
				{judged(labels.escalation, sla.escalation)}
			</ul>
		</section>
	);
}
