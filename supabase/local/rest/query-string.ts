// Follows PostgREST v14's query grammar (src/PostgREST/ApiRequest/QueryParams.hs, docs/references/
// api/tables_views.rst, url_grammar.rst): select trees with aliases, casts, JSON paths and embeds;
// filters `[not.]op[(any|all|config)].value`; and/or logic trees; order; limit/offset; all of them
// optionally prefixed by an embedded resource's name. Anything that does not parse is PGRST100.
import { aggregatesNotAllowed, ApiError, notSupportedLocally, parseError } from './errors.ts';

export interface JsonStep {
	arrow: '->' | '->>';
	key: string;
}

export interface Field {
	name: string;
	json: JsonStep[];
}

export interface ColumnItem {
	kind: 'column';
	field: Field;
	alias?: string;
	cast?: string;
}

export interface StarItem {
	kind: 'star';
}

export interface EmbedItem {
	kind: 'embed';
	/** Relation name, or a foreign-key column / constraint name. */
	name: string;
	alias?: string;
	hint?: string;
	inner: boolean;
	items: SelectItem[];
}

export type SelectItem = ColumnItem | StarItem | EmbedItem;

export const OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch', 'in', 'is', 'isdistinct', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxl', 'nxr', 'adj', 'fts', 'plfts', 'phfts', 'wfts'] as const;
export type Operator = (typeof OPERATORS)[number];
const QUANTIFIABLE = new Set<string>(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch']);
const FTS = new Set<string>(['fts', 'plfts', 'phfts', 'wfts']);
const IS_VALUES = ['null', 'not_null', 'true', 'false', 'unknown'];
const OPERATOR_LIST = 'operator (eq, gt, ...)';

export interface Filter {
	kind: 'filter';
	field: Field;
	negate: boolean;
	op: Operator;
	quantifier?: 'any' | 'all';
	/** Text search configuration for fts operators. */
	language?: string;
	/** A list for `in`; the (lower-cased) keyword for `is`; text otherwise. */
	value: string | string[];
}

export interface Logic {
	kind: 'logic';
	op: 'and' | 'or';
	negate: boolean;
	children: Condition[];
}

export type Condition = Filter | Logic;

export interface OrderTerm {
	field: Field;
	direction?: 'asc' | 'desc';
	nulls?: 'first' | 'last';
}

/** What the query string says about one node of the select tree ('' = the top). */
export interface NodeOptions {
	conditions: Condition[];
	order?: OrderTerm[];
	limit?: number;
	offset?: number;
}

export interface QueryString {
	select: SelectItem[];
	/** key: embed path joined with '.' ('' = top level) */
	nodes: Map<string, NodeOptions>;
	columns?: string[];
	onConflict?: string[];
}

class Cursor {
	readonly input: string;
	readonly what: string;
	pos = 0;

	constructor(input: string, what: string) {
		this.input = input;
		this.what = what;
	}

	get done(): boolean {
		return this.pos >= this.input.length;
	}

	peek(n = 1): string {
		return this.input.slice(this.pos, this.pos + n);
	}

	eat(s: string): boolean {
		if (this.input.startsWith(s, this.pos)) {
			this.pos += s.length;
			return true;
		}
		return false;
	}

	skipSpaces(): void {
		while (this.peek() === ' ') this.pos++;
	}

	fail(expecting: string): ApiError {
		const got = this.done ? 'end of input' : `"${this.peek()}"`;
		return parseError(this.what, this.input, this.pos + 1, `unexpected ${got} expecting ${expecting}`);
	}

	expect(s: string): void {
		if (!this.eat(s)) throw this.fail(`"${s}"`);
	}
}

function isNameChar(c: string): boolean {
	return /[\p{L}\p{N}_$ ]/u.test(c);
}

/** A name: "quoted" (anything but a quote) or letters, digits, `_`, `$`, spaces and inner dashes. */
function readName(c: Cursor, expecting = 'field name'): string {
	if (c.eat('"')) {
		const end = c.input.indexOf('"', c.pos);
		if (end < 0) throw c.fail('closing quote');
		const name = c.input.slice(c.pos, end);
		c.pos = end + 1;
		return name;
	}
	const start = c.pos;
	while (!c.done) {
		const ch = c.peek();
		if (isNameChar(ch)) c.pos++;
		else if (ch === '-' && c.peek(2) !== '->' && c.pos > start && isNameChar(c.input[c.pos + 1] ?? '')) c.pos++;
		else break;
	}
	const name = c.input.slice(start, c.pos).trim();
	if (!name) throw c.fail(expecting);
	return name;
}

function readJsonPath(c: Cursor): JsonStep[] {
	const steps: JsonStep[] = [];
	for (;;) {
		let arrow: JsonStep['arrow'];
		if (c.eat('->>')) arrow = '->>';
		else if (c.eat('->')) arrow = '->';
		else return steps;
		const negative = c.eat('-');
		const key = readName(c, 'json key');
		steps.push({ arrow, key: negative ? `-${key}` : key });
	}
}

function readField(c: Cursor): Field {
	const name = readName(c);
	return { name, json: readJsonPath(c) };
}

// select ---------------------------------------------------------------------------------------------

export function parseSelect(input: string): SelectItem[] {
	const c = new Cursor(input, 'select');
	if (input.trim() === '') return [];
	const items = readSelectList(c);
	if (!c.done) throw c.fail('"," or end of input');
	return items;
}

function readSelectList(c: Cursor): SelectItem[] {
	const items: SelectItem[] = [];
	do {
		c.skipSpaces();
		items.push(readSelectItem(c));
		c.skipSpaces();
	} while (c.eat(','));
	return items;
}

function readSelectItem(c: Cursor): SelectItem {
	if (c.eat('*')) return { kind: 'star' };
	// Spread embeds (`...table(cols)`) are PostgREST 12+ (to-one) and 13 (to-many); not implemented here.
	if (c.peek(3) === '...') throw notSupportedLocally('Spread embedding (...table(columns))');
	let alias: string | undefined;
	let name = readName(c);
	if (c.peek() === ':' && c.peek(2) !== '::') {
		c.pos++;
		alias = name;
		c.skipSpaces();
		name = readName(c);
	}
	// PostgREST 12's pFieldSelect tries `count()` as the aggregate before any embed of that name.
	if (name === 'count' && c.input.startsWith('()', c.pos)) throw aggregatesNotAllowed();
	if (c.peek() === '!' || c.peek() === '(') {
		let hint: string | undefined;
		let inner = false;
		while (c.eat('!')) {
			const word = readName(c, 'embed hint');
			if (word === 'inner') inner = true;
			else if (word === 'left') inner = false;
			else hint = word;
		}
		c.expect('(');
		c.skipSpaces();
		const items = c.peek() === ')' ? [] : readSelectList(c);
		c.expect(')');
		return { kind: 'embed', name, alias, hint, inner, items };
	}
	const field: Field = { name, json: readJsonPath(c) };
	// `col.sum()`, `col->k.avg()`: an aggregate on a field (pFieldSelect's `char '.' *> pAggregation <* pArgs`).
	if (/^\.(sum|avg|max|min|count)\(\)/.test(c.input.slice(c.pos))) throw aggregatesNotAllowed();
	let cast: string | undefined;
	if (c.eat('::')) cast = readName(c, 'type name') + (c.eat('[]') ? '[]' : '');
	return { kind: 'column', field, alias, cast };
}

// filters --------------------------------------------------------------------------------------------

/** `[not.]op[(modifier)].value` as the value of a `column=` query parameter. */
export function parseFilter(field: Field, input: string): Filter {
	const c = new Cursor(input, 'filter');
	return readOperation(c, field, false);
}

function readOperation(c: Cursor, field: Field, inLogic: boolean): Filter {
	const negate = c.eat('not.');
	const start = c.pos;
	while (/[a-z]/.test(c.peek())) c.pos++;
	const op = c.input.slice(start, c.pos) as Operator;
	if (!(OPERATORS as readonly string[]).includes(op)) {
		c.pos = start;
		throw c.fail(negate ? OPERATOR_LIST : `"not" or ${OPERATOR_LIST}`);
	}
	let quantifier: Filter['quantifier'];
	let language: string | undefined;
	if (c.eat('(')) {
		if (FTS.has(op)) language = readName(c, 'text search configuration');
		else if (QUANTIFIABLE.has(op) && (c.peek(3) === 'any' || c.peek(3) === 'all')) {
			quantifier = c.peek(3) as 'any' | 'all';
			c.pos += 3;
		} else throw c.fail(FTS.has(op) ? 'text search configuration' : '"any" or "all"');
		c.expect(')');
	}
	c.expect('.');
	let value: string | string[];
	if (op === 'in') value = readList(c);
	else if (inLogic) value = readLogicValue(c);
	else {
		value = c.input.slice(c.pos);
		c.pos = c.input.length;
	}
	if (op === 'is') {
		const v = (value as string).toLowerCase();
		if (!IS_VALUES.includes(v)) {
			c.pos -= (value as string).length;
			throw c.fail('null or trilean value (unknown, true, false)');
		}
		value = v;
	}
	if (!inLogic && !c.done) throw c.fail('end of input');
	return { kind: 'filter', field, negate, op, quantifier, language, value };
}

/** A double-quoted value with \" and \\ escapes. */
function readQuoted(c: Cursor): string {
	c.expect('"');
	let out = '';
	for (;;) {
		if (c.done) throw c.fail('closing quote');
		const ch = c.input[c.pos++];
		if (ch === '"') return out;
		if (ch === '\\' && !c.done) out += c.input[c.pos++];
		else out += ch;
	}
}

/** `(a,b,"c,d")` */
function readList(c: Cursor): string[] {
	c.expect('(');
	const items: string[] = [];
	if (c.eat(')')) return items;
	do {
		if (c.peek() === '"') items.push(readQuoted(c));
		else {
			const start = c.pos;
			while (!c.done && c.peek() !== ',' && c.peek() !== ')') c.pos++;
			items.push(c.input.slice(start, c.pos));
		}
	} while (c.eat(','));
	c.expect(')');
	return items;
}

/** A value inside and()/or(): quoted, a {array}, or everything up to the next `,` or `)`. */
function readLogicValue(c: Cursor): string {
	if (c.peek() === '"') return readQuoted(c);
	const start = c.pos;
	if (c.peek() === '{') {
		const end = c.input.indexOf('}', c.pos);
		if (end < 0) throw c.fail('"}"');
		c.pos = end + 1;
		return c.input.slice(start, c.pos);
	}
	while (!c.done && c.peek() !== ',' && c.peek() !== ')') c.pos++;
	return c.input.slice(start, c.pos);
}

/** The value of `or=`, `and=`, `not.or=` ...: `(cond,cond,...)` with nested and()/or(). */
export function parseLogic(op: 'and' | 'or', negate: boolean, input: string): Logic {
	const c = new Cursor(input, 'logic tree');
	const logic: Logic = { kind: 'logic', op, negate, children: readLogicChildren(c) };
	if (!c.done) throw c.fail('end of input');
	return logic;
}

function readLogicChildren(c: Cursor): Condition[] {
	c.expect('(');
	const children: Condition[] = [];
	do {
		c.skipSpaces();
		children.push(readLogicItem(c));
	} while (c.eat(','));
	c.expect(')');
	return children;
}

function readLogicItem(c: Cursor): Condition {
	const start = c.pos;
	const negate = c.eat('not.');
	for (const op of ['and', 'or'] as const) {
		if (c.peek(op.length + 1) === `${op}(`) {
			c.pos += op.length;
			return { kind: 'logic', op, negate, children: readLogicChildren(c) };
		}
	}
	c.pos = start;
	const field = readField(c);
	c.expect('.');
	return readOperation(c, field, true);
}

// order, limit, offset, columns ----------------------------------------------------------------------

export function parseOrder(input: string): OrderTerm[] {
	const c = new Cursor(input, 'order');
	const terms: OrderTerm[] = [];
	do {
		c.skipSpaces();
		const field = readField(c);
		if (c.peek() === '(') throw notSupportedLocally('Ordering by an embedded resource (order=table(column))');
		const term: OrderTerm = { field };
		while (c.eat('.')) {
			if (c.eat('asc')) term.direction = 'asc';
			else if (c.eat('desc')) term.direction = 'desc';
			else if (c.eat('nullsfirst')) term.nulls = 'first';
			else if (c.eat('nullslast')) term.nulls = 'last';
			else throw c.fail('"asc", "desc", "nullsfirst" or "nullslast"');
		}
		terms.push(term);
	} while (c.eat(','));
	if (!c.done) throw c.fail('"," or end of input');
	return terms;
}

export function parseNonNegative(what: 'limit' | 'offset', input: string): number {
	if (!/^\d+$/.test(input)) throw parseError(`${what} parameter`, input, 1, `unexpected "${input[0] ?? ''}" expecting digit`);
	return Number(input);
}

/** `columns="a","b"` or `columns=a,b` */
export function parseColumnList(what: string, input: string): string[] {
	const c = new Cursor(input, what);
	const names: string[] = [];
	do {
		c.skipSpaces();
		names.push(readName(c, 'column name'));
		c.skipSpaces();
	} while (c.eat(','));
	if (!c.done) throw c.fail('"," or end of input');
	return names;
}

// the whole query string -----------------------------------------------------------------------------

const NODE_KEYS = new Set(['order', 'limit', 'offset', 'or', 'and']);

function node(nodes: Map<string, NodeOptions>, path: string): NodeOptions {
	let n = nodes.get(path);
	if (!n) nodes.set(path, (n = { conditions: [] }));
	return n;
}

/**
 * Splits a filter key into the embed path and the field: `comments.author->>name` → path
 * ['comments'], field author->>name. Dots inside a JSON path belong to the key.
 */
function splitKey(key: string): { path: string[]; rest: string } {
	const arrow = key.indexOf('->');
	const head = arrow < 0 ? key : key.slice(0, arrow);
	const parts = head.split('.');
	const last = parts.pop()!;
	return { path: parts, rest: last + (arrow < 0 ? '' : key.slice(arrow)) };
}

/** Every query parameter except those in `skip` (function arguments of a GET /rpc call). */
export function parseQueryString(params: URLSearchParams, skip: Set<string> = new Set()): QueryString {
	const qs: QueryString = { select: [{ kind: 'star' }], nodes: new Map([['', { conditions: [] }]]) };
	for (const [k, value] of params) {
		if (skip.has(k)) continue;
		if (k === 'select') {
			qs.select = parseSelect(value);
			continue;
		}
		if (k === 'columns') {
			qs.columns = parseColumnList('columns', value);
			continue;
		}
		if (k === 'on_conflict') {
			qs.onConflict = parseColumnList('on_conflict', value);
			continue;
		}
		const parts = k.split('.');
		const last = parts[parts.length - 1];
		if (NODE_KEYS.has(last) && !k.includes('->')) {
			let path = parts.slice(0, -1);
			const negate = path[path.length - 1] === 'not' && (last === 'or' || last === 'and');
			if (negate) path = path.slice(0, -1);
			const n = node(qs.nodes, path.join('.'));
			if (last === 'order') n.order = parseOrder(value);
			else if (last === 'limit') n.limit = parseNonNegative('limit', value);
			else if (last === 'offset') n.offset = parseNonNegative('offset', value);
			else n.conditions.push(parseLogic(last as 'and' | 'or', negate, value));
			continue;
		}
		const { path, rest } = splitKey(k);
		const c = new Cursor(rest, 'filter');
		const field = readField(c);
		if (!c.done) throw c.fail('end of input');
		node(qs.nodes, path.join('.')).conditions.push(parseFilter(field, value));
	}
	return qs;
}
