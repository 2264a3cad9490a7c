// An organisation's members and their roles. Each row has its own small form (a role and a save
// button, so moving through the options never saves by itself); the plan's limit on authorized
// contacts is the database's (authorized_contacts_limit), shown under the row that hit it. Removing
// someone asks once more in the row itself (remove_member), then the list reloads.
import { useRef, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../../shared/labels.ts';
import { messageFor } from '../errors.ts';
import { failureCode } from '../../shared/backend.ts';
import { FieldError, describedBy } from '../Field.tsx';
import { ConfirmInPlace } from '../../shared/ConfirmInPlace.tsx';
import type { AdminProps } from '../props.ts';
import { planName } from './format.ts';
import { MEMBER_ROLES, removeMember, setRole, type Member, type MemberRole, type Organisation } from './organisations-api.ts';
import { Done } from '../FormEnd.tsx';

interface Props {
	client: SupabaseClient;
	props: AdminProps;
	organisation: Organisation;
	limit: number | null;
	members: Member[];
	onChanged: () => Promise<void>;
}

export function Members({ client, props, organisation, limit, members, onChanged }: Props) {
	const { labels } = props;
	const [announce, setAnnounce] = useState('');
	const [refreshing, setRefreshing] = useState(false);
	return (
		<section class="admin-panel" aria-labelledby="admin-members-heading">
			<h2 id="admin-members-heading">{labels['members.heading']}</h2>
			<p class="admin-hint">{labels['members.intro']}</p>
			<button
				type="button"
				class="mostrador-link"
				disabled={refreshing}
				onClick={async () => {
					setRefreshing(true);
					await onChanged();
					setRefreshing(false);
					setAnnounce(labels['members.refreshed']);
				}}
			>
				{labels['members.refresh']}
			</button>
			<Done text={announce} />
			{members.length === 0 ? (
				<p>{labels['members.empty']}</p>
			) : (
				<ul class="admin-list admin-members">
					{members.map((m) => (
						<MemberRow
							key={m.user_id}
							client={client}
							props={props}
							organisation={organisation}
							limit={limit}
							member={m}
							onSaved={async (text) => {
								await onChanged();
								setAnnounce(text);
							}}
						/>
					))}
				</ul>
			)}
		</section>
	);
}

interface RowProps {
	client: SupabaseClient;
	props: AdminProps;
	organisation: Organisation;
	limit: number | null;
	member: Member;
	onSaved: (announce: string) => Promise<void>;
}

function MemberRow({ client, props, organisation, limit, member, onSaved }: RowProps) {
	const { labels } = props;
	const [role, setRoleValue] = useState<MemberRole>(member.role);
	const [error, setError] = useState('');
	const [busy, setBusy] = useState(false);
	const select = useRef<HTMLSelectElement>(null);
	const id = `admin-member-${member.user_id}`;
	const who = member.profile?.full_name || member.profile?.email || member.user_id;

	async function save(e: Event) {
		e.preventDefault();
		if (role === member.role) return;
		setBusy(true);
		const result = await setRole(client, organisation.id, member.user_id, role);
		setBusy(false);
		if (!result.ok) {
			const text = messageFor(result, labels);
			setError(failureCode(result) === 'authorized_contacts_limit' ? fill(text, { plan: planName(organisation, props), limit: limit ?? '' }) : text);
			return select.current?.focus();
		}
		setError('');
		await onSaved(fill(labels['members.saved'], { name: who, role: labels[`role.${role}`] }));
	}

	return (
		<li>
			<form class="admin-member" onSubmit={save} noValidate>
				<span class="admin-member-name">
					<strong>{member.profile?.full_name || labels['members.noName']}</strong>
					{member.profile?.email && <span class="admin-meta"> {member.profile.email}</span>}
				</span>
				<label for={id}>{fill(labels['members.roleOf'], { name: who })}</label>
				<select
					ref={select}
					id={id}
					value={role}
					aria-invalid={error ? true : undefined}
					aria-describedby={describedBy(id, false, !!error)}
					onChange={(e) => {
						setRoleValue(e.currentTarget.value as MemberRole);
						setError('');
					}}
				>
					{MEMBER_ROLES.map((r) => (
						<option key={r} value={r}>
							{labels[`role.${r}`]}
						</option>
					))}
				</select>
				<button type="submit" class="mostrador-button" disabled={busy || role === member.role}>
					{labels['members.save']}
				</button>
				<FieldError id={id} text={error} />
			</form>
			<RemoveMember client={client} props={props} organisation={organisation} member={member} who={who} onRemoved={onSaved} />
		</li>
	);
}

interface RemoveProps {
	client: SupabaseClient;
	props: AdminProps;
	organisation: Organisation;
	member: Member;
	who: string;
	onRemoved: (announce: string) => Promise<void>;
}

function RemoveMember({ client, props, organisation, member, who, onRemoved }: RemoveProps) {
	const { labels } = props;
	return (
		<ConfirmInPlace
			id={`admin-remove-${member.user_id}`}
			class="admin-member-remove"
			ask={labels['members.remove']}
			askLabel={fill(labels['members.removeOf'], { name: who })}
			question={fill(labels['members.removeConfirm'], { name: who, organisation: organisation.name })}
			yes={labels['members.removeYes']}
			no={labels['members.removeNo']}
			onConfirm={async () => {
				const result = await removeMember(client, organisation.id, member.user_id);
				if (!result.ok) return messageFor(result, labels);
				await onRemoved(fill(labels['members.removed'], { name: who, organisation: organisation.name }));
				return null;
			}}
		/>
	);
}
