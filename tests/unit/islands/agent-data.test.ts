import { describe, expect, it } from 'vitest';
import { loadProblem, loadProblems, SLUG, slugOf, ticketIdOf } from '../../../src/islands/agent/problems-data.ts';
import { CLOSED_DAYS, loadQueue, loadStaff } from '../../../src/islands/agent/queue-data.ts';
import { ticketNumberIn } from '../../../src/islands/agent/workspace-data.ts';
import { planOf, severityLabel } from '../../../src/islands/agent/props.ts';
import { fakeClient } from './fake-client.ts';

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
	it('asks for open tickets and those closed in the last 30 days, nearest deadline first, and counts as numbers', async () => {
		const { client, calls } = fakeClient({ from: { agent_queue: { data: [{ id: 'a', public_messages: '3', internal_notes: '0' }] } } });
		const now = Date.parse('2026-04-30T12:00:00Z');
		const result = await loadQueue(client, now);
		expect(result).toEqual({ ok: true, data: [{ id: 'a', public_messages: 3, internal_notes: 0 }] });
		expect(CLOSED_DAYS).toBe(30);
		const chain = calls['from:agent_queue'][0];
		expect(chain.find((c) => c.method === 'or')!.args).toEqual(['status.neq.closed,closed_at.gte.2026-03-31T12:00:00.000Z']);
		expect(chain.filter((c) => c.method === 'order').map((c) => c.args)).toEqual([
			['next_due_at', { ascending: true, nullsFirst: false }],
			['created_at', { ascending: true }],
		]);
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
