// The mailbox: every e-mail the stack "sends" (auth links and codes, notifications from functions)
// and every e-mail it receives on its SMTP port (smtp.ts) is kept in _stack.mail and shown at /_mail —
// HTML for people, JSON for tests — with its header fields, the way the CLI's Inbucket/Mailpit catches
// mail. Nothing leaves the machine.
import type pg from 'pg';
import { json, type Ctx, type Service } from './http.ts';
import type { Mail, Mailbox, MailInput } from './stack-types.ts';
import { identify } from './as-role.ts';
import { randomUUID } from 'node:crypto';

export type { Mail, Mailbox, MailInput } from './stack-types.ts';

/** Who auth mails come from: the sender the CLI's local GoTrue uses (GOTRUE_SMTP_ADMIN_EMAIL). */
const AUTH_SENDER = 'admin@email.com';
/** The host part of the Message-IDs the stack mints for mails whose sender set none. */
const MESSAGE_ID_HOST = 'stack.mostrador.local';

/** The fields shown for every mail, in the order a mail client shows them; others follow. */
export const HEADER_ORDER = ['From', 'To', 'Cc', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'In-Reply-To', 'References', 'Thread-Index'];

const COLUMNS = 'id, sent_at, direction, "to", subject, text, html, kind, data, headers, raw is not null as has_raw';

/** Every mail gets the fields a real message has, so the mailbox shows the same table for all of them. */
function withDefaults(m: MailInput, sentAt: Date): Record<string, string> {
	const given = m.headers ?? {};
	const has = (name: string) => Object.keys(given).some((k) => k.toLowerCase() === name.toLowerCase());
	const out: Record<string, string> = {};
	if (!has('From')) out.From = AUTH_SENDER;
	if (!has('To')) out.To = m.to;
	if (!has('Subject')) out.Subject = m.subject;
	if (!has('Date')) out.Date = sentAt.toUTCString().replace(/GMT$/, '+0000');
	if (!has('Message-ID')) out['Message-ID'] = `<${randomUUID()}@${MESSAGE_ID_HOST}>`;
	return { ...out, ...given };
}

export function createMailbox(admin: pg.Pool, log: (line: string) => void = () => {}): Mailbox {
	return {
		async send(m) {
			const direction = m.direction ?? 'outbound';
			const { rows } = await admin.query<Mail>(
				`insert into _stack.mail ("to", subject, text, html, kind, data, headers, direction, raw) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${COLUMNS}`,
				[m.to, m.subject, m.text, m.html ?? null, m.kind ?? 'other', m.data ?? {}, withDefaults(m, new Date()), direction, m.raw ?? null],
			);
			log(`mail ${direction === 'inbound' ? '←' : '→'} ${m.to}: ${m.subject}`);
			return rows[0];
		},
		async list(f = {}) {
			// An inbound mail is listed under each address it was delivered to (its envelope), not only the first.
			const { rows } = await admin.query<Mail>(
				`select ${COLUMNS} from _stack.mail
				 where $1::text is null or lower("to") = lower($1)
				    or exists (select 1 from jsonb_array_elements_text(coalesce(data->'envelope'->'to', '[]')) r where lower(r) = lower($1))
				 order by id desc limit $2`,
				[f.to ?? null, f.limit ?? 100],
			);
			return rows;
		},
		async get(id) {
			const { rows } = await admin.query<Mail>(`select ${COLUMNS} from _stack.mail where id = $1`, [id]);
			return rows[0];
		},
		async raw(id) {
			const { rows } = await admin.query<{ raw: Buffer | null }>('select raw from _stack.mail where id = $1', [id]);
			return rows[0]?.raw ?? undefined;
		},
		async clear() {
			await admin.query('truncate _stack.mail');
		},
	};
}

/** Header fields a caller may hand in: names as RFC 5322 allows, one-line values, a sane number of them. */
function checkHeaders(v: unknown): Record<string, string> | string {
	if (v === undefined || v === null) return {};
	if (typeof v !== 'object' || Array.isArray(v)) return 'headers must be an object of strings';
	const entries = Object.entries(v as Record<string, unknown>);
	if (entries.length > 50) return 'at most 50 headers';
	for (const [k, x] of entries) {
		if (!/^[!-9;-~]{1,76}$/.test(k)) return `not a header name: ${JSON.stringify(k)}`;
		if (typeof x !== 'string' || /[\r\n]/.test(x) || x.length > 4000) return `header ${k} must be one line of text`;
	}
	return v as Record<string, string>;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): Response {
	return new Response(
		`<!doctype html><html lang="es"><head><meta charset="utf-8"><title>${esc(title)}</title><meta name="viewport" content="width=device-width">` +
			`<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #ddd}pre{white-space:pre-wrap}</style></head>` +
			`<body>${body}</body></html>`,
		{ headers: { 'content-type': 'text/html; charset=utf-8' } },
	);
}

function wantsJson(req: Request, url: URL): boolean {
	return url.searchParams.get('format') === 'json' || (req.headers.get('accept') ?? '').includes('application/json');
}

/** The header fields in the order HEADER_ORDER gives, then the rest as they came. */
function orderedHeaders(h: Record<string, string>): [string, string][] {
	const rank = (k: string) => {
		const i = HEADER_ORDER.findIndex((x) => x.toLowerCase() === k.toLowerCase());
		return i < 0 ? HEADER_ORDER.length : i;
	};
	return Object.entries(h).sort(([a], [b]) => rank(a) - rank(b));
}

function mailPage(m: Mail): Response {
	const links = [...(m.html ?? m.text).matchAll(/https?:\/\/[^\s"'<>]+/g)].map((x) => x[0].replaceAll('&amp;', '&'));
	const headers = orderedHeaders(m.headers ?? {});
	return page(
		m.subject,
		`<p><a href="/_mail">← Buzón</a></p><h1>${esc(m.subject)}</h1>` +
			`<p>${m.direction === 'inbound' ? 'Recibido' : 'Enviado'} · ${esc(new Date(m.sent_at).toISOString())} · ${esc(m.kind)}</p>` +
			`<table><caption style="text-align:left;font-weight:600">Cabeceras</caption><tbody>${headers
				.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td><code>${esc(v)}</code></td></tr>`)
				.join('')}</tbody></table>` +
			(m.has_raw ? `<p><a href="/_mail/${m.id}/raw">Ver el código fuente</a> · <a href="/_mail/${m.id}/raw?download">Descargar (.eml)</a></p>` : '') +
			// The links first: they are what one comes here to follow, and they stay put while the
			// rendered body below loads (a click aimed at a link must not land on shifted content).
			(links.length ? `<h2>Enlaces</h2><ul>${links.map((l) => `<li><a href="${esc(l)}">${esc(l)}</a></li>`).join('')}</ul>` : '') +
			(m.html ? `<iframe title="Contenido" sandbox srcdoc="${esc(m.html)}" style="width:100%;height:24rem;border:1px solid #ddd"></iframe>` : '') +
			`<pre>${esc(m.text)}</pre>`,
	);
}

/** The JSON shape of a mail: the row plus where its raw source is, when there is one. */
const asJson = (m: Mail) => ({ ...m, raw_url: m.has_raw ? `/_mail/${m.id}/raw` : null });

/**
 * GET /_mail[?to=][&format=json] lists, GET /_mail/<id> shows one, GET /_mail/<id>/raw serves an
 * inbound mail's source (?download as an .eml file); POST /_mail sends (service role only: functions
 * use it to mail locally); DELETE /_mail empties it (service role only).
 */
export function mailService(): Service {
	return {
		prefix: '/_mail',
		async handle(req: Request, ctx: Ctx): Promise<Response> {
			const { mail } = ctx.stack;
			const isService = async () => {
				try {
					return (await identify(ctx.token, ctx.stack.config.jwtSecret)).role === 'service_role';
				} catch {
					return false;
				}
			};
			if (req.method === 'POST' || req.method === 'DELETE') {
				if (!(await isService())) return json({ code: 'not_admin', message: 'The mailbox takes mail from the service role only' }, 403);
				if (req.method === 'DELETE') {
					await mail.clear();
					return new Response(null, { status: 204 });
				}
				const body = await req.json().catch(() => null);
				if (!body || typeof body.to !== 'string' || typeof body.subject !== 'string') return json({ code: 'validation_failed', message: 'to and subject are required' }, 400);
				const headers = checkHeaders(body.headers);
				if (typeof headers === 'string') return json({ code: 'validation_failed', message: headers }, 400);
				const sent = await mail.send({ to: body.to, subject: body.subject, text: String(body.text ?? ''), html: body.html, kind: body.kind ?? 'function', data: body.data, headers });
				return json(asJson(sent), 201);
			}
			const raw = /^\/(\d+)\/raw$/.exec(ctx.path)?.[1];
			if (raw) {
				const bytes = await mail.raw(Number(raw));
				if (!bytes) return json({ message: 'Not found' }, 404);
				// Viewed as text by default (a browser would only offer to download message/rfc822).
				const download = ctx.url.searchParams.has('download');
				return new Response(new Uint8Array(bytes), {
					headers: download
						? { 'content-type': 'message/rfc822', 'content-disposition': `attachment; filename="mail-${raw}.eml"` }
						: { 'content-type': 'text/plain; charset=utf-8' },
				});
			}
			const id = /^\/(\d+)$/.exec(ctx.path)?.[1];
			if (id) {
				const m = await mail.get(Number(id));
				if (!m) return wantsJson(req, ctx.url) ? json({ message: 'Not found' }, 404) : page('No encontrado', '<p>No existe ese correo.</p>');
				return wantsJson(req, ctx.url) ? json(asJson(m)) : mailPage(m);
			}
			const to = ctx.url.searchParams.get('to') ?? undefined;
			const limit = Number(ctx.url.searchParams.get('limit') ?? 100);
			const list = await mail.list({ to, limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 100 });
			if (wantsJson(req, ctx.url)) return json(list.map(asJson));
			return page(
				'Buzón local',
				`<h1>Buzón local</h1><p>Correos que el stack local habría enviado, y los que recibió por SMTP. Nada sale de esta máquina.</p>` +
					(list.length
						? `<table><thead><tr><th scope="col"></th><th scope="col">De</th><th scope="col">Para</th><th scope="col">Asunto</th><th scope="col">Fecha</th></tr></thead><tbody>${list
								.map(
									(m) =>
										`<tr><td>${m.direction === 'inbound' ? '<span title="Recibido">←</span>' : '<span title="Enviado">→</span>'}</td><td>${esc(m.headers?.From ?? '')}</td><td>${esc(m.to)}</td><td><a href="/_mail/${m.id}">${esc(m.subject)}</a></td><td>${esc(new Date(m.sent_at).toISOString())}</td></tr>`,
								)
								.join('')}</tbody></table>`
						: '<p>Vacío.</p>'),
			);
		},
	};
}
