// The SLA summary of a month, summed from sla_attainment's rows the way the RPC computes each row:
// counts add up, rates are recomputed (4 decimals), a commitment is met when on_time × 100 ≥
// commitment × measured, and "met" is null when nothing was measured.
import { describe, expect, it } from 'vitest';
import { summariseAttainment, type AttainmentRow } from '#shared/reports/attainment.ts';

const row = (severity: string, fr: [number, number], esc: [number, number], up: [number, number] = [0, 0], tickets = fr[0]): AttainmentRow => ({
	severity_key: severity,
	tickets,
	first_responses_measured: fr[0],
	first_responses_on_time: fr[1],
	updates_measured: up[0],
	updates_on_time: up[1],
	escalations_measured: esc[0],
	escalations_on_time: esc[1],
	// pg hands numeric columns over as strings.
	first_response_commitment: '95',
	escalation_commitment: '90',
});

describe('SLA summary of a month', () => {
	it('sums the rows and judges the totals against the commitments', () => {
		const s = summariseAttainment([row('P1', [10, 10], [10, 9]), row('P2', [9, 8], [9, 9], [4, 3]), row('P2', [1, 1], [1, 1], [0, 0], 2)]);
		expect(s.tickets).toBe(21);
		expect(s.first_response).toEqual({ measured: 20, on_time: 19, rate: 0.95, commitment: 95, met: true });
		expect(s.escalation).toEqual({ measured: 20, on_time: 19, rate: 0.95, commitment: 90, met: true });
		expect(s.updates).toEqual({ measured: 4, on_time: 3, rate: 0.75 });
		expect(s.met).toBe(true);
		expect(s.by_severity.map((b) => [b.severity, b.tickets, b.first_response.rate])).toEqual([
			['P1', 10, 1],
			['P2', 11, 0.9],
		]);
	});

	it('one late first response too many misses the 95 % commitment', () => {
		const s = summariseAttainment([row('P3', [19, 18], [0, 0])]);
		expect(s.first_response).toEqual({ measured: 19, on_time: 18, rate: 0.9474, commitment: 95, met: false });
		expect(s.escalation.met).toBeNull();
		expect(s.met).toBe(false);
	});

	it('a month without tickets has nothing measured', () => {
		const s = summariseAttainment([]);
		expect(s).toEqual({
			tickets: 0,
			first_response: { measured: 0, on_time: 0, rate: null, commitment: null, met: null },
			updates: { measured: 0, on_time: 0, rate: null },
			escalation: { measured: 0, on_time: 0, rate: null, commitment: null, met: null },
			met: null,
			by_severity: [],
		});
	});
});
