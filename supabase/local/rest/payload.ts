// Follows PostgREST v14's payload handling (src/PostgREST/ApiRequest/Payload.hs): the body is kept as
// the client sent it (Postgres reads it with json_to_recordset, so numbers keep their precision);
// it is parsed here only to learn its keys: one object or an array of objects with the same keys,
// or the columns named by `columns=`. Form bodies become one JSON object.
import { BodyTooLarge, readTextCapped } from '../http.ts';
import { ApiError, invalidBody } from './errors.ts';

/** Bodies above this are refused (413) rather than read into memory. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface Payload {
	/** JSON text handed to Postgres. */
	text: string;
	/** The keys (columns) the body sets. */
	keys: string[];
	isArray: boolean;
}

export async function readBodyText(req: Request): Promise<string> {
	let text: string;
	try {
		text = await readTextCapped(req, MAX_BODY_BYTES);
	} catch (e) {
		if (e instanceof BodyTooLarge) throw new ApiError(413, 'PGRST413', e.message);
		throw e;
	}
	const type = (req.headers.get('content-type') ?? '').toLowerCase();
	if (type.startsWith('application/x-www-form-urlencoded')) return JSON.stringify(Object.fromEntries(new URLSearchParams(text)));
	return text;
}

export function parseJson(text: string): unknown {
	if (text.trim() === '') throw invalidBody('Empty or invalid json');
	try {
		return JSON.parse(text);
	} catch {
		throw invalidBody('Empty or invalid json');
	}
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A table write's body. `columns` (from `columns=`) wins over the keys of the body. */
export function tablePayload(text: string, columns: string[] | undefined, allowArray: boolean): Payload {
	const value = parseJson(text);
	if (Array.isArray(value)) {
		if (!allowArray) throw invalidBody('Empty or invalid json');
		if (!value.every(isObject)) throw invalidBody('All object keys must match');
		if (columns) return { text, keys: columns, isArray: true };
		const first = value.length ? Object.keys(value[0]) : [];
		const same = value.every((o) => {
			const k = Object.keys(o);
			return k.length === first.length && k.every((x) => first.includes(x));
		});
		if (!same) throw invalidBody('All object keys must match');
		return { text, keys: first, isArray: true };
	}
	// Any other JSON value (a number, a string, true, null) PostgREST truncates to an empty array
	// (payloadAttributes), unless `columns=` names the columns: then the body goes to Postgres as sent.
	if (!isObject(value)) {
		if (!allowArray) throw invalidBody('Empty or invalid json');
		return columns ? { text, keys: columns, isArray: true } : { text: '[]', keys: [], isArray: true };
	}
	return { text, keys: columns ?? Object.keys(value), isArray: false };
}
