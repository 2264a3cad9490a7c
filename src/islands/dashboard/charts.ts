// The dashboard's charts as ChartSpecs, from the same aggregates as its tables: every month of the
// range along x (a month without tickets draws nothing or zero), rates in percent with the
// commitments as flat lines, breaches and volumes as grouped bars.
import { fill } from '../shared/labels.ts';
import type { MonthAttainment, Pivot, SeverityBreaches, Tally } from './aggregate.ts';
import { attainmentOverall } from './aggregate.ts';
import type { ChartSeries, ChartSpec } from './chart-spec.ts';
import { seriesStyle } from './chart-style.ts';
import { monthShort } from './format.ts';
import type { DashboardLabels } from './labels.ts';
import type { ProgrammeNames } from './props.ts';
import type { Month } from './range.ts';
import { severityName } from './tables.ts';

interface Context {
	labels: DashboardLabels;
	lang: 'es' | 'en';
	/** Every month of the range. */
	months: Month[];
}

const categories = (c: Context) => c.months.map((m) => monthShort(m, c.lang));
/** A zero draws no bar (a flat sliver would read as a value); the table says 0. */
const nothingAsNull = (n: number) => (n === 0 ? null : n);
const asPercent = (t: Tally | undefined) => (t?.rate == null ? null : Math.round(t.rate * 10_000) / 100);

/** Rates per month for all programmes shown; commitment lines when they all share the same ones. */
export function attainmentChart(rows: MonthAttainment[], c: Context): ChartSpec {
	const l = c.labels;
	const overall = attainmentOverall(rows);
	const line = (label: string, style: number, pick: (m: { firstResponses: Tally; updates: Tally; escalations: Tally }) => Tally): ChartSeries => ({
		label,
		style: seriesStyle(style),
		values: c.months.map((m) => {
			const o = overall.get(m);
			return o ? asPercent(pick(o)) : null;
		}),
	});
	const series = [
		line(l.seriesFirstResponse, 0, (o) => o.firstResponses),
		line(l.seriesUpdates, 1, (o) => o.updates),
		line(l.seriesEscalations, 2, (o) => o.escalations),
	];
	const frCommitments = new Set(rows.map((r) => r.firstResponseCommitment));
	const escCommitments = new Set(rows.map((r) => r.escalationCommitment));
	const reference = (label: string, style: number, value: number): ChartSeries => ({
		label: fill(label, { n: value }),
		style: seriesStyle(style),
		values: c.months.map(() => value),
		reference: true,
	});
	// A programme that states no commitment (null) draws no line.
	const [fr] = frCommitments;
	const [esc] = escCommitments;
	if (frCommitments.size === 1 && fr !== null) series.push(reference(l.seriesFirstResponseCommitment, 0, fr));
	if (escCommitments.size === 1 && esc !== null) series.push(reference(l.seriesEscalationCommitment, 2, esc));
	return { kind: 'lines', categories: categories(c), series, yLabel: l.axisPercent, yRange: [0, 100], ySuffix: ' %' };
}

/** Breaches per month, one bar per programme severity that has rows. */
export function breachesChart(breaches: SeverityBreaches[], programmes: Record<string, ProgrammeNames>, c: Context): ChartSpec {
	const keys = [...new Set(breaches.map((b) => `${b.programme}\n${b.severity}`))];
	const severities = new Set(breaches.map((b) => b.programme)).size > 1;
	return {
		kind: 'bars',
		categories: categories(c),
		yLabel: c.labels.axisBreaches,
		series: keys.map((key, i) => {
			const [programme, severity] = key.split('\n');
			const name = severityName(programme, severity, programmes);
			return {
				label: severities ? `${programmes[programme]?.name ?? programme}: ${name}` : name,
				style: seriesStyle(i),
				values: c.months.map((m) => nothingAsNull(breaches.filter((b) => b.month === m && b.programme === programme && b.severity === severity).reduce((s, b) => s + b.total, 0))),
			};
		}),
	};
}

/** Tickets per month, one bar per product or channel. */
export function volumeChart(pivot: Pivot, keyLabel: (key: string | null) => string, c: Context): ChartSpec {
	const byMonth = new Map(pivot.rows.map((r) => [r.month, r.counts]));
	return {
		kind: 'bars',
		categories: categories(c),
		yLabel: c.labels.axisTickets,
		series: pivot.keys.map((key, i) => ({
			label: keyLabel(key),
			style: seriesStyle(i),
			values: c.months.map((m) => nothingAsNull(byMonth.get(m)?.get(key) ?? 0)),
		})),
	};
}
