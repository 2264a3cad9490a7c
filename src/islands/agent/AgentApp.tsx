// The agent console's island (/agente/, /en/agente/). One static page does it all, by its address:
// the queue; ?t=<number> a ticket's workspace; ?problemas the problems; ?problema=<id> one problem.
// It is for support staff: signed out or signed in as a customer it says so plainly and loads no data
// (RLS would refuse it anyway); when the backend cannot be reached it says that, and the docs keep working.
import { useState } from 'preact/hooks';
import { localePath, useSession } from '../shared/use-session.ts';
import type { AgentProps } from './props.ts';
import { useStaff } from './use-staff.ts';
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

	if (session.status === 'loading' || (signedIn && staff.status === 'loading'))
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
	if (session.status === 'signed-out') return refused(labels.signedOut);
	if (staff.status === 'not-staff') return refused(labels.notStaff);
	if (staff.status === 'failed')
		return (
			<p class="mostrador-error" role="alert">
				{errorText(staff.error, labels, staff.code)}
			</p>
		);
	if (!signedIn || staff.status !== 'staff') return null;

	const common = { ...props, client: signedIn.client, me: signedIn.user.id, staff: staff.staff };
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
