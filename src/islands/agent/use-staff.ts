// Whether the signed-in person is support staff (their row in public.staff, which RLS shows only to
// staff), and the staff list for assigning. The page only decides what to show with this: every
// request it makes is refused to customers by RLS and the RPCs anyway.
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';
import { loadStaff, type StaffMember } from './queue-data.ts';
import type { BackendError } from './errors.ts';

export type StaffState = { status: 'loading' } | { status: 'staff'; staff: StaffMember[] } | { status: 'not-staff' } | { status: 'failed'; error: BackendError; code?: number };

export function useStaff(client: SupabaseClient | null, userId: string | null): StaffState {
	const [state, setState] = useState<StaffState>({ status: 'loading' });
	useEffect(() => {
		if (!client || !userId) return;
		let live = true;
		loadStaff(client).then((result) => {
			if (!live) return;
			if (!result.ok) return setState({ status: 'failed', error: result.error, code: result.status });
			setState(result.data.some((s) => s.id === userId) ? { status: 'staff', staff: result.data } : { status: 'not-staff' });
		});
		return () => {
			live = false;
		};
	}, [client, userId]);
	return state;
}
