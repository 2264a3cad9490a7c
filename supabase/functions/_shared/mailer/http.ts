// A JSON e-mail API in the style of Resend (POST /emails with a bearer key and
// {from, to[], subject, text, html}); the notification id goes in Idempotency-Key so the provider drops
// the duplicate when a retry follows a send whose answer was lost. How an answer is classed:
// 2xx delivered; 408, 409 (same key still in flight), 429 and 5xx retried; 401/403 retried too — the
// key is wrong, which someone fixes, and no message should die of it; any other 4xx is about this
// message (bad address, rejected content) and is final.
// A mail about a ticket sets `reply_to` (mails to customers only) and, as the API's custom `headers`,
// its Message-ID, In-Reply-To, References and Thread-Index (resend.com/docs/dashboard/emails/custom-headers);
// every mail carries Auto-Submitted and X-Auto-Response-Suppress there too (types.ts). A provider that writes
// its own Message-ID anyway loses nothing that matters: the thread rides on In-Reply-To, References and
// Reply-To. The sender's name is the mail's (the site's) on the configured address.
import { automationHeaderFields, MailerError, threadHeaderFields, type Fetch, type Mailer, type OutgoingMail } from './types.ts';
import { isEmailAddress, mailboxText, parseMailbox, senderOf } from './address.ts';

export interface HttpMailerOptions {
	/** e.g. https://api.resend.com/emails */
	apiUrl: string;
	apiKey: string;
	/** "Mostrador <soporte@example.com>" */
	from: string;
	fetch?: Fetch;
	timeoutMs?: number;
}

const RETRIED = new Set([401, 403, 408, 409, 425, 429]);

/** The JSON body of one mail. */
function payload(opts: HttpMailerOptions, mail: OutgoingMail): Record<string, unknown> {
	const configured = parseMailbox(opts.from);
	const from = mail.fromName && configured ? mailboxText(senderOf(configured, mail.fromName)) : opts.from;
	const body: Record<string, unknown> = { from, to: [mail.to], subject: mail.subject, text: mail.text, html: mail.html };
	const { 'Reply-To': replyTo, ...thread } = mail.thread ? threadHeaderFields(mail.thread) : {};
	if (replyTo) body.reply_to = replyTo;
	body.headers = { ...thread, ...automationHeaderFields(mail) };
	return body;
}

export function httpMailer(opts: HttpMailerOptions): Mailer {
	const doFetch = opts.fetch ?? fetch;
	return {
		name: 'http',
		sender: parseMailbox(opts.from)?.address,
		async send(mail: OutgoingMail) {
			if (!isEmailAddress(mail.to)) throw new MailerError(`not a deliverable address: ${JSON.stringify(mail.to)}`, true);
			let res: Response;
			try {
				res = await doFetch(opts.apiUrl, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						accept: 'application/json',
						authorization: `Bearer ${opts.apiKey}`,
						'idempotency-key': `notification-${mail.id}`,
					},
					body: JSON.stringify(payload(opts, mail)),
					signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
				});
			} catch (e) {
				const err = e as Error;
				const why = err.name === 'TimeoutError' ? `no answer within ${opts.timeoutMs ?? 15_000} ms` : err.message;
				throw new MailerError(`the mail API at ${new URL(opts.apiUrl).origin} is unreachable: ${why}`);
			}
			const body = (await res.text().catch(() => '')).slice(0, 300);
			if (res.ok) return;
			const hint = res.status === 401 || res.status === 403 ? ' (check MAIL_API_KEY)' : '';
			throw new MailerError(`the mail API answered ${res.status}${hint}: ${body}`, !(RETRIED.has(res.status) || res.status >= 500));
		},
	};
}
