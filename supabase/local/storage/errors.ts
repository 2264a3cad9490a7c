// Follows Storage API v1.60 errors (src/internal/errors/codes.ts, storage-error.ts, http/error-handler.ts):
// every client error is sent with HTTP 400 and the logical status as a string in `statusCode`; only
// server errors keep HTTP 500. `error` carries the legacy name where Storage has one, else the code.
import { json } from '../http.ts';

export class StorageError extends Error {
	readonly code: string;
	readonly status: number;
	readonly legacy?: string;
	constructor(code: string, status: number, message: string, legacy?: string) {
		super(message);
		this.code = code;
		this.status = status;
		this.legacy = legacy;
	}

	body(): { statusCode: string; code: string; error: string; message: string } {
		return { statusCode: String(this.status), code: this.code, error: this.legacy ?? this.code, message: this.message };
	}

	response(): Response {
		return json(this.body(), this.status >= 500 ? this.status : 400);
	}
}

export const ERRORS = {
	noSuchKey: () => new StorageError('NoSuchKey', 404, 'Object not found', 'not_found'),
	noSuchBucket: () => new StorageError('NoSuchBucket', 404, 'Bucket not found', 'Bucket not found'),
	alreadyExists: () => new StorageError('ResourceAlreadyExists', 409, 'The resource already exists', 'Duplicate'),
	bucketAlreadyExists: () => new StorageError('BucketAlreadyExists', 409, 'The resource already exists', 'Duplicate'),
	bucketNotEmpty: () => new StorageError('ResourceNotEmpty', 409, 'The bucket you tried to delete is not empty'),
	accessDenied: (message = 'Access denied') => new StorageError('AccessDenied', 403, message, 'Unauthorized'),
	invalidJwt: (message = 'Invalid JWT') => new StorageError('InvalidJWT', 400, message),
	invalidSignature: (message = 'Invalid signature') => new StorageError('InvalidSignature', 400, message),
	expiredToken: () => new StorageError('ExpiredToken', 400, 'The provided token has expired.'),
	entityTooLarge: () => new StorageError('EntityTooLarge', 413, 'The object exceeded the maximum allowed size', 'Payload too large'),
	invalidMimeType: (mime: string) => new StorageError('InvalidMimeType', 415, `mime type ${mime} is not supported`, 'invalid_mime_type'),
	invalidKey: (key: string) => new StorageError('InvalidKey', 400, `Invalid key: ${key}`),
	invalidBucketName: () => new StorageError('InvalidBucketName', 400, 'Bucket name invalid', 'Invalid Input'),
	invalidRequest: (message: string) => new StorageError('InvalidRequest', 400, message),
	invalidRange: () => new StorageError('InvalidRange', 416, 'invalid range provided', 'invalid_range'),
	internal: (message = 'Internal server error') => new StorageError('InternalError', 500, message),
};

interface PgError {
	code?: string;
	message?: string;
	constraint?: string;
}

/**
 * The Storage error for a database error (src/storage/database/errors.ts): privilege and RLS failures
 * become AccessDenied with the Postgres message, unique violations ResourceAlreadyExists, a missing
 * bucket (foreign key) NoSuchBucket. Anything else is not the caller's fault.
 */
export function fromPgError(e: unknown): StorageError | undefined {
	const err = e as PgError;
	if (!err || typeof err.code !== 'string' || !/^[0-9A-Z]{5}$/.test(err.code)) return undefined;
	switch (err.code) {
		case '42501':
			// Storage trims the table name: "new row violates row-level security policy".
			return ERRORS.accessDenied((err.message ?? '').replace(/ for table "[^"]*"$/, '').replace(/ \(USING expression\)$/, ''));
		case '23505':
			return ERRORS.alreadyExists();
		case '23503':
			return ERRORS.noSuchBucket();
		case '22P02':
		case '23514':
		case '23502':
			return ERRORS.invalidRequest(err.message ?? 'Invalid request');
		default:
			return undefined;
	}
}
