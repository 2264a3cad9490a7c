// What the rest of the inbound path sees of a received e-mail: the headers that decide whether and
// where it goes, the customer's words and files. Built by parse.ts, judged by screen.ts and route.ts.

export interface InboundAttachment {
	/** Safe to show and to use as the last part of a storage path: no directories, no control or bidi characters. */
	filename: string;
	mimeType: string;
	content: Uint8Array;
	size: number;
	/** Shown inside the HTML body (a pasted screenshot, a signature logo: multipart/related with a Content-ID), not a file the sender attached. */
	inline: boolean;
	/** The Content-ID without angle brackets, for the inline ones the HTML refers to. */
	contentId: string | null;
}

export interface InboundMessage {
	/** Without angle brackets. */
	messageId: string | null;
	/** Ids without brackets, in header order (References: oldest first). */
	inReplyTo: string[];
	references: string[];
	/** The address lowercased; null when the From header has no usable mailbox. */
	from: { address: string; name: string } | null;
	/** Lowercased addresses, groups flattened. */
	to: string[];
	cc: string[];
	subject: string;
	/** The text/plain body, or the HTML body converted to text when there is no text part. */
	text: string;
	/** The HTML body as sent (unsanitised), or null. */
	html: string | null;
	attachments: InboundAttachment[];
	/** Header values lowercased, the first occurrence; null when absent. */
	autoSubmitted: string | null;
	precedence: string | null;
	listId: string | null;
	listUnsubscribe: string | null;
	/** Other signs of machine-written mail, as header name (lowercase) → value: X-Autoreply, X-MS-Exchange-Generated-Message-Source… */
	autoReplyHeaders: Record<string, string>;
	/** Verdicts of the topmost Authentication-Results header (the one our receiving server added), lowercase. */
	authentication: { spf?: string; dkim?: string; dmarc?: string };
	/** A delivery status notification: multipart/report delivery-status, MAILER-DAEMON/postmaster sender, null Return-Path, X-Failed-Recipients. */
	isBounce: boolean;
	/** The report-type of a multipart/report message (delivery-status, disposition-notification…), or null. */
	reportType: string | null;
	/** The raw message's length in bytes. */
	sizeBytes: number;
}

export interface InboundLimits {
	/** The raw message, headers and encoded attachments included. */
	maxBytes: number;
	maxAttachments: number;
	/** One decoded attachment. */
	maxAttachmentBytes: number;
}
