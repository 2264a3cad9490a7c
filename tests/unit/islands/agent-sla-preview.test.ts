import { describe, expect, it } from 'vitest';
import { previewSla } from '../../../src/islands/agent/sla-preview.ts';
import type { ProgrammeInfo } from '../../../src/islands/agent/props.ts';
import type { Calendar } from '#shared/business-time.ts';

const allDay = [['00:00', '24:00']] as [string, string][];
const roundTheClock: Calendar = { timezone: 'UTC', hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, holidays: [] };
const office: Calendar = { timezone: 'America/Mexico_City', hours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']] }, holidays: [] };

const programme: ProgrammeInfo = {
	name: 'Estándar',
	severities: [{ key: 'P1', label: 'Crítica' }],
	plans: {
		extendido: { name: 'Extendido', calendarName: '24×7', calendar: roundTheClock, targets: { P1: { firstResponse: 60, update: 120 } }, authorizedContacts: 4, quota: null },
		estandar: { name: 'Estándar', calendarName: 'Oficina', calendar: office, targets: { P1: { firstResponse: 240 } }, authorizedContacts: 2, quota: null },
	},
};

const created = (plan: string, at = '2026-04-06T10:00:00Z') => ({ kind: 'created', at, actor_kind: 'customer' as const, data: { status: 'new', severity: 'P1', plan, level: 1 } });

describe('previewSla', () => {
	it('computes the first-response deadline round the clock from the log', () => {
		const sla = previewSla(programme, [created('extendido')], Date.parse('2026-04-06T10:10:00Z'));
		expect(sla?.firstResponse.due?.toISOString()).toBe('2026-04-06T11:00:00.000Z');
		expect(sla?.firstResponse.remainingSeconds).toBe(50 * 60);
	});

	it('counts office hours on the plan’s calendar: Monday 17:00 in Mexico City plus 4 hours is Tuesday 12:00', () => {
		const sla = previewSla(programme, [created('estandar', '2026-04-06T23:00:00Z')], Date.parse('2026-04-06T23:00:00Z'));
		expect(sla?.firstResponse.due?.toISOString()).toBe('2026-04-07T18:00:00.000Z');
	});

	it('gives nothing without a programme or a log, or for a plan the page does not know', () => {
		expect(previewSla(undefined, [created('extendido')], Date.now())).toBeNull();
		expect(previewSla(programme, [], Date.now())).toBeNull();
		expect(previewSla(programme, [created('desconocido')], Date.parse('2026-04-06T10:10:00Z'))).toBeNull();
	});
});
