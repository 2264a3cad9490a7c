// One organisation as an admin manages it: programme, plan, contract, go-live, the last day a plan
// included for some months is included (or the day it ended), and how many of the plan's authorized
// contacts are taken; its contract and go-live dates; its plan changes; its invitation codes; its
// members and their roles.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../../shared/labels.ts';
import { messageFor } from '../errors.ts';
import type { AdminProps } from '../props.ts';
import { contract, day, planInfo, planName, programmeName, todayIn } from './format.ts';
import { DatesForm } from './DatesForm.tsx';
import { PlanChange } from './PlanChange.tsx';
import { Invitations } from './Invitations.tsx';
import { Members } from './Members.tsx';
import { contactLimit, getOrganisation, includedUntil, listMembers, type Member, type Organisation } from './organisations-api.ts';
import { Loading, Unavailable } from '../../shared/states.tsx';

interface Loaded {
	organisation: Organisation;
	limit: number | null;
	members: Member[];
	/** The last day the plan is included, for a plan included for some months; null otherwise. */
	until: string | null;
}

export function OrganisationDetail({ client, props, id }: { client: SupabaseClient; props: AdminProps; id: string }) {
	const { labels } = props;
	const [loaded, setLoaded] = useState<Loaded | null>(null);
	const [error, setError] = useState('');

	const reload = useCallback(async () => {
		const org = await getOrganisation(client, id);
		if (!org.ok) return setError(messageFor(org, labels));
		if (!org.data) return setError(labels['orgs.notFound']);
		const [limit, members, until] = await Promise.all([contactLimit(client, org.data), listMembers(client, id), includedUntil(client, id)]);
		if (!limit.ok) return setError(messageFor(limit, labels));
		if (!members.ok) return setError(messageFor(members, labels));
		if (!until.ok) return setError(messageFor(until, labels));
		setError('');
		setLoaded({ organisation: org.data, limit: limit.data, members: members.data, until: until.data });
	}, [client, id, labels]);

	useEffect(() => {
		void reload();
	}, [reload]);

	const back = (
		<p>
			<a href="?seccion=organizaciones">{labels['orgs.back']}</a>
		</p>
	);
	if (error)
		return (
			<div class="admin-section">
				{back}
				<Unavailable text={error} />
			</div>
		);
	if (!loaded)
		return <Loading text={labels.loading} live="polite" />;
	const { organisation: o, limit, members, until } = loaded;
	const contacts = members.filter((m) => m.role !== 'member').length;
	const plan = planInfo(o.programme_id, o.plan_id, props);
	// "Incluido hasta" while the period runs, "terminó el" after; a plan counted from go-live says so
	// while go-live has no date. Days compare as YYYY-MM-DD in the organisation's time zone.
	const included = until
		? until >= todayIn(o.timezone)
			? fill(labels['orgs.includedUntil'], { date: day(until, props.lang) })
			: fill(labels['orgs.includedEnded'], { date: day(until, props.lang) })
		: plan?.includedMonths
			? fill(labels['orgs.includedNeedsGoLive'], { months: plan.includedMonths })
			: null;
	return (
		<div class="admin-section">
			{back}
			<section class="admin-panel" aria-labelledby="admin-org-detail-heading">
				<h2 id="admin-org-detail-heading">{o.name}</h2>
				<dl class="admin-facts">
					<dt>{labels['orgs.programme']}</dt>
					<dd>{programmeName(o.programme_id, props)}</dd>
					<dt>{labels['orgs.plan']}</dt>
					<dd>{planName(o, props)}</dd>
					{included && (
						<>
							<dt>{labels['orgs.included']}</dt>
							<dd data-testid="admin-org-included">{included}</dd>
						</>
					)}
					<dt>{labels['orgs.contract']}</dt>
					<dd>{contract(o, props)}</dd>
					<dt>{labels['orgs.goLive']}</dt>
					<dd>{o.go_live ? day(o.go_live, props.lang) : labels['orgs.goLiveNone']}</dd>
					<dt>{labels['orgs.timezone']}</dt>
					<dd>{o.timezone}</dd>
					<dt>{labels['orgs.contacts']}</dt>
					<dd>{limit === null ? fill(labels['orgs.contactsUnlimited'], { used: contacts }) : fill(labels['orgs.contactsUsed'], { used: contacts, limit })}</dd>
				</dl>
			</section>
			<DatesForm client={client} props={props} organisation={o} onSaved={reload} />
			<PlanChange client={client} props={props} organisation={o} onChanged={reload} />
			<Invitations client={client} props={props} organisation={o} />
			<Members client={client} props={props} organisation={o} limit={limit} members={members} onChanged={reload} />
		</div>
	);
}
