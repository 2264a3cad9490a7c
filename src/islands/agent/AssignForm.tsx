// Hands a ticket to an agent (or to nobody) through assign_ticket; "Tomar" is take_ticket, which
// refuses a ticket someone else already has, so two agents never both believe it is theirs.
import { useState } from 'preact/hooks';
import { SQL_NULL, type SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import type { AgentLabels } from './labels.ts';
import type { StaffMember } from './queue-data.ts';
import { call } from '../shared/backend.ts';
import { errorText } from './errors.ts';

export async function takeTicket(client: SupabaseClient, ticketId: string, labels: AgentLabels): Promise<string | null> {
	const result = await call(() => client.rpc('take_ticket', { ticket: ticketId }));
	return result.ok ? null : errorText(result, labels);
}

interface Props {
	client: SupabaseClient;
	ticket: { id: string; number: number; assignee_id: string | null };
	staff: StaffMember[];
	me: string;
	labels: AgentLabels;
	onDone: (message: string) => void;
	/** Distinguishes the ids when the form appears more than once on a page. */
	idPrefix: string;
}

export default function AssignForm({ client, ticket, staff, me, labels, onDone, idPrefix }: Props) {
	const [who, setWho] = useState(ticket.assignee_id ?? '');
	const [error, setError] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);
	const selectId = `${idPrefix}-assignee`;
	const errorId = `${idPrefix}-assign-error`;

	async function assign(e: Event) {
		e.preventDefault();
		setBusy(true);
		setError(null);
		const result = await call(() => client.rpc('assign_ticket', { ticket: ticket.id, assignee: who || SQL_NULL }));
		setBusy(false);
		if (!result.ok) return setError(errorText(result, labels));
		const name = staff.find((s) => s.id === who)?.name;
		if (!who) return onDone(fill(labels.unassignedDone, { number: ticket.number }));
		onDone(who === me ? fill(labels.assignedToMeDone, { number: ticket.number }) : fill(labels.assignedTo, { number: ticket.number, name: name ?? '' }));
	}

	return (
		<form class="agent-assign" onSubmit={assign} noValidate>
			<label for={selectId}>{fill(labels.assignLabel, { number: ticket.number })}</label>
			<select id={selectId} value={who} onChange={(e) => setWho(e.currentTarget.value)} aria-describedby={error ? errorId : undefined}>
				<option value="">{labels.unassigned}</option>
				{staff.map((s) => (
					<option key={s.id} value={s.id}>
						{s.id === me ? fill(labels.meOption, { name: s.name }) : s.name}
					</option>
				))}
			</select>
			<button type="submit" class="mostrador-button agent-secondary" disabled={busy || who === (ticket.assignee_id ?? '')}>
				{labels.assign}
			</button>
			{error && (
				<p id={errorId} class="mostrador-error" role="alert">
					{error}
				</p>
			)}
		</form>
	);
}
