// The sha256 of a file chosen in the browser, in hex, as the server computes it after the upload.
// Web Crypto digests a whole buffer; the bucket's size limit keeps that within reason.
export async function fileSha256(file: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
