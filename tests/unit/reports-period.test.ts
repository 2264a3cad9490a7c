// The periods the reports cover: ISO weeks (Monday to Sunday) and calendar months as local days,
// "today" taken in the programme's time zone.
import { describe, expect, it } from 'vitest';
import {
	addDays,
	inPeriod,
	isDay,
	isMonth,
	isoWeekday,
	localDay,
	monthPeriod,
	overlaps,
	previousMonth,
	previousWeek,
	weekOf,
} from '#shared/reports/period.ts';

describe('report periods', () => {
	it('validates days and months', () => {
		expect(isDay('2026-11-09')).toBe(true);
		expect(isDay('2026-02-30')).toBe(false);
		expect(isDay('2026-11-9')).toBe(false);
		expect(isMonth('2026-11')).toBe(true);
		expect(isMonth('2026-13')).toBe(false);
		expect(isMonth('2026-00')).toBe(false);
	});

	it('a week runs Monday to Sunday, whatever day names it', () => {
		expect(isoWeekday('2026-11-09')).toBe(1);
		expect(isoWeekday('2026-11-15')).toBe(7);
		for (const day of ['2026-11-09', '2026-11-12', '2026-11-15']) expect(weekOf(day)).toEqual({ from: '2026-11-09', to: '2026-11-15' });
		// Across a month and a year.
		expect(weekOf('2026-12-31')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
	});

	it('months have their own length, leap years included', () => {
		expect(monthPeriod('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
		expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
		expect(monthPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
		expect(() => monthPeriod('2026-13')).toThrow(/not a month/);
	});

	it('"today" is the programme zone’s day: the last whole week and month depend on it', () => {
		// Monday 2026-11-16 14:00 UTC (the cron run) is Monday 08:00 in Mexico City.
		const run = new Date('2026-11-16T14:00:00Z');
		expect(localDay(run, 'America/Mexico_City')).toBe('2026-11-16');
		expect(previousWeek(run, 'America/Mexico_City')).toEqual({ from: '2026-11-09', to: '2026-11-15' });
		// Monday 05:00 UTC is still Sunday in Mexico City: the last whole week is the one before.
		const early = new Date('2026-11-16T05:00:00Z');
		expect(localDay(early, 'America/Mexico_City')).toBe('2026-11-15');
		expect(previousWeek(early, 'America/Mexico_City')).toEqual({ from: '2026-11-02', to: '2026-11-08' });
		expect(previousWeek(early, 'Europe/Madrid')).toEqual({ from: '2026-11-09', to: '2026-11-15' });
		expect(previousMonth(new Date('2026-12-01T14:00:00Z'), 'America/Mexico_City')).toBe('2026-11');
		expect(previousMonth(new Date('2026-12-01T04:00:00Z'), 'America/Mexico_City')).toBe('2026-10');
		expect(previousMonth(new Date('2027-01-01T14:00:00Z'), 'America/Bogota')).toBe('2026-12');
	});

	it('days in a period and contracts overlapping it', () => {
		const week = { from: '2026-11-09', to: '2026-11-15' };
		expect(inPeriod('2026-11-09', week)).toBe(true);
		expect(inPeriod('2026-11-15', week)).toBe(true);
		expect(inPeriod('2026-11-16', week)).toBe(false);
		expect(inPeriod(null, week)).toBe(false);
		expect(overlaps(week, '2026-01-01', null)).toBe(true);
		expect(overlaps(week, '2026-11-15', '2027-01-01')).toBe(true);
		expect(overlaps(week, '2026-11-16', null)).toBe(false);
		expect(overlaps(week, '2025-01-01', '2026-11-08')).toBe(false);
	});
});
