// Backend errors in the agent's words: the shared rule and catalogue (../shared/backend.ts), with the
// console's own labels for the codes below.
import { failureText, ownLabels, pageLang, type Failure } from '../shared/backend.ts';
import { attachmentCodes } from '../shared/attachments.ts';
import type { Lang } from '#shared/error-catalogue.ts';
import type { AgentLabels } from './labels.ts';

const CODES: Record<string, keyof AgentLabels> = {
	staff_only: 'errStaffOnly',
	ticket_not_found: 'errTicketNotFound',
	ticket_closed: 'errTicketClosed',
	ticket_taken: 'errTicketTaken',
	assignee_not_staff: 'errAssignee',
	invalid_severity: 'errFailed',
	not_reopenable: 'errNotReopenable',
	problem_not_found: 'errProblemNotFound',
	invalid_title: 'errProblemTitle',
	invalid_status_transition: 'errTransition',
	...attachmentCodes('errAttachment'),
};

export function errorText(failure: Failure, labels: AgentLabels, lang: Lang = pageLang()): string {
	return failureText(failure, { unavailable: labels.unavailable, failed: labels.errFailed }, ownLabels(CODES, labels), lang);
}
