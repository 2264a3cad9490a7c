// Object keys and where their bytes live. Key rules follow Storage v1.60 (src/storage/limits.ts:
// isValidKey / isValidBucketName, S3's "safe characters"), plus what a file system needs and hosted
// Storage does not (its keys are opaque S3 keys): no empty, '.' or '..' segments, bounded lengths.
// The disk layout follows Storage's file backend: <dir>/<bucket>/<name>/<version>, so that `a` and
// `a/b` can both exist and a new upload never overwrites the bytes a committed row points at.
import { realpathSync, existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { ERRORS } from './errors.ts';

const KEY_CHARS = /^[\w/!\-.*'() &$@=;:+,?]+$/;
const BUCKET_CHARS = /^[\w!\-.*'() &$@=;:+,?]+$/;
/** S3's limit on a key, in bytes; and a sane one on a path segment (most file systems allow 255). */
export const MAX_KEY_BYTES = 1024;
const MAX_SEGMENT_BYTES = 255;

export function isValidKey(key: string): boolean {
	if (!key || Buffer.byteLength(key) > MAX_KEY_BYTES || !KEY_CHARS.test(key)) return false;
	return key.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && Buffer.byteLength(s) <= MAX_SEGMENT_BYTES);
}

export function mustBeValidKey(key: string): void {
	if (!isValidKey(key)) throw ERRORS.invalidKey(key);
}

export function isValidBucketName(name: string): boolean {
	return name.length > 0 && name.length < 64 && BUCKET_CHARS.test(name) && name !== '.' && name !== '..';
}

export function mustBeValidBucketName(name: string): void {
	if (!isValidBucketName(name)) throw ERRORS.invalidBucketName();
}

/**
 * Decodes one route parameter taken from the raw URL path. A malformed escape, a NUL or any other
 * control character is an invalid key (never a 500 and never passed on to the file system).
 */
export function decodeParam(raw: string): string {
	let out: string;
	try {
		out = decodeURIComponent(raw);
	} catch {
		throw ERRORS.invalidKey(raw);
	}
	if (/[\u0000-\u001f\u007f]/.test(out)) throw ERRORS.invalidKey(raw);
	return out;
}

/** A version id is a UUID we generated; checked anyway before it becomes a file name. */
const VERSION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The file holding one version of an object, guaranteed to be inside `root`: the key rules rule out
 * traversal, the resolved path is checked against the root, and the deepest existing ancestor is
 * resolved through symlinks and must still be inside the root's real path.
 */
export function objectFile(root: string, bucket: string, name: string, version: string): string {
	mustBeValidBucketName(bucket);
	mustBeValidKey(name);
	if (!VERSION.test(version)) throw ERRORS.internal('Invalid object version');
	return contained(root, join(bucket, ...name.split('/'), version));
}

export function bucketDir(root: string, bucket: string): string {
	mustBeValidBucketName(bucket);
	return contained(root, bucket);
}

/** Where uploads are written before they are renamed into place (same file system, so rename is atomic); '~' is no bucket name. */
export function uploadsDir(root: string): string {
	return join(resolve(root), '~uploads');
}

function contained(root: string, relative: string): string {
	const base = resolve(root);
	const target = resolve(base, relative);
	if (!target.startsWith(base + sep)) throw ERRORS.invalidKey(relative);
	const realBase = realpathSync(base);
	let probe = target;
	while (!existsSync(probe) && probe.startsWith(base + sep)) probe = dirname(probe);
	const realProbe = realpathSync(probe);
	if (realProbe !== realBase && !realProbe.startsWith(realBase + sep)) throw ERRORS.invalidKey(relative);
	return target;
}
