// The SLA dashboard's island (/soporte/sla/): for support staff, every organisation or one; for an
// organisation's coordinator, theirs only. Anyone else, signed in or not, is told plainly whom the
// page is for; when the backend cannot be reached the page says so while the docs keep working.
import type { SupabaseClient } from '@supabase/supabase-js';
import { localePath, useSession } from '../shared/use-session.ts';
import { DashboardView } from './DashboardView.tsx';
import type { DashboardProps } from './props.ts';
import { useAccess } from './use-access.ts';

function Refusal({ labels, lang, signedOut }: Pick<DashboardProps, 'labels' | 'lang'> & { signedOut: boolean }) {
	return (
		<div class="dashboard-refusal">
			<p>
				<strong>{labels.refused}</strong>
			</p>
			{signedOut ? (
				<p>
					{labels.signedOut} <a href={localePath('/cuenta/', lang)}>{labels.signIn}</a>
				</p>
			) : (
				<p>{labels.notAllowed}</p>
			)}
		</div>
	);
}

function SignedIn(props: DashboardProps & { client: SupabaseClient; userId: string }) {
	const access = useAccess(props.client, props.userId);
	if (access.status === 'loading')
		return (
			<p class="mostrador-status" role="status">
				{props.labels.loading}
			</p>
		);
	if (access.status === 'unavailable')
		return (
			<p class="mostrador-error" role="alert">
				{props.labels.unavailable}
			</p>
		);
	if (access.status === 'refused') return <Refusal labels={props.labels} lang={props.lang} signedOut={false} />;
	return <DashboardView {...props} staff={access.staff} organisations={access.organisations} />;
}

export default function Dashboard(props: DashboardProps) {
	const session = useSession();
	if (session.status === 'loading')
		return (
			<p class="mostrador-status" role="status">
				{props.labels.loading}
			</p>
		);
	if (session.status === 'unavailable')
		return (
			<p class="mostrador-error" role="alert">
				{props.labels.unavailable}
			</p>
		);
	if (session.status === 'signed-out') return <Refusal labels={props.labels} lang={props.lang} signedOut />;
	return <SignedIn {...props} client={session.client} userId={session.user.id} />;
}
