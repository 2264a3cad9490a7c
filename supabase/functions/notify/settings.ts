// The notify function's own settings, from its environment, checked before anything is claimed:
//   NOTIFY_MAX_ATTEMPTS     tries before a notification is dead (5)
//   NOTIFY_BATCH_SIZE       rows claimed at a time (25)
//   NOTIFY_MAX_PER_RUN      rows one invocation handles at most (200); the body's `limit` can lower it
//   NOTIFY_TIME_BUDGET_MS   no new batch is claimed after this long (20000), well inside the platform's
//                           150 s request limit, so a run always answers
//   NOTIFY_LEASE_SECONDS    how long a claim holds before another run may take the row over (600)
//   SITE_URL                where e-mail links point (http://127.0.0.1:4321)
import { siteUrl } from '../_shared/email/links.ts';

export interface NotifySettings {
	maxAttempts: number;
	batchSize: number;
	maxPerRun: number;
	timeBudgetMs: number;
	leaseSeconds: number;
	site: string;
}

export class SettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SettingsError';
	}
}

function integer(env: (name: string) => string | undefined, name: string, fallback: number, min: number, max: number, problems: string[]): number {
	const raw = env(name)?.trim();
	if (!raw) return fallback;
	const n = Number(raw);
	if (!/^\d+$/.test(raw) || n < min || n > max) {
		problems.push(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`);
		return fallback;
	}
	return n;
}

export function notifySettings(env: (name: string) => string | undefined): NotifySettings {
	const problems: string[] = [];
	const settings = {
		maxAttempts: integer(env, 'NOTIFY_MAX_ATTEMPTS', 5, 1, 50, problems),
		batchSize: integer(env, 'NOTIFY_BATCH_SIZE', 25, 1, 500, problems),
		maxPerRun: integer(env, 'NOTIFY_MAX_PER_RUN', 200, 1, 5000, problems),
		timeBudgetMs: integer(env, 'NOTIFY_TIME_BUDGET_MS', 20_000, 100, 120_000, problems),
		leaseSeconds: integer(env, 'NOTIFY_LEASE_SECONDS', 600, 60, 3600, problems),
		site: '',
	};
	try {
		settings.site = siteUrl(env('SITE_URL'));
	} catch (e) {
		problems.push((e as Error).message);
	}
	if (problems.length) throw new SettingsError(problems.join('; '));
	return settings;
}
