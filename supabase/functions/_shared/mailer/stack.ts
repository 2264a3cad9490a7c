// The local stack's mailbox (supabase/local/mail.ts): POST <SUPABASE_URL>/_mail with the service role
// key keeps the message where developers and the contract suite read it, with the header fields a real
// provider would write (From, To, Reply-To, Message-ID, In-Reply-To, References, Thread-Index,
// Auto-Submitted, X-Auto-Response-Suppress).
// Nothing leaves the machine.
import { automationHeaderFields, MailerError, threadHeaderFields, type Fetch, type Mailer, type OutgoingMail } from './types.ts';
import { mailboxText, parseMailbox, senderOf } from './address.ts';

export interface StackMailerOptions {
	supabaseUrl: string;
	serviceRoleKey: string;
	/** The sender, "Name <address>" or an address (MAIL_FROM, else no-reply@ the support domain); the mailbox's own without it. */
	from?: string;
	fetch?: Fetch;
	timeoutMs?: number;
}

export function stackMailer(opts: StackMailerOptions): Mailer {
	const doFetch = opts.fetch ?? fetch;
	const endpoint = `${opts.supabaseUrl.replace(/\/+$/, '')}/_mail`;
	const configured = opts.from ? parseMailbox(opts.from) : undefined;
	function headersOf(mail: OutgoingMail): Record<string, string> {
		const headers: Record<string, string> = { To: mailboxText(mail.toName ? { name: mail.toName, address: mail.to } : { address: mail.to }) };
		if (configured) headers.From = mailboxText(senderOf(configured, mail.fromName));
		return { ...headers, ...(mail.thread ? threadHeaderFields(mail.thread) : {}), ...automationHeaderFields(mail) };
	}

	return {
		name: 'stack',
		sender: configured?.address,
		async send(mail: OutgoingMail) {
			let res: Response;
			try {
				res = await doFetch(endpoint, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.serviceRoleKey}`, apikey: opts.serviceRoleKey },
					body: JSON.stringify({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, kind: mail.kind, data: { notification: mail.id }, headers: headersOf(mail) }),
					signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
				});
			} catch (e) {
				throw new MailerError(`the local mailbox at ${endpoint} is unreachable: ${(e as Error).message}`);
			}
			const body = await res.text().catch(() => '');
			if (res.status !== 201) throw new MailerError(`the local mailbox answered ${res.status}: ${body.slice(0, 300)}`);
		},
	};
}
