// Backend errors in the agent's words. The database raises a stable code as the message
// (supabase/migrations); a request that never reached the backend has no code and no HTTP status.
import { errorCodeOf, errorMessage, langOf, type Lang } from '../../../supabase/functions/_shared/error-catalogue.ts';
import type { AgentLabels } from './labels.ts';

export interface BackendError {
	message?: string;
	code?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: BackendError; status?: number };

export function isUnreachable(error: BackendError, status?: number): boolean {
	return status === 0 || (!error.code && /fetch|network|load failed/i.test(error.message ?? ''));
}

const CODES: Record<string, keyof AgentLabels> = {
	staff_only: 'errStaffOnly',
	ticket_not_found: 'errTicketNotFound',
	ticket_closed: 'errTicketClosed',
	ticket_taken: 'errTicketTaken',
	assignee_not_staff: 'errAssignee',
	invalid_severity: 'errFailed',
	not_reopenable: 'errNotReopenable',
	problem_not_found: 'errProblemNotFound',
	invalid_title: 'errProblemTitle',
	invalid_status_transition: 'errTransition',
	attachment_outside_folder: 'errAttachment',
	attachment_not_uploaded: 'errAttachment',
	attachment_already_attached: 'errAttachment',
	attachment_type_not_allowed: 'errAttachment',
	attachment_too_large: 'errAttachment',
	too_many_attachments: 'errAttachment',
	invalid_file_name: 'errAttachment',
};

/** The page's language, from <html lang> (Starlight sets it); Spanish outside a browser. */
const pageLang = (): Lang => langOf(globalThis.document?.documentElement.lang);

export function errorText(error: BackendError, labels: AgentLabels, status?: number, lang: Lang = pageLang()): string {
	if (isUnreachable(error, status)) return labels.unavailable;
	const key = CODES[error.message ?? ''];
	if (key) return labels[key];
	// A code this island has no words of its own for still reads as the catalogue says it.
	const known = errorCodeOf(error);
	return known ? errorMessage(known, lang) : labels.errFailed;
}

/** Runs an RPC through supabase-js and gives its data, or the error to show. */
export async function call<T>(run: () => PromiseLike<{ data: T | null; error: BackendError | null; status?: number }>): Promise<Result<T>> {
	try {
		const { data, error, status } = await run();
		if (error) return { ok: false, error, status };
		return { ok: true, data: data as T };
	} catch (e) {
		return { ok: false, error: { message: (e as Error).message }, status: 0 };
	}
}
