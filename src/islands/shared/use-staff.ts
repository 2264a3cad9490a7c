// Whether the signed-in person is support staff, and with which role and level: their row in
// public.staff, which RLS shows only to staff (a customer simply finds none). Widgets only decide what
// to offer with this; every request behind them is refused to customers by RLS and the RPCs anyway.
import type { SupabaseClient } from '../../lib/supabase.ts';
import { UNAVAILABLE, call, type Failure, type Result } from './backend.ts';
import { useLoad } from './use-load.ts';

export type StaffRole = 'agent' | 'lead' | 'admin';
export interface StaffRow {
	role: StaffRole;
	level: number;
}

export type StaffAccess = { status: 'loading' } | { status: 'failed'; failure: Failure } | { status: 'not-staff' } | ({ status: 'staff' } & StaffRow);

/** The caller's own staff row, or null. */
export function readStaff(client: SupabaseClient, userId: string): Promise<Result<StaffRow | null>> {
	return call(() => client.from('staff').select('role, level').eq('user_id', userId).maybeSingle());
}

export function accessOf(result: Result<StaffRow | null> | null): StaffAccess {
	if (!result) return { status: 'loading' };
	if (!result.ok) return { status: 'failed', failure: result };
	return result.data ? { status: 'staff', role: result.data.role, level: result.data.level } : { status: 'not-staff' };
}

/** The staff access of the signed-in person; loading until there is a client and a user. */
export function useStaff(client: SupabaseClient | null, userId: string | null): StaffAccess {
	return accessOf(useLoad<Result<StaffRow | null>>(client && userId ? () => readStaff(client, userId) : null, [client, userId], UNAVAILABLE));
}

export interface OverseenOrganisation {
	id: string;
	name: string;
}

/**
 * Who oversees what, for the pages of figures (the SLA dashboard, the monthly report): support staff
 * every organisation, a coordinator the organisations they coordinate, anyone else none ('refused').
 * Any failure reads as 'unavailable'; the RPCs behind those pages check the same again.
 */
export type Oversight =
	| { status: 'loading' }
	| { status: 'unavailable' }
	| { status: 'refused' }
	| { status: 'ready'; staff: boolean; organisations: OverseenOrganisation[] };

export async function readOversight(client: SupabaseClient, userId: string): Promise<Exclude<Oversight, { status: 'loading' }>> {
	const [staff, coordinated] = await Promise.all([
		readStaff(client, userId),
		call(() => client.from('memberships').select('organisation_id').eq('user_id', userId).eq('role', 'coordinator')),
	]);
	if (!staff.ok || !coordinated.ok) return { status: 'unavailable' };
	const isStaff = staff.data !== null;
	const ids = (coordinated.data ?? []).map((m) => m.organisation_id as string);
	if (!isStaff && ids.length === 0) return { status: 'refused' };
	const query = client.from('organisations').select('id, name').order('name');
	const organisations = await call(() => (isStaff ? query : query.in('id', ids)));
	if (!organisations.ok) return { status: 'unavailable' };
	return { status: 'ready', staff: isStaff, organisations: (organisations.data ?? []) as OverseenOrganisation[] };
}

export function useOversight(client: SupabaseClient | null, userId: string | null): Oversight {
	return useLoad<Oversight>(client && userId ? () => readOversight(client, userId) : null, [client, userId], { status: 'unavailable' }) ?? { status: 'loading' };
}
