// Run-time check of public.organisation_activity's answer, so a change on either side is caught where
// the function reads it rather than half-rendered in an e-mail.
import { z } from 'zod';
import type { Activity } from './activity.ts';

const title = z.strictObject({ es: z.string().min(1), en: z.string().min(1).optional() });
const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();

const activitySchema = z.strictObject({
	organisation: z.strictObject({ id: z.guid(), name: z.string(), programme_id: z.string(), plan_id: z.string(), timezone: z.string() }),
	from: day,
	to: day,
	opened: z.array(
		z.strictObject({
			number: z.number().int().positive(),
			subject: z.string(),
			severity: z.string(),
			severity_label: title,
			status: z.string(),
			product_id: z.string().nullable(),
			created_at: instant,
		}),
	),
	closed: z.array(
		z.strictObject({
			number: z.number().int().positive(),
			subject: z.string(),
			severity: z.string(),
			severity_label: title,
			close_reason: z.string(),
			closed_at: instant,
		}),
	),
	downloads: z.array(
		z.strictObject({
			item: z.string(),
			name: z.string(),
			kind: z.string(),
			product_id: z.string().nullable(),
			version: z.string(),
			support_status: z.string(),
			published_at: instant,
		}),
	),
});

export function parseActivity(value: unknown): Activity {
	return activitySchema.parse(value) satisfies Activity;
}
