// The addresses and message ids that tie a mail to its ticket, written once for the mails we send and
// the mails we receive. Every mail about a ticket carries:
// - Reply-To: the support address with the ticket's unguessable reply token as a sub-address
//   (soporte+t<token>@domain), so an answer finds its ticket whatever the client does with the headers;
// - In-Reply-To and References naming the ticket's thread root, <ticket-<ticket id>@domain>, so every
//   mail of one ticket threads together in the customer's client and an answer that lost its Reply-To
//   still names the ticket.
// Pure module: runs in Deno, Node and the browser.

export interface SupportAddress {
	local: string;
	domain: string;
}

const TOKEN = /^[a-f0-9]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** "soporte@demo.mostrador.test" as its parts; throws on something that is not one address. */
export function supportAddress(address: string): SupportAddress {
	const m = /^([^@\s+]+)@([^@\s]+\.[^@\s]+)$/.exec(address.trim().toLowerCase());
	if (!m) throw new Error(`not a support address: ${address}`);
	return { local: m[1], domain: m[2] };
}

export const formatAddress = (s: SupportAddress): string => `${s.local}@${s.domain}`;

/** The per-ticket reply address: soporte+t<token>@domain. */
export function replyAddress(s: SupportAddress, token: string): string {
	if (!TOKEN.test(token)) throw new Error('a reply token is 32 lowercase hex characters');
	return `${s.local}+t${token}@${s.domain}`;
}

/** What an address we received mail at means: the support address, a ticket's reply address, or neither. */
export function addressKind(s: SupportAddress, address: string): { kind: 'support' } | { kind: 'reply'; token: string } | { kind: 'other' } {
	const a = address.trim().toLowerCase();
	const at = a.lastIndexOf('@');
	if (at < 0 || a.slice(at + 1) !== s.domain) return { kind: 'other' };
	const local = a.slice(0, at);
	if (local === s.local) return { kind: 'support' };
	const m = /^([^+]+)\+t([a-f0-9]+)$/.exec(local);
	if (m && m[1] === s.local && TOKEN.test(m[2])) return { kind: 'reply', token: m[2] };
	return { kind: 'other' };
}

/** The thread root of a ticket's mails, without angle brackets. */
export const ticketThreadId = (s: SupportAddress, ticketId: string): string => `ticket-${ticketId.toLowerCase()}@${s.domain}`;

/** The ticket a message id names when it is one of our thread roots (from In-Reply-To or References). */
export function ticketOfMessageId(s: SupportAddress, messageId: string): string | null {
	const id = messageId.trim().replace(/^<|>$/g, '').toLowerCase();
	const m = /^ticket-([0-9a-f-]{36})@(.+)$/.exec(id);
	return m && m[2] === s.domain && UUID.test(m[1]) ? m[1] : null;
}

/** The Message-ID of one notification mail, without angle brackets (the outbox id keeps retries recognisable). */
export const notificationMessageId = (s: SupportAddress, notificationId: string): string => `${notificationId.toLowerCase()}@${s.domain}`;

/** Whether a message id is one we minted (a notification or a thread root): a mail carrying it as its own Message-ID is ours. */
export function isOwnMessageId(s: SupportAddress, messageId: string): boolean {
	const id = messageId.trim().replace(/^<|>$/g, '').toLowerCase();
	return id.endsWith(`@${s.domain}`) && (ticketOfMessageId(s, id) !== null || UUID.test(id.slice(0, id.lastIndexOf('@'))));
}
