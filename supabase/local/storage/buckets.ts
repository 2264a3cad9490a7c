// The bucket API, following Storage v1.60 (src/http/routes/bucket/*.ts, src/storage/storage.ts):
// everything runs AS THE CALLER against storage.buckets, so without bucket policies only the service
// role lists, creates or changes buckets (projects create theirs in migrations). Deleting needs an
// empty bucket; emptying deletes the objects the caller may delete.
import type pg from 'pg';
import { json, type Ctx } from '../http.ts';
import { asCaller, callerIdentity } from './caller.ts';
import { removeBucketDir, removeVersion } from './disk.ts';
import { ERRORS, fromPgError, StorageError } from './errors.ts';
import { mustBeValidBucketName } from './paths.ts';
import { BUCKET_COLUMNS, bucketOut, findBucket, type BucketRow } from './rows.ts';

const SORT_COLUMNS = ['id', 'name', 'created_at', 'updated_at'];

/** Storage's parseFileSizeToBytes: a number of bytes, or "20GB" / "20MB" / "30KB" / "3B". */
function fileSizeLimit(value: unknown): number | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
	const m = typeof value === 'string' ? /^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$/i.exec(value.trim()) : null;
	if (!m) throw ERRORS.invalidRequest('Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B');
	const n = +parseFloat(m[1]).toPrecision(3);
	return Math.round(n * { gb: 1e9, mb: 1e6, kb: 1e3, b: 1 }[m[2].toLowerCase() as 'gb' | 'mb' | 'kb' | 'b']);
}

function mimeTypes(value: unknown): string[] | null {
	if (value === undefined || value === null) return null;
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !/^[\w.+-]+\/[\w.+*-]+$/.test(v))) throw ERRORS.invalidRequest('body/allowed_mime_types must be a list of type/subtype');
	return value as string[];
}

async function caller<T>(req: Request, ctx: Ctx, operation: string, fn: (db: pg.PoolClient) => Promise<T>, readOnly = false): Promise<T> {
	const identity = await callerIdentity(ctx);
	try {
		return await asCaller(ctx, req, { identity, operation, readOnly }, fn);
	} catch (e) {
		if (e instanceof StorageError) throw e;
		const mapped = fromPgError(e);
		if (mapped?.code === 'ResourceAlreadyExists') throw ERRORS.bucketAlreadyExists();
		throw mapped ?? e;
	}
}

export async function listBuckets(req: Request, ctx: Ctx): Promise<Response> {
	const q = ctx.url.searchParams;
	const limit = q.has('limit') ? Number(q.get('limit')) : null;
	const offset = q.has('offset') ? Number(q.get('offset')) : 0;
	if ((limit !== null && (!Number.isInteger(limit) || limit < 0)) || !Number.isInteger(offset) || offset < 0) throw ERRORS.invalidRequest('limit and offset must be non-negative integers');
	const column = SORT_COLUMNS.includes(q.get('sortColumn') ?? '') ? q.get('sortColumn')! : 'name';
	const order = q.get('sortOrder')?.toLowerCase() === 'desc' ? 'desc' : 'asc';
	const search = q.get('search') ?? '';
	const rows = await caller(
		req,
		ctx,
		'storage.bucket.list',
		async (db) =>
			(
				await db.query<BucketRow>(
					// `column` and `order` come from fixed lists.
					`select ${BUCKET_COLUMNS} from storage.buckets where ($1 = '' or name ilike '%' || $1 || '%') order by ${column} ${order} limit $2 offset $3`,
					[search.replace(/[\\%_]/g, (c) => '\\' + c), limit, offset],
				)
			).rows,
		true,
	);
	return json(rows.map(bucketOut));
}

export async function getBucket(req: Request, ctx: Ctx, id: string): Promise<Response> {
	const row = await caller(req, ctx, 'storage.bucket.get', (db) => findBucket(db, id), true);
	if (!row) throw ERRORS.noSuchBucket();
	return json(row);
}

export async function createBucket(req: Request, ctx: Ctx, body: unknown): Promise<Response> {
	const b = (body ?? {}) as Record<string, unknown>;
	if (typeof b.name !== 'string') throw ERRORS.invalidRequest("body must have required property 'name'");
	const id = typeof b.id === 'string' && b.id ? b.id : b.name;
	mustBeValidBucketName(id);
	mustBeValidBucketName(b.name);
	const type = b.type === undefined || b.type === null ? 'STANDARD' : String(b.type);
	if (type !== 'STANDARD') throw ERRORS.invalidRequest(`Bucket type ${type} is not supported by the local stack`);
	const identity = await callerIdentity(ctx);
	const sub = typeof identity.claims.sub === 'string' ? identity.claims.sub : null;
	const owner = sub && /^[0-9a-f-]{36}$/i.test(sub) ? sub : null;
	await caller(req, ctx, 'storage.bucket.create', (db) =>
		db.query('insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, type) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
			id,
			b.name,
			owner,
			sub,
			b.public === true,
			fileSizeLimit(b.file_size_limit),
			mimeTypes(b.allowed_mime_types),
			type,
		]),
	);
	return json({ name: id });
}

export async function updateBucket(req: Request, ctx: Ctx, id: string, body: unknown): Promise<Response> {
	const b = (body ?? {}) as Record<string, unknown>;
	const sets: string[] = [];
	const values: unknown[] = [id];
	const set = (column: string, value: unknown) => {
		values.push(value);
		sets.push(`${column} = $${values.length}`);
	};
	if (b.public !== undefined) set('public', b.public === true);
	if (b.file_size_limit !== undefined) set('file_size_limit', fileSizeLimit(b.file_size_limit));
	if (b.allowed_mime_types !== undefined) set('allowed_mime_types', mimeTypes(b.allowed_mime_types));
	const updated = await caller(req, ctx, 'storage.bucket.update', async (db) => {
		const sql = `update storage.buckets set ${[...sets, 'updated_at = now()'].join(', ')} where id = $1 returning id`;
		return (await db.query(sql, values)).rowCount;
	});
	if (!updated) throw ERRORS.noSuchBucket();
	return json({ message: 'Successfully updated' });
}

export async function emptyBucket(req: Request, ctx: Ctx, id: string): Promise<Response> {
	const deleted = await caller(req, ctx, 'storage.bucket.empty', async (db) => {
		if (!(await findBucket(db, id))) throw ERRORS.noSuchBucket();
		return (await db.query<{ name: string; version: string | null }>('delete from storage.objects where bucket_id = $1 returning name, version', [id])).rows;
	});
	const root = ctx.stack.config.storage.dir;
	for (const row of deleted) await removeVersion(root, id, row.name, row.version).catch(() => {});
	return json({ message: 'Successfully emptied' });
}

export async function deleteBucket(req: Request, ctx: Ctx, id: string): Promise<Response> {
	// Storage counts as superuser: objects the caller cannot see still keep the bucket.
	const { rows } = await ctx.stack.admin.query('select 1 from storage.objects where bucket_id = $1 limit 1', [id]);
	if (rows.length) throw ERRORS.bucketNotEmpty();
	const deleted = await caller(req, ctx, 'storage.bucket.delete', async (db) => (await db.query('delete from storage.buckets where id = $1 returning id', [id])).rowCount);
	if (!deleted) throw ERRORS.noSuchBucket();
	await removeBucketDir(ctx.stack.config.storage.dir, id).catch(() => {});
	return json({ message: 'Successfully deleted' });
}
