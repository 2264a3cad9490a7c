// The figures for one query: attainment per month against the commitments (chart and table), the
// breakdown by plan and priority exactly as public.sla_attainment gives it, breaches by priority, and
// the volume by product and by channel (chart and table each). Every chart is followed by its table.
import { useMemo } from 'preact/hooks';
import { fill } from '../shared/labels.ts';
import { attainmentByMonth, breachesBySeverity, volumeBy } from './aggregate.ts';
import { attainmentChart, breachesChart, volumeChart } from './charts.ts';
import { Chart } from './Chart.tsx';
import type { AttainmentRow, Query, VolumeRow } from './dashboard-data.ts';
import { DataTable } from './DataTable.tsx';
import type { DashboardProps } from './props.ts';
import { monthsIn } from './range.ts';
import { attainmentTable, breachesTable, breakdownTable, volumeTable, type TableModel } from './tables.ts';
import type { ChartSpec } from './chart-spec.ts';

const CHANNELS = ['web', 'email', 'phone', 'chat'];

interface Props extends DashboardProps {
	query: Query;
	attainment: AttainmentRow[];
	volume: VolumeRow[];
}

interface Section {
	id: string;
	heading: string;
	intro?: string[];
	chart?: { title: string; spec: ChartSpec };
	table: TableModel;
}

function useSections({ labels: l, lang, programmes, products, query, attainment, volume }: Props): Section[] {
	return useMemo(() => {
		const months = monthsIn(query.from, query.to);
		const showProgramme = new Set(attainment.map((r) => r.programme_id)).size > 1;
		const tc = { labels: l, lang, programmes, products, showProgramme };
		const cc = { labels: l, lang, months };
		const perMonth = attainmentByMonth(attainment);
		const breaches = breachesBySeverity(attainment, programmes);
		const byProduct = volumeBy(volume, 'product_id', [...Object.keys(products), null]);
		const byChannel = volumeBy(volume, 'channel', CHANNELS);
		const productName = (k: string | null) => (k === null ? l.noProduct : (products[k] ?? k));
		const channelName = (k: string | null) => (l as Record<string, string>)[`channel_${k}`] ?? String(k);
		const commitments = [...new Map(attainment.map((r) => [r.programme_id, r])).values()].map((r) => {
			const programme = programmes[r.programme_id]?.name ?? r.programme_id;
			return r.first_response_commitment === null || r.escalation_commitment === null
				? fill(l.noCommitments, { programme })
				: fill(l.commitments, { programme, firstResponse: r.first_response_commitment, escalation: r.escalation_commitment });
		});
		return [
			{ id: 'attainment', heading: l.attainmentHeading, intro: commitments, chart: { title: l.attainmentChart, spec: attainmentChart(perMonth, cc) }, table: attainmentTable(perMonth, tc) },
			{ id: 'breakdown', heading: l.breakdownHeading, table: breakdownTable(attainment, tc) },
			{ id: 'breaches', heading: l.breachesHeading, chart: { title: l.breachesChart, spec: breachesChart(breaches, programmes, cc) }, table: breachesTable(breaches, tc) },
			{ id: 'product', heading: l.productHeading, chart: { title: l.productChart, spec: volumeChart(byProduct, productName, cc) }, table: volumeTable('volume-product', l.productHeading, byProduct, productName, tc) },
			{ id: 'channel', heading: l.channelHeading, chart: { title: l.channelChart, spec: volumeChart(byChannel, channelName, cc) }, table: volumeTable('volume-channel', l.channelHeading, byChannel, channelName, tc) },
		];
	}, [l, lang, programmes, products, query, attainment, volume]);
}

export function Figures(props: Props) {
	const { labels, query, attainment, volume } = props;
	const sections = useSections(props);
	if (attainment.length === 0 && volume.length === 0)
		return <p class="mostrador-status dashboard-empty">{labels.empty}</p>;
	return (
		<div class="dashboard-figures">
			{sections.map((s) => (
				<section key={s.id} class="dashboard-section" aria-labelledby={`dashboard-${s.id}-heading`}>
					<h2 id={`dashboard-${s.id}-heading`}>{s.heading}</h2>
					{s.intro?.map((line) => <p key={line}>{line}</p>)}
					{s.chart && s.table.rows.length > 0 && <Chart id={`dashboard-${s.id}-chart`} title={s.chart.title} spec={s.chart.spec} tableTitle={s.table.title} labels={labels} />}
					<DataTable table={s.table} labels={labels} fileName={`${s.table.id}_${query.organisation ?? 'all'}_${query.from}_${query.to}`} />
				</section>
			))}
		</div>
	);
}
