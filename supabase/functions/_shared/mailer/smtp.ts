// A small SMTP submission client (RFC 5321) for the edge runtime, which has no SMTP library: EHLO
// (HELO when refused), STARTTLS (RFC 3207) when offered or required, implicit TLS for port 465
// (RFC 8314), AUTH PLAIN or LOGIN (RFC 4616, draft-murchison-sasl-login), one message per connection.
// The socket comes from outside (Deno.connect / Deno.startTls / Deno.connectTls in the function, node:net
// in tests), so the protocol is the only thing here.
import { MailerConfigError, MailerError, type Mailer, type OutgoingMail } from './types.ts';
import { domainOf, isEmailAddress, parseMailbox, type Mailbox } from './address.ts';
import { buildMessage, dotStuff } from './mime.ts';

/** The part of Deno.Conn the client uses. */
export interface SmtpConn {
	read(p: Uint8Array): Promise<number | null>;
	write(p: Uint8Array): Promise<number>;
	close(): void;
}

export interface SmtpTransport {
	connect(o: { hostname: string; port: number }): Promise<SmtpConn>;
	connectTls(o: { hostname: string; port: number }): Promise<SmtpConn>;
	/**
	 * Upgrades a connection after the server said 220 to STARTTLS, checking the certificate against
	 * hostname; resolves once the handshake is done, so a bad certificate fails here.
	 */
	startTls(conn: SmtpConn, o: { hostname: string }): Promise<SmtpConn>;
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
	/** For each reply. */
	timeoutMs?: number;
	transport: SmtpTransport;
	now?: () => Date;
}

/** A server may only hear the password over TLS, unless it is on this machine. */
function isLoopback(host: string): boolean {
	return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

interface Reply {
	code: number;
	lines: string[];
}

const MAX_LINE = 4096;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A socket error (reset, TLS alert) as a failure worth retrying, keeping ours as they are. */
function asMailerError(e: unknown): MailerError {
	return e instanceof MailerError ? e : new MailerError(`the connection to the SMTP server failed: ${(e as Error).message ?? String(e)}`);
}

/** One connection's reading and writing: replies may arrive in pieces or several at once. */
class Session {
	conn: SmtpConn;
	private buffer = new Uint8Array(0);
	private readonly timeoutMs: number;
	/** The code of the reply being read: every line of a multi-line reply repeats it. */
	private lastCode = 0;

	constructor(conn: SmtpConn, timeoutMs: number) {
		this.conn = conn;
		this.timeoutMs = timeoutMs;
	}

	private async fill(): Promise<void> {
		const chunk = new Uint8Array(4096);
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				try {
					this.conn.close();
				} catch {
					// already closed
				}
				reject(new MailerError(`the SMTP server said nothing for ${this.timeoutMs} ms`));
			}, this.timeoutMs);
		});
		let n: number | null;
		try {
			n = await Promise.race([this.conn.read(chunk), timeout]);
		} catch (e) {
			throw asMailerError(e);
		} finally {
			clearTimeout(timer);
		}
		if (n === null) throw new MailerError('the SMTP server closed the connection');
		const next = new Uint8Array(this.buffer.length + n);
		next.set(this.buffer);
		next.set(chunk.subarray(0, n), this.buffer.length);
		this.buffer = next;
	}

	private async line(): Promise<string> {
		for (;;) {
			const lf = this.buffer.indexOf(0x0a);
			if (lf >= 0) {
				const line = decoder.decode(this.buffer.subarray(0, lf)).replace(/\r$/, '');
				this.buffer = this.buffer.slice(lf + 1);
				return line;
			}
			if (this.buffer.length > MAX_LINE) throw new MailerError('the SMTP server sent a line longer than 4096 bytes');
			await this.fill();
		}
	}

	async reply(): Promise<Reply> {
		const lines: string[] = [];
		for (;;) {
			const line = await this.line();
			const m = /^(\d{3})([ -]?)(.*)$/.exec(line);
			if (!m) throw new MailerError(`the SMTP server sent something that is not a reply: ${JSON.stringify(line.slice(0, 100))}`);
			if (lines.length && Number(m[1]) !== this.lastCode) throw new MailerError('the SMTP server changed the code within one reply');
			this.lastCode = Number(m[1]);
			lines.push(m[3]);
			if (m[2] !== '-') return { code: Number(m[1]), lines };
		}
	}

	async write(text: string): Promise<void> {
		const bytes = encoder.encode(text);
		let written = 0;
		try {
			while (written < bytes.length) written += await this.conn.write(bytes.subarray(written));
		} catch (e) {
			throw asMailerError(e);
		}
	}

	async command(line: string): Promise<Reply> {
		await this.write(`${line}\r\n`);
		return this.reply();
	}

	/** Bytes the server sent ahead of time; none may be waiting when TLS starts (RFC 3207 §5). */
	get pending(): number {
		return this.buffer.length;
	}
}

/** Fails unless the reply has one of the codes; `permanentOn5xx` when a 5xx means this message can never go. */
function expect(reply: Reply, codes: number[], step: string, permanentOn5xx = false): Reply {
	if (codes.includes(reply.code)) return reply;
	const text = reply.lines.join(' ').slice(0, 300);
	throw new MailerError(`SMTP ${step}: the server answered ${reply.code} ${text}`, permanentOn5xx && reply.code >= 500 && reply.code < 600);
}

interface Capabilities {
	starttls: boolean;
	auth: Set<string>;
}

async function greet(s: Session, heloName: string): Promise<Capabilities> {
	const ehlo = await s.command(`EHLO ${heloName}`);
	if (ehlo.code !== 250) {
		expect(await s.command(`HELO ${heloName}`), [250], 'HELO');
		return { starttls: false, auth: new Set() };
	}
	const caps: Capabilities = { starttls: false, auth: new Set() };
	for (const line of ehlo.lines.slice(1)) {
		const [keyword, ...params] = line.trim().toUpperCase().split(/[\s=]+/);
		if (keyword === 'STARTTLS') caps.starttls = true;
		if (keyword === 'AUTH') for (const p of params) caps.auth.add(p);
	}
	return caps;
}

const b64 = (s: string) => {
	let binary = '';
	for (const b of encoder.encode(s)) binary += String.fromCharCode(b);
	return btoa(binary);
};

async function authenticate(s: Session, caps: Capabilities, user: string, pass: string): Promise<void> {
	// A wrong password is fixed in the settings; the message itself is fine, so it is retried.
	if (caps.auth.has('PLAIN')) {
		expect(await s.command(`AUTH PLAIN ${b64(`\u0000${user}\u0000${pass}`)}`), [235], 'AUTH PLAIN (check SMTP_USER and SMTP_PASS)');
		return;
	}
	if (caps.auth.has('LOGIN')) {
		expect(await s.command('AUTH LOGIN'), [334], 'AUTH LOGIN');
		expect(await s.command(b64(user)), [334], 'AUTH LOGIN (user name)');
		expect(await s.command(b64(pass)), [235], 'AUTH LOGIN (check SMTP_USER and SMTP_PASS)');
		return;
	}
	throw new MailerError(`the SMTP server offers no AUTH mechanism this client speaks (PLAIN, LOGIN); it offers: ${[...caps.auth].join(', ') || 'none'}`);
}

export function smtpMailer(opts: SmtpOptions): Mailer {
	const from = parseMailbox(opts.from);
	if (!from) throw new MailerConfigError(`SMTP_FROM is not a mailbox: ${JSON.stringify(opts.from)}`);
	const timeoutMs = opts.timeoutMs ?? 30_000;
	const heloName = opts.heloName ?? '[127.0.0.1]';
	const now = opts.now ?? (() => new Date());

	async function open(): Promise<SmtpConn> {
		try {
			const target = { hostname: opts.host, port: opts.port };
			return await (opts.tls === 'implicit' ? opts.transport.connectTls(target) : opts.transport.connect(target));
		} catch (e) {
			throw new MailerError(`cannot connect to the SMTP server ${opts.host}:${opts.port}: ${(e as Error).message}`);
		}
	}

	return {
		name: 'smtp',
		async send(mail: OutgoingMail) {
			if (!isEmailAddress(mail.to)) throw new MailerError(`not a deliverable address: ${JSON.stringify(mail.to)}`, true);
			const to: Mailbox = mail.toName ? { name: mail.toName, address: mail.to } : { address: mail.to };
			const message = buildMessage({
				from,
				to,
				subject: mail.subject,
				text: mail.text,
				html: mail.html,
				messageId: `${mail.id}@${domainOf(from.address)}`,
				date: now(),
			});

			let s = new Session(await open(), timeoutMs);
			try {
				expect(await s.reply(), [220], 'greeting');
				let caps = await greet(s, heloName);
				let secure = opts.tls === 'implicit';
				if (!secure && opts.tls !== 'off' && caps.starttls) {
					expect(await s.command('STARTTLS'), [220], 'STARTTLS');
					// Anything already buffered was sent in clear before the handshake: an injection attempt.
					if (s.pending) throw new MailerError('the SMTP server sent data before the TLS handshake; refusing to continue');
					let upgraded: SmtpConn;
					try {
						upgraded = await opts.transport.startTls(s.conn, { hostname: opts.host });
					} catch (e) {
						throw new MailerError(`TLS with ${opts.host} failed: ${(e as Error).message}`);
					}
					s = new Session(upgraded, timeoutMs);
					caps = await greet(s, heloName);
					secure = true;
				}
				if (!secure && opts.tls === 'starttls') throw new MailerError(`the SMTP server ${opts.host} does not offer STARTTLS and SMTP_TLS=starttls requires it`);
				if (opts.user) {
					if (!secure && !isLoopback(opts.host)) throw new MailerError(`refusing to send the SMTP password to ${opts.host} without TLS`);
					await authenticate(s, caps, opts.user, opts.pass ?? '');
				}
				expect(await s.command(`MAIL FROM:<${from.address}>`), [250], 'MAIL FROM');
				// 5xx here is about the recipient (no such mailbox, relay denied for it): final.
				expect(await s.command(`RCPT TO:<${mail.to}>`), [250, 251], 'RCPT TO', true);
				expect(await s.command('DATA'), [354], 'DATA');
				await s.write(dotStuff(message));
				expect(await s.reply(), [250], 'end of data', true);
				// The message is accepted; a server that drops the line on QUIT changes nothing.
				await s.command('QUIT').catch(() => undefined);
			} finally {
				try {
					s.conn.close();
				} catch {
					// already closed (by the server, or by a reply timeout)
				}
			}
		},
	};
}
