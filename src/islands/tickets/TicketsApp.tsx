// The tickets page's island: the list of tickets, or with ?n=<number> one ticket (a static host
// cannot serve a page per ticket, so one page does both). It needs a session; without one it says how
// to get one, and when the backend cannot be reached it says so while the docs keep working.
import { useState } from 'preact/hooks';
import { localePath, useSession } from '../shared/use-session.ts';
import type { TicketsProps } from './props.ts';
import { ticketNumberIn } from './ticket-data.ts';
import TicketList from './TicketList.tsx';
import TicketView from './TicketView.tsx';

export default function TicketsApp(props: TicketsProps) {
	const { labels, lang } = props;
	const session = useSession();
	const [number] = useState(() => (typeof location === 'undefined' ? null : ticketNumberIn(location.search)));
	const listPath = localePath('/soporte/tickets/', lang);
	const newTicketPath = localePath('/soporte/nuevo/', lang);

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
			<p class="tickets-signed-out">
				{labels.signedOut} <a href={localePath('/cuenta/', lang)}>{labels.signIn}</a>
			</p>
		);
	if (number !== null)
		return <TicketView {...props} client={session.client} userId={session.user.id} number={number} listPath={listPath} newTicketPath={newTicketPath} />;
	return (
		<TicketList {...props} client={session.client} userId={session.user.id} ticketPath={(n) => `${listPath}?n=${n}`} newTicketPath={newTicketPath} />
	);
}
