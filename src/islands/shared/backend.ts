// Every call an island makes to the backend answers with one shape: the data, or why not. There are
// two reasons only: the backend could not be reached or could not answer ('unavailable': the docs keep
// working, the widget says so plainly), or it refused with a code ('refused'). The code is ours (the
// RPCs raise it as the error's message; the edge functions send it as {code}) or PostgREST's and
// Storage's, read through the error catalogue (supabase/functions/_shared/error-catalogue.ts), whose
// words every island uses for a code it has no label of its own for.
import { errorCodeOf, errorMessage, isErrorCode, langOf, type Lang } from '#shared/error-catalogue.ts';

export type Failure = { ok: false; error: 'unavailable' } | { ok: false; error: 'refused'; code: string; field?: string };
export type Result<T> = { ok: true; data: T } | Failure;

/** A supabase-js error (PostgREST, Auth, Storage) or an edge function's {code, field} answer. */
export interface BackendError {
	message?: string | null;
	code?: string | null;
	field?: string | null;
	/** Auth and Storage errors carry their HTTP status themselves. */
	status?: number;
}

/** What supabase-js answers: data or an error, with the HTTP status (0 when no answer came). */
export interface Answer<T> {
	data: T | null;
	error: BackendError | null;
	status?: number;
}

export const UNAVAILABLE: Failure = Object.freeze({ ok: false, error: 'unavailable' }) as Failure;

const FETCH_FAILURE = /failed to fetch|networkerror|load failed|fetch failed|fetcherror|aborterror/i;
/** PostgREST's answers for a token it cannot use (expired, invalid, anonymous access off). */
const SESSION_CODES = new Set(['PGRST301', 'PGRST302', 'PGRST303']);
const CODE_LIKE = /^[a-z][a-z0-9_]*$/;

/**
 * The one rule for "unavailable": no HTTP status (the request never got an answer), a 5xx, or a
 * fetch failure in the message.
 */
export function isUnavailable(error: BackendError | null | undefined, status: number | undefined = error?.status): boolean {
	if (!error) return false;
	if (status === undefined || status === 0 || status >= 500) return true;
	return FETCH_FAILURE.test(error.message ?? '');
}

/** The code of a refusal: ours or the catalogue's, PostgREST's expired session, else the code as given. */
export function codeOf(error: BackendError): string {
	if (error.code && SESSION_CODES.has(error.code)) return 'session_expired';
	const known = errorCodeOf(error);
	if (known) return known;
	if (error.message && CODE_LIKE.test(error.message)) return error.message;
	return error.code || 'failed';
}

/** An error as a Failure, by the one rule. */
export function failureOf(error: BackendError, status: number | undefined = error.status): Failure {
	if (isUnavailable(error, status)) return UNAVAILABLE;
	const code = codeOf(error);
	return error.field ? { ok: false, error: 'refused', code, field: error.field } : { ok: false, error: 'refused', code };
}

/** The failure as one code: 'unavailable', or the refusal's code. */
export const failureCode = (failure: Failure): string => (failure.error === 'unavailable' ? 'unavailable' : failure.code);

/** A supabase-js answer as a Result. */
export function resultOf<T>(answer: Answer<T>): Result<T> {
	return answer.error ? failureOf(answer.error, answer.status) : { ok: true, data: answer.data as T };
}

/** Runs a call through supabase-js; a call that throws (supabase-js not loaded, fetch rejected) is unavailable. */
export async function call<T>(run: () => PromiseLike<Answer<T>>): Promise<Result<T>> {
	try {
		return resultOf(await run());
	} catch {
		return UNAVAILABLE;
	}
}

/** The page's language, from <html lang> (Starlight sets it); Spanish outside a browser. */
export const pageLang = (): Lang => langOf(globalThis.document?.documentElement.lang);

/** An island's own words for some codes: a code → label-key map over its labels. */
export function ownLabels<K extends string>(codes: Readonly<Record<string, K>>, labels: Readonly<Record<K, string>>): (code: string) => string | undefined {
	return (code) => (Object.prototype.hasOwnProperty.call(codes, code) ? labels[codes[code]] : undefined);
}

/**
 * A failure in words: the island's own label for the code where it has one, else the catalogue's
 * words in the page's language, else the island's "failed".
 */
export function failureText(
	failure: Failure,
	labels: { readonly unavailable: string; readonly failed: string },
	own: (code: string) => string | undefined = () => undefined,
	lang: Lang = pageLang(),
): string {
	if (failure.error === 'unavailable') return labels.unavailable;
	const mine = own(failure.code);
	if (mine !== undefined) return mine;
	if (failure.code === 'failed' || !isErrorCode(failure.code)) return labels.failed;
	return errorMessage(failure.code, lang);
}
