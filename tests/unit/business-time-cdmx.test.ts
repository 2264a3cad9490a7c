// The business-time engine on the shipped calendar 'oficina-cdmx' (plan "estandar" of the programme
// estandar-extendido): Mon-Fri 09:00-18:00 in America/Mexico_City, Mexico City holidays excluded. Mexico
// City has had no daylight-saving time since October 2022, so every 2026 date is UTC-06:00.
// 2026 weekdays used below: 04-01 Wed, 04-02 Thu (Jueves Santo), 04-03 Fri (Viernes Santo), 04-06 Mon,
// 04-30 Thu, 05-01 Fri (Día del Trabajo), 05-04 Mon, 12-24 Thu, 12-25 Fri (Navidad), 12-28 Mon, 12-31 Thu.
import { describe, expect, it } from 'vitest';
import {
	addBusinessMinutes,
	businessMinutesBetween,
	isBusinessTime,
	subtractBusinessMinutes,
} from '#shared/business-time.ts';
import { calendarOf, toEngineCalendar } from '#shared/programme.ts';
import { loadProgramme } from '../../src/lib/support-data.ts';

const programme = loadProgramme('estandar-extendido');
const cal = toEngineCalendar(calendarOf(programme, 'estandar'));
const target = (severity: string) => (programme.plans.find((p) => p.id === 'estandar')!.targets as Record<string, { firstResponse: number }>)[severity].firstResponse;
const mx = (local: string) => new Date(`${local}-06:00`);
const iso = (d: Date) => d.toISOString();

describe('oficina-cdmx', () => {
	it('is the calendar this file assumes', () => {
		expect(cal.timezone).toBe('America/Mexico_City');
		expect(cal.hours.mon).toEqual([['09:00', '18:00']]);
		expect(cal.hours.sat).toBeUndefined();
		expect(cal.holidays).toEqual(expect.arrayContaining(['2026-04-02', '2026-04-03', '2026-05-01', '2026-12-25']));
		expect([target('P1'), target('P2'), target('P4')]).toEqual([240, 480, 2520]);
	});

	it('keeps UTC-06:00 in summer (no daylight-saving time)', () => {
		// 09:00 local on Wed 2026-07-01 is 15:00Z; with the old summer time it would have been 14:00Z
		expect(isBusinessTime(new Date('2026-07-01T15:00Z'), cal)).toBe(true);
		expect(isBusinessTime(new Date('2026-07-01T14:59:59.999Z'), cal)).toBe(false);
		expect(isBusinessTime(new Date('2026-07-01T23:59:59.999Z'), cal)).toBe(true);
		expect(isBusinessTime(new Date('2026-07-02T00:00Z'), cal)).toBe(false);
	});

	it('P1: 4 business hours from Wed 2026-04-01 17:00 end Mon 04-06 12:00 (Holy Thursday and Friday, weekend)', () => {
		// 60 min Wed (17:00-18:00); Thu 04-02 and Fri 04-03 holidays; Sat, Sun; 180 min Mon from 09:00 → 12:00
		expect(iso(addBusinessMinutes(mx('2026-04-01T17:00'), target('P1'), cal))).toBe(iso(mx('2026-04-06T12:00')));
		expect(iso(subtractBusinessMinutes(mx('2026-04-06T12:00'), target('P1'), cal))).toBe(iso(mx('2026-04-01T17:00')));
		expect(businessMinutesBetween(mx('2026-04-01T17:00'), mx('2026-04-06T12:00'), cal)).toBe(240);
	});

	it('P2: 8 business hours over a holiday Friday before the weekend', () => {
		// Thu 04-30 16:00: 120 min to 18:00; Fri 05-01 holiday; weekend; 360 min Mon 05-04 → 15:00
		expect(iso(addBusinessMinutes(mx('2026-04-30T16:00'), target('P2'), cal))).toBe(iso(mx('2026-05-04T15:00')));
	});

	it('P1 on Christmas Eve', () => {
		// Thu 12-24 17:00: 60 min; Fri 12-25 holiday; weekend; 180 min Mon 12-28 → 12:00
		expect(iso(addBusinessMinutes(mx('2026-12-24T17:00'), target('P1'), cal))).toBe(iso(mx('2026-12-28T12:00')));
	});

	it('P4: 42 business hours from a Monday opening end on Friday at 15:00', () => {
		// Mon 04-06 to Thu 04-09: 4 × 9 h = 36 h by Thu 18:00; 6 h on Fri 04-10 → 15:00
		expect(iso(addBusinessMinutes(mx('2026-04-06T09:00'), target('P4'), cal))).toBe(iso(mx('2026-04-10T15:00')));
	});

	it('a clock stopped before the Easter holidays resumes from the Wednesday closing', () => {
		expect(iso(subtractBusinessMinutes(mx('2026-04-06T09:00'), 0, cal))).toBe(iso(mx('2026-04-01T18:00')));
		// Wed 04-01 00:00 → Tue 04-07 00:00: Wed 540 + Mon 540
		expect(businessMinutesBetween(mx('2026-04-01T00:00'), mx('2026-04-07T00:00'), cal)).toBe(1080);
	});

	it('a whole year: 251 business days of 9 h in 2026, and a one-year amount is fast', () => {
		// 2026 starts on a Thursday and has 365 days = 52 weeks + 1 Thursday: 261 weekdays. Holidays on
		// weekdays: 01-01 Thu, 02-02 Mon, 03-16 Mon, 04-02 Thu, 04-03 Fri, 05-01 Fri, 09-16 Wed, 11-02 Mon,
		// 11-16 Mon, 12-25 Fri = 10 (12-12 is a Saturday). 251 × 540 = 135 540 min.
		const began = performance.now();
		expect(businessMinutesBetween(mx('2026-01-01T00:00'), mx('2027-01-01T00:00'), cal)).toBe(135_540);
		// consuming all of it from New Year's midnight ends at the last closing, Thu 2026-12-31 18:00
		expect(iso(addBusinessMinutes(mx('2026-01-01T00:00'), 135_540, cal))).toBe(iso(mx('2026-12-31T18:00')));
		expect(iso(subtractBusinessMinutes(mx('2026-12-31T18:00'), 135_540, cal))).toBe(iso(mx('2026-01-02T09:00')));
		expect(performance.now() - began).toBeLessThan(100);
	});
});
