// Account sign-in: an e-mail gets a magic link and a 6-digit code (either signs in), the session is
// kept across pages by supabase-js, and "Cerrar sesión" ends it. When the backend cannot be reached
// the widget says so and the docs keep working.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';
import { getSupabase } from '../lib/supabase.ts';

export interface SignInLabels {
	intro: string;
	email: string;
	send: string;
	sending: string;
	sent: string;
	code: string;
	verify: string;
	verifying: string;
	signedInAs: string;
	signOut: string;
	otherEmail: string;
	invalidEmail: string;
	invalidCode: string;
	codeRejected: string;
	rateLimited: string;
	unavailable: string;
	failed: string;
	loading: string;
}

type State = { step: 'loading' } | { step: 'unavailable' } | { step: 'form' } | { step: 'sent'; email: string } | { step: 'signed-in'; email: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function messageFor(error: { code?: string; status?: number; message?: string }, labels: SignInLabels): string {
	if (error.code === 'over_email_send_rate_limit' || error.status === 429) return labels.rateLimited;
	if (error.code === 'otp_expired') return labels.codeRejected;
	if (error.status === undefined || error.status === 0 || error.status >= 500) return labels.unavailable;
	return labels.failed;
}

export default function SignIn({ labels }: { labels: SignInLabels }) {
	const [state, setState] = useState<State>({ step: 'loading' });
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<{ field: 'email' | 'code' | 'form'; text: string } | null>(null);
	const client = useRef<SupabaseClient>();

	useEffect(() => {
		let unsubscribe = () => {};
		getSupabase()
			.then(async (sb) => {
				client.current = sb;
				const { data } = sb.auth.onAuthStateChange((_event, session) => {
					if (session?.user) setState({ step: 'signed-in', email: session.user.email ?? '' });
				});
				unsubscribe = () => data.subscription.unsubscribe();
				const { data: current, error } = await sb.auth.getSession();
				if (error) setError({ field: 'form', text: messageFor(error, labels) });
				setState(current.session?.user ? { step: 'signed-in', email: current.session.user.email ?? '' } : { step: 'form' });
			})
			.catch(() => setState({ step: 'unavailable' }));
		return () => unsubscribe();
	}, []);

	async function send(e: Event) {
		e.preventDefault();
		const email = String(new FormData(e.currentTarget as HTMLFormElement).get('email') ?? '').trim();
		if (!EMAIL.test(email)) return setError({ field: 'email', text: labels.invalidEmail });
		setBusy(true);
		setError(null);
		try {
			const { error } = await client.current!.auth.signInWithOtp({ email, options: { emailRedirectTo: location.origin + location.pathname, shouldCreateUser: true } });
			if (error) setError({ field: 'email', text: messageFor(error, labels) });
			else setState({ step: 'sent', email });
		} catch {
			setError({ field: 'form', text: labels.unavailable });
		} finally {
			setBusy(false);
		}
	}

	async function verify(e: Event, email: string) {
		e.preventDefault();
		const token = String(new FormData(e.currentTarget as HTMLFormElement).get('code') ?? '').replace(/\s/g, '');
		if (!/^\d{6}$/.test(token)) return setError({ field: 'code', text: labels.invalidCode });
		setBusy(true);
		setError(null);
		try {
			const { error } = await client.current!.auth.verifyOtp({ email, token, type: 'email' });
			if (error) setError({ field: 'code', text: messageFor(error, labels) });
		} catch {
			setError({ field: 'form', text: labels.unavailable });
		} finally {
			setBusy(false);
		}
	}

	async function signOut() {
		setBusy(true);
		await client.current?.auth.signOut().catch(() => {});
		setBusy(false);
		setState({ step: 'form' });
	}

	const formError = error?.field === 'form' && <p class="mostrador-error" role="alert">{error.text}</p>;

	if (state.step === 'loading') return <p class="mostrador-status" aria-live="polite">{labels.loading}</p>;
	if (state.step === 'unavailable') return <p class="mostrador-error" role="alert">{labels.unavailable}</p>;
	if (state.step === 'signed-in')
		return (
			<div class="mostrador-account">
				<p aria-live="polite">{labels.signedInAs.replace('{email}', state.email)}</p>
				<button type="button" onClick={signOut} disabled={busy}>
					{labels.signOut}
				</button>
			</div>
		);
	if (state.step === 'sent')
		return (
			<form class="mostrador-form" onSubmit={(e) => verify(e, state.email)} noValidate>
				<p aria-live="polite">{labels.sent.replace('{email}', state.email)}</p>
				<label for="signin-code">{labels.code}</label>
				<input
					id="signin-code"
					name="code"
					inputMode="numeric"
					autocomplete="one-time-code"
					maxLength={6}
					aria-invalid={error?.field === 'code'}
					aria-describedby={error?.field === 'code' ? 'signin-code-error' : undefined}
				/>
				{error?.field === 'code' && (
					<p id="signin-code-error" class="mostrador-error">
						{error.text}
					</p>
				)}
				<button type="submit" disabled={busy}>
					{busy ? labels.verifying : labels.verify}
				</button>
				<button type="button" class="mostrador-link" onClick={() => (setError(null), setState({ step: 'form' }))}>
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
				id="signin-email"
				name="email"
				type="email"
				autocomplete="email"
				required
				aria-invalid={error?.field === 'email'}
				aria-describedby={error?.field === 'email' ? 'signin-email-error' : undefined}
			/>
			{error?.field === 'email' && (
				<p id="signin-email-error" class="mostrador-error">
					{error.text}
				</p>
			)}
			<button type="submit" disabled={busy}>
				{busy ? labels.sending : labels.send}
			</button>
			{formError}
		</form>
	);
}
