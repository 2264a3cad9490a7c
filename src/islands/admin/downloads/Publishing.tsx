// The downloads section: register an item, publish a version of one, and see the catalogue. The list
// reloads after each change so the forms always offer what exists.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { useList } from '../use-list.ts';
import type { AdminProps } from '../props.ts';
import { listItems, type ManagedItem } from './downloads-api.ts';
import { ItemForm } from './ItemForm.tsx';
import { ItemTable } from './ItemTable.tsx';
import { VersionForm } from './VersionForm.tsx';
import { Loading, Unavailable } from '../../shared/states.tsx';

export function Publishing({ client, props }: { client: SupabaseClient; props: AdminProps }) {
	const { labels } = props;
	const { rows: items, error, reload } = useList<ManagedItem[]>(() => listItems(client), labels, [client]);
	const [justCreated, setJustCreated] = useState<string | null>(null);

	return (
		<div class="admin-section">
			<p>{labels['downloads.intro']}</p>
			{error && <Unavailable text={error} />}
			{!items && !error && <Loading text={labels.loading} live="polite" />}
			{items && (
				<>
					<VersionForm client={client} props={props} items={items} preselect={justCreated} onPublished={reload} />
					<ItemForm
						client={client}
						props={props}
						onCreated={(id) => {
							setJustCreated(id);
							void reload();
						}}
					/>
					<ItemTable items={items} props={props} />
				</>
			)}
		</div>
	);
}
