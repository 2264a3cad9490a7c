// One run of the reports: for each organisation, the period (the week or month asked for, or the last
// whole one in the programme's time zone), its activity, the documentation's changes and, monthly, the
// SLA summary as its coordinator sees it; then one outbox row per recipient, each with a dedupe key
// (weekly:<org>:<user>:<monday>, monthly:<org>:<user>:<YYYY-MM>), so a rerun queues nothing twice.
// The database is behind Store (store.ts), so this is testable without one. Weeks with nothing at all
// to tell send nothing; months always report (the SLA figures stand even for a quiet month).
import type { Activity } from '../_shared/reports/activity.ts';
import { summariseAttainment, type AttainmentRow } from '../_shared/reports/attainment.ts';
import { monthlyReport, isEmptyWeek, weeklyDigest } from '../_shared/reports/build.ts';
import { contentChanges, type FeedArticle, type Title } from '../_shared/reports/content-changes.ts';
import { monthlyReportPayload, weeklyDigestPayload } from '../_shared/reports/payloads.ts';
import { monthPeriod, overlaps, previousMonth, previousWeek, weekOf, type Period } from '../_shared/reports/period.ts';

export type ReportKind = 'weekly' | 'monthly';

export interface OrganisationRow {
	id: string;
	name: string;
	programme_id: string;
	/** The programme's time zone: the one weeks and months are counted in. */
	timezone: string;
	contract_start: string;
	contract_end: string | null;
}

export interface Recipient {
	user_id: string;
	locale: 'es' | 'en';
}

export interface QueuedRow {
	template: 'weekly_digest' | 'monthly_report';
	recipient_user_id: string;
	locale: 'es' | 'en';
	payload: unknown;
	dedupe_key: string;
}

export interface Store {
	organisations(only?: string): Promise<OrganisationRow[]>;
	/** Weekly: every member with an e-mail address; monthly: the coordinators. */
	recipients(organisation: string, kind: ReportKind): Promise<Recipient[]>;
	activity(organisation: string, period: Period): Promise<Activity>;
	/** sla_attainment for one month and organisation, asked as `asUser` (one of its coordinators). */
	attainment(organisation: string, month: string, asUser: string): Promise<AttainmentRow[]>;
	severityLabels(programme: string): Promise<Record<string, Title>>;
	/** Inserts the rows whose dedupe key is new; returns how many. */
	queue(rows: QueuedRow[]): Promise<number>;
}

export interface RunInput {
	kind: ReportKind;
	/** Any day of the week to report (weekly); the last whole week when absent. */
	weekOf?: string;
	/** 'YYYY-MM' (monthly); the last whole month when absent. */
	month?: string;
	/** Only this organisation. */
	organisation?: string;
	/** The site's updates feed; null when it could not be read (the reports go out saying so). */
	articles: readonly FeedArticle[] | null;
	now: Date;
}

export interface RunReport {
	kind: ReportKind;
	organisations: number;
	queued: number;
	/** Rows whose dedupe key was already in the outbox (a rerun). */
	already_queued: number;
	skipped: { outside_contract: number; no_recipients: number; empty: number };
	/** The period of each organisation reported on, by id. */
	periods: Record<string, Period>;
	failed: { organisation: string; error: string }[];
}

export async function runReports(store: Store, input: RunInput): Promise<RunReport> {
	const report: RunReport = {
		kind: input.kind,
		organisations: 0,
		queued: 0,
		already_queued: 0,
		skipped: { outside_contract: 0, no_recipients: 0, empty: 0 },
		periods: {},
		failed: [],
	};
	const labels = new Map<string, Record<string, Title>>();
	for (const org of await store.organisations(input.organisation)) {
		try {
			const rows = await reportOn(org);
			if (!rows) continue;
			const inserted = await store.queue(rows);
			report.organisations++;
			report.queued += inserted;
			report.already_queued += rows.length - inserted;
		} catch (e) {
			// One organisation's failure must not keep the others' reports from going out.
			report.failed.push({ organisation: org.id, error: (e as Error).message });
		}
	}
	return report;

	async function reportOn(org: OrganisationRow): Promise<QueuedRow[] | null> {
		const month = input.kind === 'monthly' ? (input.month ?? previousMonth(input.now, org.timezone)) : null;
		const period = month ? monthPeriod(month) : input.weekOf ? weekOf(input.weekOf) : previousWeek(input.now, org.timezone);
		if (!overlaps(period, org.contract_start, org.contract_end)) {
			report.skipped.outside_contract++;
			return null;
		}
		const recipients = await store.recipients(org.id, input.kind);
		if (!recipients.length) {
			report.skipped.no_recipients++;
			return null;
		}
		report.periods[org.id] = period;
		const activity = await store.activity(org.id, period);
		const changes = input.articles ? contentChanges(input.articles, period) : null;
		if (!month) {
			const payload = weeklyDigestPayload.parse(weeklyDigest(activity, changes, period));
			if (isEmptyWeek(payload)) {
				report.skipped.empty++;
				return null;
			}
			return recipients.map((r) => ({
				template: 'weekly_digest',
				recipient_user_id: r.user_id,
				locale: r.locale,
				payload,
				dedupe_key: `weekly:${org.id}:${r.user_id}:${period.from}`,
			}));
		}
		// Every coordinator sees the same figures; asking as one of them is asking sla_attainment exactly
		// what their dashboard shows.
		const sla = summariseAttainment(await store.attainment(org.id, month, recipients[0].user_id));
		if (!labels.has(org.programme_id)) labels.set(org.programme_id, await store.severityLabels(org.programme_id));
		const payload = monthlyReportPayload.parse(monthlyReport(activity, changes, month, period, sla, labels.get(org.programme_id)!));
		return recipients.map((r) => ({
			template: 'monthly_report',
			recipient_user_id: r.user_id,
			locale: r.locale,
			payload,
			dedupe_key: `monthly:${org.id}:${r.user_id}:${month}`,
		}));
	}
}
