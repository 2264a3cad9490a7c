// What the customer told us when opening the ticket, as text: who, what product and version, where,
// the impact, the steps, the affected user, the article they came from, and what they searched for
// and read before filing (the reader's trail).
import type { ComponentChildren } from 'preact';
import type { AgentLabels } from './labels.ts';
import type { QueueTicket } from './ticket-types.ts';
import type { TicketDetails } from './workspace-data.ts';
import { shortDate } from './format.ts';

interface Props {
	ticket: QueueTicket;
	details: TicketDetails;
	names: Record<string, string>;
	products: Record<string, string>;
	labels: AgentLabels;
	lang: 'es' | 'en';
}

export function channelLabel(channel: string, labels: AgentLabels): string {
	return ({ web: labels.chWeb, email: labels.chEmail, phone: labels.chPhone, chat: labels.chChat } as Record<string, string>)[channel] ?? channel;
}

export default function TicketFacts({ ticket: t, details: d, names, products, labels, lang }: Props) {
	const fact = (term: string, value: ComponentChildren) => (
		<div>
			<dt>{term}</dt>
			<dd>{value}</dd>
		</div>
	);
	return (
		<section class="agent-panel agent-ticket-facts" aria-labelledby="agent-facts-heading">
			<h3 id="agent-facts-heading">{labels.factsHeading}</h3>
			<dl class="agent-facts">
				{fact(
					labels.requester,
					<>
						{names[t.requester_id] ?? t.requester_name}
						{t.requester_email && t.requester_email !== (names[t.requester_id] ?? t.requester_name) && <span class="agent-sub">{t.requester_email}</span>}
					</>,
				)}
				{fact(labels.fOrganisation, t.organisation_name)}
				{t.product_id && fact(labels.fProduct, [products[t.product_id] ?? t.product_id, t.version].filter(Boolean).join(' '))}
				{fact(labels.environment, t.environment === 'test' ? labels.envTest : labels.envProduction)}
				{fact(labels.channel, channelLabel(t.channel, labels))}
				{fact(labels.opened, <time dateTime={t.created_at}>{shortDate(t.created_at, lang)}</time>)}
				{d.impact && fact(labels.impact, <span class="agent-pre">{d.impact}</span>)}
				{d.affected_user && fact(labels.affectedUser, d.affected_user)}
				{d.steps && fact(labels.steps, <span class="agent-pre">{d.steps}</span>)}
				{d.source_article && fact(labels.sourceArticle, <a href={`/${d.source_article}/`}>{`/${d.source_article}/`}</a>)}
				{d.trail && (d.trail.searches.length > 0 || d.trail.articles.length > 0) && fact(labels.trail, <Trail trail={d.trail} labels={labels} />)}
			</dl>
		</section>
	);
}

/** "Buscó «a», «b» · Leyó: Title, Title" — the visit before filing, in the order it happened. */
function Trail({ trail, labels }: { trail: NonNullable<TicketDetails['trail']>; labels: AgentLabels }) {
	return (
		<>
			{trail.searches.length > 0 && (
				<span class="agent-trail">
					{labels.trailSearched}{' '}
					{trail.searches.flatMap((q, i) => [...(i ? [', '] : []), <q key={q}>{q}</q>])}
				</span>
			)}
			{trail.articles.length > 0 && (
				<span class="agent-trail">
					{labels.trailRead}{' '}
					{trail.articles.flatMap((a, i) => [
						...(i ? [', '] : []),
						<a key={a.slug} href={`/${a.slug}/`}>
							{a.title}
						</a>,
					])}
				</span>
			)}
		</>
	);
}
