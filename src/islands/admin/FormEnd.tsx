// The end every admin form has: its refusal (when there is one) above the submit button, which says
// when it is busy; and the polite line that says what was just done.
import { Unavailable } from '../shared/states.tsx';

export function Submit({ error, busy, text, busyText }: { error: string; busy: boolean; text: string; busyText: string }) {
	return (
		<>
			{error && <Unavailable text={error} />}
			<button type="submit" class="mostrador-button" disabled={busy}>
				{busy ? busyText : text}
			</button>
		</>
	);
}

export function Done({ text }: { text: string }) {
	return (
		<p role="status" class="admin-done">
			{text}
		</p>
	);
}
