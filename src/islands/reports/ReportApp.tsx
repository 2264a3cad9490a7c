// The printable monthly report's island (/soporte/informe/?org=<id>&mes=YYYY-MM): for support staff
// and the organisation's coordinators. It needs a session; without one it says how to get one, when
// the backend cannot be reached it says so while the docs keep working, and anyone else is told
// plainly who the report is for.
import { useState } from 'preact/hooks';
import { localePath, useSession } from '../shared/use-session.ts';
import { gate } from '../shared/SessionGate.tsx';
import { Loading, SignInPrompt, Unavailable } from '../shared/states.tsx';
import { useOversight } from '../shared/use-staff.ts';
import type { ReportProps } from './props.ts';
import { reportParams } from './report-params.ts';
import ReportControls from './ReportControls.tsx';
import MonthlyReport from './MonthlyReport.tsx';

export default function ReportApp(props: ReportProps) {
	const { labels, lang } = props;
	const session = useSession();
	const [params] = useState(() => reportParams(typeof location === 'undefined' ? '' : location.search));
	const signedIn = session.status === 'signed-in' ? session : null;
	const choices = useOversight(signedIn?.client ?? null, signedIn?.user.id ?? null);

	return gate(session, {
		labels,
		signedOut: () => <SignInPrompt class="report-signed-out" text={labels.signedOut} link={labels.signIn} href={localePath('/cuenta/', lang)} />,
		children: ({ client }) => {
			if (choices.status === 'loading') return <Loading text={labels.loading} />;
			if (choices.status === 'unavailable') return <Unavailable text={labels.unavailable} />;
			// Only staff and coordinators have reports to read; the RPCs would refuse anyone else anyway.
			if (choices.status === 'refused') return <p class="report-refused">{labels.refused}</p>;
			const org = params.org ?? (choices.organisations.length === 1 ? choices.organisations[0].id : null);
			return (
				<>
					<ReportControls labels={labels} organisations={choices.organisations} org={org} month={params.month} />
					{org ? <MonthlyReport {...props} client={client} org={org} month={params.month} /> : <p class="mostrador-status">{labels.choose}</p>}
				</>
			);
		},
	});
}
