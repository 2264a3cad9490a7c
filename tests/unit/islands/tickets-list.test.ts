import { describe, expect, it } from 'vitest';
import { filtersFrom, NO_FILTERS, searchOf, type ListFilters } from '../../../src/islands/tickets/list-filters.ts';
import { EXACT_UP_TO, fetchTickets, PAGE_SIZE } from '../../../src/islands/tickets/list-query.ts';
import { LIST_COLUMNS } from '../../../src/islands/tickets/ticket-row.ts';
import { fakeClient, type Call } from './fake-client.ts';

const f = (over: Partial<ListFilters>): ListFilters => ({ ...NO_FILTERS, ...over });

describe('list filters in the address', () => {
	it('reads the view, a known status, severity, search and page', () => {
		expect(filtersFrom(new URLSearchParams('view=org&status=pending_customer&severity=P1&q=firma+lenta&page=3'))).toEqual({ view: 'org', status: 'pending_customer', severity: 'P1', q: 'firma lenta', page: 3 });
	});

	it('falls back to my tickets, any status and page 1 for what it does not know', () => {
		expect(filtersFrom(new URLSearchParams('view=todos&status=abierto&page=0'))).toEqual(NO_FILTERS);
		expect(filtersFrom(new URLSearchParams('page=2.5')).page).toBe(1);
		expect(filtersFrom(new URLSearchParams('page=-2')).page).toBe(1);
		expect(filtersFrom(new URLSearchParams('page=abc')).page).toBe(1);
		expect(filtersFrom(new URLSearchParams('')).page).toBe(1);
	});

	it('cuts an overlong search and severity', () => {
		const read = filtersFrom(new URLSearchParams(`q=${'a'.repeat(300)}&severity=${'P'.repeat(50)}`));
		expect(read.q).toHaveLength(200);
		expect(read.severity).toHaveLength(40);
	});

	it('writes only what differs from the defaults, and reads back the same', () => {
		expect(searchOf(NO_FILTERS)).toBe('');
		expect(searchOf(f({ page: 1, q: 'señal' }))).toBe('?q=se%C3%B1al');
		const all = f({ view: 'org', status: 'closed', severity: 'P2', q: '#1042', page: 2 });
		expect(searchOf(all)).toBe('?view=org&status=closed&severity=P2&q=%231042&page=2');
		expect(filtersFrom(new URLSearchParams(searchOf(all)))).toEqual(all);
	});
});

describe('fetchTickets', () => {
	const rows = [{ id: 't1', number: 1042 }];
	const methods = (calls: Call[]) => calls.map((c) => [c.method, ...c.args]);

	it('asks for the caller’s own tickets, newest first, one page with the total', async () => {
		const { client, calls } = fakeClient({ from: { tickets: { data: rows, count: 41 } } });
		expect(await fetchTickets(client, 'u1', f({ page: 3 }))).toEqual({ ok: true, rows, count: 41, exact: true, hasNext: false, page: 3 });
		const chain = methods(calls['from:tickets'][0]);
		expect(chain[0][0]).toBe('select');
		expect(chain[0][2]).toEqual({ count: 'estimated' });
		expect(chain.slice(1)).toEqual([
			['eq', 'requester_id', 'u1'],
			['order', 'created_at', { ascending: false }],
			['order', 'number', { ascending: false }],
			['range', 2 * PAGE_SIZE, 3 * PAGE_SIZE - 1],
		]);
	});

	it('shows the organisation’s tickets with status and severity filters', async () => {
		const { client, calls } = fakeClient({ from: { memberships: { data: [{ organisation_id: 'o1' }] }, tickets: { data: [] } } });
		expect(await fetchTickets(client, 'u1', f({ view: 'org', status: 'open', severity: 'P1' }))).toEqual({ ok: true, rows: [], count: 0, exact: true, hasNext: false, page: 1 });
		expect(methods(calls['from:tickets'][0]).slice(1, 4)).toEqual([
			['eq', 'organisation_id', 'o1'],
			['eq', 'status', 'open'],
			['eq', 'severity_key', 'P1'],
		]);
	});

	it('names the reader’s organisations, read once per client: one by eq, several by in, none leaves it to RLS', async () => {
		const several = fakeClient({ from: { memberships: { data: [{ organisation_id: 'o1' }, { organisation_id: 'o2' }] }, tickets: { data: [] } } });
		await fetchTickets(several.client, 'u1', f({ view: 'org' }));
		await fetchTickets(several.client, 'u1', f({ view: 'org', page: 2 }));
		expect(several.calls['from:memberships']).toHaveLength(1);
		expect(methods(several.calls['from:memberships'][0])).toEqual([
			['select', 'organisation_id'],
			['eq', 'user_id', 'u1'],
		]);
		expect(methods(several.calls['from:tickets'][1])[1]).toEqual(['in', 'organisation_id', ['o1', 'o2']]);
		const none = fakeClient({ from: { memberships: { error: { message: 'boom' }, status: 500 }, tickets: { data: [] } } });
		await fetchTickets(none.client, 'u1', f({ view: 'org' }));
		expect(methods(none.calls['from:tickets'][0])[1][0]).toBe('order');
	});

	it('says "more than 1000" past the exact count, and pages on while pages come full', async () => {
		const full = Array.from({ length: PAGE_SIZE }, (_, i) => ({ id: `t${i}` }));
		const { client } = fakeClient({ from: { tickets: { data: full, count: 22_690 } } });
		expect(await fetchTickets(client, 'u1', f({ page: 7 }))).toEqual({ ok: true, rows: full, count: EXACT_UP_TO, exact: false, hasNext: true, page: 7 });
		const last = fakeClient({ from: { tickets: { data: rows, count: 1001 } } });
		expect(await fetchTickets(last.client, 'u1', f({ page: 51 }))).toMatchObject({ exact: false, hasNext: false });
		const exact = fakeClient({ from: { tickets: { data: full, count: 1000 } } });
		expect(await fetchTickets(exact.client, 'u1', f({ page: 49 }))).toMatchObject({ count: 1000, exact: true, hasNext: true });
	});

	it('searches through search_tickets, then reads the page of the ids found, newest first', async () => {
		const ids = Array.from({ length: 45 }, (_, i) => `t${i}`);
		const { client, calls } = fakeClient({ rpc: { search_tickets: { data: ids } }, from: { tickets: { data: rows } } });
		expect(await fetchTickets(client, 'u1', f({ view: 'org', q: ' #1042 ', status: 'open', page: 2 }))).toEqual({ ok: true, rows, count: 45, exact: true, hasNext: true, page: 2 });
		expect(calls['rpc:search_tickets'][0][0].args).toEqual(['search_tickets', { q: '#1042', mine: false, status: 'open' }]);
		expect(methods(calls['from:tickets'][0])).toEqual([
			['select', LIST_COLUMNS],
			['in', 'id', ids.slice(20, 40)],
			['order', 'created_at', { ascending: false }],
			['order', 'number', { ascending: false }],
		]);
		expect(calls['from:memberships']).toBeUndefined();
	});

	it('searches "Mis tickets" with mine, says "more than 1000" past the cap, and shows the first page past the end', async () => {
		const full = Array.from({ length: PAGE_SIZE }, (_, i) => ({ id: `t${i}` }));
		const many = fakeClient({ rpc: { search_tickets: { data: Array.from({ length: EXACT_UP_TO + 1 }, (_, i) => `t${i}`) } }, from: { tickets: { data: full } } });
		expect(await fetchTickets(many.client, 'u1', f({ q: 'firma', severity: 'P1' }))).toEqual({ ok: true, rows: full, count: EXACT_UP_TO, exact: false, hasNext: true, page: 1 });
		expect(many.calls['rpc:search_tickets'][0][0].args).toEqual(['search_tickets', { q: 'firma', mine: true, severity: 'P1' }]);
		const few = fakeClient({ rpc: { search_tickets: { data: ['a', 'b'] } }, from: { tickets: { data: rows } } });
		expect(await fetchTickets(few.client, 'u1', f({ q: 'firma', page: 3 }))).toEqual({ ok: true, rows, count: 2, exact: true, hasNext: false, page: 1 });
		const none = fakeClient({ rpc: { search_tickets: { data: [] } }, from: {} });
		expect(await fetchTickets(none.client, 'u1', f({ q: 'nada' }))).toEqual({ ok: true, rows: [], count: 0, exact: true, hasNext: false, page: 1 });
		const refused = fakeClient({ rpc: { search_tickets: { error: { message: 'invalid_search', code: 'P0001' }, status: 400 } }, from: {} });
		expect(await fetchTickets(refused.client, 'u1', f({ q: 'x' }))).toMatchObject({ ok: false });
	});

	it('shows the first page when a later one is past the end (PostgREST 416)', async () => {
		const { client, calls } = fakeClient({
			from: { tickets: (c: Call[]) => (c.some((x) => x.method === 'range' && x.args[0] === 20) ? { error: { code: 'PGRST103', message: 'Requested range not satisfiable' }, status: 416 } : { data: rows, count: 1 }) },
		});
		expect(await fetchTickets(client, 'u1', f({ page: 2 }))).toEqual({ ok: true, rows, count: 1, exact: true, hasNext: false, page: 1 });
		expect(calls['from:tickets']).toHaveLength(2);
	});

	it('passes other errors on with their status', async () => {
		const { client } = fakeClient({ from: { tickets: { error: { code: 'PGRST103', message: 'Requested range not satisfiable' }, status: 416 } } });
		expect(await fetchTickets(client, 'u1', f({ page: 1 }))).toEqual({ ok: false, error: 'refused', code: 'PGRST103' });
	});
});
