// notify: drains the notification outbox (public.notifications) — the e-mails tickets, the SLA sweep
// and resolve_problem queue — through the mail provider the environment names. A Supabase Edge
// Function (Deno.serve, edge-runtime) called by a cron job with the service role key:
//   POST /functions/v1/notify  body: {} or {"limit": n}  →  200 {sent, failed, dead, remaining}
// Two runs at once never send the same notification: rows are claimed with FOR UPDATE SKIP LOCKED.
// Environment: see setup.ts — settings.ts (NOTIFY_*, SITE_URL), ../_shared/email/channel.ts
// (SUPPORT_ADDRESS, SITE_NAME) and ../_shared/mailer/from-env.ts (MAIL_*, SMTP_*). Without
// SUPPORT_ADDRESS mail still goes out, unthreaded and unanswerable, with one warning logged per run.
import { createClient } from 'npm:@supabase/supabase-js@2';
import type { Database } from '../_shared/database.types.ts';
import { z } from 'zod';
import { MailerConfigError } from '../_shared/mailer/types.ts';
import { nodeSockets } from '../_shared/mailer/smtp.ts';
import { callerRole } from '../_shared/caller-role.ts';
import { drain } from './drain.ts';
import { supabaseOutbox } from './outbox.ts';
import { SettingsError } from './settings.ts';
import { supabaseTickets } from './threading.ts';
import { ChannelConfigError } from '../_shared/email/channel.ts';
import { notifySetup, type NotifySetup } from './setup.ts';

const ALLOW = 'POST, OPTIONS';

const body = z.strictObject({
	/** Handle at most this many notifications in this run (never more than NOTIFY_MAX_PER_RUN). */
	limit: z.number().int().min(1).max(5000).optional(),
});

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });

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
	let setup: NotifySetup;
	try {
		setup = notifySetup(env, { smtpTransport: nodeSockets });
	} catch (e) {
		if (e instanceof SettingsError || e instanceof MailerConfigError || e instanceof ChannelConfigError) {
			console.error(`notify: not configured: ${e.message}`);
			return json({ code: 'not_configured', message: e.message }, 500);
		}
		throw e;
	}
	const { settings, mailer, support } = setup;
	for (const warning of setup.warnings) console.warn(`notify: ${warning}`);

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
		threading: support ? { support, tickets: supabaseTickets(client) } : undefined,
		fromName: setup.fromName,
	});
	return json(result);
});
