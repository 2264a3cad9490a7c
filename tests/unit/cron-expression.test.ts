import { describe, expect, it } from 'vitest';
import { firesAt, parseSchedule } from '../../supabase/local/cron-expression.ts';

const at = (iso: string) => new Date(iso);

describe('pg_cron schedules', () => {
	it('matches minutes, hours, ranges, steps and weekday names', () => {
		const s = parseSchedule('*/15 9-17 * * mon-fri');
		expect(firesAt(s, at('2026-11-20T09:00:00Z'))).toBe(true); // a Friday
		expect(firesAt(s, at('2026-11-20T09:45:00Z'))).toBe(true);
		expect(firesAt(s, at('2026-11-20T09:50:00Z'))).toBe(false);
		expect(firesAt(s, at('2026-11-20T18:00:00Z'))).toBe(false);
		expect(firesAt(s, at('2026-11-21T09:00:00Z'))).toBe(false); // Saturday
	});

	it('treats both restricted day fields as either-or, like cron', () => {
		const s = parseSchedule('0 0 1 * sun');
		expect(firesAt(s, at('2026-12-01T00:00:00Z'))).toBe(true); // the 1st, a Tuesday
		expect(firesAt(s, at('2026-11-22T00:00:00Z'))).toBe(true); // a Sunday
		expect(firesAt(s, at('2026-11-23T00:00:00Z'))).toBe(false);
	});

	it('takes 7 as Sunday, month names, lists and macros', () => {
		expect(firesAt(parseSchedule('30 2 * * 7'), at('2026-11-22T02:30:00Z'))).toBe(true);
		expect(firesAt(parseSchedule('0 0 1 jan,jul *'), at('2027-07-01T00:00:00Z'))).toBe(true);
		expect(firesAt(parseSchedule('0 0 1 jan,jul *'), at('2027-08-01T00:00:00Z'))).toBe(false);
		expect(firesAt(parseSchedule('@hourly'), at('2026-11-20T13:00:00Z'))).toBe(true);
		expect(firesAt(parseSchedule('@hourly'), at('2026-11-20T13:01:00Z'))).toBe(false);
	});

	it("accepts pg_cron's '<n> seconds'", () => {
		expect(parseSchedule('30 seconds')).toEqual({ kind: 'seconds', every: 30 });
		expect(firesAt(parseSchedule('10 seconds'), at('2026-11-20T13:00:20Z'))).toBe(true);
		expect(firesAt(parseSchedule('10 seconds'), at('2026-11-20T13:00:25Z'))).toBe(false);
	});

	it('refuses malformed schedules with a reason', () => {
		expect(() => parseSchedule('* * *')).toThrow(/five fields/);
		expect(() => parseSchedule('61 * * * *')).toThrow(/0-59/);
		expect(() => parseSchedule('*/0 * * * *')).toThrow(/step/);
		expect(() => parseSchedule('5-1 * * * *')).toThrow(/range/);
		expect(() => parseSchedule('90 seconds')).toThrow(/1-59/);
	});

	it("counts a day field starting with '*' as unrestricted, as vixie cron and pg_cron do", () => {
		const s = parseSchedule('0 0 */2 * sun');
		expect(firesAt(s, at('2026-11-29T00:00:00Z'))).toBe(true); // odd day and Sunday
		expect(firesAt(s, at('2026-11-22T00:00:00Z'))).toBe(false); // Sunday, even day
		expect(firesAt(s, at('2026-11-25T00:00:00Z'))).toBe(false); // odd day, Wednesday
	});

	it('matches any second of the minute, and refuses what pg_cron does not take', () => {
		expect(firesAt(parseSchedule('0 * * * *'), at('2026-11-20T13:00:40Z'))).toBe(true);
		for (const bad of ['0 0 L * *', '0 0 * * 5#2', '0 0 ? * *', '0 0 1W * *', '* * * * * *', '0 0 * * 8']) expect(() => parseSchedule(bad)).toThrow();
	});
});
