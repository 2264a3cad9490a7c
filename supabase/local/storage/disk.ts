// The bytes of objects on the local disk, following Storage's file backend (src/storage/backend/
// file.ts): one file per object version. An upload is streamed into a temporary file (counting bytes
// against the limit and hashing for the ETag, never buffering the body), then renamed into place.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { dirname, join, resolve, sep } from 'node:path';
import { ERRORS } from './errors.ts';
import { bucketDir, objectFile, uploadsDir } from './paths.ts';

/** After a body went over the limit, how much more is read (and dropped) so the reply can still be sent. */
const DRAIN_LIMIT = 64 * 1024 ** 2;

export interface Received {
	tmp: string;
	size: number;
	/** S3-style: the MD5 of the bytes, hex, in double quotes. */
	eTag: string;
}

/** Streams `body` into a temporary file; EntityTooLarge (and nothing kept) once it passes `limit` bytes. */
export async function receive(root: string, body: ReadableStream<Uint8Array>, limit: number): Promise<Received> {
	const dir = uploadsDir(root);
	await mkdir(dir, { recursive: true });
	const tmp = join(dir, `${randomUUID()}.part`);
	const file = await open(tmp, 'wx', 0o600);
	const md5 = createHash('md5');
	const reader = body.getReader();
	let size = 0;
	let tooLarge = false;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) {
				tooLarge = true;
				break;
			}
			md5.update(value);
			await file.write(value);
		}
		if (tooLarge) await drain(reader, size);
	} catch (e) {
		await file.close();
		await rm(tmp, { force: true });
		throw e;
	}
	await file.close();
	if (tooLarge) {
		await rm(tmp, { force: true });
		throw ERRORS.entityTooLarge();
	}
	return { tmp, size, eTag: `"${md5.digest('hex')}"` };
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, seen: number): Promise<void> {
	let dropped = seen;
	while (dropped < seen + DRAIN_LIMIT) {
		const { done, value } = await reader.read();
		if (done) return;
		dropped += value.byteLength;
	}
	await reader.cancel().catch(() => {});
}

/** Moves a received file to where its version lives. */
export async function place(root: string, tmp: string, bucket: string, name: string, version: string): Promise<string> {
	const target = objectFile(root, bucket, name, version);
	await mkdir(dirname(target), { recursive: true });
	// Checked again now the folders exist: a symlink planted on the way must not be followed.
	objectFile(root, bucket, name, version);
	await rename(tmp, target);
	return target;
}

export async function discard(file: string): Promise<void> {
	await rm(file, { force: true });
}

/** Removes one version's file and the folders it leaves empty, up to the bucket's folder. */
export async function removeVersion(root: string, bucket: string, name: string, version: string | null | undefined): Promise<void> {
	if (!version) return;
	let file: string;
	try {
		file = objectFile(root, bucket, name, version);
	} catch {
		return; // a row written by hand (SQL) with a version of its own has no file here
	}
	await rm(file, { force: true });
	const stop = bucketDir(root, bucket);
	let dir = dirname(file);
	while (dir.startsWith(stop + sep)) {
		try {
			if ((await readdir(dir)).length) break;
			await rmdir(dir);
		} catch {
			break;
		}
		dir = dirname(dir);
	}
}

export async function removeBucketDir(root: string, bucket: string): Promise<void> {
	const dir = bucketDir(root, bucket);
	if (dir.startsWith(resolve(root) + sep)) await rm(dir, { recursive: true, force: true });
}

export interface Opened {
	size: number;
	mtime: Date;
	/** The bytes (closes the file when done); call once, or close() instead. */
	stream(start?: number, end?: number): ReadableStream<Uint8Array>;
	close(): Promise<void>;
}

/**
 * The bytes of one version, or undefined when there is no file (e.g. a row inserted by SQL). The file
 * is opened at once, so a concurrent delete cannot pull it away half-way through a download.
 */
export async function openVersion(root: string, bucket: string, name: string, version: string | null): Promise<Opened | undefined> {
	if (!version) return undefined;
	let file: string;
	try {
		file = objectFile(root, bucket, name, version);
	} catch {
		return undefined;
	}
	const handle = await open(file, 'r').catch(() => undefined);
	if (!handle) return undefined;
	const info = await handle.stat();
	if (!info.isFile()) {
		await handle.close();
		return undefined;
	}
	return {
		size: info.size,
		mtime: info.mtime,
		stream: (start, end) => Readable.toWeb(handle.createReadStream({ start, end, autoClose: true })) as ReadableStream<Uint8Array>,
		close: () => handle.close(),
	};
}
