// Follows PostgREST v14's mutations (Query/QueryBuilder.hs mutateRequestToQuery, MainTx.hs, Response.hs):
// INSERT ... SELECT from json_to_recordset typed by the table's columns (so Postgres does the coercion
// and raises its own errors), ON CONFLICT for upserts, UPDATE ... FROM json_to_record, DELETE, each
// RETURNING what the Prefer header asks for, shaped by `select` in the same statement.
import type pg from 'pg';
import { ApiError, columnNotFound, singularError } from './errors.ts';
import type { Payload } from './payload.ts';
import type { MediaType, Preferences } from './prefer.ts';
import { aggregate } from './read.ts';
import { contentRange } from './respond.ts';
import type { Relation } from './schema-cache.ts';
import { requireColumns, type Planner } from './select.ts';
import { ident, qualified } from './sql.ts';

export interface WriteRequest {
	method: 'POST' | 'PATCH' | 'DELETE' | 'PUT';
	relation: Relation;
	payload?: Payload;
	prefs: Preferences;
	media: MediaType;
	planner: Planner;
}

export interface WriteResult {
	rows: number;
	inserted: number | null;
	body: string | null;
	/** Primary-key values of the first row, as text (for Location). */
	key: string[] | null;
}

function insertSql(w: WriteRequest, table: string, returning: string): string {
	const { relation, payload, prefs, planner } = w;
	const params = planner.params;
	const columns = requireColumns(relation, payload!.keys, columnNotFound);
	const names = columns.map((c) => ident(c.name)).join(', ');
	const defs = columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
	const rows = `(select case when json_typeof(pgrst_j) = 'array' then pgrst_j else json_build_array(pgrst_j) end from (select ${params.add(payload!.text)}::json as pgrst_j) as pgrst_payload)`;
	let select: string;
	if (!columns.length) select = `select from json_array_elements(${rows})`;
	else if (prefs.missing === 'default') {
		// A key missing from a row takes the column's default (the expression the catalog holds) instead of null.
		const values = columns.map((c) => `case when pgrst_e.pgrst_j::jsonb ? ${params.add(c.name)} then pgrst_body.${ident(c.name)} else ${c.default ?? 'null'} end`);
		select = `select ${values.join(', ')} from json_array_elements(${rows}) as pgrst_e(pgrst_j) cross join lateral json_to_record(pgrst_e.pgrst_j) as pgrst_body(${defs})`;
	} else select = `select ${names} from json_to_recordset(${rows}) as pgrst_body(${defs})`;
	let conflict = '';
	const resolution = w.method === 'PUT' ? 'merge-duplicates' : prefs.resolution;
	if (resolution) {
		const target = planner.qs.onConflict ?? relation.primaryKey;
		requireColumns(relation, target);
		const targetSql = target.length ? ` (${target.map(ident).join(', ')})` : '';
		conflict =
			resolution === 'merge-duplicates' && columns.length
				? ` on conflict${targetSql} do update set ${columns.map((c) => `${ident(c.name)} = excluded.${ident(c.name)}`).join(', ')}`
				: ` on conflict${targetSql} do nothing`;
	}
	return `insert into ${table}${columns.length ? ` (${names})` : ''} ${select}${conflict} returning ${returning}`;
}

function updateSql(w: WriteRequest, table: string, returning: string, where: string): string {
	const { relation, payload, planner } = w;
	const columns = requireColumns(relation, payload!.keys, columnNotFound);
	const defs = columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
	const set = columns.map((c) => `${ident(c.name)} = pgrst_body.${ident(c.name)}`).join(', ');
	// An array body is read with json_to_recordset, an object with json_to_record (as PostgREST does).
	const reader = payload!.isArray ? 'json_to_recordset' : 'json_to_record';
	return `update ${table} set ${set} from (select * from ${reader}(${planner.params.add(payload!.text)}::json) as pgrst_body(${defs})) as pgrst_body${where} returning ${returning}`;
}

/**
 * PATCH with no columns to set (`{}`, `[]`, `[{}]`): PostgREST v14 runs no UPDATE at all (`SET` with
 * nothing is not SQL) but `SELECT <returned columns, or NULL> FROM <table> WHERE false`, leaving the
 * filters out (QueryBuilder.hs, mutatePlanToQuery for Update with null uCols). So nothing is touched,
 * no filter is needed (pg-safeupdate never sees an UPDATE), and the answer is 204, or 200 with `[]`
 * for return=representation, with a Content-Range of star-slash-star (no range, no total).
 */
function isEmptyUpdate(w: WriteRequest): boolean {
	return w.method === 'PATCH' && w.payload!.keys.length === 0;
}

/** PUT: filters must be `eq` on exactly the primary key, and the body must agree with them. */
function checkPut(w: WriteRequest): void {
	const pk = w.relation.primaryKey;
	const conditions = w.planner.options('').conditions;
	const byColumn = new Map<string, string>();
	for (const c of conditions) {
		if (c.kind !== 'filter' || c.op !== 'eq' || c.negate || c.quantifier || c.field.json.length) break;
		byColumn.set(c.field.name, c.value as string);
	}
	if (!pk.length || byColumn.size !== conditions.length || byColumn.size !== pk.length || !pk.every((k) => byColumn.has(k))) {
		throw new ApiError(405, 'PGRST105', "Filters must include all and only primary key columns with 'eq' operators");
	}
	const body = JSON.parse(w.payload!.text) as Record<string, unknown>;
	if (!pk.every((k) => k in body && String(body[k]) === byColumn.get(k))) throw new ApiError(400, 'PGRST115', 'Payload values do not match URL in primary key column(s)');
}

export function writeSql(w: WriteRequest): string {
	const { relation, prefs, media, planner, method } = w;
	const table = qualified(relation.schema, relation.name);
	const representation = prefs.return === 'representation';
	const upsert = method === 'PUT' || (method === 'POST' && prefs.resolution === 'merge-duplicates');
	const returningCols = representation ? relation.columns.map((c) => `${table}.${ident(c.name)}`) : prefs.return === 'headers-only' ? relation.primaryKey.map((c) => `${table}.${ident(c)}`) : [];
	// xmax = 0 marks a row this statement inserted rather than updated.
	if (upsert) returningCols.push(`(${table}.xmax = 0) as pgrst_inserted`);
	const returning = returningCols.length ? returningCols.join(', ') : '1';
	if (method === 'PUT') checkPut(w);
	let statement: string;
	if (method === 'POST' || method === 'PUT') statement = insertSql(w, table, returning);
	else if (isEmptyUpdate(w)) statement = `select ${returningCols.length ? returning : 'null'} from ${table} where false`;
	else {
		const source = { schema: relation.schema, name: relation.name, columns: relation.columns, relation };
		const conditions = planner.where(source, table, '');
		// Supabase runs pg-safeupdate for the API: an unfiltered UPDATE or DELETE is refused, not run.
		if (!conditions.length) throw new ApiError(400, '21000', `${method === 'PATCH' ? 'UPDATE' : 'DELETE'} requires a WHERE clause`);
		let where = ` where ${conditions.join(' and ')}`;
		const { limit, offset } = planner.options('');
		if (limit !== undefined || offset) {
			// PostgREST applies limit/offset (with order) to the rows a PATCH or DELETE touches.
			const page = `${limit !== undefined ? ` limit ${limit}` : ''}${offset ? ` offset ${offset}` : ''}`;
			where = ` where ${table}.ctid = any(array(select ${table}.ctid from ${table}${where}${planner.orderBy(source, table, '')}${page}))`;
		}
		statement = method === 'PATCH' ? updateSql(w, table, returning, where) : `delete from ${table}${where} returning ${returning}`;
	}
	let body = 'null';
	if (representation) {
		const source = { schema: relation.schema, name: relation.name, columns: relation.columns, relation };
		const shaped = planner.selectList(source, 'pgrst_write', planner.qs.select, '');
		body = `(select ${aggregate(media)} from (select ${shaped.columns.join(', ')} from pgrst_write) as pgrst_source)`;
	}
	planner.checkEmbedPaths();
	const key = prefs.return === 'headers-only' && relation.primaryKey.length ? `(select json_build_array(${relation.primaryKey.map((c) => `${ident(c)}::text`).join(', ')})::text from pgrst_write limit 1)` : 'null';
	return `with pgrst_write as (${statement})
select (select pg_catalog.count(*) from pgrst_write) as rows, ${upsert ? '(select pg_catalog.count(*) from pgrst_write where pgrst_inserted)' : 'null'} as inserted, ${body} as body, ${key} as key`;
}

/** Prefer: handling=strict, max-affected=N: more rows affected → PGRST124, thrown inside the transaction so it rolls back. */
export function checkMaxAffected(prefs: Preferences, rows: number): void {
	if (prefs.handling === 'strict' && prefs.maxAffected !== undefined && rows > prefs.maxAffected) {
		throw new ApiError(400, 'PGRST124', 'Query result exceeds max-affected preference constraint', `The query affects ${rows} rows`);
	}
}

/** Runs the write; a singular request affecting other than one row throws, which rolls it back. */
export async function runWrite(client: pg.PoolClient, w: WriteRequest, sql: string): Promise<WriteResult> {
	const { rows } = await client.query({ text: sql, values: w.planner.params.values });
	const r = rows[0];
	const result: WriteResult = { rows: Number(r.rows), inserted: r.inserted === null ? null : Number(r.inserted), body: r.body, key: r.key ? JSON.parse(r.key) : null };
	if (w.media.single && result.rows !== 1) throw singularError(result.rows);
	// PostgREST checks max-affected on updates and deletes (and RPC), never on inserts or upserts.
	if (w.method === 'PATCH' || w.method === 'DELETE') checkMaxAffected(w.prefs, result.rows);
	return result;
}

export function writeResponse(w: WriteRequest, r: WriteResult, applied: string[]): Response {
	const { method, prefs, media, relation } = w;
	const total = prefs.count ? r.rows : null;
	const headers: Record<string, string> = {
		'content-range': method === 'PATCH' ? contentRange(0, r.rows - 1, total) : contentRange(1, 0, total),
	};
	if (applied.length) headers['preference-applied'] = applied.join(', ');
	if (prefs.return === 'headers-only' && r.key) {
		const query = relation.primaryKey.map((c, i) => `${encodeURIComponent(c)}=eq.${encodeURIComponent(r.key![i])}`).join('&');
		headers.location = `/${relation.name}?${query}`;
	}
	const representation = prefs.return === 'representation';
	let status: number;
	// An upsert that inserted nothing (every row merged, or no rows at all) is 200 (Response.hs).
	if (method === 'POST') status = prefs.resolution === 'merge-duplicates' && !(r.inserted! > 0) ? 200 : 201;
	else status = representation ? 200 : 204;
	if (!representation) return new Response(null, { status, headers });
	headers['content-type'] = media.contentType;
	return new Response(r.body, { status, headers });
}
