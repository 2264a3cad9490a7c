// What happens to one received message, in order: log it once per Message-ID (a redelivery stops
// here), screen it (drop silently; unverified: logged, and a known person told at their own address;
// or refuse and tell the authenticated sender), route it (a reply to a ticket, a new ticket, or not
// for us), and act. Nothing is opened or posted, and nobody is answered, for a sender that is not
// authenticated: the screen's unverified verdict stops every such mail before routing. The rules that decide are in the database (the email_channel
// migration) and in _shared/inbound; this file only puts them in order and moves the files.
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2';
import type { Database } from '../_shared/database.types.ts';
import { DEFAULT_LIMITS, route, screen, threadIds, visibleReply, type InboundMessage, type RefuseReason, type SupportAddress } from '../_shared/inbound/index.ts';
import { loadOrganisation, loadProgramme, openTicket, ticketByIdempotencyKey } from '../_shared/open-ticket.ts';
import { digest, uploadAttachments, type StoredFile } from './files.ts';

type Db = SupabaseClient<Database>;

export interface Context {
	db: Db;
	support: SupportAddress;
	/** The support address as configured, for the unknown sender's answer. */
	supportAddress: string;
	portalUrl?: string;
	envelopeTo: string[];
	/** Messages a sender may send in an hour before the rest are only logged. */
	perHour: number;
	/** Automatic answers (of every kind, to everyone) in an hour before the rest are only logged. */
	autoRepliesPerHour: number;
	/** Other From addresses our own mail goes out with (MAIL_FROM, SMTP_FROM). */
	ownAddresses: string[];
}

/** What the function answers (always 200: the message was taken, whatever became of it). */
export interface Outcome {
	outcome: string;
	ticket?: string | null;
	reason?: string | null;
	duplicate?: boolean;
}

interface Membership {
	organisation_id: string;
	organisation_name: string;
	role: string;
	may_open: boolean;
	refusal: string | null;
}
interface Sender {
	user_id: string | null;
	memberships: Membership[];
}

const MAX_BODY = 20000;
const clamp = (text: string, max: number) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

async function call<T>(db: Db, fn: string, args: Record<string, unknown>): Promise<T> {
	// The generated types know these functions; a loose call keeps this helper one line for all of them.
	const { data, error } = await (db.rpc as (f: string, a: Record<string, unknown>) => ReturnType<Db['rpc']>)(fn, args);
	if (error) throw new Error(`${fn}: ${error.code ?? ''} ${error.message} ${error.details ?? ''}`);
	return data as T;
}

/** A message without a Message-ID is named by its bytes, so the same bytes delivered twice are one message. */
export async function messageIdOf(m: InboundMessage, raw: Uint8Array): Promise<string> {
	if (m.messageId) return m.messageId.slice(0, 998);
	const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(raw)));
	return `sha256-${Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('')}@inbound.invalid`;
}

export async function processMessage(ctx: Context, m: InboundMessage, messageId: string): Promise<Outcome> {
	const { db, support } = ctx;
	const sender = m.from?.address ?? null;
	const logged = await call<{ outcome: string; ticket_id: string | null; reason: string | null }>(db, 'inbound_email_begin', {
		message_id: messageId,
		sender,
		recipients: [...new Set([...ctx.envelopeTo, ...m.to, ...m.cc])].slice(0, 100),
		subject: m.subject.slice(0, 998),
		per_hour: ctx.perHour,
	});
	if (logged.outcome !== 'received') return { outcome: logged.outcome, ticket: logged.ticket_id, reason: logged.reason, duplicate: logged.outcome !== 'rate_limited' };

	const verdict = screen(m, { support, ownAddresses: ctx.ownAddresses });
	if (verdict.verdict === 'drop') return finish(db, messageId, 'dropped', null, verdict.reason);
	if (verdict.verdict === 'unverified') {
		// Logged for staff; the person the From names (if we know them) hears of it at their own address.
		const reason = `${verdict.reason}: ${verdict.detail}`;
		await call(db, 'inbound_email_unverified', { message_id: messageId, reason, per_hour: ctx.autoRepliesPerHour });
		return { outcome: 'unverified', reason };
	}
	if (verdict.verdict === 'refuse') {
		await call(db, 'inbound_email_refuse', { message_id: messageId, reason: verdict.reason, limit: refusalLimit(verdict.reason), per_hour: ctx.autoRepliesPerHour });
		return { outcome: 'refused', reason: verdict.reason };
	}

	const where = route(m, { support, envelopeTo: ctx.envelopeTo });
	if (where.kind === 'not_for_us') return finish(db, messageId, 'not_for_us', null, null);
	const facts = await call<Sender>(db, 'inbound_sender', { address: sender });
	if (where.kind === 'new') {
		// A reply-all to a mail we already took into a ticket (a colleague answering the customer's
		// original, with the support address in Cc) names that mail, not one of ours: it answers that
		// ticket, under the same membership rule as any answer, instead of opening a second one.
		const ids = threadIds(m).filter((id) => id !== messageId).slice(0, 100);
		const earlier = ids.length ? await call<string | null>(db, 'inbound_thread_ticket', { message_ids: ids }) : null;
		if (earlier) return replyFromMail(ctx, m, messageId, facts, { ticket: earlier });
		return openFromMail(ctx, m, messageId, facts);
	}
	return replyFromMail(ctx, m, messageId, facts, where.kind === 'reply' ? { token: where.token } : { ticket: where.ticketId });
}

/** The limit a refusal names, as people read it ("25 MB", "10"): the screen's own limits. */
function refusalLimit(reason: RefuseReason): string {
	const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
	if (reason === 'too_many_attachments') return String(DEFAULT_LIMITS.maxAttachments);
	return mb(reason === 'too_large' ? DEFAULT_LIMITS.maxBytes : DEFAULT_LIMITS.maxAttachmentBytes);
}

async function finish(db: Db, messageId: string, outcome: string, ticket: string | null, reason: string | null): Promise<Outcome> {
	const row = await call<{ outcome: string; ticket_id: string | null }>(db, 'inbound_email_finish', { message_id: messageId, outcome, ticket, reason });
	return { outcome: row.outcome, ticket: row.ticket_id, reason };
}

/** A mail to the support address: a ticket for who may open one, an answer for who may not. */
async function openFromMail(ctx: Context, m: InboundMessage, messageId: string, facts: Sender): Promise<Outcome> {
	const { db } = ctx;
	if (!facts.user_id) {
		await call(db, 'inbound_email_unknown_sender', { message_id: messageId, support_address: ctx.supportAddress, portal_url: ctx.portalUrl ?? null, per_hour: ctx.autoRepliesPerHour });
		return { outcome: 'unknown_sender' };
	}
	const homes = facts.memberships.filter((x) => x.may_open);
	// A mail names no organisation: a person who may open tickets in several is asked to open it on
	// the portal, where they choose, rather than have it filed under whichever comes first.
	if (homes.length > 1) {
		await call(db, 'inbound_email_refuse', {
			message_id: messageId,
			reason: 'several_organisations',
			organisations: homes.map((x) => x.organisation_name),
			per_hour: ctx.autoRepliesPerHour,
		});
		return { outcome: 'refused', reason: 'several_organisations' };
	}
	const home = homes[0];
	if (!home) {
		const notContact = facts.memberships.find((x) => x.refusal === 'not_authorized_contact');
		if (notContact) {
			await call(db, 'inbound_email_not_authorized', { message_id: messageId, organisation: notContact.organisation_id, per_hour: ctx.autoRepliesPerHour });
			return { outcome: 'not_authorized', reason: 'not_authorized_contact' };
		}
		// No organisation, or one whose contract or quota refuses: logged; there is no mail for these yet.
		return finish(db, messageId, 'not_authorized', null, facts.memberships[0]?.refusal ?? 'not_a_member');
	}
	const description = m.text.trim() || m.subject.trim();
	return openTicketFor(ctx, m, messageId, facts.user_id, home.organisation_id, description, null);
}

async function openTicketFor(ctx: Context, m: InboundMessage, messageId: string, userId: string, organisationId: string, text: string, previous: string | null): Promise<Outcome> {
	const { db } = ctx;
	const org = await loadOrganisation(db, organisationId);
	if (!org) throw new Error(`organisation ${organisationId} vanished`);
	const programme = await loadProgramme(db, org.programme_id);
	const key = `email:${await digest(messageId, 40)}`;
	const files = await uploadAttachments(db, `${org.id}/email-${await digest(messageId, 16)}/`, m.attachments);
	await claim(db, userId, files.stored);
	const subject = m.subject.trim().length >= 3 ? clamp(m.subject.trim(), 200) : '(sin asunto)';
	const opened = await openTicket(db, {
		organisation: org,
		programme,
		requesterId: userId,
		channel: 'email',
		fields: { severity: programme.defaultSeverity ?? '' /* none only where tickets are not offered, which create_ticket refuses first */, subject, description: clamp(text || subject, MAX_BODY), environment: 'production', idempotency_key: key },
		attachments: files.stored,
	});
	let ticket = opened.ticket ?? null;
	if (opened.error) {
		// Two deliveries of one mail raced: the other opened it.
		if (opened.error.code === '23505') ticket = await ticketByIdempotencyKey(db, userId, key);
		// A rule that changed between the facts and the insert (the quota just ran out): logged, not retried.
		else if (/^[a-z_]+$/.test(opened.error.message) && opened.error.code !== 'XX000') {
			return finish(db, messageId, 'not_authorized', null, opened.error.message);
		}
		if (!ticket) throw new Error(`create_ticket: ${opened.error.code} ${opened.error.message}`);
	}
	const reason = files.skipped.length ? `not stored: ${files.skipped.join(', ')}` : null;
	if (previous) {
		await call(db, 'link_follow_up', { message_id: messageId, ticket: ticket!.id, previous });
		return { outcome: 'follow_up_opened', ticket: ticket!.id, reason };
	}
	return finish(db, messageId, 'ticket_opened', ticket!.id, reason);
}

async function claim(db: Db, userId: string, files: StoredFile[]) {
	if (files.length) await call(db, 'claim_inbound_files', { sender: userId, files });
}

/** An answer to one of our mails: a reply on its ticket, or a follow-up when the ticket is closed. */
async function replyFromMail(ctx: Context, m: InboundMessage, messageId: string, facts: Sender, target: { token: string } | { ticket: string }): Promise<Outcome> {
	const { db } = ctx;
	const q = db.from('tickets').select('id, organisation_id, status');
	const { data: ticket, error } = await ('token' in target ? q.eq('reply_token', target.token) : q.eq('id', target.ticket)).maybeSingle();
	if (error) throw new Error(`tickets: ${error.message}`);
	const member = ticket ? facts.memberships.some((x) => x.organisation_id === ticket.organisation_id) : false;
	const words = visibleReply(m.text).trim() || m.text.trim();
	// Files only where the reply can take them; add_email_reply refuses the others and says why.
	let files: StoredFile[] = [];
	if (ticket && member && ticket.status !== 'closed') {
		files = (await uploadAttachments(db, `${ticket.organisation_id}/${ticket.id}/e${await digest(messageId, 12)}-`, m.attachments)).stored;
		await claim(db, facts.user_id!, files);
	}
	const body = clamp(words || (files.length ? files.map((f) => f.file_name).join(', ') : '(sin texto)'), MAX_BODY);
	const result = await call<{ outcome: string; ticket?: string; reason?: string; duplicate?: boolean }>(db, 'add_email_reply', {
		message_id: messageId,
		sender: facts.user_id,
		body,
		token: 'token' in target ? target.token : null,
		ticket: 'ticket' in target ? target.ticket : null,
		attachments: files,
	});
	if (result.outcome !== 'follow_up_needed') return { outcome: result.outcome, ticket: result.ticket ?? null, reason: result.reason ?? null, duplicate: result.duplicate };
	// Closed: the answer opens a new ticket that names the old one, under the same rules as any new one.
	const home = facts.memberships.find((x) => x.organisation_id === ticket!.organisation_id)!;
	if (!home.may_open) {
		if (home.refusal === 'not_authorized_contact') {
			await call(db, 'inbound_email_not_authorized', { message_id: messageId, organisation: home.organisation_id, per_hour: ctx.autoRepliesPerHour });
			return { outcome: 'not_authorized', reason: 'not_authorized_contact' };
		}
		return finish(db, messageId, 'not_authorized', result.ticket ?? null, home.refusal);
	}
	return openTicketFor(ctx, m, messageId, facts.user_id!, home.organisation_id, words || m.subject, result.ticket!);
}
