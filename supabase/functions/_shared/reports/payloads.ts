// The payloads of the two report e-mails in the notification outbox (templates weekly_digest and
// monthly_report in ../email/templates.ts): what the reports function queues and the notify function
// renders. One payload serves every recipient of an organisation whatever their language: titles
// carry both languages and the renderer picks. Lists are cut to LIST_LIMIT items; `count` says how
// many there were.
import { z } from 'zod';
import { timeZone } from '../programme.ts';
import { isDay, isMonth } from './period.ts';

export const LIST_LIMIT = 25;

const day = z.string().refine(isDay, { message: 'expected a day "YYYY-MM-DD"' });
const instant = z.iso.datetime({ offset: true });
const text = z.string().trim().min(1).max(1000);
const title = z.strictObject({ es: text, en: text.optional() });
const slug = z.string().regex(/^[a-z0-9][a-z0-9/-]*$/);
const count = z.number().int().min(0);

const list = <T extends z.ZodType>(item: T) =>
	z.strictObject({ count, items: z.array(item).max(LIST_LIMIT) }).refine((l) => l.items.length <= l.count, { message: 'more items than the count' });

const ticketItem = z.strictObject({
	number: z.number().int().positive(),
	subject: text,
	severity: z.string().min(1).max(50),
});
const articleItem = z.strictObject({ slug, title, type: z.string().min(1).max(50), date: day, version: z.string().max(50).optional() });
const alertItem = z.strictObject({
	slug,
	title,
	severity: z.enum(['critical', 'high', 'medium', 'low']),
	state: z.enum(['published', 'resolved', 'updated']),
	date: day,
});
const downloadItem = z.strictObject({ name: text, version: z.string().min(1).max(50), support_status: z.string().min(1).max(50), published_at: instant });

const measure = z.strictObject({ measured: count, on_time: count, rate: z.number().min(0).max(1).nullable() });
const judged = measure.extend({ commitment: z.number().min(0).max(100).nullable(), met: z.boolean().nullable() });

/** What both e-mails say about the period: who, when, and what happened. */
const periodFields = {
	organisation: z.strictObject({ id: z.guid(), name: text }),
	from: day,
	to: day,
	/** The zone the days are read in (the programme's). */
	timezone: timeZone,
	opened: list(ticketItem),
	closed: list(ticketItem),
	new_articles: list(articleItem),
	updated_articles: list(articleItem),
	alerts: list(alertItem),
	downloads: list(downloadItem),
	/**
	 * The site's updates feed could not be read when the report was built: the documentation lists
	 * (alerts, new and updated articles) are empty for that reason, and the e-mail says so.
	 */
	documentation_unavailable: z.literal(true).optional(),
};

/** To every member of an organisation: its week, Monday to Sunday. */
export const weeklyDigestPayload = z.strictObject(periodFields);

/** To each coordinator: the month, with its SLA attainment (summed from sla_attainment). */
export const monthlyReportPayload = z.strictObject({
	...periodFields,
	month: z.string().refine(isMonth, { message: 'expected a month "YYYY-MM"' }),
	sla: z.strictObject({
		tickets: count,
		first_response: judged,
		updates: measure,
		escalation: judged,
		met: z.boolean().nullable(),
		by_severity: z.array(
			z.strictObject({ severity: z.string().min(1).max(50), label: title, tickets: count, first_response: measure, updates: measure, escalation: measure }),
		),
	}),
});

export type WeeklyDigestPayload = z.output<typeof weeklyDigestPayload>;
export type MonthlyReportPayload = z.output<typeof monthlyReportPayload>;
