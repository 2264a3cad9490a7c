// Leaving an organisation (remove_member with oneself): asked once more in place, since the person then
// stops seeing the organisation's tickets and needs a new invitation code to come back.
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import { ConfirmInPlace } from '../shared/ConfirmInPlace.tsx';
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
	const organisation = membership.organisationName;
	return (
		<ConfirmInPlace
			id={`account-leave-${membership.organisationId}`}
			class="account-leave"
			ask={fill(labels.leave, { organisation })}
			question={fill(labels.leaveConfirm, { organisation })}
			yes={labels.leaveYes}
			no={labels.leaveNo}
			onConfirm={async () => {
				const { error, status } = await client.rpc('remove_member', { organisation: membership.organisationId, member: userId });
				if (error) return rpcMessage(error, labels, status);
				await refresh();
				return null;
			}}
		/>
	);
}
