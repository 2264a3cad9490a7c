// Sends the draft to the `tickets` edge function (supabase/functions/tickets) and turns its answer into
// what the form shows. The body is validated first with the function's own schema, so most mistakes
// are shown next to their field without a round trip. Anything that may not have reached the function
// (no network, a dropped connection, a 5xx) is `retry`: the draft stays, and the next attempt goes
// with the same idempotency key, so if the first one did open the ticket, the retry returns that ticket.
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fieldIssues, ticketInput, type FieldIssue } from '#shared/ticket-input.ts';
import type { Contact, TicketFields, UploadedAttachment } from './types.ts';

export type SubmitOutcome =
	| { kind: 'created'; id: string; number: number; dueText: string | null; fresh: boolean }
	| { kind: 'invalid'; issues: FieldIssue[] }
	| { kind: 'not_authorized_contact'; contacts: Contact[] }
	| { kind: 'quota_exceeded'; renewsOn: string | null }
	/** The plan was included for a period (e.g. months after go-live) that ended on `endedOn`. */
	| { kind: 'plan_period_ended'; endedOn: string | null }
	/** contract_inactive, not_a_member, organisation_required, tickets_not_offered, not_signed_in, … */
	| { kind: 'refused'; code: string }
	| { kind: 'retry' };

export interface Submission {
	fields: TicketFields;
	attachments: UploadedAttachment[];
	idempotencyKey: string;
	sourceArticle?: string;
}

export function ticketBody(s: Submission): Record<string, unknown> {
	const f = s.fields;
	const optional = (v: string) => (v.trim() ? v : undefined);
	return {
		organisation_id: f.organisation_id || undefined,
		severity: f.severity,
		subject: f.subject,
		description: f.description,
		impact: optional(f.impact),
		environment: f.environment,
		product_id: optional(f.product_id),
		version: f.product_id ? optional(f.version) : undefined,
		steps: optional(f.steps),
		affected_user: optional(f.affected_user),
		source_article: s.sourceArticle,
		idempotency_key: s.idempotencyKey,
		attachments: s.attachments,
	};
}

/** The issues the function would answer with, found before sending; empty when the draft is valid. */
export function localIssues(s: Submission): FieldIssue[] {
	const parsed = ticketInput.safeParse(ticketBody(s));
	return parsed.success ? [] : fieldIssues(parsed.error);
}

/** supabase-js's function errors, told apart by name: importing their classes would load supabase-js. */
interface FunctionsError {
	name: string;
	context?: unknown;
}

async function answerOf(error: FunctionsError): Promise<{ status: number; body: Record<string, any> } | null> {
	if (error.name !== 'FunctionsHttpError' || !(error.context instanceof Response)) return null;
	const status = error.context.status;
	try {
		return { status, body: await error.context.json() };
	} catch {
		return { status, body: {} };
	}
}

export async function submitTicket(client: SupabaseClient, s: Submission): Promise<SubmitOutcome> {
	const issues = localIssues(s);
	if (issues.length) return { kind: 'invalid', issues };
	let result: { data: any; error: any };
	try {
		result = await client.functions.invoke('tickets', { body: ticketBody(s) });
	} catch {
		return { kind: 'retry' };
	}
	if (!result.error) {
		const { ticket, due, created } = result.data ?? {};
		if (!ticket?.number || !ticket.id) return { kind: 'retry' };
		return { kind: 'created', id: String(ticket.id), number: Number(ticket.number), dueText: due?.first_response_text ?? null, fresh: created !== false };
	}
	const answer = await answerOf(result.error);
	if (!answer || answer.status >= 500) return { kind: 'retry' };
	const { code } = answer.body;
	// Field faults: 400 invalid_input, or a 409 about one field (a file already attached to a ticket).
	if (Array.isArray(answer.body.issues) && answer.body.issues.length) return { kind: 'invalid', issues: answer.body.issues };
	if (code === 'not_authorized_contact') return { kind: 'not_authorized_contact', contacts: Array.isArray(answer.body.contacts) ? answer.body.contacts : [] };
	if (code === 'quota_exceeded') return { kind: 'quota_exceeded', renewsOn: typeof answer.body.renews_on === 'string' ? answer.body.renews_on : null };
	if (code === 'plan_period_ended') return { kind: 'plan_period_ended', endedOn: typeof answer.body.ended_on === 'string' ? answer.body.ended_on : null };
	return { kind: 'refused', code: typeof code === 'string' ? code : `http_${answer.status}` };
}
