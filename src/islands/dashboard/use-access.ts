// Who is looking: support staff (every organisation) or the coordinator of some organisations (those),
// read as the signed-in user so RLS answers; anyone else is refused before any figure is asked for.
// The RPCs check the same again, so this only decides what the page offers.
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';

export interface Organisation {
	id: string;
	name: string;
}

export type Access =
	| { status: 'loading' }
	| { status: 'unavailable' }
	| { status: 'refused' }
	| { status: 'ready'; staff: boolean; organisations: Organisation[] };

async function readAccess(client: SupabaseClient, userId: string): Promise<Access> {
	const [staff, coordinated] = await Promise.all([
		client.from('staff').select('user_id').eq('user_id', userId).maybeSingle(),
		client.from('memberships').select('organisation_id').eq('user_id', userId).eq('role', 'coordinator'),
	]);
	if (staff.error || coordinated.error) return { status: 'unavailable' };
	const isStaff = staff.data !== null;
	const ids = (coordinated.data ?? []).map((m) => m.organisation_id as string);
	if (!isStaff && ids.length === 0) return { status: 'refused' };
	const query = client.from('organisations').select('id, name').order('name');
	const organisations = await (isStaff ? query : query.in('id', ids));
	if (organisations.error) return { status: 'unavailable' };
	return { status: 'ready', staff: isStaff, organisations: organisations.data as Organisation[] };
}

export function useAccess(client: SupabaseClient, userId: string): Access {
	const [access, setAccess] = useState<Access>({ status: 'loading' });
	useEffect(() => {
		let live = true;
		readAccess(client, userId)
			.catch((): Access => ({ status: 'unavailable' }))
			.then((a) => live && setAccess(a));
		return () => {
			live = false;
		};
	}, [client, userId]);
	return access;
}
