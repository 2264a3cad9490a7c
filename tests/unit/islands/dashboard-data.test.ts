import { describe, expect, it } from 'vitest';
import { loadFigures } from '../../../src/islands/dashboard/dashboard-data.ts';
import { fakeClient } from './fake-client.ts';

const query = { organisation: null, from: '2026-01', to: '2026-03' };

describe('loadFigures', () => {
	it('asks both RPCs for the first days of the months and turns numeric strings into numbers', async () => {
		const { client, calls } = fakeClient({
			rpc: {
				sla_attainment: { data: [{ month: '2026-01-01', first_response_rate: '0.6667', update_rate: null, escalation_rate: 1, first_response_commitment: '90', escalation_commitment: '95.5' }] },
				ticket_volume: { data: [{ month: '2026-01-01', tickets: 3 }] },
			},
		});
		const figures = await loadFigures(client, query);
		expect(calls['rpc:sla_attainment'][0][0].args).toEqual(['sla_attainment', { from_month: '2026-01-01', to_month: '2026-03-01', organisation: null }]);
		expect(calls['rpc:ticket_volume'][0][0].args[1]).toEqual({ from_month: '2026-01-01', to_month: '2026-03-01', organisation: null });
		expect(figures).toEqual({
			status: 'ok',
			attainment: [{ month: '2026-01-01', first_response_rate: 0.6667, update_rate: null, escalation_rate: 1, first_response_commitment: 90, escalation_commitment: 95.5 }],
			volume: [{ month: '2026-01-01', tickets: 3 }],
		});
	});

	it.each([
		['forbidden', undefined, 'forbidden'],
		['organisation_not_found', 'P0001', 'organisation_not_found'],
		['range_too_long', 'P0001', 'range_too_long'],
		['TypeError: Failed to fetch', undefined, 'unavailable'],
		['Load failed', '', 'unavailable'],
		['permission denied for function sla_attainment', '42501', 'failed'],
		// One rule for every island (shared/backend.ts): a fetch failure is unavailable whatever code rides with it.
		['fetch failed', 'PGRST000', 'unavailable'],
	])('says %j (code %j) as %s', async (message, code, expected) => {
		const { client } = fakeClient({ rpc: { sla_attainment: { error: { message, code } }, ticket_volume: { data: [] } } });
		expect(await loadFigures(client, query)).toEqual({ status: 'error', code: expected });
	});

	it('reports the volume RPC’s error when only that one fails', async () => {
		const { client } = fakeClient({ rpc: { sla_attainment: { data: [] }, ticket_volume: { error: { message: 'invalid_range' } } } });
		expect(await loadFigures(client, query)).toEqual({ status: 'error', code: 'invalid_range' });
	});

	it('is unavailable when the service answers 5xx, as in every island', async () => {
		const { client } = fakeClient({ rpc: { sla_attainment: { error: { message: 'upstream', code: 'PGRST000' }, status: 503 }, ticket_volume: { data: [] } } });
		expect(await loadFigures(client, query)).toEqual({ status: 'error', code: 'unavailable' });
	});

	it('is unavailable when the client throws', async () => {
		const client: any = { rpc: () => Promise.reject(new Error('boom')) };
		expect(await loadFigures(client, query)).toEqual({ status: 'error', code: 'unavailable' });
	});
});
