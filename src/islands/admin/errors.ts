// The backend's answers in words. RPCs raise errors whose message is a stable code; the
// publish-download function answers {code}; a request that never got an answer (or a 5xx) means the
// backend is unreachable. Each code the page knows has a label `error.<code>`.
import { errorMessage, isErrorCode, langOf, type Lang } from '../../../supabase/functions/_shared/error-catalogue.ts';
import type { AdminLabels } from './labels.ts';

export type Outcome<T> = { ok: true; data: T } | { ok: false; code: string };

interface CallResult<T> {
	data: T | null;
	error: { message?: string; code?: string } | null;
	status?: number;
}

export const UNAVAILABLE = 'unavailable';

/** A supabase-js result as an outcome: the RPC's code, or 'unavailable'. */
export function outcomeOf<T>(result: CallResult<T>): Outcome<T> {
	if (!result.error) return { ok: true, data: result.data as T };
	const status = result.status ?? 0;
	if (status === 0 || status >= 500) return { ok: false, code: UNAVAILABLE };
	// PostgREST's own codes (expired session, no permission) come in `code`; ours in `message`.
	if (result.error.code === 'PGRST301' || result.error.code === 'PGRST303') return { ok: false, code: 'session_expired' };
	if (result.error.code === '42501' && /permission denied/i.test(result.error.message ?? '')) return { ok: false, code: 'staff_only' };
	return { ok: false, code: result.error.message ?? 'failed' };
}

/** Runs a call, turning a thrown error (supabase-js not loaded, fetch rejected) into 'unavailable'. */
export async function attempt<T>(call: () => PromiseLike<CallResult<T>>): Promise<Outcome<T>> {
	try {
		return outcomeOf(await call());
	} catch {
		return { ok: false, code: UNAVAILABLE };
	}
}

/** The page's language, from <html lang> (Starlight sets it); Spanish outside a browser. */
const pageLang = (): Lang => langOf(globalThis.document?.documentElement.lang);

export function messageFor(code: string, labels: AdminLabels, lang: Lang = pageLang()): string {
	const key = `error.${code}` as keyof AdminLabels;
	if (key in labels) return labels[key];
	// A code without a label of its own still reads as the catalogue says it.
	return isErrorCode(code) ? errorMessage(code, lang) : labels['error.failed'];
}
