// Leaving an organisation (remove_member with oneself): asked once more in place, since the person then
// stops seeing the organisation's tickets and needs a new invitation code to come back.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fill } from '../shared/labels.ts';
import type { AccountData, Membership } from './account-data.ts';
import type { AccountLabels } from './labels.ts';
import { rpcMessage } from './errors.ts';

interface Props {
	client: SupabaseClient;
	userId: string;
	membership: Membership;
	labels: AccountLabels;
	refresh: () => Promise<AccountData | undefined>;
}

export function LeaveOrganisation({ client, userId, membership, labels, refresh }: Props) {
	const [confirming, setConfirming] = useState(false);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState('');
	const yes = useRef<HTMLButtonElement>(null);
	const ask = useRef<HTMLButtonElement>(null);
	const id = `account-leave-${membership.organisationId}`;
	useEffect(() => {
		if (confirming) yes.current?.focus();
	}, [confirming]);

	async function leave() {
		setBusy(true);
		const { error: failed, status } = await client.rpc('remove_member', { organisation: membership.organisationId, member: userId });
		setBusy(false);
		if (failed) {
			setError(rpcMessage(failed, labels, status));
			return yes.current?.focus();
		}
		await refresh();
	}

	if (!confirming) {
		return (
			<button ref={ask} type="button" class="mostrador-link account-leave" onClick={() => setConfirming(true)}>
				{fill(labels.leave, { organisation: membership.organisationName })}
			</button>
		);
	}
	return (
		<div class="account-leave-confirm" role="group" aria-labelledby={`${id}-question`}>
			<p id={`${id}-question`}>{fill(labels.leaveConfirm, { organisation: membership.organisationName })}</p>
			<button ref={yes} type="button" class="mostrador-button" disabled={busy} aria-describedby={error ? `${id}-error` : undefined} onClick={leave}>
				{labels.leaveYes}
			</button>{' '}
			<button
				type="button"
				class="mostrador-link"
				onClick={() => {
					setConfirming(false);
					setError('');
					requestAnimationFrame(() => ask.current?.focus());
				}}
			>
				{labels.leaveNo}
			</button>
			{error && (
				<p id={`${id}-error`} class="mostrador-error" role="alert">
					{error}
				</p>
			)}
		</div>
	);
}
