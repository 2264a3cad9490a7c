import { describe, expect, it } from 'vitest';
import { attainmentByMonth, attainmentOverall, breachesBySeverity, rate, volumeBy } from '../../../src/islands/dashboard/aggregate.ts';
import type { AttainmentRow, VolumeRow } from '../../../src/islands/dashboard/dashboard-data.ts';
import type { ProgrammeNames } from '../../../src/islands/dashboard/props.ts';

function row(over: Partial<AttainmentRow>): AttainmentRow {
	return {
		month: '2026-01-01',
		organisation_id: null,
		programme_id: 'estandar-extendido',
		plan_id: 'estandar',
		severity_key: 'P1',
		tickets: 0,
		first_responses_measured: 0,
		first_responses_on_time: 0,
		first_response_rate: null,
		updates_measured: 0,
		updates_on_time: 0,
		update_rate: null,
		escalations_measured: 0,
		escalations_on_time: 0,
		escalation_rate: null,
		first_response_commitment: 90,
		escalation_commitment: 95,
		first_response_met: null,
		escalation_met: null,
		met: null,
		...over,
	};
}

const programmes: Record<string, ProgrammeNames> = {
	'estandar-extendido': { name: 'Estándar', plans: {}, severities: ['P1', 'P2', 'P3', 'P4'].map((key) => ({ key, label: key })) },
	implementacion: { name: 'Implementación', plans: {}, severities: [{ key: 'alta', label: 'Alta' }, { key: 'baja', label: 'Baja' }] },
};

describe('rate', () => {
	it('is on time over measured rounded to 4 decimals, as the RPC gives it', () => {
		expect(rate(2, 3)).toBe(0.6667);
		expect(rate(1, 3)).toBe(0.3333);
		expect(rate(1, 32)).toBe(0.0313);
		expect(rate(5, 5)).toBe(1);
		expect(rate(0, 4)).toBe(0);
	});

	it('is null when nothing was measured (not 0 %)', () => {
		expect(rate(0, 0)).toBeNull();
	});
});

describe('attainmentByMonth', () => {
	it('adds the counts of every plan and severity of a programme in a month and recomputes the rates', () => {
		const months = attainmentByMonth([
			row({ tickets: 3, first_responses_measured: 3, first_responses_on_time: 2, updates_measured: 4, updates_on_time: 4, escalations_measured: 1, escalations_on_time: 0 }),
			row({ plan_id: 'extendido', severity_key: 'P2', tickets: 2, first_responses_measured: 2, first_responses_on_time: 2 }),
		]);
		expect(months).toEqual([
			{
				month: '2026-01',
				programme: 'estandar-extendido',
				tickets: 5,
				firstResponses: { measured: 5, onTime: 4, rate: 0.8 },
				updates: { measured: 4, onTime: 4, rate: 1 },
				escalations: { measured: 1, onTime: 0, rate: 0 },
				firstResponseCommitment: 90,
				escalationCommitment: 95,
				firstResponseMet: false,
				escalationMet: false,
			},
		]);
	});

	it('meets a commitment exactly at it (9 of 10 on time against 90 %) and misses it just below', () => {
		const [atIt] = attainmentByMonth([row({ first_responses_measured: 10, first_responses_on_time: 9 })]);
		expect(atIt.firstResponseMet).toBe(true);
		const [below] = attainmentByMonth([row({ first_responses_measured: 11, first_responses_on_time: 9 })]);
		expect(below.firstResponseMet).toBe(false);
	});

	it('says neither met nor missed when nothing was measured', () => {
		const [m] = attainmentByMonth([row({ tickets: 1 })]);
		expect(m.firstResponses).toEqual({ measured: 0, onTime: 0, rate: null });
		expect(m.firstResponseMet).toBeNull();
		expect(m.escalationMet).toBeNull();
	});

	it('keeps programmes apart and the RPC order of months and programmes', () => {
		const months = attainmentByMonth([
			row({ month: '2026-01-01', tickets: 1 }),
			row({ month: '2026-01-01', programme_id: 'implementacion', severity_key: 'alta', tickets: 4, first_response_commitment: 80 }),
			row({ month: '2026-02-01', tickets: 2 }),
		]);
		expect(months.map((m) => [m.month, m.programme, m.tickets, m.firstResponseCommitment])).toEqual([
			['2026-01', 'estandar-extendido', 1, 90],
			['2026-01', 'implementacion', 4, 80],
			['2026-02', 'estandar-extendido', 2, 90],
		]);
	});

	it('gives nothing for no rows', () => {
		expect(attainmentByMonth([])).toEqual([]);
	});
});

describe('attainmentOverall', () => {
	it('adds every programme of a month together, rates from the sums (never averaged)', () => {
		const months = attainmentByMonth([
			row({ first_responses_measured: 1, first_responses_on_time: 1 }),
			row({ programme_id: 'implementacion', severity_key: 'alta', first_responses_measured: 3, first_responses_on_time: 0 }),
			row({ month: '2026-02-01', updates_measured: 2, updates_on_time: 1 }),
		]);
		const overall = attainmentOverall(months);
		expect([...overall.keys()]).toEqual(['2026-01', '2026-02']);
		// An average of the two rates (100 % and 0 %) would say 50 %.
		expect(overall.get('2026-01')!.firstResponses).toEqual({ measured: 4, onTime: 1, rate: 0.25 });
		expect(overall.get('2026-01')!.updates).toEqual({ measured: 0, onTime: 0, rate: null });
		expect(overall.get('2026-02')!.updates).toEqual({ measured: 2, onTime: 1, rate: 0.5 });
	});
});

describe('breachesBySeverity', () => {
	it('counts measured minus on time per target and sorts by month, programme and the programme’s severity order', () => {
		const breaches = breachesBySeverity(
			[
				row({ month: '2026-02-01', severity_key: 'P1', first_responses_measured: 1, first_responses_on_time: 1 }),
				row({ severity_key: 'P3', first_responses_measured: 4, first_responses_on_time: 1, updates_measured: 2, updates_on_time: 2 }),
				row({ severity_key: 'P1', plan_id: 'estandar', escalations_measured: 2, escalations_on_time: 1 }),
				row({ severity_key: 'P1', plan_id: 'extendido', first_responses_measured: 2, first_responses_on_time: 0 }),
				row({ programme_id: 'implementacion', severity_key: 'baja', updates_measured: 1 }),
				row({ programme_id: 'implementacion', severity_key: 'alta' }),
			],
			programmes,
		);
		expect(breaches).toEqual([
			{ month: '2026-01', programme: 'estandar-extendido', severity: 'P1', firstResponse: 2, updates: 0, escalations: 1, total: 3 },
			{ month: '2026-01', programme: 'estandar-extendido', severity: 'P3', firstResponse: 3, updates: 0, escalations: 0, total: 3 },
			{ month: '2026-01', programme: 'implementacion', severity: 'alta', firstResponse: 0, updates: 0, escalations: 0, total: 0 },
			{ month: '2026-01', programme: 'implementacion', severity: 'baja', firstResponse: 0, updates: 1, escalations: 0, total: 1 },
			{ month: '2026-02', programme: 'estandar-extendido', severity: 'P1', firstResponse: 0, updates: 0, escalations: 0, total: 0 },
		]);
	});

	it('puts a severity the site does not know before the known ones', () => {
		const order = breachesBySeverity([row({ severity_key: 'P2' }), row({ severity_key: 'P9' })], programmes).map((b) => b.severity);
		expect(order).toEqual(['P9', 'P2']);
	});
});

describe('volumeBy', () => {
	const volume = (month: string, product_id: string | null, channel: string, tickets: number): VolumeRow => ({ month, organisation_id: null, product_id, channel, tickets });

	it('pivots tickets per month by product: known keys in the given order, then new ones as seen', () => {
		const pivot = volumeBy(
			[volume('2026-01-01', 'other', 'web', 1), volume('2026-01-01', null, 'email', 2), volume('2026-01-01', 'b', 'web', 3), volume('2026-03-01', 'b', 'chat', 4), volume('2026-03-01', 'b', 'web', 1)],
			'product_id',
			['a', 'b', null],
		);
		expect(pivot.keys).toEqual(['b', null, 'other']);
		expect(pivot.rows.map((r) => ({ month: r.month, counts: Object.fromEntries(r.counts), total: r.total }))).toEqual([
			{ month: '2026-01', counts: { other: 1, null: 2, b: 3 }, total: 6 },
			{ month: '2026-03', counts: { b: 5 }, total: 5 },
		]);
	});

	it('pivots by channel, and has no columns or rows without tickets', () => {
		const pivot = volumeBy([volume('2026-01-01', null, 'phone', 2), volume('2026-01-01', 'x', 'web', 1)], 'channel', ['web', 'email', 'phone', 'chat']);
		expect(pivot.keys).toEqual(['web', 'phone']);
		expect(volumeBy([], 'channel', ['web'])).toEqual({ keys: [], rows: [] });
	});
});
