// The account page's island (/cuenta/, /en/cuenta/): signing in, and once signed in the summary,
// joining an organisation and the profile. supabase-js is loaded by the session hook when the island
// hydrates; when it cannot be loaded the widget says so and the rest of the site is unaffected.
import { useRef } from 'preact/hooks';
import SignIn from '../SignIn.tsx';
import { pageLang, useSession } from '../shared/use-session.ts';
import { gate } from '../shared/SessionGate.tsx';
import type { AccountLabels, PlanNames } from './labels.ts';
import { SignedIn } from './SignedIn.tsx';
import { staffTokenIn } from './StaffInvitation.tsx';

export default function Account({ labels, planNames }: { labels: AccountLabels; planNames: PlanNames }) {
	const session = useSession();
	// Which state this page has already shown, so focus follows a sign-in or sign-out made here.
	const seen = useRef({ signedOut: false, signedIn: false });

	return gate(session, {
		labels,
		live: 'polite',
		signedOut: (client) => {
			const focus = seen.current.signedIn;
			seen.current.signedOut = true;
			// Opened from a staff invitation's mail: say why to sign in (the link keeps its token through it).
			const invited = typeof location !== 'undefined' && staffTokenIn(location.search) !== null;
			return (
				<>
					{invited && <p class="account-hint">{labels.staffInvitationSignIn}</p>}
					<SignIn client={client} labels={labels} focus={focus} />
				</>
			);
		},
		children: ({ client, user }) => {
			const focus = seen.current.signedOut;
			seen.current.signedIn = true;
			return <SignedIn key={user.id} client={client} user={user} labels={labels} planNames={planNames} lang={pageLang()} focus={focus} />;
		},
	});
}
