// The Storage API stand-in at /storage/v1: the routes of Storage v1.60 (src/http/routes/bucket/*,
// src/http/routes/object/*) that supabase-js's StorageClient calls, with objects' bytes on the local
// disk under config.storage.dir and every row read or written as the caller so the project's RLS
// policies on storage.* decide. Static route segments (sign, public, info, list...) win over bucket
// names, as in Storage's router.
import { json, type Ctx, type Service } from '../http.ts';
import type { Stack } from '../stack-types.ts';
import { createBucket, deleteBucket, emptyBucket, getBucket, listBuckets, updateBucket } from './buckets.ts';
import { ERRORS, StorageError } from './errors.ts';
import { listObjects, listObjectsV2 } from './list.ts';
import { copyObject, moveObject } from './move-copy.ts';
import { deleteObject, deleteObjects, getObject, getObjectInfo, getPublicObject } from './objects.ts';
import { decodeParam } from './paths.ts';
import { getSignedObject, signUploadUrl, signUrl, signUrls, uploadToSignedUrl } from './signed-urls.ts';
import { uploadObject } from './upload.ts';

const MAX_JSON_BYTES = 1024 * 1024;
const MAX_UNREAD_BYTES = 64 * 1024 ** 2;

async function readJson(req: Request): Promise<unknown> {
	if (!req.body) return {};
	const reader = req.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > MAX_JSON_BYTES) {
			await reader.cancel().catch(() => {});
			throw ERRORS.entityTooLarge();
		}
		chunks.push(value);
	}
	const text = Buffer.concat(chunks).toString('utf8').trim();
	if (!text) return {};
	try {
		return JSON.parse(text);
	} catch {
		throw ERRORS.invalidRequest('Body is not valid JSON');
	}
}

/** An error sent before the body was read: read it anyway (bounded), so the connection stays usable. */
async function dropUnreadBody(req: Request): Promise<void> {
	if (!req.body || req.body.locked) return;
	const reader = req.body.getReader();
	let dropped = 0;
	try {
		while (dropped < MAX_UNREAD_BYTES) {
			const { done, value } = await reader.read();
			if (done) return;
			dropped += value.byteLength;
		}
		await reader.cancel();
	} catch {
		// the client went away
	}
}

/** `/a/b%2Fc/d` from segment `from` on, each segment decoded: the object name of a wildcard route. */
function rest(segments: string[], from: number): string {
	const name = segments.slice(from).map(decodeParam).join('/');
	if (!name) throw ERRORS.invalidKey('');
	return name;
}

async function route(req: Request, ctx: Ctx): Promise<Response> {
	const m = req.method === 'HEAD' ? 'GET' : req.method;
	const s = ctx.path.split('/').slice(1);
	const bucket = () => decodeParam(s[1] ?? '');

	if (s[0] === 'bucket') {
		if (s.length === 1 || (s.length === 2 && s[1] === '')) {
			if (m === 'GET') return listBuckets(req, ctx);
			if (m === 'POST') return createBucket(req, ctx, await readJson(req));
		} else if (s.length === 2) {
			const id = bucket();
			if (m === 'GET') return getBucket(req, ctx, id);
			if (m === 'PUT') return updateBucket(req, ctx, id, await readJson(req));
			if (m === 'DELETE') return deleteBucket(req, ctx, id);
		} else if (s.length === 3 && s[2] === 'empty' && m === 'POST') return emptyBucket(req, ctx, bucket());
	}

	if (s[0] === 'object' && s.length >= 2) {
		const kind = s[1];
		/** Bucket at segment k, object name from k + 1 on. */
		const at = (k: number): [string, string] => [decodeParam(s[k] ?? ''), rest(s, k + 1)];
		if (kind === 'move' && s.length === 2 && m === 'POST') return moveObject(req, ctx, await readJson(req));
		if (kind === 'copy' && s.length === 2 && m === 'POST') return copyObject(req, ctx, await readJson(req));
		if (kind === 'list-v2' && s.length === 3 && m === 'POST') return listObjectsV2(req, ctx, decodeParam(s[2]), await readJson(req));
		if (kind === 'upload' && s[2] === 'sign' && s.length >= 5 && m === 'POST') return signUploadUrl(req, ctx, ...at(3));
		if (kind === 'upload' && s[2] === 'sign' && s.length >= 5 && m === 'PUT') return uploadToSignedUrl(req, ctx, ...at(3));
		if (kind === 'list' && s.length === 3 && m === 'POST') return listObjects(req, ctx, decodeParam(s[2]), await readJson(req));
		if (kind === 'sign' && s.length === 3 && m === 'POST') return signUrls(req, ctx, decodeParam(s[2]), await readJson(req));
		if (kind === 'sign' && s.length >= 4 && m === 'POST') return signUrl(req, ctx, ...at(2), await readJson(req));
		if (kind === 'sign' && s.length >= 4 && m === 'GET') return getSignedObject(req, ctx, ...at(2));
		if (kind === 'public' && s.length >= 4 && m === 'GET') return getPublicObject(req, ctx, ...at(2));
		if (kind === 'authenticated' && s.length >= 4 && m === 'GET') return getObject(req, ctx, ...at(2));
		if (kind === 'info' && s[2] === 'public' && s.length >= 5 && m === 'GET') return getPublicObject(req, ctx, ...at(3), true);
		if (kind === 'info' && s[2] === 'authenticated' && s.length >= 5 && m === 'GET') return getObjectInfo(req, ctx, ...at(3));
		if (kind === 'info' && s.length >= 4 && m === 'GET') return getObjectInfo(req, ctx, ...at(2));
		if (s.length === 2 && m === 'DELETE') return deleteObjects(req, ctx, decodeParam(kind), await readJson(req));
		if (s.length >= 3) {
			if (m === 'GET') return getObject(req, ctx, ...at(1));
			if (m === 'POST') return uploadObject(req, ctx, ...at(1), 'create');
			if (m === 'PUT') return uploadObject(req, ctx, ...at(1), 'update');
			if (m === 'DELETE') return deleteObject(req, ctx, ...at(1));
		}
	}
	return json({ statusCode: '404', error: 'Not Found', message: `Route ${req.method}:/storage/v1${ctx.path} not found` }, 404);
}

export function storageService(stack: Stack): Service {
	return {
		prefix: '/storage/v1',
		async handle(req, ctx) {
			try {
				return await route(req, ctx);
			} catch (e) {
				await dropUnreadBody(req);
				if (e instanceof StorageError) return e.response();
				stack.log(`storage: ${req.method} ${ctx.url.pathname}: ${(e as Error).stack ?? e}`);
				return ERRORS.internal().response();
			}
		},
	};
}
