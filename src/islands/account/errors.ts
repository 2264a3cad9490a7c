// What the account widget tells a person when auth or the database says no. Auth errors carry GoTrue's
// `code` (invalid_credentials, otp_expired, …) and an HTTP status (0 when the request never got an
// answer); RPC errors carry our stable code as their message (see supabase/migrations, "RPCs").
import { errorCodeOf, errorMessage, langOf, type Lang } from '../../../supabase/functions/_shared/error-catalogue.ts';
import type { AccountLabelKey, AccountLabels } from './labels.ts';

interface AuthLikeError {
	code?: string;
	status?: number;
	message?: string;
}

/** Whether the backend could not be reached or could not answer (offline, refused, CORS, 5xx), as opposed to a refusal. */
export function isUnreachable(error: AuthLikeError | null | undefined): boolean {
	if (!error) return false;
	if (error.status === 0) return true;
	if (typeof error.status === 'number' && error.status >= 500) return true;
	return /failed to fetch|networkerror|load failed|fetch failed|fetcherror|aborterror/i.test(error.message ?? '');
}

const AUTH_CODES: Record<string, AccountLabelKey> = {
	invalid_credentials: 'wrongPassword',
	email_not_confirmed: 'emailNotConfirmed',
	user_banned: 'banned',
	otp_expired: 'codeRejected',
	over_email_send_rate_limit: 'rateLimited',
	over_request_rate_limit: 'rateLimited',
};

/** The page's language, from <html lang> (Starlight sets it); Spanish outside a browser. */
const pageLang = (): Lang => langOf(globalThis.document?.documentElement.lang);

export function authMessage(error: AuthLikeError, labels: AccountLabels, lang: Lang = pageLang()): string {
	const known = error.code ? AUTH_CODES[error.code] : undefined;
	if (known) return labels[known];
	if (error.status === 429) return labels.rateLimited;
	if (isUnreachable(error) || error.status === undefined) return labels.unavailable;
	// A code without a label of its own still reads as the catalogue says it.
	const catalogued = errorCodeOf({ code: error.code });
	return catalogued ? errorMessage(catalogued, lang) : labels.failed;
}

const RPC_CODES: Record<string, AccountLabelKey> = {
	invitation_not_found: 'invitationNotFound',
	invitation_expired: 'invitationExpired',
	invitation_revoked: 'invitationRevoked',
	invitation_used_up: 'invitationUsedUp',
	authorized_contacts_limit: 'contactsLimit',
	not_signed_in: 'sessionExpired',
	PGRST301: 'sessionExpired',
	PGRST303: 'sessionExpired',
};

/** A PostgREST error ({message, code}) in words. */
export function rpcMessage(error: { message?: string; code?: string }, labels: AccountLabels, status?: number, lang: Lang = pageLang()): string {
	const known = RPC_CODES[error.message ?? ''] ?? RPC_CODES[error.code ?? ''];
	if (known) return labels[known];
	if (isUnreachable({ message: error.message, status })) return labels.unavailable;
	// A code without a label of its own still reads as the catalogue says it.
	const catalogued = errorCodeOf(error);
	return catalogued ? errorMessage(catalogued, lang) : labels.failed;
}
