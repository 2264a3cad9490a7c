// The error shown right under the field it belongs to; the field points at it with aria-describedby.
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
	if (!text) return null;
	return (
		<p id={id} class="mostrador-error">
			{text}
		</p>
	);
}

/** aria-describedby for a field: its hint (if any) and its error (when shown). */
export function describedBy(hintId: string | undefined, errorId: string, hasError: boolean): string | undefined {
	return [hintId, hasError ? errorId : undefined].filter(Boolean).join(' ') || undefined;
}
