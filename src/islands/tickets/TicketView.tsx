// One ticket (/soporte/tickets/?n=<number>): its details, the SLA clock, what to do when support has
// resolved it, the public thread with its files, a reply box, and the history. Read under RLS, so a
// ticket of another organisation is simply not found. Refreshed after the reader's own actions and,
// while the page is in view, once a minute (never faster than every 30 s).
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import type { TicketsProps } from './props.ts';
import { severityLabel } from './props.ts';
import { loadTicket, type TicketLoad } from './ticket-data.ts';
import { SeverityBadge, StatusBadge } from './Badges.tsx';
import SlaClock from './SlaClock.tsx';
import Thread from './Thread.tsx';
import Timeline from './Timeline.tsx';
import ReplyForm from './ReplyForm.tsx';
import Resolution from './Resolution.tsx';
import FollowButton from './FollowButton.tsx';
import { errorText } from './errors.ts';
import { BackLink, TicketLoadState, usePolledTicket, useTicketTitle } from '../shared/ticket/frame.tsx';
import { shortDate } from './format.ts';
import { zoneOf } from './ticket-row.ts';

export const REFRESH_MS = 60_000;

interface Props extends TicketsProps {
	client: SupabaseClient;
	userId: string;
	number: number;
	listPath: string;
	newTicketPath: string;
}

export default function TicketView({ client, userId, number, labels, lang, severities, products, listPath, newTicketPath }: Props) {
	const [notice, setNotice] = useState<string | null>(null);
	const [now, setNow] = useState(Date.now());
	const [load, refresh] = usePolledTicket<TicketLoad>(
		async () => {
			const next = await loadTicket(client, number);
			setNow(Date.now());
			return next;
		},
		[client, number],
		REFRESH_MS,
	);
	useTicketTitle(load?.ok ? fill(labels.ticketHeading, { number: load.page.ticket.number, subject: load.page.ticket.subject }) : null);

	const back = <BackLink href={listPath} text={labels.back} />;
	if (!load || !load.ok)
		return (
			<TicketLoadState
				load={load}
				loading={labels.loading}
				notFound={labels.notFound}
				notFoundClass="tickets-not-found"
				failure={(f) => errorText(f, labels)}
				retry={labels.refresh}
				onRetry={refresh}
				back={back}
			/>
		);

	const { page } = load;
	const t = page.ticket;
	const zone = zoneOf(t);
	const severity = severityLabel(severities, t.programme_id, t.severity_key);
	const after = (message: string) => {
		setNotice(message);
		return refresh();
	};

	return (
		<article class="tickets-ticket" aria-labelledby="tickets-ticket-heading">
			{back}
			<h2 id="tickets-ticket-heading">{fill(labels.ticketHeading, { number: t.number, subject: t.subject })}</h2>
			<dl class="tickets-details" aria-label={labels.details}>
				<div>
					<dt>{labels.status}</dt>
					<dd>
						<StatusBadge status={t.status} labels={labels} />
					</dd>
				</div>
				<div>
					<dt>{labels.severity}</dt>
					<dd>
						<SeverityBadge label={severity} />
					</dd>
				</div>
				{t.product_id && (
					<div>
						<dt>{labels.product}</dt>
						<dd>{[products[t.product_id] ?? t.product_id, t.version].filter(Boolean).join(' ')}</dd>
					</div>
				)}
				<div>
					<dt>{labels.environment}</dt>
					<dd>{t.environment === 'test' ? labels.envTest : labels.envProduction}</dd>
				</div>
				<div>
					<dt>{labels.opened}</dt>
					<dd>
						<time dateTime={t.created_at}>{shortDate(t.created_at, lang, zone)}</time>
					</dd>
				</div>
				{t.organisation && (
					<div>
						<dt>{labels.organisationName}</dt>
						<dd>{t.organisation.name}</dd>
					</div>
				)}
			</dl>

			<SlaClock ticket={t} labels={labels} lang={lang} now={now} />
			{t.requester_id !== userId && t.status !== 'closed' && <FollowButton client={client} ticketId={t.id} labels={labels} />}
			{notice && (
				<p class="mostrador-status tickets-notice" role="status">
					{notice}
				</p>
			)}
			{t.status === 'resolved' && <Resolution client={client} ticketId={t.id} labels={labels} onDone={after} />}
			<Thread client={client} page={page} userId={userId} labels={labels} lang={lang} />
			{t.status === 'closed' ? (
				<p class="tickets-closed">
					{labels.closedNotice} <a href={newTicketPath}>{labels.newTicket}</a>
				</p>
			) : (
				<ReplyForm key={t.id} client={client} ticket={t} labels={labels} lang={lang} onSent={() => (setNotice(null), refresh())} />
			)}
			<Timeline page={page} labels={labels} lang={lang} severities={severities} />
		</article>
	);
}
