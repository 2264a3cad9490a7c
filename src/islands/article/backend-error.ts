// What went wrong with a call to the backend, as the widgets explain it: the backend could not be
// reached (network down, 5xx: say so plainly, the docs keep working), or it refused with a stable code
// (the RPCs raise errors whose message is a code such as `edit_window_closed`).
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
