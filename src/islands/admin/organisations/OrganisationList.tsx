// Every organisation with its plan and contract, each linking to its management view.
import { fill } from '../../shared/labels.ts';
import type { AdminProps } from '../props.ts';
import { contract, planName } from './format.ts';
import type { Organisation } from './organisations-api.ts';

export function OrganisationList({ organisations, props }: { organisations: Organisation[]; props: AdminProps }) {
	const { labels } = props;
	return (
		<section class="admin-panel" aria-labelledby="admin-orgs-heading">
			<h2 id="admin-orgs-heading">{labels['orgs.listHeading']}</h2>
			{organisations.length === 0 ? (
				<p>{labels['orgs.empty']}</p>
			) : (
				<div class="admin-table-wrap" tabIndex={0} role="region" aria-labelledby="admin-orgs-heading">
					<table class="admin-table">
						<thead>
							<tr>
								<th scope="col">{labels['orgs.name']}</th>
								<th scope="col">{labels['orgs.plan']}</th>
								<th scope="col">{labels['orgs.contract']}</th>
							</tr>
						</thead>
						<tbody>
							{organisations.map((o) => (
								<tr key={o.id}>
									<th scope="row">
										<a href={`?seccion=organizaciones&organizacion=${o.id}`} aria-label={fill(labels['orgs.manageLabel'], { name: o.name })}>
											{o.name}
										</a>
									</th>
									<td>{planName(o, props)}</td>
									<td>{contract(o, props)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</section>
	);
}
