// Signing in with e-mail and password, for support staff and anyone else who has a password. Wrong
// e-mail and wrong password are refused alike (the server does not say which), next to the password.
import { authMessage, isUnreachable } from './errors.ts';
import { useFocusOnMount } from './use-focus.ts';
import { EMAIL, EmailField, FormError, SignInField, useAttempt, type SignInProps } from './sign-in-form.tsx';

export function PasswordSignIn({ client, labels, email, onEmail, focus, alternative }: SignInProps) {
	const { busy, problem, setProblem, attempt } = useAttempt<'password'>(labels);
	const emailRef = useFocusOnMount<HTMLInputElement>(focus);

	async function submit(e: Event) {
		e.preventDefault();
		const form = e.currentTarget as HTMLFormElement;
		const address = email.trim();
		const password = String(new FormData(form).get('password') ?? '');
		if (!EMAIL.test(address)) return setProblem({ field: 'email', text: labels.invalidEmail });
		if (!password) return setProblem({ field: 'password', text: labels.passwordMissing });
		await attempt(async () => {
			const { error } = await client.auth.signInWithPassword({ email: address, password });
			// On success the session hook sees the new session and the page shows the account.
			if (error) setProblem({ field: isUnreachable(error) ? 'form' : 'password', text: authMessage(error, labels) });
		});
	}

	return (
		<form class="mostrador-form" onSubmit={submit} noValidate>
			<p>{labels.passwordIntro}</p>
			<EmailField id="signin-password-email" label={labels.email} autocomplete="username" inputRef={emailRef} email={email} onEmail={onEmail} problem={problem} />
			<SignInField id="signin-password" field="password" label={labels.password} problem={problem} name="password" type="password" autocomplete="current-password" required />
			<button type="submit" class="mostrador-button" disabled={busy}>
				{busy ? labels.verifying : labels.verify}
			</button>
			<FormError problem={problem} />
			{alternative}
		</form>
	);
}
