import { describe, expect, it } from 'vitest';
import { addMonths, currentMonth, defaultRange, firstDay, isMonth, MAX_MONTHS, monthOf, monthsIn, rangeProblem } from '../../../src/islands/dashboard/range.ts';

describe('month arithmetic', () => {
	it('moves across year ends both ways', () => {
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2025-12', 1)).toBe('2026-01');
		expect(addMonths('2026-03', -14)).toBe('2025-01');
		expect(addMonths('2026-03', 0)).toBe('2026-03');
		expect(addMonths('2026-11', 25)).toBe('2028-12');
	});

	it('lists every month of a range, both ends included, none when it runs backwards', () => {
		expect(monthsIn('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
		expect(monthsIn('2026-05', '2026-05')).toEqual(['2026-05']);
		expect(monthsIn('2026-05', '2026-04')).toEqual([]);
	});

	it('takes the reader’s own month, and the last six months for the default', () => {
		expect(currentMonth(new Date(2026, 0, 31, 23, 59))).toBe('2026-01');
		expect(currentMonth(new Date(2026, 11, 1, 0, 0))).toBe('2026-12');
		expect(defaultRange(new Date(2026, 2, 15))).toEqual({ from: '2025-10', to: '2026-03' });
	});

	it('converts between months and the first days the RPCs take', () => {
		expect(firstDay('2026-04')).toBe('2026-04-01');
		expect(monthOf('2026-04-01')).toBe('2026-04');
	});
});

describe('rangeProblem', () => {
	it('accepts only YYYY-MM months of 01 to 12', () => {
		expect(isMonth('2026-01')).toBe(true);
		expect(isMonth('2026-12')).toBe(true);
		expect(isMonth('2026-13')).toBe(false);
		expect(isMonth('2026-00')).toBe(false);
		expect(isMonth('2026-1')).toBe(false);
		expect(isMonth('')).toBe(false);
	});

	it('names the field to point at', () => {
		expect(rangeProblem('', '2026-01')).toEqual({ field: 'from', problem: 'monthMissing' });
		expect(rangeProblem('2026-13', '')).toEqual({ field: 'from', problem: 'monthMissing' });
		expect(rangeProblem('2026-01', 'enero')).toEqual({ field: 'to', problem: 'monthMissing' });
		expect(rangeProblem('2026-02', '2026-01')).toEqual({ field: 'from', problem: 'rangeInvalid' });
	});

	it('allows at most 36 months, as public.sla_attainment does', () => {
		expect(MAX_MONTHS).toBe(36);
		expect(rangeProblem('2023-01', '2025-12')).toBeNull();
		expect(rangeProblem('2023-01', '2026-01')).toEqual({ field: 'to', problem: 'rangeTooLong' });
		expect(rangeProblem('2026-01', '2026-01')).toBeNull();
	});
});
