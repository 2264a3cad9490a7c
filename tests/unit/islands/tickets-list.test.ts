import { describe, expect, it } from 'vitest';
import { filtersFrom, NO_FILTERS, searchOf, type ListFilters } from '../../../src/islands/tickets/list-filters.ts';
import { fetchTickets, PAGE_SIZE } from '../../../src/islands/tickets/list-query.ts';
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
		expect(await fetchTickets(client, 'u1', f({ page: 3 }))).toEqual({ ok: true, rows, count: 41, page: 3 });
		const chain = methods(calls['from:tickets'][0]);
		expect(chain[0][0]).toBe('select');
		expect(chain[0][2]).toEqual({ count: 'exact' });
		expect(chain.slice(1)).toEqual([
			['eq', 'requester_id', 'u1'],
			['order', 'created_at', { ascending: false }],
			['order', 'number', { ascending: false }],
			['range', 2 * PAGE_SIZE, 3 * PAGE_SIZE - 1],
		]);
	});

	it('shows the organisation’s tickets with status and severity filters', async () => {
		const { client, calls } = fakeClient({ from: { tickets: { data: [] } } });
		expect(await fetchTickets(client, 'u1', f({ view: 'org', status: 'open', severity: 'P1' }))).toEqual({ ok: true, rows: [], count: 0, page: 1 });
		expect(methods(calls['from:tickets'][0]).slice(1, 3)).toEqual([
			['eq', 'status', 'open'],
			['eq', 'severity_key', 'P1'],
		]);
	});

	it('searches a number ("#1042" or "1042") by number or subject', async () => {
		for (const q of ['#1042', ' 1042 ']) {
			const { client, calls } = fakeClient({ from: { tickets: { data: [] } } });
			await fetchTickets(client, 'u1', f({ view: 'org', q }));
			expect(methods(calls['from:tickets'][0])[1]).toEqual(['or', 'number.eq.1042,subject.ilike.*1042*']);
		}
	});

	it('searches text in the subject, taking the user’s %, _ and \\ literally', async () => {
		const { client, calls } = fakeClient({ from: { tickets: { data: [] } } });
		await fetchTickets(client, 'u1', f({ view: 'org', q: '50%_off\\x' }));
		expect(methods(calls['from:tickets'][0])[1]).toEqual(['ilike', 'subject', '%50\\%\\_off\\\\x%']);
	});

	it('shows the first page when a later one is past the end (PostgREST 416)', async () => {
		const { client, calls } = fakeClient({
			from: { tickets: (c: Call[]) => (c.some((x) => x.method === 'range' && x.args[0] === 20) ? { error: { code: 'PGRST103', message: 'Requested range not satisfiable' }, status: 416 } : { data: rows, count: 1 }) },
		});
		expect(await fetchTickets(client, 'u1', f({ page: 2 }))).toEqual({ ok: true, rows, count: 1, page: 1 });
		expect(calls['from:tickets']).toHaveLength(2);
	});

	it('passes other errors on with their status', async () => {
		const { client } = fakeClient({ from: { tickets: { error: { code: 'PGRST103', message: 'Requested range not satisfiable' }, status: 416 } } });
		expect(await fetchTickets(client, 'u1', f({ page: 1 }))).toEqual({ ok: false, error: 'refused', code: 'PGRST103' });
	});
});
