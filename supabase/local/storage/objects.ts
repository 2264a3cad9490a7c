// Reading and removing objects, following Storage v1.60 (src/http/routes/object/getObject.ts,
// getPublicObject.ts, getObjectInfo.ts, deleteObject.ts, deleteObjects.ts): rows are read and deleted
// AS THE CALLER, so an object the SELECT policies hide is NoSuchKey and one the DELETE policies protect
// is simply not removed; public buckets are read without RLS; bytes go after the delete commits.
import { json, type Ctx } from '../http.ts';
import { asCaller, authenticatedIdentity, callerIdentity } from './caller.ts';
import { removeVersion } from './disk.ts';
import { infoBody, serveObject } from './download.ts';
import { ERRORS, fromPgError } from './errors.ts';
import { isValidKey } from './paths.ts';
import { findBucket, findObject, OBJECT_COLUMNS, type ObjectRow } from './rows.ts';

/** The row as the caller sees it; for a public bucket as Storage's superuser (no RLS). */
async function visibleObject(req: Request, ctx: Ctx, bucketId: string, name: string, operation: string): Promise<ObjectRow> {
	// allowInvalidJwt routes: without a valid token only public buckets can be read.
	const identity = await authenticatedIdentity(ctx);
	const bucket = await findBucket(ctx.stack.admin, bucketId);
	if (!bucket || (!identity && !bucket.public)) throw ERRORS.noSuchBucket();
	if (!isValidKey(name)) throw ERRORS.noSuchKey();
	const row = bucket.public
		? await findObject(ctx.stack.admin, bucketId, name)
		: await asCaller(ctx, req, { identity: identity!, operation, readOnly: true }, (db) => findObject(db, bucketId, name));
	if (!row) throw ERRORS.noSuchKey();
	return row;
}

export async function getObject(req: Request, ctx: Ctx, bucketId: string, name: string): Promise<Response> {
	const head = req.method === 'HEAD';
	const row = await visibleObject(req, ctx, bucketId, name, head ? 'storage.object.info_authenticated' : 'storage.object.get_authenticated');
	return serveObject(req, ctx.stack.config.storage.dir, row, { download: ctx.url.searchParams.get('download'), head });
}

export async function getObjectInfo(req: Request, ctx: Ctx, bucketId: string, name: string): Promise<Response> {
	const row = await visibleObject(req, ctx, bucketId, name, 'storage.object.info_authenticated');
	return json(infoBody(row), 200, { 'cache-control': 'no-cache' });
}

/** /object/public/...: public buckets only, no JWT needed, no RLS. A private bucket is "not found". */
export async function getPublicObject(req: Request, ctx: Ctx, bucketId: string, name: string, info = false): Promise<Response> {
	const bucket = await findBucket(ctx.stack.admin, bucketId);
	if (!bucket?.public) throw ERRORS.noSuchBucket();
	const row = isValidKey(name) ? await findObject(ctx.stack.admin, bucketId, name) : undefined;
	if (!row) throw ERRORS.noSuchKey();
	if (info) return json(infoBody(row), 200, { 'cache-control': 'no-cache' });
	return serveObject(req, ctx.stack.config.storage.dir, row, { download: ctx.url.searchParams.get('download'), head: req.method === 'HEAD' });
}

/** Deletes as the caller and returns the rows that went; their bytes are removed after the commit. */
async function deleteRows(req: Request, ctx: Ctx, bucketId: string, names: string[], operation: string): Promise<ObjectRow[]> {
	const identity = await callerIdentity(ctx);
	const bucket = await findBucket(ctx.stack.admin, bucketId);
	if (!bucket) throw ERRORS.noSuchBucket();
	let deleted: ObjectRow[];
	try {
		deleted = await asCaller(ctx, req, { identity, operation }, async (db) => {
			const { rows } = await db.query<ObjectRow>(`delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning ${OBJECT_COLUMNS}`, [bucketId, names]);
			return rows;
		});
	} catch (e) {
		throw fromPgError(e) ?? e;
	}
	const root = ctx.stack.config.storage.dir;
	for (const row of deleted) {
		await removeVersion(root, row.bucket_id, row.name, row.version).catch((e) => ctx.stack.log(`storage: could not remove the bytes of ${row.bucket_id}/${row.name}: ${e.message}`));
	}
	return deleted;
}

export async function deleteObject(req: Request, ctx: Ctx, bucketId: string, name: string): Promise<Response> {
	const deleted = await deleteRows(req, ctx, bucketId, [name], 'storage.object.delete');
	if (!deleted.length) throw ERRORS.noSuchKey();
	return json({ message: 'Successfully deleted' });
}

const MAX_PREFIXES = 1000;

export async function deleteObjects(req: Request, ctx: Ctx, bucketId: string, body: unknown): Promise<Response> {
	const prefixes = (body as { prefixes?: unknown })?.prefixes;
	if (!Array.isArray(prefixes) || prefixes.some((p) => typeof p !== 'string')) throw ERRORS.invalidRequest('body/prefixes must be an array of strings');
	if (prefixes.length < 1 || prefixes.length > MAX_PREFIXES) throw ERRORS.invalidRequest(`body/prefixes must hold between 1 and ${MAX_PREFIXES} items`);
	const deleted = await deleteRows(req, ctx, bucketId, prefixes as string[], 'storage.object.delete_many');
	return json(deleted);
}
