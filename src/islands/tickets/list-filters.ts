// The list's view, filters, search and page, kept in the address (?view=org&status=open&q=…&page=2) so
// that coming back from a ticket, or sharing the link, shows the same list.
import { TICKET_STATUSES, type TicketStatus } from './ticket-row.ts';

export interface ListFilters {
	view: 'mine' | 'org';
	status: TicketStatus | '';
	severity: string;
	q: string;
	page: number;
}

export const NO_FILTERS: ListFilters = { view: 'mine', status: '', severity: '', q: '', page: 1 };

export function filtersFrom(params: URLSearchParams): ListFilters {
	const status = params.get('status') ?? '';
	const page = Number(params.get('page'));
	return {
		view: params.get('view') === 'org' ? 'org' : 'mine',
		status: (TICKET_STATUSES as readonly string[]).includes(status) ? (status as TicketStatus) : '',
		severity: (params.get('severity') ?? '').slice(0, 40),
		q: (params.get('q') ?? '').slice(0, 200),
		page: Number.isInteger(page) && page > 1 ? page : 1,
	};
}

export function searchOf(f: ListFilters): string {
	const params = new URLSearchParams();
	if (f.view !== 'mine') params.set('view', f.view);
	if (f.status) params.set('status', f.status);
	if (f.severity) params.set('severity', f.severity);
	if (f.q) params.set('q', f.q);
	if (f.page > 1) params.set('page', String(f.page));
	const s = params.toString();
	return s ? `?${s}` : '';
}
