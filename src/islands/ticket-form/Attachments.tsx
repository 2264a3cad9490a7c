// The attachments field: a file picker, then one line per file with its size, its own progress bar
// while it uploads, and why it was refused if it was (next to that file).
import { fill } from '../shared/labels.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES } from '#shared/ticket-input.ts';
import type { TicketFormLabels } from './labels.ts';
import { attachmentMessage, formatBytes } from './messages.ts';
import { describedBy } from './Field.tsx';
import type { AttachmentItem } from './use-attachments.ts';

export interface AttachmentsProps {
	id: string;
	items: AttachmentItem[];
	tooMany: boolean;
	error?: string;
	disabled: boolean;
	labels: TicketFormLabels;
	lang: 'es' | 'en';
	onAdd(files: File[]): void;
	onRemove(id: string): void;
}

export function Attachments({ id, items, tooMany, error, disabled, labels, lang, onAdd, onRemove }: AttachmentsProps) {
	const hintId = `${id}-hint`;
	const fieldError = error ?? (tooMany ? attachmentMessage('too_many_attachments', '', labels) : undefined);
	const errorId = fieldError ? `${id}-error` : undefined;
	return (
		<div class="ticket-form-field ticket-form-attachments">
			<label for={id}>
				{labels.attachments} <span class="ticket-form-optional">({labels.optional})</span>
			</label>
			<p id={hintId} class="ticket-form-hint">
				{fill(labels.attachmentsHint, { count: ATTACHMENT_MAX_FILES, max: formatBytes(ATTACHMENT_MAX_BYTES, lang) })}
			</p>
			<input
				id={id}
				type="file"
				multiple
				disabled={disabled}
				aria-invalid={!!fieldError}
				aria-describedby={describedBy(hintId, errorId)}
				data-field="attachments"
				onChange={(e) => {
					const input = e.currentTarget;
					onAdd([...(input.files ?? [])]);
					input.value = '';
				}}
			/>
			{fieldError && (
				<p id={errorId} class="mostrador-error">
					{fieldError}
				</p>
			)}
			{items.length > 0 && (
				<ul class="ticket-form-files">
					{items.map((item) => {
						const progressId = `${id}-${item.id}-progress`;
						return (
							<li key={item.id} class={`ticket-form-file is-${item.status}`}>
								<span class="ticket-form-file-name">{item.file_name}</span> <span class="ticket-form-file-size">{formatBytes(item.size_bytes, lang)}</span>
								{item.status === 'uploading' && (
									<>
										<progress id={progressId} max={100} value={Math.round(item.progress * 100)} aria-label={fill(labels.attachmentProgress, { name: item.file_name })} />
										<span class="mostrador-status">{fill(labels.attachmentUploading, { percent: Math.round(item.progress * 100) })}</span>
									</>
								)}
								{item.status === 'done' && <span class="mostrador-status">{labels.attachmentDone}</span>}
								{item.status === 'error' && <span class="mostrador-error">{attachmentMessage(item.problem ?? 'attachment_failed', item.file_name, labels)}</span>}
								<button type="button" class="mostrador-link" onClick={() => onRemove(item.id)}>
									{fill(labels.attachmentRemove, { name: item.file_name })}
								</button>
							</li>
						);
					})}
				</ul>
			)}
		</div>
	);
}
