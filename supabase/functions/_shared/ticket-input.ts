// What a customer sends to open a ticket: one schema for the ticket form (the island validates as the
// user types), the `tickets` edge function (validates again, since the browser is untrusted) and the
// tests. The database checks the same limits with constraints. Error messages are stable codes the UI
// translates; the path says which field they belong to. Written with zod/mini (the same checks as
// zod, as functions the bundler can leave out): the ticket form ships it to the browser, where the
// full zod would cost ~20 KB gz more.
import * as z from 'zod/mini';

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

// Characters no text field accepts: NUL (U+0000) and lone UTF-16 surrogates. They are refused with
// `invalid_characters`, not stripped: PostgreSQL cannot store NUL in text at all, and a lone surrogate
// is not a character (it cannot be encoded as UTF-8 and the JSON parser refuses it), so neither can be
// what a person typed; a browser's text field never produces them, only a broken or hostile client
// does. Quietly removing them would store something other than what was validated and sent, and would
// hide the broken client; refusing names the field instead.
// (A plain scan: a regex would need lookbehind, and String.isWellFormed is recent for the browsers.)
/** True when `text` has a NUL or a lone surrogate. */
export function hasUnsafeCharacters(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0 || (c >= 0xdc00 && c <= 0xdfff)) return true;
		if (c >= 0xd800 && c <= 0xdbff) {
			const next = text.charCodeAt(i + 1);
			if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
			i++;
		}
	}
	return false;
}

// Code points that take up no room and show nothing: format characters (zero-width space U+200B,
// joiners U+200C/U+200D, BOM U+FEFF, bidi marks, soft hyphen, word joiner…), the other default-ignorable
// ones (Hangul fillers U+3164/U+115F/U+1160/U+FFA0, variation selectors, tags) and control characters
// that are not whitespace. They may sit inside real text (a joiner inside an emoji sequence), so they
// are kept in the value but not counted towards a minimum length.
const SILENT = /[\p{Cf}\p{Default_Ignorable_Code_Point}]|(?!\p{White_Space})\p{Cc}/gu;
// Characters that draw something by themselves: not silent, not whitespace, not a combining mark with
// no base, not the blank braille pattern U+2800 (a favourite "empty" character).
const VISIBLE = /(?![\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cc}\p{White_Space}\p{M}\u2800])[\s\S]/u;

/** Length in code points (as zod and PostgreSQL's char_length count) without the silent characters. */
export function countedLength(text: string): number {
	let n = 0;
	for (const _ of text.replace(SILENT, '')) n++;
	return n;
}

/** True when `text` has at least one character that shows on screen. */
export function hasVisibleCharacter(text: string): boolean {
	return VISIBLE.test(text);
}

/** Any string field: no NUL, no lone surrogate (checked first, and nothing else is reported then). */
const text = () => z.string().check(z.refine((v) => !hasUnsafeCharacters(v), { message: 'invalid_characters', abort: true }));

/**
 * Text a person must write (subject, description): trimmed, and at least `min` characters that are
 * not silent, one of them visible — a subject of zero-width spaces or whitespace is `too_short`, like
 * an empty one (the form says "write at least N characters").
 */
const requiredText = (min: number, max: number) =>
	text().check(
		z.trim(),
		z.refine((v) => countedLength(v) >= min && hasVisibleCharacter(v), { message: 'too_short', abort: true }),
		z.maxLength(max, { message: 'too_long' }),
	);

/** Text that may be left out; with `pattern`, a value given must match it (else `code`). */
const optionalText = (max: number, pattern?: RegExp, code = 'invalid') =>
	z.pipe(
		z.optional(
			text().check(
				z.trim(),
				z.maxLength(max, { message: 'too_long' }),
				z.refine((v) => v === '' || !pattern || pattern.test(v), { message: code }),
			),
		),
		z.transform((v: string | undefined) => (v === '' ? undefined : v)),
	);

/**
 * Whether `path` is a key the customer may attach: <organisation id>/<folder>/<file> (or
 * <organisation id>/<file>), never under internal/ (staff-only files), no whitespace or backslash, and
 * no empty, `.` or `..` segment (Storage keys are plain names, but a path that climbs or doubles a
 * slash is never one the form made, and whatever later resolves it as a path must not leave the
 * folder). The database checks the same (private.attach_files). With `organisation`, the first segment
 * must be that organisation (the tickets function knows it; the schema alone does not).
 */
export function insideOrganisationFolder(path: string, organisation?: string): boolean {
	if (!/^[0-9a-f-]{36}\/(?!internal\/)[^\s\\]+$/.test(path)) return false;
	const segments = path.split('/');
	if (segments.length > 3 || segments.some((s) => s === '' || s === '.' || s === '..')) return false;
	return organisation === undefined || segments[0] === organisation;
}

export const attachmentInput = z.object({
	/** Where the island uploaded it: <organisation id>/<folder>/<file> in the attachments bucket. */
	storage_path: text().check(
		z.minLength(3),
		z.maxLength(1024),
		z.refine((v) => insideOrganisationFolder(v), { message: 'attachment_outside_folder' }),
	),
	/** The name the customer sees; no control characters (the database refuses them too). */
	file_name: text().check(
		z.trim(),
		z.minLength(1),
		z.maxLength(255, { message: 'too_long' }),
		z.refine((v) => !/\p{Cc}/u.test(v), { message: 'invalid_file_name' }),
	),
	mime_type: z.enum(ATTACHMENT_TYPES, { message: 'attachment_type_not_allowed' }),
	size_bytes: z.int().check(z.positive(), z.maximum(ATTACHMENT_MAX_BYTES, { message: 'attachment_too_large' })),
});

export const ticketInput = z
	.object({
		/** Needed only when the caller belongs to more than one organisation. */
		organisation_id: z.optional(z.uuid({ message: 'invalid_organisation' })),
		severity: text().check(z.trim(), z.minLength(1, { message: 'required' }), z.maxLength(40)),
		subject: requiredText(3, 200),
		description: requiredText(10, 20000),
		impact: optionalText(2000),
		environment: z._default(z.enum(['production', 'test'], { message: 'invalid_environment' }), 'production'),
		/** A product id of content/support/products.yaml (the database knows which exist). */
		product_id: optionalText(100, /^[a-z0-9-]+$/, 'invalid_product'),
		/** One of that product's versions: 5.1, 2.0.3. */
		version: optionalText(40, /^\d+\.\d+(\.\d+)?$/, 'invalid_version'),
		steps: optionalText(20000),
		affected_user: optionalText(200),
		/** The article the ticket was filed from. */
		source_article: z.optional(text().check(z.regex(/^[a-z0-9/-]+$/, { message: 'invalid_article' }), z.maxLength(300))),
		/** Chosen by the form once per draft, so a retried submission never opens a second ticket. */
		idempotency_key: text().check(z.minLength(8, { message: 'invalid_idempotency_key' }), z.maxLength(100, { message: 'invalid_idempotency_key' })),
		attachments: z._default(
			z.array(attachmentInput).check(
				z.maxLength(ATTACHMENT_MAX_FILES, { message: 'too_many_attachments' }),
				z.superRefine((list, ctx) => {
					// The same file twice in one ticket: the second one is already attached (by the first).
					const seen = new Set<string>();
					list.forEach((a, i) => {
						if (seen.has(a.storage_path)) ctx.addIssue({ code: 'custom', path: [i], message: 'attachment_already_attached' });
						seen.add(a.storage_path);
					});
				}),
			),
			[],
		),
	})
	.check(
		z.superRefine((t, ctx) => {
			// A version means nothing without its product (as create_ticket also says).
			if (t.version !== undefined && t.product_id === undefined) ctx.addIssue({ code: 'custom', path: ['version'], message: 'invalid_version' });
		}),
	);

export type TicketInput = z.infer<typeof ticketInput>;
export type TicketInputDraft = z.input<typeof ticketInput>;

export interface FieldIssue {
	/** 'subject', 'attachments.0.size_bytes', ... */
	field: string;
	/** A stable code: too_short, too_long, required, attachment_too_large, invalid_characters, ... */
	code: string;
}

/**
 * Validates a request body. The input is kept in each issue (reportInput) so that fieldIssues can tell
 * a missing field (`required`) from one of the wrong type (`invalid`).
 */
export function parseTicketInput(body: unknown) {
	return ticketInput.safeParse(body, { reportInput: true });
}

/**
 * The validation errors as {field, code} pairs the form shows next to each field. A field of the wrong
 * type is `invalid` when the issues carry their input (parseTicketInput), `required` when it is missing.
 */
export function fieldIssues(error: z.core.$ZodError): FieldIssue[] {
	// A value of the wrong type is only that: zod still runs length checks on it (a string given for
	// the attachments list is also "too many attachments"), which would say nothing useful.
	const wrongType = new Set(error.issues.filter((i) => i.code === 'invalid_type').map((i) => i.path.join('.')));
	return error.issues
		.filter((i) => i.code === 'invalid_type' || !wrongType.has(i.path.join('.')))
		.map((i) => ({
			field: i.path.join('.'),
			code: /^[a-z_]+$/.test(i.message) ? i.message : i.code === 'invalid_type' && i.input === undefined ? 'required' : 'invalid',
		}));
}
