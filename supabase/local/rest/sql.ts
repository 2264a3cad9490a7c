// Follows PostgREST v14's SQL fragments (Query/SqlFragment.hs, pgFmtIdent): values only ever travel as bind
// parameters; names only ever reach SQL quoted, and only after the schema cache has vouched for them.

/** "name" with embedded quotes doubled: safe for any string, so it is also used for output aliases. */
export function ident(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** "schema"."name" */
export function qualified(schema: string, name: string): string {
	return `${ident(schema)}.${ident(name)}`;
}

/** Collects bind values and hands out their placeholders ($1, $2, ...) in order. */
export class Params {
	readonly values: unknown[] = [];

	add(value: unknown): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}

/**
 * Cast targets written in a query string (`amount::text`, `ids::int4[]`). Only plain type names are
 * allowed, which cannot leave the cast however they are spelt, so they can go into SQL unquoted and
 * Postgres resolves them (int4, text, timestamptz ...).
 */
export function safeTypeName(name: string): boolean {
	return /^[A-Za-z_][A-Za-z0-9_]*(\[\])?$/.test(name);
}
