// The backend's answers in the admin page's words: the shared rule and catalogue
// (../shared/backend.ts), with a label `error.<code>` for each code the page knows.
import { failureCode, failureText, pageLang, type Failure } from '../shared/backend.ts';
import type { Lang } from '#shared/error-catalogue.ts';
import type { AdminLabels } from './labels.ts';

/** A failure (or a code of the page's own, such as an upload's problem) in words. */
export function messageFor(failure: Failure | string, labels: AdminLabels, lang: Lang = pageLang()): string {
	const code = typeof failure === 'string' ? failure : failureCode(failure);
	const own = (c: string) => {
		const key = `error.${c}` as keyof AdminLabels;
		return key in labels ? labels[key] : undefined;
	};
	const asFailure: Failure = code === 'unavailable' ? { ok: false, error: 'unavailable' } : { ok: false, error: 'refused', code };
	return failureText(asFailure, { unavailable: labels['error.unavailable'], failed: labels['error.failed'] }, own, lang);
}
