import { describe, expect, it } from 'vitest';
import { attainmentByMonth, breachesBySeverity, volumeBy } from '../../../src/islands/dashboard/aggregate.ts';
import { toCsv } from '../../../src/islands/dashboard/csv.ts';
import type { AttainmentRow } from '../../../src/islands/dashboard/dashboard-data.ts';
import { DASHBOARD_LABEL_KEYS } from '../../../src/islands/dashboard/labels.ts';
import { attainmentTable, breachesTable, breakdownTable, severityName, volumeTable, type TableContext, type TableModel } from '../../../src/islands/dashboard/tables.ts';
import { keyLabels, plain } from './fake-client.ts';

const labels = keyLabels(DASHBOARD_LABEL_KEYS);
const programmes = {
	'estandar-extendido': { name: 'Estándar y Extendido', plans: { estandar: 'Estándar' }, severities: [{ key: 'P1', label: 'P1 · Crítica' }] },
};
const ctx = (over: Partial<TableContext> = {}): TableContext => ({ labels, lang: 'es', programmes, products: {}, showProgramme: false, ...over });

const attainment: AttainmentRow = {
	month: '2026-03-01',
	organisation_id: null,
	programme_id: 'estandar-extendido',
	plan_id: 'estandar',
	severity_key: 'P1',
	tickets: 3,
	first_responses_measured: 3,
	first_responses_on_time: 2,
	first_response_rate: 0.6667,
	updates_measured: 0,
	updates_on_time: 0,
	update_rate: null,
	escalations_measured: 1,
	escalations_on_time: 1,
	escalation_rate: 1,
	first_response_commitment: 90,
	escalation_commitment: 95,
	first_response_met: false,
	escalation_met: true,
	met: false,
};

describe('attainmentTable', () => {
	it('says a best-effort programme states no commitment, and judges nothing met or missed', () => {
		const bestEffort: AttainmentRow = { ...attainment, first_response_commitment: null, escalation_commitment: null, first_responses_measured: 0, first_responses_on_time: 0, first_response_rate: null, escalations_measured: 0, escalations_on_time: 0, escalation_rate: null, first_response_met: null, escalation_met: null, met: null };
		const [cells] = attainmentTable(attainmentByMonth([bestEffort]), ctx()).rows;
		// month, tickets, then first response: measured, on time, rate, commitment, met
		expect(cells[5]).toEqual({ text: '«noCommitment»', value: '' });
		expect(cells[6]).toEqual({ text: '«notMeasured»', value: '' });
		expect(cells.map((c) => c.text).join(' ')).not.toMatch(/null|NaN|undefined/);
	});

	it('has one row per month with counts, rates, commitments and met, figures carrying the RPC’s values', () => {
		const table = attainmentTable(attainmentByMonth([attainment]), ctx());
		expect(table.rowHeaders).toBe(1);
		expect(table.columns.map((c) => (c.group ? `${c.group}/${c.label}` : c.label))).toEqual([
			'«colMonth»',
			'«colTickets»',
			'«groupFirstResponse»/«colMeasured»',
			'«groupFirstResponse»/«colOnTime»',
			'«groupFirstResponse»/«colRate»',
			'«groupFirstResponse»/«colCommitment»',
			'«groupFirstResponse»/«colMet»',
			'«groupUpdates»/«colMeasured»',
			'«groupUpdates»/«colOnTime»',
			'«groupUpdates»/«colRate»',
			'«groupEscalations»/«colMeasured»',
			'«groupEscalations»/«colOnTime»',
			'«groupEscalations»/«colRate»',
			'«groupEscalations»/«colCommitment»',
			'«groupEscalations»/«colMet»',
		]);
		const [cells] = table.rows;
		expect(cells[0]).toEqual({ text: 'marzo de 2026', value: '2026-03-01', datetime: '2026-03' });
		expect(cells.map((c) => plain(c.text))).toEqual(['marzo de 2026', '3', '3', '2', '66,67 %', '90', '«no»', '0', '0', '«notMeasured»', '1', '1', '100 %', '95', '«yes»']);
		expect(cells.map((c) => c.value)).toEqual(['2026-03-01', 3, 3, 2, 0.6667, 90, undefined, 0, 0, '', 1, 1, 1, 95, undefined]);
	});

	it('adds a programme column (a second row header) when several programmes are shown', () => {
		const table = attainmentTable(attainmentByMonth([attainment]), ctx({ showProgramme: true, lang: 'en' }));
		expect(table.rowHeaders).toBe(2);
		expect(table.columns[1]).toEqual({ label: '«colProgramme»' });
		expect(table.rows[0].slice(0, 2)).toEqual([{ text: 'March 2026', value: '2026-03-01', datetime: '2026-03' }, { text: 'Estándar y Extendido' }]);
	});
});

describe('breakdownTable', () => {
	it('names plans and severities, falling back to their ids when the site does not know them', () => {
		const table = breakdownTable([attainment, { ...attainment, plan_id: 'secreto', severity_key: 'PX' }], ctx());
		expect(table.rowHeaders).toBe(3);
		expect(table.rows.map((r) => r.slice(1, 3).map((c) => c.text))).toEqual([
			['Estándar', 'P1 · Crítica'],
			['secreto', 'PX'],
		]);
		expect(table.rows[0].at(-1)).toEqual({ text: '«no»' });
		expect(severityName('otro', 'P1', programmes)).toBe('P1');
	});
});

describe('breachesTable', () => {
	it('groups the targets under the breaches heading', () => {
		const table = breachesTable(breachesBySeverity([attainment], programmes), ctx());
		expect(table.columns.slice(2).map((c) => `${c.group}/${c.label}`)).toEqual([
			'«groupBreaches»/«groupFirstResponse»',
			'«groupBreaches»/«groupUpdates»',
			'«groupBreaches»/«groupEscalations»',
			'«groupBreaches»/«colTotal»',
		]);
		expect(table.rows[0].map((c) => c.text)).toEqual(['marzo de 2026', 'P1 · Crítica', '1', '0', '0', '1']);
	});
});

describe('volumeTable', () => {
	it('has a column per key, zero where a month has none of it, and the month’s total', () => {
		const pivot = volumeBy(
			[
				{ month: '2026-01-01', organisation_id: null, product_id: 'firma', channel: 'web', tickets: 1200 },
				{ month: '2026-02-01', organisation_id: null, product_id: null, channel: 'web', tickets: 2 },
			],
			'product_id',
			['firma', null],
		);
		const table = volumeTable('by-product', 'Por producto', pivot, (k) => k ?? 'Sin producto', ctx());
		expect(table.columns.map((c) => c.label)).toEqual(['«colMonth»', 'firma', 'Sin producto', '«colTotal»']);
		expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
			['enero de 2026', '1200', '0', '1200'],
			['febrero de 2026', '0', '2', '2'],
		]);
	});
});

describe('toCsv', () => {
	const table: TableModel = {
		id: 't',
		title: 'T',
		rowHeaders: 1,
		columns: [{ label: 'Mes' }, { label: 'Medidas', group: 'Primera respuesta' }, { label: 'Nota' }],
		rows: [
			[{ text: 'enero de 2026', value: '2026-01-01' }, { text: '66,67 %', value: 0.6667 }, { text: 'dice "hola", y\r\nadiós' }],
			[{ text: 'febrero de 2026', value: '2026-02-01' }, { text: 'Sin medir', value: '' }, { text: 'sin comas' }],
		],
	};

	it('writes RFC 4180: grouped headers, values over texts, quotes only where needed, CRLF after every line', () => {
		expect(toCsv(table)).toBe(
			'Mes,Primera respuesta: Medidas,Nota\r\n' + '2026-01-01,0.6667,"dice ""hola"", y\r\nadiós"\r\n' + '2026-02-01,,sin comas\r\n',
		);
	});

	it('writes the header alone for a table without rows', () => {
		expect(toCsv({ ...table, rows: [] })).toBe('Mes,Primera respuesta: Medidas,Nota\r\n');
	});
});
