// The SMTP provider against a real SMTP server over real sockets (tests/unit/smtp-server.ts): the
// message format (RFC 2047 headers, quoted-printable multipart, dot-stuffing) decoded back by
// independent code, STARTTLS and implicit TLS with certificate checks, AUTH PLAIN and LOGIN, and how
// each server failure is classed.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer, type SmtpOptions } from '#shared/mailer/smtp.ts';
import { buildMessage, dotStuff, encodeHeaderValue, formatMailbox, quotedPrintable, rfc5322Date } from '#shared/mailer/mime.ts';
import { isEmailAddress, parseMailbox } from '#shared/mailer/address.ts';
import { mailerFromEnv } from '#shared/mailer/from-env.ts';
import { MailerError, type OutgoingMail } from '#shared/mailer/types.ts';
import { makeCertificate, nodeTransport, SmtpTestServer, TLS_HOST, type ServerOptions, type TransportLog } from './smtp-server.ts';

// Independent decoders: what a mail client does with what we send. -------------------------------

function decodeHeader(value: string): string {
	return value
		.replace(/\r\n(?=[ \t])/g, '')
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64: string) => `\u0000${b64}\u0000`)
		.replace(/(?:\u0000[^\u0000]*\u0000)+/g, (run) =>
			Buffer.concat(run.split('\u0000').filter(Boolean).map((b) => Buffer.from(b, 'base64'))).toString('utf8'),
		);
}

function decodeQuotedPrintable(body: string): string {
	const joined = body.replace(/=\r\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < joined.length; i++) {
		if (joined[i] === '=') {
			bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(joined.charCodeAt(i));
	}
	return Buffer.from(bytes).toString('utf8');
}

interface Parsed {
	headers: Record<string, string>;
	parts: { type: string; encoding: string; body: string }[];
}

function parseMessage(message: string): Parsed {
	const split = message.indexOf('\r\n\r\n');
	const headers: Record<string, string> = {};
	for (const h of message.slice(0, split).split(/\r\n(?![ \t])/)) {
		const i = h.indexOf(':');
		headers[h.slice(0, i).toLowerCase()] = h.slice(i + 1).trim();
	}
	const boundary = /boundary="([^"]+)"/.exec(headers['content-type'])![1];
	const body = message.slice(split + 4);
	const segments = body.split(`--${boundary}`);
	expect(segments.at(-1)).toBe('--\r\n');
	const parts = segments.slice(1, -1).map((seg) => {
		const end = seg.indexOf('\r\n\r\n');
		const ph = seg.slice(2, end);
		return {
			type: /Content-Type: ([^;]+)/.exec(ph)![1],
			encoding: /Content-Transfer-Encoding: (.+)/.exec(ph)![1],
			body: decodeQuotedPrintable(seg.slice(end + 4).replace(/\r\n$/, '')).replace(/\r\n/g, '\n'),
		};
	});
	return { headers, parts };
}

const lines = (s: string) => s.split('\r\n');

// Format -------------------------------------------------------------------------------------------

describe('message format', () => {
	it('plain short ASCII headers are left alone; anything else becomes UTF-8 encoded-words that decode back', () => {
		expect(encodeHeaderValue('Hemos cerrado tu ticket #7', 'Subject')).toBe('Hemos cerrado tu ticket #7');
		const subjects = ['Número 7: ¿qué pasó? — ñandú 🦤', 'x'.repeat(200), '=?UTF-8?B?AAAA?= looks encoded', `${'é'.repeat(100)}${'😀'.repeat(30)}`];
		for (const s of subjects) {
			const encoded = encodeHeaderValue(s, 'Subject');
			expect(encoded).toMatch(/^[\x20-\x7e\r\n]*$/);
			expect(decodeHeader(encoded)).toBe(s);
			const folded = lines(`Subject: ${encoded}`);
			for (const l of folded) expect(l.length).toBeLessThanOrEqual(76);
			for (const l of folded.slice(1)) expect(l.startsWith(' =?UTF-8?B?')).toBe(true);
		}
	});

	it('line breaks in a header value cannot start a new header', () => {
		const encoded = encodeHeaderValue('hola\r\nBcc: victim@example.com', 'Subject');
		expect(encoded).toBe('hola Bcc: victim@example.com');
	});

	it('mailboxes: ASCII names quoted and escaped, others encoded', () => {
		expect(formatMailbox({ address: 'a@example.mx' })).toBe('<a@example.mx>');
		expect(formatMailbox({ name: 'Soporte "Mostrador"', address: 'a@example.mx' })).toBe('"Soporte \\"Mostrador\\"" <a@example.mx>');
		const encoded = formatMailbox({ name: 'Ana Núñez', address: 'ana@example.mx' });
		expect(encoded).toBe('=?UTF-8?B?QW5hIE7DusOxZXo=?=\r\n <ana@example.mx>');
		expect(decodeHeader(encoded)).toBe('Ana Núñez <ana@example.mx>');
	});

	it('quoted-printable: printable text stays readable, lines stay under 77, trailing spaces and = are encoded, and it decodes back', () => {
		expect(quotedPrintable('Hola a=b\nfin ')).toBe('Hola a=3Db\r\nfin=20');
		expect(quotedPrintable('año')).toBe('a=C3=B1o');
		const long = `${'ñ'.repeat(60)} ${'word '.repeat(40)}\t\n.dot line\n\nlast`;
		const qp = quotedPrintable(long);
		for (const l of lines(qp)) expect(l.length).toBeLessThanOrEqual(76);
		// No soft break splits an escape.
		expect(qp).not.toMatch(/=[0-9A-F]?=\r\n/);
		expect(decodeQuotedPrintable(qp).replace(/\r\n/g, '\n')).toBe(long);
	});

	it('dot-stuffing doubles a leading dot on every line (the first too) and ends with CRLF.CRLF', () => {
		expect(dotStuff('.a\r\nb\r\n..c\r\n.')).toBe('..a\r\nb\r\n...c\r\n..\r\n.\r\n');
		expect(dotStuff('a\nb')).toBe('a\r\nb\r\n.\r\n');
	});

	it('the whole message: headers, multipart/alternative with text then HTML, 7-bit, no line over 78', () => {
		const message = buildMessage({
			from: { name: 'Mostrador', address: 'soporte@example.mx' },
			to: { name: 'Ana Núñez', address: 'ana@example.mx' },
			subject: 'Resuelto: índice',
			text: 'Hola\n.\nfin',
			html: '<p>Hola</p>',
			messageId: 'abc@example.mx',
			date: new Date('2026-04-06T18:00:00Z'),
			boundary: '=_test',
		});
		expect(message).toMatch(/^[\x20-\x7e\r\n]*$/);
		for (const l of lines(message)) expect(l.length).toBeLessThanOrEqual(78);
		const parsed = parseMessage(message);
		expect(parsed.headers.from).toBe('"Mostrador" <soporte@example.mx>');
		expect(decodeHeader(parsed.headers.to)).toBe('Ana Núñez <ana@example.mx>');
		expect(decodeHeader(parsed.headers.subject)).toBe('Resuelto: índice');
		expect(parsed.headers.date).toBe('Mon, 06 Apr 2026 18:00:00 +0000');
		expect(parsed.headers['message-id']).toBe('<abc@example.mx>');
		expect(parsed.headers['mime-version']).toBe('1.0');
		expect(parsed.headers['auto-submitted']).toBe('auto-generated');
		expect(parsed.headers['x-auto-response-suppress']).toBe('All');
		expect(parsed.parts).toEqual([
			{ type: 'text/plain', encoding: 'quoted-printable', body: 'Hola\n.\nfin' },
			{ type: 'text/html', encoding: 'quoted-printable', body: '<p>Hola</p>' },
		]);
		expect(rfc5322Date(new Date('2026-12-31T23:59:59Z'))).toBe('Thu, 31 Dec 2026 23:59:59 +0000');
	});

	it('addresses: ordinary ones pass, anything that could carry a header or a command does not', () => {
		for (const ok of ['ana@example.mx', 'first.last+tag@sub.example.co.uk', "o'hara@example.ie"]) expect(isEmailAddress(ok)).toBe(true);
		for (const bad of ['ana', 'ana@', '@example.mx', 'ana@example', 'a b@example.mx', 'a@example.mx>', 'a@example.mx\r\nRCPT TO:<b@x.mx', '.a@example.mx', 'a..b@example.mx', 'a.@example.mx', 'a@-x.mx'])
			expect(isEmailAddress(bad)).toBe(false);
		expect(parseMailbox('Mostrador <soporte@example.mx>')).toEqual({ name: 'Mostrador', address: 'soporte@example.mx' });
		expect(parseMailbox('"Soporte, Mostrador" <soporte@example.mx>')).toEqual({ name: 'Soporte, Mostrador', address: 'soporte@example.mx' });
		expect(parseMailbox('soporte@example.mx')).toEqual({ address: 'soporte@example.mx' });
		expect(parseMailbox('Mostrador <nope>')).toBeUndefined();
	});
});

// Delivery -------------------------------------------------------------------------------------------

let key = '';
let cert = '';
/** The only root the client trusts. */
let ca = '';
beforeAll(() => {
	({ key, cert, ca } = makeCertificate());
});

let server: SmtpTestServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function start(opts: Omit<ServerOptions, 'key' | 'cert'> = {}): Promise<SmtpTestServer> {
	server = await new SmtpTestServer({ key, cert, ...opts }).listen();
	return server;
}

const mail: OutgoingMail = {
	id: '6f1c2d4e-8a9b-4c3d-9e2f-1a2b3c4d5e6f',
	to: 'ana@cliente.mx',
	toName: 'Ana Núñez',
	subject: 'Nueva respuesta en tu ticket #1042: ¿índice?',
	text: 'Hola, Ana:\n\n> Reinicia el servicio.\n.\n..dos puntos\nfin',
	html: '<p>Hola, Ana:</p>\n<blockquote>Reinicia el servicio.<br>.</blockquote>',
	kind: 'notify.ticket_reply',
};

function client(s: SmtpTestServer, opts: Partial<SmtpOptions> = {}, log?: TransportLog) {
	return smtpMailer({ host: TLS_HOST, port: s.port, from: 'Mostrador <soporte@example.mx>', tls: 'auto', transport: nodeTransport(s.port, ca, log), timeoutMs: 2000, now: () => new Date('2026-04-06T18:00:00Z'), ...opts });
}

async function failure(p: Promise<void>): Promise<MailerError> {
	const e = await p.then(
		() => undefined,
		(err) => err,
	);
	expect(e).toBeInstanceOf(MailerError);
	return e as MailerError;
}

describe('SMTP delivery', () => {
	it('delivers over STARTTLS with AUTH PLAIN; the server gets back exactly the text and HTML, dots and all', async () => {
		const s = await start({ starttls: true, auth: ['PLAIN', 'LOGIN'], users: { mostrador: 'sécret' } });
		const log: TransportLog = { connects: [], upgrades: [] };
		await client(s, { user: 'mostrador', pass: 'sécret' }, log).send(mail);
		expect(log).toEqual({ connects: [{ hostname: TLS_HOST, port: s.port, tls: false }], upgrades: [TLS_HOST] });
		expect(s.received).toHaveLength(1);
		const got = s.received[0];
		expect(got).toMatchObject({ from: 'soporte@example.mx', to: ['ana@cliente.mx'], secure: true, user: 'mostrador' });
		// Lines starting with a dot went over the wire doubled.
		expect(got.raw).toContain('\r\n..\r\n...dos puntos\r\n');
		const parsed = parseMessage(got.data);
		expect(decodeHeader(parsed.headers.subject)).toBe(mail.subject);
		expect(decodeHeader(parsed.headers.to)).toBe('Ana Núñez <ana@cliente.mx>');
		expect(parsed.headers['message-id']).toBe(`<${mail.id}@example.mx>`);
		expect(parsed.parts).toEqual([
			{ type: 'text/plain', encoding: 'quoted-printable', body: mail.text },
			{ type: 'text/html', encoding: 'quoted-printable', body: mail.html },
		]);
		expect(s.commands.map((c) => c.split(' ')[0])).toEqual(['EHLO', 'STARTTLS', 'EHLO', 'AUTH', 'MAIL', 'RCPT', 'DATA', 'QUIT']);
		expect(s.commands[0]).toBe('EHLO [127.0.0.1]');
	});

	it('AUTH LOGIN when it is the only mechanism offered', async () => {
		const s = await start({ starttls: true, auth: ['LOGIN'], users: { u: 'p' } });
		await client(s, { user: 'u', pass: 'p' }).send(mail);
		expect(s.received[0].user).toBe('u');
		expect(s.commands.slice(3, 6)).toEqual(['AUTH LOGIN', Buffer.from('u').toString('base64'), Buffer.from('p').toString('base64')]);
	});

	it('implicit TLS (port 465 style), which is the default the environment picks', async () => {
		const s = await start({ implicitTls: true, auth: ['PLAIN'], users: { u: 'p' } });
		const log: TransportLog = { connects: [], upgrades: [] };
		const env: Record<string, string> = { MAIL_PROVIDER: 'smtp', SMTP_HOST: TLS_HOST, SMTP_USER: 'u', SMTP_PASS: 'p', SMTP_FROM: 'soporte@example.mx' };
		await mailerFromEnv((n) => env[n], { smtpTransport: nodeTransport(s.port, ca, log) }).send(mail);
		expect(log.connects).toEqual([{ hostname: TLS_HOST, port: 465, tls: true }]);
		expect(s.received[0]).toMatchObject({ secure: true, user: 'u' });
	});

	it('a server without STARTTLS: plain delivery when nothing secret is sent (a local catcher)', async () => {
		const s = await start({ dribble: true });
		await client(s).send(mail);
		expect(s.received[0].secure).toBe(false);
	});

	it('tells auto-responders not to answer: Auto-Submitted (auto-replied for an automatic answer) and X-Auto-Response-Suppress; a staff thread without Reply-To', async () => {
		const s = await start({ dribble: true });
		await client(s).send(mail);
		const thread = { messageId: `${mail.id}@example.mx`, root: 'ticket-3f0c2f59-1f7a-4b0e-9b8a-2c7f0b1d4e5a@example.mx', threadIndex: 'AQHZ1234abcdAQHZ1234abcdAQHZ1234abcdAQ==' };
		await client(s).send({ ...mail, kind: 'notify.email_refused', autoSubmitted: 'auto-replied', thread });
		const [plain, answer] = s.received.map((r) => parseMessage(r.data).headers);
		expect(plain).toMatchObject({ 'auto-submitted': 'auto-generated', 'x-auto-response-suppress': 'All' });
		expect(answer).toMatchObject({ 'auto-submitted': 'auto-replied', 'x-auto-response-suppress': 'All', 'in-reply-to': `<${thread.root}>`, 'thread-index': thread.threadIndex });
		expect(answer).not.toHaveProperty('reply-to');
	});

	it('EHLO refused: falls back to HELO', async () => {
		const s = await start({ ehloRejected: true });
		await client(s, { tls: 'off' }).send(mail);
		expect(s.commands.slice(0, 2).map((c) => c.split(' ')[0])).toEqual(['EHLO', 'HELO']);
		expect(s.received).toHaveLength(1);
	});

	it('refuses to send the password in clear to another machine', async () => {
		const s = await start({ auth: ['PLAIN'], users: { u: 'p' } });
		const e = await failure(client(s, { user: 'u', pass: 'p' }).send(mail));
		expect(e.message).toBe(`refusing to send the SMTP password to ${TLS_HOST} without TLS`);
		expect(s.commands.some((c) => c.startsWith('AUTH'))).toBe(false);
	});

	it('SMTP_TLS=starttls refuses a server that does not offer it', async () => {
		const s = await start();
		const e = await failure(client(s, { tls: 'starttls' }).send(mail));
		expect(e).toMatchObject({ permanent: false, message: `the SMTP server ${TLS_HOST} does not offer STARTTLS and SMTP_TLS=starttls requires it` });
		expect(s.received).toEqual([]);
	});

	it('a certificate for another name fails the TLS handshake', async () => {
		const s = await start({ starttls: true });
		const e = await failure(client(s, { host: 'mail.other.test' }).send(mail));
		expect(e.message).toMatch(/^TLS with mail\.other\.test failed: /);
		expect(s.received).toEqual([]);
	});

	it('replies sent ahead of the TLS handshake (STARTTLS response injection) are refused', async () => {
		const s = await start({ starttls: true, injectAfterStarttls: '250 injected' });
		const e = await failure(client(s).send(mail));
		expect(e.message).toBe('the SMTP server sent data before the TLS handshake; refusing to continue');
		expect(s.received).toEqual([]);
	});
});

describe('SMTP failures, classed', () => {
	it('550 for the recipient is final', async () => {
		const s = await start({ rcpt: { 'ana@cliente.mx': '550 5.1.1 no such user' } });
		const e = await failure(client(s).send(mail));
		expect(e).toMatchObject({ permanent: true, message: 'SMTP RCPT TO: the server answered 550 5.1.1 no such user' });
	});

	it('451 for the recipient is retried', async () => {
		const s = await start({ rcpt: { 'ana@cliente.mx': '451 4.7.1 greylisted, try again' } });
		expect((await failure(client(s).send(mail))).permanent).toBe(false);
	});

	it('554 at the end of DATA (content rejected) is final; 452 is retried', async () => {
		let s = await start({ dataReply: '554 5.6.0 message rejected' });
		expect(await failure(client(s).send(mail))).toMatchObject({ permanent: true, message: 'SMTP end of data: the server answered 554 5.6.0 message rejected' });
		await s.close();
		s = await start({ dataReply: '452 4.3.1 out of storage' });
		expect((await failure(client(s).send(mail))).permanent).toBe(false);
	});

	it('wrong credentials are retried (fixed in the settings) and say what to check', async () => {
		const s = await start({ starttls: true, auth: ['PLAIN'], users: { u: 'p' } });
		const e = await failure(client(s, { user: 'u', pass: 'wrong' }).send(mail));
		expect(e).toMatchObject({ permanent: false, message: 'SMTP AUTH PLAIN (check SMTP_USER and SMTP_PASS): the server answered 535 5.7.8 Authentication credentials invalid' });
	});

	it('a server that never greets times out; one that is not there cannot be reached — both retried', async () => {
		const s = await start({ silent: true });
		const started = Date.now();
		const e = await failure(client(s, { timeoutMs: 300 }).send(mail));
		expect(e).toMatchObject({ permanent: false, message: 'the SMTP server said nothing for 300 ms' });
		expect(Date.now() - started).toBeLessThan(2000);
		const port = s.port;
		await s.close();
		server = undefined;
		const gone = await failure(smtpMailer({ host: '127.0.0.1', port, from: 'a@example.mx', tls: 'auto', transport: nodeTransport(port, ca) }).send(mail));
		expect(gone.message).toMatch(new RegExp(`^cannot connect to the SMTP server 127\\.0\\.0\\.1:${port}: `));
	});

	it('an address that could inject a command is final and never reaches the server', async () => {
		const s = await start();
		const e = await failure(client(s).send({ ...mail, to: 'a@x.mx>\r\nRCPT TO:<b@x.mx' }));
		expect(e.permanent).toBe(true);
		expect(s.commands).toEqual([]);
	});
});
