// The downloads page's widget: the catalogue, or with ?item=<slug or id> one item with its versions.
// One static page serves both, so the item comes from the address once the island runs. A backend
// that cannot be reached is said plainly; the rest of the site keeps working.
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../shared/use-session.ts';
import DownloadItemView from './DownloadItem.tsx';
import DownloadList from './DownloadList.tsx';
import type { DownloadsProps } from './props.ts';

export type { DownloadsProps } from './props.ts';

export default function Downloads(props: DownloadsProps) {
	const session = useSession();
	const [item, setItem] = useState<string | null | undefined>(undefined);

	useEffect(() => {
		setItem(new URLSearchParams(location.search).get('item'));
	}, []);

	if (session.status === 'unavailable')
		return (
			<p class="mostrador-error" role="alert">
				{props.labels.unavailable}
			</p>
		);
	if (session.status === 'loading' || item === undefined) return <p class="mostrador-status">{props.labels.loading}</p>;
	const signedIn = session.status === 'signed-in';
	return item ? (
		<DownloadItemView {...props} client={session.client} signedIn={signedIn} itemKey={item} />
	) : (
		<DownloadList {...props} client={session.client} signedIn={signedIn} />
	);
}
