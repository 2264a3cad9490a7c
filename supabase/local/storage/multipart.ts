// What Storage takes from a multipart/form-data upload (it uses @fastify/multipart's request.file(),
// which is busboy): the text fields sent before the first file part, and that file part as a stream.
// busboy does the parsing and streaming; fields are bounded and the file is never held in memory.
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { ERRORS } from './errors.ts';

const MAX_FIELD_BYTES = 2 * 1024 * 1024;
const MAX_HEADER_PAIRS = 100;

export interface FilePart {
	fields: Record<string, string>;
	filename: string;
	/** The part's Content-Type; RFC 7578's default (text/plain) when it has none. */
	contentType: string;
	stream: ReadableStream<Uint8Array>;
}

const malformed = (e: unknown) => ERRORS.invalidRequest(`Malformed multipart body: ${(e as Error).message}`);

/** The fields before the first file part, and that part; undefined when the form has no file or no boundary. */
export function firstFile(body: ReadableStream<Uint8Array>, contentType: string): Promise<FilePart | undefined> {
	let parser: busboy.Busboy;
	try {
		parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8', limits: { files: 1, fieldSize: MAX_FIELD_BYTES, headerPairs: MAX_HEADER_PAIRS } });
	} catch {
		return Promise.resolve(undefined); // no boundary
	}
	const input = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
	const stop = () => {
		input.unpipe(parser);
		input.destroy();
	};
	return new Promise<FilePart | undefined>((resolve, reject) => {
		let settled = false;
		const fields: Record<string, string> = {};
		const fail = (e: unknown) => {
			if (settled) return;
			settled = true;
			stop();
			reject(e);
		};
		parser.on('field', (name, value, info) => {
			if (info.valueTruncated) fail(ERRORS.invalidRequest('Malformed multipart body: part too large'));
			else if (!settled && !(name in fields)) fields[name] = value;
		});
		parser.on('file', (_name, file, info) => {
			if (settled) return void file.resume();
			settled = true;
			resolve({ fields, filename: info.filename ?? '', contentType: info.mimeType, stream: webStream(file, stop) });
		});
		parser.on('close', () => {
			if (settled) return;
			settled = true;
			resolve(undefined);
		});
		parser.on('error', (e) => fail(malformed(e)));
		input.on('error', (e) => parser.destroy(e));
		input.pipe(parser);
	});
}

/** The file part as a web stream whose errors are Storage's 400s; cancelling it stops reading the request. */
function webStream(file: Readable, stop: () => void): ReadableStream<Uint8Array> {
	const chunks = file[Symbol.asyncIterator]();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const { done, value } = await chunks.next();
				if (done) controller.close();
				else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
			} catch (e) {
				controller.error(malformed(e));
			}
		},
		async cancel() {
			stop();
			await chunks.return?.();
		},
	});
}
