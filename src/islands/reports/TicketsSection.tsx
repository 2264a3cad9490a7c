// The month's incidents: the tickets opened and the tickets closed, each linked to its page. Subjects
// are the customer's words, rendered as text.
import { localePath } from '../shared/use-session.ts';
import type { Activity } from '../../../supabase/functions/_shared/reports/activity.ts';
import type { ReportLabels } from './labels.ts';

interface Props {
	labels: ReportLabels;
	lang: 'es' | 'en';
	activity: Activity;
}

const STATUS: Record<string, 'statusNew' | 'statusOpen' | 'statusPendingCustomer' | 'statusResolved' | 'statusClosed'> = {
	new: 'statusNew',
	open: 'statusOpen',
	pending_customer: 'statusPendingCustomer',
	resolved: 'statusResolved',
	closed: 'statusClosed',
};

export default function TicketsSection({ labels, lang, activity }: Props) {
	const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: activity.organisation.timezone });
	const link = (n: number) => `${localePath('/soporte/tickets/', lang)}?n=${n}`;
	const label = (l: { es: string; en?: string }) => (lang === 'en' ? (l.en ?? l.es) : l.es);
	return (
		<section class="report-incidents" aria-labelledby="report-incidents">
			<h3 id="report-incidents">{labels.incidents}</h3>
			<h4 id="report-opened">
				{labels.opened} ({activity.opened.length})
			</h4>
			{activity.opened.length ? (
				<div class="report-table" role="region" aria-labelledby="report-opened" tabindex={0}>
					<table>
						<thead>
							<tr>
								<th scope="col">{labels.ticket}</th>
								<th scope="col">{labels.subject}</th>
								<th scope="col">{labels.severity}</th>
								<th scope="col">{labels.status}</th>
								<th scope="col">{labels.openedAt}</th>
							</tr>
						</thead>
						<tbody>
							{activity.opened.map((t) => (
								<tr key={t.number}>
									<td>
										<a href={link(t.number)}>#{t.number}</a>
									</td>
									<td>{t.subject}</td>
									<td>{label(t.severity_label)}</td>
									<td>{STATUS[t.status] ? labels[STATUS[t.status]] : t.status}</td>
									<td>{day.format(new Date(t.created_at))}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : (
				<p>{labels.none}</p>
			)}
			<h4 id="report-closed">
				{labels.closed} ({activity.closed.length})
			</h4>
			{activity.closed.length ? (
				<div class="report-table" role="region" aria-labelledby="report-closed" tabindex={0}>
					<table>
						<thead>
							<tr>
								<th scope="col">{labels.ticket}</th>
								<th scope="col">{labels.subject}</th>
								<th scope="col">{labels.severity}</th>
								<th scope="col">{labels.closedAt}</th>
							</tr>
						</thead>
						<tbody>
							{activity.closed.map((t) => (
								<tr key={t.number}>
									<td>
										<a href={link(t.number)}>#{t.number}</a>
									</td>
									<td>{t.subject}</td>
									<td>{label(t.severity_label)}</td>
									<td>{day.format(new Date(t.closed_at))}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : (
				<p>{labels.none}</p>
			)}
		</section>
	);
}
