// RPC and request errors in the reader's words. The database raises a stable code as the message
// (supabase/migrations); a request that never reached the backend has no code and no HTTP status.
import { errorCodeOf, errorMessage, langOf, type Lang } from '../../../supabase/functions/_shared/error-catalogue.ts';
import type { TicketsLabels } from './labels.ts';

export interface BackendError {
	message?: string;
	code?: string;
	status?: number;
}

export function isUnreachable(error: BackendError, status?: number): boolean {
	return status === 0 || (!error.code && /fetch|network|load failed/i.test(error.message ?? ''));
}

/** The page's language, from <html lang> (Starlight sets it); Spanish outside a browser. */
const pageLang = (): Lang => langOf(globalThis.document?.documentElement.lang);

export function errorText(error: BackendError, labels: TicketsLabels, status?: number, lang: Lang = pageLang()): string {
	if (isUnreachable(error, status)) return labels.unavailable;
	switch (error.message) {
		case 'ticket_not_found':
			return labels.notFound;
		case 'ticket_closed':
			return labels.errTicketClosed;
		case 'not_resolved':
			return labels.errNotResolved;
		case 'customer_only':
			return labels.errCustomerOnly;
		case 'attachment_outside_folder':
		case 'attachment_not_uploaded':
		case 'attachment_already_attached':
		case 'attachment_type_not_allowed':
		case 'attachment_too_large':
		case 'too_many_attachments':
		case 'invalid_file_name':
			return labels.errAttachment;
		default: {
			// A code this island has no words of its own for still reads as the catalogue says it.
			const known = errorCodeOf(error);
			return known ? errorMessage(known, lang) : labels.failed;
		}
	}
}
