// The dashboard's views of the RPC rows, all by adding counts (rates never add): attainment per month
// and programme (each programme has its own commitments), breaches per month and severity, and
// tickets per month by product or channel. Rates are recomputed as the RPC does: on time / measured,
// rounded to 4 decimals; a commitment is met when on_time × 100 ≥ commitment × measured.
import type { AttainmentRow, VolumeRow } from './dashboard-data.ts';
import type { ProgrammeNames } from './props.ts';
import { monthOf, type Month } from './range.ts';

export interface Tally {
	measured: number;
	onTime: number;
	rate: number | null;
}

export interface MonthAttainment {
	month: Month;
	programme: string;
	tickets: number;
	firstResponses: Tally;
	updates: Tally;
	escalations: Tally;
	/** null: the programme states no commitment (its plans promise no times). */
	firstResponseCommitment: number | null;
	escalationCommitment: number | null;
	firstResponseMet: boolean | null;
	escalationMet: boolean | null;
}

export const rate = (onTime: number, measured: number): number | null => (measured > 0 ? Math.round((onTime * 10_000) / measured) / 10_000 : null);
const met = (t: Tally, commitment: number | null): boolean | null => (t.measured > 0 && commitment !== null ? t.onTime * 100 >= commitment * t.measured : null);

function tally(rows: AttainmentRow[], measured: keyof AttainmentRow, onTime: keyof AttainmentRow): Tally {
	const m = rows.reduce((s, r) => s + (r[measured] as number), 0);
	const o = rows.reduce((s, r) => s + (r[onTime] as number), 0);
	return { measured: m, onTime: o, rate: rate(o, m) };
}

/** Groups rows by a key, keeping the order in which keys first appear. */
function groupBy<T>(rows: T[], key: (row: T) => string): T[][] {
	const groups = new Map<string, T[]>();
	for (const r of rows) {
		const k = key(r);
		groups.set(k, [...(groups.get(k) ?? []), r]);
	}
	return [...groups.values()];
}

/** Attainment per month and programme, in the RPC's order (month, then programme). */
export function attainmentByMonth(rows: AttainmentRow[]): MonthAttainment[] {
	return groupBy(rows, (r) => `${r.month} ${r.programme_id}`).map((group) => {
		const [first] = group;
		const firstResponses = tally(group, 'first_responses_measured', 'first_responses_on_time');
		const escalations = tally(group, 'escalations_measured', 'escalations_on_time');
		return {
			month: monthOf(first.month),
			programme: first.programme_id,
			tickets: group.reduce((s, r) => s + r.tickets, 0),
			firstResponses,
			updates: tally(group, 'updates_measured', 'updates_on_time'),
			escalations,
			firstResponseCommitment: first.first_response_commitment,
			escalationCommitment: first.escalation_commitment,
			firstResponseMet: met(firstResponses, first.first_response_commitment),
			escalationMet: met(escalations, first.escalation_commitment),
		};
	});
}

/** The same figures for all programmes together: what the chart draws for each month. */
export function attainmentOverall(months: MonthAttainment[]): Map<Month, { firstResponses: Tally; updates: Tally; escalations: Tally }> {
	const out = new Map<Month, { firstResponses: Tally; updates: Tally; escalations: Tally }>();
	for (const group of groupBy(months, (m) => m.month)) {
		const sum = (pick: (m: MonthAttainment) => Tally): Tally => {
			const measured = group.reduce((s, m) => s + pick(m).measured, 0);
			const onTime = group.reduce((s, m) => s + pick(m).onTime, 0);
			return { measured, onTime, rate: rate(onTime, measured) };
		};
		out.set(group[0].month, { firstResponses: sum((m) => m.firstResponses), updates: sum((m) => m.updates), escalations: sum((m) => m.escalations) });
	}
	return out;
}

export interface SeverityBreaches {
	month: Month;
	programme: string;
	severity: string;
	firstResponse: number;
	updates: number;
	escalations: number;
	total: number;
}

/** Breaches (measured but not on time) per month, programme and severity in the programme's order. */
export function breachesBySeverity(rows: AttainmentRow[], programmes: Record<string, ProgrammeNames>): SeverityBreaches[] {
	const position = (r: { programme: string; severity: string }) =>
		programmes[r.programme]?.severities.findIndex((s) => s.key === r.severity) ?? -1;
	return groupBy(rows, (r) => `${r.month} ${r.programme_id} ${r.severity_key}`)
		.map((group) => {
			const missed = (measured: keyof AttainmentRow, onTime: keyof AttainmentRow) =>
				group.reduce((s, r) => s + (r[measured] as number) - (r[onTime] as number), 0);
			const firstResponse = missed('first_responses_measured', 'first_responses_on_time');
			const updates = missed('updates_measured', 'updates_on_time');
			const escalations = missed('escalations_measured', 'escalations_on_time');
			const [r] = group;
			return { month: monthOf(r.month), programme: r.programme_id, severity: r.severity_key, firstResponse, updates, escalations, total: firstResponse + updates + escalations };
		})
		.sort((a, b) => a.month.localeCompare(b.month) || a.programme.localeCompare(b.programme) || position(a) - position(b));
}

export interface Pivot {
	/** Column keys in order (product ids, with null for none, or channels). */
	keys: (string | null)[];
	rows: { month: Month; counts: Map<string | null, number>; total: number }[];
}

/** Tickets per month by product or by channel: one row per month with tickets, one column per key seen. */
export function volumeBy(rows: VolumeRow[], by: 'product_id' | 'channel', order: (string | null)[]): Pivot {
	const seen = new Set(rows.map((r) => r[by]));
	const keys = [...order.filter((k) => seen.has(k)), ...[...seen].filter((k) => !order.includes(k))];
	return {
		keys,
		rows: groupBy(rows, (r) => r.month).map((group) => {
			const counts = new Map<string | null, number>();
			for (const r of group) counts.set(r[by], (counts.get(r[by]) ?? 0) + r.tickets);
			return { month: monthOf(group[0].month), counts, total: group.reduce((s, r) => s + r.tickets, 0) };
		}),
	};
}
