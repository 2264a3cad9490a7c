// The account page's island (/cuenta/, /en/cuenta/): signing in, and once signed in the summary,
// joining an organisation and the profile. supabase-js is loaded by the session hook when the island
// hydrates; when it cannot be loaded the widget says so and the rest of the site is unaffected.
import { useRef } from 'preact/hooks';
import SignIn from '../SignIn.tsx';
import { pageLang, useSession } from '../shared/use-session.ts';
import type { AccountLabels, PlanNames } from './labels.ts';
import { SignedIn } from './SignedIn.tsx';

export default function Account({ labels, planNames }: { labels: AccountLabels; planNames: PlanNames }) {
	const session = useSession();
	// Which state this page has already shown, so focus follows a sign-in or sign-out made here.
	const seen = useRef({ signedOut: false, signedIn: false });

	if (session.status === 'loading')
		return (
			<p class="mostrador-status" aria-live="polite">
				{labels.loading}
			</p>
		);
	if (session.status === 'unavailable')
		return (
			<p class="mostrador-error" role="alert">
				{labels.unavailable}
			</p>
		);
	if (session.status === 'signed-out') {
		const focus = seen.current.signedIn;
		seen.current.signedOut = true;
		return <SignIn client={session.client} labels={labels} focus={focus} />;
	}
	const focus = seen.current.signedOut;
	seen.current.signedIn = true;
	return <SignedIn key={session.user.id} client={session.client} user={session.user} labels={labels} planNames={planNames} lang={pageLang()} focus={focus} />;
}
