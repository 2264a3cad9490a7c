// Follows PostgREST v14's request preferences and media types (docs/references/api/preferences.rst,
// resource_representation.rst, schemas.rst): the Prefer header (RFC 7240), Accept negotiation, and
// the Accept-Profile / Content-Profile schema switch.
import { ApiError } from './errors.ts';

export interface Preferences {
	return?: 'minimal' | 'representation' | 'headers-only';
	count?: 'exact' | 'planned' | 'estimated';
	resolution?: 'merge-duplicates' | 'ignore-duplicates';
	missing?: 'default' | 'null';
	handling?: 'strict' | 'lenient';
	timezone?: string;
	maxAffected?: number;
	/**
	 * tx=commit|rollback. Supabase runs PostgREST with db-tx-end = commit-allow-override: its client
	 * documents `.rollback()` (this header) as a dry run that saves nothing, so the preference is honoured.
	 */
	tx?: 'commit' | 'rollback';
	/** Honoured preferences, echoed in Preference-Applied. */
	applied: string[];
}

const KNOWN: Record<string, string[]> = {
	return: ['minimal', 'representation', 'headers-only'],
	count: ['exact', 'planned', 'estimated'],
	resolution: ['merge-duplicates', 'ignore-duplicates'],
	missing: ['default', 'null'],
	handling: ['strict', 'lenient'],
	tx: ['commit', 'rollback'],
};

export function parsePrefer(req: Request): Preferences {
	const prefs: Preferences = { applied: [] };
	const invalid: string[] = [];
	const raw = (req.headers.get('prefer') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
	for (const item of raw) {
		const [k, v = ''] = item.split('=').map((s) => s.trim());
		if (k === 'timezone' && /^[A-Za-z0-9_+\-/]+$/.test(v)) prefs.timezone = v;
		else if (k === 'max-affected' && /^\d+$/.test(v)) prefs.maxAffected = Number(v);
		else if (KNOWN[k]?.includes(v)) (prefs as any)[k] = v;
		else invalid.push(item);
	}
	if (prefs.handling === 'strict' && invalid.length) {
		throw new ApiError(400, 'PGRST122', 'Invalid preferences given with handling=strict', `Invalid preferences: ${invalid.join(', ')}`);
	}
	return prefs;
}

export interface MediaType {
	/** One JSON object instead of an array. */
	single: boolean;
	stripNulls: boolean;
	contentType: string;
}

const ARRAY: MediaType = { single: false, stripNulls: false, contentType: 'application/json; charset=utf-8' };

/** The first acceptable media type of the Accept header; 406 PGRST107 when none is. */
export function negotiate(req: Request): MediaType {
	const accept = req.headers.get('accept');
	if (!accept) return ARRAY;
	const offered = accept.split(',').map((s) => s.trim()).filter(Boolean);
	const ranked = offered
		.map((m, i) => {
			const [type, ...params] = m.split(';').map((s) => s.trim());
			const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
			return { type: type.toLowerCase(), params, q: Number.isNaN(q) ? 1 : q, i };
		})
		.filter((m) => m.q > 0)
		.sort((a, b) => b.q - a.q || a.i - b.i);
	for (const m of ranked) {
		const stripNulls = m.params.some((p) => p.replaceAll(' ', '') === 'nulls=stripped');
		if (m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*') return ARRAY;
		if (m.type === 'application/vnd.pgrst.object+json' || m.type === 'application/vnd.pgrst.object') {
			return { single: true, stripNulls, contentType: `application/vnd.pgrst.object+json${stripNulls ? '; nulls=stripped' : ''}; charset=utf-8` };
		}
		if (m.type === 'application/vnd.pgrst.array+json') {
			return { single: false, stripNulls, contentType: `application/vnd.pgrst.array+json${stripNulls ? '; nulls=stripped' : ''}; charset=utf-8` };
		}
	}
	throw new ApiError(406, 'PGRST107', `None of these media types are available: ${offered.map((m) => m.split(';')[0].trim()).join(', ')}`);
}

/** The schema a request addresses: Accept-Profile for GET/HEAD, Content-Profile otherwise. */
export function profileSchema(req: Request, schemas: string[]): string {
	const header = req.method === 'GET' || req.method === 'HEAD' ? 'accept-profile' : 'content-profile';
	const asked = req.headers.get(header);
	if (asked === null) return schemas[0];
	if (!schemas.includes(asked)) throw new ApiError(406, 'PGRST106', `Invalid schema: ${asked}`, null, `Only the following schemas are exposed: ${schemas.join(', ')}`);
	return asked;
}
