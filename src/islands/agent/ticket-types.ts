// The rows the agent console reads: public.agent_queue (supabase/migrations/20261121001300_agent.sql),
// one per ticket with its names and counts; the workspace reads the same columns from it.

import type { TicketStatus } from '../shared/ticket-status.tsx';
import type { TicketCore } from '../shared/ticket/types.ts';
export { TICKET_STATUSES, type TicketStatus } from '../shared/ticket-status.tsx';

// One literal (not a joined list) so supabase-js parses the select and types the rows it answers
// (it drops the whitespace).
export const QUEUE_COLUMNS = `
	id, number, subject, status, severity_key, programme_id, plan_id, level, channel, environment, product_id,
	version, organisation_id, organisation_name, organisation_timezone, requester_id, requester_name,
	requester_email, assignee_id, assignee_name, problem_id, created_at, updated_at, first_response_at,
	first_response_due_at, next_update_due_at, next_escalation_due_at, resolution_due_at,
	first_response_breached_at, update_breached_at, escalation_breached_at, resolution_breached_at, paused_since,
	resolved_at, closed_at, sla_dirty, last_customer_message_at, next_due_at, public_messages, internal_notes,
	last_message_at
`;

export interface QueueTicket extends TicketCore {
	plan_id: string;
	level: number;
	channel: string;
	environment: 'production' | 'test';
	product_id: string | null;
	version: string | null;
	organisation_id: string;
	organisation_name: string;
	organisation_timezone: string;
	requester_id: string;
	requester_name: string | null;
	requester_email: string | null;
	assignee_id: string | null;
	assignee_name: string | null;
	problem_id: string | null;
	created_at: string;
	updated_at: string;
	first_response_at: string | null;
	first_response_due_at: string | null;
	next_update_due_at: string | null;
	next_escalation_due_at: string | null;
	resolution_due_at: string | null;
	first_response_breached_at: string | null;
	update_breached_at: string | null;
	escalation_breached_at: string | null;
	resolution_breached_at: string | null;
	paused_since: string | null;
	resolved_at: string | null;
	closed_at: string | null;
	sla_dirty: boolean;
	last_customer_message_at: string | null;
	next_due_at: string | null;
	public_messages: number;
	internal_notes: number;
	last_message_at: string | null;
}
