// Loads the signed-in person's account once per user and refreshes it in place after a change (a new
// organisation, a new name), so the forms below keep their state while the summary updates.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { loadAccount, type AccountData } from './account-data.ts';

export type AccountState =
	| { status: 'loading' }
	| { status: 'error'; error: unknown }
	| { status: 'ready'; data: AccountData };

export function useAccount(client: SupabaseClient, userId: string): { state: AccountState; refresh: () => Promise<AccountData | undefined> } {
	const [state, setState] = useState<AccountState>({ status: 'loading' });

	const refresh = useCallback(async () => {
		try {
			const data = await loadAccount(client, userId);
			setState({ status: 'ready', data });
			return data;
		} catch (error) {
			setState((current) => (current.status === 'ready' ? current : { status: 'error', error }));
			return undefined;
		}
	}, [client, userId]);

	useEffect(() => {
		setState({ status: 'loading' });
		void refresh();
	}, [refresh]);

	return { state, refresh };
}
