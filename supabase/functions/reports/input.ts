// What a call to the reports function may ask for. The cron jobs send {"kind": "weekly"} or
// {"kind": "monthly"}; a person rerunning or backfilling names the period, and may name one
// organisation and give the updates feed as it stood (otherwise it is fetched from the site).
import { z } from 'zod';
import { isDay, isMonth } from '../_shared/reports/period.ts';
import type { ReportKind } from './run.ts';

const schema = z.strictObject({
	kind: z.enum(['weekly', 'monthly']).optional(),
	/** Any day of the week to report; the week runs Monday to Sunday. */
	week_of: z.string().refine(isDay, { message: 'expected a day "YYYY-MM-DD"' }).optional(),
	/** The month to report. */
	month: z.string().refine(isMonth, { message: 'expected a month "YYYY-MM"' }).optional(),
	organisation: z.guid().optional(),
	/** The site's /api/updates.json document, instead of fetching it. */
	updates: z.unknown().optional(),
});

export interface ReportsRequest {
	kind: ReportKind;
	week_of?: string;
	month?: string;
	organisation?: string;
	updates?: unknown;
}

export type Parsed = { ok: true; value: ReportsRequest } | { ok: false; message: string };

export function parseRequest(body: unknown): Parsed {
	const checked = schema.safeParse(body ?? {});
	if (!checked.success) return { ok: false, message: checked.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') };
	const b = checked.data;
	const kind = b.kind ?? (b.week_of ? 'weekly' : b.month ? 'monthly' : undefined);
	if (!kind) return { ok: false, message: 'kind: say "weekly" or "monthly" (or give week_of or month)' };
	if (kind === 'weekly' && b.month) return { ok: false, message: 'month: a weekly run takes week_of' };
	if (kind === 'monthly' && b.week_of) return { ok: false, message: 'week_of: a monthly run takes month' };
	return { ok: true, value: { ...b, kind } };
}
