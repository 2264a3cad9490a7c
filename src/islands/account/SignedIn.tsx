// The account of a signed-in person: who they are and where they belong, accepting an invitation to
// the support team when the page was opened from its mail (?equipo=), joining an organisation,
// name and language, and signing out. Reads fail plainly (the backend may be down) without hiding
// the session line or the way out.
import { useState } from 'preact/hooks';
import type { User } from '@supabase/supabase-js';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import { AccountReadError } from './account-data.ts';
import type { AccountLabels, PlanNames } from './labels.ts';
import { rpcMessage } from './errors.ts';
import { useAccount } from './use-account.ts';
import { useFocusOnMount } from './use-focus.ts';
import { Summary } from './Summary.tsx';
import { JoinOrganisation } from './JoinOrganisation.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { StaffInvitation, staffTokenIn } from './StaffInvitation.tsx';
import { Loading } from '../shared/states.tsx';

interface Props {
	client: SupabaseClient;
	user: User;
	labels: AccountLabels;
	planNames: PlanNames;
	lang: 'es' | 'en';
	/** Focus the session line: the person has just signed in on this page. */
	focus: boolean;
}

export function SignedIn({ client, user, labels, planNames, lang, focus }: Props) {
	const { state, refresh } = useAccount(client, user.id);
	const [leaving, setLeaving] = useState(false);
	const sessionLine = useFocusOnMount<HTMLParagraphElement>(focus);
	// Read once: accepting removes it from the address bar, and the section stays to say so.
	const [staffToken] = useState(() => (typeof location === 'undefined' ? null : staffTokenIn(location.search)));

	async function signOut() {
		setLeaving(true);
		// Without the backend the server-side sign-out fails; the session is still forgotten here.
		const { error } = await client.auth.signOut().catch((e: unknown) => ({ error: e }));
		if (error) await client.auth.signOut({ scope: 'local' }).catch(() => undefined);
		setLeaving(false);
	}

	return (
		<div class="mostrador-account">
			<div class="account-session">
				<p ref={sessionLine} tabIndex={-1}>
					{fill(labels.signedInAs, { email: user.email ?? '' })}
				</p>
				<button type="button" class="mostrador-button" onClick={signOut} disabled={leaving}>
					{labels.signOut}
				</button>
			</div>
			{state.status === 'loading' && <Loading text={labels.loading} live="polite" />}
			{state.status === 'error' && (
				<p class="mostrador-error" role="alert">
					{state.error instanceof AccountReadError ? rpcMessage(state.error, labels, state.error.status) : labels.unavailable}
				</p>
			)}
			{staffToken && <StaffInvitation client={client} token={staffToken} labels={labels} lang={lang} refresh={refresh} />}
			{state.status === 'ready' && (
				<>
					<Summary client={client} userId={user.id} data={state.data} email={user.email ?? ''} labels={labels} planNames={planNames} lang={lang} refresh={refresh} />
					<JoinOrganisation client={client} labels={labels} memberships={state.data.memberships} refresh={refresh} />
					<ProfileForm client={client} userId={user.id} labels={labels} profile={state.data.profile} refresh={refresh} />
				</>
			)}
		</div>
	);
}
