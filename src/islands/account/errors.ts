// What the account widget tells a person when auth or the database says no: the shared rule and
// catalogue (../shared/backend.ts), with this widget's own words for the codes below. Auth errors carry
// GoTrue's `code` (invalid_credentials, otp_expired, …) and an HTTP status; RPC errors carry our
// stable code as their message (see supabase/migrations, "RPCs").
import { failureOf, failureText, isUnavailable, ownLabels, pageLang, type BackendError } from '../shared/backend.ts';
import type { Lang } from '#shared/error-catalogue.ts';
import type { AccountLabelKey, AccountLabels } from './labels.ts';

/** Whether the backend could not be reached or could not answer (offline, refused, CORS, 5xx), as opposed to a refusal. */
export const isUnreachable = (error: BackendError | null | undefined): boolean => isUnavailable(error);

const AUTH_CODES: Record<string, AccountLabelKey> = {
	invalid_credentials: 'wrongPassword',
	email_not_confirmed: 'emailNotConfirmed',
	user_banned: 'banned',
	otp_expired: 'codeRejected',
	over_email_send_rate_limit: 'rateLimited',
	over_request_rate_limit: 'rateLimited',
};

export function authMessage(error: BackendError, labels: AccountLabels, lang: Lang = pageLang()): string {
	// Any 429 from Auth is its rate limit, whatever the code.
	if (error.status === 429 && !(error.code && AUTH_CODES[error.code])) return labels.rateLimited;
	return failureText(failureOf(error), labels, ownLabels(AUTH_CODES, labels), lang);
}

const RPC_CODES: Record<string, AccountLabelKey> = {
	invitation_not_found: 'invitationNotFound',
	invitation_expired: 'invitationExpired',
	invitation_revoked: 'invitationRevoked',
	invitation_used_up: 'invitationUsedUp',
	authorized_contacts_limit: 'contactsLimit',
	not_signed_in: 'sessionExpired',
	session_expired: 'sessionExpired',
};

/** A PostgREST error ({message, code}) in words. */
export function rpcMessage(error: BackendError, labels: AccountLabels, status?: number, lang: Lang = pageLang()): string {
	return failureText(failureOf(error, status), labels, ownLabels(RPC_CODES, labels), lang);
}
