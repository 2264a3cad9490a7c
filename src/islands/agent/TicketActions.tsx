// Moving a ticket: take it or hand it over, change its severity or level (the SLA sweep then rebuilds
// its due times from the whole history; the SLA panel previews them meanwhile), and take back a ticket
// waiting on the customer, with the reason kept as an internal note.
import { useState } from 'preact/hooks';
import type { RpcArgs, RpcName, SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import type { AgentLabels } from './labels.ts';
import type { SeverityInfo } from './props.ts';
import type { QueueTicket } from './ticket-types.ts';
import type { StaffMember } from './queue-data.ts';
import { call } from '../shared/backend.ts';
import { errorText } from './errors.ts';
import AssignForm, { takeTicket } from './AssignForm.tsx';

interface Props {
	client: SupabaseClient;
	ticket: QueueTicket;
	severities: SeverityInfo[];
	staff: StaffMember[];
	me: string;
	labels: AgentLabels;
	onDone: (message: string, error?: boolean) => void;
}

export default function TicketActions({ client, ticket, severities, staff, me, labels, onDone }: Props) {
	const [severity, setSeverity] = useState(ticket.severity_key);
	const [level, setLevel] = useState(String(ticket.level));
	const [reason, setReason] = useState('');
	const [reasonError, setReasonError] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);
	const closed = ticket.status === 'closed';

	async function run<F extends RpcName>(rpc: F, args: RpcArgs<F>, success: string) {
		setBusy(true);
		const result = await call(() => client.rpc(rpc, args));
		setBusy(false);
		if (!result.ok) return onDone(errorText(result, labels), true);
		onDone(success);
		return true;
	}

	async function take() {
		setBusy(true);
		const error = await takeTicket(client, ticket.id, labels);
		setBusy(false);
		onDone(error ?? fill(labels.taken, { number: ticket.number }), !!error);
	}

	async function reopen(e: Event) {
		e.preventDefault();
		const text = reason.trim();
		if (!text) return setReasonError(labels.reopenRequired);
		setReasonError(null);
		if (await run('staff_reopen_ticket', { ticket: ticket.id, body: text }, labels.reopenedDone)) setReason('');
	}

	if (closed) return null;
	return (
		<section class="agent-panel agent-actions" aria-labelledby="agent-actions-heading">
			<h3 id="agent-actions-heading">{labels.actionsHeading}</h3>
			{ticket.assignee_id !== me && (
				<p>
					<button type="button" class="mostrador-button" onClick={take} disabled={busy || ticket.assignee_id !== null} aria-describedby={ticket.assignee_id ? 'agent-take-hint' : undefined}>
						{labels.take}
					</button>
					{ticket.assignee_id && (
						<span id="agent-take-hint" class="mostrador-status">
							{' '}
							{fill(labels.takenBy, { name: ticket.assignee_name ?? '' })}
						</span>
					)}
				</p>
			)}
			<AssignForm key={`${ticket.id}:${ticket.assignee_id}`} client={client} ticket={ticket} staff={staff} me={me} labels={labels} idPrefix="agent-ws" onDone={(m) => onDone(m)} />

			<form
				class="agent-inline-form"
				noValidate
				onSubmit={(e) => {
					e.preventDefault();
					run('change_severity', { ticket: ticket.id, severity }, fill(labels.severityChanged, { severity }));
				}}
			>
				<label for="agent-severity">{labels.fSeverity}</label>
				<select id="agent-severity" value={severity} onChange={(e) => setSeverity(e.currentTarget.value)}>
					{severities.map((s) => (
						<option key={s.key} value={s.key}>
							{s.label}
						</option>
					))}
				</select>
				<button type="submit" class="mostrador-button agent-secondary" disabled={busy || severity === ticket.severity_key}>
					{labels.changeSeverity}
				</button>
			</form>

			<form
				class="agent-inline-form"
				noValidate
				onSubmit={(e) => {
					e.preventDefault();
					run('change_level', { ticket: ticket.id, level: Number(level) }, fill(labels.levelChanged, { level }));
				}}
			>
				<label for="agent-level">{labels.fLevel}</label>
				<select id="agent-level" value={level} onChange={(e) => setLevel(e.currentTarget.value)}>
					<option value="1">{fill(labels.levelN, { level: 1 })}</option>
					<option value="2">{fill(labels.levelN, { level: 2 })}</option>
				</select>
				<button type="submit" class="mostrador-button agent-secondary" disabled={busy || level === String(ticket.level)}>
					{labels.changeLevel}
				</button>
			</form>

			{(ticket.status === 'pending_customer' || ticket.status === 'resolved') && (
				<form class="mostrador-form agent-reopen" onSubmit={reopen} noValidate>
					<label for="agent-reopen-reason">{labels.reopenReason}</label>
					<textarea
						id="agent-reopen-reason"
						rows={3}
						value={reason}
						onInput={(e) => setReason(e.currentTarget.value)}
						aria-invalid={!!reasonError}
						aria-describedby={reasonError ? 'agent-reopen-reason-error agent-reopen-hint' : 'agent-reopen-hint'}
					/>
					<p id="agent-reopen-hint" class="mostrador-status">
						{labels.reopenHint}
					</p>
					{reasonError && (
						<p id="agent-reopen-reason-error" class="mostrador-error">
							{reasonError}
						</p>
					)}
					<button type="submit" class="mostrador-button agent-secondary" disabled={busy}>
						{labels.reopen}
					</button>
				</form>
			)}
		</section>
	);
}
