// One ticket (/agente/?t=<number>): what the customer asked, the whole thread with internal notes, the
// composer, and beside it the SLA, the moves (take, assign, severity, level, reopen), the problem and
// the customer's contract at a glance. Refreshed after every action and once a minute while in view;
// countdowns move every 30 s without asking the backend. Shortcuts: r to reply, t to take.
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import type { AgentProps } from './props.ts';
import { planOf, severityLabel } from './props.ts';
import type { StaffMember } from './queue-data.ts';
import { loadWorkspace, type WorkspaceLoad } from './workspace-data.ts';
import { errorText } from './errors.ts';
import { BackLink, TicketLoadState, usePolledTicket, useTicketTitle } from '../shared/ticket/frame.tsx';
import { useNow } from './use-now.ts';
import { useShortcuts } from './use-shortcuts.ts';
import { takeTicket } from './AssignForm.tsx';
import { SeverityBadge, StatusBadge } from './StatusBadge.tsx';
import TicketFacts from './TicketFacts.tsx';
import Thread from './Thread.tsx';
import Composer from './Composer.tsx';
import SlaPanel from './SlaPanel.tsx';
import TicketActions from './TicketActions.tsx';
import ProblemPanel from './ProblemPanel.tsx';
import OrgGlance from './OrgGlance.tsx';

export const REFRESH_MS = 60_000;

interface Props extends AgentProps {
	client: SupabaseClient;
	me: string;
	staff: StaffMember[];
	number: number;
	queueHref: string;
	problemHref: (id: string) => string;
	/** Open with the cursor in the reply (the queue's "r"). */
	replyFirst: boolean;
}

export default function Workspace(props: Props) {
	const { client, me, staff, number, labels, lang, programmes, products, queueHref, problemHref, replyFirst } = props;
	const [load, refresh] = usePolledTicket<WorkspaceLoad>(() => loadWorkspace(client, number), [client, number], REFRESH_MS);
	const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
	const [focusRequest, setFocusRequest] = useState(0);
	const now = useNow();

	const loaded = load?.ok ? load.data : null;
	useTicketTitle(loaded && fill(labels.ticketHeading, { number: loaded.ticket.number, subject: loaded.ticket.subject }));
	useEffect(() => {
		if (loaded && replyFirst && focusRequest === 0) setFocusRequest(1);
	}, [!!loaded]);

	const after = (text: string, error = false) => {
		setNotice({ text, error });
		return refresh();
	};

	useShortcuts({
		r: (e) => {
			if (!loaded || loaded.ticket.status === 'closed') return;
			e.preventDefault();
			setFocusRequest((n) => n + 1);
		},
		t: async () => {
			if (!loaded || loaded.ticket.status === 'closed' || loaded.ticket.assignee_id !== null) return;
			const error = await takeTicket(client, loaded.ticket.id, labels);
			after(error ?? fill(labels.taken, { number: loaded.ticket.number }), !!error);
		},
	});

	const back = <BackLink href={queueHref} text={labels.backToQueue} />;
	if (!load || !load.ok)
		return (
			<TicketLoadState
				load={load}
				loading={labels.loadingTicket}
				notFound={labels.errTicketNotFound}
				failure={(f) => errorText(f, labels)}
				retry={labels.retry}
				onRetry={refresh}
				back={back}
			/>
		);

	const ws = load.data;
	const t = ws.ticket;
	const programme = programmes[t.programme_id];

	return (
		<article class="agent-workspace" aria-labelledby="agent-ticket-heading">
			{back}
			<h2 id="agent-ticket-heading">{fill(labels.ticketHeading, { number: t.number, subject: t.subject })}</h2>
			<p class="agent-badges">
				<StatusBadge status={t.status} labels={labels} /> <SeverityBadge keyName={t.severity_key} label={severityLabel(programmes, t.programme_id, t.severity_key)} />{' '}
				<span class="mostrador-badge">{fill(labels.levelN, { level: t.level })}</span>{' '}
				<span class="agent-sub">
					{t.assignee_id === null ? labels.unassigned : t.assignee_id === me ? labels.assignedToMe : fill(labels.assignedLine, { name: t.assignee_name ?? '' })}
				</span>
			</p>
			{notice && (
				<p class={notice.error ? 'mostrador-error' : 'mostrador-status agent-notice'} role={notice.error ? 'alert' : 'status'}>
					{notice.text}
				</p>
			)}
			<div class="agent-ws-grid">
				<div class="agent-ws-main">
					<TicketFacts ticket={t} details={ws.details} names={ws.names} products={products} labels={labels} lang={lang} />
					<Thread client={client} ws={ws} me={me} labels={labels} lang={lang} />
					{t.status === 'closed' ? (
						<p class="agent-closed">{labels.closedNotice}</p>
					) : (
						<Composer
							key={t.id}
							client={client}
							ticket={t}
							labels={labels}
							lang={lang}
							searchKeys={props.searchKeys}
							kbLabel={props.kbLabel}
							focusRequest={focusRequest}
							onSent={(m) => after(m)}
						/>
					)}
				</div>
				<div class="agent-ws-side">
					<SlaPanel ticket={t} events={ws.events} programme={programme} now={now} labels={labels} lang={lang} />
					<TicketActions
						key={`${t.id}:${t.severity_key}:${t.level}:${t.status}`}
						client={client}
						ticket={t}
						severities={programme?.severities ?? []}
						staff={staff}
						me={me}
						labels={labels}
						onDone={after}
					/>
					<ProblemPanel
						key={`${t.id}:${t.problem_id}`}
						client={client}
						ticket={t}
						problem={ws.problem}
						openProblems={ws.openProblems}
						problemHref={problemHref}
						labels={labels}
						onDone={after}
					/>
					<OrgGlance
						organisation={ws.organisation}
						plan={planOf(programmes, t.programme_id, t.plan_id)}
						contacts={ws.contacts}
						requesterId={t.requester_id}
						now={now}
						labels={labels}
						lang={lang}
					/>
				</div>
			</div>
		</article>
	);
}
