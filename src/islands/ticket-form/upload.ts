// Attachments go straight from the browser to the private `attachments` bucket, under
// <organisation id>/<random folder>/<file>, as the signed-in customer (the bucket's policies let members
// write only into their organisation's folder), through the shared Storage uploader (the file's type
// as content-type). Limits are checked here before any byte is sent, with the same constants the
// tickets function and the bucket enforce again.
import {
	StorageUploadError,
	uploadToStorage,
	type StorageUpload,
	type StorageUploadRequest,
} from '../shared/storage-upload.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '#shared/ticket-input.ts';

export type UploadProblem = 'attachment_too_large' | 'attachment_type_not_allowed' | 'attachment_failed';

/** Why this file cannot be attached, or null when it can. */
export function checkFile(file: { size: number; type: string }): UploadProblem | null {
	if (file.size > ATTACHMENT_MAX_BYTES) return 'attachment_too_large';
	if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return 'attachment_type_not_allowed';
	return null;
}

/** A file name safe as the last segment of a Storage key: no spaces, accents or separators. */
export function keySafeName(name: string): string {
	const base = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^[-.]+|-+$/g, '');
	return (base || 'archivo').slice(-100);
}

export function attachmentPath(organisation: string, fileName: string): string {
	return `${organisation}/${crypto.randomUUID()}/${keySafeName(fileName)}`;
}

export type UploadRequest = StorageUploadRequest;

export type Upload = StorageUpload;

export class UploadError extends StorageUploadError<UploadProblem> {}

export function uploadAttachment(req: UploadRequest): Upload {
	return uploadToStorage<UploadProblem>(
		req,
		{
			bucket: 'attachments',
			contentType: req.file.type,
			upsert: false,
			problemOf: (logical) => {
				if (logical === 413) return 'attachment_too_large';
				if (logical === 415) return 'attachment_type_not_allowed';
				return 'attachment_failed';
			},
			failed: 'attachment_failed',
			aborted: () => new DOMException('aborted', 'AbortError'),
		},
		(problem) => new UploadError(problem),
	);
}
