// The session every widget shares: supabase-js is loaded on first use (never on a page that has no
// widget in view), the session is the one kept in localStorage across pages, and a backend that cannot
// be reached is a state of its own ('unavailable') that each widget explains while the docs keep working.
import { useEffect, useState } from 'preact/hooks';
import type { Session, User } from '@supabase/supabase-js';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { getSupabase } from '../../lib/supabase.ts';

export type SessionState =
	| { status: 'loading' }
	| { status: 'unavailable' }
	| { status: 'signed-out'; client: SupabaseClient }
	| { status: 'signed-in'; client: SupabaseClient; session: Session; user: User };

export function useSession(): SessionState {
	const [state, setState] = useState<SessionState>({ status: 'loading' });
	useEffect(() => watchSession(setState), []);
	return state;
}

/** Loads supabase-js and follows the session, telling each change; returns the function that stops it. */
export function watchSession(apply: (state: SessionState) => void): () => void {
	let unsubscribe = () => {};
	let live = true;
	getSupabase()
		.then(async (client) => {
			const tell = (session: Session | null) => {
				if (!live) return;
				apply(session?.user ? { status: 'signed-in', client, session, user: session.user } : { status: 'signed-out', client });
			};
			const { data } = client.auth.onAuthStateChange((_event, session) => tell(session));
			unsubscribe = () => data.subscription.unsubscribe();
			const { data: current } = await client.auth.getSession();
			tell(current.session);
		})
		.catch(() => live && apply({ status: 'unavailable' }));
	return () => {
		live = false;
		unsubscribe();
	};
}

/** The page's language, from <html lang>: 'es' unless it says English. */
export function pageLang(): 'es' | 'en' {
	return typeof document !== 'undefined' && document.documentElement.lang.startsWith('en') ? 'en' : 'es';
}

/** A path on the site in the page's language: '/soporte/nuevo/' → '/en/soporte/nuevo/' on English pages. */
export function localePath(path: string, lang: 'es' | 'en' = pageLang()): string {
	return lang === 'en' ? `/en${path}` : path;
}
