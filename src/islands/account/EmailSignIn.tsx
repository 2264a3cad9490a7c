// Signing in by e-mail: one mail carries a magic link and a 6-digit code (either signs in). The link
// comes back to this page with the session in the URL fragment, which supabase-js picks up.
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fill } from '../shared/labels.ts';
import type { AccountLabels } from './labels.ts';
import { authMessage } from './errors.ts';
import { FieldError, describedBy } from './FieldError.tsx';
import { useFocusOnMount } from './use-focus.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Problem = { field: 'email' | 'code' | 'form'; text: string } | null;

interface Props {
	client: SupabaseClient;
	labels: AccountLabels;
	email: string;
	onEmail: (email: string) => void;
	focus: boolean;
	/** Another way to sign in, offered on the first step only. */
	alternative?: ComponentChildren;
}

export function EmailSignIn({ client, labels, email, onEmail, focus, alternative }: Props) {
	const [sentTo, setSentTo] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);
	const [problem, setProblem] = useState<Problem>(null);
	const emailRef = useFocusOnMount<HTMLInputElement>(focus);

	async function send(e: Event) {
		e.preventDefault();
		const address = email.trim();
		if (!EMAIL.test(address)) return setProblem({ field: 'email', text: labels.invalidEmail });
		setBusy(true);
		setProblem(null);
		try {
			const { error } = await client.auth.signInWithOtp({
				email: address,
				options: { emailRedirectTo: location.origin + location.pathname, shouldCreateUser: true },
			});
			if (error) setProblem({ field: 'email', text: authMessage(error, labels) });
			else setSentTo(address);
		} catch {
			setProblem({ field: 'form', text: labels.unavailable });
		} finally {
			setBusy(false);
		}
	}

	async function verify(e: Event, address: string) {
		e.preventDefault();
		const token = String(new FormData(e.currentTarget as HTMLFormElement).get('code') ?? '').replace(/\s/g, '');
		if (!/^\d{6}$/.test(token)) return setProblem({ field: 'code', text: labels.invalidCode });
		setBusy(true);
		setProblem(null);
		try {
			const { error } = await client.auth.verifyOtp({ email: address, token, type: 'email' });
			// Any refusal other than "too many tries" means this code will not do: a wrong, used or expired code.
			const refused = error && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429;
			if (error) setProblem({ field: 'code', text: refused ? labels.codeRejected : authMessage(error, labels) });
		} catch {
			setProblem({ field: 'form', text: labels.unavailable });
		} finally {
			setBusy(false);
		}
	}

	const formError = problem?.field === 'form' && (
		<p class="mostrador-error" role="alert">
			{problem.text}
		</p>
	);
	const fieldError = (field: 'email' | 'code') => (problem?.field === field ? problem.text : undefined);

	if (sentTo)
		return (
			<form class="mostrador-form" onSubmit={(e) => verify(e, sentTo)} noValidate>
				<p aria-live="polite">{fill(labels.sent, { email: sentTo })}</p>
				<label for="signin-code">{labels.code}</label>
				<input
					id="signin-code"
					name="code"
					inputMode="numeric"
					autocomplete="one-time-code"
					maxLength={6}
					aria-invalid={problem?.field === 'code'}
					aria-describedby={describedBy(undefined, 'signin-code-error', problem?.field === 'code')}
				/>
				<FieldError id="signin-code-error" text={fieldError('code')} />
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
			<label for="signin-email">{labels.email}</label>
			<input
				ref={emailRef}
				id="signin-email"
				name="email"
				type="email"
				autocomplete="email"
				required
				value={email}
				onInput={(e) => onEmail(e.currentTarget.value)}
				aria-invalid={problem?.field === 'email'}
				aria-describedby={describedBy(undefined, 'signin-email-error', problem?.field === 'email')}
			/>
			<FieldError id="signin-email-error" text={fieldError('email')} />
			<button type="submit" class="mostrador-button" disabled={busy}>
				{busy ? labels.sending : labels.send}
			</button>
			{formError}
			{alternative}
		</form>
	);
}
