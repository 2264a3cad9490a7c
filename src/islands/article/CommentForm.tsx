// The text box for writing or correcting a comment: checked before sending (empty, too long), and
// whatever the backend answers shown next to the field it belongs to.
import { useEffect, useRef, useState } from 'preact/hooks';
import { bodyProblem } from './comments-api.ts';
import type { CommentLabels } from './labels.ts';

interface Props {
	id: string;
	label: string;
	hint?: string;
	submit: string;
	busy: string;
	initial?: string;
	labels: CommentLabels;
	/** Sends the body; resolves to the error to show next to the field, or null when it went through. */
	onSend: (body: string) => Promise<string | null>;
	onCancel?: () => void;
	focus?: boolean;
}

export default function CommentForm({ id, label, hint, submit, busy, initial = '', labels, onSend, onCancel, focus }: Props) {
	const [body, setBody] = useState(initial);
	const [sending, setSending] = useState(false);
	const [error, setError] = useState<string | null>(null);
	const field = useRef<HTMLTextAreaElement>(null);

	useEffect(() => {
		if (focus) field.current?.focus();
	}, [focus]);

	async function send(e: Event) {
		e.preventDefault();
		const problem = bodyProblem(body);
		if (problem) {
			setError(labels[problem]);
			field.current?.focus();
			return;
		}
		setSending(true);
		setError(null);
		const failed = await onSend(body.trim());
		setSending(false);
		if (failed) {
			setError(failed);
			field.current?.focus();
		} else if (!initial) setBody('');
	}

	const described = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
	return (
		<form class="mostrador-form mostrador-comment-form" onSubmit={send} noValidate>
			<label for={id}>{label}</label>
			{hint && (
				<p id={`${id}-hint`} class="mostrador-status">
					{hint}
				</p>
			)}
			<textarea id={id} name="body" rows={4} ref={field} value={body} onInput={(e) => setBody(e.currentTarget.value)} aria-invalid={!!error} aria-describedby={described} />
			{error && (
				<p id={`${id}-error`} class="mostrador-error">
					{error}
				</p>
			)}
			<div class="mostrador-actions">
				<button type="submit" class="mostrador-button" disabled={sending}>
					{sending ? busy : submit}
				</button>
				{onCancel && (
					<button type="button" class="mostrador-link" onClick={onCancel}>
						{labels.cancel}
					</button>
				)}
			</div>
		</form>
	);
}
