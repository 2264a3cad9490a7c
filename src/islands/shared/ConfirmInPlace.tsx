// An action that asks once more where it was pressed (removing a member, leaving an organisation): the
// button opens a question with "yes" and "no"; "yes" gets the focus, "no" gives it back to the button,
// and a refusal shows under the question with "yes" described by it.
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
	/** Unique in the page: the question and the error are named after it. */
	id: string;
	/** The button's text, and its accessible name when the text alone says too little. */
	ask: string;
	askLabel?: string;
	question: string;
	yes: string;
	no: string;
	/** Does the action; resolves to the text of a refusal, or null when done. */
	onConfirm: () => Promise<string | null>;
	class?: string;
}

export function ConfirmInPlace({ id, ask, askLabel, question, yes, no, onConfirm, class: className }: Props) {
	const [confirming, setConfirming] = useState(false);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState('');
	const yesButton = useRef<HTMLButtonElement>(null);
	const askButton = useRef<HTMLButtonElement>(null);
	// After opening, and after a refusal once "yes" is enabled again (a disabled button takes no focus).
	useEffect(() => {
		if (confirming && !busy) yesButton.current?.focus();
	}, [confirming, busy, error]);

	async function confirm() {
		setBusy(true);
		setError('');
		try {
			const refused = await onConfirm();
			if (refused) setError(refused);
		} finally {
			setBusy(false);
		}
	}

	if (!confirming) {
		return (
			<button ref={askButton} type="button" class={`mostrador-link ${className ?? ''}`.trim()} aria-label={askLabel} onClick={() => setConfirming(true)}>
				{ask}
			</button>
		);
	}
	return (
		<div class="mostrador-confirm" role="group" aria-labelledby={`${id}-question`}>
			<p id={`${id}-question`}>{question}</p>
			<button ref={yesButton} type="button" class="mostrador-button" disabled={busy} aria-describedby={error ? `${id}-error` : undefined} onClick={confirm}>
				{yes}
			</button>{' '}
			<button
				type="button"
				class="mostrador-link"
				onClick={() => {
					setConfirming(false);
					setError('');
					requestAnimationFrame(() => askButton.current?.focus());
				}}
			>
				{no}
			</button>
			{error && (
				<p id={`${id}-error`} class="mostrador-error" role="alert">
					{error}
				</p>
			)}
		</div>
	);
}
