// What a customer sends to open a ticket: one schema for the ticket form (the island validates as the
// user types), the `tickets` edge function (validates again, since the browser is untrusted) and the
// tests. The database checks the same limits with constraints. Error messages are stable codes the UI
// translates; the path says which field they belong to.
import { z } from 'zod';

/** The attachments bucket's limits (supabase/migrations/20261121000300_tickets.sql). */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;
export const ATTACHMENT_MAX_FILES = 10;
export const ATTACHMENT_TYPES = [
	'image/png',
	'image/jpeg',
	'image/gif',
	'image/webp',
	'application/pdf',
	'text/plain',
	'text/csv',
	'application/zip',
	'video/mp4',
	'video/webm',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/json',
	'application/xml',
] as const;

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { message: 'too_long' })
		.optional()
		.transform((v) => (v === '' ? undefined : v));

export const attachmentInput = z.object({
	/** Where the island uploaded it: <organisation id>/<folder>/<file> in the attachments bucket. */
	storage_path: z
		.string()
		.min(3)
		.max(1024)
		.regex(/^[0-9a-f-]{36}\/(?!internal\/)[^\s\\]+$/, { message: 'attachment_outside_folder' }),
	file_name: z.string().trim().min(1).max(255, { message: 'too_long' }),
	mime_type: z.enum(ATTACHMENT_TYPES, { message: 'attachment_type_not_allowed' }),
	size_bytes: z.number().int().positive().max(ATTACHMENT_MAX_BYTES, { message: 'attachment_too_large' }),
});

export const ticketInput = z.object({
	/** Needed only when the caller belongs to more than one organisation. */
	organisation_id: z.uuid({ message: 'invalid_organisation' }).optional(),
	severity: z.string().trim().min(1, { message: 'required' }).max(40),
	subject: z.string().trim().min(3, { message: 'too_short' }).max(200, { message: 'too_long' }),
	description: z.string().trim().min(10, { message: 'too_short' }).max(20000, { message: 'too_long' }),
	impact: optionalText(2000),
	environment: z.enum(['production', 'test'], { message: 'invalid_environment' }).default('production'),
	product_id: optionalText(100),
	version: optionalText(40),
	steps: optionalText(20000),
	affected_user: optionalText(200),
	/** The article the ticket was filed from. */
	source_article: z
		.string()
		.regex(/^[a-z0-9/-]+$/, { message: 'invalid_article' })
		.max(300)
		.optional(),
	/** Chosen by the form once per draft, so a retried submission never opens a second ticket. */
	idempotency_key: z.string().min(8, { message: 'invalid_idempotency_key' }).max(100, { message: 'invalid_idempotency_key' }),
	attachments: z.array(attachmentInput).max(ATTACHMENT_MAX_FILES, { message: 'too_many_attachments' }).default([]),
});

export type TicketInput = z.infer<typeof ticketInput>;
export type TicketInputDraft = z.input<typeof ticketInput>;

export interface FieldIssue {
	/** 'subject', 'attachments.0.size_bytes', ... */
	field: string;
	/** A stable code: too_short, too_long, required, attachment_too_large, ... */
	code: string;
}

/** The validation errors as {field, code} pairs the form shows next to each field. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
	return error.issues.map((i) => ({
		field: i.path.join('.'),
		code: /^[a-z_]+$/.test(i.message) ? i.message : i.code === 'invalid_type' && i.input === undefined ? 'required' : 'invalid',
	}));
}
