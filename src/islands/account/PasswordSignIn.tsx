// Signing in with e-mail and password, for support staff and anyone else who has a password. Wrong
// e-mail and wrong password are refused alike (the server does not say which), next to the password.
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { AccountLabels } from './labels.ts';
import { authMessage, isUnreachable } from './errors.ts';
import { FieldError, describedBy } from './FieldError.tsx';
import { useFocusOnMount } from './use-focus.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Problem = { field: 'email' | 'password' | 'form'; text: string } | null;

interface Props {
	client: SupabaseClient;
	labels: AccountLabels;
	email: string;
	onEmail: (email: string) => void;
	focus: boolean;
	alternative?: ComponentChildren;
}

export function PasswordSignIn({ client, labels, email, onEmail, focus, alternative }: Props) {
	const [busy, setBusy] = useState(false);
	const [problem, setProblem] = useState<Problem>(null);
	const emailRef = useFocusOnMount<HTMLInputElement>(focus);

	async function submit(e: Event) {
		e.preventDefault();
		const form = e.currentTarget as HTMLFormElement;
		const address = email.trim();
		const password = String(new FormData(form).get('password') ?? '');
		if (!EMAIL.test(address)) return setProblem({ field: 'email', text: labels.invalidEmail });
		if (!password) return setProblem({ field: 'password', text: labels.passwordMissing });
		setBusy(true);
		setProblem(null);
		try {
			const { error } = await client.auth.signInWithPassword({ email: address, password });
			// On success the session hook sees the new session and the page shows the account.
			if (error) setProblem({ field: isUnreachable(error) ? 'form' : 'password', text: authMessage(error, labels) });
		} catch {
			setProblem({ field: 'form', text: labels.unavailable });
		} finally {
			setBusy(false);
		}
	}

	const fieldError = (field: 'email' | 'password') => (problem?.field === field ? problem.text : undefined);

	return (
		<form class="mostrador-form" onSubmit={submit} noValidate>
			<p>{labels.passwordIntro}</p>
			<label for="signin-password-email">{labels.email}</label>
			<input
				ref={emailRef}
				id="signin-password-email"
				name="email"
				type="email"
				autocomplete="username"
				required
				value={email}
				onInput={(e) => onEmail(e.currentTarget.value)}
				aria-invalid={problem?.field === 'email'}
				aria-describedby={describedBy(undefined, 'signin-password-email-error', problem?.field === 'email')}
			/>
			<FieldError id="signin-password-email-error" text={fieldError('email')} />
			<label for="signin-password">{labels.password}</label>
			<input
				id="signin-password"
				name="password"
				type="password"
				autocomplete="current-password"
				required
				aria-invalid={problem?.field === 'password'}
				aria-describedby={describedBy(undefined, 'signin-password-error', problem?.field === 'password')}
			/>
			<FieldError id="signin-password-error" text={fieldError('password')} />
			<button type="submit" class="mostrador-button" disabled={busy}>
				{busy ? labels.verifying : labels.verify}
			</button>
			{problem?.field === 'form' && (
				<p class="mostrador-error" role="alert">
					{problem.text}
				</p>
			)}
			{alternative}
		</form>
	);
}
