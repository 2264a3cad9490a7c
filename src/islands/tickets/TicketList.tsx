// "Mis tickets" / "Tickets de mi organización": a toggle between the tickets the reader opened and
// all of their organisations' tickets, filters by status and severity, a search over subject and
// number (server-side), newest first, 20 a page. The state lives in the address so "Volver" restores it.
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import type { TicketsProps } from './props.ts';
import { severityLabel } from './props.ts';
import { filtersFrom, searchOf, type ListFilters } from './list-filters.ts';
import { fetchTickets, PAGE_SIZE, type ListResult } from './list-query.ts';
import { TICKET_STATUSES, zoneOf } from './ticket-row.ts';
import { DueBadge, SeverityBadge, StatusBadge } from './Badges.tsx';
import { statusLabel } from '../shared/ticket-status.tsx';
import { errorText } from './errors.ts';
import { Loading, Unavailable } from '../shared/states.tsx';
import { shortDate } from './format.ts';
import { HeaderRow } from '../shared/HeaderRow.tsx';

interface Props extends TicketsProps {
	client: SupabaseClient;
	userId: string;
	ticketPath: (n: number) => string;
	newTicketPath: string;
}

export default function TicketList({ client, userId, labels, lang, severities, ticketPath, newTicketPath }: Props) {
	const [filters, setFilters] = useState<ListFilters>(() => filtersFrom(new URLSearchParams(location.search)));
	const [query, setQuery] = useState(filters.q);
	const [result, setResult] = useState<ListResult | null>(null);
	const [programmes, setProgrammes] = useState<string[] | null>(null);

	useEffect(() => {
		let live = true;
		setResult(null);
		fetchTickets(client, userId, filters).then((r) => live && setResult(r));
		history.replaceState(history.state, '', location.pathname + searchOf(filters));
		return () => {
			live = false;
		};
	}, [client, userId, filters]);

	// The severity filter offers the severities of the programmes the reader's organisations are on.
	useEffect(() => {
		client
			.from('organisations')
			.select('programme_id')
			.then(({ data }) => setProgrammes([...new Set((data ?? []).map((o: { programme_id: string }) => o.programme_id))]));
	}, [client]);

	const change = (patch: Partial<ListFilters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
	const severityOptions = (programmes?.length ? programmes : Object.keys(severities)).flatMap((p) => severities[p] ?? []);
	const uniqueSeverities = severityOptions.filter((s, i) => severityOptions.findIndex((o) => o.key === s.key) === i);
	const now = Date.now();
	const viewName = filters.view === 'mine' ? labels.mine : labels.organisation;

	return (
		<div class="tickets-list">
			<div class="tickets-toolbar">
				<div class="tickets-views" role="group" aria-label={labels.viewLabel}>
					{(['mine', 'org'] as const).map((view) => (
						<button type="button" class="tickets-view" aria-pressed={filters.view === view} onClick={() => change({ view })}>
							{view === 'mine' ? labels.mine : labels.organisation}
						</button>
					))}
				</div>
				<a class="mostrador-button tickets-new" href={newTicketPath}>
					{labels.newTicket}
				</a>
			</div>

			<form
				class="mostrador-form tickets-filters"
				role="search"
				aria-label={labels.filtersLabel}
				onSubmit={(e) => {
					e.preventDefault();
					change({ q: query.trim() });
				}}
			>
				<div class="tickets-field tickets-field--search">
					<label for="tickets-q">{labels.search}</label>
					<input id="tickets-q" type="search" value={query} maxLength={200} onInput={(e) => setQuery(e.currentTarget.value)} />
				</div>
				<div class="tickets-field">
					<label for="tickets-status">{labels.status}</label>
					<select id="tickets-status" value={filters.status} onChange={(e) => change({ status: e.currentTarget.value as ListFilters['status'] })}>
						<option value="">{labels.anyStatus}</option>
						{TICKET_STATUSES.map((s) => (
							<option value={s}>{statusLabel(s, labels)}</option>
						))}
					</select>
				</div>
				<div class="tickets-field">
					<label for="tickets-severity">{labels.severity}</label>
					<select id="tickets-severity" value={filters.severity} onChange={(e) => change({ severity: e.currentTarget.value })}>
						<option value="">{labels.anySeverity}</option>
						{uniqueSeverities.map((s) => (
							<option value={s.key}>{s.label}</option>
						))}
					</select>
				</div>
				<button type="submit" class="mostrador-button">
					{labels.searchButton}
				</button>
			</form>

			{results()}
		</div>
	);

	function results() {
		if (!result)
			return <Loading text={labels.loading} />;
		if (!result.ok)
			return <Unavailable text={errorText(result, labels)} retry={labels.refresh} onRetry={() => setFilters({ ...filters })} />;
		// Past EXACT_UP_TO the total is an estimate: "más de 1000", and no last page.
		const pages = Math.max(1, Math.ceil(result.count / PAGE_SIZE));
		const filtered = filters.status || filters.severity || filters.q;
		return (
			<>
				<p class="mostrador-status" role="status">
					{result.count === 0
						? filters.view === 'mine' && !filtered
							? labels.emptyMine
							: labels.empty
						: fill(result.exact ? labels.count : labels.countMore, { count: result.count })}
				</p>
				{result.rows.length > 0 && (
					<div class="tickets-table not-content" role="region" aria-label={viewName} tabIndex={0}>
						<table>
							<caption class="sr-only">{viewName}</caption>
							<HeaderRow columns={[labels.colNumber, labels.colSubject, labels.colStatus, labels.colSeverity, labels.colDue, labels.colCreated]} />
							<tbody>
								{result.rows.map((t) => (
									<tr key={t.id}>
										<td>{t.number}</td>
										<td>
											<a href={ticketPath(t.number)}>{t.subject}</a>
										</td>
										<td>
											<StatusBadge status={t.status} labels={labels} />
										</td>
										<td>
											<SeverityBadge label={severityLabel(severities, t.programme_id, t.severity_key)} />
										</td>
										<td>
											<DueBadge ticket={t} labels={labels} lang={lang} now={now} />
										</td>
										<td>{shortDate(t.created_at, lang, zoneOf(t))}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
				{(result.page > 1 || result.hasNext) && (
					<nav class="tickets-pager" aria-label={labels.pagination}>
						<button type="button" class="mostrador-button" disabled={result.page <= 1} onClick={() => setFilters({ ...filters, page: result.page - 1 })}>
							{labels.previous}
						</button>
						<span>{result.exact ? fill(labels.page, { page: result.page, pages }) : fill(labels.pageOpen, { page: result.page })}</span>
						<button type="button" class="mostrador-button" disabled={!result.hasNext} onClick={() => setFilters({ ...filters, page: result.page + 1 })}>
							{labels.next}
						</button>
					</nav>
				)}
			</>
		);
	}
}
