import { describe, expect, it } from 'vitest';
import { errorText as errorTextOf } from '../../../src/islands/tickets/errors.ts';
import { failureOf } from '../../../src/islands/shared/backend.ts';
import { TICKETS_LABEL_KEYS } from '../../../src/islands/tickets/labels.ts';
import { loadTicket, ticketNumberIn } from '../../../src/islands/tickets/ticket-data.ts';
import { severityLabel } from '../../../src/islands/tickets/props.ts';
import { formatInstant, shortDate } from '../../../src/islands/tickets/format.ts';
import { fakeClient, keyLabels, plain } from './fake-client.ts';

const labels = keyLabels(TICKETS_LABEL_KEYS);
const errorText = (error: { message?: string; code?: string }, l: typeof labels, status?: number, lang?: 'es' | 'en') => errorTextOf(failureOf(error, status), l, lang);

describe('errorText (customer’s tickets)', () => {
	it('says the backend is unreachable for status 0, a 5xx or a fetch failure', () => {
		expect(errorText({}, labels, 0)).toBe('«unavailable»');
		expect(errorText({ message: 'internal_error' }, labels, 500)).toBe('«unavailable»');
		expect(errorText({ message: 'TypeError: NetworkError when attempting to fetch resource.' }, labels)).toBe('«unavailable»');
	});

	it('uses the page’s own words for its codes', () => {
		expect(errorText({ message: 'ticket_not_found' }, labels, 404)).toBe('«notFound»');
		expect(errorText({ message: 'not_resolved' }, labels, 409)).toBe('«errNotResolved»');
		expect(errorText({ message: 'invalid_file_name' }, labels, 400)).toBe('«errAttachment»');
	});

	it('reads other catalogued codes from the catalogue, and unknown ones as failed', () => {
		expect(errorText({ message: 'staff_only' }, labels, 403, 'en')).toBe('Only the support team can do this.');
		expect(errorText({ message: 'no idea' }, labels, 400, 'en')).toBe('«failed»');
	});
});

describe('ticketNumberIn (?n=) and severity labels', () => {
	it('reads the number, none, or NaN', () => {
		expect(ticketNumberIn('?n=7')).toBe(7);
		expect(ticketNumberIn('?t=7')).toBeNull();
		expect(ticketNumberIn('?n=7.5')).toBeNaN();
	});

	it('labels a severity by its programme, else shows its key', () => {
		const severities = { p: [{ key: 'P1', label: 'Crítica' }] };
		expect(severityLabel(severities, 'p', 'P1')).toBe('Crítica');
		expect(severityLabel(severities, 'q', 'P1')).toBe('P1');
	});
});

describe('loadTicket', () => {
	const ticket = { id: 't1', number: 1042 };

	it('does not ask for a number that is not one', async () => {
		const { client, calls } = fakeClient({});
		expect(await loadTicket(client, Number.NaN)).toEqual({ ok: false, notFound: true });
		expect(await loadTicket(client, 2 ** 60)).toEqual({ ok: false, notFound: true });
		expect(calls).toEqual({});
	});

	it('reads a ticket of another organisation exactly as one that does not exist', async () => {
		const { client } = fakeClient({ from: { tickets: { data: null } } });
		expect(await loadTicket(client, 1042)).toEqual({ ok: false, notFound: true });
	});

	it('names the authors the reader may know and marks the messages support wrote', async () => {
		const { client, calls } = fakeClient({
			from: {
				tickets: { data: ticket },
				ticket_messages: { data: [{ id: 'm1', author_id: 'me', body: 'Hola', created_at: '1' }, { id: 'm2', author_id: 'agent', body: 'Respuesta', created_at: '2' }, { id: 'm3', author_id: null, body: 'Sistema', created_at: '3' }] },
				ticket_attachments: { data: [] },
				ticket_events: { data: [{ id: 1, kind: 'message_added', data: { message: 'm2' }, at: '2', actor_kind: 'staff' }, { id: 2, kind: 'message_added', data: { message: 'm1' }, at: '1', actor_kind: 'customer' }, { id: 3, kind: 'message_added', data: null, at: '3', actor_kind: 'staff' }] },
			},
			rpc: { display_names: { data: [{ id: 'me', name: 'Ana' }, { id: 'agent', name: null }] } },
		});
		const load = await loadTicket(client, 1042);
		expect(load.ok).toBe(true);
		if (!load.ok) return;
		expect(load.page.names).toEqual({ me: 'Ana' });
		expect([...load.page.fromSupport]).toEqual(['m2']);
		expect(calls['rpc:display_names'][0][0].args).toEqual(['display_names', { people: ['me', 'agent'] }]);
		// Only the public thread, attachments and history: the customer's view of the case.
		for (const table of ['ticket_messages', 'ticket_attachments', 'ticket_events']) {
			expect(calls[`from:${table}`][0].some((c) => c.method === 'eq' && c.args[0] === 'visibility' && c.args[1] === 'public')).toBe(true);
		}
	});

	it('passes the first failed read on', async () => {
		const { client } = fakeClient({
			from: { tickets: { data: ticket }, ticket_messages: { data: [] }, ticket_attachments: { error: { message: 'boom' }, status: 500 }, ticket_events: { data: [] } },
		});
		expect(await loadTicket(client, 1042)).toEqual({ ok: false, notFound: false, error: 'unavailable' });
	});
});


describe('ticket dates in the organisation’s zone', () => {
	it('says an instant short, in the zone and language given', () => {
		expect(plain(shortDate('2026-04-06T18:00:00Z', 'es', 'America/Mexico_City'))).toBe('6 abr 2026, 12:00');
		expect(plain(shortDate('2026-04-06T18:00:00Z', 'en', 'Europe/Madrid'))).toBe('Apr 6, 2026, 8:00 PM');
	});

	it('says an instant long, with the zone’s name', () => {
		expect(plain(formatInstant(new Date('2026-11-23T19:00:00Z'), 'es', 'America/Mexico_City'))).toBe('lunes, 23 de noviembre de 2026, 13:00 hora estándar central');
	});
});
