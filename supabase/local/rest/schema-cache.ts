// Follows PostgREST v14's schema cache (src/PostgREST/SchemaCache.hs): the tables, views, columns,
// keys, foreign keys and functions of the exposed schemas, read from pg_catalog. Loaded on first use
// and reloaded when a request names something unknown (at most once a second), so a migration applied
// while the stack runs is picked up without a restart, like PostgREST's NOTIFY-driven reload.
import type pg from 'pg';

export interface Column {
	name: string;
	/** format_type(): a valid SQL type name, schema-qualified when not on the search path. */
	type: string;
	notNull: boolean;
	/** pg_get_expr of the default, as the database itself prints it. */
	default: string | null;
}

export interface ForeignKey {
	name: string;
	/** The referencing relation and its columns. */
	from: string;
	fromColumns: string[];
	/** The referenced relation and its columns. */
	to: string;
	toColumns: string[];
}

export interface Relation {
	schema: string;
	name: string;
	kind: 'table' | 'view' | 'materialized view' | 'foreign table';
	columns: Column[];
	primaryKey: string[];
	/** Column sets of primary keys and unique constraints (one-to-one detection). */
	uniques: string[][];
}

export interface RoutineParam {
	name: string;
	type: string;
	/** i (in), o (out), b (inout), v (variadic), t (table column) */
	mode: 'i' | 'o' | 'b' | 'v' | 't';
	hasDefault: boolean;
}

export interface Routine {
	schema: string;
	name: string;
	params: RoutineParam[];
	/** The IN parameters, in call order. */
	inputs: RoutineParam[];
	returnType: string;
	returnsSet: boolean;
	/** void | scalar | composite (a row type or OUT/TABLE columns) */
	shape: 'void' | 'scalar' | 'composite';
	/** Output columns when composite. */
	columns: Column[];
	/** The table whose row type it returns, when that table is exposed (for embedding). */
	relation?: string;
	volatility: 'immutable' | 'stable' | 'volatile';
}

export interface SchemaCache {
	/** key: schema.name */
	relations: Map<string, Relation>;
	foreignKeys: ForeignKey[];
	/** key: schema.name → overloads */
	routines: Map<string, Routine[]>;
}

export const key = (schema: string, name: string) => `${schema}.${name}`;

const RELATIONS_SQL = `
select n.nspname as schema, c.relname as name, c.relkind as kind, c.reltype as type_oid,
	coalesce((
		select json_agg(json_build_object(
			'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'notNull', a.attnotnull,
			'default', pg_get_expr(d.adbin, d.adrelid)) order by a.attnum)
		from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
		where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
	), '[]') as columns
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm', 'f')`;

const CONSTRAINTS_SQL = `
select con.conname as name, con.contype as type,
	cn.nspname || '.' || c.relname as rel, fn.nspname || '.' || f.relname as frel,
	(select array_agg(a.attname::text order by k.i) from unnest(con.conkey) with ordinality k(n, i)
		join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n) as cols,
	(select array_agg(a.attname::text order by k.i) from unnest(con.confkey) with ordinality k(n, i)
		join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n) as fcols
from pg_constraint con
join pg_class c on c.oid = con.conrelid join pg_namespace cn on cn.oid = c.relnamespace
left join pg_class f on f.oid = con.confrelid left join pg_namespace fn on fn.oid = f.relnamespace
where con.contype in ('p', 'u', 'f') and cn.nspname = any($1)`;

const ROUTINES_SQL = `
select n.nspname as schema, p.proname as name, p.provolatile as volatility, p.proretset as returns_set,
	format_type(p.prorettype, null) as return_type, t.typtype, t.typrelid::int as typrelid,
	rn.nspname || '.' || rc.relname as return_relation,
	p.pronargs as nargs, p.pronargdefaults as ndefaults,
	coalesce(p.proargnames, '{}') as arg_names, coalesce(p.proargmodes::text[], '{}') as arg_modes,
	(select coalesce(array_agg(format_type(x.t, null) order by x.i), '{}')
		from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality x(t, i)) as arg_types,
	coalesce((
		select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'notNull', false, 'default', null) order by a.attnum)
		from pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped
	), '[]') as type_columns
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
join pg_type t on t.oid = p.prorettype
left join pg_class rc on rc.oid = t.typrelid and rc.relkind in ('r', 'p', 'v', 'm', 'f')
left join pg_namespace rn on rn.oid = rc.relnamespace
where n.nspname = any($1) and p.prokind = 'f'`;

const KINDS: Record<string, Relation['kind']> = { r: 'table', p: 'table', v: 'view', m: 'materialized view', f: 'foreign table' };
const VOLATILITY: Record<string, Routine['volatility']> = { i: 'immutable', s: 'stable', v: 'volatile' };

export async function loadSchemaCache(pool: pg.Pool, schemas: string[]): Promise<SchemaCache> {
	const [rels, cons, procs] = await Promise.all([
		pool.query(RELATIONS_SQL, [schemas]),
		pool.query(CONSTRAINTS_SQL, [schemas]),
		pool.query(ROUTINES_SQL, [schemas]),
	]);
	const relations = new Map<string, Relation>();
	for (const r of rels.rows) {
		relations.set(key(r.schema, r.name), { schema: r.schema, name: r.name, kind: KINDS[r.kind], columns: r.columns, primaryKey: [], uniques: [] });
	}
	const foreignKeys: ForeignKey[] = [];
	for (const c of cons.rows) {
		const rel = relations.get(c.rel);
		if (!rel) continue;
		if (c.type === 'p') rel.primaryKey = c.cols;
		if (c.type === 'p' || c.type === 'u') rel.uniques.push(c.cols);
		// Relationships only between exposed relations: a FK to auth.users embeds nothing.
		if (c.type === 'f' && relations.has(c.frel)) foreignKeys.push({ name: c.name, from: c.rel, fromColumns: c.cols, to: c.frel, toColumns: c.fcols });
	}
	const routines = new Map<string, Routine[]>();
	for (const p of procs.rows) {
		const routine = toRoutine(p);
		const k = key(p.schema, p.name);
		routines.set(k, [...(routines.get(k) ?? []), routine]);
	}
	return { relations, foreignKeys, routines };
}

function toRoutine(p: any): Routine {
	const types: string[] = p.arg_types;
	const params: RoutineParam[] = types.map((type, i) => ({
		name: p.arg_names[i] ?? '',
		type,
		mode: (p.arg_modes[i] ?? 'i') as RoutineParam['mode'],
		hasDefault: false,
	}));
	const inputs = params.filter((a) => a.mode === 'i' || a.mode === 'b' || a.mode === 'v');
	// The last pronargdefaults input parameters have defaults.
	inputs.forEach((a, i) => (a.hasDefault = i >= inputs.length - p.ndefaults));
	const outs = params.filter((a) => a.mode === 'o' || a.mode === 'b' || a.mode === 't');
	let shape: Routine['shape'] = 'scalar';
	let columns: Column[] = [];
	if (p.return_type === 'void') shape = 'void';
	else if (p.typtype === 'c') {
		shape = 'composite';
		columns = p.type_columns;
	} else if (p.return_type === 'record' && outs.length) {
		shape = 'composite';
		columns = outs.map((o) => ({ name: o.name, type: o.type, notNull: false, default: null }));
	}
	return {
		schema: p.schema,
		name: p.name,
		params,
		inputs,
		returnType: p.return_type,
		returnsSet: p.returns_set,
		shape,
		columns,
		relation: p.return_relation ?? undefined,
		volatility: VOLATILITY[p.volatility],
	};
}

/** The cache of one stack: loaded lazily, reloadable, and refreshed on misses at most once a second. */
export class SchemaCacheHolder {
	private readonly pool: pg.Pool;
	private readonly schemas: string[];
	private current?: Promise<SchemaCache>;
	private loadedAt = 0;

	constructor(pool: pg.Pool, schemas: string[]) {
		this.pool = pool;
		this.schemas = schemas;
	}

	get(): Promise<SchemaCache> {
		if (!this.current) this.reload();
		return this.current!;
	}

	reload(): Promise<SchemaCache> {
		this.loadedAt = Date.now();
		const loading = loadSchemaCache(this.pool, this.schemas);
		// A failed load is not kept: the next request tries again.
		loading.catch(() => {
			if (this.current === loading) this.current = undefined;
		});
		this.current = loading;
		return loading;
	}

	/** Whether a miss may reload the cache now: at most once a second, like a debounced NOTIFY. */
	mayRefresh(): boolean {
		return Date.now() - this.loadedAt >= 1000;
	}
}
