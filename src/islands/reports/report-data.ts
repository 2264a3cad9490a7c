// Reading a month's report as the signed-in reader: the organisation's activity and its SLA attainment
// through the same RPCs the reports function uses (so the page shows what the e-mail said), and the
// documentation's changes from the site's own /api/updates.json. The RPCs decide who may see it:
// staff and the organisation's coordinators.
import type { SupabaseClient } from '../../lib/supabase.ts';
import { call, failureCode, type Failure, type Result } from '../shared/backend.ts';
import type { Activity } from '#shared/reports/activity.ts';
import { summariseAttainment, type AttainmentSummary } from '#shared/reports/attainment.ts';
import { contentChanges, type ContentChanges, type FeedArticle } from '#shared/reports/content-changes.ts';
import { monthPeriod, type Period } from '#shared/reports/period.ts';

export interface ReportData {
	activity: Activity;
	sla: AttainmentSummary;
	period: Period;
	/** null when the site's list of changes could not be read. */
	changes: ContentChanges | null;
}

export type ReportResult =
	| { status: 'ok'; data: ReportData }
	| { status: 'refused' }
	| { status: 'not-found' }
	| { status: 'unavailable' }
	| { status: 'failed'; code: string };

async function loadChanges(period: Period): Promise<ContentChanges | null> {
	try {
		const res = await fetch(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}api/updates.json`);
		if (!res.ok) return null;
		const feed = (await res.json()) as { articles?: FeedArticle[] };
		return Array.isArray(feed.articles) ? contentChanges(feed.articles, period) : null;
	} catch {
		return null;
	}
}

type AttainmentRows = Parameters<typeof summariseAttainment>[0];

/** A failure as the page explains it, by the kit's one rule for "unavailable". */
function refusal(failure: Failure): ReportResult {
	const code = failureCode(failure);
	if (code === 'forbidden') return { status: 'refused' };
	if (code === 'organisation_not_found') return { status: 'not-found' };
	if (code === 'unavailable') return { status: 'unavailable' };
	return { status: 'failed', code };
}

export async function loadReport(client: SupabaseClient, organisation: string, month: string): Promise<ReportResult> {
	const period = monthPeriod(month);
	const [activity, attainment, changes] = await Promise.all([
		// jsonb to the generated types; the function builds exactly this object (reports migration).
		call(() => client.rpc('organisation_activity', { organisation, from_day: period.from, to_day: period.to })) as Promise<Result<Activity>>,
		call<AttainmentRows>(() => client.rpc('sla_attainment', { from_month: period.from, to_month: period.from, organisation })),
		loadChanges(period),
	]);
	if (!activity.ok) return refusal(activity);
	if (!attainment.ok) return refusal(attainment);
	return { status: 'ok', data: { activity: activity.data, sla: summariseAttainment(attainment.data ?? []), period, changes } };
}
