// Request-body checks with GoTrue's messages (internal/api/helpers.go, mail.go validateEmail,
// password.go checkPasswordStrength).
import { BodyTooLarge, readTextCapped } from '../http.ts';
import { AuthError, badRequest, unprocessable } from './errors.ts';

// GoTrue's address pattern (internal/api/mail.go, checkmail-style).
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** The address trimmed and lower-cased, as GoTrue stores and hashes it. */
export function validateEmail(raw: unknown): string {
	const email = typeof raw === 'string' ? raw.trim() : '';
	if (!email) throw unprocessable('validation_failed', 'An email address is required');
	if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
	if (!EMAIL.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
	return email.toLowerCase();
}

export function checkPasswordStrength(password: string, minimum: number): void {
	if (password.length < minimum) {
		throw new AuthError(422, 'weak_password', `Password should be at least ${minimum} characters.`, { weak_password: { reasons: ['length'] } });
	}
}

/** The JSON object body, or GoTrue's 400 bad_json. An empty body reads as {}. */
export async function readBody(req: Request): Promise<Record<string, any>> {
	let text: string;
	try {
		text = await readTextCapped(req, 1024 * 1024);
	} catch (e) {
		if (e instanceof BodyTooLarge) throw new AuthError(413, 'validation_failed', e.message);
		throw e;
	}
	if (!text.trim()) return {};
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch (e) {
		throw badRequest('bad_json', `Could not parse request body as JSON: ${(e as Error).message}`);
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('bad_json', 'Could not parse request body as JSON: expected an object');
	return body as Record<string, any>;
}

/** A metadata object from the body: undefined when absent, else it must be an object. */
export function metadata(value: unknown, name: string): Record<string, unknown> | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('validation_failed', `${name} must be an object`);
	return value as Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);
