// The organisations section (admins): create an organisation and see them all; with
// ?organizacion=<id> in the address, manage one (its invitation codes and its members' roles), so a
// reload or a shared link opens the same organisation.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';
import { messageFor } from '../errors.ts';
import type { AdminProps } from '../props.ts';
import { listOrganisations, type Organisation } from './organisations-api.ts';
import { OrganisationDetail } from './OrganisationDetail.tsx';
import { OrganisationForm } from './OrganisationForm.tsx';
import { OrganisationList } from './OrganisationList.tsx';

export function Organisations({ client, props }: { client: SupabaseClient; props: AdminProps }) {
	const [selected, setSelected] = useState<string | null | undefined>(undefined);
	useEffect(() => setSelected(new URLSearchParams(location.search).get('organizacion')), []);
	if (selected === undefined) return null;
	return selected ? <OrganisationDetail client={client} props={props} id={selected} /> : <Overview client={client} props={props} />;
}

function Overview({ client, props }: { client: SupabaseClient; props: AdminProps }) {
	const { labels } = props;
	const [organisations, setOrganisations] = useState<Organisation[] | null>(null);
	const [error, setError] = useState('');

	const reload = useCallback(async () => {
		const result = await listOrganisations(client);
		if (!result.ok) return setError(messageFor(result, labels));
		setError('');
		setOrganisations(result.data);
	}, [client, labels]);

	useEffect(() => {
		void reload();
	}, [reload]);

	return (
		<div class="admin-section">
			<OrganisationForm client={client} props={props} onCreated={reload} />
			{error && (
				<p class="mostrador-error" role="alert">
					{error}
				</p>
			)}
			{!organisations && !error && (
				<p class="mostrador-status" aria-live="polite">
					{labels.loading}
				</p>
			)}
			{organisations && <OrganisationList organisations={organisations} props={props} />}
		</div>
	);
}
