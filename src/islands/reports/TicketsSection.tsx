// The month's incidents: the tickets opened and the tickets closed, each linked to its page. Subjects
// are the customer's words, rendered as text.
import { localePath } from '../shared/use-session.ts';
import type { Activity } from '#shared/reports/activity.ts';
import type { ReportLabels } from './labels.ts';
import ReportTable from './ReportTable.tsx';

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
			<ReportTable
				labelledBy="report-opened"
				columns={[labels.ticket, labels.subject, labels.severity, labels.status, labels.openedAt]}
				rows={activity.opened}
				rowKey={(t) => t.number}
				cells={(t) => [
					<a href={link(t.number)}>#{t.number}</a>,
					t.subject,
					label(t.severity_label),
					STATUS[t.status] ? labels[STATUS[t.status]] : t.status,
					day.format(new Date(t.created_at)),
				]}
				none={labels.none}
			/>
			<h4 id="report-closed">
				{labels.closed} ({activity.closed.length})
			</h4>
			<ReportTable
				labelledBy="report-closed"
				columns={[labels.ticket, labels.subject, labels.severity, labels.closedAt]}
				rows={activity.closed}
				rowKey={(t) => t.number}
				cells={(t) => [<a href={link(t.number)}>#{t.number}</a>, t.subject, label(t.severity_label), day.format(new Date(t.closed_at))]}
				none={labels.none}
			/>
		</section>
	);
}
