// The mailbox: every e-mail the stack "sends" (auth links and codes, notifications from functions)
// is kept in _stack.mail and shown at /_mail — HTML for people, JSON for tests — the way the CLI's
// Inbucket/Mailpit catches mail. Nothing leaves the machine.
import type pg from 'pg';
import { json, type Ctx, type Service } from './http.ts';
import type { Mail, Mailbox } from './stack-types.ts';
import { identify } from './as-role.ts';

export type { Mail, Mailbox } from './stack-types.ts';

export function createMailbox(admin: pg.Pool, log: (line: string) => void = () => {}): Mailbox {
	return {
		async send(m) {
			const { rows } = await admin.query<Mail>(
				'insert into _stack.mail ("to", subject, text, html, kind, data) values ($1, $2, $3, $4, $5, $6) returning *',
				[m.to, m.subject, m.text, m.html ?? null, m.kind ?? 'other', m.data ?? {}],
			);
			log(`mail → ${m.to}: ${m.subject}`);
			return rows[0];
		},
		async list(f = {}) {
			const { rows } = await admin.query<Mail>(
				'select * from _stack.mail where ($1::text is null or lower("to") = lower($1)) order by id desc limit $2',
				[f.to ?? null, f.limit ?? 100],
			);
			return rows;
		},
		async get(id) {
			const { rows } = await admin.query<Mail>('select * from _stack.mail where id = $1', [id]);
			return rows[0];
		},
		async clear() {
			await admin.query('truncate _stack.mail');
		},
	};
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

/**
 * GET /_mail[?to=][&format=json] lists, GET /_mail/<id> shows one; POST /_mail sends (service role
 * only: functions use it to mail locally); DELETE /_mail empties it (service role only).
 */
export function mailService(): Service {
	return {
		prefix: '/_mail',
		async handle(req: Request, ctx: Ctx): Promise<Response> {
			const { mail } = ctx.stack;
			const isService = () => {
				try {
					return identify(ctx.token, ctx.stack.config.jwtSecret).role === 'service_role';
				} catch {
					return false;
				}
			};
			if (req.method === 'POST' || req.method === 'DELETE') {
				if (!isService()) return json({ code: 'not_admin', message: 'The mailbox takes mail from the service role only' }, 403);
				if (req.method === 'DELETE') {
					await mail.clear();
					return new Response(null, { status: 204 });
				}
				const body = await req.json().catch(() => null);
				if (!body || typeof body.to !== 'string' || typeof body.subject !== 'string') return json({ code: 'validation_failed', message: 'to and subject are required' }, 400);
				return json(await mail.send({ to: body.to, subject: body.subject, text: String(body.text ?? ''), html: body.html, kind: body.kind ?? 'function', data: body.data }), 201);
			}
			const id = /^\/(\d+)$/.exec(ctx.path)?.[1];
			if (id) {
				const m = await mail.get(Number(id));
				if (!m) return wantsJson(req, ctx.url) ? json({ message: 'Not found' }, 404) : page('No encontrado', '<p>No existe ese correo.</p>');
				if (wantsJson(req, ctx.url)) return json(m);
				const links = [...(m.html ?? m.text).matchAll(/https?:\/\/[^\s"'<>]+/g)].map((x) => x[0].replaceAll('&amp;', '&'));
				return page(
					m.subject,
					`<p><a href="/_mail">← Buzón</a></p><h1>${esc(m.subject)}</h1><p>Para: ${esc(m.to)} · ${esc(new Date(m.sent_at).toISOString())}</p>` +
						(m.html ? `<iframe title="Contenido" sandbox srcdoc="${esc(m.html)}" style="width:100%;height:24rem;border:1px solid #ddd"></iframe>` : '') +
						`<pre>${esc(m.text)}</pre>` +
						(links.length ? `<h2>Enlaces</h2><ul>${links.map((l) => `<li><a href="${esc(l)}">${esc(l)}</a></li>`).join('')}</ul>` : ''),
				);
			}
			const to = ctx.url.searchParams.get('to') ?? undefined;
			const limit = Number(ctx.url.searchParams.get('limit') ?? 100);
			const list = await mail.list({ to, limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 100 });
			if (wantsJson(req, ctx.url)) return json(list);
			return page(
				'Buzón local',
				`<h1>Buzón local</h1><p>Correos que el stack local habría enviado. Nada sale de esta máquina.</p>` +
					(list.length
						? `<table><thead><tr><th scope="col">Para</th><th scope="col">Asunto</th><th scope="col">Enviado</th></tr></thead><tbody>${list
								.map((m) => `<tr><td>${esc(m.to)}</td><td><a href="/_mail/${m.id}">${esc(m.subject)}</a></td><td>${esc(new Date(m.sent_at).toISOString())}</td></tr>`)
								.join('')}</tbody></table>`
						: '<p>Vacío.</p>'),
			);
		},
	};
}
