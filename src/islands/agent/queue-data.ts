// The queue through supabase-js: every ticket not closed plus those closed in the last 30 days, from
// agent_queue (staff only), ordered by the nearest deadline the database computed (tickets owing
// nothing last, oldest first); and the support staff, for assigning.
// Two reads, each along its own index (the queue_scale migration), rather than one OR that no index
// can follow: open tickets in the queue's order; then, only when those leave room on the page before
// the first ticket owing nothing, the recently closed ones, which owe nothing and so sort among the
// tickets owing nothing by creation alone. Merged, the page is the one the OR would give.
import type { SupabaseClient } from '../../lib/supabase.ts';
import { QUEUE_COLUMNS, type QueueTicket } from './ticket-types.ts';
import { call, type Result } from '../shared/backend.ts';

export const QUEUE_LIMIT = 1000;
export const CLOSED_DAYS = 30;

export interface StaffMember {
	id: string;
	name: string;
	role: 'agent' | 'lead' | 'admin';
	level: number;
}

export async function loadQueue(client: SupabaseClient, now = Date.now()): Promise<Result<QueueTicket[]>> {
	const since = new Date(now - CLOSED_DAYS * 86_400_000).toISOString();
	const open = await call(() =>
		client
			.from('agent_queue')
			.select(QUEUE_COLUMNS)
			.neq('status', 'closed')
			.order('next_due_at', { ascending: true, nullsFirst: false })
			.order('created_at', { ascending: true })
			.limit(QUEUE_LIMIT),
	);
	if (!open.ok) return open;
	let rows = (open.data ?? []) as QueueTicket[];
	if (rows.length < QUEUE_LIMIT || rows[rows.length - 1].next_due_at === null) {
		const closed = await call(() =>
			client
				.from('agent_queue')
				.select(QUEUE_COLUMNS)
				.eq('status', 'closed')
				.gte('closed_at', since)
				.order('created_at', { ascending: true })
				.limit(QUEUE_LIMIT),
		);
		if (!closed.ok) return closed;
		rows = mergeQueue(rows, (closed.data ?? []) as QueueTicket[]).slice(0, QUEUE_LIMIT);
	}
	return { ok: true, data: rows.map((r) => ({ ...r, public_messages: Number(r.public_messages), internal_notes: Number(r.internal_notes) })) };
}

/** An instant in microseconds, as the database orders them (Date.parse stops at milliseconds). */
const micros = (iso: string) => Date.parse(iso) * 1000 + Number(`${/\.(\d+)/.exec(iso)?.[1] ?? ''}000000`.slice(3, 6));

/** The queue's order: nearest deadline first, none last, then oldest. Both lists are in it already. */
export function mergeQueue(a: QueueTicket[], b: QueueTicket[]): QueueTicket[] {
	const key = (t: QueueTicket) => [t.next_due_at === null ? Infinity : micros(t.next_due_at), micros(t.created_at)];
	const before = (x: QueueTicket, y: QueueTicket) => {
		const [kx, ky] = [key(x), key(y)];
		return kx[0] < ky[0] || (kx[0] === ky[0] && kx[1] <= ky[1]);
	};
	const out: QueueTicket[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && before(a[i], b[j])) ? a[i++] : b[j++]);
	return out;
}

export async function loadStaff(client: SupabaseClient): Promise<Result<StaffMember[]>> {
	const result = await call(() => client.from('staff').select('user_id, role, level, profile:profiles(full_name, email)'));
	if (!result.ok) return result;
	type Row = { user_id: string; role: StaffMember['role']; level: number; profile: { full_name: string | null; email: string | null } | null };
	const members = ((result.data ?? []) as Row[]).map((r) => ({
		id: r.user_id,
		name: r.profile?.full_name?.trim() || r.profile?.email || r.user_id,
		role: r.role,
		level: r.level,
	}));
	members.sort((a, b) => a.name.localeCompare(b.name));
	return { ok: true, data: members };
}
