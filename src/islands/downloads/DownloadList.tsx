// The catalogue: every item with its kind, who may download it, its product and latest version. The
// catalogue itself is public, so items for customers are listed too, saying that they need signing in.
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import { listItems, type DownloadItem } from './catalogue.ts';
import type { DownloadsProps } from './props.ts';
import VisibilityBadge from './VisibilityBadge.tsx';
import { Loading, Unavailable } from '../shared/states.tsx';

type State = { status: 'loading' } | { status: 'unavailable' } | { status: 'ready'; items: DownloadItem[] };

export default function DownloadList({ client, signedIn, pagePath, accountHref, products, labels }: DownloadsProps & { client: SupabaseClient; signedIn: boolean }) {
	const [state, setState] = useState<State>({ status: 'loading' });

	useEffect(() => {
		listItems(client).then((answer) => setState(answer.ok ? { status: 'ready', items: answer.data } : { status: 'unavailable' }));
	}, [client, signedIn]);

	if (state.status === 'loading') return <Loading text={labels.loading} live="none" />;
	if (state.status === 'unavailable')
		return <Unavailable text={labels.unavailable} />;
	if (state.items.length === 0) return <p class="mostrador-status">{labels.empty}</p>;
	const restricted = !signedIn && state.items.some((i) => i.visibility !== 'public');
	return (
		<div class="mostrador-downloads-list">
			{restricted && (
				<p class="mostrador-downloads-note">
					{labels.signedOutNote} <a href={accountHref}>{labels.signInToDownload}</a>
				</p>
			)}
			<ul aria-label={labels.listLabel}>
				{state.items.map((item) => {
					const latest = item.download_versions[0];
					return (
						<li class="mostrador-download-card" data-item={item.slug}>
							<h2>
								<a href={`${pagePath}?item=${encodeURIComponent(item.slug)}`}>{item.name}</a>
							</h2>
							<p class="mostrador-download-facts">
								<span class="mostrador-badge">{labels[`kind.${item.kind}` as const]}</span>
								<VisibilityBadge visibility={item.visibility} signedIn={signedIn} labels={labels} />
								{item.product_id && products[item.product_id] && <span>{products[item.product_id]}</span>}
								{latest && <span>{fill(labels.latest, { version: latest.version })}</span>}
							</p>
							{item.description && <p>{item.description}</p>}
						</li>
					);
				})}
			</ul>
		</div>
	);
}
