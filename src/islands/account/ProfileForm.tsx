// Name and preferred language (profiles.full_name / profiles.locale: the only columns a person may
// change on their own profile, as the guard trigger enforces). The language is the one support writes
// to them in. auth's user_metadata is kept in step so a new session carries the same values.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { AccountData, Profile } from './account-data.ts';
import type { AccountLabels } from './labels.ts';
import { rpcMessage } from './errors.ts';
import { FieldError, describedBy } from './FieldError.tsx';

const MAX_NAME = 200;

interface Props {
	client: SupabaseClient;
	userId: string;
	labels: AccountLabels;
	profile: Profile;
	refresh: () => Promise<AccountData | undefined>;
}

export function ProfileForm({ client, userId, labels, profile, refresh }: Props) {
	const [name, setName] = useState(profile.fullName ?? '');
	const [locale, setLocale] = useState<'es' | 'en'>(profile.locale);
	const [busy, setBusy] = useState(false);
	const [problem, setProblem] = useState<{ field: 'name' | 'form'; text: string } | null>(null);
	const [saved, setSaved] = useState(false);

	const edited = () => setSaved(false);

	async function submit(e: Event) {
		e.preventDefault();
		setSaved(false);
		const fullName = name.trim();
		if (fullName.length > MAX_NAME) return setProblem({ field: 'name', text: labels.nameTooLong });
		setBusy(true);
		setProblem(null);
		try {
			const { data, error, status } = await client
				.from('profiles')
				.update({ full_name: fullName || null, locale })
				.eq('id', userId)
				.select('full_name, locale')
				.maybeSingle();
			// No row back means RLS let nothing through (the session no longer matches this profile).
			if (error || !data) return setProblem({ field: 'form', text: error ? rpcMessage(error, labels, status) : labels.sessionExpired });
			await client.auth.updateUser({ data: { full_name: fullName || null, locale } }).catch(() => undefined);
			setName(data.full_name ?? '');
			await refresh();
			setSaved(true);
		} catch {
			setProblem({ field: 'form', text: labels.unavailable });
		} finally {
			setBusy(false);
		}
	}

	return (
		<section class="account-section" aria-labelledby="account-profile">
			<h2 id="account-profile">{labels.profileHeading}</h2>
			<form class="mostrador-form" onSubmit={submit} noValidate>
				<label for="account-name">{labels.fullName}</label>
				<input
					id="account-name"
					name="full_name"
					autocomplete="name"
					value={name}
					onInput={(e) => (setName(e.currentTarget.value), edited())}
					aria-invalid={problem?.field === 'name'}
					aria-describedby={describedBy(undefined, 'account-name-error', problem?.field === 'name')}
				/>
				<FieldError id="account-name-error" text={problem?.field === 'name' ? problem.text : undefined} />
				<label for="account-locale">{labels.locale}</label>
				<p id="account-locale-hint" class="account-hint">
					{labels.localeHint}
				</p>
				<select
					id="account-locale"
					name="locale"
					value={locale}
					onChange={(e) => (setLocale(e.currentTarget.value === 'en' ? 'en' : 'es'), edited())}
					aria-describedby="account-locale-hint"
				>
					<option value="es" lang="es">
						{labels.localeEs}
					</option>
					<option value="en" lang="en">
						{labels.localeEn}
					</option>
				</select>
				<button type="submit" class="mostrador-button" disabled={busy}>
					{busy ? labels.saving : labels.save}
				</button>
				{problem?.field === 'form' && (
					<p class="mostrador-error" role="alert">
						{problem.text}
					</p>
				)}
				<p role="status" class="account-done">
					{saved ? labels.saved : ''}
				</p>
			</form>
		</section>
	);
}
