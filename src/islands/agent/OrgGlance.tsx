// The customer at a glance: organisation, plan (with its calendar and monthly quota), contract dates
// and whether the contract is in force today, and the people authorized to open tickets against the
// plan's limit, the requester marked.
import { fill } from '../shared/labels.ts';
import type { AgentLabels } from './labels.ts';
import type { PlanInfo } from './props.ts';
import type { Contact, Organisation } from './workspace-data.ts';
import { longDay } from './format.ts';

interface Props {
	organisation: Organisation | null;
	plan: PlanInfo | undefined;
	contacts: Contact[];
	requesterId: string;
	now: number;
	labels: AgentLabels;
	lang: 'es' | 'en';
}

/** Today's date where the organisation is, as YYYY-MM-DD. */
function todayIn(zone: string, now: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
}

export default function OrgGlance({ organisation: o, plan, contacts, requesterId, now, labels, lang }: Props) {
	if (!o) return null;
	const today = todayIn(o.timezone, now);
	const inForce = o.contract_start <= today && (o.contract_end === null || o.contract_end >= today);
	return (
		<section class="agent-panel agent-org" aria-labelledby="agent-org-heading">
			<h3 id="agent-org-heading">{o.name}</h3>
			<dl class="agent-facts">
				<div>
					<dt>{labels.plan}</dt>
					<dd>
						{plan?.name ?? o.plan_id}
						{plan && <span class="agent-sub">{plan.calendarName}</span>}
					</dd>
				</div>
				<div>
					<dt>{labels.quota}</dt>
					<dd>{plan?.quota ? fill(labels.quotaN, { n: plan.quota }) : labels.unlimited}</dd>
				</div>
				<div>
					<dt>{labels.contract}</dt>
					<dd>
						{o.contract_end ? fill(labels.contractRange, { from: longDay(o.contract_start, lang), to: longDay(o.contract_end, lang) }) : fill(labels.contractOpen, { from: longDay(o.contract_start, lang) })}{' '}
						<span class={`mostrador-badge ${inForce ? 'agent-contract--ok' : 'agent-contract--off'}`}>{inForce ? labels.contractInForce : labels.contractNotInForce}</span>
					</dd>
				</div>
				{o.go_live && (
					<div>
						<dt>{labels.goLive}</dt>
						<dd>{longDay(o.go_live, lang)}</dd>
					</div>
				)}
				<div>
					<dt>{labels.timezone}</dt>
					<dd>{o.timezone}</dd>
				</div>
			</dl>
			<p class="agent-facts-heading">{plan?.authorizedContacts ? fill(labels.contactsOf, { n: contacts.length, max: plan.authorizedContacts }) : fill(labels.contactsN, { n: contacts.length })}</p>
			{contacts.length === 0 ? (
				<p class="agent-muted">{labels.noContacts}</p>
			) : (
				<ul class="agent-contacts">
					{contacts.map((c) => (
						<li key={c.user_id}>
							<strong>{c.name}</strong> {c.email && c.email !== c.name && <span class="agent-sub">{c.email}</span>}{' '}
							<span class="mostrador-badge">{c.role === 'coordinator' ? labels.roleCoordinator : labels.roleContact}</span>
							{c.user_id === requesterId && (
								<>
									{' '}
									<span class="mostrador-badge agent-requester-badge">{labels.requesterBadge}</span>
								</>
							)}
						</li>
					))}
				</ul>
			)}
		</section>
	);
}
