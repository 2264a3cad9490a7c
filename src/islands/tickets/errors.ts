// Backend errors in the reader's words: the shared rule and catalogue (../shared/backend.ts), with the
// ticket pages' own labels for the codes below.
import { failureText, ownLabels, pageLang, type Failure } from '../shared/backend.ts';
import { attachmentCodes } from '../shared/attachments.ts';
import type { Lang } from '#shared/error-catalogue.ts';
import type { TicketsLabels } from './labels.ts';

const CODES: Record<string, keyof TicketsLabels> = {
	ticket_not_found: 'notFound',
	ticket_closed: 'errTicketClosed',
	not_resolved: 'errNotResolved',
	customer_only: 'errCustomerOnly',
	...attachmentCodes('errAttachment'),
};

export function errorText(failure: Failure, labels: TicketsLabels, lang: Lang = pageLang()): string {
	return failureText(failure, labels, ownLabels(CODES, labels), lang);
}
