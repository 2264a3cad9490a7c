// Attachments go straight from the browser to the private `attachments` bucket, under
// <organisation id>/<random folder>/<file>, as the signed-in customer (the bucket's policies let members
// write only into their organisation's folder). XMLHttpRequest rather than supabase-js, because only
// it reports upload progress; the request is Storage's plain upload (POST /object/<bucket>/<key>
// with the file as the body and its type as content-type). Limits are checked here before any byte
// is sent, with the same constants the tickets function and the bucket enforce again.
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../../supabase/functions/_shared/ticket-input.ts';

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

export interface UploadRequest {
	/** The project URL (PUBLIC_SUPABASE_URL). */
	url: string;
	apiKey: string;
	accessToken: string;
	path: string;
	file: File;
	/** 0..1 */
	onProgress(fraction: number): void;
}

export interface Upload {
	done: Promise<void>;
	abort(): void;
}

/** Storage answers client errors with HTTP 400 and the real status in the body's statusCode. */
function problemOf(status: number, body: string): UploadProblem {
	let logical = status;
	try {
		logical = Number(JSON.parse(body).statusCode) || status;
	} catch {
		// not JSON: keep the HTTP status
	}
	if (logical === 413) return 'attachment_too_large';
	if (logical === 415) return 'attachment_type_not_allowed';
	return 'attachment_failed';
}

export class UploadError extends Error {
	readonly problem: UploadProblem;
	constructor(problem: UploadProblem) {
		super(problem);
		this.problem = problem;
	}
}

export function uploadAttachment(req: UploadRequest): Upload {
	const xhr = new XMLHttpRequest();
	const key = req.path.split('/').map(encodeURIComponent).join('/');
	const done = new Promise<void>((resolve, reject) => {
		xhr.open('POST', `${req.url.replace(/\/$/, '')}/storage/v1/object/attachments/${key}`);
		xhr.setRequestHeader('authorization', `Bearer ${req.accessToken}`);
		xhr.setRequestHeader('apikey', req.apiKey);
		xhr.setRequestHeader('content-type', req.file.type);
		xhr.setRequestHeader('x-upsert', 'false');
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable && e.total > 0) req.onProgress(e.loaded / e.total);
		};
		xhr.onload = () => {
			if (xhr.status >= 200 && xhr.status < 300) {
				req.onProgress(1);
				resolve();
			} else reject(new UploadError(problemOf(xhr.status, xhr.responseText)));
		};
		xhr.onerror = () => reject(new UploadError('attachment_failed'));
		xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
		xhr.send(req.file);
	});
	return { done, abort: () => xhr.abort() };
}
