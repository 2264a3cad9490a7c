// Signing in: by e-mail (a magic link and a 6-digit code in one mail; no password needed), or, for
// support staff, with a password behind "Entrar con contraseña". The address typed carries over
// between the two. supabase-js keeps the session in localStorage, so every page sees it.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../lib/supabase.ts';
import type { AccountLabels } from './account/labels.ts';
import { EmailSignIn } from './account/EmailSignIn.tsx';
import { PasswordSignIn } from './account/PasswordSignIn.tsx';

export default function SignIn({ client, labels, focus = false }: { client: SupabaseClient; labels: AccountLabels; focus?: boolean }) {
	const [method, setMethod] = useState<'email' | 'password'>('email');
	// Focus follows a switch of method (or a sign-out on this page), not a plain page load.
	const [switched, setSwitched] = useState(focus);
	const [email, setEmail] = useState('');
	const switchTo = (next: 'email' | 'password') => {
		setSwitched(true);
		setMethod(next);
	};

	const Form = method === 'password' ? PasswordSignIn : EmailSignIn;
	return (
		<Form
			client={client}
			labels={labels}
			email={email}
			onEmail={setEmail}
			focus={switched}
			alternative={
				<button type="button" class="mostrador-link" onClick={() => switchTo(method === 'password' ? 'email' : 'password')}>
					{method === 'password' ? labels.useEmail : labels.usePassword}
				</button>
			}
		/>
	);
}
