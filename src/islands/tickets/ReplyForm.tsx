// Replying to a ticket, with files: the text is required, files are checked before upload, uploaded
// one by one into the ticket's folder with each one's state shown, then the reply and the files are
// recorded together by reply_with_attachments. A failed upload or reply keeps the text and the files
// already uploaded, so sending again only redoes what failed.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { TicketsLabels } from './labels.ts';
import type { TicketDetail } from './ticket-row.ts';
import { ticketFolder } from '../shared/attachments.ts';
import { FilePicker, useChosenFiles } from '../shared/ticket/files.tsx';
import { failureOf, UNAVAILABLE } from '../shared/backend.ts';
import { errorText } from './errors.ts';

const BODY_MAX = 20000;

export default function ReplyForm({ client, ticket, labels, lang, onSent }: { client: SupabaseClient; ticket: TicketDetail; labels: TicketsLabels; lang: 'es' | 'en'; onSent: () => void }) {
	const [body, setBody] = useState('');
	const picker = useChosenFiles(labels);
	const [errors, setErrors] = useState<{ body?: string; form?: string }>({});
	const [busy, setBusy] = useState(false);
	const [done, setDone] = useState(false);

	async function send(e: Event) {
		e.preventDefault();
		setDone(false);
		const text = body.trim();
		picker.clearProblems();
		if (!text) return setErrors({ body: labels.bodyRequired });
		if (text.length > BODY_MAX) return setErrors({ body: labels.bodyTooLong });
		setErrors({});
		setBusy(true);
		try {
			const uploaded = await picker.upload(client, ticketFolder(ticket.organisation_id, ticket.id));
			if (!uploaded) return;
			const { error, status } = await client.rpc('reply_with_attachments', { ticket: ticket.id, body: text, attachments: uploaded });
			if (error) return setErrors({ form: errorText(failureOf(error, status), labels) });
			setBody('');
			picker.clear();
			setDone(true);
			onSent();
		} catch {
			setErrors({ form: errorText(UNAVAILABLE, labels) });
		} finally {
			setBusy(false);
		}
	}

	return (
		<form class="mostrador-form tickets-reply" onSubmit={send} noValidate aria-labelledby="tickets-reply-heading">
			<h3 id="tickets-reply-heading">{labels.reply}</h3>
			<label for="tickets-reply-body">{labels.replyBody}</label>
			<textarea
				id="tickets-reply-body"
				rows={6}
				value={body}
				onInput={(e) => setBody(e.currentTarget.value)}
				aria-invalid={!!errors.body}
				aria-describedby={errors.body ? 'tickets-reply-body-error' : undefined}
			/>
			{errors.body && (
				<p id="tickets-reply-body-error" class="mostrador-error">
					{errors.body}
				</p>
			)}
			<FilePicker picker={picker} labels={labels} lang={lang} busy={busy} idPrefix="tickets-reply" classPrefix="tickets" label={labels.replyFiles} hint={labels.replyFilesHint} />
			<button type="submit" class="mostrador-button" disabled={busy}>
				{busy ? labels.sending : labels.send}
			</button>
			{errors.form && (
				<p class="mostrador-error" role="alert">
					{errors.form}
				</p>
			)}
			{done && (
				<p class="mostrador-status" role="status">
					{labels.sent}
				</p>
			)}
		</form>
	);
}
