// The catalogue as it stands: each item with who may download it and its latest version, checksum
// included, linking to the item on the downloads page.
import type { AdminProps } from '../props.ts';
import type { ManagedItem } from './downloads-api.ts';

export function ItemTable({ items, props }: { items: ManagedItem[]; props: AdminProps }) {
	const { labels, statusLabels } = props;
	return (
		<section class="admin-panel" aria-labelledby="admin-catalogue-heading">
			<h2 id="admin-catalogue-heading">{labels['catalogue.heading']}</h2>
			{items.length === 0 ? (
				<p>{labels['catalogue.empty']}</p>
			) : (
				<div class="admin-table-wrap" tabIndex={0} role="region" aria-labelledby="admin-catalogue-heading">
					<table class="admin-table">
						<thead>
							<tr>
								<th scope="col">{labels['catalogue.item']}</th>
								<th scope="col">{labels['item.visibility']}</th>
								<th scope="col">{labels['catalogue.latest']}</th>
								<th scope="col">{labels['version.sha256']}</th>
							</tr>
						</thead>
						<tbody>
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
						</tbody>
					</table>
				</div>
			)}
		</section>
	);
}
