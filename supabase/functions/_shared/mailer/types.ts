// What every mail provider takes and how it reports failure. A provider either delivers the message to
// the next hop (resolves) or throws MailerError saying whether trying again could help: `permanent`
// means this message will never go (a refused address, a rejected body); anything else — network,
// rate limits, a provider outage, a wrong key someone can fix — is worth retrying.

export interface OutgoingMail {
	/** The notification's id: becomes the Message-ID and the idempotency key, so a retry is recognisable. */
	id: string;
	to: string;
	toName?: string | null;
	subject: string;
	text: string;
	html: string;
	/** What kind of mail this is, e.g. notify.ticket_received (the local mailbox shows it). */
	kind: string;
	/**
	 * The name the mail comes from (the site's name, SITE_NAME); the address stays the provider's
	 * configured sender, the one its domain is verified for. Without it, the configured name.
	 */
	fromName?: string;
	/** What ties a mail about a ticket to its thread and lets the customer answer it (notify/threading.ts). */
	thread?: ThreadHeaders;
	/**
	 * RFC 3834 Auto-Submitted: `auto-replied` for the automatic answers to a received mail, else
	 * (and when absent) `auto-generated`. Every provider writes it, with X-Auto-Response-Suppress: All.
	 */
	autoSubmitted?: 'auto-generated' | 'auto-replied';
}

/** Header values without angle brackets where the field holds message ids; the providers add them. */
export interface ThreadHeaders {
	/**
	 * soporte+t<token>@domain: where an answer goes. Only on mails to customers; staff mails thread
	 * without it (no Reply-To: an answer goes to the From, a no-reply address).
	 */
	replyTo?: string;
	/** <notification id>@domain, replacing the provider's default Message-ID. */
	messageId: string;
	/** The ticket's thread root, <ticket-<id>@domain>: In-Reply-To, and References. */
	root: string;
	/** Base64, for Outlook (_shared/email/thread-index.ts). */
	threadIndex: string;
}

/** The header fields a ThreadHeaders stands for, as every provider writes them. */
export function threadHeaderFields(t: ThreadHeaders): Record<string, string> {
	return {
		...(t.replyTo ? { 'Reply-To': t.replyTo } : {}),
		'Message-ID': `<${t.messageId}>`,
		'In-Reply-To': `<${t.root}>`,
		References: `<${t.root}>`,
		'Thread-Index': t.threadIndex,
	};
}

/**
 * What every mail says to auto-responders: Auto-Submitted (RFC 3834 §5: well-behaved vacation
 * programs do not answer it) and X-Auto-Response-Suppress: All (Exchange and Outlook send no
 * out-of-office, delivery or read reports for it). Without them an out-of-office answer to, say,
 * solution_proposed would come back through the reply address and reopen the ticket.
 */
export function automationHeaderFields(mail: Pick<OutgoingMail, 'autoSubmitted'>): Record<string, string> {
	return { 'Auto-Submitted': mail.autoSubmitted ?? 'auto-generated', 'X-Auto-Response-Suppress': 'All' };
}

export interface Mailer {
	readonly name: string;
	/** The address mails go out from (its From), when the provider has one configured. */
	readonly sender?: string;
	send(mail: OutgoingMail): Promise<void>;
}

export class MailerError extends Error {
	readonly permanent: boolean;
	constructor(message: string, permanent = false) {
		super(message);
		this.name = 'MailerError';
		this.permanent = permanent;
	}
}

/** A setting is missing or wrong: nothing can be sent until someone fixes the environment. */
export class MailerConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MailerConfigError';
	}
}

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
