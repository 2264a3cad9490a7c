// What went wrong with a call to the backend, as the widgets explain it: the backend could not be
// reached (network down, 5xx: say so plainly, the docs keep working), or it refused with a stable code
// (the RPCs raise errors whose message is a code such as `edit_window_closed`).
import { errorMessage, isErrorCode, langOf, type Lang } from '../../../supabase/functions/_shared/error-catalogue.ts';

export type Failure = { kind: 'unavailable' } | { kind: 'refused'; code: string };

interface CallResult {
	error: { message?: string; code?: string } | null;
	status?: number;
}

export function failureOf(result: CallResult): Failure | null {
	if (!result.error) return null;
	const status = result.status ?? 0;
	if (status === 0 || status >= 500) return { kind: 'unavailable' };
	return { kind: 'refused', code: result.error.message ?? '' };
}

/** The same for a call that threw (supabase-js failed to load, a fetch rejected). */
export const UNAVAILABLE: Failure = { kind: 'unavailable' };

/** The page's language, from <html lang> (Starlight sets it); Spanish outside a browser. */
const pageLang = (): Lang => langOf(globalThis.document?.documentElement.lang);

/**
 * The catalogue's words for a refusal whose code the widget has no label for, in the page's language;
 * undefined when the code is unknown (the widget's own "failed" label fits then).
 */
export function refusalText(failure: Failure, lang: Lang = pageLang()): string | undefined {
	return failure.kind === 'refused' && isErrorCode(failure.code) ? errorMessage(failure.code, lang) : undefined;
}
