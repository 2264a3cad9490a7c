// Follows PostgREST v14's success responses (src/PostgREST/Response.hs, RangeQuery.hs): status,
// Content-Range (`first-last/total`, `*` for an empty page or an unknown total), Preference-Applied.
import { ApiError } from './errors.ts';

export function contentRange(lower: number, upper: number, total: number | null): string {
	const range = total !== 0 && lower <= upper ? `${lower}-${upper}` : '*';
	return `${range}/${total ?? '*'}`;
}

/** 200, 206 for a partial page of a counted read, 416 for an offset past the end. */
export function rangeStatus(lower: number, upper: number, total: number | null): number {
	if (total === null) return 200;
	if (lower > total) {
		throw new ApiError(416, 'PGRST103', 'Requested range not satisfiable', `An offset of ${lower} was requested, but there are only ${total} rows.`, null, {
			'content-range': `*/${total}`,
		});
	}
	return 1 + upper - lower < total ? 206 : 200;
}

export function appliedHeader(applied: string[]): Record<string, string> {
	return applied.length ? { 'preference-applied': applied.join(', ') } : {};
}
