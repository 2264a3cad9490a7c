// Builds the report payloads (payloads.ts) from what the function gathered: the organisation's
// activity (organisation_activity), the documentation's changes (content-changes.ts) and, monthly, the
// SLA summary (attainment.ts). Pure: the same inputs always give the same payload.
import type { Activity } from './activity.ts';
import type { AttainmentSummary } from './attainment.ts';
import type { ContentChanges, Title } from './content-changes.ts';
import { LIST_LIMIT, type MonthlyReportPayload, type WeeklyDigestPayload } from './payloads.ts';
import type { Period } from './period.ts';

const cut = <T, U>(all: readonly T[], map: (item: T) => U) => ({ count: all.length, items: all.slice(0, LIST_LIMIT).map(map) });

const NO_CHANGES: ContentChanges = { new_articles: [], updated_articles: [], alerts: [] };

/** `changes` null: the documentation's changes could not be read (the payload says so). */
function periodPayload(activity: Activity, changes: ContentChanges | null, period: Period): WeeklyDigestPayload {
	const known = changes ?? NO_CHANGES;
	const ticket = (t: { number: number; subject: string; severity: string }) => ({ number: t.number, subject: t.subject, severity: t.severity });
	const article = (a: ContentChanges['new_articles'][number]) => ({
		slug: a.slug,
		title: a.title,
		type: a.type,
		date: a.date,
		...(a.version ? { version: a.version } : {}),
	});
	return {
		organisation: { id: activity.organisation.id, name: activity.organisation.name },
		from: period.from,
		to: period.to,
		timezone: activity.organisation.timezone,
		opened: cut(activity.opened, ticket),
		closed: cut(activity.closed, ticket),
		new_articles: cut(known.new_articles, article),
		updated_articles: cut(known.updated_articles, article),
		alerts: cut(known.alerts, (a) => ({ slug: a.slug, title: a.title, severity: a.severity as 'critical' | 'high' | 'medium' | 'low', state: a.state, date: a.date })),
		downloads: cut(activity.downloads, (d) => ({ name: d.name, version: d.version, support_status: d.support_status, published_at: d.published_at })),
		...(changes ? {} : { documentation_unavailable: true as const }),
	};
}

export function weeklyDigest(activity: Activity, changes: ContentChanges | null, period: Period): WeeklyDigestPayload {
	return periodPayload(activity, changes, period);
}

/** Whether a week had nothing at all to tell: no digest is sent for it. A week whose documentation could not be read is not known to be empty. */
export function isEmptyWeek(p: WeeklyDigestPayload): boolean {
	return !p.documentation_unavailable && [p.opened, p.closed, p.new_articles, p.updated_articles, p.alerts, p.downloads].every((l) => l.count === 0);
}

export function monthlyReport(
	activity: Activity,
	changes: ContentChanges | null,
	month: string,
	period: Period,
	sla: AttainmentSummary,
	severityLabels: Record<string, Title>,
): MonthlyReportPayload {
	return {
		...periodPayload(activity, changes, period),
		month,
		sla: {
			...sla,
			by_severity: sla.by_severity.map((s) => ({ ...s, label: severityLabels[s.severity] ?? { es: s.severity } })),
		},
	};
}
