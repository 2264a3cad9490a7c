// The PostgREST stand-in behind /rest/v1. Follows PostgREST v14 (the version the Supabase CLI pins):
// authenticate the bearer JWT, pick the schema from the profile headers, plan the request against
// the schema cache, and run it as ONE transaction as the caller's role so that grants and RLS decide
// (src/PostgREST/App.hs, MainTx.hs). Read-only for GET/HEAD and for STABLE/IMMUTABLE functions.
import { asRole, identify, JwtError, RoleError, type Identity } from '../as-role.ts';
import { headerObject, type Ctx, type Service } from '../http.ts';
import type { Stack } from '../stack-types.ts';
import { ApiError, closest, errorResponse, fromPgError } from './errors.ts';
import { readBodyText, tablePayload } from './payload.ts';
import { negotiate, parsePrefer, profileSchema, type Preferences } from './prefer.ts';
import { parseQueryString } from './query-string.ts';
import { plannedRows, readQuery, runPage } from './read.ts';
import { appliedHeader, contentRange, rangeStatus } from './respond.ts';
import { planRpc } from './rpc.ts';
import { key, SchemaCacheHolder, type Relation, type SchemaCache } from './schema-cache.ts';
import { Planner } from './select.ts';
import { Params, qualified } from './sql.ts';
import { checkMaxAffected, runWrite, writeResponse, writeSql, type WriteRequest } from './write.ts';
import type pg from 'pg';

export interface RestService extends Service {
	/** Reads the schema cache again (after DDL), as PostgREST does on NOTIFY pgrst. */
	reload(): Promise<void>;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'PUT']);

interface Request_ {
	stack: Stack;
	cache: SchemaCacheHolder;
	req: Request;
	ctx: Ctx;
	identity: Identity;
	schema: string;
	prefs: Preferences;
	/** The request body as text, read once (a request may be planned twice). */
	body: string;
}

/** Planning errors a stale schema cache can cause: one reload and a second try may clear them. */
const STALE_CACHE_CODES = new Set(['42703', 'PGRST200', 'PGRST202', 'PGRST204', 'PGRST205']);

function jwtFailure(e: JwtError): ApiError {
	const claims = e.reason === 'expired' || e.reason === 'claims';
	return new ApiError(401, claims ? 'PGRST303' : 'PGRST301', e.message, null, null, {
		'www-authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(e.message)}`,
	});
}

async function authenticate(ctx: Ctx): Promise<Identity> {
	try {
		return await identify(ctx.token, ctx.stack.config.jwtSecret);
	} catch (e) {
		if (e instanceof JwtError) throw jwtFailure(e);
		// PostgREST's `set role` fails with 22023, which it answers with 401.
		if (e instanceof RoleError) throw new ApiError(401, '22023', e.message, null, null, { 'www-authenticate': 'Bearer' });
		throw e;
	}
}

function knownTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

function transaction(r: Request_, readOnly: boolean) {
	const settings: Record<string, string> = {};
	// PostgREST applies Prefer: timezone only when Postgres knows the zone, and ignores it otherwise.
	if (r.prefs.timezone && knownTimeZone(r.prefs.timezone)) settings.timezone = r.prefs.timezone;
	return {
		identity: r.identity,
		readOnly,
		method: r.req.method,
		path: r.ctx.path,
		headers: headerObject(r.req),
		searchPath: [r.schema, ...r.ctx.stack.config.api.extraSearchPath.filter((s) => s !== r.schema)],
		settings,
	};
}

/** What tx=rollback throws out of the transaction so that it rolls back, carrying the answer. */
class RolledBack {
	readonly value: unknown;
	constructor(value: unknown) {
		this.value = value;
	}
}

/**
 * The request's one transaction as the caller. With Prefer: tx=rollback it runs all the same (RETURNING,
 * triggers, constraints, RLS) and answers what it would have, then rolls back (MainTx.hs, optionalRollback).
 */
async function inTransaction<T>(r: Request_, readOnly: boolean, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
	if (r.prefs.tx !== 'rollback') return asRole(r.stack.api, transaction(r, readOnly), fn);
	try {
		await asRole(r.stack.api, transaction(r, readOnly), async (client) => {
			throw new RolledBack(await fn(client));
		});
	} catch (e) {
		if (e instanceof RolledBack) return e.value as T;
		throw e;
	}
	throw new Error('unreachable: a tx=rollback transaction always throws');
}

/** Preference-Applied entries every kind of request shares. */
function txApplied(r: Request_): string[] {
	return r.prefs.tx ? [`tx=${r.prefs.tx}`] : [];
}

async function findRelation(r: Request_, name: string): Promise<{ cache: SchemaCache; relation: Relation }> {
	const cache = await r.cache.get();
	const relation = cache.relations.get(key(r.schema, name));
	if (!relation) {
		const names = [...cache.relations.values()].filter((t) => t.schema === r.schema).map((t) => t.name);
		const best = closest(name, names);
		throw new ApiError(404, 'PGRST205', `Could not find the table '${r.schema}.${name}' in the schema cache`, null, best ? `Perhaps you meant the table '${r.schema}.${best}'` : null);
	}
	return { cache, relation };
}

/** limit/offset from the query string, else from a Range header; never more than db-max-rows. */
function page(r: Request_, nodeLimit: number | undefined, nodeOffset: number | undefined): { limit?: number; offset: number } {
	let limit = nodeLimit;
	let offset = nodeOffset ?? 0;
	const range = /^(?:items=)?\s*(\d+)-(\d*)\s*$/.exec(r.req.headers.get('range') ?? '');
	if (range && r.req.method === 'GET' && nodeLimit === undefined && nodeOffset === undefined) {
		const lower = Number(range[1]);
		offset = lower;
		if (range[2] !== '') {
			const upper = Number(range[2]);
			if (lower > upper) throw new ApiError(416, 'PGRST103', 'Requested range not satisfiable', 'The lower boundary must be lower than or equal to the upper boundary in the Range header.');
			limit = upper - lower + 1;
		}
	}
	const max = r.ctx.stack.config.api.maxRows;
	if (max && (limit === undefined || limit > max)) limit = max;
	return { limit, offset };
}

async function readTable(r: Request_, name: string): Promise<Response> {
	const media = negotiate(r.req);
	const { cache, relation } = await findRelation(r, name);
	const qs = parseQueryString(r.ctx.url.searchParams);
	const root = qs.nodes.get('')!;
	const { limit, offset } = page(r, root.limit, root.offset);
	const params = new Params();
	const planner = new Planner(cache, params, qs);
	const table = qualified(relation.schema, relation.name);
	const source = { schema: relation.schema, name: relation.name, columns: relation.columns, relation };
	const mode = r.prefs.count;
	const max = r.ctx.stack.config.api.maxRows;
	const countLimit = mode === 'estimated' && max ? max + 1 : undefined;
	const { sql, countQuery } = readQuery(planner, source, table, table, { count: mode === 'exact' || mode === 'estimated', countLimit, media, limit, offset });
	const result = await inTransaction(r, true, async (client) => {
		const read = await runPage(client, sql, params.values);
		if (mode === 'planned') return { ...read, total: await plannedRows(client, countQuery, params.values) };
		if (mode === 'estimated' && max && read.total !== null && read.total > max) {
			const planned = await plannedRows(client, countQuery, params.values);
			return { ...read, total: Math.max(read.total, planned ?? 0) };
		}
		return read;
	});
	return pageResponse(r, result, offset, media, !!mode);
}

function pageResponse(r: Request_, result: { total: number | null; rows: number; body: string | null }, offset: number, media: { single: boolean; contentType: string }, count: boolean): Response {
	if (media.single && result.rows !== 1) throw new ApiError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${result.rows} rows`);
	const upper = offset + result.rows - 1;
	const status = rangeStatus(offset, upper, result.total);
	const applied = [...(count ? [`count=${r.prefs.count}`] : []), ...txApplied(r)];
	return new Response(r.req.method === 'HEAD' ? null : result.body, {
		status,
		headers: { 'content-type': media.contentType, 'content-range': contentRange(offset, upper, result.total), ...appliedHeader(applied) },
	});
}

async function writeTable(r: Request_, name: string): Promise<Response> {
	const method = r.req.method as WriteRequest['method'];
	const media = negotiate(r.req);
	const { cache, relation } = await findRelation(r, name);
	const qs = parseQueryString(r.ctx.url.searchParams);
	const payload = method === 'DELETE' ? undefined : tablePayload(r.body, qs.columns, method === 'POST' || method === 'PATCH');
	const prefs = { ...r.prefs };
	// Without a primary key, headers-only has no Location to give.
	if (prefs.return === 'headers-only' && method !== 'POST') prefs.return = 'minimal';
	const planner = new Planner(cache, new Params(), qs);
	const w: WriteRequest = { method, relation, payload, prefs, media, planner };
	const sql = writeSql(w);
	const result = await inTransaction(r, false, (client) => runWrite(client, w, sql));
	const applied: string[] = [];
	if (prefs.return) applied.push(`return=${prefs.return}`);
	if (prefs.count) applied.push(`count=${prefs.count}`);
	if (method === 'POST' && prefs.resolution) applied.push(`resolution=${prefs.resolution}`);
	if ((method === 'POST' || method === 'PUT') && prefs.missing === 'default') applied.push('missing=default');
	applied.push(...txApplied(r));
	return writeResponse(w, result, applied);
}

async function callFunction(r: Request_, name: string): Promise<Response> {
	const method = r.req.method;
	if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') throw new ApiError(405, 'PGRST101', `Cannot use the ${method} method on RPC`);
	const media = negotiate(r.req);
	const cache = await r.cache.get();
	const overloads = cache.routines.get(key(r.schema, name)) ?? [];
	const body = r.body;
	const qs = parseQueryString(new URLSearchParams([...r.ctx.url.searchParams].filter(([k]) => ['limit', 'offset'].includes(k))));
	const root = qs.nodes.get('')!;
	const { limit, offset } = page(r, root.limit, root.offset);
	const count = !!r.prefs.count;
	const call = planRpc({ cache, schema: r.schema, name, overloads, method, url: r.ctx.url, body, media, read: { count, limit, offset } });
	const result = await inTransaction(r, call.readOnly, async (client) => {
		const { rows } = await client.query({ text: call.sql, values: call.params.values });
		// max-affected on RPC counts the rows the function returned (one for a scalar or void result).
		checkMaxAffected(r.prefs, call.kind === 'rows' ? Number(rows[0].rows) : 1);
		return rows[0];
	});
	const applied = appliedHeader(txApplied(r));
	if (call.kind === 'void') return new Response(null, { status: 204, headers: applied });
	if (call.kind === 'value') {
		return new Response(method === 'HEAD' ? null : result.body, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'content-range': '0-0/*', ...applied } });
	}
	const pageResult = { total: result.total === null ? null : Number(result.total), rows: Number(result.rows), body: result.body };
	if (!call.routine.returnsSet) {
		return new Response(method === 'HEAD' ? null : pageResult.body, { status: 200, headers: { 'content-type': media.single ? media.contentType : 'application/json; charset=utf-8', 'content-range': contentRange(0, pageResult.rows - 1, pageResult.total), ...applied } });
	}
	return pageResponse(r, pageResult, offset, media, count);
}

function isPgError(e: unknown): e is { code: string; message: string; detail?: string; hint?: string } {
	return e instanceof Error && typeof (e as any).code === 'string' && 'severity' in e;
}

async function handle(stack: Stack, cache: SchemaCacheHolder, req: Request, ctx: Ctx): Promise<Response> {
	let identity: Identity | undefined;
	try {
		if (!METHODS.has(req.method)) throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${req.method}`);
		identity = await authenticate(ctx);
		let segments: string[];
		try {
			segments = ctx.path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
		} catch {
			return errorResponse(new ApiError(400, 'PGRST100', 'The request path is not valid percent-encoding'));
		}
		const schema = profileSchema(req, stack.config.api.schemas);
		const prefs = parsePrefer(req);
		const body = req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' ? '' : await readBodyText(req);
		const r: Request_ = { stack, cache, req, ctx, identity, schema, prefs, body };
		const route = () => {
			if (segments.length === 2 && segments[0] === 'rpc') return callFunction(r, segments[1]);
			if (segments.length !== 1) throw new ApiError(404, 'PGRST125', 'Invalid path specified in request URL');
			if (req.method === 'GET' || req.method === 'HEAD') return readTable(r, segments[0]);
			return writeTable(r, segments[0]);
		};
		try {
			return await route();
		} catch (e) {
			// A table, column or function created since the cache was read (a migration applied while running).
			if (!(e instanceof ApiError) || !STALE_CACHE_CODES.has(e.code) || !cache.mayRefresh()) throw e;
			await cache.reload();
			return await route();
		}
	} catch (e) {
		if (e instanceof ApiError) return errorResponse(e);
		if (isPgError(e)) return errorResponse(fromPgError(e, identity !== undefined && identity.role !== 'anon'));
		if (e instanceof Error && typeof (e as any).code === 'string' && /^E[A-Z]/.test((e as any).code)) {
			stack.log(`rest: database unreachable: ${e.message}`);
			return errorResponse(new ApiError(503, 'PGRST000', 'Database connection error. Retrying the connection.', e.message));
		}
		throw e;
	}
}

export function restService(stack: Stack): RestService {
	const cache = new SchemaCacheHolder(stack.admin, stack.config.api.schemas);
	return {
		prefix: '/rest/v1',
		handle: (req, ctx) => handle(stack, cache, req, ctx),
		reload: async () => {
			await cache.reload();
		},
	};
}
