import { describe, expect, it } from 'vitest';
import { reportParams } from '../../../src/islands/reports/report-params.ts';

const org = '0b9a3b8e-7d4c-4f7e-9a1a-3c2d1e0f9a8b';

describe('reportParams', () => {
	it('reads an organisation id (in lower case) and a month', () => {
		expect(reportParams(`?org=${org.toUpperCase()}&mes=2026-03`)).toEqual({ org, month: '2026-03' });
		expect(reportParams(`?org=%20${org}%20&mes=%202026-03%20`)).toEqual({ org, month: '2026-03' });
	});

	it('chooses no organisation for something that is not an id', () => {
		expect(reportParams('?org=acme&mes=2026-03').org).toBeNull();
		expect(reportParams('?mes=2026-03').org).toBeNull();
	});

	it('takes the last whole month when the month is missing or not one', () => {
		const now = new Date('2026-04-15T12:00:00Z');
		expect(reportParams('', now, 'UTC').month).toBe('2026-03');
		expect(reportParams('?mes=2026-13', now, 'UTC').month).toBe('2026-03');
		expect(reportParams('?mes=marzo', now, 'UTC').month).toBe('2026-03');
		expect(reportParams('', new Date('2026-01-10T12:00:00Z'), 'UTC').month).toBe('2025-12');
	});

	it('counts the last whole month in the reader’s zone: 1 March 03:00 UTC is still February in Mexico City', () => {
		const now = new Date('2026-03-01T03:00:00Z');
		expect(reportParams('', now, 'UTC').month).toBe('2026-02');
		expect(reportParams('', now, 'America/Mexico_City').month).toBe('2026-01');
	});
});
