// Who each notification template is written for — the one list that decides what a mail about a ticket
// may carry and how auto-responders are asked to treat it:
//   customer  the requester, the organisation's members, followers: threaded AND answerable (Reply-To is
//             the ticket's reply address, and an answer becomes a reply on the ticket);
//   staff     agents, leads, the assignee: threaded, but with no Reply-To — the inbound function only
//             takes answers from the ticket's organisation, so a reply address would swallow a staff
//             member's answer without a word; their reply goes to the From, a no-reply address;
//   sender    the automatic answers to a received mail (email_*): Auto-Submitted: auto-replied.
// Typed by every template name, so a new template does not type-check until it is placed here; a unit
// test (tests/unit/mail-threading.test.ts) checks that the staff entries are exactly the templates
// rendered with the staff footer (templates.ts), so the two cannot drift.
import type { TemplateName } from '../_shared/email/templates.ts';

export type Audience = 'customer' | 'staff' | 'sender';

export const TEMPLATE_AUDIENCE = {
	ticket_received: 'customer',
	ticket_new_for_agents: 'staff',
	ticket_reply: 'customer',
	customer_update_due: 'staff',
	ticket_escalated: 'staff',
	auto_close_reminder: 'customer',
	ticket_auto_closed: 'customer',
	customer_replied: 'staff',
	customer_confirmed: 'staff',
	customer_reopened: 'staff',
	info_requested: 'customer',
	solution_proposed: 'customer',
	ticket_closed: 'customer',
	email_not_authorized: 'sender',
	email_unknown_sender: 'sender',
	email_refused: 'sender',
	email_unverified: 'sender',
	problem_resolved: 'customer',
	weekly_digest: 'customer',
	monthly_report: 'customer',
	alert_published: 'customer',
	// Not about a ticket: no reply address either way; its own footer (the person may not be staff yet).
	staff_invited: 'customer',
} as const satisfies Record<TemplateName, Audience>;

/** The template's audience; undefined for a name that is not a template (the drain dead-letters it). */
export function audienceOf(template: string): Audience | undefined {
	return Object.hasOwn(TEMPLATE_AUDIENCE, template) ? TEMPLATE_AUDIENCE[template as TemplateName] : undefined;
}

/** Whether a mail of this template about a ticket carries the ticket's reply address. */
export const isAnswerable = (template: string): boolean => audienceOf(template) === 'customer';

/** RFC 3834's Auto-Submitted value for a mail of this template. */
export const autoSubmittedOf = (template: string): 'auto-replied' | 'auto-generated' => (audienceOf(template) === 'sender' ? 'auto-replied' : 'auto-generated');
