// POST /object/list/<bucket>, following Storage v1.60's storage.search() (migrations/tenant/
// 0009-search-files-search-function.sql, src/storage/object.ts searchObjects): one level below the
// prefix (a '/' is appended to a non-empty one); deeper names show as folders with null id, dates and
// metadata, folders first; `search` matches the start of the names, case-insensitively. Run AS THE
// CALLER, so only rows the SELECT policies show are listed (and only their folders).
import { json, type Ctx } from '../http.ts';
import { asCaller, callerIdentity } from './caller.ts';
import { ERRORS, fromPgError } from './errors.ts';

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
	const identity = callerIdentity(ctx);
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
