// The queue's filters, kept in the address (/agente/?severity=P1&assignee=mine) so a reload or a link
// shows the same queue, and the counts beside each choice: how many tickets that choice would show
// with the other filters as they are (faceted counts), computed from the rows already loaded.
import { TICKET_STATUSES, type QueueTicket, type TicketStatus } from './ticket-types.ts';

export const FACETS = ['status', 'severity', 'organisation', 'level', 'assignee', 'product'] as const;
export type Facet = (typeof FACETS)[number];

/** '' for each facet means "any"; for status it means every ticket not closed (the working queue). */
export type QueueFilters = Record<Facet, string>;

export const NO_FILTERS: QueueFilters = { status: '', severity: '', organisation: '', level: '', assignee: '', product: '' };

/** Assignee values besides an agent's id. */
export const MINE = 'mine';
export const UNASSIGNED = 'none';
/** Product value of tickets without one. */
export const NO_PRODUCT = 'none';

const clean = (v: string | null, max = 80) => (v ?? '').trim().slice(0, max);

export function filtersFrom(params: URLSearchParams): QueueFilters {
	const status = clean(params.get('status'));
	const level = clean(params.get('level'));
	return {
		status: (TICKET_STATUSES as readonly string[]).includes(status) ? status : '',
		severity: clean(params.get('severity')),
		organisation: clean(params.get('organisation')),
		level: level === '1' || level === '2' ? level : '',
		assignee: clean(params.get('assignee')),
		product: clean(params.get('product')),
	};
}

export function searchOf(f: QueueFilters): string {
	const params = new URLSearchParams();
	for (const facet of FACETS) if (f[facet]) params.set(facet, f[facet]);
	const s = params.toString();
	return s ? `?${s}` : '';
}

/** The values a ticket has for a facet (an agent's own ticket is both theirs and "mine"). */
export function valuesOf(t: QueueTicket, facet: Facet, me: string): string[] {
	switch (facet) {
		case 'status':
			return t.status === 'closed' ? ['closed'] : ['', t.status];
		case 'severity':
			return [t.severity_key];
		case 'organisation':
			return [t.organisation_id];
		case 'level':
			return [String(t.level)];
		case 'assignee':
			return t.assignee_id === null ? [UNASSIGNED] : t.assignee_id === me ? [MINE, t.assignee_id] : [t.assignee_id];
		case 'product':
			return [t.product_id ?? NO_PRODUCT];
	}
}

function passes(t: QueueTicket, f: QueueFilters, me: string, except?: Facet): boolean {
	return FACETS.every((facet) => {
		if (facet === except) return true;
		// An empty status is the working queue: everything but closed tickets.
		if (!f[facet] && facet !== 'status') return true;
		return valuesOf(t, facet, me).includes(f[facet]);
	});
}

export function applyFilters(rows: readonly QueueTicket[], f: QueueFilters, me: string): QueueTicket[] {
	return rows.filter((t) => passes(t, f, me));
}

export type FacetCounts = Record<Facet, Map<string, number>>;

export function countFacets(rows: readonly QueueTicket[], f: QueueFilters, me: string): FacetCounts {
	const counts = Object.fromEntries(FACETS.map((facet) => [facet, new Map<string, number>()])) as FacetCounts;
	for (const t of rows) {
		for (const facet of FACETS) {
			if (!passes(t, f, me, facet)) continue;
			const values = valuesOf(t, facet, me);
			// "Any" counts every ticket once (the working queue, for status).
			if (facet !== 'status') values.push('');
			for (const v of values) counts[facet].set(v, (counts[facet].get(v) ?? 0) + 1);
		}
	}
	return counts;
}
