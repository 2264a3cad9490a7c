// Every organisation with its plan and contract, each linking to its management view.
import { fill } from '../../shared/labels.ts';
import type { AdminProps } from '../props.ts';
import { contract, planName } from './format.ts';
import type { Organisation } from './organisations-api.ts';
import { TablePanel } from '../TablePanel.tsx';

export function OrganisationList({ organisations, props }: { organisations: Organisation[]; props: AdminProps }) {
	const { labels } = props;
	return (
		<TablePanel id="admin-orgs-heading" heading={labels['orgs.listHeading']} empty={organisations.length === 0 ? labels['orgs.empty'] : null} columns={[labels['orgs.name'], labels['orgs.plan'], labels['orgs.contract']]}>
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
		</TablePanel>
	);
}
