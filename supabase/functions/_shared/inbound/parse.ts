// A raw received message (RFC 5322 bytes, as the SMTP receiver or the provider's webhook hands it
// over) read into an InboundMessage with postal-mime. Nothing is decided here: screen.ts and route.ts
// judge the result.
import PostalMime, { type Address, type Email } from 'postal-mime';
import type { InboundAttachment, InboundMessage } from './types.ts';
import { attachmentName } from './attachment-name.ts';
import { authenticationResults, bareMessageId, contentTypeParam, headerToken, messageIds } from './header-values.ts';
import { htmlToText, tidy } from './html-text.ts';

export interface ParseOptions {
	/**
	 * The authserv-id our receiving server writes in Authentication-Results (e.g. "mx.google.com").
	 * When given, only a header with that id counts: anyone upstream can write one claiming "pass".
	 * Without it the topmost header counts, which is the one the last hop (ours) prepended.
	 */
	authservId?: string;
}

// Headers vacation programs and Exchange put on what they write. screen.ts decides how much each one
// says: X-Auto-Response-Suppress, for one, also rides on mail people send.
const AUTO_REPLY_HEADERS = ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress', 'x-ms-exchange-generated-message-source', 'x-ms-exchange-inbox-rules-loop'];

const MAILBOX = /^[^@\s]+@[^@\s]+$/;

function mailboxes(list: Address[] | undefined): string[] {
	const out: string[] = [];
	for (const a of list ?? []) {
		for (const m of a.group ?? [a]) {
			const address = m.address?.trim().toLowerCase();
			if (address && MAILBOX.test(address) && !out.includes(address)) out.push(address);
		}
	}
	return out;
}

function sender(from: Address | undefined): InboundMessage['from'] {
	const m = from?.group ? from.group[0] : from;
	const address = m?.address?.trim().toLowerCase();
	return m && address && MAILBOX.test(address) ? { address, name: m.name.trim() } : null;
}

function attachments(email: Email): InboundAttachment[] {
	return email.attachments.map((a, i) => {
		const content = a.content instanceof Uint8Array ? a.content : typeof a.content === 'string' ? new TextEncoder().encode(a.content) : new Uint8Array(a.content);
		return {
			filename: attachmentName(a.filename, a.mimeType, i),
			mimeType: a.mimeType,
			content,
			size: content.byteLength,
			// Inline means shown inside the HTML body (multipart/related, referenced by Content-ID): an image
			// pasted into the text or a signature logo. Kept (the screenshot may be the whole point of the
			// mail) but flagged, so the ticket can show them apart from files. Content-Disposition: inline
			// alone does not count: Apple Mail sends every attached image that way.
			inline: a.related === true,
			contentId: bareMessageId(a.contentId),
		};
	});
}

function bounce(email: Email, header: (name: string) => string | null, reportType: string | null, from: InboundMessage['from']): boolean {
	if (reportType === 'delivery-status') return true;
	if (email.attachments.some((a) => a.mimeType === 'message/delivery-status' || a.mimeType === 'message/global-delivery-status')) return true;
	if (header('x-failed-recipients') !== null) return true;
	// RFC 5321: notifications are sent with a null reverse-path, which the receiving server records as Return-Path: <>.
	const returnPath = header('return-path');
	if (returnPath !== null && /^<\s*>$/.test(returnPath.trim())) return true;
	// Some MTAs write a bare "From: MAILER-DAEMON (Mail Delivery System)": no usable sender (postal-mime
	// reads the word as a name without address), but it still names a bounce.
	const raw = email.from && !email.from.group ? email.from : null;
	const address = from?.address ?? (raw?.address || raw?.name || '');
	const local = address.split('@')[0].trim().toLowerCase();
	return local === 'mailer-daemon' || local === 'postmaster';
}

export async function parseMessage(raw: Uint8Array | string, opts: ParseOptions = {}): Promise<InboundMessage> {
	const sizeBytes = typeof raw === 'string' ? new TextEncoder().encode(raw).byteLength : raw.byteLength;
	const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
	const header = (name: string): string | null => email.headers.find((h) => h.key === name)?.value ?? null;

	const reportType = /^\s*multipart\/report\b/i.test(header('content-type') ?? '') ? contentTypeParam(header('content-type')!, 'report-type') : null;
	const from = sender(email.from);

	const authHeaders = email.headers.filter((h) => h.key === 'authentication-results').map((h) => authenticationResults(h.value));
	const trusted = opts.authservId ? authHeaders.find((a) => a.authservId === opts.authservId!.toLowerCase()) : authHeaders[0];
	const authentication: InboundMessage['authentication'] = {};
	if (trusted?.spf) authentication.spf = trusted.spf;
	if (trusted?.dkim) authentication.dkim = trusted.dkim;
	if (trusted?.dmarc) authentication.dmarc = trusted.dmarc;

	const autoReplyHeaders: Record<string, string> = {};
	for (const name of AUTO_REPLY_HEADERS) {
		const v = header(name);
		if (v !== null) autoReplyHeaders[name] = v.trim();
	}

	const text = email.text !== undefined && email.text.trim() !== '' ? tidy(email.text) : email.html ? await htmlToText(email.html) : '';

	return {
		messageId: bareMessageId(email.messageId),
		inReplyTo: messageIds(header('in-reply-to')),
		references: messageIds(header('references')),
		from,
		to: mailboxes(email.to),
		cc: mailboxes(email.cc),
		subject: (email.subject ?? '').replace(/\s+/g, ' ').trim(),
		text,
		html: email.html ?? null,
		attachments: attachments(email),
		autoSubmitted: headerToken(header('auto-submitted')),
		precedence: headerToken(header('precedence')),
		listId: header('list-id')?.trim() || null,
		listUnsubscribe: header('list-unsubscribe')?.trim() || null,
		autoReplyHeaders,
		authentication,
		isBounce: bounce(email, header, reportType, from),
		reportType,
		sizeBytes,
	};
}
