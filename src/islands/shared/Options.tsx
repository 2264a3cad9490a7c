// The options of a select, one per named thing (organisation, product): its id as the value, its name.
export function Options({ items }: { items: readonly { id: string; name: string }[] }) {
	return (
		<>
			{items.map((o) => (
				<option key={o.id} value={o.id}>
					{o.name}
				</option>
			))}
		</>
	);
}
