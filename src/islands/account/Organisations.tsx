// The organisations a person belongs to: each one's plan (named in the page's language when the site
// knows the programme), the person's role in words with what it lets them do, the contract and the
// time zone their SLA clock runs in, and the way to leave it.
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { AccountData, Membership } from './account-data.ts';
import type { AccountLabels, PlanNames } from './labels.ts';
import { contract, memberRole } from './format.ts';
import { LeaveOrganisation } from './LeaveOrganisation.tsx';

interface Props {
	client: SupabaseClient;
	userId: string;
	memberships: Membership[];
	labels: AccountLabels;
	planNames: PlanNames;
	lang: 'es' | 'en';
	refresh: () => Promise<AccountData | undefined>;
}

export function Organisations({ client, userId, memberships, labels, planNames, lang, refresh }: Props) {
	return (
		<section class="account-section" aria-labelledby="account-organisations">
			<h2 id="account-organisations">{labels.organisationHeading}</h2>
			{memberships.length === 0 && <p>{labels.noOrganisation}</p>}
			{memberships.map((m) => {
				const role = memberRole(m.role, labels);
				const heading = `account-org-${m.organisationId}`;
				return (
					<article class="account-organisation" aria-labelledby={heading} key={m.organisationId}>
						<h3 id={heading}>{m.organisationName}</h3>
						<dl class="account-facts">
							<dt>{labels.plan}</dt>
							<dd>{planNames[`${m.programmeId}/${m.planId}`] ?? m.planName}</dd>
							<dt>{labels.role}</dt>
							<dd>
								{role.name}
								<span class="account-hint">{role.hint}</span>
							</dd>
							<dt>{labels.contract}</dt>
							<dd>{contract(m, labels, lang)}</dd>
							<dt>{labels.timezone}</dt>
							<dd>{m.timezone.replace(/_/g, ' ')}</dd>
						</dl>
						{/* Their own programme's terms, which may not be the site's. */}
						<p class="account-terms">
							<a href={`${lang === 'en' ? '/en' : ''}/soporte/programas/${m.programmeId}/`}>{labels.planTerms}</a>
						</p>
						<LeaveOrganisation client={client} userId={userId} membership={m} labels={labels} refresh={refresh} />
					</article>
				);
			})}
		</section>
	);
}
