// One labelled field: its label, an optional hint, the control, and its error right below it, tied
// to the control with aria-invalid and aria-describedby so a screen reader reads hint and error with it.
import type { ComponentChildren } from 'preact';

export interface ControlAria {
	id: string;
	'aria-invalid': boolean;
	'aria-describedby'?: string;
}

export interface FieldProps {
	id: string;
	label: string;
	hint?: string;
	error?: string;
	/** Shown after the label ("opcional"). */
	optional?: string;
	children: (aria: ControlAria) => ComponentChildren;
}

export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
	const list = ids.filter(Boolean).join(' ');
	return list || undefined;
}

export function Field({ id, label, hint, error, optional, children }: FieldProps) {
	const hintId = hint ? `${id}-hint` : undefined;
	const errorId = error ? `${id}-error` : undefined;
	return (
		<div class="ticket-form-field">
			<label for={id}>
				{label}
				{optional && <span class="ticket-form-optional"> ({optional})</span>}
			</label>
			{hint && (
				<p id={hintId} class="ticket-form-hint">
					{hint}
				</p>
			)}
			{children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy(hintId, errorId) })}
			{error && (
				<p id={errorId} class="mostrador-error">
					{error}
				</p>
			)}
		</div>
	);
}
