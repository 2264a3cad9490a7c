// Error responses as PostgREST v14 sends them (src/PostgREST/Error.hs): a body of {code, message,
// details, hint}, the HTTP status chosen per error (SQLSTATE → status with mapSQLtoHTTP), a
// Proxy-Status header, and WWW-Authenticate on authentication failures.
import { json } from '../http.ts';

export class ApiError extends Error {
	readonly status: number;
	readonly code: string;
	readonly details: unknown;
	readonly hint: string | null;
	readonly headers: Record<string, string>;

	constructor(status: number, code: string, message: string, details: unknown = null, hint: string | null = null, headers: Record<string, string> = {}) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
		this.hint = hint;
		this.headers = headers;
	}
}

/** PGRST100: a query-string parameter that does not parse. */
export function parseError(what: string, input: string, column: number, details: string): ApiError {
	return new ApiError(400, 'PGRST100', `"failed to parse ${what} (${input})" (line 1, column ${column})`, details);
}

export function singularError(rows: number): ApiError {
	return new ApiError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${rows} rows`);
}

export function invalidBody(message: string): ApiError {
	return new ApiError(400, 'PGRST102', message);
}

export function columnNotFound(relation: string, column: string): ApiError {
	return new ApiError(400, 'PGRST204', `Could not find the '${column}' column of '${relation}' in the schema cache`);
}

/** What Postgres itself answers for an unknown column (PostgREST lets the query fail the same way). */
export function undefinedColumn(relation: string, column: string): ApiError {
	return new ApiError(400, '42703', `column ${relation}.${column} does not exist`);
}

/**
 * A PostgREST feature hosted Supabase (PostgREST 12/13) supports but this stand-in does not implement yet:
 * PostgREST's own PGRST127 "Feature not implemented", but HTTP 501 (PostgREST answers PGRST127 with 400)
 * so that it is never mistaken for a refusal hosted would give too; the details name the feature.
 */
export function notSupportedLocally(feature: string): ApiError {
	return new ApiError(501, 'PGRST127', 'Feature not implemented', `${feature} is not supported by the local stand-in yet (hosted Supabase supports it)`);
}

/**
 * Aggregate functions (`count()`, `col.sum()`, `.avg()`, `.min()`, `.max()`, `.count()`) with PostgREST's
 * db-aggregates-enabled off, as on hosted Supabase: PostgREST 12's AggregatesNotAllowed (Plan.hs
 * validateAggFunctions), 400 PGRST123.
 */
export function aggregatesNotAllowed(): ApiError {
	return new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
}

export function notEmbedded(resource: string): ApiError {
	return new ApiError(400, 'PGRST108', `'${resource}' is not an embedded resource in this request`, null, `Verify that '${resource}' is included in the 'select' query parameter.`);
}

interface PgErrorLike {
	code?: string;
	message: string;
	detail?: string;
	hint?: string;
}

/** mapSQLtoHTTP: the status for a Postgres error. `authed` is "the role is not the anon role". */
export function statusForSqlState(code: string, message: string, authed: boolean): number {
	if (code.startsWith('08')) return 503;
	if (code.startsWith('09')) return 500;
	if (code.startsWith('0L') || code.startsWith('0P')) return 403;
	if (code === '23503' || code === '23505') return 409;
	if (code === '25006') return 405;
	if (code === '21000') return message.endsWith('requires a WHERE clause') ? 400 : 500;
	if (code === '22023') return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
	if (/^(25|2D|38|39|3B|40)/.test(code)) return 500;
	if (code.startsWith('28')) return 403;
	if (code === '53400') return 500;
	if (code.startsWith('53')) return 503;
	if (code === '57P01') return 503;
	if (/^(54|55|57|58|F0|HV|XX)/.test(code)) return 500;
	if (code === 'P0001') return 400;
	if (code.startsWith('P0')) return 500;
	if (code === '42883') return message.startsWith('function xmlagg(') ? 406 : 404;
	if (code === '42P01') return 404;
	if (code === '42P17') return 500;
	if (code === '42501') return authed ? 403 : 401;
	if (code.startsWith('PT')) {
		const status = Number(code.slice(2));
		return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
	}
	return 400;
}

/** `raise sqlstate 'PGRST' using message = '{"code":...}', detail = '{"status":...,"headers":{}}'`: full control of the response. */
function raisedPgrst(e: PgErrorLike): ApiError {
	try {
		const m = JSON.parse(e.message);
		const d = JSON.parse(e.detail ?? '');
		if (typeof m?.code !== 'string' || typeof m?.message !== 'string' || typeof d?.status !== 'number') throw new Error('shape');
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(d.headers ?? {})) headers[k.toLowerCase()] = String(v);
		return new ApiError(d.status, m.code, m.message, m.details ?? null, m.hint ?? null, headers);
	} catch {
		return new ApiError(500, 'PGRST121', 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error', 'DETAIL must be a JSON object with obligatory keys: \'status\', \'headers\' and optional key: \'status_text\'.');
	}
}

export function fromPgError(e: PgErrorLike, authed: boolean): ApiError {
	const code = e.code ?? 'XX000';
	if (code === 'PGRST') return raisedPgrst(e);
	const status = statusForSqlState(code, e.message, authed);
	const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
	return new ApiError(status, code, e.message, e.detail ?? null, e.hint ?? null, headers);
}

export function errorResponse(e: ApiError): Response {
	return json({ code: e.code, details: e.details, hint: e.hint, message: e.message }, e.status, {
		'proxy-status': `PostgREST; error=${e.code}`,
		...e.headers,
	});
}

/** Closest candidate by edit distance, as PostgREST's fuzzy "Perhaps you meant ..." hints. */
export function closest(target: string, candidates: Iterable<string>, minScore = 0.75): string | undefined {
	let best: string | undefined;
	let bestScore = minScore;
	for (const c of candidates) {
		const score = 1 - distance(target, c) / Math.max(target.length, c.length, 1);
		if (score >= bestScore && c !== target) {
			best = c;
			bestScore = score;
		}
	}
	return best;
}

function distance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		let prev = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const tmp = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
			prev = tmp;
		}
	}
	return row[b.length];
}
