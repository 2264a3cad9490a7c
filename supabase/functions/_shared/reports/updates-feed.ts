// The site's updates feed (/api/updates.json, built with the site from the articles' frontmatter) as
// the reports function reads it: its schema, so a feed of another shape is refused with a reason, and
// fetching it from the published site.
import { z } from 'zod';
import { isDay } from './period.ts';
import type { FeedArticle } from './content-changes.ts';

const day = z.string().refine(isDay, { message: 'expected a day "YYYY-MM-DD"' });

export const feedArticle = z.strictObject({
	slug: z.string().regex(/^[a-z0-9][a-z0-9/-]*$/),
	lang: z.enum(['es', 'en']),
	title: z.string().trim().min(1).max(500),
	type: z.string().regex(/^[a-z-]+$/),
	product: z.string().regex(/^[a-z0-9-]+$/),
	updated: day,
	published: day.nullable(),
	resolved: day.nullable(),
	severity: z.enum(['critical', 'high', 'medium', 'low']).nullable(),
	version: z.string().max(50).nullable(),
});

export const updatesFeed = z.strictObject({
	generated: z.iso.datetime({ offset: true }),
	articles: z.array(feedArticle).max(20_000),
});
/** The feed; its articles are the pure module's FeedArticle (the return type of parseFeed checks it). */
export type UpdatesFeed = { generated: string; articles: FeedArticle[] };

export class FeedError extends Error {}

/** Reads and checks the feed at `url`; throws FeedError saying what went wrong. */
export async function fetchFeed(url: string, fetcher: typeof fetch = fetch, timeoutMs = 15_000): Promise<UpdatesFeed> {
	let res: Response;
	try {
		res = await fetcher(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
	} catch (e) {
		throw new FeedError(`could not fetch ${url}: ${(e as Error).message}`);
	}
	if (!res.ok) throw new FeedError(`${url} answered ${res.status}`);
	let body: unknown;
	try {
		body = await res.json();
	} catch {
		throw new FeedError(`${url} is not JSON`);
	}
	return parseFeed(body, url);
}

/** Waits between attempts: a site being redeployed or a network blip is usually gone within seconds. */
export const FEED_RETRY_DELAYS_MS = [2_000, 8_000];

/**
 * The feed, trying again after each delay when it cannot be read; `ok: false` with every attempt's
 * reason when it never could (the reports then go out without the documentation's changes).
 */
export async function fetchFeedWithRetries(
	url: string,
	{ fetcher = fetch, delays = FEED_RETRY_DELAYS_MS, timeoutMs = 15_000 }: { fetcher?: typeof fetch; delays?: readonly number[]; timeoutMs?: number } = {},
): Promise<{ ok: true; feed: UpdatesFeed } | { ok: false; errors: string[] }> {
	const errors: string[] = [];
	for (let attempt = 0; ; attempt++) {
		try {
			return { ok: true, feed: await fetchFeed(url, fetcher, timeoutMs) };
		} catch (e) {
			if (!(e instanceof FeedError)) throw e;
			errors.push(e.message);
		}
		if (attempt >= delays.length) return { ok: false, errors };
		await new Promise((done) => setTimeout(done, delays[attempt]));
	}
}

export function parseFeed(body: unknown, source = 'the feed'): UpdatesFeed {
	const parsed = updatesFeed.safeParse(body);
	if (!parsed.success) {
		const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(feed)'}: ${i.message}`);
		throw new FeedError(`${source} is not an updates feed: ${issues.join('; ')}`);
	}
	return parsed.data satisfies UpdatesFeed;
}
