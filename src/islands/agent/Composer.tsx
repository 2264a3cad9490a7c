// Writing on a ticket: a public reply, an internal note (only support sees it), a request for
// information (the ticket waits on the customer and its clock pauses) or a proposed solution (resolved,
// waiting for the customer to confirm), with files, through agent_reply. Files are checked, then
// uploaded one by one into the folder that matches what is being written (the ticket's folder, or the
// staff-only internal one), each one's state shown; a failed upload or send keeps the text and what was
// already uploaded. A knowledge-base link can be inserted where the cursor is.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fill } from '../shared/labels.ts';
import type { AgentLabels } from './labels.ts';
import type { AgentProps } from './props.ts';
import type { QueueTicket } from './ticket-types.ts';
import { ATTACHMENT_MAX_FILES, fileProblem, storagePathFor, ticketFolder } from '../shared/attachments.ts';
import { call, errorText } from './errors.ts';
import { fileSize } from './format.ts';
import KbSearch, { type Article } from './KbSearch.tsx';

export type ComposerMode = 'reply' | 'note' | 'request_info' | 'resolve';
type FileState = 'waiting' | 'uploading' | 'uploaded' | 'failed';
interface Chosen {
	key: string;
	file: File;
	state: FileState;
	path?: string;
}

const BODY_MAX = 20000;

interface Props extends Pick<AgentProps, 'labels' | 'lang' | 'searchKeys' | 'kbLabel'> {
	client: SupabaseClient;
	ticket: QueueTicket;
	/** Bumped by the "r" shortcut: switch to a public reply and put the cursor in the text. */
	focusRequest: number;
	onSent: (message: string) => void;
}

export default function Composer({ client, ticket, labels, lang, searchKeys, kbLabel, focusRequest, onSent }: Props) {
	const [mode, setMode] = useState<ComposerMode>('reply');
	const [body, setBody] = useState('');
	const [files, setFiles] = useState<Chosen[]>([]);
	const [errors, setErrors] = useState<{ body?: string; files?: string[]; form?: string }>({});
	const [busy, setBusy] = useState(false);
	const text = useRef<HTMLTextAreaElement>(null);

	useEffect(() => {
		if (focusRequest === 0) return;
		setMode('reply');
		text.current?.focus();
	}, [focusRequest]);

	const modes: { value: ComposerMode; label: string }[] = [
		{ value: 'reply', label: labels.modeReply },
		{ value: 'note', label: labels.modeNote },
		...(ticket.status === 'resolved' ? [] : [{ value: 'request_info' as const, label: labels.modeRequestInfo }]),
		{ value: 'resolve', label: labels.modeResolve },
	];
	const bodyLabel = { reply: labels.bodyReply, note: labels.bodyNote, request_info: labels.bodyRequestInfo, resolve: labels.bodyResolve }[mode];
	const sendLabel = { reply: labels.sendReply, note: labels.sendNote, request_info: labels.sendRequestInfo, resolve: labels.sendResolve }[mode];
	const doneText = { reply: labels.sentReply, note: labels.sentNote, request_info: labels.sentRequestInfo, resolve: labels.sentResolve }[mode];
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

	function insertLink(article: Article) {
		const link = `${article.title}: ${new URL(article.url, location.origin).href}`;
		const area = text.current;
		const start = area?.selectionStart ?? body.length;
		const end = area?.selectionEnd ?? body.length;
		const before = body.slice(0, start);
		const glue = before && !/\s$/.test(before) ? ' ' : '';
		const next = `${before}${glue}${link}${body.slice(end)}`;
		setBody(next);
		requestAnimationFrame(() => {
			if (!area) return;
			area.focus();
			const at = before.length + glue.length + link.length;
			area.setSelectionRange(at, at);
		});
	}

	async function send(e: Event) {
		e.preventDefault();
		const value = body.trim();
		if (!value) return setErrors({ body: labels.bodyRequired });
		if (value.length > BODY_MAX) return setErrors({ body: labels.bodyTooLong });
		setErrors({});
		setBusy(true);
		try {
			const folder = ticketFolder(ticket.organisation_id, ticket.id, mode === 'note');
			const uploaded: { storage_path: string; file_name: string; mime_type: string; size_bytes: number }[] = [];
			let failed = false;
			for (const chosen of files) {
				let path = chosen.path;
				// Uploaded for another kind of message (a note's folder, a reply's): upload it again where it belongs.
				if (chosen.state !== 'uploaded' || !path || !path.startsWith(folder)) {
					path = storagePathFor(folder, chosen.file.name);
					update(chosen.key, { state: 'uploading' });
					const { error } = await client.storage
						.from('attachments')
						.upload(path, chosen.file, { contentType: chosen.file.type, upsert: false })
						.catch((error: Error) => ({ error }));
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
			const result = await call(() => client.rpc('agent_reply', { ticket: ticket.id, body: value, action: mode, attachments: uploaded }));
			if (!result.ok) return setErrors({ form: errorText(result.error, labels, result.status) });
			setBody('');
			setFiles([]);
			setMode('reply');
			onSent(doneText);
		} finally {
			setBusy(false);
		}
	}

	return (
		<form class={`mostrador-form agent-composer agent-composer--${mode}`} id="responder" onSubmit={send} noValidate aria-labelledby="agent-composer-heading">
			<h3 id="agent-composer-heading">{labels.composerHeading}</h3>
			<fieldset class="agent-modes">
				<legend>{labels.modeLegend}</legend>
				{modes.map((m) => (
					<label key={m.value} class="agent-mode">
						<input type="radio" name="agent-mode" value={m.value} checked={mode === m.value} onChange={() => setMode(m.value)} /> {m.label}
					</label>
				))}
			</fieldset>
			{mode === 'note' && <p class="agent-note-hint">{labels.noteHint}</p>}
			{mode === 'request_info' && <p class="agent-note-hint">{labels.requestInfoHint}</p>}
			{mode === 'resolve' && <p class="agent-note-hint">{labels.resolveHint}</p>}
			<label for="agent-composer-body">{bodyLabel}</label>
			<textarea
				id="agent-composer-body"
				ref={text}
				rows={7}
				value={body}
				onInput={(e) => setBody(e.currentTarget.value)}
				aria-invalid={!!errors.body}
				aria-describedby={errors.body ? 'agent-composer-body-error' : undefined}
			/>
			{errors.body && (
				<p id="agent-composer-body-error" class="mostrador-error">
					{errors.body}
				</p>
			)}
			<details class="agent-kb-insert">
				<summary>{labels.insertKbSummary}</summary>
				<KbSearch
					labels={labels}
					keys={searchKeys}
					kbLabel={kbLabel}
					idPrefix="agent-composer"
					label={labels.kbQuery}
					pickText={labels.insertLink}
					pickLabel={labels.insertLinkTo}
					onPick={insertLink}
				/>
			</details>
			<label for="agent-composer-files">{mode === 'note' ? labels.filesInternal : labels.filesPublic}</label>
			<input
				id="agent-composer-files"
				type="file"
				multiple
				onChange={(e) => choose(e.currentTarget)}
				disabled={busy}
				aria-invalid={!!errors.files}
				aria-describedby={errors.files ? 'agent-composer-files-hint agent-composer-files-error' : 'agent-composer-files-hint'}
			/>
			<p id="agent-composer-files-hint" class="mostrador-status">
				{labels.filesHint}
			</p>
			{errors.files && (
				<ul id="agent-composer-files-error" class="mostrador-error agent-file-errors">
					{errors.files.map((p) => (
						<li>{p}</li>
					))}
				</ul>
			)}
			{files.length > 0 && (
				<ul class="agent-chosen" aria-live="polite">
					{files.map((f) => (
						<li key={f.key} class={`agent-chosen--${f.state}`}>
							<span>{f.file.name}</span> <span class="mostrador-status">({fileSize(f.file.size, lang)})</span> <span>{stateText[f.state]}</span>{' '}
							<button type="button" class="mostrador-link" disabled={busy} onClick={() => setFiles((all) => all.filter((x) => x.key !== f.key))}>
								{fill(labels.removeFile, { name: f.file.name })}
							</button>
						</li>
					))}
				</ul>
			)}
			<button type="submit" class="mostrador-button" disabled={busy}>
				{busy ? labels.sending : sendLabel}
			</button>
			{errors.form && (
				<p class="mostrador-error" role="alert">
					{errors.form}
				</p>
			)}
		</form>
	);
}
