// Uploads a file to the private `downloads` bucket as the signed-in staff member (the bucket's
// policies let staff write there), through the shared Storage uploader. x-upsert replaces what a
// failed earlier attempt may have left under the same key; the page checks first that no published
// version uses that key.
import { StorageUploadError, uploadToStorage, type StorageUploadRequest } from '../../shared/storage-upload.ts';

export type UploadRequest = StorageUploadRequest;

export type UploadProblem = 'file_too_large' | 'upload_failed' | 'unavailable';

export class UploadError extends StorageUploadError<UploadProblem> {}

export function uploadDownload(req: UploadRequest): Promise<void> {
	return uploadToStorage<UploadProblem>(
		req,
		{
			bucket: 'downloads',
			contentType: req.file.type || 'application/octet-stream',
			upsert: true,
			problemOf: (logical, status) => {
				if (logical === 413) return 'file_too_large';
				if (status === 0 || status >= 500) return 'unavailable';
				return 'upload_failed';
			},
			failed: 'unavailable',
			aborted: () => new UploadError('upload_failed'),
		},
		(problem) => new UploadError(problem),
	).done;
}
