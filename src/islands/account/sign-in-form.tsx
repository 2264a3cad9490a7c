// What both ways of signing in share: the e-mail check, one attempt at a time (busy while it runs, the
// previous problem cleared, "unavailable" when the request itself fails), the e-mail field with its
// error under it, and the form-wide error.
import { useState } from 'preact/hooks';
import type { ComponentChildren, JSX, RefObject } from 'preact';
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { AccountLabels } from './labels.ts';
import { FieldError, describedBy } from './FieldError.tsx';
import { Unavailable } from '../shared/states.tsx';

/** What the page hands either way of signing in. */
export interface SignInProps {
	client: SupabaseClient;
	labels: AccountLabels;
	email: string;
	onEmail: (email: string) => void;
	focus: boolean;
	/** Another way to sign in, offered on the first step only. */
	alternative?: ComponentChildren;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Problem<F extends string> = { field: F | 'email' | 'form'; text: string } | null;

export function useAttempt<F extends string>(labels: AccountLabels) {
	const [busy, setBusy] = useState(false);
	const [problem, setProblem] = useState<Problem<F>>(null);

	async function attempt(run: () => Promise<void>) {
		setBusy(true);
		setProblem(null);
		try {
			await run();
		} catch {
			setProblem({ field: 'form', text: labels.unavailable });
		} finally {
			setBusy(false);
		}
	}
	return { busy, problem, setProblem, attempt };
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'ref' | 'label'>;

interface FieldProps extends InputProps {
	id: string;
	/** The problem's field that belongs here. */
	field: string;
	label: string;
	problem: Problem<string>;
	inputRef?: RefObject<HTMLInputElement>;
}

/** A labelled field with its problem, if it has one, right under it. */
export function SignInField({ id, field, label, problem, inputRef, ...input }: FieldProps) {
	const wrong = problem?.field === field;
	return (
		<>
			<label for={id}>{label}</label>
			<input
				ref={inputRef}
				id={id}
				{...input}
				aria-invalid={wrong}
				aria-describedby={describedBy(undefined, `${id}-error`, wrong)}
			/>
			<FieldError id={`${id}-error`} text={wrong ? problem.text : undefined} />
		</>
	);
}

interface EmailFieldProps {
	id: string;
	label: string;
	autocomplete: string;
	inputRef: RefObject<HTMLInputElement>;
	email: string;
	onEmail: (email: string) => void;
	problem: Problem<string>;
}

export function EmailField({ email, onEmail, ...props }: EmailFieldProps) {
	return <SignInField {...props} field="email" name="email" type="email" required value={email} onInput={(e) => onEmail(e.currentTarget.value)} />;
}

export function FormError({ problem }: { problem: Problem<string> }) {
	return problem?.field === 'form' ? <Unavailable text={problem.text} /> : null;
}
