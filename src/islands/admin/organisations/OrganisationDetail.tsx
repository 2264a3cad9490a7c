// One organisation as an admin manages it: plan, contract and how many of the plan's authorized
// contacts are taken; its invitation codes; its members and their roles.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../../shared/labels.ts';
import { messageFor } from '../errors.ts';
import type { AdminProps } from '../props.ts';
import { contract, planName } from './format.ts';
import { Invitations } from './Invitations.tsx';
import { Members } from './Members.tsx';
import { contactLimit, getOrganisation, listMembers, type Member, type Organisation } from './organisations-api.ts';
import { Loading, Unavailable } from '../../shared/states.tsx';

interface Loaded {
	organisation: Organisation;
	limit: number | null;
	members: Member[];
}

export function OrganisationDetail({ client, props, id }: { client: SupabaseClient; props: AdminProps; id: string }) {
	const { labels } = props;
	const [loaded, setLoaded] = useState<Loaded | null>(null);
	const [error, setError] = useState('');

	const reload = useCallback(async () => {
		const org = await getOrganisation(client, id);
		if (!org.ok) return setError(messageFor(org, labels));
		if (!org.data) return setError(labels['orgs.notFound']);
		const [limit, members] = await Promise.all([contactLimit(client, org.data), listMembers(client, id)]);
		if (!limit.ok) return setError(messageFor(limit, labels));
		if (!members.ok) return setError(messageFor(members, labels));
		setError('');
		setLoaded({ organisation: org.data, limit: limit.data, members: members.data });
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
	const { organisation: o, limit, members } = loaded;
	const contacts = members.filter((m) => m.role !== 'member').length;
	return (
		<div class="admin-section">
			{back}
			<section class="admin-panel" aria-labelledby="admin-org-detail-heading">
				<h2 id="admin-org-detail-heading">{o.name}</h2>
				<dl class="admin-facts">
					<dt>{labels['orgs.plan']}</dt>
					<dd>{planName(o, props)}</dd>
					<dt>{labels['orgs.contract']}</dt>
					<dd>{contract(o, props)}</dd>
					<dt>{labels['orgs.timezone']}</dt>
					<dd>{o.timezone}</dd>
					<dt>{labels['orgs.contacts']}</dt>
					<dd>{limit === null ? fill(labels['orgs.contactsUnlimited'], { used: contacts }) : fill(labels['orgs.contactsUsed'], { used: contacts, limit })}</dd>
				</dl>
			</section>
			<Invitations client={client} props={props} organisation={o} />
			<Members client={client} props={props} organisation={o} limit={limit} members={members} onChanged={reload} />
		</div>
	);
}
