// Signing in by e-mail: one mail carries a magic link and a 6-digit code (either signs in). The link
// comes back to this page with the session in the URL fragment, which supabase-js picks up, and with
// the page's query kept (a staff invitation's ?equipo=<token> must survive the round trip).
import { useState } from 'preact/hooks';
import { fill } from '../shared/labels.ts';
import { authMessage } from './errors.ts';
import { useFocusOnMount } from './use-focus.ts';
import { EMAIL, EmailField, FormError, SignInField, useAttempt, type SignInProps } from './sign-in-form.tsx';

export function EmailSignIn({ client, labels, email, onEmail, focus, alternative }: SignInProps) {
	const [sentTo, setSentTo] = useState<string | null>(null);
	const { busy, problem, setProblem, attempt } = useAttempt<'code'>(labels);
	const emailRef = useFocusOnMount<HTMLInputElement>(focus);

	async function send(e: Event) {
		e.preventDefault();
		const address = email.trim();
		if (!EMAIL.test(address)) return setProblem({ field: 'email', text: labels.invalidEmail });
		await attempt(async () => {
			const { error } = await client.auth.signInWithOtp({
				email: address,
				options: { emailRedirectTo: location.origin + location.pathname + location.search, shouldCreateUser: true },
			});
			if (error) setProblem({ field: 'email', text: authMessage(error, labels) });
			else setSentTo(address);
		});
	}

	async function verify(e: Event, address: string) {
		e.preventDefault();
		const token = String(new FormData(e.currentTarget as HTMLFormElement).get('code') ?? '').replace(/\s/g, '');
		if (!/^\d{6}$/.test(token)) return setProblem({ field: 'code', text: labels.invalidCode });
		await attempt(async () => {
			const { error } = await client.auth.verifyOtp({ email: address, token, type: 'email' });
			// Any refusal other than "too many tries" means this code will not do: a wrong, used or expired code.
			const refused = error && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429;
			if (error) setProblem({ field: 'code', text: refused ? labels.codeRejected : authMessage(error, labels) });
		});
	}

	const formError = <FormError problem={problem} />;

	if (sentTo)
		return (
			<form class="mostrador-form" onSubmit={(e) => verify(e, sentTo)} noValidate>
				<p aria-live="polite">{fill(labels.sent, { email: sentTo })}</p>
				<SignInField id="signin-code" field="code" label={labels.code} problem={problem} name="code" inputMode="numeric" autocomplete="one-time-code" maxLength={6} />
				<button type="submit" class="mostrador-button" disabled={busy}>
					{busy ? labels.verifying : labels.verify}
				</button>
				<button type="button" class="mostrador-link" onClick={() => (setProblem(null), setSentTo(null))}>
					{labels.otherEmail}
				</button>
				{formError}
			</form>
		);

	return (
		<form class="mostrador-form" onSubmit={send} noValidate>
			<p>{labels.intro}</p>
			<EmailField id="signin-email" label={labels.email} autocomplete="email" inputRef={emailRef} email={email} onEmail={onEmail} problem={problem} />
			<button type="submit" class="mostrador-button" disabled={busy}>
				{busy ? labels.sending : labels.send}
			</button>
			{formError}
			{alternative}
		</form>
	);
}
