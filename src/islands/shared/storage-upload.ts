// One upload to a Storage bucket as the signed-in user, with progress. XMLHttpRequest rather than
// supabase-js, because only it reports upload progress; the request is Storage's plain upload
// (POST /storage/v1/object/<bucket>/<key>, the file as the body). Each caller names its bucket, its
// content type and x-upsert, and says which problem each failure is.
export interface StorageUploadRequest {
	/** The project URL (PUBLIC_SUPABASE_URL). */
	url: string;
	apiKey: string;
	accessToken: string;
	path: string;
	file: File;
	/** 0..1 */
	onProgress(fraction: number): void;
}

export interface StorageUpload {
	done: Promise<void>;
	abort(): void;
}

export interface StorageTarget<P extends string> {
	bucket: string;
	contentType: string;
	upsert: boolean;
	/** The problem an HTTP status and body mean; `logical` is Storage's real status. */
	problemOf(logical: number, status: number): P;
	/** The problem when the request could not be sent at all. */
	failed: P;
	/** What an aborted upload rejects with. */
	aborted(): Error;
}

export class StorageUploadError<P extends string> extends Error {
	readonly problem: P;
	constructor(problem: P) {
		super(problem);
		this.problem = problem;
	}
}

/** Storage answers client errors with HTTP 400 and the real status in the body's statusCode. */
function logicalStatus(status: number, body: string): number {
	try {
		return Number(JSON.parse(body).statusCode) || status;
	} catch {
		// not JSON: keep the HTTP status
		return status;
	}
}

export function uploadToStorage<P extends string>(
	req: StorageUploadRequest,
	target: StorageTarget<P>,
	error: (problem: P) => Error,
): StorageUpload {
	const xhr = new XMLHttpRequest();
	const key = req.path.split('/').map(encodeURIComponent).join('/');
	const done = new Promise<void>((resolve, reject) => {
		xhr.open('POST', `${req.url.replace(/\/$/, '')}/storage/v1/object/${target.bucket}/${key}`);
		xhr.setRequestHeader('authorization', `Bearer ${req.accessToken}`);
		xhr.setRequestHeader('apikey', req.apiKey);
		xhr.setRequestHeader('content-type', target.contentType);
		xhr.setRequestHeader('x-upsert', target.upsert ? 'true' : 'false');
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable && e.total > 0) req.onProgress(e.loaded / e.total);
		};
		xhr.onload = () => {
			if (xhr.status >= 200 && xhr.status < 300) {
				req.onProgress(1);
				resolve();
			} else reject(error(target.problemOf(logicalStatus(xhr.status, xhr.responseText), xhr.status)));
		};
		xhr.onerror = () => reject(error(target.failed));
		xhr.onabort = () => reject(target.aborted());
		xhr.send(req.file);
	});
	return { done, abort: () => xhr.abort() };
}
