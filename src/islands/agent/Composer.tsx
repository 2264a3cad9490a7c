// Writing on a ticket: a public reply, an internal note (only support sees it), a request for
// information (the ticket waits on the customer and its clock pauses) or a proposed solution (resolved,
// waiting for the customer to confirm), with files, through agent_reply. Files are checked, then
// uploaded one by one into the folder that matches what is being written (the ticket's folder, or the
// staff-only internal one), each one's state shown; a failed upload or send keeps the text and what was
// already uploaded. A knowledge-base link can be inserted where the cursor is.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { AgentLabels } from './labels.ts';
import type { AgentProps } from './props.ts';
import type { QueueTicket } from './ticket-types.ts';
import { ticketFolder } from '../shared/attachments.ts';
import { FilePicker, useChosenFiles } from '../shared/ticket/files.tsx';
import { call } from '../shared/backend.ts';
import { errorText } from './errors.ts';
import KbSearch, { type Article } from './KbSearch.tsx';

export type ComposerMode = 'reply' | 'note' | 'request_info' | 'resolve';
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
	const picker = useChosenFiles(labels);
	const [errors, setErrors] = useState<{ body?: string; form?: string }>({});
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
		picker.clearProblems();
		if (!value) return setErrors({ body: labels.bodyRequired });
		if (value.length > BODY_MAX) return setErrors({ body: labels.bodyTooLong });
		setErrors({});
		setBusy(true);
		try {
			const folder = ticketFolder(ticket.organisation_id, ticket.id, mode === 'note');
			// A file uploaded for another kind of message (a note's folder, a reply's) is uploaded again where it belongs.
			const uploaded = await picker.upload(client, folder);
			if (!uploaded) return;
			const result = await call(() => client.rpc('agent_reply', { ticket: ticket.id, body: value, action: mode, attachments: uploaded }));
			if (!result.ok) return setErrors({ form: errorText(result, labels) });
			setBody('');
			picker.clear();
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
			<FilePicker
				picker={picker}
				labels={labels}
				lang={lang}
				busy={busy}
				idPrefix="agent-composer"
				classPrefix="agent"
				label={mode === 'note' ? labels.filesInternal : labels.filesPublic}
				hint={labels.filesHint}
			/>
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
