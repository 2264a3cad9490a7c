// A tiny SMTP server (RFC 5321) for the SMTP client's tests: a third-party stand-in speaking the real
// protocol over real sockets — EHLO/HELO, STARTTLS with a real TLS handshake, implicit TLS, AUTH
// PLAIN/LOGIN, MAIL/RCPT/DATA with dot-unstuffing — plus switches for the failures servers produce.
// Also the node:net/node:tls transport the SMTP provider takes, pointed at this server.
import net from 'node:net';
import tls from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmtpTransport } from '#shared/mailer/smtp.ts';

export const TLS_HOST = 'smtp.example.test';

/**
 * A throwaway certificate authority and a server certificate it signed for TLS_HOST (openssl), valid
 * one day. A real chain, not a self-signed leaf: strict verifiers (rustls, as in Deno) refuse a CA
 * certificate presented as the server's own.
 */
export function makeCertificate(): { key: string; cert: string; ca: string } {
	const dir = mkdtempSync(join(tmpdir(), 'smtp-cert-'));
	const f = (name: string) => join(dir, name);
	const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	try {
		openssl('req', '-x509', ...ec, '-days', '1', '-subj', '/CN=Mostrador test CA', '-keyout', f('ca.key'), '-out', f('ca.pem'));
		openssl('req', '-new', ...ec, '-subj', `/CN=${TLS_HOST}`, '-keyout', f('key.pem'), '-out', f('server.csr'));
		writeFileSync(f('ext.cnf'), `basicConstraints=critical,CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:${TLS_HOST}\n`);
		openssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '1', '-extfile', f('ext.cnf'), '-out', f('cert.pem'));
		return { key: readFileSync(f('key.pem'), 'utf8'), cert: readFileSync(f('cert.pem'), 'utf8'), ca: readFileSync(f('ca.pem'), 'utf8') };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export interface Received {
	from: string;
	to: string[];
	/** The message as the client meant it: CRLF line ends, dots unstuffed, without the final ".". */
	data: string;
	/** The DATA bytes as they came over the wire. */
	raw: string;
	secure: boolean;
	user?: string;
}

export interface ServerOptions {
	key: string;
	cert: string;
	starttls?: boolean;
	implicitTls?: boolean;
	auth?: ('PLAIN' | 'LOGIN')[];
	users?: Record<string, string>;
	/** Replies to RCPT TO for given addresses, e.g. '550 5.1.1 no such user'. */
	rcpt?: Record<string, string>;
	/** Reply to the end of DATA instead of 250. */
	dataReply?: string;
	ehloRejected?: boolean;
	/** After "220 go ahead" to STARTTLS, also send this line in clear (a response-injection attack). */
	injectAfterStarttls?: string;
	/** Never greet. */
	silent?: boolean;
	/** Split every reply into single bytes, written apart. */
	dribble?: boolean;
}

export class SmtpTestServer {
	readonly received: Received[] = [];
	/** Every command line, in order, with AUTH secrets as sent. */
	readonly commands: string[] = [];
	port = 0;
	private readonly server: net.Server;
	private readonly sockets = new Set<net.Socket>();
	private readonly opts: ServerOptions;

	constructor(opts: ServerOptions) {
		this.opts = opts;
		const onConnection = (socket: net.Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
			socket.on('error', () => {});
			this.session(socket, Boolean(opts.implicitTls));
		};
		this.server = opts.implicitTls ? tls.createServer({ key: opts.key, cert: opts.cert }, onConnection) : net.createServer(onConnection);
	}

	async listen(): Promise<this> {
		await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
		this.port = (this.server.address() as net.AddressInfo).port;
		return this;
	}

	async close(): Promise<void> {
		for (const s of this.sockets) s.destroy();
		await new Promise((r) => this.server.close(r));
	}

	private session(initial: net.Socket, startSecure: boolean) {
		const o = this.opts;
		let socket: net.Socket = initial;
		let secure = startSecure;
		let buffer = '';
		let user: string | undefined;
		let mail: Omit<Received, 'data' | 'raw' | 'secure' | 'user'> | undefined;
		let data: string[] | undefined;
		let raw = '';
		let loginStep: 'user' | 'pass' | undefined;
		let loginUser = '';

		const send = (line: string) => {
			const bytes = `${line}\r\n`;
			if (!o.dribble) socket.write(bytes);
			else for (const ch of bytes) socket.write(ch);
		};
		const caps = () => [
			'250-smtp.example.test greets you',
			...(o.starttls && !secure ? ['250-STARTTLS'] : []),
			...(o.auth?.length ? [`250-AUTH ${o.auth.join(' ')}`] : []),
			'250-8BITMIME',
			'250 SIZE 10485760',
		];
		const checkLogin = (u: string, p: string) => {
			if (o.users?.[u] === p) {
				user = u;
				send('235 2.7.0 Authentication successful');
			} else send('535 5.7.8 Authentication credentials invalid');
		};

		const onLine = (line: string) => {
			if (data) {
				raw += `${line}\r\n`;
				if (line === '.') {
					const message = data.join('\r\n') + (data.length ? '\r\n' : '');
					data = undefined;
					if (o.dataReply) return send(o.dataReply);
					this.received.push({ ...mail!, data: message, raw, secure, user });
					mail = undefined;
					return send('250 2.0.0 queued');
				}
				data.push(line.startsWith('.') ? line.slice(1) : line);
				return;
			}
			this.commands.push(line);
			if (loginStep === 'user') {
				loginUser = Buffer.from(line, 'base64').toString();
				loginStep = 'pass';
				return send('334 UGFzc3dvcmQ6');
			}
			if (loginStep === 'pass') {
				loginStep = undefined;
				return checkLogin(loginUser, Buffer.from(line, 'base64').toString());
			}
			const [verb, ...rest] = line.split(' ');
			const arg = rest.join(' ');
			switch (verb.toUpperCase()) {
				case 'EHLO':
					if (o.ehloRejected) return send('502 5.5.1 EHLO not implemented');
					return caps().forEach(send);
				case 'HELO':
					return send('250 smtp.example.test');
				case 'STARTTLS': {
					if (!o.starttls || secure) return send('502 5.5.1 not now');
					// One write, so the injected line arrives with the 220 as an attacker's would.
					send(o.injectAfterStarttls ? `220 2.0.0 go ahead\r\n${o.injectAfterStarttls}` : '220 2.0.0 go ahead');
					socket.removeListener('data', onData);
					const upgraded = new tls.TLSSocket(socket, { isServer: true, key: o.key, cert: o.cert });
					upgraded.on('error', () => {});
					socket = upgraded;
					secure = true;
					buffer = '';
					socket.on('data', onData);
					return;
				}
				case 'AUTH': {
					const [mech, initial] = arg.split(' ');
					if (!o.auth?.includes(mech as 'PLAIN')) return send('504 5.5.4 mechanism not supported');
					if (mech === 'PLAIN') {
						const [, u, p] = Buffer.from(initial ?? '', 'base64').toString().split('\u0000');
						return checkLogin(u, p);
					}
					loginStep = 'user';
					return send('334 VXNlcm5hbWU6');
				}
				case 'MAIL':
					mail = { from: /^FROM:<(.*)>/i.exec(arg)?.[1] ?? '', to: [] };
					return send('250 2.1.0 ok');
				case 'RCPT': {
					const to = /^TO:<(.*)>/i.exec(arg)?.[1] ?? '';
					const refusal = o.rcpt?.[to];
					if (refusal) return send(refusal);
					mail?.to.push(to);
					return send('250 2.1.5 ok');
				}
				case 'DATA':
					data = [];
					raw = '';
					return send('354 end data with <CR><LF>.<CR><LF>');
				case 'QUIT':
					send('221 2.0.0 bye');
					return socket.end();
				default:
					return send('500 5.5.2 what?');
			}
		};
		const onData = (chunk: Buffer) => {
			buffer += chunk.toString('latin1');
			let i: number;
			while ((i = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, i);
				buffer = buffer.slice(i + 2);
				onLine(line);
			}
		};
		socket.on('data', onData);
		if (!o.silent) send('220 smtp.example.test ESMTP test server');
	}
}

export interface TransportLog {
	connects: { hostname: string; port: number; tls: boolean }[];
	upgrades: string[];
}

/**
 * node:net / node:tls sockets for the SMTP provider: every connection goes to 127.0.0.1:<port> whatever
 * host the client names, and TLS (implicit, or the STARTTLS upgrade nodemailer performs) checks the
 * certificate against that name with the test certificate as the only trusted root — so a wrong name
 * fails as it would for real. Upgrades are logged by the name the certificate was checked against.
 */
export function nodeTransport(port: number, ca: string, log: TransportLog = { connects: [], upgrades: [] }): SmtpTransport {
	return {
		connect(o) {
			log.connects.push({ hostname: o.hostname, port: o.port, tls: o.tls });
			return new Promise((resolve, reject) => {
				const s: net.Socket = o.tls
					? tls.connect({ host: '127.0.0.1', port, servername: o.hostname, ca: [ca] }, () => resolve(s))
					: net.connect(port, '127.0.0.1', () => resolve(s));
				s.once('error', reject);
			});
		},
		startTlsOptions: (o) => ({
			ca: [ca],
			servername: o.hostname,
			checkServerIdentity(host, cert) {
				log.upgrades.push(host);
				return tls.checkServerIdentity(host, cert);
			},
		}),
	};
}
