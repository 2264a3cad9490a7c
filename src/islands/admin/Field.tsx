// A labelled form field with its hint and its error right under it; the control points at both with
// aria-describedby and says aria-invalid while the error shows.
import type { ComponentChildren } from 'preact';

export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
	return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function FieldError({ id, text }: { id: string; text?: string }) {
	if (!text) return null;
	return (
		<p id={`${id}-error`} class="mostrador-error">
			{text}
		</p>
	);
}

interface FieldProps {
	id: string;
	label: string;
	hint?: string;
	error?: string;
	/** The control, given `id`, aria-invalid and aria-describedby by the caller through controlProps(). */
	children: ComponentChildren;
}

export function Field({ id, label, hint, error, children }: FieldProps) {
	return (
		<div class="admin-field">
			<label for={id}>{label}</label>
			{hint && (
				<p id={`${id}-hint`} class="admin-hint">
					{hint}
				</p>
			)}
			{children}
			<FieldError id={id} text={error} />
		</div>
	);
}

/** The attributes a control inside <Field> needs. */
export function controlProps(id: string, hint: string | undefined, error: string | undefined) {
	return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, !!hint, !!error) };
}
