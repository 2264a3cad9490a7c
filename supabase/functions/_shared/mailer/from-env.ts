// Which provider sends, from the function's environment (supabase/functions/.env locally, `supabase
// secrets set` when hosted):
//   MAIL_PROVIDER=stack  the local stack's mailbox (the default when SUPABASE_URL is on this machine),
//                        sent from MAIL_FROM or else no-reply@<the domain of SUPPORT_ADDRESS> (never the
//                        support address itself: staff mails carry no Reply-To, so their From must
//                        not be where customers write)
//   MAIL_PROVIDER=http   MAIL_API_URL, MAIL_API_KEY, MAIL_FROM (a Resend-style JSON API)
//   MAIL_PROVIDER=smtp   nodemailer; SMTP_HOST, SMTP_PORT (465, implicit TLS, by default: hosted Edge Functions may
//                        not connect to ports 25 and 587 — supabase.com/docs/guides/functions/limits),
//                        SMTP_USER + SMTP_PASS (optional, together), SMTP_FROM (or MAIL_FROM),
//                        SMTP_TLS (implicit on 465, else auto | starttls | off), SMTP_HELO
// Every mistake is reported at once, by name, before anything is claimed from the outbox.
import { MailerConfigError, type Fetch, type Mailer } from './types.ts';
import { parseMailbox } from './address.ts';
import { stackMailer } from './stack.ts';
import { httpMailer } from './http.ts';
import { smtpMailer, type SmtpTls, type SmtpTransport } from './smtp.ts';

export type Env = (name: string) => string | undefined;

export interface MailerDeps {
	fetch?: Fetch;
	/** Required for MAIL_PROVIDER=smtp: the runtime's sockets. */
	smtpTransport?: SmtpTransport;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopbackUrl(value: string | undefined): boolean {
	if (!value) return false;
	try {
		return LOOPBACK.has(new URL(value).hostname);
	} catch {
		return false;
	}
}

function required(env: Env, name: string, problems: string[]): string {
	const v = env(name)?.trim();
	if (!v) problems.push(`${name} is not set`);
	return v ?? '';
}

function fromAddress(env: Env, names: string[], problems: string[]): string {
	const name = names.find((n) => env(n)?.trim());
	if (!name) {
		problems.push(`${names.join(' or ')} is not set`);
		return '';
	}
	const value = env(name)!.trim();
	if (!parseMailbox(value)) problems.push(`${name} is not a mailbox like "Mostrador <soporte@example.com>": ${JSON.stringify(value)}`);
	return value;
}

/** no-reply@<domain> of the support address; undefined when it is unset or not an address. */
export function noReplyOf(supportAddress: string | undefined): string | undefined {
	const m = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/.exec(supportAddress?.trim().toLowerCase() ?? '');
	return m && parseMailbox(`no-reply@${m[1]}`) ? `no-reply@${m[1]}` : undefined;
}

export function providerName(env: Env): string {
	const explicit = env('MAIL_PROVIDER')?.trim().toLowerCase();
	if (explicit) return explicit;
	return isLoopbackUrl(env('SUPABASE_URL')) ? 'stack' : '';
}

export function mailerFromEnv(env: Env, deps: MailerDeps = {}): Mailer {
	const provider = providerName(env);
	const problems: string[] = [];
	let make: () => Mailer;
	switch (provider) {
		case 'stack': {
			const supabaseUrl = required(env, 'SUPABASE_URL', problems);
			const serviceRoleKey = required(env, 'SUPABASE_SERVICE_ROLE_KEY', problems);
			const from = env('MAIL_FROM')?.trim() ? fromAddress(env, ['MAIL_FROM'], problems) : noReplyOf(env('SUPPORT_ADDRESS'));
			make = () => stackMailer({ supabaseUrl, serviceRoleKey, from, fetch: deps.fetch });
			break;
		}
		case 'http': {
			const apiUrl = required(env, 'MAIL_API_URL', problems);
			const apiKey = required(env, 'MAIL_API_KEY', problems);
			const from = fromAddress(env, ['MAIL_FROM'], problems);
			if (apiUrl) {
				let url: URL | undefined;
				try {
					url = new URL(apiUrl);
				} catch {
					problems.push(`MAIL_API_URL is not a URL: ${JSON.stringify(apiUrl)}`);
				}
				// The key travels in every request: only in clear to this machine.
				if (url && url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) problems.push('MAIL_API_URL must be https (http only for 127.0.0.1 / localhost)');
			}
			make = () => httpMailer({ apiUrl, apiKey, from, fetch: deps.fetch });
			break;
		}
		case 'smtp': {
			const host = required(env, 'SMTP_HOST', problems);
			const portText = env('SMTP_PORT')?.trim() || '465';
			const port = Number(portText);
			if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`SMTP_PORT is not a port number: ${JSON.stringify(portText)}`);
			const user = env('SMTP_USER')?.trim() || undefined;
			const pass = env('SMTP_PASS') || undefined;
			if (Boolean(user) !== Boolean(pass)) problems.push('SMTP_USER and SMTP_PASS go together: set both or neither');
			const from = fromAddress(env, ['SMTP_FROM', 'MAIL_FROM'], problems);
			const tlsText = env('SMTP_TLS')?.trim().toLowerCase() || (port === 465 ? 'implicit' : 'auto');
			if (!['implicit', 'starttls', 'auto', 'off'].includes(tlsText)) problems.push(`SMTP_TLS must be auto, starttls, implicit or off: ${JSON.stringify(tlsText)}`);
			const heloName = env('SMTP_HELO')?.trim() || undefined;
			if (heloName && !/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f.:]+\]$/.test(heloName)) problems.push(`SMTP_HELO is not a host name or address literal: ${JSON.stringify(heloName)}`);
			if (!deps.smtpTransport) problems.push('this runtime gave the SMTP provider no sockets');
			make = () => smtpMailer({ host, port, user, pass, from, tls: tlsText as SmtpTls, heloName, transport: deps.smtpTransport! });
			break;
		}
		case '':
			throw new MailerConfigError('MAIL_PROVIDER is not set (http or smtp; stack only works against the local stack)');
		default:
			throw new MailerConfigError(`MAIL_PROVIDER must be stack, http or smtp, not ${JSON.stringify(provider)}`);
	}
	if (problems.length) throw new MailerConfigError(`MAIL_PROVIDER=${provider}: ${problems.join('; ')}`);
	return make();
}
