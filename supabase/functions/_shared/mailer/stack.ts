// The local stack's mailbox (supabase/local/mail.ts): POST <SUPABASE_URL>/_mail with the service role
// key keeps the message where developers and the contract suite read it. Nothing leaves the machine.
import { MailerError, type Fetch, type Mailer, type OutgoingMail } from './types.ts';

export interface StackMailerOptions {
	supabaseUrl: string;
	serviceRoleKey: string;
	fetch?: Fetch;
	timeoutMs?: number;
}

export function stackMailer(opts: StackMailerOptions): Mailer {
	const doFetch = opts.fetch ?? fetch;
	const endpoint = `${opts.supabaseUrl.replace(/\/+$/, '')}/_mail`;
	return {
		name: 'stack',
		async send(mail: OutgoingMail) {
			let res: Response;
			try {
				res = await doFetch(endpoint, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.serviceRoleKey}`, apikey: opts.serviceRoleKey },
					body: JSON.stringify({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, kind: mail.kind, data: { notification: mail.id } }),
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
