// One page of tickets through supabase-js, newest first, with the total for the pager. RLS already
// limits the rows to the caller's organisations; "Mis tickets" narrows them to those they opened.
// The search matches the subject (the user's % and _ taken literally) or, for "1042"/"#1042", the
// number: the search_tickets RPC finds the ids (over a trigram index REST filters cannot use under
// RLS, see the queue_scale migration), at most EXACT_UP_TO + 1, and the page's tickets are read by id.
// At scale (the queue_scale migration): "Tickets de mi organización" names the reader's organisations,
// as RLS's "in my organisations, or staff" is an OR no index can follow, while organisation_id = …
// walks the list's index (organisation, newest, number) and stops at the page (for staff who are also
// members, the view now shows their organisations' tickets rather than every ticket). The total is
// PostgREST's estimated count: exact up to the API's row limit (db-max-rows, 1,000 on Supabase), the
// planner's estimate past it, so a count reads at most 1,001 rows; past EXACT_UP_TO the page says
// "más de 1000" and pages on without a last page.
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { ListFilters } from './list-filters.ts';
import { LIST_COLUMNS, type TicketRow } from './ticket-row.ts';
import { call, failureOf, type Failure } from '../shared/backend.ts';

export const PAGE_SIZE = 20;
export const EXACT_UP_TO = 1000;

/** count is exact when `exact`; otherwise there are more than EXACT_UP_TO (count is EXACT_UP_TO). */
export type ListResult = { ok: true; rows: TicketRow[]; count: number; exact: boolean; hasNext: boolean; page: number } | Failure;

// The reader's organisations, once per client and user (a page's lifetime): [] when they have none or
// the read failed, and the list then relies on RLS alone (slower, the same rows).
const organisations = new WeakMap<SupabaseClient, { userId: string; ids: Promise<string[]> }>();
function organisationsOf(client: SupabaseClient, userId: string): Promise<string[]> {
	const known = organisations.get(client);
	if (known?.userId === userId) return known.ids;
	const ids = Promise.resolve(client.from('memberships').select('organisation_id').eq('user_id', userId)).then(
		({ data, error }) => (error ? [] : ((data ?? []) as { organisation_id: string }[]).map((m) => m.organisation_id)),
		() => [],
	);
	organisations.set(client, { userId, ids });
	return ids;
}

/** The total as the page shows it: exact up to EXACT_UP_TO, "more than" past it. */
function page(rows: TicketRow[], total: number, f: ListFilters): ListResult {
	const exact = total <= EXACT_UP_TO;
	return { ok: true, rows, count: exact ? total : EXACT_UP_TO, exact, hasNext: exact ? f.page * PAGE_SIZE < total : rows.length === PAGE_SIZE, page: f.page };
}

async function search(client: SupabaseClient, f: ListFilters, q: string): Promise<ListResult> {
	const args = { q, mine: f.view === 'mine', ...(f.status ? { status: f.status } : {}), ...(f.severity ? { severity: f.severity } : {}) };
	const found = await call(() => client.rpc('search_tickets', args));
	if (!found.ok) return found;
	// The API hands at most db-max-rows (1,000) of the RPC's up to 1,001 ids, so 1,000 means "more":
	// exactly 1,000 matches read as "más de 1000" too, the one case this rounds up.
	const ids = (found.data ?? []) as string[];
	const total = ids.length >= EXACT_UP_TO ? EXACT_UP_TO + 1 : ids.length;
	const from = (f.page - 1) * PAGE_SIZE;
	if (from >= ids.length && f.page > 1) return search(client, { ...f, page: 1 }, q);
	const wanted = ids.slice(from, from + PAGE_SIZE);
	if (!wanted.length) return page([], total, f);
	const read = await call(() => client.from('tickets').select(LIST_COLUMNS).in('id', wanted).order('created_at', { ascending: false }).order('number', { ascending: false }));
	if (!read.ok) return read;
	return page((read.data ?? []) as TicketRow[], total, f);
}

export async function fetchTickets(client: SupabaseClient, userId: string, f: ListFilters): Promise<ListResult> {
	const q = f.q.trim();
	if (q) return search(client, f, q);
	const from = (f.page - 1) * PAGE_SIZE;
	let query = client.from('tickets').select(LIST_COLUMNS, { count: 'estimated' });
	if (f.view === 'mine') query = query.eq('requester_id', userId);
	else {
		const orgs = await organisationsOf(client, userId);
		if (orgs.length === 1) query = query.eq('organisation_id', orgs[0]);
		else if (orgs.length > 1) query = query.in('organisation_id', orgs);
	}
	if (f.status) query = query.eq('status', f.status);
	if (f.severity) query = query.eq('severity_key', f.severity);
	const { data, error, count, status } = await query.order('created_at', { ascending: false }).order('number', { ascending: false }).range(from, from + PAGE_SIZE - 1);
	// A page past the end (an old link, fewer tickets now): PostgREST answers 416; show the first page.
	if (error?.code === 'PGRST103' && f.page > 1) return fetchTickets(client, userId, { ...f, page: 1 });
	if (error) return failureOf(error, status);
	return page((data ?? []) as TicketRow[], count ?? 0, f);
}
