// The dashboard's tables as plain models that both the HTML table and its CSV export read, so the
// download is exactly what the reader sees: each cell has the text shown and, for figures, the value
// as the RPC gives it (counts, rates as fractions, months as their first day), which the CSV carries.
import type { DashboardLabels } from './labels.ts';
import type { AttainmentRow } from './dashboard-data.ts';
import type { MonthAttainment, Pivot, SeverityBreaches } from './aggregate.ts';
import type { ProgrammeNames } from './props.ts';
import { count, monthLong, percent } from './format.ts';
import { monthOf, type Month } from './range.ts';

export interface Cell {
	text: string;
	/** What the CSV holds when it is not the text; '' for a figure the RPC gives as null. */
	value?: string | number;
	/** A month cell's machine-readable month ('YYYY-MM'), for <time datetime>. */
	datetime?: string;
}

export interface Column {
	label: string;
	/** The heading over a run of columns ("Primera respuesta" over measured, on time, %). */
	group?: string;
}

export interface TableModel {
	id: string;
	title: string;
	columns: Column[];
	/** How many leading cells of each row are row headers. */
	rowHeaders: number;
	rows: Cell[][];
}

export interface TableContext {
	labels: DashboardLabels;
	lang: 'es' | 'en';
	programmes: Record<string, ProgrammeNames>;
	products: Record<string, string>;
	/** Whether the rows span more than one programme (then a programme column tells them apart). */
	showProgramme: boolean;
}

const monthCell = (month: Month, lang: 'es' | 'en'): Cell => ({ text: monthLong(month, lang), value: `${month}-01`, datetime: month });
const countCell = (n: number, lang: 'es' | 'en'): Cell => ({ text: count(n, lang), value: n });
const rateCell = (r: number | null, c: TableContext): Cell => (r === null ? { text: c.labels.notMeasured, value: '' } : { text: percent(r, c.lang), value: r });
const metCell = (m: boolean | null, c: TableContext): Cell => (m === null ? { text: c.labels.notMeasured, value: '' } : { text: m ? c.labels.yes : c.labels.no });
const programmeName = (id: string, c: TableContext) => c.programmes[id]?.name ?? id;
const planName = (programme: string, plan: string, c: TableContext) => c.programmes[programme]?.plans[plan] ?? plan;
export const severityName = (programme: string, key: string, programmes: Record<string, ProgrammeNames>) =>
	programmes[programme]?.severities.find((s) => s.key === key)?.label ?? key;

function tallyColumns(group: string, c: TableContext, extra: string[] = []): Column[] {
	return [c.labels.colMeasured, c.labels.colOnTime, c.labels.colRate, ...extra].map((label) => ({ label, group }));
}

/** Every table starts with the month and, when the rows span programmes, the programme. */
function leadColumns(c: TableContext): Column[] {
	return [{ label: c.labels.colMonth }, ...(c.showProgramme ? [{ label: c.labels.colProgramme }] : [])];
}

function leadCells(month: Month, programme: string, c: TableContext): Cell[] {
	return [monthCell(month, c.lang), ...(c.showProgramme ? [{ text: programmeName(programme, c) }] : [])];
}

/** First response, updates and escalations, each tallied, the first and last against their commitment. */
function attainmentColumns(c: TableContext): Column[] {
	const l = c.labels;
	return [...tallyColumns(l.groupFirstResponse, c, [l.colCommitment, l.colMet]), ...tallyColumns(l.groupUpdates, c), ...tallyColumns(l.groupEscalations, c, [l.colCommitment, l.colMet])];
}

/** The cells under tallyColumns: measured, on time and rate, then the commitment and whether it was met. */
function tallyCells(c: TableContext, measured: number, onTime: number, rate: number | null, commitment?: { n: number | null; met: boolean | null }): Cell[] {
	const cells = [countCell(measured, c.lang), countCell(onTime, c.lang), rateCell(rate, c)];
	if (!commitment) return cells;
	const stated: Cell = commitment.n === null ? { text: c.labels.noCommitment, value: '' } : countCell(commitment.n, c.lang);
	return [...cells, stated, metCell(commitment.met, c)];
}

/** Attainment per month (and programme): the chart's table. */
export function attainmentTable(months: MonthAttainment[], c: TableContext): TableModel {
	const l = c.labels;
	return {
		id: 'sla-attainment',
		title: l.attainmentHeading,
		rowHeaders: c.showProgramme ? 2 : 1,
		columns: [
			...leadColumns(c),
			{ label: l.colTickets },
			...attainmentColumns(c),
		],
		rows: months.map((m) => [
			...leadCells(m.month, m.programme, c),
			countCell(m.tickets, c.lang),
			...tallyCells(c, m.firstResponses.measured, m.firstResponses.onTime, m.firstResponses.rate, { n: m.firstResponseCommitment, met: m.firstResponseMet }),
			...tallyCells(c, m.updates.measured, m.updates.onTime, m.updates.rate),
			...tallyCells(c, m.escalations.measured, m.escalations.onTime, m.escalations.rate, { n: m.escalationCommitment, met: m.escalationMet }),
		]),
	};
}

/** Every row public.sla_attainment gave, as it gave it: month × programme × plan × severity. */
export function breakdownTable(rows: AttainmentRow[], c: TableContext): TableModel {
	const l = c.labels;
	return {
		id: 'sla-breakdown',
		title: l.breakdownHeading,
		rowHeaders: c.showProgramme ? 4 : 3,
		columns: [
			...leadColumns(c),
			{ label: l.colPlan },
			{ label: l.colSeverity },
			{ label: l.colTickets },
			...attainmentColumns(c),
			{ label: l.colAllMet },
		],
		rows: rows.map((r) => [
			...leadCells(monthOf(r.month), r.programme_id, c),
			{ text: planName(r.programme_id, r.plan_id, c) },
			{ text: severityName(r.programme_id, r.severity_key, c.programmes) },
			countCell(r.tickets, c.lang),
			...tallyCells(c, r.first_responses_measured, r.first_responses_on_time, r.first_response_rate, { n: r.first_response_commitment, met: r.first_response_met }),
			...tallyCells(c, r.updates_measured, r.updates_on_time, r.update_rate),
			...tallyCells(c, r.escalations_measured, r.escalations_on_time, r.escalation_rate, { n: r.escalation_commitment, met: r.escalation_met }),
			metCell(r.met, c),
		]),
	};
}

/** Breaches per month and severity, by target. */
export function breachesTable(breaches: SeverityBreaches[], c: TableContext): TableModel {
	const l = c.labels;
	return {
		id: 'sla-breaches',
		title: l.breachesHeading,
		rowHeaders: c.showProgramme ? 3 : 2,
		columns: [
			...leadColumns(c),
			{ label: l.colSeverity },
			...[l.groupFirstResponse, l.groupUpdates, l.groupEscalations, l.colTotal].map((label) => ({ label, group: l.groupBreaches })),
		],
		rows: breaches.map((b) => [
			...leadCells(b.month, b.programme, c),
			{ text: severityName(b.programme, b.severity, c.programmes) },
			countCell(b.firstResponse, c.lang),
			countCell(b.updates, c.lang),
			countCell(b.escalations, c.lang),
			countCell(b.total, c.lang),
		]),
	};
}

/** Tickets per month by product or channel: one column per product or channel, and the month's total. */
export function volumeTable(id: string, title: string, pivot: Pivot, keyLabel: (key: string | null) => string, c: TableContext): TableModel {
	return {
		id,
		title,
		rowHeaders: 1,
		columns: [{ label: c.labels.colMonth }, ...pivot.keys.map((k) => ({ label: keyLabel(k), group: c.labels.colTickets })), { label: c.labels.colTotal }],
		rows: pivot.rows.map((r) => [monthCell(r.month, c.lang), ...pivot.keys.map((k) => countCell(r.counts.get(k) ?? 0, c.lang)), countCell(r.total, c.lang)]),
	};
}
