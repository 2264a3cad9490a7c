// "Who am I, which organisation, which plan": the person's name, e-mail and language; their
// organisations and plans; their staff role and level if they are support staff (staff outside any
// customer organisation are not told to join one); and the way to their tickets.
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { AccountData } from './account-data.ts';
import type { AccountLabels, PlanNames } from './labels.ts';
import { staffRole } from './format.ts';
import { localePath } from '../shared/use-session.ts';
import { Organisations } from './Organisations.tsx';

interface Props {
	client: SupabaseClient;
	userId: string;
	data: AccountData;
	email: string;
	labels: AccountLabels;
	planNames: PlanNames;
	lang: 'es' | 'en';
	refresh: () => Promise<AccountData | undefined>;
}

export function Summary({ client, userId, data, email, labels, planNames, lang, refresh }: Props) {
	const { profile, memberships, staff } = data;
	return (
		<>
			<section class="account-section" aria-labelledby="account-who">
				<h2 id="account-who">{labels.summaryHeading}</h2>
				<dl class="account-facts">
					<dt>{labels.name}</dt>
					<dd>{profile.fullName || <span class="mostrador-status">{labels.noName}</span>}</dd>
					<dt>{labels.email}</dt>
					<dd>{profile.email ?? email}</dd>
					<dt>{labels.language}</dt>
					<dd>{profile.locale === 'en' ? labels.localeEn : labels.localeEs}</dd>
				</dl>
			</section>

			{(memberships.length > 0 || !staff) && <Organisations client={client} userId={userId} memberships={memberships} labels={labels} planNames={planNames} lang={lang} refresh={refresh} />}

			{staff && (
				<section class="account-section" aria-labelledby="account-staff">
					<h2 id="account-staff">{labels.staffHeading}</h2>
					<p>{staffRole(staff.role, staff.level, labels)}</p>
				</section>
			)}

			<ul class="account-links">
				<li>
					<a href={localePath('/soporte/tickets/', lang)}>{labels.myTickets}</a>
				</li>
				<li>
					<a href={localePath('/soporte/nuevo/', lang)}>{labels.newTicket}</a>
				</li>
			</ul>
		</>
	);
}
