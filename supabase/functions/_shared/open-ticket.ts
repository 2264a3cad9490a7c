// Opening a ticket, for every channel: the `tickets` function (the web form, channel 'web') and the
// `inbound-email` function (a mail to the support address, channel 'email'). The steps are the ones the
// SLA depends on, so they must not drift apart between channels: load the organisation and its
// programme, check what the database cannot name a field for (the severity is one of the plan's, each
// file lies in the organisation's folder), compute the due times with the shared SLA engine from the
// very instant the ticket opens, and call the service-role-only create_ticket RPC (which re-checks who
// may open it, the quota, the attachments, and returns the first ticket for a repeated idempotency key).
// The client is the caller's service-role client; what a refusal means for the caller stays with it.
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2';
import type { Database } from './database.types.ts';
import type { Programme } from './programme.ts';
import { programmeFromDocument } from './programme-document.ts';
import { evaluateSla } from './sla.ts';
import { slaRulesOf } from './sla-programme.ts';
import { insideOrganisationFolder, type FieldIssue, type TicketInput } from './ticket-input.ts';

type Db = SupabaseClient<Database>;
type TicketRow = Database['public']['Tables']['tickets']['Row'];

export interface TicketOrganisation {
	id: string;
	programme_id: string;
	plan_id: string;
	timezone: string;
}

/** The organisation a ticket is opened for, or null when there is none with that id. */
export async function loadOrganisation(db: Db, id: string): Promise<TicketOrganisation | null> {
	const { data, error } = await db.from('organisations').select('id, programme_id, plan_id, timezone').eq('id', id).single();
	return error ? null : data;
}

export async function loadProgramme(db: Db, id: string): Promise<Programme> {
	const { data, error } = await db.from('programmes').select('document').eq('id', id).single();
	if (error) throw new Error(`programme ${id}: ${error.message}`);
	return programmeFromDocument(id, data.document);
}

type Required = 'severity' | 'subject' | 'description' | 'environment' | 'idempotency_key';
/** What the ticket says, as the form's schema has it (without the organisation, chosen by the caller);
 * a mail says only the required part. */
export type TicketFields = Pick<TicketInput, Required> & Partial<Omit<TicketInput, Required | 'organisation_id' | 'attachments'>>;

export interface OpenTicket {
	organisation: TicketOrganisation;
	programme: Programme;
	requesterId: string;
	channel: 'web' | 'email';
	fields: TicketFields;
	attachments: { storage_path: string; file_name: string }[];
}

/** The faults the function names before the database is asked: an unknown severity, a file outside the folder. */
export function ticketIssues(t: Pick<OpenTicket, 'organisation' | 'programme' | 'attachments'> & { severity: string }): FieldIssue[] {
	const issues: FieldIssue[] = [];
	if (!slaRulesOf(t.programme).targets(t.organisation.plan_id, t.severity)) issues.push({ field: 'severity', code: 'invalid_severity' });
	t.attachments.forEach((a, i) => {
		if (!insideOrganisationFolder(a.storage_path, t.organisation.id)) issues.push({ field: `attachments.${i}.storage_path`, code: 'attachment_outside_folder' });
	});
	return issues;
}

export type Opened =
	/** created: false when the idempotency key had already opened this ticket (a retry). */
	| { ticket: TicketRow; created: boolean; error?: undefined }
	/** create_ticket's refusal, as supabase-js reports it; the caller decides what it means. */
	| { ticket?: undefined; created?: undefined; error: { code?: string; message: string; details?: string | null; hint?: string | null } };

/** Computes the due times from now and opens the ticket through create_ticket. */
export async function openTicket(db: Db, t: OpenTicket): Promise<Opened> {
	const rules = slaRulesOf(t.programme);
	// The ticket opens now: the due times count from this instant, and the database records it as the
	// ticket's creation time.
	const openedAt = new Date();
	const sla = evaluateSla({
		...rules,
		now: openedAt,
		events: [{ kind: 'created', at: openedAt, actor_kind: 'customer', data: { status: 'new', severity: t.fields.severity, plan: t.organisation.plan_id, level: 1 } }],
	});
	const iso = (d: Date | null) => d?.toISOString() ?? null;
	const { data: ticket, error } = await db.rpc('create_ticket', {
		ticket: {
			...t.fields,
			organisation_id: t.organisation.id,
			requester_id: t.requesterId,
			channel: t.channel,
			opened_at: openedAt.toISOString(),
			first_response_due_at: iso(sla.firstResponse.due),
			next_update_due_at: iso(sla.nextUpdate.due),
			next_escalation_due_at: iso(sla.nextEscalation.due),
			resolution_due_at: iso(sla.resolution.due),
			attachments: t.attachments,
		},
	});
	if (error) return { error };
	// A retry gets the first ticket back, created at the first attempt's instant.
	return { ticket, created: new Date(ticket.created_at).getTime() === openedAt.getTime() };
}

/** The ticket a requester's idempotency key opened, when two attempts raced and the other one won. */
export async function ticketByIdempotencyKey(db: Db, requesterId: string, key: string): Promise<TicketRow | null> {
	const { data } = await db.from('tickets').select('*').eq('requester_id', requesterId).eq('idempotency_key', key).maybeSingle();
	return data;
}
