// Who may hand us a message, and the message out of the request. Two ways in:
// 1. Raw: `Content-Type: message/rfc822`, the message as the body, `Authorization: Bearer
//    <INBOUND_EMAIL_SECRET>`, and one `X-Envelope-To` per envelope recipient (a comma-separated list
//    is read too). What the local stack's SMTP port sends (supabase/local/smtp.ts), and what any relay
//    or small script can send (curl --data-binary @mail.eml).
// 2. Mailgun's inbound route with a forward() to this function's URL ending in "mime" (e.g.
//    …/functions/v1/inbound-email/mailgun.mime): Mailgun posts the raw message as the form field
//    `body-mime`, the envelope recipient as `recipient`, and signs each POST with `timestamp`, `token`
//    and `signature` = hex HMAC-SHA256(timestamp + token) under the domain's HTTP webhook signing key
//    (documentation.mailgun.com/docs/mailgun/user-manual/receive-forward-store/receive-http, "Raw MIME";
//    "Securing Webhooks"). The key is MAILGUN_WEBHOOK_SIGNING_KEY; without it this way is closed.
// Secrets are compared in constant time; nothing about an unauthenticated request is stored.

export type Received =
	| { ok: true; raw: Uint8Array; envelopeTo: string[]; via: 'raw' | 'mailgun' }
	| { ok: false; status: 400 | 401; code: 'unauthorized' | 'invalid_body' };

const encoder = new TextEncoder();

/** Equal in time that depends only on the lengths, never on where the first difference is. */
export function constantTimeEqual(a: string, b: string): boolean {
	const x = encoder.encode(a);
	const y = encoder.encode(b);
	let diff = x.length ^ y.length;
	for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
	return diff === 0;
}

function bearerMatches(req: Request, secret: string): boolean {
	const m = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization')?.trim() ?? '');
	return m !== null && constantTimeEqual(m[1].trim(), secret);
}

const list = (values: (string | null)[]): string[] =>
	values.flatMap((v) => (v ?? '').split(',')).map((a) => a.trim().replace(/^<|>$/g, '').trim().toLowerCase()).filter(Boolean);

async function hmacHex(key: string, data: string): Promise<string> {
	const k = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
	const sig = new Uint8Array(await crypto.subtle.sign('HMAC', k, encoder.encode(data)));
	return Array.from(sig, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** How old a Mailgun signature may be: long enough for clock skew and a slow queue, short enough that a captured POST is soon worthless. */
const MAILGUN_MAX_AGE_SECONDS = 15 * 60;

export async function mailgunSignatureValid(key: string, timestamp: string, token: string, signature: string, now = Date.now()): Promise<boolean> {
	if (!/^\d{1,12}$/.test(timestamp) || !token || !/^[0-9a-f]{64}$/i.test(signature)) return false;
	if (Math.abs(now / 1000 - Number(timestamp)) > MAILGUN_MAX_AGE_SECONDS) return false;
	return constantTimeEqual(await hmacHex(key, timestamp + token), signature.toLowerCase());
}

export async function receive(req: Request, secret: string, mailgunKey: string | undefined): Promise<Received> {
	const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded') {
		if (!mailgunKey) return { ok: false, status: 401, code: 'unauthorized' };
		let form: FormData;
		try {
			form = await req.formData();
		} catch {
			return { ok: false, status: 401, code: 'unauthorized' };
		}
		const field = (name: string) => {
			const v = form.get(name);
			return typeof v === 'string' ? v : null;
		};
		if (!(await mailgunSignatureValid(mailgunKey, field('timestamp') ?? '', field('token') ?? '', field('signature') ?? ''))) {
			return { ok: false, status: 401, code: 'unauthorized' };
		}
		const mime = form.get('body-mime');
		const raw = typeof mime === 'string' ? encoder.encode(mime) : mime ? new Uint8Array(await mime.arrayBuffer()) : null;
		if (!raw || raw.byteLength === 0) return { ok: false, status: 400, code: 'invalid_body' };
		return { ok: true, raw, envelopeTo: list([field('recipient')]), via: 'mailgun' };
	}
	// Every other way in is the shared secret's; a wrong one learns nothing about the body it sent.
	if (!bearerMatches(req, secret)) return { ok: false, status: 401, code: 'unauthorized' };
	if (type !== 'message/rfc822') return { ok: false, status: 400, code: 'invalid_body' };
	const raw = new Uint8Array(await req.arrayBuffer());
	if (raw.byteLength === 0) return { ok: false, status: 400, code: 'invalid_body' };
	const envelope: string[] = [];
	req.headers.forEach((value, name) => {
		if (name === 'x-envelope-to') envelope.push(value);
	});
	return { ok: true, raw, envelopeTo: list(envelope), via: 'raw' };
}
