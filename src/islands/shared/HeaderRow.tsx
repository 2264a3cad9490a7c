// A table's head: one column header per label.
export function HeaderRow({ columns }: { columns: readonly string[] }) {
	return (
		<thead>
			<tr>
				{columns.map((c, i) => (
					<th key={i} scope="col">
						{c}
					</th>
				))}
			</tr>
		</thead>
	);
}
