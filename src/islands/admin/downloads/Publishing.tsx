// The downloads section: register an item, publish a version of one, and see the catalogue. The list
// reloads after each change so the forms always offer what exists.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';
import { messageFor } from '../errors.ts';
import type { AdminProps } from '../props.ts';
import { listItems, type ManagedItem } from './downloads-api.ts';
import { ItemForm } from './ItemForm.tsx';
import { ItemTable } from './ItemTable.tsx';
import { VersionForm } from './VersionForm.tsx';

export function Publishing({ client, props }: { client: SupabaseClient; props: AdminProps }) {
	const { labels } = props;
	const [items, setItems] = useState<ManagedItem[] | null>(null);
	const [error, setError] = useState('');
	const [justCreated, setJustCreated] = useState<string | null>(null);

	const reload = useCallback(async () => {
		const result = await listItems(client);
		if (result.ok) {
			setItems(result.data);
			setError('');
		} else setError(messageFor(result, labels));
	}, [client, labels]);

	useEffect(() => {
		void reload();
	}, [reload]);

	return (
		<div class="admin-section">
			<p>{labels['downloads.intro']}</p>
			{error && (
				<p class="mostrador-error" role="alert">
					{error}
				</p>
			)}
			{!items && !error && (
				<p class="mostrador-status" aria-live="polite">
					{labels.loading}
				</p>
			)}
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
