// The keyboard shortcuts, in a modal dialog opened with "?" or its button: the browser's <dialog> keeps
// focus inside, closes on Escape, and focus goes back to where it was.
import { useEffect, useRef } from 'preact/hooks';
import type { AgentLabels } from './labels.ts';

export default function ShortcutsHelp({ open, onClose, labels }: { open: boolean; onClose: () => void; labels: AgentLabels }) {
	const ref = useRef<HTMLDialogElement>(null);
	const returnTo = useRef<Element | null>(null);
	useEffect(() => {
		const dialog = ref.current;
		if (!dialog) return;
		if (open && !dialog.open) {
			returnTo.current = document.activeElement;
			dialog.showModal();
		} else if (!open && dialog.open) dialog.close();
	}, [open]);

	const keys: [string, string][] = [
		['j', labels.keyNext],
		['k', labels.keyPrevious],
		['Enter', labels.keyOpen],
		['t', labels.keyTake],
		['r', labels.keyReply],
		['?', labels.keyHelp],
	];
	return (
		<dialog
			ref={ref}
			class="agent-help"
			aria-labelledby="agent-help-heading"
			onClose={() => {
				onClose();
				if (returnTo.current instanceof HTMLElement) returnTo.current.focus();
			}}
		>
			<h2 id="agent-help-heading">{labels.helpHeading}</h2>
			<p>{labels.helpIntro}</p>
			<dl class="agent-keys">
				{keys.map(([key, what]) => (
					<div key={key}>
						<dt>
							<kbd>{key}</kbd>
						</dt>
						<dd>{what}</dd>
					</div>
				))}
			</dl>
			<form method="dialog">
				<button type="submit" class="mostrador-button">
					{labels.close}
				</button>
			</form>
		</dialog>
	);
}
