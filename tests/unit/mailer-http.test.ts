// The HTTP providers against a real HTTP server standing in for the e-mail API (Resend-style) and for
// the local stack's mailbox: what is sent, and how each kind of answer is classed (delivered,
// retry later, never). Also which provider the environment picks, and its configuration errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpMailer } from '#shared/mailer/http.ts';
import { stackMailer } from '#shared/mailer/stack.ts';
import { mailerFromEnv, providerName } from '#shared/mailer/from-env.ts';
import { MailerConfigError, MailerError, type OutgoingMail } from '#shared/mailer/types.ts';
import type { SmtpTransport } from '#shared/mailer/smtp.ts';

interface Seen {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: unknown;
}

/** Answers with whatever `reply` says; `hang` never answers. */
let reply: { status: number; body?: string } | 'hang' = { status: 200, body: '{"id":"re_1"}' };
const seen: Seen[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let data = '';
		req.on('data', (c) => (data += c));
		req.on('end', () => {
			seen.push({ method: req.method!, path: req.url!, headers: req.headers, body: data ? JSON.parse(data) : null });
			if (reply === 'hang') return;
			res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body ?? '');
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
	server.closeAllConnections();
	server.close();
});

const mail: OutgoingMail = { id: '6f1c2d4e-8a9b-4c3d-9e2f-1a2b3c4d5e6f', to: 'ana@cliente.mx', toName: 'Ana', subject: 'Hemos cerrado tu ticket #7', text: 'Hola', html: '<p>Hola</p>', kind: 'notify.ticket_auto_closed' };

async function failure(p: Promise<void>): Promise<MailerError> {
	const e = await p.then(
		() => undefined,
		(err) => err,
	);
	expect(e).toBeInstanceOf(MailerError);
	return e as MailerError;
}

describe('http provider (Resend-style JSON API)', () => {
	// A generous timeout, so a loaded machine does not turn an answer into a timeout; the test of the
	// timeout itself uses a short one.
	const mailer = (timeoutMs = 5000) => httpMailer({ apiUrl: `${base}/emails`, apiKey: 're_test_key', from: 'Mostrador <soporte@example.mx>', timeoutMs });

	it('POSTs the message as JSON with the key and an idempotency key per notification', async () => {
		reply = { status: 200, body: '{"id":"re_1"}' };
		seen.length = 0;
		await mailer().send(mail);
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({ method: 'POST', path: '/emails', body: { from: 'Mostrador <soporte@example.mx>', to: ['ana@cliente.mx'], subject: 'Hemos cerrado tu ticket #7', text: 'Hola', html: '<p>Hola</p>' } });
		expect(seen[0].headers.authorization).toBe('Bearer re_test_key');
		expect(seen[0].headers['content-type']).toBe('application/json');
		expect(seen[0].headers['idempotency-key']).toBe(`notification-${mail.id}`);
	});

	it('every mail tells auto-responders not to answer, as custom headers; automatic answers say auto-replied; no reply_to without a reply address', async () => {
		reply = { status: 200, body: '{"id":"re_1"}' };
		seen.length = 0;
		await mailer().send(mail);
		await mailer().send({ ...mail, kind: 'notify.email_unknown_sender', autoSubmitted: 'auto-replied' });
		expect(seen.map((s) => (s.body as { headers: unknown }).headers)).toEqual([
			{ 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
			{ 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
		]);
		for (const s of seen) expect(s.body).not.toHaveProperty('reply_to');
	});

	it.each([429, 500, 503, 408, 409])('%i is worth retrying', async (status) => {
		reply = { status, body: '{"message":"slow down"}' };
		const e = await failure(mailer().send(mail));
		expect(e.permanent).toBe(false);
		expect(e.message).toBe(`the mail API answered ${status}: {"message":"slow down"}`);
	});

	it('401 is retried (the key is fixed in the settings, the message is fine) and says what to check', async () => {
		reply = { status: 401, body: 'bad key' };
		const e = await failure(mailer().send(mail));
		expect(e.permanent).toBe(false);
		expect(e.message).toBe('the mail API answered 401 (check MAIL_API_KEY): bad key');
	});

	it.each([400, 422])('%i is about this message: final', async (status) => {
		reply = { status, body: '{"message":"invalid to"}' };
		expect((await failure(mailer().send(mail))).permanent).toBe(true);
	});

	it('a closed port is a transient failure', async () => {
		const closed = http.createServer();
		await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((r) => closed.close(r));
		const e = await failure(httpMailer({ apiUrl: `http://127.0.0.1:${port}/emails`, apiKey: 'k', from: 'a@example.mx' }).send(mail));
		expect(e.permanent).toBe(false);
		expect(e.message).toMatch(new RegExp(`^the mail API at http://127\\.0\\.0\\.1:${port} is unreachable: `));
	});

	it('an API that never answers times out as a transient failure', async () => {
		reply = 'hang';
		const e = await failure(mailer(500).send(mail));
		expect(e).toMatchObject({ permanent: false, message: expect.stringContaining('no answer within 500 ms') });
	});

	it('an address that is not one is final without a request', async () => {
		reply = { status: 200 };
		seen.length = 0;
		const e = await failure(mailer().send({ ...mail, to: 'ana@cliente.mx, otro@x.mx' }));
		expect(e.permanent).toBe(true);
		expect(seen).toEqual([]);
	});
});

describe('stack provider (the local mailbox)', () => {
	it('POSTs to <SUPABASE_URL>/_mail with the service key, the kind and the notification id', async () => {
		reply = { status: 201, body: '{}' };
		seen.length = 0;
		await stackMailer({ supabaseUrl: `${base}/`, serviceRoleKey: 'service-key' }).send(mail);
		expect(seen[0]).toMatchObject({
			method: 'POST',
			path: '/_mail',
			body: { to: 'ana@cliente.mx', subject: 'Hemos cerrado tu ticket #7', text: 'Hola', html: '<p>Hola</p>', kind: 'notify.ticket_auto_closed', data: { notification: mail.id } },
		});
		expect(seen[0].headers.authorization).toBe('Bearer service-key');
		// Without a configured sender the mailbox writes its own From; the auto-responder fields always.
		expect((seen[0].body as { headers: unknown }).headers).toEqual({ To: 'Ana <ana@cliente.mx>', 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' });
	});

	it('an automatic answer to a received mail is marked auto-replied', async () => {
		reply = { status: 201, body: '{}' };
		seen.length = 0;
		await stackMailer({ supabaseUrl: base, serviceRoleKey: 'k', from: 'no-reply@demo.mostrador.test' }).send({ ...mail, autoSubmitted: 'auto-replied' });
		expect((seen[0].body as { headers: unknown }).headers).toMatchObject({ From: 'no-reply@demo.mostrador.test', 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' });
	});

	it('anything but 201 is a transient failure with the answer', async () => {
		reply = { status: 403, body: '{"code":"not_admin"}' };
		const e = await failure(stackMailer({ supabaseUrl: base, serviceRoleKey: 'anon' }).send(mail));
		expect(e).toMatchObject({ permanent: false, message: 'the local mailbox answered 403: {"code":"not_admin"}' });
	});
});

describe('choosing the provider from the environment', () => {
	const env = (vars: Record<string, string>) => (name: string) => vars[name];
	const sockets = {} as SmtpTransport;

	it('defaults to the local mailbox only when SUPABASE_URL is this machine', () => {
		expect(providerName(env({ SUPABASE_URL: 'http://127.0.0.1:54321' }))).toBe('stack');
		expect(providerName(env({ SUPABASE_URL: 'http://localhost:54321' }))).toBe('stack');
		expect(providerName(env({ SUPABASE_URL: 'https://abc.supabase.co' }))).toBe('');
		expect(providerName(env({ SUPABASE_URL: 'http://kong:8000', MAIL_PROVIDER: 'SMTP' }))).toBe('smtp');
		expect(mailerFromEnv(env({ SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_SERVICE_ROLE_KEY: 'k' })).name).toBe('stack');
	});

	it('stack: sends from MAIL_FROM, else no-reply@ the support address’s domain (never the support address), else the mailbox’s own', () => {
		const local = { SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_SERVICE_ROLE_KEY: 'k' };
		expect(mailerFromEnv(env({ ...local, SUPPORT_ADDRESS: 'soporte@demo.mostrador.test' })).sender).toBe('no-reply@demo.mostrador.test');
		expect(mailerFromEnv(env({ ...local, SUPPORT_ADDRESS: 'soporte@demo.mostrador.test', MAIL_FROM: 'Avisos <avisos@demo.mostrador.test>' })).sender).toBe('avisos@demo.mostrador.test');
		expect(mailerFromEnv(env(local)).sender).toBeUndefined();
		expect(mailerFromEnv(env({ ...local, SUPPORT_ADDRESS: 'not an address' })).sender).toBeUndefined();
	});

	it('a hosted project without MAIL_PROVIDER is a configuration error, not a silent drop', () => {
		expect(() => mailerFromEnv(env({ SUPABASE_URL: 'https://abc.supabase.co' }))).toThrow(MailerConfigError);
		expect(() => mailerFromEnv(env({ SUPABASE_URL: 'https://abc.supabase.co' }))).toThrow('MAIL_PROVIDER is not set (http or smtp; stack only works against the local stack)');
		expect(() => mailerFromEnv(env({ MAIL_PROVIDER: 'carrier-pigeon' }))).toThrow('MAIL_PROVIDER must be stack, http or smtp, not "carrier-pigeon"');
	});

	it('http: every missing or wrong setting named at once; the key only over https (or to this machine)', () => {
		expect(() => mailerFromEnv(env({ MAIL_PROVIDER: 'http' }))).toThrow('MAIL_PROVIDER=http: MAIL_API_URL is not set; MAIL_API_KEY is not set; MAIL_FROM is not set');
		expect(() => mailerFromEnv(env({ MAIL_PROVIDER: 'http', MAIL_API_URL: 'http://api.resend.com/emails', MAIL_API_KEY: 'k', MAIL_FROM: 'Mostrador soporte@x' }))).toThrow(
			'MAIL_PROVIDER=http: MAIL_FROM is not a mailbox like "Mostrador <soporte@example.com>": "Mostrador soporte@x"; MAIL_API_URL must be https (http only for 127.0.0.1 / localhost)',
		);
		expect(mailerFromEnv(env({ MAIL_PROVIDER: 'http', MAIL_API_URL: 'https://api.resend.com/emails', MAIL_API_KEY: 'k', MAIL_FROM: 'Mostrador <soporte@example.mx>' })).name).toBe('http');
		expect(mailerFromEnv(env({ MAIL_PROVIDER: 'http', MAIL_API_URL: 'http://127.0.0.1:9/emails', MAIL_API_KEY: 'k', MAIL_FROM: 'soporte@example.mx' })).name).toBe('http');
	});

	it('smtp: port, TLS mode, credentials in pairs, sender; 465 (implicit TLS) by default', () => {
		expect(() => mailerFromEnv(env({ MAIL_PROVIDER: 'smtp', SMTP_HOST: 'smtp.example.mx', SMTP_PORT: '99999', SMTP_USER: 'u', SMTP_FROM: 'soporte@example.mx', SMTP_TLS: 'maybe' }), { smtpTransport: sockets })).toThrow(
			'MAIL_PROVIDER=smtp: SMTP_PORT is not a port number: "99999"; SMTP_USER and SMTP_PASS go together: set both or neither; SMTP_TLS must be auto, starttls, implicit or off: "maybe"',
		);
		expect(() => mailerFromEnv(env({ MAIL_PROVIDER: 'smtp', SMTP_HOST: 'h', SMTP_FROM: 'a@example.mx' }))).toThrow('this runtime gave the SMTP provider no sockets');
		expect(mailerFromEnv(env({ MAIL_PROVIDER: 'smtp', SMTP_HOST: 'h', MAIL_FROM: 'a@example.mx' }), { smtpTransport: sockets }).name).toBe('smtp');
	});
});
