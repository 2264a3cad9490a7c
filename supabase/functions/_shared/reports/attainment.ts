// An organisation's SLA attainment for a month, summed from public.sla_attainment's rows (one per
// programme × plan × severity): totals are sums of the rows' counts, rates and "met" are recomputed
// from those sums exactly as the RPC computes them for a row (rate rounded to 4 decimals; a commitment
// is met when on_time × 100 ≥ commitment × measured). Pure module: the function and the report page
// share it, so the e-mail and the page show the same figures.

/** The columns of an sla_attainment row this module reads (numbers may arrive as strings from pg). */
export interface AttainmentRow {
	severity_key: string;
	tickets: number | string;
	first_responses_measured: number | string;
	first_responses_on_time: number | string;
	updates_measured: number | string;
	updates_on_time: number | string;
	escalations_measured: number | string;
	escalations_on_time: number | string;
	first_response_commitment: number | string | null;
	escalation_commitment: number | string | null;
}

export interface Measure {
	measured: number;
	on_time: number;
	/** on_time / measured, 0..1 rounded to 4 decimals; null when nothing was measured. */
	rate: number | null;
}

export interface Judged extends Measure {
	/** In percent (95); null when the programme sets none. */
	commitment: number | null;
	/** null when nothing was measured or there is no commitment. */
	met: boolean | null;
}

export interface SeverityAttainment {
	severity: string;
	tickets: number;
	first_response: Measure;
	updates: Measure;
	escalation: Measure;
}

export interface AttainmentSummary {
	tickets: number;
	first_response: Judged;
	updates: Measure;
	escalation: Judged;
	/** Every measured commitment met; null when neither was measured. */
	met: boolean | null;
	/** In the order the rows came (sla_attainment orders them by the programme's severity order). */
	by_severity: SeverityAttainment[];
}

const num = (v: number | string | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

export function measure(measured: number, onTime: number): Measure {
	return { measured, on_time: onTime, rate: measured > 0 ? Math.round((onTime / measured) * 10_000) / 10_000 : null };
}

function judge(m: Measure, commitment: number | null): Judged {
	const met = m.measured > 0 && commitment !== null ? m.on_time * 100 >= commitment * m.measured : null;
	return { ...m, commitment, met };
}

function firstCommitment(rows: readonly AttainmentRow[], key: 'first_response_commitment' | 'escalation_commitment'): number | null {
	const found = rows.find((r) => r[key] !== null && r[key] !== undefined);
	return found ? Number(found[key]) : null;
}

export function summariseAttainment(rows: readonly AttainmentRow[]): AttainmentSummary {
	const sum = (key: keyof AttainmentRow, subset: readonly AttainmentRow[] = rows) => subset.reduce((n, r) => n + num(r[key] as number | string), 0);
	const severities = [...new Set(rows.map((r) => r.severity_key))];
	const by_severity = severities.map((severity) => {
		const subset = rows.filter((r) => r.severity_key === severity);
		return {
			severity,
			tickets: sum('tickets', subset),
			first_response: measure(sum('first_responses_measured', subset), sum('first_responses_on_time', subset)),
			updates: measure(sum('updates_measured', subset), sum('updates_on_time', subset)),
			escalation: measure(sum('escalations_measured', subset), sum('escalations_on_time', subset)),
		};
	});
	const first_response = judge(measure(sum('first_responses_measured'), sum('first_responses_on_time')), firstCommitment(rows, 'first_response_commitment'));
	const escalation = judge(measure(sum('escalations_measured'), sum('escalations_on_time')), firstCommitment(rows, 'escalation_commitment'));
	const met = first_response.met === null && escalation.met === null ? null : (first_response.met ?? true) && (escalation.met ?? true);
	return {
		tickets: sum('tickets'),
		first_response,
		updates: measure(sum('updates_measured'), sum('updates_on_time')),
		escalation,
		met,
		by_severity,
	};
}
