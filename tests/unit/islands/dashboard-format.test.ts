import { describe, expect, it } from 'vitest';
import { count, monthLong, monthShort, percent } from '../../../src/islands/dashboard/format.ts';
import { plain } from './fake-client.ts';

describe('dashboard figures in the reader’s language', () => {
	it('names months in full and short, the same month wherever the reader is', () => {
		expect(monthLong('2026-10', 'es')).toBe('octubre de 2026');
		expect(monthLong('2026-10', 'en')).toBe('October 2026');
		expect(monthShort('2026-01', 'es')).toBe('ene 2026');
		expect(monthShort('2026-01', 'en')).toBe('Jan 2026');
	});

	it('shows the RPC’s 4-decimal rates exactly as percentages', () => {
		expect(plain(percent(0.6667, 'es'))).toBe('66,67 %');
		expect(percent(0.6667, 'en')).toBe('66.67%');
		expect(plain(percent(1, 'es'))).toBe('100 %');
		expect(percent(0, 'en')).toBe('0%');
	});

	it('groups thousands as each language does', () => {
		expect(count(12345, 'es')).toBe('12.345');
		expect(count(12345, 'en')).toBe('12,345');
		expect(count(0, 'es')).toBe('0');
	});
});
