// One page of tickets through supabase-js, newest first, with the total for the pager. RLS already
// limits the rows to the caller's organisations; "Mis tickets" narrows them to those they opened.
// The search matches the subject (ilike, the user's % and _ taken literally) or, for "1042"/"#1042",
// the number.
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { ListFilters } from './list-filters.ts';
import { LIST_COLUMNS, type TicketRow } from './ticket-row.ts';
import { failureOf, type Failure } from '../shared/backend.ts';

export const PAGE_SIZE = 20;

export type ListResult = { ok: true; rows: TicketRow[]; count: number; page: number } | Failure;

const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function fetchTickets(client: SupabaseClient, userId: string, f: ListFilters): Promise<ListResult> {
	const from = (f.page - 1) * PAGE_SIZE;
	let query = client.from('tickets').select(LIST_COLUMNS, { count: 'exact' });
	if (f.view === 'mine') query = query.eq('requester_id', userId);
	if (f.status) query = query.eq('status', f.status);
	if (f.severity) query = query.eq('severity_key', f.severity);
	const q = f.q.trim();
	if (q) {
		const number = /^#?(\d{1,12})$/.exec(q)?.[1];
		// Digits only, so the value needs no quoting inside the or() expression.
		query = number ? query.or(`number.eq.${number},subject.ilike.*${number}*`) : query.ilike('subject', `%${likeLiteral(q)}%`);
	}
	const { data, error, count, status } = await query.order('created_at', { ascending: false }).order('number', { ascending: false }).range(from, from + PAGE_SIZE - 1);
	// A page past the end (an old link, fewer tickets now): PostgREST answers 416; show the first page.
	if (error?.code === 'PGRST103' && f.page > 1) return fetchTickets(client, userId, { ...f, page: 1 });
	if (error) return failureOf(error, status);
	return { ok: true, rows: (data ?? []) as TicketRow[], count: count ?? 0, page: f.page };
}
