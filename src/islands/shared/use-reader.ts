// Who reads the page, for widgets that anyone may use: a browser with no stored session is an
// anonymous reader, known without loading supabase-js (it reads the key supabase-js keeps the session
// under); a stored session goes through the shared session (use-session.ts), which loads supabase-js.
import { useEffect, useState } from 'preact/hooks';
import { hasStoredSession } from '../../lib/supabase.ts';
import { watchSession, type SessionState } from './use-session.ts';

export type ReaderState = SessionState | { status: 'anonymous' };

export function useReader(): ReaderState {
	const [state, setState] = useState<ReaderState>({ status: 'loading' });
	useEffect(() => {
		if (!hasStoredSession()) return setState({ status: 'anonymous' });
		return watchSession(setState);
	}, []);
	return state;
}
