// Stable codes (from the form's schema, the tickets function and Storage) as sentences in the page's
// language, and the dates and sizes those sentences mention.
import { fill } from '../shared/labels.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES } from '#shared/ticket-input.ts';
import type { TicketFormLabels } from './labels.ts';

/** The lengths ticket-input.ts allows per field, for "at least 10 characters" and the like. */
const MIN: Record<string, number> = { subject: 3, description: 10 };
const MAX: Record<string, number> = { subject: 200, description: 20000, impact: 2000, steps: 20000, affected_user: 200 };

/** `name`: the file an attachments.N issue is about, when the form knows it. */
export function fieldMessage(field: string, code: string, labels: TicketFormLabels, name = ''): string {
	switch (code) {
		case 'required':
			return labels.fieldRequired;
		case 'too_short':
			return fill(labels.fieldTooShort, { min: MIN[field] ?? 1 });
		case 'too_long':
			return fill(labels.fieldTooLong, { max: (MAX[field] ?? 0).toLocaleString() });
		case 'invalid_severity':
			return labels.fieldSeverity;
		case 'invalid_environment':
			return labels.fieldEnvironment;
		case 'attachment_too_large':
		case 'attachment_type_not_allowed':
		case 'attachment_outside_folder':
		case 'attachment_not_uploaded':
		case 'attachment_already_attached':
		case 'invalid_file_name':
		case 'too_many_attachments':
			return attachmentMessage(code, name, labels);
		default:
			return labels.fieldInvalid;
	}
}

export function attachmentMessage(code: string, name: string, labels: TicketFormLabels): string {
	const values = { name, max: formatBytes(ATTACHMENT_MAX_BYTES), count: ATTACHMENT_MAX_FILES };
	if (code === 'attachment_too_large') return fill(labels.attachmentTooLarge, values);
	if (code === 'attachment_type_not_allowed') return fill(labels.attachmentType, values);
	if (code === 'too_many_attachments') return fill(labels.attachmentTooMany, values);
	return fill(labels.attachmentFailed, values);
}

/** 25 MB, 340 KB, 12 bytes: sizes as people say them. */
export function formatBytes(bytes: number, lang = 'es'): string {
	const units: [number, string][] = [
		[1024 * 1024 * 1024, 'GB'],
		[1024 * 1024, 'MB'],
		[1024, 'KB'],
	];
	for (const [size, unit] of units) {
		if (bytes >= size) return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / size)} ${unit}`;
	}
	return `${bytes} B`;
}

/** "1 de diciembre de 2026" for the calendar date "2026-12-01" (a day, not an instant: no time zone shift). */
export function formatDay(day: string, lang: 'es' | 'en'): string {
	const d = new Date(`${day}T12:00:00Z`);
	if (Number.isNaN(d.getTime())) return day;
	return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}
