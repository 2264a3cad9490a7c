// notify: drains the notification outbox (public.notifications) — the e-mails tickets, the SLA sweep
// and resolve_problem queue — through the mail provider the environment names. A Supabase Edge
// Function (Deno.serve, edge-runtime) called by a cron job with the service role key:
//   POST /functions/v1/notify  body: {} or {"limit": n}  →  200 {sent, failed, dead, remaining}
// Two runs at once never send the same notification: rows are claimed with FOR UPDATE SKIP LOCKED.
// Environment: see settings.ts (NOTIFY_*, SITE_URL) and ../_shared/mailer/from-env.ts (MAIL_*, SMTP_*).
import { createClient } from 'npm:@supabase/supabase-js@2';
import type { Database } from '../_shared/database.types.ts';
import { z } from 'zod';
import { mailerFromEnv } from '../_shared/mailer/from-env.ts';
import { MailerConfigError } from '../_shared/mailer/types.ts';
import type { SmtpConn, SmtpTransport } from '../_shared/mailer/smtp.ts';
import { callerRole } from '../_shared/caller-role.ts';
import { drain } from './drain.ts';
import { supabaseOutbox } from './outbox.ts';
import { notifySettings, SettingsError } from './settings.ts';

const ALLOW = 'POST, OPTIONS';

const body = z.strictObject({
	/** Handle at most this many notifications in this run (never more than NOTIFY_MAX_PER_RUN). */
	limit: z.number().int().min(1).max(5000).optional(),
});

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });

/** Deno's sockets for the SMTP provider. Deno defers the TLS handshake to the first read or write; it is done here so a bad certificate is reported as a TLS failure. */
const denoSockets: SmtpTransport = {
	connect: (o) => Deno.connect({ hostname: o.hostname, port: o.port }),
	async connectTls(o) {
		const conn = await Deno.connectTls({ hostname: o.hostname, port: o.port });
		await conn.handshake();
		return conn;
	},
	async startTls(conn: SmtpConn, o) {
		const secured = await Deno.startTls(conn as Deno.TcpConn, { hostname: o.hostname });
		await secured.handshake();
		return secured;
	},
};

async function readBody(req: Request): Promise<z.infer<typeof body> | Response> {
	const text = await req.text();
	if (!text.trim()) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return json({ code: 'invalid_body', message: 'The body must be JSON: {} or {"limit": n}' }, 400);
	}
	const checked = body.safeParse(parsed);
	if (!checked.success) {
		return json({ code: 'invalid_body', message: checked.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') }, 400);
	}
	return checked.data;
}

Deno.serve(async (req) => {
	if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: { allow: ALLOW } });
	if (req.method !== 'POST') return json({ code: 'method_not_allowed', message: 'POST drains the outbox' }, 405, { allow: ALLOW });

	const role = callerRole(req.headers.get('authorization'));
	if (role === undefined) return json({ code: 'unauthorized', message: 'A service role token is required' }, 401);
	if (role !== 'service_role') return json({ code: 'forbidden', message: 'Only the service role may drain the outbox' }, 403);

	const input = await readBody(req);
	if (input instanceof Response) return input;

	const env = (name: string) => Deno.env.get(name);
	let settings;
	let mailer;
	try {
		settings = notifySettings(env);
		mailer = mailerFromEnv(env, { smtpTransport: denoSockets });
	} catch (e) {
		if (e instanceof SettingsError || e instanceof MailerConfigError) {
			console.error(`notify: not configured: ${e.message}`);
			return json({ code: 'not_configured', message: e.message }, 500);
		}
		throw e;
	}

	const client = createClient<Database>(env('SUPABASE_URL')!, env('SUPABASE_SERVICE_ROLE_KEY')!, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
	});
	const result = await drain({
		outbox: supabaseOutbox(client),
		mailer,
		site: settings.site,
		maxAttempts: settings.maxAttempts,
		batchSize: settings.batchSize,
		limit: Math.min(input.limit ?? settings.maxPerRun, settings.maxPerRun),
		leaseSeconds: settings.leaseSeconds,
		deadline: Date.now() + settings.timeBudgetMs,
		log: (line) => console.error(line),
	});
	return json(result);
});
