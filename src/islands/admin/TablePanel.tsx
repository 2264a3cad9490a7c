// A panel listing things in a table: its heading, then "none yet" or the table in a focusable region
// named by the heading (so a wide table scrolls by keyboard), its column headers and the rows given.
import type { ComponentChildren } from 'preact';
import { HeaderRow } from '../shared/HeaderRow.tsx';

interface Props {
	/** The heading's id, which also names the table's region. */
	id: string;
	heading: string;
	/** Said instead of the table when there are no rows. */
	empty: string | null;
	columns: string[];
	children: ComponentChildren;
}

export function TablePanel({ id, heading, empty, columns, children }: Props) {
	return (
		<section class="admin-panel" aria-labelledby={id}>
			<h2 id={id}>{heading}</h2>
			{empty !== null ? (
				<p>{empty}</p>
			) : (
				<div class="admin-table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
					<table class="admin-table">
						<HeaderRow columns={columns} />
						<tbody>{children}</tbody>
					</table>
				</div>
			)}
		</section>
	);
}
