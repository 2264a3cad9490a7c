// POST /functions/v1/reports — the weekly digest to every member and the monthly report to each
// coordinator, queued in the notification outbox for the notify function to send. Called by cron
// (…_reports.sql: Mondays and the 1st at 14:00 UTC) with the service role key, or by a person with it:
//   {"kind": "weekly" | "monthly", "week_of"?: "YYYY-MM-DD", "month"?: "YYYY-MM", "organisation"?: uuid, "updates"?: feed}
//   → 200 {kind, organisations, queued, already_queued, skipped, periods, failed, documentation}
// The site's /api/updates.json is fetched with retries (updates-feed.ts fetchFeedWithRetries); when it
// still cannot be read the reports go out without the documentation's changes, saying so in the mail
// (documentation: "unavailable" in the answer) — a digest is late news at worst, never a lost week.
// Environment: SITE_URL (the site, whose /api/updates.json lists the documentation's changes),
// REPORTS_UPDATES_URL (another address for that feed), REPORTS_FEED_RETRY_DELAYS_MS (waits between
// attempts at it), SUPABASE_DB_URL.
import pg from 'npm:pg@8';
import { siteUrl } from '../_shared/email/links.ts';
import { FEED_RETRY_DELAYS_MS, fetchFeedWithRetries, FeedError, parseFeed, type UpdatesFeed } from '../_shared/reports/updates-feed.ts';
import { callerRole } from '../_shared/caller-role.ts';
import { parseRequest } from './input.ts';
import { runReports } from './run.ts';
import { pgStore } from './store.ts';

const ALLOW = 'POST, OPTIONS';

/** REPORTS_FEED_RETRY_DELAYS_MS, e.g. "2000,8000": the waits between attempts at the feed (default FEED_RETRY_DELAYS_MS). */
function retryDelays(setting: string | undefined): readonly number[] {
	const delays = (setting ?? '').split(',').map((d) => d.trim()).filter(Boolean).map(Number);
	return delays.length && delays.every((d) => Number.isInteger(d) && d >= 0) ? delays : FEED_RETRY_DELAYS_MS;
}
const pool = new pg.Pool({ connectionString: Deno.env.get('SUPABASE_DB_URL'), max: 2 });

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });

Deno.serve(async (req) => {
	if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: { allow: ALLOW } });
	if (req.method !== 'POST') return json({ code: 'method_not_allowed', message: 'POST runs the reports' }, 405, { allow: ALLOW });

	const role = callerRole(req.headers.get('authorization'));
	if (role === undefined) return json({ code: 'unauthorized', message: 'A service role token is required' }, 401);
	if (role !== 'service_role') return json({ code: 'forbidden', message: 'Only the service role may run the reports' }, 403);

	const text = await req.text();
	let body: unknown = {};
	if (text.trim()) {
		try {
			body = JSON.parse(text);
		} catch {
			return json({ code: 'invalid_body', message: 'The body must be JSON' }, 400);
		}
	}
	const parsed = parseRequest(body);
	if (!parsed.ok) return json({ code: 'invalid_body', message: parsed.message }, 400);
	const input = parsed.value;

	let feed: UpdatesFeed | null;
	if (input.updates !== undefined) {
		try {
			feed = parseFeed(input.updates, 'updates');
		} catch (e) {
			if (!(e instanceof FeedError)) throw e;
			return json({ code: 'invalid_body', message: e.message }, 400);
		}
	} else {
		const site = siteUrl(Deno.env.get('SITE_URL'));
		const fetched = await fetchFeedWithRetries(Deno.env.get('REPORTS_UPDATES_URL')?.trim() || `${site}/api/updates.json`, {
			delays: retryDelays(Deno.env.get('REPORTS_FEED_RETRY_DELAYS_MS')),
		});
		if (!fetched.ok) console.error(`reports: sending without the documentation's changes: ${fetched.errors.join('; ')}`);
		feed = fetched.ok ? fetched.feed : null;
	}

	const report = await runReports(pgStore(pool), {
		kind: input.kind,
		weekOf: input.week_of,
		month: input.month,
		organisation: input.organisation,
		articles: feed?.articles ?? null,
		now: new Date(),
	});
	for (const f of report.failed) console.error(`reports: ${input.kind} for ${f.organisation} failed: ${f.error}`);
	return json({ ...report, documentation: feed ? 'included' : 'unavailable' });
});
