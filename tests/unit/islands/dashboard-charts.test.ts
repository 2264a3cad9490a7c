import { describe, expect, it } from 'vitest';
import { attainmentByMonth, breachesBySeverity, volumeBy } from '../../../src/islands/dashboard/aggregate.ts';
import { attainmentChart, breachesChart, volumeChart } from '../../../src/islands/dashboard/charts.ts';
import { seriesStyle } from '../../../src/islands/dashboard/chart-style.ts';
import { chartData } from '../../../src/islands/dashboard/uplot-options.ts';
import type { AttainmentRow } from '../../../src/islands/dashboard/dashboard-data.ts';
import { DASHBOARD_LABEL_KEYS } from '../../../src/islands/dashboard/labels.ts';

const labels = { ...Object.fromEntries(DASHBOARD_LABEL_KEYS.map((k) => [k, k])), seriesFirstResponseCommitment: 'Compromiso de primera respuesta ({n} %)', seriesEscalationCommitment: 'Compromiso de escalamiento ({n} %)' } as any;
const months = ['2026-01', '2026-02', '2026-03'];
const ctx = { labels, lang: 'es' as const, months };

const row = (over: Partial<AttainmentRow>): AttainmentRow => ({
	month: '2026-01-01', organisation_id: null, programme_id: 'estandar-extendido', plan_id: 'estandar', severity_key: 'P1', tickets: 1,
	first_responses_measured: 0, first_responses_on_time: 0, first_response_rate: null, updates_measured: 0, updates_on_time: 0, update_rate: null,
	escalations_measured: 0, escalations_on_time: 0, escalation_rate: null, first_response_commitment: 90, escalation_commitment: 95,
	first_response_met: null, escalation_met: null, met: null, ...over,
});

describe('attainmentChart', () => {
	it('draws rates in percent per month of the range, nothing for a month without figures, and the shared commitments', () => {
		const spec = attainmentChart(
			attainmentByMonth([row({ first_responses_measured: 3, first_responses_on_time: 2 }), row({ month: '2026-03-01', first_responses_measured: 4, first_responses_on_time: 4, updates_measured: 2, updates_on_time: 1 })]),
			ctx,
		);
		expect(spec.kind).toBe('lines');
		expect(spec.categories).toEqual(['ene 2026', 'feb 2026', 'mar 2026']);
		expect(spec.yRange).toEqual([0, 100]);
		expect(spec.ySuffix).toBe(' %');
		expect(spec.series.map((s) => [s.label, s.values, s.reference ?? false])).toEqual([
			['seriesFirstResponse', [66.67, null, 100], false],
			['seriesUpdates', [null, null, 50], false],
			['seriesEscalations', [null, null, null], false],
			['Compromiso de primera respuesta (90 %)', [90, 90, 90], true],
			['Compromiso de escalamiento (95 %)', [95, 95, 95], true],
		]);
	});

	it('draws no commitment line when the programmes shown have different commitments', () => {
		const spec = attainmentChart(attainmentByMonth([row({}), row({ programme_id: 'implementacion', first_response_commitment: 80 })]), ctx);
		expect(spec.series.map((s) => s.label)).toEqual(['seriesFirstResponse', 'seriesUpdates', 'seriesEscalations', 'Compromiso de escalamiento (95 %)']);
	});
});

describe('breachesChart', () => {
	const programmes = {
		'estandar-extendido': { name: 'Estándar', plans: {}, severities: [{ key: 'P1', label: 'Crítica' }, { key: 'P2', label: 'Alta' }] },
		implementacion: { name: 'Implementación', plans: {}, severities: [{ key: 'P1', label: 'Urgente' }] },
	};

	it('has a bar per severity with breaches; a zero draws no bar', () => {
		const breaches = breachesBySeverity(
			[row({ first_responses_measured: 2 }), row({ month: '2026-03-01', severity_key: 'P2', updates_measured: 3, updates_on_time: 1 }), row({ month: '2026-02-01' })],
			programmes,
		);
		const spec = breachesChart(breaches, programmes, ctx);
		expect(spec.series.map((s) => [s.label, s.values])).toEqual([
			['Crítica', [2, null, null]],
			['Alta', [null, null, 2]],
		]);
	});

	it('names the programme too when several are shown', () => {
		const breaches = breachesBySeverity([row({ first_responses_measured: 1 }), row({ programme_id: 'implementacion', first_responses_measured: 1 })], programmes);
		expect(breachesChart(breaches, programmes, ctx).series.map((s) => s.label)).toEqual(['Estándar: Crítica', 'Implementación: Urgente']);
	});
});

describe('volumeChart and its uPlot data', () => {
	it('has a bar per key over every month, months as category indices', () => {
		const pivot = volumeBy([{ month: '2026-02-01', organisation_id: null, product_id: null, channel: 'email', tickets: 4 }], 'channel', ['web', 'email']);
		const spec = volumeChart(pivot, (k) => `canal ${k}`, ctx);
		expect(spec.series.map((s) => [s.label, s.values])).toEqual([['canal email', [null, 4, null]]]);
		expect(chartData(spec)).toEqual([[0, 1, 2], [null, 4, null]]);
	});
});

describe('seriesStyle', () => {
	it('gives the first series the first Okabe–Ito colour, solid', () => {
		expect(seriesStyle(0)).toEqual({ color: '#0072B2', dash: [], pattern: 'solid' });
		expect(seriesStyle(1)).toEqual({ color: '#E69F00', dash: [10, 5], pattern: 'diagonal' });
	});

	it('after eight series repeats the colours with a shifted pattern, so neighbours never look alike', () => {
		expect(seriesStyle(8)).toEqual({ color: '#0072B2', dash: [], pattern: 'diagonal' });
		for (let i = 1; i < 24; i++) expect(seriesStyle(i).pattern).not.toBe(seriesStyle(i - 1).pattern);
	});
});
