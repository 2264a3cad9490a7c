// The gate every signed-in widget puts first: while the session loads it says so, when the backend
// cannot be reached it says that plainly (the docs keep working), a signed-out reader gets what the
// widget offers them (usually a sentence and a link to sign in), and a signed-in one gets the widget.
// Its states are the shared pieces of ./states.tsx, which also serve the gates that follow it (staff
// access, a first read), so each state reads the same in every island.
import type { ComponentChildren } from 'preact';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { useSession, type SessionState } from './use-session.ts';
import { Loading, Unavailable, type Live } from './states.tsx';

export type SignedInSession = Extract<SessionState, { status: 'signed-in' }>;

interface GateProps {
	labels: { readonly loading: string; readonly unavailable: string };
	live?: Live;
	/** What a signed-out reader sees; the client is there for widgets that sign in or read anonymously. */
	signedOut: (client: SupabaseClient) => ComponentChildren;
	children: (session: SignedInSession) => ComponentChildren;
}

export function SessionGate({ labels, live, signedOut, children }: GateProps) {
	const session = useSession();
	return <>{gate(session, { labels, live, signedOut, children })}</>;
}

/** The gate over a session the widget already holds (when it needs the session for hooks of its own too). */
export function gate(session: SessionState, { labels, live, signedOut, children }: GateProps): ComponentChildren {
	if (session.status === 'loading') return <Loading text={labels.loading} live={live} />;
	if (session.status === 'unavailable') return <Unavailable text={labels.unavailable} />;
	if (session.status === 'signed-out') return signedOut(session.client);
	return children(session);
}
