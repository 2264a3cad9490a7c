// A report's table of rows, or "none" when there are none: a focusable region named by its heading (so
// a wide table scrolls by keyboard), the column headers, and one cell per column in each row.
import type { ComponentChildren } from 'preact';
import { HeaderRow } from '../shared/HeaderRow.tsx';

interface Props<T> {
	/** The id of the heading that names the table. */
	labelledBy: string;
	columns: string[];
	rows: T[];
	rowKey: (row: T) => string | number;
	cells: (row: T) => ComponentChildren[];
	none: string;
}

export default function ReportTable<T>({ labelledBy, columns, rows, rowKey, cells, none }: Props<T>) {
	if (!rows.length) return <p>{none}</p>;
	return (
		<div class="report-table" role="region" aria-labelledby={labelledBy} tabindex={0}>
			<table>
				<HeaderRow columns={columns} />
				<tbody>
					{rows.map((r) => (
						<tr key={rowKey(r)}>
							{cells(r).map((c, i) => (
								<td key={i}>{c}</td>
							))}
						</tr>
					))}
				</tbody>
			</table>
		</div>
	);
}
