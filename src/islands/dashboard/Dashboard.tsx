// The SLA dashboard's island (/soporte/sla/): for support staff, every organisation or one; for an
// organisation's coordinator, theirs only. Anyone else, signed in or not, is told plainly whom the
// page is for; when the backend cannot be reached the page says so while the docs keep working.
import type { SupabaseClient } from '../../lib/supabase.ts';
import { localePath } from '../shared/use-session.ts';
import { SessionGate } from '../shared/SessionGate.tsx';
import { Loading, SignInPrompt, Unavailable } from '../shared/states.tsx';
import { DashboardView } from './DashboardView.tsx';
import type { DashboardProps } from './props.ts';
import { useOversight } from '../shared/use-staff.ts';

function Refusal({ labels, lang, signedOut }: Pick<DashboardProps, 'labels' | 'lang'> & { signedOut: boolean }) {
	return (
		<div class="dashboard-refusal">
			<p>
				<strong>{labels.refused}</strong>
			</p>
			{signedOut ? (
				<SignInPrompt text={labels.signedOut} link={labels.signIn} href={localePath('/cuenta/', lang)} />
			) : (
				<p>{labels.notAllowed}</p>
			)}
		</div>
	);
}

function SignedIn(props: DashboardProps & { client: SupabaseClient; userId: string }) {
	const access = useOversight(props.client, props.userId);
	if (access.status === 'loading') return <Loading text={props.labels.loading} />;
	if (access.status === 'unavailable') return <Unavailable text={props.labels.unavailable} />;
	if (access.status === 'refused') return <Refusal labels={props.labels} lang={props.lang} signedOut={false} />;
	return <DashboardView {...props} staff={access.staff} organisations={access.organisations} />;
}

export default function Dashboard(props: DashboardProps) {
	return (
		<SessionGate labels={props.labels} signedOut={() => <Refusal labels={props.labels} lang={props.lang} signedOut />}>
			{(session) => <SignedIn {...props} client={session.client} userId={session.user.id} />}
		</SessionGate>
	);
}
