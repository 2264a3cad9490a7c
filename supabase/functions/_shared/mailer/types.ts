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
}

export interface Mailer {
	readonly name: string;
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
