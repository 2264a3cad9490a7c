// Uploads a file to the private `downloads` bucket as the signed-in staff member (the bucket's
// policies let staff write there). XMLHttpRequest rather than supabase-js, because only it reports
// upload progress; the request is Storage's plain upload (POST /object/downloads/<key>, the file as
// the body). x-upsert replaces what a failed earlier attempt may have left under the same key; the
// page checks first that no published version uses that key.
export interface UploadRequest {
	url: string;
	apiKey: string;
	accessToken: string;
	path: string;
	file: File;
	/** 0..1 */
	onProgress(fraction: number): void;
}

export type UploadProblem = 'file_too_large' | 'upload_failed' | 'unavailable';

export class UploadError extends Error {
	readonly problem: UploadProblem;
	constructor(problem: UploadProblem) {
		super(problem);
		this.problem = problem;
	}
}

/** Storage answers client errors with HTTP 400 and the real status in the body's statusCode. */
function problemOf(status: number, body: string): UploadProblem {
	let logical = status;
	try {
		logical = Number(JSON.parse(body).statusCode) || status;
	} catch {
		// not JSON: keep the HTTP status
	}
	if (logical === 413) return 'file_too_large';
	if (status === 0 || status >= 500) return 'unavailable';
	return 'upload_failed';
}

export function uploadDownload(req: UploadRequest): Promise<void> {
	const xhr = new XMLHttpRequest();
	const key = req.path.split('/').map(encodeURIComponent).join('/');
	return new Promise<void>((resolve, reject) => {
		xhr.open('POST', `${req.url.replace(/\/$/, '')}/storage/v1/object/downloads/${key}`);
		xhr.setRequestHeader('authorization', `Bearer ${req.accessToken}`);
		xhr.setRequestHeader('apikey', req.apiKey);
		xhr.setRequestHeader('content-type', req.file.type || 'application/octet-stream');
		xhr.setRequestHeader('x-upsert', 'true');
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable && e.total > 0) req.onProgress(e.loaded / e.total);
		};
		xhr.onload = () => {
			if (xhr.status >= 200 && xhr.status < 300) {
				req.onProgress(1);
				resolve();
			} else reject(new UploadError(problemOf(xhr.status, xhr.responseText)));
		};
		xhr.onerror = () => reject(new UploadError('unavailable'));
		xhr.onabort = () => reject(new UploadError('upload_failed'));
		xhr.send(req.file);
	});
}
