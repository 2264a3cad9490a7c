// Problems through supabase-js (staff only under RLS): the list with how many tickets each has linked
// (and how many of those are still open), and one problem with its linked tickets from agent_queue.
import type { SupabaseClient } from '../../lib/supabase.ts';
import { QUEUE_COLUMNS, type QueueTicket } from './ticket-types.ts';
import type { Problem } from './workspace-data.ts';
import { call, type Failure, type Result } from '../shared/backend.ts';

export interface ProblemSummary extends Problem {
	tickets: number;
	openTickets: number;
}

const COLUMNS = 'id, title, description, status, kb_article, created_at, resolved_at';
const ORDER: Record<Problem['status'], number> = { open: 0, known_error: 1, resolved: 2 };

export async function loadProblems(client: SupabaseClient): Promise<Result<ProblemSummary[]>> {
	const [problems, linked] = await Promise.all([
		call(() => client.from('problems').select(COLUMNS).order('created_at', { ascending: false }).limit(500)),
		call(() => client.from('agent_queue').select('problem_id, status').not('problem_id', 'is', null).limit(5000)),
	]);
	if (!problems.ok) return problems;
	if (!linked.ok) return linked;
	const counts = new Map<string, { tickets: number; openTickets: number }>();
	for (const t of (linked.data ?? []) as { problem_id: string; status: string }[]) {
		const c = counts.get(t.problem_id) ?? { tickets: 0, openTickets: 0 };
		c.tickets += 1;
		if (t.status !== 'closed') c.openTickets += 1;
		counts.set(t.problem_id, c);
	}
	const rows = ((problems.data ?? []) as Problem[]).map((p) => ({ ...p, ...(counts.get(p.id) ?? { tickets: 0, openTickets: 0 }) }));
	rows.sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.created_at.localeCompare(a.created_at));
	return { ok: true, data: rows };
}

export type ProblemLoad = { ok: true; data: { problem: Problem; tickets: QueueTicket[] } } | { ok: false; notFound: true } | (Failure & { notFound: false });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadProblem(client: SupabaseClient, id: string): Promise<ProblemLoad> {
	if (!UUID.test(id)) return { ok: false, notFound: true };
	const [problem, tickets] = await Promise.all([
		call(() => client.from('problems').select(COLUMNS).eq('id', id).maybeSingle()),
		call(() => client.from('agent_queue').select(QUEUE_COLUMNS).eq('problem_id', id).order('number')),
	]);
	if (!problem.ok) return { ...problem, notFound: false };
	if (!tickets.ok) return { ...tickets, notFound: false };
	if (!problem.data) return { ok: false, notFound: true };
	return { ok: true, data: { problem: problem.data as Problem, tickets: (tickets.data ?? []) as QueueTicket[] } };
}

/** The id of the ticket with this number, or null. */
export async function ticketIdOf(client: SupabaseClient, number: number): Promise<Result<string | null>> {
	const found = await call(() => client.from('agent_queue').select('id').eq('number', number).maybeSingle());
	if (!found.ok) return found;
	return { ok: true, data: (found.data as { id: string } | null)?.id ?? null };
}

/** The article slug a problem records, from a site path: /en/base-de-conocimiento/x/ → base-de-conocimiento/x. */
export function slugOf(path: string): string {
	const clean = new URL(path, 'http://x').pathname.replace(/^\/+|\/+$/g, '').replace(/\.html$/, '');
	return clean.replace(/^en\//, '');
}

export const SLUG = /^[a-z0-9/-]+$/;
