import { describe, expect, it } from 'vitest';
import { duration, fileSize, longDay, shortDate } from '../../../src/islands/agent/format.ts';
import { plain } from './fake-client.ts';

describe('duration', () => {
	it('says under a minute as "<1 min"', () => {
		expect(duration(0)).toBe('<1 min');
		expect(duration(59_999)).toBe('<1 min');
	});

	it('counts whole minutes, hours and days, leaving out zero parts', () => {
		expect(duration(60_000)).toBe('1 min');
		expect(duration(135 * 60_000)).toBe('2 h 15 min');
		expect(duration(120 * 60_000)).toBe('2 h');
		expect(duration(26 * 3_600_000)).toBe('1 d 2 h');
		expect(duration(24 * 3_600_000 + 59 * 60_000)).toBe('1 d');
	});

	it('reads a deadline already past the same way ("2 h 15 min ago" is the label’s job)', () => {
		expect(duration(-135 * 60_000)).toBe('2 h 15 min');
	});
});

describe('dates for the agent', () => {
	it('tells an instant in the zone given, in the page’s language', () => {
		expect(plain(shortDate('2026-04-06T18:00:00Z', 'es', 'America/Mexico_City'))).toBe('6 abr 2026, 12:00');
		expect(plain(shortDate('2026-04-06T18:00:00Z', 'en', 'America/Mexico_City'))).toBe('Apr 6, 2026, 12:00 PM');
		expect(plain(shortDate(Date.parse('2026-04-06T23:30:00Z'), 'es', 'Europe/Madrid'))).toBe('7 abr 2026, 1:30');
	});

	it('tells a calendar date as that day, in any zone', () => {
		expect(longDay('2026-04-06', 'es')).toBe('6 abr 2026');
		expect(longDay('2026-12-31', 'en')).toBe('Dec 31, 2026');
	});

	it('re-exports the shared file size', () => {
		expect(plain(fileSize(2.5 * 1024 * 1024, 'es'))).toBe('2,5 MB');
	});
});
