// Whether a received mail becomes part of a ticket at all. Three kinds of no, in this order:
// - drop: store nothing and answer nothing. Machine-written mail (auto replies, bounces, lists) and our
//   own mail coming back. Answering any of these is how mail loops start: two auto-responders replying
//   to each other forever, or a ticket per bounce.
// - unverified: the sender is not authenticated. A From is whatever the sender typed; only a DMARC
//   pass in the Authentication-Results of our receiving server (parseMessage's authservId) shows the
//   mail comes from the domain it names. Without one (fail, none, no header of ours) nothing is opened
//   or posted and the mail is not answered: an answer would go to whoever the forger named.
// - refuse: an authenticated person wrote it, but we cannot take it as it is (too big, too many files);
//   the sender is told why. Only mail that passed every rule above can be refused, so a refusal never
//   answers a machine or a forged address.
import { addressKind, isOwnMessageId, type SupportAddress } from '../email/addresses.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES, ATTACHMENT_TYPES } from '../ticket-input.ts';
import type { InboundAttachment, InboundLimits, InboundMessage } from './types.ts';

/**
 * The web form's limits per file and per message, so a customer may send by mail what they may upload.
 * maxBytes is the raw message: one file of the largest allowed size, base64-encoded (4/3, plus a line
 * break every 76 characters) is 34.2 MiB, so 36 MiB leaves room for the body and headers (it is also
 * Exchange Online's default receive limit). Larger messages are refused before they are parsed.
 */
export const DEFAULT_LIMITS: InboundLimits = {
	maxBytes: 36 * 1024 * 1024,
	maxAttachments: ATTACHMENT_MAX_FILES,
	maxAttachmentBytes: ATTACHMENT_MAX_BYTES,
};

export type DropReason = 'auto_submitted' | 'bulk' | 'bounce' | 'own_mail' | 'no_sender';
/** spoofed: our server says DMARC (or SPF and DKIM together) failed; unauthenticated: no DMARC pass (none, an error, or no verdict of ours at all). */
export type UnverifiedReason = 'spoofed' | 'unauthenticated';
export type RefuseReason = 'too_large' | 'too_many_attachments' | 'attachment_too_large';

export type Screen =
	| { verdict: 'accept' }
	| { verdict: 'drop'; reason: DropReason }
	| { verdict: 'unverified'; reason: UnverifiedReason; detail: string }
	| { verdict: 'refuse'; reason: RefuseReason };

const STORABLE = new Set<string>(ATTACHMENT_TYPES);

/** Whether the attachments bucket takes this file (the form's types); the others are named in the log, not stored. */
export function isStorable(a: Pick<InboundAttachment, 'mimeType'>): boolean {
	return STORABLE.has(a.mimeType.toLowerCase());
}

export interface ScreenOptions {
	support: SupportAddress;
	limits?: InboundLimits;
	/** The size the receiver measured (e.g. the SMTP DATA length), when the raw message was not parsed whole. */
	sizeBytes?: number;
	/** Other From addresses our own mail goes out with (MAIL_FROM / SMTP_FROM when it is not the support address). */
	ownAddresses?: string[];
}

// The subject prefixes Outlook and Exchange give an out-of-office answer, in the languages our customers
// write in. Only used together with X-Auto-Response-Suppress (see below).
const AUTO_REPLY_SUBJECT = /^(respuesta autom[aá]tica|automatic reply|auto(?:matic)?[- ]?reply|out of office|fuera de la oficina|ausencia|r[ée]ponse automatique|automatische antwort|resposta autom[aá]tica)\s*:/i;

/** Outlook/Exchange and vacation-program auto replies, including those that omit Auto-Submitted. */
function isAutoReply(m: InboundMessage): boolean {
	if (m.autoSubmitted !== null && m.autoSubmitted !== 'no') return true;
	const h = m.autoReplyHeaders;
	// Exchange stamps these on mail its own agents write (out-of-office, inbox-rule answers and forwards).
	if ('x-ms-exchange-generated-message-source' in h || 'x-ms-exchange-inbox-rules-loop' in h) return true;
	if ('x-autoreply' in h || 'x-autorespond' in h) return true;
	// X-Auto-Response-Suppress asks *others* not to auto-reply; Exchange also sets it on ordinary mail a
	// person sends to a distribution list (glpi-project/glpi#2170; Discourse stopped treating it as
	// "automatic" in discourse/discourse#21367). On its own it would silently drop real customers'
	// mail, so it counts only with an auto-reply subject.
	if ('x-auto-response-suppress' in h && AUTO_REPLY_SUBJECT.test(m.subject)) return true;
	// A read receipt (MDN) is a report too, written by the client, not by the person.
	return m.reportType === 'disposition-notification';
}

function isOwnMail(m: InboundMessage, opts: ScreenOptions): boolean {
	if (m.messageId !== null && isOwnMessageId(opts.support, m.messageId)) return true;
	if (m.from === null) return false;
	if (addressKind(opts.support, m.from.address).kind !== 'other') return true;
	return (opts.ownAddresses ?? []).some((a) => ownAddress(a) === m.from!.address);
}

/** "Mostrador <notificaciones@x>" or a bare address, lowercased. */
function ownAddress(a: string): string {
	const m = /<([^<>]+)>\s*$/.exec(a);
	return (m ? m[1] : a).trim().toLowerCase();
}

/** Why the sender is not authenticated, or null when our server's DMARC verdict is pass. */
function unverified(m: InboundMessage): { reason: UnverifiedReason; detail: string } | null {
	const { spf, dkim, dmarc } = m.authentication;
	if (dmarc === 'pass') return null;
	const said = (['spf', 'dkim', 'dmarc'] as const).filter((k) => m.authentication[k]).map((k) => `${k}=${m.authentication[k]}`).join(' ');
	if (dmarc === 'fail' || (spf === 'fail' && dkim === 'fail')) return { reason: 'spoofed', detail: said };
	return { reason: 'unauthenticated', detail: said || 'no verdict from our receiving server' };
}

export function screen(m: InboundMessage, opts: ScreenOptions): Screen {
	// Loops first: our own mail must never be taken in, whatever else it looks like.
	if (isOwnMail(m, opts)) return { verdict: 'drop', reason: 'own_mail' };
	if (m.isBounce) return { verdict: 'drop', reason: 'bounce' };
	if (isAutoReply(m)) return { verdict: 'drop', reason: 'auto_submitted' };
	if (m.precedence === 'bulk' || m.precedence === 'junk' || m.precedence === 'list' || m.listId !== null || m.listUnsubscribe !== null) {
		return { verdict: 'drop', reason: 'bulk' };
	}
	if (m.from === null) return { verdict: 'drop', reason: 'no_sender' };
	const notAuthenticated = unverified(m);
	if (notAuthenticated) return { verdict: 'unverified', ...notAuthenticated };

	const limits = opts.limits ?? DEFAULT_LIMITS;
	if (Math.max(opts.sizeBytes ?? 0, m.sizeBytes) > limits.maxBytes) return { verdict: 'refuse', reason: 'too_large' };
	// Only what would be stored counts: files of a type the bucket takes. Inline images (a pasted
	// screenshot, a signature logo) do not count toward the number of files, as the sender did not
	// attach them; they are stored while there is room (files.ts), and each must still fit the size limit.
	const storable = m.attachments.filter(isStorable);
	if (storable.filter((a) => !a.inline).length > limits.maxAttachments) return { verdict: 'refuse', reason: 'too_many_attachments' };
	if (storable.some((a) => a.size > limits.maxAttachmentBytes)) return { verdict: 'refuse', reason: 'attachment_too_large' };
	return { verdict: 'accept' };
}
