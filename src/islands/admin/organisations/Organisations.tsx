// The organisations section (admins): create an organisation and see them all; with
// ?organizacion=<id> in the address, manage one (its invitation codes and its members' roles), so a
// reload or a shared link opens the same organisation.
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { useList } from '../use-list.ts';
import type { AdminProps } from '../props.ts';
import { listOrganisations, type Organisation } from './organisations-api.ts';
import { OrganisationDetail } from './OrganisationDetail.tsx';
import { OrganisationForm } from './OrganisationForm.tsx';
import { OrganisationList } from './OrganisationList.tsx';
import { Loading, Unavailable } from '../../shared/states.tsx';

export function Organisations({ client, props }: { client: SupabaseClient; props: AdminProps }) {
	const [selected, setSelected] = useState<string | null | undefined>(undefined);
	useEffect(() => setSelected(new URLSearchParams(location.search).get('organizacion')), []);
	if (selected === undefined) return null;
	return selected ? <OrganisationDetail client={client} props={props} id={selected} /> : <Overview client={client} props={props} />;
}

function Overview({ client, props }: { client: SupabaseClient; props: AdminProps }) {
	const { labels } = props;
	const { rows: organisations, error, reload } = useList<Organisation[]>(() => listOrganisations(client), labels, [client]);

	return (
		<div class="admin-section">
			<OrganisationForm client={client} props={props} onCreated={reload} />
			{error && <Unavailable text={error} />}
			{!organisations && !error && <Loading text={labels.loading} live="polite" />}
			{organisations && <OrganisationList organisations={organisations} props={props} />}
		</div>
	);
}
