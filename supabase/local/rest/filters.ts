// Follows PostgREST v14's operators (docs/references/api/tables_views.rst, Query/SqlFragment.hs):
// every filter value is a bind parameter whose type Postgres infers from the column, so a bad value
// fails the way it does behind PostgREST (22P02 and friends); columns are checked against the cache.
import { ApiError, undefinedColumn } from './errors.ts';
import type { Condition, Field, Filter, OrderTerm } from './query-string.ts';
import type { Column } from './schema-cache.ts';
import { ident, type Params } from './sql.ts';

/** A relation as one node of a query sees it: its SQL qualifier and its columns. */
export interface Scope {
	/** Name used in error messages (the relation or function name). */
	name: string;
	qualifier: string;
	columns: Map<string, Column>;
	/** Embeds of this node by label → SQL that is true when the embed has a row (for `rel=is.null`). */
	embedExists?: Map<string, string>;
}

const COMPARISON: Record<string, string> = {
	eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=',
	like: 'like', ilike: 'ilike', match: '~', imatch: '~*',
	isdistinct: 'is distinct from',
	// nxr: does not extend to the right of (&<), nxl: does not extend to the left of (&>), as PostgREST maps them.
	cs: '@>', cd: '<@', ov: '&&', sl: '<<', sr: '>>', nxr: '&<', nxl: '&>', adj: '-|-',
};
const TSQUERY: Record<string, string> = { fts: 'to_tsquery', plfts: 'plainto_tsquery', phfts: 'phraseto_tsquery', wfts: 'websearch_to_tsquery' };

export function fieldSql(field: Field, scope: Scope, params: Params): string {
	if (!scope.columns.has(field.name)) throw undefinedColumn(scope.name, field.name);
	let sql = `${scope.qualifier}.${ident(field.name)}`;
	for (const step of field.json) {
		const index = /^-?\d+$/.test(step.key);
		sql += `${step.arrow}${params.add(index ? Number(step.key) : step.key)}::${index ? 'int' : 'text'}`;
	}
	return sql;
}

/** `*` stands for `%` in like/ilike patterns. */
const likePattern = (v: string) => v.replaceAll('*', '%');

function filterSql(f: Filter, scope: Scope, params: Params): string {
	// `embed=is.null` / `embed=not.is.null`: whether the embedded resource has a row.
	const exists = f.field.json.length === 0 && !scope.columns.has(f.field.name) ? scope.embedExists?.get(f.field.name) : undefined;
	if (exists) {
		if (f.op !== 'is' || (f.value !== 'null' && f.value !== 'not_null')) {
			throw new ApiError(400, 'PGRST120', `Bad operator on the '${f.field.name}' embedded resource`, 'Only is null or not is null filters are allowed on embedded resources');
		}
		const hasRow = f.value === 'not_null' ? exists : `not ${exists}`;
		return f.negate ? `not ${hasRow}` : hasRow;
	}
	const lhs = fieldSql(f.field, scope, params);
	let sql: string;
	if (f.op === 'in') {
		const items = f.value as string[];
		sql = items.length ? `${lhs} in (${items.map((v) => params.add(v)).join(', ')})` : 'false';
	} else if (f.op === 'is') {
		sql = `${lhs} is ${f.value === 'not_null' ? 'not null' : f.value}`;
	} else if (f.op in TSQUERY) {
		const query = f.language ? `${TSQUERY[f.op]}(${params.add(f.language)}::regconfig, ${params.add(f.value)})` : `${TSQUERY[f.op]}(${params.add(f.value)})`;
		sql = `${lhs} @@ ${query}`;
	} else {
		const op = COMPARISON[f.op];
		let value = f.value as string;
		if (f.op === 'like' || f.op === 'ilike') value = likePattern(value);
		sql = f.quantifier ? `${lhs} ${op} ${f.quantifier}(${params.add(value)})` : `${lhs} ${op} ${params.add(value)}`;
	}
	return f.negate ? `not (${sql})` : sql;
}

export function conditionSql(c: Condition, scope: Scope, params: Params): string {
	if (c.kind === 'filter') return filterSql(c, scope, params);
	const sql = `(${c.children.map((child) => conditionSql(child, scope, params)).join(` ${c.op} `)})`;
	return c.negate ? `not ${sql}` : sql;
}

export function orderSql(terms: OrderTerm[], scope: Scope, params: Params): string {
	return terms
		.map((t) => `${fieldSql(t.field, scope, params)} ${t.direction ?? 'asc'}${t.nulls ? ` nulls ${t.nulls}` : ''}`)
		.join(', ');
}
