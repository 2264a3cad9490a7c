// The stack's inbound SMTP port (127.0.0.1, MOSTRADOR_SMTP_PORT, 54325 by default), with the
// smtp-server library. What a hosted project gets from its inbound mail provider's webhook, this gives
// locally: each message received is
//   1. kept in the mailbox as an inbound mail, with its header fields and its raw source, and then
//   2. handed to the same code production runs: POST /functions/v1/inbound-email on this stack, the raw
//      message as message/rfc822, Authorization: Bearer <INBOUND_EMAIL_SECRET>, one X-Envelope-To per
//      RCPT TO (the addresses it was delivered to, which a Bcc or a forward leaves out of To).
//      Like a provider, it first writes its verdict on top of the message: `Authentication-Results:
//      <INBOUND_AUTHSERV_ID>; dmarc=pass (loopback: …)`. It checks nothing (everything here comes from
//      this machine), so every sender counts as authenticated; the function trusts only that id's
//      verdict, as it trusts only the provider's in production. The mailbox keeps the message as sent.
// The SMTP answer is 250 once the mail is stored: what the function does with it is logged, never
// bounced, as a provider that took the mail would not bounce it either. Loopback only, so no AUTH and
// no STARTTLS; messages over the size limit are refused with 552.
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import PostalMime, { type Address, type Email } from 'postal-mime';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Stack } from './stack-types.ts';
import { functionEnvValue } from './functions/env.ts';
import { SUPABASE_DIR } from './config.ts';

export interface InboundSmtp {
	port: number;
	stop(): Promise<void>;
}

/** Header fields kept for the mailbox, with the spelling mail clients show. */
const KEPT = ['Message-ID', 'In-Reply-To', 'References', 'Thread-Index', 'Date', 'Auto-Submitted', 'X-Envelope-To'];

function formatAddresses(list: Address[] | Address | undefined): string | undefined {
	const all = (Array.isArray(list) ? list : list ? [list] : []).flatMap((a) => (a.group ? a.group : [a]));
	if (!all.length) return undefined;
	return all.map((a) => (a.name ? `${a.name} <${a.address}>` : (a.address ?? ''))).join(', ');
}

/** The header fields of a parsed message: addresses and subject decoded, the rest as they came. */
export function inboundHeaders(email: Email): Record<string, string> {
	const out: Record<string, string> = {};
	const put = (k: string, v: string | undefined) => {
		if (v) out[k] = v;
	};
	put('From', formatAddresses(email.from));
	put('To', formatAddresses(email.to));
	put('Cc', formatAddresses(email.cc));
	put('Reply-To', formatAddresses(email.replyTo));
	put('Subject', email.subject);
	for (const name of KEPT) {
		const found = email.headers.filter((h) => h.key === name.toLowerCase()).map((h) => h.value.trim());
		put(name, found.join(', ') || undefined);
	}
	return out;
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of stream) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
}

/** The header line the stack writes on top of every message it hands over, as a receiving provider does. */
export function authenticationResults(authservId: string): string {
	return `Authentication-Results: ${authservId}; dmarc=pass (loopback: the local stack does not verify)`;
}

/** The message with our Authentication-Results on top, in the line ending the message itself uses. */
export function withAuthenticationResults(raw: Buffer, authservId: string): Buffer {
	const crlf = raw.indexOf('\r\n') !== -1 || raw.indexOf('\n') === -1;
	return Buffer.concat([Buffer.from(authenticationResults(authservId) + (crlf ? '\r\n' : '\n')), raw]);
}

/** Hands a received message to the inbound-email function; logs what came of it. */
async function handOff(stack: Stack, raw: Buffer, envelopeTo: string[], mailId: number): Promise<void> {
	const { config, log } = stack;
	const envFile = join(SUPABASE_DIR, 'functions', '.env');
	const secret = functionEnvValue(config, envFile, 'INBOUND_EMAIL_SECRET') ?? '';
	const authservId = functionEnvValue(config, envFile, 'INBOUND_AUTHSERV_ID') ?? config.email.authservId;
	const headers = new Headers({ 'content-type': 'message/rfc822', authorization: `Bearer ${secret}` });
	for (const to of envelopeTo) headers.append('x-envelope-to', to);
	try {
		const message = new Uint8Array(withAuthenticationResults(raw, authservId));
		const res = await fetch(`${config.apiUrl}/functions/v1/inbound-email`, { method: 'POST', headers, body: message, signal: AbortSignal.timeout(config.functions.timeoutMs + 5_000) });
		const body = (await res.text().catch(() => '')).slice(0, 300);
		if (res.ok) log(`smtp: mail ${mailId} handed to inbound-email: ${res.status} ${body}`);
		else log(`smtp: mail ${mailId} kept in the mailbox; inbound-email answered ${res.status}${res.status === 404 ? ' (no such function yet)' : ''}: ${body}`);
	} catch (e) {
		log(`smtp: mail ${mailId} kept in the mailbox; inbound-email could not be reached: ${(e as Error).message}`);
	}
}

interface Received {
	id: number;
	raw: Buffer;
	envelopeTo: string[];
}

async function receive(stack: Stack, stream: SMTPServerDataStream, session: SMTPServerSession): Promise<Received> {
	const raw = await readAll(stream);
	if (stream.sizeExceeded) throw Object.assign(new Error('Message exceeds the fixed maximum message size'), { responseCode: 552 });
	const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
	const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
	let email: Email | undefined;
	try {
		email = await PostalMime.parse(raw);
	} catch (e) {
		// Kept all the same: the raw source shows what was wrong with it.
		stack.log(`smtp: a message from ${envelopeFrom || '<>'} could not be parsed: ${(e as Error).message}`);
	}
	const headers = email ? inboundHeaders(email) : {};
	if (!headers.From && envelopeFrom) headers.From = envelopeFrom;
	const mail = await stack.mail.send({
		direction: 'inbound',
		to: envelopeTo.join(', '),
		subject: email?.subject ?? '',
		text: email?.text ?? '',
		html: email?.html ?? undefined,
		kind: 'smtp.inbound',
		data: { envelope: { from: envelopeFrom, to: envelopeTo }, remote: session.remoteAddress },
		headers,
		raw,
	});
	return { id: mail.id, raw, envelopeTo };
}

export async function startInboundSmtp(stack: Stack): Promise<InboundSmtp> {
	const { config } = stack;
	const server = new SMTPServer({
		banner: 'Mostrador local stack',
		// Loopback only: nobody to authenticate and nothing to encrypt against.
		disabledCommands: ['AUTH', 'STARTTLS'],
		authOptional: true,
		size: config.smtp.maxSize,
		rejectOversized: true,
		logger: false,
		// A client still connected when the stack stops gets 421 after a second, not the default 30.
		closeTimeout: 1000,
		onData(stream, session, callback) {
			receive(stack, stream, session).then(
				(got) => {
					// The sender has its 250 before the function runs: hand-off failures stay in the log.
					callback(null, `Message ${got.id} kept`);
					void handOff(stack, got.raw, got.envelopeTo, got.id);
				},
				(e: Error & { responseCode?: number }) => {
					stream.resume();
					if (!e.responseCode) stack.log(`smtp: a message could not be kept: ${e.message}`);
					callback(e.responseCode ? e : Object.assign(new Error('Could not store the message, try again'), { responseCode: 451 }));
				},
			);
		},
	});
	server.on('error', (e) => stack.log(`smtp: ${e.message}`));
	await new Promise<void>((resolve, reject) => {
		const onError = (e: Error) => reject(e);
		server.server.once('error', onError);
		server.listen(config.smtp.port, config.host, () => {
			server.server.off('error', onError);
			resolve();
		});
	});
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		stop: () => new Promise<void>((r) => server.close(() => r())),
	};
}
