// Follows PostgREST v14's read query (Query/QueryBuilder.hs, SqlFragment.hs asJsonF): one statement
// that selects the page in a CTE and aggregates it with coalesce(json_agg(...), '[]') inside Postgres
// (so every type serialises as PostgREST's do), with the count of the filtered rows beside it: exact,
// or for count=estimated exact up to db-max-rows + 1 rows (Statements.hs mainRead's limitedQuery),
// the planner's estimate past it (MainTx.hs), and for count=planned the estimate alone.
import type pg from 'pg';
import type { MediaType } from './prefer.ts';
import type { Planner, Source } from './select.ts';

export interface Page {
	/** Count of the filtered rows, when asked for (null: not asked, or no estimate). */
	total: number | null;
	/** Rows in this page. */
	rows: number;
	/** The JSON body: an array, or the one object when `single`. */
	body: string | null;
}

export interface ReadOptions {
	count: boolean;
	/** Count at most this many rows (count=estimated: db-max-rows + 1). */
	countLimit?: number;
	media: MediaType;
	limit?: number;
	offset: number;
	/** CTEs the read needs before it (`name as (...)`), e.g. the rows of a function call. */
	ctes?: string[];
	/** Body expression over `pgrst_source` instead of the array (or first object) of its rows. */
	body?: string;
}

/** Body expression over the CTE `pgrst_source`: array (or first object), nulls stripped if asked. */
export function aggregate(media: MediaType, row = 'pgrst_source'): string {
	const json = media.single ? `(json_agg(${row})->0)` : `coalesce(json_agg(${row}), '[]')`;
	return `${media.stripNulls ? `json_strip_nulls(${json})` : json}::text`;
}

/**
 * SQL reading `from` (a relation, or a CTE of function rows) as `qualifier` with the request's
 * select, filters, order and page, and its count query (`select 1 from … where …`, which
 * count=planned and count=estimated EXPLAIN).
 */
export function readQuery(planner: Planner, source: Source, from: string, qualifier: string, opts: ReadOptions): { sql: string; countQuery: string } {
	const root = planner.selectList(source, qualifier, planner.qs.select, '');
	const where = [...planner.where(source, qualifier, '', root), ...root.inner];
	const whereSql = where.length ? ` where ${where.join(' and ')}` : '';
	const order = planner.orderBy(source, qualifier, '');
	planner.checkEmbedPaths();
	const page = `${opts.limit !== undefined ? ` limit ${opts.limit}` : ''}${opts.offset ? ` offset ${opts.offset}` : ''}`;
	const countQuery = `select 1 from ${from}${whereSql}`;
	const counted = opts.countLimit !== undefined ? `${countQuery} limit ${opts.countLimit}` : countQuery;
	const total = opts.count ? `(select pg_catalog.count(*) from (${counted}) pgrst_source_count)` : 'null::bigint';
	const ctes = [...(opts.ctes ?? []), `pgrst_source as (select ${root.columns.join(', ')} from ${from}${whereSql}${order}${page})`];
	const sql = `with ${ctes.join(', ')}
select ${total} as total, pg_catalog.count(*) as rows, ${opts.body ?? aggregate(opts.media)} as body from pgrst_source`;
	return { sql, countQuery };
}

/** The planner's row estimate for a count query: PostgREST's EXPLAIN (FORMAT JSON) "Plan Rows". */
export async function plannedRows(client: pg.PoolClient, countQuery: string, values: unknown[]): Promise<number | null> {
	const { rows } = await client.query({ text: `explain (format json) ${countQuery}`, values });
	const rowsEstimate = rows[0]?.['QUERY PLAN']?.[0]?.Plan?.['Plan Rows'];
	return typeof rowsEstimate === 'number' ? rowsEstimate : null;
}

export async function runPage(client: pg.PoolClient, sql: string, values: unknown[]): Promise<Page> {
	const { rows } = await client.query({ text: sql, values });
	const r = rows[0];
	return { total: r.total === null ? null : Number(r.total), rows: Number(r.rows), body: r.body };
}
