// Files an agent attaches: checked against the attachments bucket's limits before upload (the schema
// the tickets function and the customer's form use; the database checks again), and given a Storage
// key in the right folder: <organisation>/<ticket>/… for what the customer will see,
// <organisation>/internal/<ticket>/… for an internal note's files, which customers cannot read.
import { ATTACHMENT_MAX_FILES, attachmentInput } from '../../../supabase/functions/_shared/ticket-input.ts';

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

export function folderFor(organisationId: string, ticketId: string, internal: boolean): string {
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
