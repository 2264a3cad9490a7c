// Joining an organisation with the invitation code its coordinator shared (join_organisation RPC).
// The code is forgiving about case, spaces and missing dashes; the server's refusals (expired, revoked,
// used up, unknown, no room for another authorized contact) are explained next to the field.
import { useRef, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import type { AccountData } from './account-data.ts';
import type { AccountLabels } from './labels.ts';
import { rpcMessage } from './errors.ts';
import { FieldError, describedBy } from './FieldError.tsx';

/** "abcd 1234 ef56" → "ABCD-1234-EF56"; null when it cannot be a code (12 letters or digits). */
export function normaliseCode(input: string): string | null {
	const compact = input.toUpperCase().replace(/[\s-]/g, '');
	if (!/^[0-9A-Z]{12}$/.test(compact)) return null;
	return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
}

interface Props {
	client: SupabaseClient;
	labels: AccountLabels;
	memberships: AccountData['memberships'];
	refresh: () => Promise<AccountData | undefined>;
}

export function JoinOrganisation({ client, labels, memberships, refresh }: Props) {
	const [code, setCode] = useState('');
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string>();
	const [done, setDone] = useState('');
	const input = useRef<HTMLInputElement>(null);

	const refuse = (text: string) => {
		setError(text);
		input.current?.focus();
	};

	async function submit(e: Event) {
		e.preventDefault();
		setDone('');
		if (!code.trim()) return refuse(labels.joinCodeMissing);
		const normalised = normaliseCode(code);
		if (!normalised) return refuse(labels.joinCodeMalformed);
		setBusy(true);
		setError(undefined);
		try {
			const { data: organisationId, error: rpcError, status } = await client.rpc('join_organisation', { code: normalised });
			if (rpcError) return refuse(rpcMessage(rpcError, labels, status));
			const wasMember = memberships.some((m) => m.organisationId === organisationId);
			const after = await refresh();
			const name = after?.memberships.find((m) => m.organisationId === organisationId)?.organisationName;
			setCode('');
			// Joined, but the summary could not be read again: say so rather than name nobody.
			if (!name) setDone(labels.joinedRefreshFailed);
			else setDone(fill(wasMember ? labels.alreadyMember : labels.joined, { organisation: name }));
		} catch {
			refuse(labels.unavailable);
		} finally {
			setBusy(false);
		}
	}

	return (
		<section class="account-section" aria-labelledby="account-join">
			<h2 id="account-join">{labels.joinHeading}</h2>
			<form class="mostrador-form" onSubmit={submit} noValidate>
				<label for="account-join-code">{labels.joinCode}</label>
				<p id="account-join-hint" class="account-hint">
					{labels.joinHint}
				</p>
				<input
					ref={input}
					id="account-join-code"
					name="code"
					autocomplete="off"
					autocapitalize="characters"
					spellcheck={false}
					value={code}
					onInput={(e) => setCode(e.currentTarget.value)}
					aria-invalid={!!error}
					aria-describedby={describedBy('account-join-hint', 'account-join-error', !!error)}
				/>
				<FieldError id="account-join-error" text={error} />
				<button type="submit" class="mostrador-button" disabled={busy}>
					{busy ? labels.joining : labels.join}
				</button>
				<p role="status" class="account-done">
					{done}
				</p>
			</form>
		</section>
	);
}
