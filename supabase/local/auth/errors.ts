// Follows GoTrue v2.189 (supabase/auth internal/api/errors.go, apierrors): one error type carrying the
// HTTP status and the stable error_code, answered in the 2024-01-01 shape {code, message} when the
// request names that API version (supabase-js always does) and in the legacy shape
// {code: <status>, error_code, msg} otherwise; both set x-sb-error-code.
import { json } from '../http.ts';

export const API_VERSION = '2024-01-01';

export class AuthError extends Error {
	readonly status: number;
	readonly code: string;
	/** Extra top-level keys of the body, e.g. weak_password: {reasons}. */
	readonly extra: Record<string, unknown>;
	/** `cause` is what went wrong underneath: logged, never sent. */
	constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}, cause?: unknown) {
		super(message, { cause });
		this.status = status;
		this.code = code;
		this.extra = extra;
	}
}

/** True when the caller asked for the dated API (only 2024-01-01 exists). */
export function wantsDatedApi(req: Request): boolean {
	const v = req.headers.get('x-supabase-api-version')?.trim();
	return !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= API_VERSION;
}

/** Headers every auth response carries: the API version echoed back when the caller sent one. */
export function versionHeaders(req: Request): Record<string, string> {
	return wantsDatedApi(req) ? { 'x-supabase-api-version': API_VERSION } : {};
}

export function errorResponse(req: Request, e: AuthError): Response {
	const headers = { ...versionHeaders(req), 'x-sb-error-code': e.code };
	const body = wantsDatedApi(req) ? { code: e.code, message: e.message, ...e.extra } : { code: e.status, error_code: e.code, msg: e.message, ...e.extra };
	return json(body, e.status, headers);
}

export const badRequest = (code: string, message: string) => new AuthError(400, code, message);
export const unprocessable = (code: string, message: string) => new AuthError(422, code, message);
export const forbidden = (code: string, message: string) => new AuthError(403, code, message);
export const notFound = (code: string, message: string) => new AuthError(404, code, message);
