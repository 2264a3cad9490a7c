// The states every widget says the same way: loading (announced as a status, politely, or not at all),
// a failure said plainly (with a button to try again where the widget offers one), and the sentence
// that sends a signed-out reader to sign in. Plain markup, no imports: light enough for any island.
/** How a loading line is announced: a status role, a polite live region, or not at all. */
export type Live = 'status' | 'polite' | 'none';

export function Loading({ text, live = 'status' }: { text: string; live?: Live }) {
	if (live === 'status')
		return (
			<p class="mostrador-status" role="status">
				{text}
			</p>
		);
	if (live === 'polite')
		return (
			<p class="mostrador-status" aria-live="polite">
				{text}
			</p>
		);
	return <p class="mostrador-status">{text}</p>;
}

/** A failure said plainly, with a button to try again when the widget offers one. */
export function Unavailable({ text, retry, onRetry }: { text: string; retry?: string; onRetry?: () => void }) {
	return (
		<p class="mostrador-error" role="alert">
			{text}
			{retry && onRetry && (
				<>
					{' '}
					<button type="button" class="mostrador-link" onClick={onRetry}>
						{retry}
					</button>
				</>
			)}
		</p>
	);
}

/** "Inicia sesión para …" followed by the link to the account page. */
export function SignInPrompt({ text, link, href, class: className }: { text: string; link: string; href: string; class?: string }) {
	return (
		<p class={className}>
			{text} <a href={href}>{link}</a>
		</p>
	);
}
