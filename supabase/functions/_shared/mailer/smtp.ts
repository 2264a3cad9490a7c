// The SMTP provider: nodemailer's SMTP client (nodemailer/lib/smtp-connection, which runs in the edge
// runtime through Deno's Node compatibility, node:net and node:tls) speaks the protocol — EHLO with
// HELO fallback, STARTTLS (RFC 3207) when offered, implicit TLS for port 465 (RFC 8314), AUTH,
// dot-stuffing — over a connection this module opens through an SmtpTransport (node sockets in the
// function and in tests, where the transport also routes a test host name to a local server). The
// message itself is ours (mime.ts: every header encoded and folded, quoted-printable parts), so what a
// customer receives does not depend on the client library. Policy stays here: SMTP_TLS=starttls
// refuses a server without STARTTLS, no password travels in clear except to this machine, bytes sent
// ahead of the TLS handshake end the session, and every failure is a MailerError saying whether a
// retry can help.
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import net, { type Socket } from 'node:net';
import tls, { type ConnectionOptions } from 'node:tls';
import { MailerConfigError, MailerError, threadHeaderFields, type Mailer, type OutgoingMail } from './types.ts';
import { domainOf, isEmailAddress, parseMailbox, senderOf, type Mailbox } from './address.ts';
import { buildMessage } from './mime.ts';

export interface SmtpTransport {
	/**
	 * Opens a connection to hostname:port; with `tls`, TLS from the first byte, resolving once the
	 * handshake (and the certificate check against hostname) succeeded.
	 */
	connect(o: { hostname: string; port: number; tls: boolean }): Promise<Socket>;
	/** Extra options for the STARTTLS upgrade nodemailer performs on that connection (tests: the test CA). */
	startTlsOptions?(o: { hostname: string }): ConnectionOptions;
}

/**
 * implicit: TLS from the first byte (port 465). starttls: refuse to go on unless the server offers
 * STARTTLS. auto: STARTTLS when offered. off: never (a local catcher such as Mailpit).
 */
export type SmtpTls = 'implicit' | 'starttls' | 'auto' | 'off';

export interface SmtpOptions {
	host: string;
	port: number;
	user?: string;
	pass?: string;
	/** "Mostrador <soporte@example.com>" */
	from: string;
	tls: SmtpTls;
	/** The name given in EHLO; an address literal by default, which every server accepts. */
	heloName?: string;
	/** For the greeting and each reply. */
	timeoutMs?: number;
	transport: SmtpTransport;
	now?: () => Date;
}

/** A server may only hear the password over TLS, unless it is on this machine. */
function isLoopback(host: string): boolean {
	return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

interface SmtpFailure extends Error {
	code?: string;
	response?: string;
	responseCode?: number;
	command?: string;
}

/** nodemailer's error as ours: which step failed, what the server said, and whether retrying can help. */
function asMailerError(e: unknown, host: string, timeoutMs: number, upgrading: boolean): MailerError {
	if (e instanceof MailerError) return e;
	const err = (e ?? {}) as SmtpFailure;
	// A handshake that fails (a certificate for another name) surfaces as a socket error mid-upgrade.
	if (upgrading && err.code !== 'ETIMEDOUT') return new MailerError(`TLS with ${host} failed: ${err.message.replace(/^Error initiating TLS - /, '')}`);
	const said = err.response?.replace(/\s+/g, ' ').slice(0, 300);
	const fivexx = (err.responseCode ?? 0) >= 500 && (err.responseCode ?? 0) < 600;
	switch (err.code) {
		case 'ETIMEDOUT':
			return new MailerError(`the SMTP server said nothing for ${timeoutMs} ms`);
		case 'ETLS':
			if (said) return new MailerError(`SMTP STARTTLS: the server answered ${said}`);
			return new MailerError(`TLS with ${host} failed: ${err.message.replace(/^Error initiating TLS - /, '')}`);
		case 'EAUTH':
			// A wrong password is fixed in the settings; the message itself is fine, so it is retried.
			if (said) return new MailerError(`SMTP ${err.command} (check SMTP_USER and SMTP_PASS): the server answered ${said}`);
			return new MailerError(`SMTP ${err.command ?? 'AUTH'}: ${err.message}`);
		case 'EENVELOPE':
		case 'EMESSAGE': {
			if (!said) return new MailerError(`SMTP: ${err.message}`);
			const step = err.code === 'EMESSAGE' && err.command === 'DATA' ? 'end of data' : (err.command ?? 'DATA');
			// 5xx for the recipient (no such mailbox, relay denied for it) or for the content is final.
			const permanent = fivexx && (step === 'RCPT TO' || step === 'end of data');
			return new MailerError(`SMTP ${step}: the server answered ${said}`, permanent);
		}
	}
	if (said) return new MailerError(`SMTP ${err.command ?? 'session'}: the server answered ${said}`);
	return new MailerError(`the connection to the SMTP server failed: ${err.message ?? String(e)}`);
}

/** The header fields a mail adds to the ones buildMessage writes. */
function extraHeaders(mail: OutgoingMail): [string, string][] {
	if (!mail.thread) return [];
	// buildMessage writes the Message-ID itself.
	return Object.entries(threadHeaderFields(mail.thread)).filter(([name]) => name !== 'Message-ID');
}

/** One SMTP session: connect, check the policy, authenticate, send, QUIT — then the connection is gone. */
async function session(opts: SmtpOptions, timeoutMs: number, heloName: string, envelope: { from: string; to: string[] }, message: string): Promise<void> {
	const implicit = opts.tls === 'implicit';
	let socket: Socket;
	try {
		socket = await opts.transport.connect({ hostname: opts.host, port: opts.port, tls: implicit });
	} catch (e) {
		throw new MailerError(`cannot connect to the SMTP server ${opts.host}:${opts.port}: ${(e as Error).message}`);
	}
	let injected = false;
	const conn = new SMTPConnection({
		host: opts.host,
		port: opts.port,
		connection: socket,
		secure: implicit,
		secured: implicit,
		ignoreTLS: opts.tls === 'off',
		name: heloName,
		connectionTimeout: timeoutMs,
		greetingTimeout: timeoutMs,
		socketTimeout: timeoutMs,
		tls: opts.transport.startTlsOptions?.({ hostname: opts.host }),
		// nodemailer drops bytes a server sent in clear after its STARTTLS reply and says so in a warning;
		// a server does not do that by itself (a response injection): the session is abandoned.
		logger: {
			level: () => {},
			trace: () => {},
			debug: () => {},
			info: () => {},
			warn: (entry: unknown) => {
				if (entry && typeof entry === 'object' && 'discarded' in entry) {
					injected = true;
					conn.close();
				}
			},
			error: () => {},
			fatal: () => {},
		},
	});
	const refused = () => new MailerError('the SMTP server sent data before the TLS handshake; refusing to continue');
	// Every step settles on the first of: its own callback, a connection error, the connection's end.
	const step = <T>(run: (done: (err: Error | null, value?: T) => void) => void) =>
		new Promise<T>((resolve, reject) => {
			const onError = (e: Error) => reject(injected ? refused() : e);
			const onEnd = () => reject(injected ? refused() : new MailerError('the SMTP server closed the connection'));
			conn.once('error', onError);
			conn.once('end', onEnd);
			run((err, value) => {
				conn.off('error', onError);
				conn.off('end', onEnd);
				if (err) reject(injected ? refused() : err);
				else resolve(value as T);
			});
		});
	// An error with no step listening (while closing) must not become an unhandled 'error' event.
	conn.on('error', () => {});
	try {
		await step<void>((done) => conn.connect((err?: Error) => done(err ?? null)));
		if (injected) throw refused();
		const secure = conn.secure;
		if (!secure && opts.tls === 'starttls') throw new MailerError(`the SMTP server ${opts.host} does not offer STARTTLS and SMTP_TLS=starttls requires it`);
		if (opts.user) {
			if (!secure && !isLoopback(opts.host)) throw new MailerError(`refusing to send the SMTP password to ${opts.host} without TLS`);
			await step<boolean>((done) => conn.login({ user: opts.user!, pass: opts.pass ?? '' }, (err, ok) => done(err ?? null, ok)));
		}
		await step((done) => conn.send(envelope, message, (err, info) => done(err ?? null, info)));
		// The message is accepted; QUIT is polite, and a server that drops the line on it changes nothing.
		await new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, timeoutMs);
			conn.once('end', () => {
				clearTimeout(timer);
				resolve();
			});
			conn.quit();
		});
	} catch (e) {
		throw asMailerError(e, opts.host, timeoutMs, Boolean((conn as { upgrading?: boolean }).upgrading));
	} finally {
		conn.close();
	}
}

export function smtpMailer(opts: SmtpOptions): Mailer {
	const from = parseMailbox(opts.from);
	if (!from) throw new MailerConfigError(`SMTP_FROM is not a mailbox: ${JSON.stringify(opts.from)}`);
	const timeoutMs = opts.timeoutMs ?? 30_000;
	const heloName = opts.heloName ?? '[127.0.0.1]';
	const now = opts.now ?? (() => new Date());

	return {
		name: 'smtp',
		sender: from.address,
		async send(mail: OutgoingMail) {
			if (!isEmailAddress(mail.to)) throw new MailerError(`not a deliverable address: ${JSON.stringify(mail.to)}`, true);
			const to: Mailbox = mail.toName ? { name: mail.toName, address: mail.to } : { address: mail.to };
			const message = buildMessage({
				from: senderOf(from, mail.fromName),
				to,
				subject: mail.subject,
				text: mail.text,
				html: mail.html,
				messageId: mail.thread?.messageId ?? `${mail.id}@${domainOf(from.address)}`,
				date: now(),
				headers: extraHeaders(mail),
				autoSubmitted: mail.autoSubmitted,
			});
			await session(opts, timeoutMs, heloName, { from: from.address, to: [mail.to] }, message);
		},
	};
}

/** Real sockets: node:net and node:tls (in the edge runtime, Deno's Node compatibility). */
export const nodeSockets: SmtpTransport = {
	connect: (o) =>
		new Promise((resolve, reject) => {
			const s: Socket = o.tls
				? tls.connect({ host: o.hostname, port: o.port, servername: o.hostname }, () => resolve(s))
				: net.connect(o.port, o.hostname, () => resolve(s));
			s.once('error', reject);
		}),
};
