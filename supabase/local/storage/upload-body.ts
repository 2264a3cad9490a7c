// What an upload request carries, read as Storage v1.60 reads it (src/storage/uploader.ts,
// incomingFileInfo): a multipart form (supabase-js with a Blob, File or FormData: fields cacheControl,
// metadata, contentType, then the file part) or a raw body with content-type, cache-control and a
// base64 JSON x-metadata header.
import { ERRORS } from './errors.ts';
import { firstFile } from './multipart.ts';

const MAX_USER_METADATA_BYTES = 1024 * 1024;

export interface UploadBody {
	mimetype: string;
	cacheControl: string;
	userMetadata: Record<string, unknown> | null;
	body: ReadableStream<Uint8Array>;
}

function parseMetadata(json: string | undefined): Record<string, unknown> | null {
	if (json === undefined) return null;
	if (Buffer.byteLength(json, 'utf8') > MAX_USER_METADATA_BYTES) throw ERRORS.entityTooLarge();
	try {
		const value = JSON.parse(json);
		// Storage ignores metadata it cannot parse rather than failing the upload.
		return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
	} catch {
		return null;
	}
}

const empty = () => new ReadableStream<Uint8Array>({ start: (c) => c.close() });

export async function readUploadBody(req: Request): Promise<UploadBody> {
	const contentType = req.headers.get('content-type') ?? '';
	if (/^multipart\/form-data/i.test(contentType)) {
		if (!req.body) throw ERRORS.invalidRequest('No content provided');
		const part = await firstFile(req.body, contentType);
		if (!part) throw ERRORS.invalidRequest('No content provided');
		const cacheTime = part.fields.cacheControl;
		return {
			mimetype: part.fields.contentType || part.contentType,
			cacheControl: cacheTime ? `max-age=${cacheTime}` : 'no-cache',
			userMetadata: parseMetadata(part.fields.metadata ?? part.fields.userMetadata),
			body: part.stream,
		};
	}
	const header = req.headers.get('x-metadata');
	let userMetadata: Record<string, unknown> | null = null;
	if (header) userMetadata = parseMetadata(Buffer.from(header, 'base64').toString('utf8'));
	return {
		mimetype: contentType || 'application/octet-stream',
		cacheControl: req.headers.get('cache-control') ?? 'no-cache',
		userMetadata,
		body: req.body ?? empty(),
	};
}

/**
 * Storage's validateMimeType: the upload's type/subtype must equal an allowed entry or match a
 * `type/*` one. Like Storage it compares the subtype as sent, parameters included, so
 * `text/plain;charset=UTF-8` does not match `text/plain`. Null or empty list: anything goes.
 */
export function checkMimeType(mimetype: string, allowed: string[] | null): void {
	if (!allowed || allowed.length === 0) return;
	const [type, subtype] = mimetype.split('/');
	if (subtype === undefined) throw ERRORS.invalidMimeType(mimetype);
	for (const entry of allowed) {
		const [allowedType, allowedSubtype] = entry.split('/');
		if (allowedType === type && (allowedSubtype === '*' || allowedSubtype === subtype)) return;
	}
	throw ERRORS.invalidMimeType(mimetype);
}
