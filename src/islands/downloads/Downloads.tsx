// The downloads page's widget: the catalogue, or with ?item=<slug or id> one item with its versions.
// One static page serves both, so the item comes from the address once the island runs. A backend
// that cannot be reached is said plainly; the rest of the site keeps working.
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../shared/use-session.ts';
import { Loading, Unavailable } from '../shared/states.tsx';
import DownloadItemView from './DownloadItem.tsx';
import DownloadList from './DownloadList.tsx';
import type { DownloadsProps } from './props.ts';


export default function Downloads(props: DownloadsProps) {
	const session = useSession();
	const [item, setItem] = useState<string | null | undefined>(undefined);

	useEffect(() => {
		setItem(new URLSearchParams(location.search).get('item'));
	}, []);

	if (session.status === 'unavailable') return <Unavailable text={props.labels.unavailable} />;
	if (session.status === 'loading' || item === undefined) return <Loading text={props.labels.loading} live="none" />;
	const signedIn = session.status === 'signed-in';
	return item ? (
		<DownloadItemView {...props} client={session.client} signedIn={signedIn} itemKey={item} />
	) : (
		<DownloadList {...props} client={session.client} signedIn={signedIn} />
	);
}
