// A form's problems: each under its field (the first one focused), or one for the whole form above
// the submit button. The checks made here and the backend's refusals land the same way.
import { useRef, useState } from 'preact/hooks';
import { failureCode, type Failure } from '../shared/backend.ts';
import { messageFor } from './errors.ts';
import type { AdminProps } from './props.ts';

export function useFieldErrors<F extends string>(idPrefix: string, labels: AdminProps['labels']) {
	const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
	const [formError, setFormError] = useState('');
	const form = useRef<HTMLFormElement>(null);
	const focusField = (field: F) => form.current?.querySelector<HTMLElement>(`#${idPrefix}${field}`)?.focus();

	/** Shows what the checks found; true (the first such field, in `order`, focused) when anything was. */
	function found(problems: Partial<Record<F, string>>, order: readonly F[]): boolean {
		setErrors(problems);
		const first = order.find((f) => problems[f]);
		if (first) focusField(first);
		return !!first;
	}

	/** A refusal next to the field it is about (focused), else for the whole form. */
	function refused(result: Failure, fieldOf: Record<string, F>) {
		const field = fieldOf[failureCode(result)];
		if (!field) return setFormError(messageFor(result, labels));
		setErrors({ [field]: messageFor(result, labels) } as Partial<Record<F, string>>);
		focusField(field);
	}

	return { form, errors, formError, setFormError, found, refused };
}
