// The queue (/agente/): tickets ordered by the nearest deadline they still owe, each with its SLA badge
// and a countdown that moves every 30 s from the rows already loaded; filters with counts; "Tomar" per
// row; assigning the selected ticket to another agent. Keyboard: j/k move the selection (and focus the
// ticket's link, so Enter opens it), t takes the selected ticket, r opens it ready to reply, ? shows the
// shortcuts. The list is fetched again after the agent's own actions, on "Actualizar" and once a minute
// while the page is in view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import type { AgentProps } from './props.ts';
import { planOf, severityLabel } from './props.ts';
import { loadQueue, type StaffMember } from './queue-data.ts';
import { applyFilters, countFacets, filtersFrom, NO_FILTERS, searchOf, type Facet, type QueueFilters } from './queue-filters.ts';
import type { QueueTicket } from './ticket-types.ts';
import type { Result } from '../shared/backend.ts';
import { errorText } from './errors.ts';
import { Loading, Unavailable } from '../shared/states.tsx';
import { slaState } from './deadlines.ts';
import { useNow } from './use-now.ts';
import { useShortcuts } from './use-shortcuts.ts';
import SlaBadge from './SlaBadge.tsx';
import { SeverityBadge, StatusBadge } from './StatusBadge.tsx';
import QueueFiltersForm from './QueueFilters.tsx';
import AssignForm, { takeTicket } from './AssignForm.tsx';
import { shortDate } from './format.ts';
import { HeaderRow } from '../shared/HeaderRow.tsx';

export const REFRESH_MS = 60_000;

interface Props extends AgentProps {
	client: SupabaseClient;
	me: string;
	staff: StaffMember[];
	ticketHref: (number: number, reply?: boolean) => string;
}

export default function Queue(props: Props) {
	const { client, me, staff, labels, lang, programmes, ticketHref } = props;
	const [filters, setFilters] = useState<QueueFilters>(() => filtersFrom(new URLSearchParams(location.search)));
	const [load, setLoad] = useState<Result<QueueTicket[]> | null>(null);
	const [loadedAt, setLoadedAt] = useState<number | null>(null);
	const [selectedId, setSelectedId] = useState<string | null>(null);
	const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
	const [busy, setBusy] = useState<string | null>(null);
	const now = useNow();
	const table = useRef<HTMLTableElement>(null);

	const refresh = useCallback(async () => {
		const next = await loadQueue(client);
		setLoadedAt(Date.now());
		// A failed background refresh keeps what is on screen.
		setLoad((current) => (!next.ok && current?.ok ? current : next));
	}, [client]);

	useEffect(() => {
		refresh();
		const timer = setInterval(() => document.visibilityState === 'visible' && refresh(), REFRESH_MS);
		return () => clearInterval(timer);
	}, [refresh]);

	const rows = load?.ok ? load.data : [];
	const visible = useMemo(() => applyFilters(rows, filters, me), [rows, filters, me]);
	const counts = useMemo(() => countFacets(rows, filters, me), [rows, filters, me]);
	const selectedIndex = Math.max(0, visible.findIndex((t) => t.id === selectedId));
	const selected = visible[selectedIndex] ?? null;

	function setFilter(facet: Facet, value: string) {
		const next = { ...filters, [facet]: value };
		setFilters(next);
		history.replaceState(null, '', `${location.pathname}${searchOf(next)}`);
	}

	function select(index: number) {
		const t = visible[Math.min(Math.max(index, 0), visible.length - 1)];
		if (!t) return;
		setSelectedId(t.id);
		table.current?.querySelector<HTMLAnchorElement>(`a[data-ticket="${t.id}"]`)?.focus();
	}

	async function take(t: QueueTicket) {
		setBusy(t.id);
		setSelectedId(t.id);
		const error = await takeTicket(client, t.id, labels);
		setBusy(null);
		setNotice(error ? { text: error, error: true } : { text: fill(labels.taken, { number: t.number }) });
		await refresh();
	}

	useShortcuts({
		j: () => select(selectedId === null ? 0 : selectedIndex + 1),
		k: () => select(selectedIndex - 1),
		Enter: (e) => {
			// On a link or a button Enter already does its own thing.
			if (selected && !(e.target instanceof HTMLAnchorElement || e.target instanceof HTMLButtonElement)) location.assign(ticketHref(selected.number));
		},
		t: () => selected && selected.assignee_id !== me && take(selected),
		r: () => selected && location.assign(ticketHref(selected.number, true)),
	});

	if (!load)
		return <Loading text={labels.loadingQueue} />;
	if (!load.ok)
		return <Unavailable text={errorText(load, labels)} retry={labels.retry} onRetry={refresh} />;

	return (
		<section class="agent-queue" aria-labelledby="agent-queue-heading">
			<div class="agent-toolbar">
				<h2 id="agent-queue-heading">{labels.queueHeading}</h2>
				<button type="button" class="mostrador-button agent-secondary" onClick={refresh}>
					{labels.refresh}
				</button>
				{loadedAt && <span class="mostrador-status">{fill(labels.updatedAt, { time: shortDate(loadedAt, lang) })}</span>}
			</div>
			<QueueFiltersForm
				filters={filters}
				counts={counts}
				rows={rows}
				staff={staff}
				me={me}
				labels={labels}
				programmes={programmes}
				products={props.products}
				onChange={setFilter}
				onClear={() => (setFilters(NO_FILTERS), history.replaceState(null, '', location.pathname))}
			/>
			<p class="mostrador-status" role="status">
				{fill(labels.queueCount, { count: visible.length })}
			</p>
			{notice && (
				<p class={notice.error ? 'mostrador-error' : 'mostrador-status agent-notice'} role={notice.error ? 'alert' : 'status'}>
					{notice.text}
				</p>
			)}
			{visible.length === 0 ? (
				<p class="agent-empty">{labels.queueEmpty}</p>
			) : (
				<div class="agent-table-wrap" tabIndex={0} role="group" aria-labelledby="agent-queue-heading">
					<table class="agent-table" ref={table}>
						<caption class="sr-only">{labels.queueCaption}</caption>
						<HeaderRow columns={[labels.colNumber, labels.colSubject, labels.colSla, labels.colSeverity, labels.colStatus, labels.colLevel, labels.colAssignee, labels.colActions]} />
						<tbody>
							{visible.map((t) => {
								const isSelected = selected?.id === t.id;
								const state = slaState(t, now, planOf(programmes, t.programme_id, t.plan_id)?.calendar);
								return (
									<tr key={t.id} class={`agent-row agent-row--${state.kind}${isSelected ? ' agent-row--selected' : ''}`} aria-current={isSelected ? 'true' : undefined}>
										<td>{t.number}</td>
										<td class="agent-subject">
											<a href={ticketHref(t.number)} data-ticket={t.id} onFocus={() => setSelectedId(t.id)}>
												{t.subject}
											</a>
											<span class="agent-sub">
												{t.organisation_name} · {t.requester_name ?? ''}
												{t.problem_id && <> · {labels.linkedToProblem}</>}
											</span>
										</td>
										<td>
											<SlaBadge state={state} now={now} labels={labels} lang={lang} />
										</td>
										<td>
											<SeverityBadge keyName={t.severity_key} label={severityLabel(programmes, t.programme_id, t.severity_key)} />
										</td>
										<td>
											<StatusBadge status={t.status} labels={labels} />
										</td>
										<td>{t.level}</td>
										<td>{t.assignee_id === null ? <span class="agent-muted">{labels.unassigned}</span> : t.assignee_id === me ? labels.you : t.assignee_name}</td>
										<td>
											{t.status !== 'closed' && t.assignee_id !== me && (
												<button
													type="button"
													class="mostrador-button agent-take"
													aria-label={fill(labels.takeTicket, { number: t.number })}
													disabled={busy === t.id}
													onClick={() => take(t)}
												>
													{labels.take}
												</button>
											)}
										</td>
									</tr>
								);
							})}
						</tbody>
					</table>
				</div>
			)}
			{selected && selected.status !== 'closed' && (
				<section class="agent-selected" aria-labelledby="agent-selected-heading">
					<h3 id="agent-selected-heading">{fill(labels.selectedHeading, { number: selected.number })}</h3>
					<AssignForm
						key={`${selected.id}:${selected.assignee_id}`}
						client={client}
						ticket={selected}
						staff={staff}
						me={me}
						labels={labels}
						idPrefix="agent-queue"
						onDone={(text) => (setNotice({ text }), refresh())}
					/>
				</section>
			)}
		</section>
	);
}
