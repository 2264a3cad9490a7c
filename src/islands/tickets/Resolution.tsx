// When support has proposed a solution (status resolved): "Confirmar solución" closes the ticket
// (confirm_resolution); "Reabrir" asks what still fails and sends it back to the queue (reopen_ticket).
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { TicketsLabels } from './labels.ts';
import { failureOf, UNAVAILABLE } from '../shared/backend.ts';
import { errorText } from './errors.ts';

export default function Resolution({ client, ticketId, labels, onDone }: { client: SupabaseClient; ticketId: string; labels: TicketsLabels; onDone: (message: string) => void }) {
	const [reopening, setReopening] = useState(false);
	const [reason, setReason] = useState('');
	const [error, setError] = useState<{ field: 'reason' | 'form'; text: string } | null>(null);
	const [busy, setBusy] = useState(false);

	async function act(rpc: 'confirm_resolution' | 'reopen_ticket', args: { ticket: string; body?: string }, success: string) {
		setBusy(true);
		setError(null);
		try {
			const { error, status } = await client.rpc(rpc, args);
			if (error) return setError({ field: 'form', text: errorText(failureOf(error, status), labels) });
			onDone(success);
		} catch {
			setError({ field: 'form', text: errorText(UNAVAILABLE, labels) });
		} finally {
			setBusy(false);
		}
	}

	function reopen(e: Event) {
		e.preventDefault();
		const text = reason.trim();
		if (!text) return setError({ field: 'reason', text: labels.reopenRequired });
		if (text.length > 20000) return setError({ field: 'reason', text: labels.bodyTooLong });
		return act('reopen_ticket', { ticket: ticketId, body: text }, labels.reopened);
	}

	const formError = error?.field === 'form' && (
		<p class="mostrador-error" role="alert">
			{error.text}
		</p>
	);

	return (
		<section class="tickets-resolution" aria-labelledby="tickets-resolution-heading">
			<h3 id="tickets-resolution-heading">{labels.resolvedPrompt}</h3>
			{!reopening ? (
				<div class="tickets-actions">
					<button type="button" class="mostrador-button" disabled={busy} onClick={() => act('confirm_resolution', { ticket: ticketId }, labels.confirmed)}>
						{labels.confirm}
					</button>
					<button type="button" class="mostrador-button tickets-secondary" disabled={busy} onClick={() => (setError(null), setReopening(true))}>
						{labels.reopen}
					</button>
					{formError}
				</div>
			) : (
				<form class="mostrador-form" onSubmit={reopen} noValidate>
					<label for="tickets-reopen-reason">{labels.reopenReason}</label>
					<textarea
						id="tickets-reopen-reason"
						rows={4}
						value={reason}
						onInput={(e) => setReason(e.currentTarget.value)}
						aria-invalid={error?.field === 'reason'}
						aria-describedby={error?.field === 'reason' ? 'tickets-reopen-reason-error' : undefined}
					/>
					{error?.field === 'reason' && (
						<p id="tickets-reopen-reason-error" class="mostrador-error">
							{error.text}
						</p>
					)}
					<div class="tickets-actions">
						<button type="submit" class="mostrador-button" disabled={busy}>
							{labels.reopenSend}
						</button>
						<button type="button" class="mostrador-link" disabled={busy} onClick={() => (setError(null), setReopening(false))}>
							{labels.cancel}
						</button>
					</div>
					{formError}
				</form>
			)}
		</section>
	);
}
