// Follows PostgREST v14's functions as RPC (docs/references/api/functions.rst, Plan/CallPlan.hs,
// Query/SqlFragment.hs): POST /rpc/fn with named JSON arguments (read through json_to_record typed by
// the parameters), GET/HEAD /rpc/fn?arg=v read-only, overloads chosen by argument names, and results
// shaped by what the function returns: void → 204, scalar → bare JSON, SETOF scalar → array,
// composite → object, SETOF composite / TABLE → array that filters, select, order and limit apply to.
import { ApiError, closest } from './errors.ts';
import { parseJson } from './payload.ts';
import type { MediaType } from './prefer.ts';
import { parseQueryString } from './query-string.ts';
import { aggregate, readQuery, type ReadOptions } from './read.ts';
import type { Routine, RoutineParam, SchemaCache } from './schema-cache.ts';
import { Planner, type Source } from './select.ts';
import { ident, Params, qualified } from './sql.ts';

export interface RpcCall {
	routine: Routine;
	readOnly: boolean;
	sql: string;
	params: Params;
	/** How the single result row's body reads: a page of rows, a value, or nothing. */
	kind: 'void' | 'value' | 'rows';
}

interface Args {
	/** POST: the JSON object text; GET: values by name. */
	json?: string;
	values?: Map<string, string[]>;
	keys: string[];
	/** The body goes whole to a single unnamed json/jsonb parameter. */
	whole?: boolean;
}

const isJsonType = (t: string) => t === 'json' || t === 'jsonb';

function notFound(cache: SchemaCache, schema: string, name: string, keys: string[], post: boolean, overloads: Routine[]): ApiError {
	const sorted = [...keys].sort();
	const fn = `${schema}.${name}`;
	const listed = sorted.length ? `(${sorted.join(', ')})` : ' without parameters';
	const withParams = sorted.length ? ` with parameter${sorted.length > 1 ? 's' : ''} ${sorted.join(', ')}` : ' without parameters';
	let hint: string | null = null;
	if (overloads.length) {
		const options = overloads.map((r) => `(${r.inputs.map((p) => p.name).sort().join(', ')})`);
		const best = closest(`(${sorted.join(', ')})`, options, 0.33) ?? (options.length === 1 ? options[0] : undefined);
		if (best) hint = `Perhaps you meant to call the function ${fn}${best}`;
	} else {
		const names = [...cache.routines.values()].flat().filter((r) => r.schema === schema).map((r) => r.name);
		const best = closest(name, names);
		if (best) hint = `Perhaps you meant to call the function ${schema}.${best}`;
	}
	return new ApiError(
		404,
		'PGRST202',
		`Could not find the function ${fn}${listed} in the schema cache`,
		`Searched for the function ${fn}${withParams}${post ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
		hint,
	);
}

/**
 * The overload whose parameter names fit the given keys (required ones present, none unknown), as
 * PostgREST's findProc: when several fit it does not guess (not even the one whose parameters are
 * exactly the keys, which Postgres itself would find ambiguous: 42725) but answers 300 PGRST203.
 */
function chooseOverload(overloads: Routine[], keys: string[]): Routine | undefined {
	const fits = overloads.filter((r) => r.inputs.every((p) => keys.includes(p.name) || p.hasDefault) && keys.every((k) => r.inputs.some((p) => p.name === k)));
	if (fits.length <= 1) return fits[0];
	const describe = (r: Routine) => `${r.schema}.${r.name}(${r.inputs.map((p) => `${p.name} => ${p.type}`).join(', ')})`;
	throw new ApiError(300, 'PGRST203', `Could not choose the best candidate function between: ${fits.map(describe).join(', ')}`, null, 'Try renaming the parameters or the function itself in the database so function overloading can be resolved');
}

export interface RpcRequest {
	cache: SchemaCache;
	schema: string;
	name: string;
	overloads: Routine[];
	method: string;
	url: URL;
	body: string;
	media: MediaType;
	read: Omit<ReadOptions, 'media'>;
}

export function planRpc(r: RpcRequest): RpcCall {
	const post = r.method === 'POST';
	const paramNames = new Set(r.overloads.flatMap((o) => o.inputs.map((p) => p.name)).filter(Boolean));
	let args: Args;
	let routine: Routine | undefined;
	if (post) {
		const value = r.body.trim() === '' ? {} : parseJson(r.body);
		const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
		const keys = isObject ? Object.keys(value) : [];
		routine = isObject ? chooseOverload(r.overloads, keys) : undefined;
		if (!routine) {
			routine = r.overloads.find((o) => o.inputs.length === 1 && o.inputs[0].name === '' && isJsonType(o.inputs[0].type));
			if (routine) args = { json: r.body.trim() === '' ? '{}' : r.body, keys: [], whole: true };
			else throw notFound(r.cache, r.schema, r.name, keys, true, r.overloads);
		} else args = { json: r.body.trim() === '' ? '{}' : r.body, keys };
	} else {
		const values = new Map<string, string[]>();
		for (const [k, v] of r.url.searchParams) if (paramNames.has(k)) values.set(k, [...(values.get(k) ?? []), v]);
		const keys = [...values.keys()];
		routine = chooseOverload(r.overloads, keys);
		if (!routine) throw notFound(r.cache, r.schema, r.name, keys, false, r.overloads);
		args = { values, keys };
	}
	const qs = parseQueryString(r.url.searchParams, post ? new Set() : new Set(args.keys));
	const params = new Params();
	const call = callSql(routine, args, params);
	const readOnly = !post || routine.volatility !== 'volatile';
	const fn = ident(routine.name);
	const withArgs = call.cte ? `with ${call.cte} ` : '';
	if (routine.shape === 'void') return { routine, readOnly, params, kind: 'void', sql: `${withArgs}select ${call.expr}` };
	if (routine.shape === 'scalar' && !routine.returnsSet) {
		return { routine, readOnly, params, kind: 'value', sql: `${withArgs}select coalesce(to_json(${call.expr})::text, 'null') as body` };
	}
	const planner = new Planner(r.cache, params, qs);
	const ctes = call.cte ? [call.cte] : [];
	if (routine.shape === 'scalar') {
		// SETOF scalar: an array of the values; the function's name is the column filters and order use.
		const source: Source = { schema: routine.schema, name: routine.name, columns: [{ name: routine.name, type: routine.returnType, notNull: false, default: null }] };
		qs.select = [{ kind: 'column', field: { name: routine.name, json: [] } }];
		ctes.push(`pgrst_call as (select * from ${call.expr} as pgrst_call(${fn}))`);
		const body = `coalesce(json_agg(pgrst_source.${fn}), '[]')::text`;
		return { routine, readOnly, params, kind: 'rows', sql: readQuery(planner, source, `pgrst_call as ${fn}`, fn, { ...r.read, media: r.media, ctes, body }).sql };
	}
	const source: Source = { schema: routine.schema, name: routine.name, columns: routine.columns, relation: routine.relation ? r.cache.relations.get(routine.relation) : undefined };
	ctes.push(`pgrst_call as (select * from ${call.expr})`);
	// A function returning one row answers an object (or null), whatever Accept says.
	const body = routine.returnsSet ? undefined : `coalesce(${aggregate({ ...r.media, single: true })}, 'null')`;
	return { routine, readOnly, params, kind: 'rows', sql: readQuery(planner, source, `pgrst_call as ${fn}`, fn, { ...r.read, media: r.media, ctes, body }).sql };
}

/** The call expression, and the CTE `pgrst_args` it reads JSON arguments from. */
function callSql(routine: Routine, args: Args, params: Params): { cte?: string; expr: string } {
	const fn = qualified(routine.schema, routine.name);
	if (args.whole) return { expr: `${fn}(${params.add(args.json)}::${routine.inputs[0].type})` };
	const used = routine.inputs.filter((p) => args.keys.includes(p.name));
	if (!used.length) return { expr: `${fn}()` };
	const named = (p: RoutineParam, value: string) => `${p.mode === 'v' ? 'variadic ' : ''}${ident(p.name)} := ${value}`;
	if (args.json !== undefined) {
		const defs = used.map((p) => `${ident(p.name)} ${p.type}`).join(', ');
		const cte = `pgrst_args as (select * from json_to_record(${params.add(args.json)}::json) as pgrst_args(${defs}))`;
		return { cte, expr: `${fn}(${used.map((p) => named(p, `(select ${ident(p.name)} from pgrst_args)`)).join(', ')})` };
	}
	// GET: each value is text that Postgres parses as the parameter's type; repeated keys make an array.
	const values = used.map((p) => {
		const vs = args.values!.get(p.name)!;
		const value = vs.length > 1 || (p.mode === 'v' && !vs[0].startsWith('{')) ? `array[${vs.map((v) => `${params.add(v)}::text`).join(', ')}]::${p.type}` : `${params.add(vs[0])}::${p.type}`;
		return named(p, value);
	});
	return { expr: `${fn}(${values.join(', ')})` };
}
