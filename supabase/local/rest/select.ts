// Follows PostgREST v14's select and resource embedding (docs/references/api/resource_embedding.rst,
// Plan.hs): a select tree becomes one query whose embeds are correlated subqueries on the foreign
// keys — to-one embeds an object or null, to-many an array — read as the caller, so RLS applies to
// embedded rows too. Embedded filters, order and limit come from `rel.col=`, `rel.order=` ...
import { ApiError, closest, notEmbedded, notSupportedLocally, parseError, undefinedColumn } from './errors.ts';
import { conditionSql, fieldSql, orderSql, type Scope } from './filters.ts';
import type { EmbedItem, NodeOptions, QueryString, SelectItem } from './query-string.ts';
import { key, type Column, type ForeignKey, type Relation, type SchemaCache } from './schema-cache.ts';
import { ident, qualified, safeTypeName, type Params } from './sql.ts';

/** What a node reads from: a table or view, or the rows of a function. */
export interface Source {
	schema: string;
	name: string;
	columns: Column[];
	/** For embedding: the table whose foreign keys apply. */
	relation?: Relation;
}

interface Relationship {
	fk: ForeignKey;
	target: Relation;
	/** many-to-one: the parent holds the foreign key. */
	manyToOne: boolean;
	toOne: boolean;
}

export interface SelectPart {
	/** `expr as "name"` items. */
	columns: string[];
	/** Conditions the parent must meet because of `!inner` embeds. */
	inner: string[];
	/** Embed label → SQL true when that embed has a row. */
	exists: Map<string, string>;
}

/** An embed that selects nothing, not even through its own embeds (PostgREST's hasOnlyNullEmbed). */
function isEmptyEmbed(item: EmbedItem): boolean {
	return item.items.every((i) => i.kind === 'embed' && isEmptyEmbed(i));
}

export function scopeOf(source: Source, qualifier: string): Scope {
	return { name: source.name, qualifier, columns: new Map(source.columns.map((c) => [c.name, c])) };
}

export class Planner {
	readonly cache: SchemaCache;
	readonly params: Params;
	readonly qs: QueryString;
	private aliases = 0;
	private readonly usedPaths = new Set<string>(['']);

	constructor(cache: SchemaCache, params: Params, qs: QueryString) {
		this.cache = cache;
		this.params = params;
		this.qs = qs;
	}

	options(path: string): NodeOptions {
		return this.qs.nodes.get(path) ?? { conditions: [] };
	}

	/** The select list of one node, its embeds planned as subqueries. */
	selectList(source: Source, qualifier: string, items: SelectItem[], path: string): SelectPart {
		const scope = scopeOf(source, qualifier);
		const part: SelectPart = { columns: [], inner: [], exists: new Map() };
		const embedded = new Set<string>();
		for (const item of items) {
			if (item.kind === 'star') {
				for (const c of source.columns) part.columns.push(`${qualifier}.${ident(c.name)}`);
			} else if (item.kind === 'column') {
				if (!scope.columns.has(item.field.name) && this.takesRowOf(source, item.field.name)) throw notSupportedLocally(`The computed field '${item.field.name}'`);
				let expr = fieldSql(item.field, scope, this.params);
				if (item.cast) {
					if (!safeTypeName(item.cast)) throw parseError('select', item.cast, 1, 'unexpected type name');
					expr = `cast(${expr} as ${item.cast})`;
				}
				const name = item.alias ?? (item.field.json.length ? item.field.json[item.field.json.length - 1].key : item.field.name);
				part.columns.push(`${expr} as ${ident(name)}`);
			} else {
				this.embed(source, qualifier, item, path, part, embedded);
			}
		}
		return part;
	}

	private embed(source: Source, parentQualifier: string, item: EmbedItem, path: string, part: SelectPart, embedded: Set<string>): void {
		const rel = this.relationship(source, item);
		const label = item.alias ?? item.name;
		// PostgREST names each embed's lateral join <parent>_<label>_<depth>: the same label twice in one
		// node is the same table alias twice, and Postgres refuses the query (42712, answered 400).
		if (embedded.has(label)) {
			const depth = path ? path.split('.').length + 1 : 1;
			throw new ApiError(400, '42712', `table name "${source.name}_${label}_${depth}" specified more than once`);
		}
		embedded.add(label);
		const childPath = path ? `${path}.${label}` : label;
		this.usedPaths.add(childPath);
		const q = ident(`pgrst_${++this.aliases}`);
		const target: Source = { schema: rel.target.schema, name: rel.target.name, columns: rel.target.columns, relation: rel.target };
		const child = this.selectList(target, q, item.items, childPath);
		const [childCols, parentCols] = rel.manyToOne ? [rel.fk.toColumns, rel.fk.fromColumns] : [rel.fk.fromColumns, rel.fk.toColumns];
		const join = childCols.map((c, i) => `${q}.${ident(c)} = ${parentQualifier}.${ident(parentCols[i])}`);
		const where = [...join, ...this.where(target, q, childPath, child), ...child.inner].join(' and ');
		const from = `${qualified(rel.target.schema, rel.target.name)} as ${q}`;
		const opts = this.options(childPath);
		const order = opts.order ? ` order by ${orderSql(opts.order, scopeOf(target, q), this.params)}` : '';
		const limit = rel.toOne ? '' : `${opts.limit !== undefined ? ` limit ${opts.limit}` : ''}${opts.offset ? ` offset ${opts.offset}` : ''}`;
		const rows = ident(`pgrst_${this.aliases}_rows`);
		const body = `select ${child.columns.join(', ')} from ${from} where ${where}${order}${limit}`;
		const value = rel.toOne ? `(select row_to_json(${rows}) from (${body}) as ${rows})` : `(select coalesce(json_agg(${rows}), '[]') from (${body}) as ${rows})`;
		// An empty embed (`orders()`, `orders(items())`) only filters (with !inner or `orders=not.is.null`): no key in the result.
		if (!isEmptyEmbed(item)) part.columns.push(`${value} as ${ident(label)}`);
		const exists = `exists (select 1 from ${from} where ${where})`;
		part.exists.set(label, exists);
		if (item.inner) part.inner.push(exists);
	}

	/** The node's own filters and logic trees (embedded ones belong to their subquery). */
	where(source: Source, qualifier: string, path: string, part?: SelectPart): string[] {
		const scope = { ...scopeOf(source, qualifier), embedExists: part?.exists };
		return this.options(path).conditions.map((c) => conditionSql(c, scope, this.params));
	}

	orderBy(source: Source, qualifier: string, path: string): string {
		const order = this.options(path).order;
		return order?.length ? ` order by ${orderSql(order, scopeOf(source, qualifier), this.params)}` : '';
	}

	/** `rel.col=...` for a `rel` the select does not embed → PGRST108. */
	checkEmbedPaths(): void {
		for (const path of this.qs.nodes.keys()) {
			if (this.usedPaths.has(path)) continue;
			const parts = path.split('.');
			const missing = parts.findIndex((_, i) => !this.usedPaths.has(parts.slice(0, i + 1).join('.')));
			throw notEmbedded(parts[missing]);
		}
	}

	/** A function `name(source_row)` of the source's schema: a computed field or relationship in PostgREST. */
	private takesRowOf(source: Source, name: string): boolean {
		const parent = source.relation;
		if (!parent) return false;
		const types = new Set([parent.name, `${parent.schema}.${parent.name}`, ident(parent.name), `${ident(parent.schema)}.${ident(parent.name)}`]);
		const routines = this.cache.routines.get(key(source.schema, name)) ?? [];
		return routines.some((r) => r.inputs.length >= 1 && types.has(r.inputs[0].type) && r.inputs.slice(1).every((p) => p.hasDefault));
	}

	/** A table other than both with a foreign key to each (PostgREST's junction detection, loosely). */
	private junction(parent: Relation, target: Relation): boolean {
		const from = key(parent.schema, parent.name);
		const to = key(target.schema, target.name);
		const fks = this.cache.foreignKeys;
		return fks.some((a) => a.to === from && a.from !== from && a.from !== to && fks.some((b) => b !== a && b.from === a.from && b.to === to));
	}

	/**
	 * The relationships `item` names from `source`, as PostgREST's findRel (Plan.hs) picks them: by the
	 * target table's name, or (not for views) by the foreign key's constraint or its single origin column;
	 * a hint (`target!hint`) narrows by constraint, origin column or target column. A self-referencing
	 * foreign key is one key but two relationships, told apart by convention: the table's name is the
	 * one-to-many (its children; `table!fk_column` too), the foreign-key column the many-to-one (its parent).
	 */
	private relationship(source: Source, item: EmbedItem): Relationship {
		const parent = source.relation;
		const schema = source.schema;
		const candidates: Relationship[] = [];
		const hint = item.hint;
		if (parent) {
			const parentKey = key(parent.schema, parent.name);
			const unique = (rel: Relation, cols: string[]) => rel.uniques.some((u) => u.length === cols.length && u.every((c) => cols.includes(c)));
			for (const fk of this.cache.foreignKeys) {
				const sides: Relationship[] = [];
				if (fk.from === parentKey) sides.push({ fk, target: this.cache.relations.get(fk.to)!, manyToOne: true, toOne: true });
				if (fk.to === parentKey) {
					const child = this.cache.relations.get(fk.from)!;
					sides.push({ fk, target: child, manyToOne: false, toOne: unique(child, fk.fromColumns) });
				}
				const self = fk.from === parentKey && fk.to === parentKey;
				for (const rel of sides) {
					if (rel.target.schema !== schema) continue;
					const single = fk.fromColumns.length === 1;
					// PostgREST's column pairs run origin → target: (fk column, referenced column) for a
					// many-to-one, (referenced column, fk column) for a one-to-many.
					const originCol = single ? (rel.manyToOne ? fk.fromColumns[0] : fk.toColumns[0]) : undefined;
					const targetCol = single ? (rel.manyToOne ? fk.toColumns[0] : fk.fromColumns[0]) : undefined;
					const byName = item.name === rel.target.name;
					let match: boolean;
					if (self) {
						// A unique self-reference is one-to-one both ways, which PostgREST does not embed by convention.
						if (unique(parent, fk.fromColumns)) continue;
						match = hint === undefined ? (byName && !rel.manyToOne) || (rel.manyToOne && originCol === item.name) : byName && !rel.manyToOne && targetCol === hint;
					} else if (hint === undefined) {
						match = byName || (rel.target.kind !== 'view' && (fk.name === item.name || originCol === item.name));
					} else {
						match = byName && (fk.name === hint || originCol === hint || targetCol === hint);
					}
					if (match) candidates.push(rel);
				}
			}
		}
		const target = this.cache.relations.get(key(schema, item.name));
		const matching = candidates;
		const parentName = source.name;
		if (matching.length === 1) return matching[0];
		if (matching.length === 0) {
			// What hosted PostgREST embeds and this stand-in does not yet: a function taking the parent's row
			// (a computed relationship) and a many-to-many through a junction table with foreign keys to both.
			if (this.takesRowOf(source, item.name)) throw notSupportedLocally(`The computed relationship '${item.name}'`);
			if (target && parent && this.junction(parent, target)) throw notSupportedLocally(`The many-to-many embed of '${item.name}' through a junction table`);
			const tables = [...this.cache.relations.values()].filter((r) => r.schema === schema).map((r) => r.name);
			const suggestion = target ? undefined : closest(item.name, tables);
			throw new ApiError(
				400,
				'PGRST200',
				`Could not find a relationship between '${parentName}' and '${item.name}' in the schema cache`,
				`Searched for a foreign key relationship between '${parentName}' and '${item.name}'${item.hint ? ` using the hint '${item.hint}'` : ''} in the schema '${schema}', but no matches were found.`,
				suggestion ? `Perhaps you meant '${suggestion}' instead of '${item.name}'.` : null,
			);
		}
		const fmt = (t: string, cols: string[]) => `${t}(${cols.join(', ')})`;
		const details = matching.map((r) => {
			const t = r.target.name;
			const cardinality = r.manyToOne ? 'many-to-one' : r.toOne ? 'one-to-one' : 'one-to-many';
			const relationship = r.manyToOne
				? `${r.fk.name} using ${fmt(parentName, r.fk.fromColumns)} and ${fmt(t, r.fk.toColumns)}`
				: `${r.fk.name} using ${fmt(parentName, r.fk.toColumns)} and ${fmt(t, r.fk.fromColumns)}`;
			return { cardinality, embedding: `${parentName} with ${t}`, relationship };
		});
		throw new ApiError(
			300,
			'PGRST201',
			`Could not embed because more than one relationship was found for '${parentName}' and '${item.name}'`,
			details,
			`Try changing '${item.name}' to one of the following: ${matching.map((r) => `'${item.name}!${r.fk.name}'`).join(', ')}. Find the desired relationship in the 'details' key.`,
		);
	}
}

/** Columns of a relation by name, or the PGRST204 PostgREST answers for a body key that is none. */
export function requireColumns(relation: Relation, names: string[], error: (rel: string, col: string) => ApiError = undefinedColumn): Column[] {
	const byName = new Map(relation.columns.map((c) => [c.name, c]));
	return names.map((n) => {
		const c = byName.get(n);
		if (!c) throw error(relation.name, n);
		return c;
	});
}
