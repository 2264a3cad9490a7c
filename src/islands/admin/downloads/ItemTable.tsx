// The catalogue as it stands: each item with who may download it and its latest version, checksum
// included, linking to the item on the downloads page.
import type { AdminProps } from '../props.ts';
import type { ManagedItem } from './downloads-api.ts';
import { TablePanel } from '../TablePanel.tsx';

export function ItemTable({ items, props }: { items: ManagedItem[]; props: AdminProps }) {
	const { labels, statusLabels } = props;
	return (
		<TablePanel id="admin-catalogue-heading" heading={labels['catalogue.heading']} empty={items.length === 0 ? labels['catalogue.empty'] : null} columns={[labels['catalogue.item'], labels['item.visibility'], labels['catalogue.latest'], labels['version.sha256']]}>
			{items.map((i) => {
				const latest = i.download_versions[0];
				return (
					<tr key={i.id}>
						<th scope="row">
							<a href={`${props.paths.downloads}?item=${encodeURIComponent(i.slug)}`}>{i.name}</a>
							<br />
							<code>{i.slug}</code>
						</th>
						<td>{labels[`visibility.${i.visibility}`]}</td>
						<td>{latest ? `${latest.version} · ${statusLabels[latest.support_status]}` : labels['catalogue.noVersions']}</td>
						<td>{latest ? <code class="admin-sha">{latest.sha256}</code> : '—'}</td>
					</tr>
				);
			})}
		</TablePanel>
	);
}
