// An organisation's invitation codes: issue one (for members or authorized contacts, valid for some
// days, optionally for a number of uses), see each code's state, revoke those still usable.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../../shared/labels.ts';
import { messageFor } from '../errors.ts';
import { Field, controlProps } from '../Field.tsx';
import type { AdminProps } from '../props.ts';
import { instant } from './format.ts';
import { NewCode } from './NewCode.tsx';
import { createInvitation, listInvitations, revokeInvitation, type Invitation, type Organisation } from './organisations-api.ts';
import { Unavailable } from '../../shared/states.tsx';
import { Done } from '../FormEnd.tsx';

type InvitationState = 'active' | 'revoked' | 'expired' | 'usedUp';

export function stateOf(i: Invitation, now = Date.now()): InvitationState {
	if (i.revoked_at) return 'revoked';
	if (new Date(i.expires_at).getTime() <= now) return 'expired';
	if (i.max_uses !== null && i.uses >= i.max_uses) return 'usedUp';
	return 'active';
}

export function Invitations({ client, props, organisation }: { client: SupabaseClient; props: AdminProps; organisation: Organisation }) {
	const { labels, lang } = props;
	const [invitations, setInvitations] = useState<Invitation[] | null>(null);
	const [role, setRole] = useState<Invitation['role']>('member');
	const [days, setDays] = useState('14');
	const [maxUses, setMaxUses] = useState('');
	const [errors, setErrors] = useState<{ days?: string; maxUses?: string }>({});
	const [error, setError] = useState('');
	const [code, setCode] = useState<string | null>(null);
	const [announce, setAnnounce] = useState('');
	const [busy, setBusy] = useState(false);
	const form = useRef<HTMLFormElement>(null);

	const reload = useCallback(async () => {
		const result = await listInvitations(client, organisation.id);
		if (!result.ok) return setError(messageFor(result, labels));
		setInvitations(result.data);
	}, [client, organisation.id, labels]);

	useEffect(() => {
		void reload();
	}, [reload]);

	async function issue(e: Event) {
		e.preventDefault();
		setError('');
		setAnnounce('');
		const d = Number(days);
		const m = maxUses.trim() ? Number(maxUses) : null;
		const found: typeof errors = {};
		if (!Number.isInteger(d) || d < 1 || d > 365) found.days = labels['error.invalid_validity'];
		if (m !== null && (!Number.isInteger(m) || m < 1)) found.maxUses = labels['error.invalid_max_uses'];
		setErrors(found);
		if (found.days || found.maxUses) return form.current?.querySelector<HTMLElement>(found.days ? '#admin-invite-days' : '#admin-invite-max')?.focus();
		setBusy(true);
		const result = await createInvitation(client, organisation.id, role, d, m);
		setBusy(false);
		if (!result.ok) return setError(messageFor(result, labels));
		setCode(result.data);
		void reload();
	}

	async function revoke(i: Invitation) {
		setError('');
		const result = await revokeInvitation(client, i.id);
		if (!result.ok) return setError(messageFor(result, labels));
		setAnnounce(labels['invites.revokedDone']);
		await reload();
		form.current?.querySelector<HTMLElement>('button[type=submit]')?.focus();
	}

	const uses = (i: Invitation) => (i.max_uses === null ? fill(labels['invites.usesUnlimited'], { uses: i.uses }) : fill(labels['invites.uses'], { uses: i.uses, max: i.max_uses }));
	return (
		<section class="admin-panel" aria-labelledby="admin-invites-heading">
			<h2 id="admin-invites-heading">{labels['invites.heading']}</h2>
			<form ref={form} class="mostrador-form" onSubmit={issue} noValidate>
				<Field id="admin-invite-role" label={labels['invites.role']}>
					<select id="admin-invite-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Invitation['role'])}>
						<option value="member">{labels['role.member']}</option>
						<option value="authorized_contact">{labels['role.authorized_contact']}</option>
					</select>
				</Field>
				<Field id="admin-invite-days" label={labels['invites.days']} error={errors.days}>
					<input type="number" min={1} max={365} {...controlProps('admin-invite-days', undefined, errors.days)} value={days} onInput={(e) => setDays(e.currentTarget.value)} />
				</Field>
				<Field id="admin-invite-max" label={labels['invites.maxUses']} hint={labels['invites.maxUsesHint']} error={errors.maxUses}>
					<input type="number" min={1} {...controlProps('admin-invite-max', labels['invites.maxUsesHint'], errors.maxUses)} value={maxUses} onInput={(e) => setMaxUses(e.currentTarget.value)} />
				</Field>
				<button type="submit" class="mostrador-button" disabled={busy}>
					{busy ? labels['invites.issuing'] : labels['invites.issue']}
				</button>
			</form>
			{code && <NewCode code={code} props={props} onDone={() => setCode(null)} />}
			{error && <Unavailable text={error} />}
			<Done text={announce} />
			{invitations && invitations.length === 0 && <p>{labels['invites.empty']}</p>}
			{invitations && invitations.length > 0 && (
				<ul class="admin-list">
					{invitations.map((i) => {
						const state = stateOf(i);
						return (
							<li key={i.id}>
								<span class="mostrador-badge">{labels[`invites.state.${state}`]}</span> {labels[`role.${i.role}`]} · {fill(labels['invites.created'], { at: instant(i.created_at, lang) })} ·{' '}
								{fill(labels['invites.expires'], { at: instant(i.expires_at, lang) })} · {uses(i)}{' '}
								{state === 'active' && (
									<button type="button" class="mostrador-link" onClick={() => revoke(i)} aria-label={fill(labels['invites.revokeLabel'], { at: instant(i.created_at, lang) })}>
										{labels['invites.revoke']}
									</button>
								)}
							</li>
						);
					})}
				</ul>
			)}
		</section>
	);
}
