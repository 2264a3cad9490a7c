// The tickets page's island: the list of tickets, or with ?n=<number> one ticket (a static host
// cannot serve a page per ticket, so one page does both). It needs a session; without one it says how
// to get one, and when the backend cannot be reached it says so while the docs keep working.
import { useState } from 'preact/hooks';
import { localePath } from '../shared/use-session.ts';
import { SessionGate } from '../shared/SessionGate.tsx';
import { SignInPrompt } from '../shared/states.tsx';
import type { TicketsProps } from './props.ts';
import { ticketNumberIn } from './ticket-data.ts';
import TicketList from './TicketList.tsx';
import TicketView from './TicketView.tsx';

export default function TicketsApp(props: TicketsProps) {
	const { labels, lang } = props;
	const [number] = useState(() => (typeof location === 'undefined' ? null : ticketNumberIn(location.search)));
	const listPath = localePath('/soporte/tickets/', lang);
	const newTicketPath = localePath('/soporte/nuevo/', lang);

	return (
		<SessionGate labels={labels} signedOut={() => <SignInPrompt class="tickets-signed-out" text={labels.signedOut} link={labels.signIn} href={localePath('/cuenta/', lang)} />}>
			{(session) =>
				number !== null ? (
					<TicketView {...props} client={session.client} userId={session.user.id} number={number} listPath={listPath} newTicketPath={newTicketPath} />
				) : (
					<TicketList {...props} client={session.client} userId={session.user.id} ticketPath={(n) => `${listPath}?n=${n}`} newTicketPath={newTicketPath} />
				)
			}
		</SessionGate>
	);
}
