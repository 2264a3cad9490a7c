// A streaming multipart/form-data reader with what Storage takes from an upload form (it uses
// @fastify/multipart's request.file()): the text fields sent before the first file part, and that
// file part as a stream. Fields are small and bounded; the file is never held in memory.
import { ERRORS } from './errors.ts';

const MAX_HEADER_BYTES = 16 * 1024;
const MAX_FIELD_BYTES = 2 * 1024 * 1024;
const MAX_PREAMBLE_BYTES = 64 * 1024;
/** What is read (and dropped) after the file part, so the whole request is consumed. */
const MAX_EPILOGUE_BYTES = 64 * 1024 ** 2;

export interface FilePart {
	fields: Record<string, string>;
	filename: string;
	/** The part's Content-Type; RFC 7578's default when it has none. */
	contentType: string;
	stream: ReadableStream<Uint8Array>;
}

export function boundaryOf(contentType: string): string | undefined {
	const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return m?.[1] ?? m?.[2];
}

class Buffered {
	buf: Buffer = Buffer.alloc(0);
	done = false;
	private reader: ReadableStreamDefaultReader<Uint8Array>;
	constructor(body: ReadableStream<Uint8Array>) {
		this.reader = body.getReader();
	}

	async more(): Promise<boolean> {
		if (this.done) return false;
		const { done, value } = await this.reader.read();
		if (done) {
			this.done = true;
			return false;
		}
		this.buf = this.buf.length ? Buffer.concat([this.buf, value]) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
		return true;
	}

	/** Everything up to `needle` (which is consumed too); fails past `max` bytes or at the end of the body. */
	async until(needle: Buffer, max: number): Promise<Buffer> {
		for (;;) {
			const at = this.buf.indexOf(needle);
			if (at >= 0) {
				const head = this.buf.subarray(0, at);
				this.buf = this.buf.subarray(at + needle.length);
				return head;
			}
			if (this.buf.length > max + needle.length) throw ERRORS.invalidRequest('Malformed multipart body: part too large');
			if (!(await this.more())) throw ERRORS.invalidRequest('Malformed multipart body: unexpected end');
		}
	}

	async need(n: number): Promise<void> {
		while (this.buf.length < n) if (!(await this.more())) throw ERRORS.invalidRequest('Malformed multipart body: unexpected end');
	}

	async discardRest(max: number): Promise<void> {
		let dropped = 0;
		this.buf = Buffer.alloc(0);
		while (!this.done && dropped < max) {
			const { done, value } = await this.reader.read();
			if (done) this.done = true;
			else dropped += value.byteLength;
		}
		if (!this.done) await this.reader.cancel().catch(() => {});
	}
}

function parseHeaders(raw: string): { name?: string; filename?: string; contentType?: string } {
	const out: { name?: string; filename?: string; contentType?: string } = {};
	for (const line of raw.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon < 0) continue;
		const key = line.slice(0, colon).trim().toLowerCase();
		const value = line.slice(colon + 1).trim();
		if (key === 'content-disposition') {
			const unquote = (s: string) => s.replace(/\\(.)/g, '$1');
			const name = /(?:^|;)\s*name="((?:[^"\\]|\\.)*)"/i.exec(value);
			const filename = /(?:^|;)\s*filename="((?:[^"\\]|\\.)*)"/i.exec(value);
			if (name) out.name = unquote(name[1]);
			if (filename) out.filename = unquote(filename[1]);
		} else if (key === 'content-type') out.contentType = value;
	}
	return out;
}

/** The fields before the first file part, and that part; undefined when the form has no file. */
export async function firstFile(body: ReadableStream<Uint8Array>, boundary: string): Promise<FilePart | undefined> {
	const input = new Buffered(body);
	const dash = Buffer.from(`--${boundary}`);
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	await input.until(dash, MAX_PREAMBLE_BYTES);
	const fields: Record<string, string> = {};
	for (;;) {
		await input.need(2);
		if (input.buf.subarray(0, 2).toString() === '--') {
			await input.discardRest(MAX_EPILOGUE_BYTES);
			return undefined;
		}
		await input.until(Buffer.from('\r\n'), 256); // transport padding after the boundary
		const headers = parseHeaders((await input.until(Buffer.from('\r\n\r\n'), MAX_HEADER_BYTES)).toString('utf8'));
		if (headers.filename === undefined) {
			const value = await input.until(delimiter, MAX_FIELD_BYTES);
			if (headers.name !== undefined && !(headers.name in fields)) fields[headers.name] = value.toString('utf8');
			continue;
		}
		return { fields, filename: headers.filename, contentType: headers.contentType || 'text/plain', stream: fileStream(input, delimiter) };
	}
}

function fileStream(input: Buffered, delimiter: Buffer): ReadableStream<Uint8Array> {
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			for (;;) {
				const at = input.buf.indexOf(delimiter);
				if (at >= 0) {
					if (at > 0) controller.enqueue(new Uint8Array(input.buf.subarray(0, at)));
					await input.discardRest(MAX_EPILOGUE_BYTES);
					controller.close();
					return;
				}
				// Keep what could be the start of a delimiter split across chunks.
				const safe = input.buf.length - (delimiter.length - 1);
				if (safe > 0) {
					controller.enqueue(new Uint8Array(input.buf.subarray(0, safe)));
					input.buf = input.buf.subarray(safe);
					return;
				}
				if (!(await input.more())) {
					controller.error(ERRORS.invalidRequest('Malformed multipart body: unexpected end'));
					return;
				}
			}
		},
		async cancel() {
			await input.discardRest(MAX_EPILOGUE_BYTES);
		},
	});
}
