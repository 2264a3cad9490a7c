// Which ticket a received mail belongs to, in order of certainty:
// 1. a ticket's reply address (soporte+t<token>@…) among the recipients — the envelope, To or Cc. It
//    wins even when the support address is there too: a reply-all that also reaches the support address
//    (directly, or because a CC'd colleague's copy lands there) is one answer to that ticket, never a
//    new ticket (the classic helpdesk failures: osTicket #1426, FreeScout #2086);
// 2. one of our thread roots in In-Reply-To or References — a client that dropped our Reply-To;
// 3. the support address among the recipients: a new ticket (the function still checks whether the
//    mail answers one it already took into a ticket: threadIds);
// 4. none of these: the mail is not for us (a stray Bcc, a misrouted catch-all).
import { addressKind, ticketOfMessageId, type SupportAddress } from '../email/addresses.ts';
import type { InboundMessage } from './types.ts';

export type Route =
	| { kind: 'reply'; token: string }
	| { kind: 'thread'; ticketId: string }
	| { kind: 'new' }
	| { kind: 'not_for_us' };

export interface RouteOptions {
	support: SupportAddress;
	/** RCPT TO of the SMTP transaction (or the provider's recipient field): the only trace of a Bcc. */
	envelopeTo?: string[];
}

/**
 * The ids a mail answers, nearest first: the direct parent (In-Reply-To), then References from the
 * newest back to the oldest. Besides our thread roots (below), the function looks these up among the
 * mails it logged: a colleague's reply-all to the customer's own mail names that mail, not ours.
 */
export function threadIds(m: Pick<InboundMessage, 'inReplyTo' | 'references'>): string[] {
	return [...new Set([...m.inReplyTo, ...[...m.references].reverse()])];
}

const bare = (a: string): string => a.trim().replace(/^<|>$/g, '').trim().toLowerCase();

export function route(m: Pick<InboundMessage, 'to' | 'cc' | 'inReplyTo' | 'references'>, opts: RouteOptions): Route {
	const recipients = [...(opts.envelopeTo ?? []), ...m.to, ...m.cc].map(bare);
	const kinds = recipients.map((a) => addressKind(opts.support, a));

	for (const k of kinds) if (k.kind === 'reply') return { kind: 'reply', token: k.token };

	for (const id of threadIds(m)) {
		const ticketId = ticketOfMessageId(opts.support, id);
		if (ticketId) return { kind: 'thread', ticketId };
	}

	if (kinds.some((k) => k.kind === 'support')) return { kind: 'new' };
	return { kind: 'not_for_us' };
}
