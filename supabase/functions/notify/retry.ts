// What happens to a notification after one attempt: sent; retried later, further apart each time
// (1 min, 5 min, 30 min, 2 h, then every 12 h); or dead — when the failure is final (an unknown
// template, a payload that does not match, an address the provider refuses) or the attempts are used up.

export type Outcome = { status: 'sent' } | { status: 'failed'; error: string; retryAt: Date } | { status: 'dead'; error: string };

/** Minutes to wait after the 1st, 2nd, 3rd… failed attempt; the last step repeats. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120, 720] as const;

/** Delay before the next try, after `attempts` tries (1 or more) have failed. */
export function retryDelayMs(attempts: number): number {
	if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
	const step = RETRY_DELAYS_MINUTES[Math.min(attempts, RETRY_DELAYS_MINUTES.length) - 1];
	return step * 60_000;
}

/**
 * The outcome of a failed attempt. `attempts` counts the attempt that just failed; once it reaches
 * `maxAttempts` (or the failure is permanent) the notification is dead, with the reason kept.
 */
export function afterFailure(attempts: number, maxAttempts: number, error: string, permanent: boolean, now: Date): Outcome {
	if (permanent) return { status: 'dead', error };
	if (attempts >= maxAttempts) return { status: 'dead', error: `${error} (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})` };
	return { status: 'failed', error, retryAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}
