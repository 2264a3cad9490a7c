// Contract fixture: the SMTP provider (nodemailer) running in the edge runtime — Deno's Node
// compatibility, node:net sockets — delivering one mail to the SMTP server the body names (the local
// stack's own port in the test). Answers {sent: true} or the MailerError, classed.
import { smtpMailer, nodeSockets } from '../../../../supabase/functions/_shared/mailer/smtp.ts';
import { MailerError, type OutgoingMail } from '../../../../supabase/functions/_shared/mailer/types.ts';

Deno.serve(async (req) => {
	const { port, from, mail } = (await req.json()) as { port: number; from: string; mail: OutgoingMail };
	const mailer = smtpMailer({ host: '127.0.0.1', port, from, tls: 'off', transport: nodeSockets, timeoutMs: 5000 });
	try {
		await mailer.send(mail);
		return Response.json({ sent: true });
	} catch (e) {
		return Response.json({ sent: false, message: (e as Error).message, permanent: e instanceof MailerError && e.permanent });
	}
});
