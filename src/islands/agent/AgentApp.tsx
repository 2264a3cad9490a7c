// The agent console's island (/agente/, /en/agente/). One static page does it all, by its address:
// the queue; ?t=<number> a ticket's workspace; ?problemas the problems; ?problema=<id> one problem.
// It is for support staff: signed out or signed in as a customer it says so plainly and loads no data
// (RLS would refuse it anyway); when the backend cannot be reached it says that, and the docs keep working.
import { useState } from 'preact/hooks';
import { localePath, useSession } from '../shared/use-session.ts';
import type { AgentProps } from './props.ts';
import { useStaff } from '../shared/use-staff.ts';
import { useLoad } from '../shared/use-load.ts';
import { gate, type SignedInSession } from '../shared/SessionGate.tsx';
import { Loading, Unavailable } from '../shared/states.tsx';
import { UNAVAILABLE } from '../shared/backend.ts';
import { loadStaff, type StaffMember } from './queue-data.ts';
import { ticketNumberIn } from './workspace-data.ts';
import { errorText } from './errors.ts';
import Queue from './Queue.tsx';
import Workspace from './Workspace.tsx';
import ProblemList from './ProblemList.tsx';
import ProblemView from './ProblemView.tsx';
import ShortcutsHelp from './ShortcutsHelp.tsx';
import { useShortcuts } from './use-shortcuts.ts';

type View = { kind: 'queue' } | { kind: 'ticket'; number: number; reply: boolean } | { kind: 'problems' } | { kind: 'problem'; id: string };

export function viewOf(search: string): View {
	const params = new URLSearchParams(search);
	const number = ticketNumberIn(search);
	if (number !== null) return { kind: 'ticket', number, reply: params.has('responder') };
	const problem = params.get('problema');
	if (problem) return { kind: 'problem', id: problem.trim() };
	if (params.has('problemas')) return { kind: 'problems' };
	return { kind: 'queue' };
}

export default function AgentApp(props: AgentProps) {
	const { labels, lang } = props;
	const session = useSession();
	const signedIn = session.status === 'signed-in' ? session : null;
	const staff = useStaff(signedIn?.client ?? null, signedIn?.user.id ?? null);
	// The team, for assigning: read once the caller is known to be one of them.
	const team = useLoad(signedIn && staff.status === 'staff' ? () => loadStaff(signedIn.client) : null, [signedIn?.client, staff.status], UNAVAILABLE);
	const [view] = useState<View>(() => (typeof location === 'undefined' ? { kind: 'queue' } : viewOf(location.search)));
	const [help, setHelp] = useState(false);
	useShortcuts({ '?': () => staff.status === 'staff' && setHelp(true) });

	const base = localePath('/agente/', lang);
	const ticketHref = (n: number, reply = false) => `${base}?t=${n}${reply ? '&responder' : ''}`;
	const problemHref = (id: string) => `${base}?problema=${encodeURIComponent(id)}`;
	const problemsHref = `${base}?problemas`;

	const refused = (text: string) => (
		<div class="agent-refused">
			<p class="agent-refused-title">{labels.staffOnly}</p>
			<p>
				{text} <a href={localePath('/cuenta/', lang)}>{labels.account}</a>
			</p>
		</div>
	);

	return gate(session, { labels, signedOut: () => refused(labels.signedOut), children: staffGate });

	function staffGate(signedIn: SignedInSession) {
		if (staff.status === 'loading' || (staff.status === 'staff' && !team)) return <Loading text={labels.loading} />;
		if (staff.status === 'not-staff') return refused(labels.notStaff);
		if (staff.status === 'failed') return <Unavailable text={errorText(staff.failure, labels)} />;
		if (!team?.ok) return team && <Unavailable text={errorText(team, labels)} />;
		return consoleFor(signedIn, team.data);
	}

	function consoleFor(signedIn: SignedInSession, team: StaffMember[]) {
		const common = { ...props, client: signedIn.client, me: signedIn.user.id, staff: team };
		const onHelp = () => setHelp(true);
		const inProblems = view.kind === 'problems' || view.kind === 'problem';
		return (
			<div class="agent-console">
				<nav class="agent-nav" aria-label={labels.navLabel}>
					<a href={base} aria-current={!inProblems ? 'page' : undefined}>
						{labels.navQueue}
					</a>
					<a href={problemsHref} aria-current={inProblems ? 'page' : undefined}>
						{labels.navProblems}
					</a>
					<button type="button" class="mostrador-link agent-help-button" onClick={onHelp} aria-keyshortcuts="?">
						{labels.shortcutsButton}
					</button>
				</nav>
				{view.kind === 'queue' && <Queue {...common} ticketHref={ticketHref} />}
				{view.kind === 'ticket' && <Workspace {...common} number={view.number} replyFirst={view.reply} queueHref={base} problemHref={problemHref} />}
				{view.kind === 'problems' && <ProblemList client={signedIn.client} labels={labels} lang={lang} problemHref={problemHref} />}
				{view.kind === 'problem' && <ProblemView {...common} id={view.id} ticketHref={ticketHref} listHref={problemsHref} />}
				<ShortcutsHelp open={help} onClose={() => setHelp(false)} labels={labels} />
			</div>
		);
	}
}
