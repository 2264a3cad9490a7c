// `npm run check:content` warns when a calendar's holiday list has run out: next year has none while
// earlier years do, so its deadlines would count next year's holidays as working days.
import { describe, expect, it } from 'vitest';
import { calendarWarnings } from '../../src/cli/check-content.ts';

describe('holiday lists that run out', () => {
	it('are warned about the year before, naming the file and the calendar', () => {
		const warnings = calendarWarnings(new Date('2028-03-01T12:00:00Z'));
		expect(warnings).toContain('content/support/programmes/implementacion.yaml: calendar "lunes-a-viernes" lists no holidays for 2029: its deadlines would count them as working days');
	});

	it('say nothing while next year is listed, nor for a calendar that lists no holidays by design', () => {
		expect(calendarWarnings(new Date('2026-12-07T12:00:00Z'))).toEqual([]);
		expect(calendarWarnings(new Date('2028-03-01T12:00:00Z')).some((w) => w.includes('"lunes-a-domingo"'))).toBe(false);
	});
});
