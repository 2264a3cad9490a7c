// Files someone attaches to a ticket (customer reply, agent reply or note): checked against the
// attachments bucket's limits before anything is uploaded — with the schema the tickets function and
// the ticket form use; Storage and the database check again — and given a Storage key that keeps the
// name readable but safe.
import { ATTACHMENT_MAX_FILES, attachmentInput } from '#shared/ticket-input.ts';

export { ATTACHMENT_MAX_FILES };

export type FileProblem = 'too_large' | 'type' | 'invalid';

export function fileProblem(file: File): FileProblem | null {
	const checked = attachmentInput.safeParse({
		storage_path: '00000000-0000-0000-0000-000000000000/check/file',
		file_name: file.name,
		mime_type: file.type,
		size_bytes: file.size,
	});
	if (checked.success) return null;
	const codes = checked.error.issues.map((i) => i.message);
	if (codes.includes('attachment_too_large')) return 'too_large';
	if (codes.includes('attachment_type_not_allowed')) return 'type';
	return 'invalid';
}

/** Where a ticket's files go: <organisation>/<ticket>/, or <organisation>/internal/<ticket>/ for staff-only ones. */
export function ticketFolder(organisationId: string, ticketId: string, internal = false): string {
	return internal ? `${organisationId}/internal/${ticketId}/` : `${organisationId}/${ticketId}/`;
}

/** The folder plus a random prefix and the name with only letters, digits, dot, dash and underscore. */
export function storagePathFor(folder: string, fileName: string): string {
	const safe =
		fileName
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9._-]+/g, '-')
			.replace(/^[-.]+|-+$/g, '')
			.slice(-100) || 'archivo';
	return `${folder}${crypto.randomUUID()}-${safe}`;
}

/** The codes the backend refuses an attachment with; every island says them as one "attachment" label. */
export const ATTACHMENT_ERROR_CODES = [
	'attachment_outside_folder',
	'attachment_not_uploaded',
	'attachment_already_attached',
	'attachment_type_not_allowed',
	'attachment_too_large',
	'too_many_attachments',
	'invalid_file_name',
] as const;

/** code → label key for every attachment code. */
export const attachmentCodes = <K extends string>(key: K): Record<string, K> => Object.fromEntries(ATTACHMENT_ERROR_CODES.map((c) => [c, key]));
