// The printable monthly report's island (/soporte/informe/?org=<id>&mes=YYYY-MM): for support staff
// and the organisation's coordinators. It needs a session; without one it says how to get one, when
// the backend cannot be reached it says so while the docs keep working, and anyone else is told
// plainly who the report is for.
import { useEffect, useState } from 'preact/hooks';
import { localePath, useSession } from '../shared/use-session.ts';
import type { ReportProps } from './props.ts';
import { loadChoices, type Choices } from './report-data.ts';
import { reportParams } from './report-params.ts';
import ReportControls from './ReportControls.tsx';
import MonthlyReport from './MonthlyReport.tsx';

export default function ReportApp(props: ReportProps) {
	const { labels, lang } = props;
	const session = useSession();
	const [params] = useState(() => reportParams(typeof location === 'undefined' ? '' : location.search));
	const [choices, setChoices] = useState<Choices | 'failed' | null>(null);
	const userId = session.status === 'signed-in' ? session.user.id : null;

	useEffect(() => {
		if (session.status !== 'signed-in') return;
		let live = true;
		loadChoices(session.client, session.user.id).then(
			(c) => live && setChoices(c),
			() => live && setChoices('failed'),
		);
		return () => {
			live = false;
		};
	}, [userId]);

	if (session.status === 'loading')
		return (
			<p class="mostrador-status" role="status">
				{labels.loading}
			</p>
		);
	if (session.status === 'unavailable')
		return (
			<p class="mostrador-error" role="alert">
				{labels.unavailable}
			</p>
		);
	if (session.status === 'signed-out')
		return (
			<p class="report-signed-out">
				{labels.signedOut} <a href={localePath('/cuenta/', lang)}>{labels.signIn}</a>
			</p>
		);
	if (choices === null)
		return (
			<p class="mostrador-status" role="status">
				{labels.loading}
			</p>
		);
	if (choices === 'failed')
		return (
			<p class="mostrador-error" role="alert">
				{labels.unavailable}
			</p>
		);
	// Only staff and coordinators have reports to read; the RPCs would refuse anyone else anyway.
	if (!choices.staff && !choices.organisations.length) return <p class="report-refused">{labels.refused}</p>;
	const org = params.org ?? (choices.organisations.length === 1 ? choices.organisations[0].id : null);
	return (
		<>
			<ReportControls labels={labels} organisations={choices.organisations} org={org} month={params.month} />
			{org ? <MonthlyReport {...props} client={session.client} org={org} month={params.month} /> : <p class="mostrador-status">{labels.choose}</p>}
		</>
	);
}
