// The support team section (admins): invite someone by e-mail as agent, lead or admin with a level
// (they get a link that makes them staff once they accept it signed in with that address); the
// pending invitations with their expiry (withdrawable; inviting again sends a new link); the team, each person with their own small form (role,
// level, save: moving through the options never saves by itself) and a "take off the team" that asks
// once more in place. Refusals (the last admin, oneself) show under the row that caused them.
import { useRef, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../../shared/labels.ts';
import { ConfirmInPlace } from '../../shared/ConfirmInPlace.tsx';
import { Loading, Unavailable } from '../../shared/states.tsx';
import { instant } from '../organisations/format.ts';
import { messageFor } from '../errors.ts';
import { Field, FieldError, controlProps, describedBy } from '../Field.tsx';
import { Done, Submit } from '../FormEnd.tsx';
import { useFieldErrors } from '../use-field-errors.ts';
import { useList } from '../use-list.ts';
import type { AdminProps } from '../props.ts';
import {
	STAFF_ROLES,
	deactivateStaff,
	inviteStaff,
	listInvitations,
	listStaff,
	revokeStaffInvitation,
	setStaffRole,
	type Level,
	type StaffInvitation,
	type StaffMember,
	type StaffRole,
} from './staff-api.ts';

const LEVELS: Level[] = [1, 2];

export function Staff({ client, props, userId }: { client: SupabaseClient; props: AdminProps; userId: string }) {
	const { labels } = props;
	const staff = useList<StaffMember[]>(() => listStaff(client), labels, [client]);
	const invitations = useList<StaffInvitation[]>(() => listInvitations(client), labels, [client]);
	const [announce, setAnnounce] = useState('');
	const changed = async (text: string) => {
		await Promise.all([staff.reload(), invitations.reload()]);
		setAnnounce(text);
	};
	return (
		<div class="admin-section">
			<InviteForm client={client} props={props} onInvited={changed} />
			<Done text={announce} />
			{invitations.error && <Unavailable text={invitations.error} />}
			{invitations.rows && invitations.rows.length > 0 && (
				<section class="admin-panel" aria-labelledby="admin-staff-invitations-heading">
					<h2 id="admin-staff-invitations-heading">{labels['invite.pending']}</h2>
					<ul class="admin-list">
						{invitations.rows.map((i) => (
							<li key={i.id}>
								<span>
									<strong>{i.email}</strong> <span class="admin-meta">{fill(labels['staff.roleLevel'], { role: labels[`staffRole.${i.role}`], level: i.level })}</span>{' '}
									<span class="admin-meta">
										{fill(labels[new Date(i.expires_at).getTime() > Date.now() ? 'invite.expires' : 'invite.expired'], { date: instant(i.expires_at, props.lang) })}
									</span>
								</span>
								<ConfirmInPlace
									id={`admin-staff-revoke-${i.id}`}
									ask={labels['invite.revoke']}
									askLabel={fill(labels['invite.revokeOf'], { email: i.email })}
									question={fill(labels['invite.revokeConfirm'], { email: i.email })}
									yes={labels['invite.revokeYes']}
									no={labels['staff.no']}
									onConfirm={async () => {
										const result = await revokeStaffInvitation(client, i.id);
										if (!result.ok) return messageFor(result, labels);
										await changed(fill(labels['invite.revoked'], { email: i.email }));
										return null;
									}}
								/>
							</li>
						))}
					</ul>
				</section>
			)}
			<section class="admin-panel" aria-labelledby="admin-staff-heading">
				<h2 id="admin-staff-heading">{labels['staff.heading']}</h2>
				<p class="admin-hint">{labels['staff.intro']}</p>
				{staff.error && <Unavailable text={staff.error} />}
				{!staff.rows && !staff.error && <Loading text={labels.loading} live="polite" />}
				{staff.rows && (
					<ul class="admin-list admin-members">
						{staff.rows.map((m) => (
							<StaffRow key={m.user_id} client={client} props={props} member={m} self={m.user_id === userId} onSaved={changed} />
						))}
					</ul>
				)}
			</section>
		</div>
	);
}

type InviteField = 'email' | 'role' | 'level';
const INVITE_FIELD_OF: Record<string, InviteField> = { invalid_email: 'email', already_staff: 'email', invalid_role: 'role', invalid_level: 'level' };

function InviteForm({ client, props, onInvited }: { client: SupabaseClient; props: AdminProps; onInvited: (text: string) => Promise<void> }) {
	const { labels } = props;
	const [email, setEmail] = useState('');
	const [role, setRole] = useState<StaffRole>('agent');
	const [level, setLevel] = useState<Level>(1);
	const [busy, setBusy] = useState(false);
	const { form, errors, formError, setFormError, found, refused } = useFieldErrors<InviteField>('admin-invite-', labels);

	async function submit(e: Event) {
		e.preventDefault();
		setFormError('');
		const address = email.trim();
		const problems: Partial<Record<InviteField, string>> = {};
		if (!address) problems.email = labels['invite.emailMissing'];
		else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) problems.email = messageFor('invalid_email', labels);
		if (found(problems, ['email', 'role', 'level'])) return;
		setBusy(true);
		const result = await inviteStaff(client, address, role, level);
		setBusy(false);
		if (!result.ok) return refused(result, INVITE_FIELD_OF);
		setEmail('');
		await onInvited(fill(labels['invite.invited'], { email: address }));
	}

	return (
		<section class="admin-panel" aria-labelledby="admin-invite-heading">
			<h2 id="admin-invite-heading">{labels['invite.heading']}</h2>
			<p class="admin-hint">{labels['invite.intro']}</p>
			<form ref={form} class="mostrador-form" onSubmit={submit} noValidate>
				<Field id="admin-invite-email" label={labels['invite.email']} error={errors.email}>
					<input type="email" autocomplete="off" {...controlProps('admin-invite-email', undefined, errors.email)} value={email} maxLength={320} onInput={(e) => setEmail(e.currentTarget.value)} />
				</Field>
				<Field id="admin-invite-role" label={labels['invite.role']} error={errors.role}>
					<select {...controlProps('admin-invite-role', undefined, errors.role)} value={role} onChange={(e) => setRole(e.currentTarget.value as StaffRole)}>
						{STAFF_ROLES.map((r) => (
							<option key={r} value={r}>
								{labels[`staffRole.${r}`]}
							</option>
						))}
					</select>
				</Field>
				<Field id="admin-invite-level" label={labels['invite.level']} error={errors.level}>
					<select {...controlProps('admin-invite-level', undefined, errors.level)} value={String(level)} onChange={(e) => setLevel(Number(e.currentTarget.value) as Level)}>
						{LEVELS.map((l) => (
							<option key={l} value={String(l)}>
								{fill(labels['staff.levelN'], { level: l })}
							</option>
						))}
					</select>
				</Field>
				<Submit error={formError} busy={busy} text={labels['invite.submit']} busyText={labels['invite.submitting']} />
			</form>
		</section>
	);
}

interface RowProps {
	client: SupabaseClient;
	props: AdminProps;
	member: StaffMember;
	self: boolean;
	onSaved: (announce: string) => Promise<void>;
}

function StaffRow({ client, props, member, self, onSaved }: RowProps) {
	const { labels } = props;
	const [role, setRole] = useState<StaffRole>(member.role);
	const [level, setLevel] = useState<Level>(member.level);
	const [error, setError] = useState('');
	const [busy, setBusy] = useState(false);
	const select = useRef<HTMLSelectElement>(null);
	const id = `admin-staff-${member.user_id}`;
	const who = member.profile?.full_name || member.profile?.email || member.user_id;
	const unchanged = role === member.role && level === member.level;

	async function save(e: Event) {
		e.preventDefault();
		if (unchanged) return;
		setBusy(true);
		const result = await setStaffRole(client, member.user_id, role, level);
		setBusy(false);
		if (!result.ok) {
			setError(messageFor(result, labels));
			return select.current?.focus();
		}
		setError('');
		await onSaved(fill(labels['staff.saved'], { name: who, role: labels[`staffRole.${role}`], level }));
	}

	return (
		<li>
			<form class="admin-member" onSubmit={save} noValidate>
				<span class="admin-member-name">
					<strong>{member.profile?.full_name || labels['staff.noName']}</strong>
					{self && <span> {labels['staff.you']}</span>}
					{member.profile?.email && <span class="admin-meta"> {member.profile.email}</span>}
				</span>
				<label for={`${id}-role`}>{fill(labels['staff.roleOf'], { name: who })}</label>
				<select
					ref={select}
					id={`${id}-role`}
					value={role}
					aria-invalid={error ? true : undefined}
					aria-describedby={describedBy(id, false, !!error)}
					onChange={(e) => {
						setRole(e.currentTarget.value as StaffRole);
						setError('');
					}}
				>
					{STAFF_ROLES.map((r) => (
						<option key={r} value={r}>
							{labels[`staffRole.${r}`]}
						</option>
					))}
				</select>
				<label for={`${id}-level`}>{fill(labels['staff.levelOf'], { name: who })}</label>
				<select
					id={`${id}-level`}
					value={String(level)}
					onChange={(e) => {
						setLevel(Number(e.currentTarget.value) as Level);
						setError('');
					}}
				>
					{LEVELS.map((l) => (
						<option key={l} value={String(l)}>
							{fill(labels['staff.levelN'], { level: l })}
						</option>
					))}
				</select>
				<button type="submit" class="mostrador-button" disabled={busy || unchanged}>
					{labels['staff.save']}
				</button>
				<FieldError id={id} text={error} />
			</form>
			{!self && (
				<ConfirmInPlace
					id={`admin-staff-deactivate-${member.user_id}`}
					class="admin-member-remove"
					ask={labels['staff.deactivate']}
					askLabel={fill(labels['staff.deactivateOf'], { name: who })}
					question={fill(labels['staff.deactivateConfirm'], { name: who })}
					yes={labels['staff.deactivateYes']}
					no={labels['staff.no']}
					onConfirm={async () => {
						const result = await deactivateStaff(client, member.user_id);
						if (!result.ok) return messageFor(result, labels);
						await onSaved(fill(labels['staff.deactivated'], { name: who }));
						return null;
					}}
				/>
			)}
		</li>
	);
}
