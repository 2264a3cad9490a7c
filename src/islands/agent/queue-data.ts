// The queue through supabase-js: every ticket not closed plus those closed in the last 30 days, from
// agent_queue (staff only), ordered by the nearest deadline the database computed (tickets owing
// nothing last, oldest first); and the support staff, for assigning.
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
	const result = await call(() =>
		client
			.from('agent_queue')
			.select(QUEUE_COLUMNS)
			.or(`status.neq.closed,closed_at.gte.${since}`)
			.order('next_due_at', { ascending: true, nullsFirst: false })
			.order('created_at', { ascending: true })
			.limit(QUEUE_LIMIT),
	);
	if (!result.ok) return result;
	const rows = (result.data ?? []) as QueueTicket[];
	return { ok: true, data: rows.map((r) => ({ ...r, public_messages: Number(r.public_messages), internal_notes: Number(r.internal_notes) })) };
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
