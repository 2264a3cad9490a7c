// POST /functions/v1/inbound-email — a received e-mail, from the mail provider or the local stack's
// SMTP port. verify_jwt is off for this function (config.toml): the caller is a mail provider with a
// shared secret or a signature (receive.ts), not a signed-in user.
//   message/rfc822 body + Authorization: Bearer <INBOUND_EMAIL_SECRET> [+ X-Envelope-To: …]
//   Mailgun's raw-MIME forward (form field body-mime), signed with MAILGUN_WEBHOOK_SIGNING_KEY
// Answers:
//   200 {outcome, ticket?, reason?, duplicate?}  the message was taken, whatever became of it (a ticket,
//       a reply, an automatic answer, or nothing): providers retry anything else, and a mail we chose
//       not to take must not come back every ten minutes
//   401 unauthorized   no or a wrong secret or signature; nothing is stored
//   400 invalid_body   not a message
//   405 method_not_allowed; 500 not_configured (INBOUND_EMAIL_SECRET, SUPPORT_ADDRESS or
//   INBOUND_AUTHSERV_ID missing), 500 internal_error (our fault: the provider retries, and the
//   Message-ID keeps the retry from doubling anything)
// Environment: INBOUND_EMAIL_SECRET, SUPPORT_ADDRESS, INBOUND_AUTHSERV_ID (the authserv-id the
// receiving provider writes in Authentication-Results, e.g. mx.example.com: only its DMARC verdict
// authenticates a sender) required; MAILGUN_WEBHOOK_SIGNING_KEY, SITE_URL, MAIL_FROM / SMTP_FROM (our
// other sending addresses, never taken in), INBOUND_EMAIL_PER_HOUR (messages a sender may send an hour,
// 30 by default), INBOUND_AUTO_REPLIES_PER_HOUR (automatic answers of all kinds in an hour, 60 by
// default; past it they are only logged) optional.
import { createClient } from 'npm:@supabase/supabase-js@2';
import type { Database } from '../_shared/database.types.ts';
import { parseMessage } from '../_shared/inbound/index.ts';
import { supportAddress, type SupportAddress } from '../_shared/email/addresses.ts';
import { receive } from './receive.ts';
import { messageIdOf, processMessage } from './process.ts';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

interface Settings {
	secret: string;
	supportText: string;
	support: SupportAddress;
	authservId: string;
}

function settings(): Settings | string {
	const secret = Deno.env.get('INBOUND_EMAIL_SECRET')?.trim();
	const supportText = Deno.env.get('SUPPORT_ADDRESS')?.trim();
	const authservId = Deno.env.get('INBOUND_AUTHSERV_ID')?.trim();
	if (!secret) return 'INBOUND_EMAIL_SECRET is not set';
	if (!supportText) return 'SUPPORT_ADDRESS is not set';
	// Without it no verdict can be trusted (anyone upstream can write an Authentication-Results header),
	// so no sender could be authenticated: refuse to run rather than take every mail as unverified.
	if (!authservId) return 'INBOUND_AUTHSERV_ID is not set';
	try {
		return { secret, supportText, support: supportAddress(supportText), authservId };
	} catch {
		return `SUPPORT_ADDRESS is not one address: ${supportText}`;
	}
}

/** A positive whole number from the environment, else the default (0 is allowed where `zero` says so). */
function count(name: string, fallback: number, zero = false): number {
	const raw = Deno.env.get(name)?.trim();
	const n = raw ? Number(raw) : NaN;
	return Number.isInteger(n) && (n > 0 || (zero && n === 0)) ? n : fallback;
}

/** The other From addresses our own mail goes out with (the http and smtp mailers' settings). */
function ownAddresses(): string[] {
	return ['MAIL_FROM', 'SMTP_FROM'].map((k) => Deno.env.get(k)?.trim() ?? '').filter(Boolean);
}

const db = createClient<Database>(Deno.env.get('SUPABASE_URL') ?? '', Deno.env.get('SUPABASE_SERVICE_ROLE_KEY') ?? '', {
	auth: { persistSession: false, autoRefreshToken: false },
});

Deno.serve(async (req) => {
	if (req.method !== 'POST') return new Response(JSON.stringify({ code: 'method_not_allowed' }), { status: 405, headers: { allow: 'POST', 'content-type': 'application/json' } });
	const config = settings();
	if (typeof config === 'string') {
		console.error(`inbound-email: not configured: ${config}`);
		return json({ code: 'not_configured' }, 500);
	}
	try {
		const received = await receive(req, config.secret, Deno.env.get('MAILGUN_WEBHOOK_SIGNING_KEY')?.trim() || undefined);
		if (!received.ok) return json({ code: received.code }, received.status);
		let message;
		try {
			// Only our receiving server's Authentication-Results count (anyone upstream can write one).
			message = await parseMessage(received.raw, { authservId: config.authservId });
		} catch {
			return json({ code: 'invalid_body' }, 400);
		}
		// Something with neither a sender, nor recipients, nor an id is not a mail (a JSON body, a file).
		if (!message.from && !message.messageId && message.to.length === 0) return json({ code: 'invalid_body' }, 400);
		const messageId = await messageIdOf(message, received.raw);
		const outcome = await processMessage(
			{
				db,
				support: config.support,
				supportAddress: config.supportText,
				portalUrl: Deno.env.get('SITE_URL') || undefined,
				envelopeTo: received.envelopeTo,
				perHour: count('INBOUND_EMAIL_PER_HOUR', 30),
				autoRepliesPerHour: count('INBOUND_AUTO_REPLIES_PER_HOUR', 60, true),
				ownAddresses: ownAddresses(),
			},
			message,
			messageId,
		);
		console.log(`inbound-email: ${messageId} via ${received.via}: ${outcome.outcome}${outcome.reason ? ` (${outcome.reason})` : ''}`);
		return json(outcome, 200);
	} catch (e) {
		console.error('inbound-email:', e);
		return json({ code: 'internal_error' }, 500);
	}
});
