// The sha256 and length of a stream, computed as the bytes arrive: a file of any size is hashed
// without being held in memory (Web Crypto's digest() takes only a whole buffer; node:crypto's hash
// takes chunks, and Deno and the edge runtime both provide it).
import { createHash } from 'node:crypto';

export async function sha256OfStream(body: ReadableStream<Uint8Array>): Promise<{ sha256: string; bytes: number }> {
	const hash = createHash('sha256');
	let bytes = 0;
	for await (const chunk of body) {
		hash.update(chunk);
		bytes += chunk.byteLength;
	}
	return { sha256: hash.digest('hex'), bytes };
}
