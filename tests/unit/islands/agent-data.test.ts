import { describe, expect, it } from 'vitest';
import { loadProblem, loadProblems, SLUG, slugOf, ticketIdOf } from '../../../src/islands/agent/problems-data.ts';
import { CLOSED_DAYS, loadQueue, loadStaff, QUEUE_LIMIT } from '../../../src/islands/agent/queue-data.ts';
import { ticketNumberIn } from '../../../src/islands/agent/workspace-data.ts';
import { planOf, severityLabel } from '../../../src/islands/agent/props.ts';
import { fakeClient, type Call } from './fake-client.ts';

describe('slugOf', () => {
	it('takes the article slug from a site path or address in either language', () => {
		expect(slugOf('/base-de-conocimiento/firma-timeout/')).toBe('base-de-conocimiento/firma-timeout');
		expect(slugOf('/en/base-de-conocimiento/firma-timeout/')).toBe('base-de-conocimiento/firma-timeout');
		expect(slugOf('https://docs.example.com/en/guias/instalar.html?x=1#paso-2')).toBe('guias/instalar');
		expect(slugOf('base-de-conocimiento/x')).toBe('base-de-conocimiento/x');
	});

	it('checks slugs as the database does', () => {
		expect(SLUG.test('base-de-conocimiento/firma-timeout')).toBe(true);
		expect(SLUG.test('Base/Conocimiento')).toBe(false);
		expect(SLUG.test('guías/x')).toBe(false);
		expect(SLUG.test('')).toBe(false);
	});
});

describe('ticketNumberIn (?t=)', () => {
	it('reads a ticket number, none, or NaN for something that is not one', () => {
		expect(ticketNumberIn('?t=1042')).toBe(1042);
		expect(ticketNumberIn('?t=%201042%20')).toBe(1042);
		expect(ticketNumberIn('')).toBeNull();
		expect(ticketNumberIn('?t=')).toBeNull();
		expect(ticketNumberIn('?t=12a')).toBeNaN();
		expect(ticketNumberIn('?t=-5')).toBeNaN();
		expect(ticketNumberIn('?t=1234567890123')).toBeNaN();
	});
});

describe('programme props', () => {
	const programmes = {
		p: { name: 'P', severities: [{ key: 'P1', label: 'Crítica' }], plans: { estandar: { name: 'Estándar' } as any } },
	};
	it('labels severities and finds plans, falling back to the key or nothing', () => {
		expect(severityLabel(programmes, 'p', 'P1')).toBe('Crítica');
		expect(severityLabel(programmes, 'p', 'P9')).toBe('P9');
		expect(severityLabel(programmes, 'otro', 'P1')).toBe('P1');
		expect(planOf(programmes, 'p', 'estandar')?.name).toBe('Estándar');
		expect(planOf(programmes, 'p', 'nada')).toBeUndefined();
	});
});

describe('loadQueue', () => {
	const methods = (calls: Call[]) => calls.map((c) => [c.method, ...c.args]);
	const t = (id: string, next_due_at: string | null, created_at: string, status = 'open') => ({ id, status, next_due_at, created_at, public_messages: '1', internal_notes: '0' });

	it('asks for open tickets nearest deadline first, then those closed in the last 30 days, and counts as numbers', async () => {
		const { client, calls } = fakeClient({
			from: {
				agent_queue: (c: Call[]) =>
					c.some((x) => x.method === 'eq')
						? { data: [t('c', null, '2026-04-01T09:00:00.5+00:00', 'closed')] }
						: { data: [t('a', '2026-04-30T13:00:00+00:00', '2026-04-02T00:00:00+00:00'), t('b', null, '2026-04-01T09:00:00.499999+00:00', 'pending_customer'), t('d', null, '2026-04-03T00:00:00+00:00')] },
			},
		});
		const now = Date.parse('2026-04-30T12:00:00Z');
		const result = await loadQueue(client, now);
		expect(result.ok && result.data.map((r) => [r.id, r.public_messages, r.internal_notes])).toEqual([
			['a', 1, 0],
			['b', 1, 0],
			['c', 1, 0],
			['d', 1, 0],
		]);
		expect(CLOSED_DAYS).toBe(30);
		const [open, closed] = calls['from:agent_queue'].map(methods);
		expect(open.slice(1)).toEqual([
			['neq', 'status', 'closed'],
			['order', 'next_due_at', { ascending: true, nullsFirst: false }],
			['order', 'created_at', { ascending: true }],
			['limit', QUEUE_LIMIT],
		]);
		expect(closed.slice(1)).toEqual([
			['eq', 'status', 'closed'],
			['gte', 'closed_at', '2026-03-31T12:00:00.000Z'],
			['order', 'created_at', { ascending: true }],
			['limit', QUEUE_LIMIT],
		]);
	});

	it('does not ask for closed tickets when the open ones fill the page with deadlines', async () => {
		const page = Array.from({ length: QUEUE_LIMIT }, (_, i) => t(`o${i}`, '2026-05-01T00:00:00+00:00', '2026-04-01T00:00:00+00:00'));
		const { client, calls } = fakeClient({ from: { agent_queue: { data: page } } });
		const result = await loadQueue(client);
		expect(result.ok && result.data).toHaveLength(QUEUE_LIMIT);
		expect(calls['from:agent_queue']).toHaveLength(1);
	});

	it('keeps the page at QUEUE_LIMIT when closed tickets sort into it', async () => {
		const page = Array.from({ length: QUEUE_LIMIT }, (_, i) => t(`o${i}`, null, `2026-04-02T00:00:${String(i % 60).padStart(2, '0')}+00:00`));
		const { client } = fakeClient({
			from: { agent_queue: (c: Call[]) => (c.some((x) => x.method === 'eq') ? { data: [t('c', null, '2026-04-01T00:00:00+00:00', 'closed')] } : { data: page }) },
		});
		const result = await loadQueue(client);
		expect(result.ok && result.data.length).toBe(QUEUE_LIMIT);
		expect(result.ok && result.data[0].id).toBe('c');
	});

	it('passes a refusal on', async () => {
		const { client } = fakeClient({ from: { agent_queue: { error: { message: 'permission denied', code: '42501' }, status: 403 } } });
		expect(await loadQueue(client)).toEqual({ ok: false, error: 'refused', code: 'not_allowed' });
	});
});

describe('loadStaff', () => {
	it('names each member by full name, else e-mail, else id, sorted by name', async () => {
		const { client } = fakeClient({
			from: {
				staff: {
					data: [
						{ user_id: 'u3', role: 'agent', level: 1, profile: { full_name: '  Zoe  ', email: 'z@x.mx' } },
						{ user_id: 'u1', role: 'lead', level: 2, profile: { full_name: ' ', email: 'ana@x.mx' } },
						{ user_id: 'u2', role: 'admin', level: 2, profile: null },
					],
				},
			},
		});
		expect(await loadStaff(client)).toEqual({
			ok: true,
			data: [
				{ id: 'u1', name: 'ana@x.mx', role: 'lead', level: 2 },
				{ id: 'u2', name: 'u2', role: 'admin', level: 2 },
				{ id: 'u3', name: 'Zoe', role: 'agent', level: 1 },
			],
		});
	});
});

describe('problems', () => {
	it('lists problems open first, then known errors, then resolved, newest first within each, with their ticket counts', async () => {
		const problem = (id: string, status: string, created_at: string) => ({ id, title: id, description: '', status, kb_article: null, created_at, resolved_at: null });
		const { client } = fakeClient({
			from: {
				problems: { data: [problem('r', 'resolved', '2026-04-03'), problem('o-old', 'open', '2026-04-01'), problem('k', 'known_error', '2026-04-04'), problem('o-new', 'open', '2026-04-02')] },
				agent_queue: { data: [{ problem_id: 'o-old', status: 'open' }, { problem_id: 'o-old', status: 'closed' }, { problem_id: 'k', status: 'closed' }] },
			},
		});
		const result = await loadProblems(client);
		expect(result.ok && result.data.map((p) => [p.id, p.tickets, p.openTickets])).toEqual([
			['o-new', 0, 0],
			['o-old', 2, 1],
			['k', 1, 0],
			['r', 0, 0],
		]);
	});

	it('finds no problem for an id that is not a UUID, without asking', async () => {
		const { client, calls } = fakeClient({});
		expect(await loadProblem(client, '42')).toEqual({ ok: false, notFound: true });
		expect(calls).toEqual({});
	});

	it('finds no problem when the row is not there, and passes errors on', async () => {
		const id = '0b9a3b8e-7d4c-4f7e-9a1a-3c2d1e0f9a8b';
		const missing = fakeClient({ from: { problems: { data: null }, agent_queue: { data: [] } } });
		expect(await loadProblem(missing.client, id)).toEqual({ ok: false, notFound: true });
		const failing = fakeClient({ from: { problems: { error: { message: 'staff_only' }, status: 403 }, agent_queue: { data: [] } } });
		expect(await loadProblem(failing.client, id)).toEqual({ ok: false, notFound: false, error: 'refused', code: 'staff_only' });
	});

	it('finds a ticket’s id by its number, or null', async () => {
		expect(await ticketIdOf(fakeClient({ from: { agent_queue: { data: { id: 'abc' } } } }).client, 7)).toEqual({ ok: true, data: 'abc' });
		expect(await ticketIdOf(fakeClient({ from: { agent_queue: { data: null } } }).client, 7)).toEqual({ ok: true, data: null });
	});
});
