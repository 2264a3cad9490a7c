// One item with its versions, newest first. An unknown slug or id gets a plain "not found" and the way
// back to the catalogue.
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { findItem, type DownloadItem } from './catalogue.ts';
import type { DownloadsProps } from './props.ts';
import DownloadVersionView from './DownloadVersion.tsx';
import VisibilityBadge from './VisibilityBadge.tsx';
import { Loading, Unavailable } from '../shared/states.tsx';

type State = { status: 'loading' } | { status: 'unavailable' } | { status: 'missing' } | { status: 'ready'; item: DownloadItem };

type Props = DownloadsProps & { client: SupabaseClient; signedIn: boolean; itemKey: string };

export default function DownloadItemView(props: Props) {
	const { client, signedIn, itemKey, pagePath, products, labels } = props;
	const [state, setState] = useState<State>({ status: 'loading' });

	useEffect(() => {
		findItem(client, itemKey).then((answer) =>
			setState(!answer.ok ? { status: 'unavailable' } : answer.data ? { status: 'ready', item: answer.data } : { status: 'missing' }),
		);
	}, [client, itemKey, signedIn]);

	const back = (
		<p>
			<a href={pagePath}>{labels.back}</a>
		</p>
	);
	if (state.status === 'loading') return <Loading text={labels.loading} live="none" />;
	if (state.status === 'unavailable')
		return <Unavailable text={labels.unavailable} />;
	if (state.status === 'missing')
		return (
			<div>
				<Unavailable text={labels.notFound} />
				{back}
			</div>
		);
	const { item } = state;
	return (
		<div class="mostrador-download-item" data-item={item.slug}>
			{back}
			<h2>{item.name}</h2>
			<p class="mostrador-download-facts">
				<span class="mostrador-badge">{labels[`kind.${item.kind}` as const]}</span>
				<VisibilityBadge visibility={item.visibility} signedIn={signedIn} labels={labels} />
				{item.product_id && products[item.product_id] && (
					<span>
						{labels.product}: {products[item.product_id]}
					</span>
				)}
			</p>
			{item.description && <p class="mostrador-download-text">{item.description}</p>}
			<h3>{labels.versions}</h3>
			{item.download_versions.length === 0 ? (
				<p class="mostrador-status">{labels.noVersions}</p>
			) : (
				<ul class="mostrador-download-versions">
					{item.download_versions.map((v) => (
						<DownloadVersionView key={v.id} {...props} item={item} version={v} />
					))}
				</ul>
			)}
		</div>
	);
}
