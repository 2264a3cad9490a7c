// A dashboard table: caption, grouped column headings, month and name cells as row headers, in a
// region that scrolls sideways with the keyboard, and a button that downloads the very same table as
// CSV. Cells carry the value the CSV holds (data-value) next to the text shown.
import { fill } from '../shared/labels.ts';
import { downloadCsv } from './csv.ts';
import type { DashboardLabels } from './labels.ts';
import type { Cell, TableModel } from './tables.ts';

interface Props {
	table: TableModel;
	labels: DashboardLabels;
	/** The downloaded file's name, without extension. */
	fileName: string;
}

/** Runs of adjacent columns under the same group heading (or none). */
function groupRuns(table: TableModel): { group?: string; span: number }[] {
	const runs: { group?: string; span: number }[] = [];
	for (const c of table.columns) {
		const last = runs[runs.length - 1];
		if (last && last.group === c.group) last.span++;
		else runs.push({ group: c.group, span: 1 });
	}
	return runs;
}

function CellContent({ cell }: { cell: Cell }) {
	return cell.datetime ? <time dateTime={cell.datetime}>{cell.text}</time> : <>{cell.text}</>;
}

export function DataTable({ table, labels, fileName }: Props) {
	const runs = groupRuns(table);
	const grouped = runs.some((r) => r.group);
	const captionId = `${table.id}-caption`;
	return (
		<div class="dashboard-table">
			<div class="dashboard-table-scroll" role="region" tabIndex={0} aria-label={fill(labels.tableRegion, { table: table.title })}>
				<table id={table.id}>
					<caption id={captionId}>{table.title}</caption>
					{grouped && runs.map((r, i) => <colgroup key={i} span={r.span} />)}
					<thead>
						{grouped && (
							<tr>
								{runs.map((r, i) =>
									r.group ? (
										<th key={i} scope="colgroup" colSpan={r.span}>
											{r.group}
										</th>
									) : (
										<td key={i} colSpan={r.span} />
									),
								)}
							</tr>
						)}
						<tr>
							{table.columns.map((c, i) => (
								<th key={i} scope="col" class={i < table.rowHeaders ? 'dashboard-name-column' : undefined}>
									{c.label}
								</th>
							))}
						</tr>
					</thead>
					<tbody>
						{table.rows.map((row, r) => (
							<tr key={r}>
								{row.map((cell, i) => {
									const value = cell.value === undefined ? undefined : String(cell.value);
									return i < table.rowHeaders ? (
										<th key={i} scope="row" data-value={value}>
											<CellContent cell={cell} />
										</th>
									) : (
										<td key={i} data-value={value}>
											<CellContent cell={cell} />
										</td>
									);
								})}
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<button type="button" class="mostrador-button dashboard-csv" onClick={() => downloadCsv(table, fileName)}>
				{labels.csv}
				<span class="sr-only"> {fill(labels.csvOf, { table: table.title })}</span>
			</button>
		</div>
	);
}
