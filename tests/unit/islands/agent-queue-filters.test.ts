import { describe, expect, it } from 'vitest';
import { applyFilters, countFacets, filtersFrom, NO_FILTERS, searchOf, valuesOf, type QueueFilters } from '../../../src/islands/agent/queue-filters.ts';
import type { QueueTicket } from '../../../src/islands/agent/ticket-types.ts';

const ME = 'agent-me';

function ticket(number: number, over: Partial<QueueTicket>): QueueTicket {
	return {
		id: `t${number}`, number, subject: `Ticket ${number}`, status: 'open', severity_key: 'P2', programme_id: 'estandar-extendido', plan_id: 'estandar', level: 1,
		channel: 'web', environment: 'production', product_id: 'firma', version: '5.1', organisation_id: 'org-a', organisation_name: 'A', organisation_timezone: 'America/Mexico_City',
		requester_id: 'u1', requester_name: null, requester_email: null, assignee_id: null, assignee_name: null, problem_id: null, created_at: '2026-04-01T00:00:00Z',
		updated_at: '2026-04-01T00:00:00Z', first_response_at: null, first_response_due_at: null, next_update_due_at: null, next_escalation_due_at: null, resolution_due_at: null,
		first_response_breached_at: null, update_breached_at: null, escalation_breached_at: null, resolution_breached_at: null, paused_since: null, resolved_at: null, closed_at: null,
		sla_dirty: false, last_customer_message_at: null, next_due_at: null, public_messages: 0, internal_notes: 0, last_message_at: null, ...over,
	};
}

const rows = [
	ticket(1, { severity_key: 'P1', assignee_id: ME }),
	ticket(2, { severity_key: 'P1', status: 'new', organisation_id: 'org-b', product_id: null }),
	ticket(3, { severity_key: 'P2', assignee_id: 'agent-other', level: 2 }),
	ticket(4, { severity_key: 'P1', status: 'closed', assignee_id: ME }),
	ticket(5, { severity_key: 'P3', status: 'pending_customer', product_id: null }),
];
const numbers = (list: QueueTicket[]) => list.map((t) => t.number);
const f = (over: Partial<QueueFilters>): QueueFilters => ({ ...NO_FILTERS, ...over });

describe('filters in the address', () => {
	it('reads known values and drops what is not one', () => {
		const params = new URLSearchParams('status=pending_customer&severity=%20P1%20&level=2&assignee=mine&product=none&organisation=org-b');
		expect(filtersFrom(params)).toEqual({ status: 'pending_customer', severity: 'P1', organisation: 'org-b', level: '2', assignee: 'mine', product: 'none' });
		expect(filtersFrom(new URLSearchParams('status=abierto&level=3'))).toEqual(NO_FILTERS);
		expect(filtersFrom(new URLSearchParams(`severity=${'x'.repeat(100)}`)).severity).toBe('x'.repeat(80));
	});

	it('writes only the filters set, in a stable order, and nothing for none', () => {
		expect(searchOf(f({ product: 'firma', severity: 'P1', assignee: 'mine' }))).toBe('?severity=P1&assignee=mine&product=firma');
		expect(searchOf(NO_FILTERS)).toBe('');
		expect(filtersFrom(new URLSearchParams(searchOf(f({ status: 'closed', level: '1' }))))).toEqual(f({ status: 'closed', level: '1' }));
	});
});

describe('applyFilters', () => {
	it('shows the working queue by default: everything but closed tickets', () => {
		expect(numbers(applyFilters(rows, NO_FILTERS, ME))).toEqual([1, 2, 3, 5]);
	});

	it('shows closed tickets only when asked for them', () => {
		expect(numbers(applyFilters(rows, f({ status: 'closed' }), ME))).toEqual([4]);
	});

	it('reads "mine" as the signed-in agent’s tickets and "none" as unassigned ones', () => {
		expect(numbers(applyFilters(rows, f({ assignee: 'mine' }), ME))).toEqual([1]);
		expect(numbers(applyFilters(rows, f({ assignee: ME }), ME))).toEqual([1]);
		expect(numbers(applyFilters(rows, f({ assignee: 'none' }), ME))).toEqual([2, 5]);
		expect(numbers(applyFilters(rows, f({ assignee: 'none' }), 'agent-other'))).toEqual([2, 5]);
	});

	it('combines facets, and "none" as product means tickets without one', () => {
		expect(numbers(applyFilters(rows, f({ severity: 'P1', product: 'none' }), ME))).toEqual([2]);
		expect(numbers(applyFilters(rows, f({ level: '2' }), ME))).toEqual([3]);
		expect(numbers(applyFilters(rows, f({ organisation: 'org-z' }), ME))).toEqual([]);
		expect(applyFilters([], NO_FILTERS, ME)).toEqual([]);
	});

	it('gives an agent’s own ticket both their id and "mine"', () => {
		expect(valuesOf(rows[0], 'assignee', ME)).toEqual(['mine', ME]);
		expect(valuesOf(rows[2], 'assignee', ME)).toEqual(['agent-other']);
		expect(valuesOf(rows[3], 'status', ME)).toEqual(['closed']);
		expect(valuesOf(rows[4], 'status', ME)).toEqual(['', 'pending_customer']);
	});
});

describe('countFacets', () => {
	it('counts each choice with the other filters as they are (faceted)', () => {
		const counts = countFacets(rows, f({ severity: 'P1' }), ME);
		// Severity ignores its own filter: the working queue has P1 ×2, P2, P3, and 4 in all.
		expect(Object.fromEntries(counts.severity)).toEqual({ P1: 2, '': 4, P2: 1, P3: 1 });
		// Status counts the P1 tickets whatever their status; '' is the working queue.
		expect(Object.fromEntries(counts.status)).toEqual({ '': 2, open: 1, new: 1, closed: 1 });
		expect(Object.fromEntries(counts.assignee)).toEqual({ mine: 1, [ME]: 1, none: 1, '': 2 });
		expect(Object.fromEntries(counts.product)).toEqual({ firma: 1, none: 1, '': 2 });
	});

	it('counts nothing for no rows', () => {
		const counts = countFacets([], NO_FILTERS, ME);
		expect(Object.values(counts).every((m) => m.size === 0)).toBe(true);
	});
});
