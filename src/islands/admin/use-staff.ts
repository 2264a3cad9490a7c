// Whether the signed-in person is support staff, and with which role: the page is for the team, and
// the organisations section for admins. RLS lets only staff read public.staff, so a customer simply
// finds no row (and every RPC behind the page refuses them again).
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';

export type StaffRole = 'agent' | 'lead' | 'admin';
export type StaffState = { status: 'loading' } | { status: 'unavailable' } | { status: 'not-staff' } | { status: 'staff'; role: StaffRole };

export function useStaff(client: SupabaseClient, userId: string): StaffState {
	const [state, setState] = useState<StaffState>({ status: 'loading' });
	useEffect(() => {
		let live = true;
		setState({ status: 'loading' });
		client
			.from('staff')
			.select('role')
			.eq('user_id', userId)
			.maybeSingle()
			.then(({ data, error, status }) => {
				if (!live) return;
				if (error) setState(status === 0 || status >= 500 ? { status: 'unavailable' } : { status: 'not-staff' });
				else setState(data ? { status: 'staff', role: data.role as StaffRole } : { status: 'not-staff' });
			}, () => live && setState({ status: 'unavailable' }));
		return () => {
			live = false;
		};
	}, [client, userId]);
	return state;
}
