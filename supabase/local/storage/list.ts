// POST /object/list/<bucket>, following Storage v1.60's storage.search() (migrations/tenant/
// 0009-search-files-search-function.sql, src/storage/object.ts searchObjects): one level below the
// prefix (a '/' is appended to a non-empty one); deeper names show as folders with null id, dates and
// metadata, folders first; `search` matches the start of the names, case-insensitively. Run AS THE
// CALLER, so only rows the SELECT policies show are listed (and only their folders).
import { json, type Ctx } from '../http.ts';
import { asCaller, callerIdentity } from './caller.ts';
import { ERRORS, fromPgError, StorageError } from './errors.ts';

const SORT_COLUMNS = ['name', 'updated_at', 'created_at', 'last_accessed_at'];

interface ListBody {
	prefix?: unknown;
	limit?: unknown;
	offset?: unknown;
	search?: unknown;
	sortBy?: { column?: unknown; order?: unknown };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

function nonNegativeInt(value: unknown, fallback: number, name: string): number {
	if (value === undefined || value === null) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw ERRORS.invalidRequest(`body/${name} must be a non-negative integer`);
	return n;
}

export async function listObjects(req: Request, ctx: Ctx, bucketId: string, body: unknown): Promise<Response> {
	const identity = await callerIdentity(ctx);
	const b = (body ?? {}) as ListBody;
	if (typeof b.prefix !== 'string') throw ERRORS.invalidRequest("body must have required property 'prefix'");
	const search = b.search === undefined || b.search === null ? '' : String(b.search);
	const limit = nonNegativeInt(b.limit, 100, 'limit');
	const offset = nonNegativeInt(b.offset, 0, 'offset');
	// Unknown columns and orders fall back to name / asc, as storage.search() does.
	const column = SORT_COLUMNS.includes(String(b.sortBy?.column)) ? String(b.sortBy?.column) : 'name';
	const order = String(b.sortBy?.order).toLowerCase() === 'desc' ? 'desc' : 'asc';
	const prefix = b.prefix && !b.prefix.endsWith('/') ? `${b.prefix}/` : b.prefix;
	const level = prefix.split('/').length;

	// `column` and `order` come from the lists above, never from the request as text.
	const sql = `
		with matching as (
			select path_tokens, id, updated_at, created_at, last_accessed_at, metadata, array_length(path_tokens, 1) as depth
			from storage.objects
			where bucket_id = $1 and name ilike $2 escape '\\'
		), entries as (
			select distinct on (path_tokens[$3]) 0 as kind, path_tokens[$3] as name, null::uuid as id, null::timestamptz as updated_at,
				null::timestamptz as created_at, null::timestamptz as last_accessed_at, null::jsonb as metadata
			from matching where depth > $3
			union all
			select 1, path_tokens[$3], id, updated_at, created_at, last_accessed_at, metadata from matching where depth = $3
		)
		select name, id, updated_at, created_at, last_accessed_at, metadata from entries
		order by kind, case when kind = 0 then null else ${column === 'name' ? 'name' : column} end ${order}, name ${order}
		limit $4 offset $5`;
	try {
		const rows = await asCaller(ctx, req, { identity, operation: 'storage.object.list', readOnly: true }, async (db) => {
			return (await db.query(sql, [bucketId, likeEscape(prefix) + likeEscape(search) + '%', level, limit, offset])).rows;
		});
		return json(rows);
	} catch (e) {
		throw fromPgError(e) ?? e;
	}
}

interface ListV2Body {
	prefix?: unknown;
	limit?: unknown;
	cursor?: unknown;
	with_delimiter?: unknown;
	sortBy?: { column?: unknown; order?: unknown };
}

interface Cursor {
	startAfter: string;
	sortOrder?: string;
	sortColumn?: string;
	sortColumnAfter?: string;
}

/** Storage's continuation token: "l:<last name>\no:<order>\nc:<column>\na:<column value>", base64. */
const CURSOR_PARTS: [string, keyof Cursor][] = [
	['l', 'startAfter'],
	['o', 'sortOrder'],
	['c', 'sortColumn'],
	['a', 'sortColumnAfter'],
];
function encodeCursor(c: Cursor): string {
	let out = '';
	for (const [k, field] of CURSOR_PARTS) if (c[field]) out += `${k}:${c[field]}\n`;
	return Buffer.from(out.slice(0, -1)).toString('base64');
}
function decodeCursor(token: string): Cursor {
	const out: Cursor = { startAfter: '', sortOrder: 'asc' };
	for (const part of Buffer.from(token, 'base64').toString().split('\n')) {
		const m = /^(\S):(.*)/.exec(part);
		const field = m && CURSOR_PARTS.find(([k]) => k === m[1])?.[1];
		if (!m || !field) throw new StorageError('InvalidParameter', 400, 'Invalid Parameter continuation token');
		out[field] = m[2];
	}
	return out;
}

type V2Row = { id: string | null; name: string; updated_at: Date | null; created_at: Date | null; last_accessed_at: Date | null; metadata: unknown };

/**
 * POST /object/list-v2/<bucket>, following Storage's listObjectsV2 (src/http/routes/object/
 * listObjectsV2.ts, ObjectStorage.listObjectsV2, database/pg.ts listObjectsV2, storage.search_v2 of
 * 0050-search-v2-optimised; storage-api master of 2026-08): body {prefix, limit (integer >= 1, at most
 * 1000 used, default 1000), cursor, with_delimiter, sortBy {column: name|updated_at|created_at, order:
 * asc|desc}}. Without a delimiter: every key starting with `prefix` (a plain string prefix), flat, as
 * {id, name (the full key), metadata, updated_at, created_at, last_accessed_at}. With one: one level
 * below the prefix — folders as {id: null, name: "<prefix…>/", bucket_id}, objects with `key` (their
 * name within the level) and `name` (the full key). Answers {hasNext, nextCursor, nextCursorKey,
 * folders, objects}; nextCursor (opaque) and nextCursorKey (the last name) only when there is more.
 * Keys compare bytewise (COLLATE "C"). With a delimiter only name order is served here (Storage's
 * timestamp sort of folders is not). Run AS THE CALLER, so RLS decides what is listed.
 */
export async function listObjectsV2(req: Request, ctx: Ctx, bucketId: string, body: unknown): Promise<Response> {
	const identity = await callerIdentity(ctx);
	const b = (body ?? {}) as ListV2Body;
	if (b.prefix !== undefined && typeof b.prefix !== 'string') throw ERRORS.invalidRequest('body/prefix must be string');
	if (b.cursor !== undefined && typeof b.cursor !== 'string') throw ERRORS.invalidRequest('body/cursor must be string');
	if (b.with_delimiter !== undefined && typeof b.with_delimiter !== 'boolean') throw ERRORS.invalidRequest('body/with_delimiter must be boolean');
	if (b.limit !== undefined) {
		if (typeof b.limit !== 'number' || !Number.isInteger(b.limit)) throw ERRORS.invalidRequest('body/limit must be integer');
		if (b.limit < 1) throw ERRORS.invalidRequest('body/limit must be >= 1');
	}
	if (b.sortBy !== undefined) {
		if (typeof b.sortBy !== 'object' || b.sortBy === null) throw ERRORS.invalidRequest('body/sortBy must be object');
		if (b.sortBy.column === undefined) throw ERRORS.invalidRequest("body/sortBy must have required property 'column'");
		if (!['name', 'updated_at', 'created_at'].includes(b.sortBy.column as string)) throw ERRORS.invalidRequest('body/sortBy/column must be equal to one of the allowed values');
		if (b.sortBy.order !== undefined && !['asc', 'desc'].includes(b.sortBy.order as string)) throw ERRORS.invalidRequest('body/sortBy/order must be equal to one of the allowed values');
	}
	const limit = Math.min((b.limit as number | undefined) || 1000, 1000);
	const prefix = (b.prefix as string | undefined) || '';
	const delimited = b.with_delimiter === true;
	const cursor = typeof b.cursor === 'string' && b.cursor ? decodeCursor(b.cursor) : undefined;
	const column = (cursor?.sortColumn || (b.sortBy?.column as string | undefined)) ?? 'name';
	const desc = (cursor?.sortOrder || b.sortBy?.order) === 'desc';
	const op = desc ? '<' : '>';
	const dir = desc ? 'desc' : 'asc';
	const byDate = !delimited && (column === 'updated_at' || column === 'created_at');

	const values: unknown[] = [bucketId, prefix, limit + 1];
	let after = '';
	if (cursor?.startAfter) {
		if (byDate && cursor.sortColumnAfter) {
			values.push(cursor.sortColumnAfter, cursor.startAfter);
			// `column` is one of two literal names here.
			after = `and row(date_trunc('milliseconds', ${column}), name collate "C") ${op} row(coalesce(nullif($4, '')::timestamptz, 'epoch'::timestamptz), $5)`;
		} else {
			values.push(cursor.startAfter);
			after = `and name collate "C" ${op} $4`;
		}
	}
	const sql = delimited
		? `with matching as (
				select id, name, updated_at, created_at, last_accessed_at, metadata,
					case when strpos(substr(name, length($2) + 1), '/') > 0
						then $2 || split_part(substr(name, length($2) + 1), '/', 1) || '/' end as folder
				from storage.objects
				where bucket_id = $1 and left(name, length($2)) = $2
			), entries as (
				select distinct folder as name, null::uuid as id, null::timestamptz as updated_at, null::timestamptz as created_at,
					null::timestamptz as last_accessed_at, null::jsonb as metadata
				from matching where folder is not null
				union all
				select name, id, updated_at, created_at, last_accessed_at, metadata from matching where folder is null
			)
			select * from entries where true ${after} order by name collate "C" ${dir} limit $3`
		: `select id, name, metadata, updated_at, created_at, last_accessed_at from storage.objects
			where bucket_id = $1 and left(name, length($2)) = $2 ${after}
			order by ${byDate ? `${column} ${dir}, ` : ''}name collate "C" ${dir} limit $3`;
	let rows: V2Row[];
	try {
		rows = await asCaller(ctx, req, { identity, operation: 'storage.object.list_v2', readOnly: true }, async (db) => (await db.query<V2Row>(sql, values)).rows);
	} catch (e) {
		throw fromPgError(e) ?? e;
	}
	const hasNext = rows.length > limit;
	if (hasNext) rows = rows.slice(0, limit);
	const levels = prefix ? prefix.split('/').length : 1;
	const folders: Record<string, unknown>[] = [];
	const objects: Record<string, unknown>[] = [];
	for (const r of rows) {
		if (r.id === null) folders.push({ id: null, name: r.name, bucket_id: bucketId });
		else if (delimited) objects.push({ key: r.name.split('/')[levels - 1] ?? '', name: r.name, id: r.id, updated_at: r.updated_at, created_at: r.created_at, last_accessed_at: r.last_accessed_at, metadata: r.metadata });
		else objects.push({ id: r.id, name: r.name, metadata: r.metadata, updated_at: r.updated_at, created_at: r.created_at, last_accessed_at: r.last_accessed_at });
	}
	const out: Record<string, unknown> = { hasNext };
	if (hasNext) {
		const last = rows[rows.length - 1];
		const sortColumn = cursor?.sortColumn || (b.sortBy?.column as string | undefined);
		const lastValue = sortColumn === 'updated_at' || sortColumn === 'created_at' ? last[sortColumn] : null;
		out.nextCursor = encodeCursor({
			startAfter: last.name,
			sortOrder: cursor?.sortOrder || (b.sortBy?.order as string | undefined),
			sortColumn,
			sortColumnAfter: lastValue ? new Date(lastValue).toISOString() : undefined,
		});
		out.nextCursorKey = last.name;
	}
	out.folders = folders;
	out.objects = objects;
	return json(out);
}
