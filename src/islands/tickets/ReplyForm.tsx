// Replying to a ticket, with files: the text is required, files are checked before upload, uploaded
// one by one into the ticket's folder with each one's state shown, then the reply and the files are
// recorded together by reply_with_attachments. A failed upload or reply keeps the text and the files
// already uploaded, so sending again only redoes what failed.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fill } from '../shared/labels.ts';
import type { TicketsLabels } from './labels.ts';
import type { TicketDetail } from './ticket-row.ts';
import { ATTACHMENT_MAX_FILES, fileProblem, storagePathFor, ticketFolder } from '../shared/attachments.ts';
import { errorText } from './errors.ts';
import { fileSize } from './format.ts';

type FileState = 'waiting' | 'uploading' | 'uploaded' | 'failed';
interface Chosen {
	key: string;
	file: File;
	state: FileState;
	path?: string;
}

const BODY_MAX = 20000;

export default function ReplyForm({ client, ticket, labels, lang, onSent }: { client: SupabaseClient; ticket: TicketDetail; labels: TicketsLabels; lang: 'es' | 'en'; onSent: () => void }) {
	const [body, setBody] = useState('');
	const [files, setFiles] = useState<Chosen[]>([]);
	const [errors, setErrors] = useState<{ body?: string; files?: string[]; form?: string }>({});
	const [busy, setBusy] = useState(false);
	const [done, setDone] = useState(false);

	const stateText: Record<FileState, string> = { waiting: labels.fileWaiting, uploading: labels.fileUploading, uploaded: labels.fileUploaded, failed: labels.fileFailed };
	const update = (key: string, patch: Partial<Chosen>) => setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...patch } : f)));

	function choose(input: HTMLInputElement) {
		const problems: string[] = [];
		const accepted: Chosen[] = [];
		for (const file of Array.from(input.files ?? [])) {
			const problem = fileProblem(file);
			if (problem === 'too_large') problems.push(fill(labels.fileTooLarge, { name: file.name }));
			else if (problem) problems.push(fill(labels.fileType, { name: file.name }));
			else accepted.push({ key: crypto.randomUUID(), file, state: 'waiting' });
		}
		const all = [...files, ...accepted];
		if (all.length > ATTACHMENT_MAX_FILES) problems.push(fill(labels.tooManyFiles, { max: ATTACHMENT_MAX_FILES }));
		setFiles(all.slice(0, ATTACHMENT_MAX_FILES));
		setErrors((e) => ({ ...e, files: problems.length ? problems : undefined }));
		input.value = '';
	}

	async function send(e: Event) {
		e.preventDefault();
		setDone(false);
		const text = body.trim();
		if (!text) return setErrors({ body: labels.bodyRequired });
		if (text.length > BODY_MAX) return setErrors({ body: labels.bodyTooLong });
		setErrors({});
		setBusy(true);
		try {
			const uploaded: { storage_path: string; file_name: string; mime_type: string; size_bytes: number }[] = [];
			let failed = false;
			for (const chosen of files) {
				let path = chosen.path;
				if (chosen.state !== 'uploaded' || !path) {
					path = storagePathFor(ticketFolder(ticket.organisation_id, ticket.id), chosen.file.name);
					update(chosen.key, { state: 'uploading' });
					const { error } = await client.storage.from('attachments').upload(path, chosen.file, { contentType: chosen.file.type, upsert: false }).catch((error) => ({ error }));
					if (error) {
						update(chosen.key, { state: 'failed', path: undefined });
						failed = true;
						continue;
					}
					update(chosen.key, { state: 'uploaded', path });
				}
				uploaded.push({ storage_path: path, file_name: chosen.file.name, mime_type: chosen.file.type, size_bytes: chosen.file.size });
			}
			if (failed) return setErrors({ files: [labels.fileFailed] });
			const { error, status } = await client.rpc('reply_with_attachments', { ticket: ticket.id, body: text, attachments: uploaded });
			if (error) return setErrors({ form: errorText(error, labels, status) });
			setBody('');
			setFiles([]);
			setDone(true);
			onSent();
		} catch (error) {
			setErrors({ form: errorText(error as Error, labels) });
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
			<label for="tickets-reply-files">{labels.replyFiles}</label>
			<input
				id="tickets-reply-files"
				type="file"
				multiple
				onChange={(e) => choose(e.currentTarget)}
				disabled={busy}
				aria-invalid={!!errors.files}
				aria-describedby={errors.files ? 'tickets-reply-files-hint tickets-reply-files-error' : 'tickets-reply-files-hint'}
			/>
			<p id="tickets-reply-files-hint" class="mostrador-status">
				{labels.replyFilesHint}
			</p>
			{errors.files && (
				<ul id="tickets-reply-files-error" class="mostrador-error tickets-file-errors">
					{errors.files.map((p) => (
						<li>{p}</li>
					))}
				</ul>
			)}
			{files.length > 0 && (
				<ul class="tickets-chosen" aria-live="polite">
					{files.map((f) => (
						<li key={f.key} class={`tickets-chosen--${f.state}`}>
							<span>{f.file.name}</span> <span class="mostrador-status">({fileSize(f.file.size, lang)})</span> <span>{stateText[f.state]}</span>{' '}
							<button type="button" class="mostrador-link" disabled={busy} onClick={() => setFiles((all) => all.filter((x) => x.key !== f.key))}>
								{fill(labels.removeFile, { name: f.file.name })}
							</button>
						</li>
					))}
				</ul>
			)}
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
