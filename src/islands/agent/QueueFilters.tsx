// The queue's filters, each choice with how many tickets it would show given the other filters.
// Changing one filters the list at once (nothing is sent anywhere) and updates the address.
import type { ComponentChildren } from 'preact';
import { fill } from '../shared/labels.ts';
import type { AgentLabels } from './labels.ts';
import type { AgentProps } from './props.ts';
import type { StaffMember } from './queue-data.ts';
import { MINE, NO_PRODUCT, UNASSIGNED, type Facet, type FacetCounts, type QueueFilters } from './queue-filters.ts';
import type { QueueTicket } from './ticket-types.ts';
import { statusLabel } from '../shared/ticket-status.tsx';

interface Props extends Pick<AgentProps, 'programmes' | 'products'> {
	filters: QueueFilters;
	counts: FacetCounts;
	rows: readonly QueueTicket[];
	staff: StaffMember[];
	me: string;
	labels: AgentLabels;
	onChange: (facet: Facet, value: string) => void;
	onClear: () => void;
}

export default function QueueFiltersForm({ filters, counts, rows, staff, me, labels, programmes, products, onChange, onClear }: Props) {
	const option = (facet: Facet, value: string, label: string) => (
		<option key={value} value={value}>
			{fill(labels.optionCount, { label, count: counts[facet].get(value) ?? 0 })}
		</option>
	);
	const severities = new Map<string, string>();
	for (const p of Object.values(programmes)) for (const s of p.severities) if (!severities.has(s.key)) severities.set(s.key, s.label);
	const organisations = new Map<string, string>();
	for (const t of rows) organisations.set(t.organisation_id, t.organisation_name);
	const productIds = new Set<string>(Object.keys(products));
	for (const t of rows) if (t.product_id) productIds.add(t.product_id);

	const select = (facet: Facet, label: string, children: ComponentChildren) => (
		<div class="agent-filter">
			<label for={`agent-filter-${facet}`}>{label}</label>
			<select id={`agent-filter-${facet}`} value={filters[facet]} onChange={(e) => onChange(facet, e.currentTarget.value)}>
				{children}
			</select>
		</div>
	);

	return (
		<form class="agent-filters" aria-label={labels.filtersLabel} onSubmit={(e) => e.preventDefault()}>
			{select('status', labels.fStatus, [
				option('status', '', labels.statusActive),
				...(['new', 'open', 'pending_customer', 'resolved'] as const).map((s) => option('status', s, statusLabel(s, labels))),
				option('status', 'closed', labels.statusClosedRecent),
			])}
			{select('severity', labels.fSeverity, [option('severity', '', labels.anySeverity), ...[...severities].map(([key, label]) => option('severity', key, label))])}
			{select('organisation', labels.fOrganisation, [
				option('organisation', '', labels.anyOrganisation),
				...[...organisations].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => option('organisation', id, name)),
			])}
			{select('level', labels.fLevel, [option('level', '', labels.anyLevel), option('level', '1', fill(labels.levelN, { level: 1 })), option('level', '2', fill(labels.levelN, { level: 2 }))])}
			{select('assignee', labels.fAssignee, [
				option('assignee', '', labels.anyAssignee),
				option('assignee', MINE, labels.mine),
				option('assignee', UNASSIGNED, labels.unassigned),
				...staff.filter((s) => s.id !== me).map((s) => option('assignee', s.id, s.name)),
			])}
			{select('product', labels.fProduct, [
				option('product', '', labels.anyProduct),
				...[...productIds].sort().map((id) => option('product', id, products[id] ?? id)),
				option('product', NO_PRODUCT, labels.noProduct),
			])}
			<button type="button" class="mostrador-link agent-clear" onClick={onClear}>
				{labels.clearFilters}
			</button>
		</form>
	);
}
