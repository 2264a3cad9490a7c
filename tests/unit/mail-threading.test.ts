// What ties an outgoing mail to its ticket, without a network: the Thread-Index derivation (one
// conversation per ticket, stable across retries), the drain handing the thread and the site's name to
// the provider (and waiting when the tickets cannot be read), the channel's settings, and what the
// stack and HTTP providers put on the wire for it (against a real HTTP server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { threadIndexConversation, threadIndexRoot, ticketThreadIndex } from '#shared/email/thread-index.ts';
import { emailChannel, outgoingChannel, sendsAsSupport } from '#shared/email/channel.ts';
import { renderNotification, TEMPLATE_NAMES } from '#shared/email/templates.ts';
import { supportAddress } from '#shared/email/addresses.ts';
import { stackMailer } from '#shared/mailer/stack.ts';
import { httpMailer } from '#shared/mailer/http.ts';
import type { Mailer, OutgoingMail } from '#shared/mailer/types.ts';
import { drain } from '../../supabase/functions/notify/drain.ts';
import type { ClaimedNotification, Outbox } from '../../supabase/functions/notify/outbox.ts';
import type { Outcome } from '../../supabase/functions/notify/retry.ts';
import type { TicketDirectory, TicketThread } from '../../supabase/functions/notify/threading.ts';
import { audienceOf, autoSubmittedOf, isAnswerable, TEMPLATE_AUDIENCE } from '../../supabase/functions/notify/audience.ts';
import { notifySetup } from '../../supabase/functions/notify/setup.ts';
import { siteTitle } from '../../supabase/local/config.ts';

const TICKET = '3f0c2f59-1f7a-4b0e-9b8a-2c7f0b1d4e5a';
const OPENED = new Date('2026-04-06T18:00:00Z');
const TOKEN = 'a1'.repeat(16);
const support = supportAddress('soporte@demo.mostrador.test');

const bytes = (b64: string) => [...Buffer.from(b64, 'base64')];

describe('Thread-Index', () => {
	it('is 22 bytes of the ticket (0x01, its creation as FILETIME, its id) and 5 of the mail', () => {
		const value = bytes(ticketThreadIndex(TICKET, OPENED, new Date('2026-04-06T19:00:00Z'), 'c0ffee00-0000-4000-8000-000000000000'));
		expect(value).toHaveLength(27);
		expect(value[0]).toBe(0x01);
		// The top six bytes of the FILETIME (100 ns since 1601) of the ticket's creation.
		const filetime = (BigInt(OPENED.getTime()) + 11_644_473_600_000n) * 10_000n;
		expect(Buffer.from(value.slice(0, 6)).toString('hex')).toBe(filetime.toString(16).padStart(16, '0').slice(0, 12));
		expect(Buffer.from(value.slice(6, 22)).toString('hex')).toBe(TICKET.replace(/-/g, ''));
		// One hour later, in units of 2^18 × 100 ns, DeltaCode 0; the notification id's first nibble.
		const delta = (3_600_000n * 10_000n) >> 18n;
		expect(Buffer.from(value.slice(22, 26)).readUInt32BE(0)).toBe(Number(delta));
		expect(value[26]).toBe(0xc0);
	});

	it('two mails of one ticket share the conversation; a retry of one mail repeats it exactly; other tickets differ', () => {
		const first = ticketThreadIndex(TICKET, OPENED, OPENED, '11111111-0000-4000-8000-000000000000');
		const later = ticketThreadIndex(TICKET, OPENED, new Date('2026-05-01T00:00:00Z'), '22222222-0000-4000-8000-000000000000');
		expect(first).not.toBe(later);
		expect(threadIndexConversation(first)).toEqual(threadIndexConversation(later));
		expect(threadIndexConversation(first)).toEqual(threadIndexRoot(TICKET, OPENED));
		expect(ticketThreadIndex(TICKET, OPENED, OPENED, '11111111-0000-4000-8000-000000000000')).toBe(first);
		expect(threadIndexConversation(ticketThreadIndex('00000000-0000-4000-8000-000000000001', OPENED, OPENED, '1'))).not.toEqual(threadIndexConversation(first));
	});

	it('years later the child block switches to coarser units (DeltaCode 1)', () => {
		const value = bytes(ticketThreadIndex(TICKET, OPENED, new Date('2029-04-06T18:00:00Z'), '0'));
		expect(value[22] & 0x80).toBe(0x80);
		expect(threadIndexConversation('not base64 at all!')).toBeUndefined();
		expect(threadIndexConversation(Buffer.alloc(10).toString('base64'))).toBeUndefined();
	});
});

describe('the channel settings', () => {
	const env = (vars: Record<string, string>) => (name: string) => vars[name];

	it('reads the support address, the site name and URL', () => {
		expect(emailChannel(env({ SUPPORT_ADDRESS: 'Soporte@Quetzal.example', SITE_NAME: ' Centro de soporte Quetzal ', SITE_URL: 'https://soporte.quetzal.example/' }))).toEqual({
			support: { local: 'soporte', domain: 'quetzal.example' },
			siteName: 'Centro de soporte Quetzal',
			siteUrl: 'https://soporte.quetzal.example',
		});
	});

	it('names every problem at once', () => {
		expect(() => emailChannel(env({ SITE_URL: 'ftp://x' }))).toThrow('SUPPORT_ADDRESS is not set (the address customers write to, e.g. soporte@example.com); SITE_URL must be http(s): "ftp://x"');
		expect(() => emailChannel(env({ SUPPORT_ADDRESS: 'soporte+x@quetzal.example' }))).toThrow('SUPPORT_ADDRESS is not one plain address without a +tag: "soporte+x@quetzal.example"');
	});

	it('the local stack signs mails with the docs site’s title (astro.config.mjs)', () => {
		expect(siteTitle()).toBe('Centro de soporte Quetzal');
	});
});

/** The outbox in memory, as in notify-drain.test.ts: claims once, records outcomes. */
class MemoryOutbox implements Outbox {
	outcomes = new Map<string, Outcome>();
	constructor(private rows: ClaimedNotification[]) {}
	async claim(batch: number) {
		return this.rows.splice(0, batch).map((r) => ({ ...r, attempts: r.attempts + 1 }));
	}
	async finish(n: ClaimedNotification, o: Outcome) {
		this.outcomes.set(n.id, o);
	}
	async remaining() {
		return 0;
	}
}

function row(id: string, payload: Record<string, unknown>): ClaimedNotification {
	return { id, template: 'ticket_auto_closed', locale: 'es', payload: { number: 7, subject: 'Prueba', days: 3, ...payload }, attempts: 0, email: `${id}@example.test`, full_name: null };
}

function recording(): Mailer & { sent: OutgoingMail[] } {
	const sent: OutgoingMail[] = [];
	return { name: 'test', sent, send: async (m) => void sent.push(m) };
}

const tickets = (found: Record<string, TicketThread>, calls: string[][] = []): TicketDirectory => ({
	async lookup(ids) {
		calls.push(ids);
		return new Map(Object.entries(found).filter(([id]) => ids.includes(id)));
	},
});

const ID = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const base = { site: 'https://soporte.example.mx', maxAttempts: 5, batchSize: 10, limit: 100, leaseSeconds: 600, deadline: Number.POSITIVE_INFINITY, now: () => OPENED };

describe('the drain threads mails about a ticket', () => {
	it('one lookup per batch; each mail gets its reply address, message id, thread root and Thread-Index, under the site’s name', async () => {
		const calls: string[][] = [];
		const outbox = new MemoryOutbox([row(ID(1), { ticket: TICKET }), row(ID(2), { ticket: TICKET.toUpperCase() }), row(ID(3), {})]);
		const mailer = recording();
		const threading = { support, tickets: tickets({ [TICKET]: { replyToken: TOKEN, createdAt: OPENED } }, calls) };
		expect(await drain({ ...base, outbox, mailer, threading, fromName: 'Centro de soporte Quetzal' })).toEqual({ sent: 3, failed: 0, dead: 0, remaining: 0 });
		expect(calls).toEqual([[TICKET]]);
		const [a, b, c] = mailer.sent;
		expect(a.fromName).toBe('Centro de soporte Quetzal');
		expect(a.thread).toEqual({
			replyTo: `soporte+t${TOKEN}@demo.mostrador.test`,
			messageId: `${ID(1)}@demo.mostrador.test`,
			root: `ticket-${TICKET}@demo.mostrador.test`,
			threadIndex: ticketThreadIndex(TICKET, OPENED, OPENED, ID(1)),
		});
		expect(b.thread?.root).toBe(a.thread?.root);
		expect(b.thread?.messageId).toBe(`${ID(2)}@demo.mostrador.test`);
		expect(c.thread).toBeUndefined();
	});

	it('a ticket that is gone leaves the mail unthreaded; tickets that cannot be read make it wait for a retry', async () => {
		let outbox = new MemoryOutbox([row(ID(4), { ticket: TICKET })]);
		let mailer = recording();
		await drain({ ...base, outbox, mailer, threading: { support, tickets: tickets({}) } });
		expect(mailer.sent).toHaveLength(1);
		expect(mailer.sent[0].thread).toBeUndefined();

		outbox = new MemoryOutbox([row(ID(5), { ticket: TICKET }), row(ID(6), {})]);
		mailer = recording();
		const broken: TicketDirectory = {
			lookup: async () => {
				throw new Error("reading the tickets' reply tokens: connection refused");
			},
		};
		expect(await drain({ ...base, outbox, mailer, threading: { support, tickets: broken } })).toEqual({ sent: 1, failed: 1, dead: 0, remaining: 0 });
		expect(mailer.sent.map((m) => m.id)).toEqual([ID(6)]);
		expect(outbox.outcomes.get(ID(5))).toMatchObject({ status: 'failed', error: "reading the tickets' reply tokens: connection refused" });
	});
});

describe('the providers put the thread on the wire', () => {
	const seen: { path: string; body: Record<string, unknown> }[] = [];
	let server: http.Server;
	let base = '';
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			let data = '';
			req.on('data', (c) => (data += c));
			req.on('end', () => {
				seen.push({ path: req.url!, body: JSON.parse(data) });
				res.writeHead(req.url === '/_mail' ? 201 : 200, { 'content-type': 'application/json' }).end('{}');
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => {
		server.closeAllConnections();
		server.close();
	});

	const thread = { replyTo: `soporte+t${TOKEN}@demo.mostrador.test`, messageId: `${ID(7)}@demo.mostrador.test`, root: `ticket-${TICKET}@demo.mostrador.test`, threadIndex: ticketThreadIndex(TICKET, OPENED, OPENED, ID(7)) };
	const mail: OutgoingMail = { id: ID(7), to: 'ana@cliente.mx', toName: 'Ana "la jefa" Núñez', subject: 'Nueva respuesta', text: 'Hola', html: '<p>Hola</p>', kind: 'notify.ticket_reply', fromName: 'Centro de soporte Quetzal', thread };

	it('stack: the mailbox gets From under the site’s name, To, and the thread fields', async () => {
		seen.length = 0;
		await stackMailer({ supabaseUrl: base, serviceRoleKey: 'k', from: 'soporte@demo.mostrador.test' }).send(mail);
		expect(seen[0].body.headers).toEqual({
			From: 'Centro de soporte Quetzal <soporte@demo.mostrador.test>',
			To: '"Ana \\"la jefa\\" Núñez" <ana@cliente.mx>',
			'Reply-To': thread.replyTo,
			'Message-ID': `<${thread.messageId}>`,
			'In-Reply-To': `<${thread.root}>`,
			References: `<${thread.root}>`,
			'Thread-Index': thread.threadIndex,
			'Auto-Submitted': 'auto-generated',
			'X-Auto-Response-Suppress': 'All',
		});
	});

	it('http: reply_to and the custom headers the API takes; the configured address under the site’s name', async () => {
		seen.length = 0;
		await httpMailer({ apiUrl: `${base}/emails`, apiKey: 'k', from: 'Mostrador <soporte@quetzal.example>' }).send(mail);
		expect(seen[0].body).toMatchObject({
			from: 'Centro de soporte Quetzal <soporte@quetzal.example>',
			reply_to: thread.replyTo,
			headers: { 'Message-ID': `<${thread.messageId}>`, 'In-Reply-To': `<${thread.root}>`, References: `<${thread.root}>`, 'Thread-Index': thread.threadIndex },
		});
	});

	it('a staff mail (no reply address): stack writes no Reply-To, http no reply_to; both keep the thread', async () => {
		const { replyTo: _, ...staffThread } = thread;
		const staffMail: OutgoingMail = { ...mail, kind: 'notify.customer_replied', thread: staffThread };
		seen.length = 0;
		await stackMailer({ supabaseUrl: base, serviceRoleKey: 'k', from: 'no-reply@demo.mostrador.test' }).send(staffMail);
		await httpMailer({ apiUrl: `${base}/emails`, apiKey: 'k', from: 'Mostrador <no-reply@quetzal.example>' }).send(staffMail);
		const [stack, api] = seen.map((x) => x.body);
		expect(stack.headers).toMatchObject({ From: 'Centro de soporte Quetzal <no-reply@demo.mostrador.test>', 'In-Reply-To': `<${thread.root}>`, 'Thread-Index': thread.threadIndex });
		expect(stack.headers).not.toHaveProperty('Reply-To');
		expect(api).not.toHaveProperty('reply_to');
		expect(api.headers).toMatchObject({ References: `<${thread.root}>`, 'Thread-Index': thread.threadIndex });
		expect(api.headers).not.toHaveProperty('Reply-To');
	});
});

// Who gets a reply address -----------------------------------------------------------------------------

/** A valid payload for each template about a ticket (the reply-address decision only matters for these). */
const TICKET_PAYLOADS: Record<string, Record<string, unknown>> = {
	ticket_received: { ticket: TICKET, number: 7, subject: 'S', severity: { es: 'Alta', en: 'High' }, first_response_due: null, timezone: 'America/Mexico_City' },
	ticket_new_for_agents: { ticket: TICKET, number: 7, subject: 'S', severity: { es: 'Alta', en: 'High' }, organisation: 'O', requester: 'Ana <ana@cliente.mx>', first_response_due: null, timezone: 'America/Mexico_City' },
	ticket_reply: { ticket: TICKET, number: 7, subject: 'S', author: 'Luis', body: 'Hola' },
	customer_update_due: { ticket: TICKET, number: 7, subject: 'S', due: '2026-04-06T18:00:00Z', timezone: 'America/Mexico_City' },
	ticket_escalated: { ticket: TICKET, number: 7, subject: 'S', level: 2, target: 'first_response', deadline: '2026-04-06T18:00:00Z', timezone: 'America/Mexico_City' },
	auto_close_reminder: { ticket: TICKET, number: 7, subject: 'S', days: 3 },
	ticket_auto_closed: { ticket: TICKET, number: 7, subject: 'S', days: 3 },
	customer_replied: { ticket: TICKET, number: 7, subject: 'S', author: 'Ana <ana@cliente.mx>', organisation: 'O', body: 'Hola' },
	customer_confirmed: { ticket: TICKET, number: 7, subject: 'S', author: 'Ana <ana@cliente.mx>', organisation: 'O' },
	customer_reopened: { ticket: TICKET, number: 7, subject: 'S', author: 'Ana <ana@cliente.mx>', organisation: 'O', body: 'Sigue igual' },
	info_requested: { ticket: TICKET, number: 7, subject: 'S', author: 'Luis', body: '¿Versión?' },
	solution_proposed: { ticket: TICKET, number: 7, subject: 'S', author: 'Luis', body: 'Reinicia' },
	ticket_closed: { ticket: TICKET, number: 7, subject: 'S', reason: 'staff', by: 'Luis' },
	problem_resolved: { problem: TICKET, title: 'P', ticket: TICKET, number: 7 },
};

describe('the audience of each template decides the reply address', () => {
	it('every template has one; customers get the reply address, staff do not; email_* are the automatic answers', () => {
		expect(Object.keys(TEMPLATE_AUDIENCE).sort()).toEqual([...TEMPLATE_NAMES].sort());
		const staff = TEMPLATE_NAMES.filter((t) => audienceOf(t) === 'staff').sort();
		expect(staff).toEqual(['customer_confirmed', 'customer_reopened', 'customer_replied', 'customer_update_due', 'ticket_escalated', 'ticket_new_for_agents']);
		for (const t of ['ticket_received', 'ticket_reply', 'info_requested', 'solution_proposed', 'ticket_closed', 'ticket_auto_closed', 'auto_close_reminder', 'problem_resolved']) expect(isAnswerable(t)).toBe(true);
		for (const t of staff) expect(isAnswerable(t)).toBe(false);
		expect(TEMPLATE_NAMES.filter((t) => autoSubmittedOf(t) === 'auto-replied').sort()).toEqual(TEMPLATE_NAMES.filter((t) => t.startsWith('email_')).sort());
		expect(isAnswerable('birthday_card')).toBe(false);
		expect(autoSubmittedOf('birthday_card')).toBe('auto-generated');
	});

	it('agrees with templates.ts: the staff templates are exactly those rendered with the staff footer', () => {
		const staffFooter = 'Recibes este correo porque formas parte del equipo de Mostrador.';
		for (const [template, payload] of Object.entries(TICKET_PAYLOADS)) {
			const r = renderNotification(template, payload, { lang: 'es', site: 'https://soporte.example.mx' });
			if (!r.ok) throw new Error(`${template}: ${r.error}`);
			expect([template, r.email.text.includes(staffFooter)]).toEqual([template, audienceOf(template) === 'staff']);
		}
	});

	it('the drain: staff mails thread without Reply-To, customer mails with it; each says Auto-Submitted', async () => {
		const rows: ClaimedNotification[] = Object.entries(TICKET_PAYLOADS).map(([template, payload], i) => ({ id: ID(100 + i), template, locale: 'es', payload, attempts: 0, email: `${template}@example.test`, full_name: null }));
		rows.push({ id: ID(200), template: 'email_refused', locale: 'es', payload: { reason: 'too_large', limit: '25 MB', subject: 'x' }, attempts: 0, email: 'someone@example.test', full_name: null });
		const mailer = recording();
		const threading = { support, tickets: tickets({ [TICKET]: { replyToken: TOKEN, createdAt: OPENED } }) };
		const count = rows.length;
		expect(await drain({ ...base, batchSize: 50, outbox: new MemoryOutbox(rows), mailer, threading })).toMatchObject({ sent: count, dead: 0 });
		const byKind = new Map(mailer.sent.map((m) => [m.kind.replace(/^notify\./, ''), m]));
		for (const template of Object.keys(TICKET_PAYLOADS)) {
			const m = byKind.get(template)!;
			expect(m.thread?.root).toBe(`ticket-${TICKET}@demo.mostrador.test`);
			expect(m.thread?.threadIndex).toBeTruthy();
			expect([template, m.thread?.replyTo]).toEqual([template, audienceOf(template) === 'staff' ? undefined : `soporte+t${TOKEN}@demo.mostrador.test`]);
			expect(m.autoSubmitted).toBe('auto-generated');
		}
		expect(byKind.get('email_refused')).toMatchObject({ autoSubmitted: 'auto-replied', thread: undefined });
	});
});

// Without SUPPORT_ADDRESS ------------------------------------------------------------------------------

describe('notify without SUPPORT_ADDRESS', () => {
	const env = (vars: Record<string, string>) => (name: string) => vars[name];
	const stackEnv = { SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_SERVICE_ROLE_KEY: 'k', SITE_NAME: 'Centro de soporte Quetzal' };

	it('the outgoing channel warns instead of refusing; a wrong SITE_URL still refuses', () => {
		expect(outgoingChannel(env({ SITE_NAME: 'Quetzal' }))).toEqual({
			support: undefined,
			siteName: 'Quetzal',
			siteUrl: 'http://127.0.0.1:4321',
			warnings: ['SUPPORT_ADDRESS is not set: mails go out without threading or a reply address, so customers cannot answer them by e-mail'],
		});
		expect(outgoingChannel(env({ SUPPORT_ADDRESS: 'soporte+x@q.example' })).warnings).toEqual([
			'SUPPORT_ADDRESS is not one plain address without a +tag ("soporte+x@q.example"): mails go out without threading or a reply address',
		]);
		expect(outgoingChannel(env({ SUPPORT_ADDRESS: 'soporte@q.example' }))).toMatchObject({ support: { local: 'soporte', domain: 'q.example' }, warnings: [] });
		expect(() => outgoingChannel(env({ SITE_URL: 'ftp://x' }))).toThrow('SITE_URL must be http(s): "ftp://x"');
	});

	it('the run is set up with one warning and no threading, and its mails go out unthreaded, without Reply-To', async () => {
		const setup = notifySetup(env(stackEnv));
		expect(setup.support).toBeUndefined();
		expect(setup.warnings).toHaveLength(1);
		expect(setup.warnings[0]).toMatch(/^SUPPORT_ADDRESS is not set/);
		const mailer = recording();
		const rows = [row(ID(300), { ticket: TICKET }), { ...row(ID(301), {}), template: 'customer_confirmed', payload: TICKET_PAYLOADS.customer_confirmed }];
		// index.ts passes no threading when setup.support is undefined.
		expect(await drain({ ...base, outbox: new MemoryOutbox(rows), mailer, threading: undefined, fromName: setup.fromName })).toMatchObject({ sent: 2, failed: 0, dead: 0 });
		for (const m of mailer.sent) {
			expect(m.thread).toBeUndefined();
			expect(m.fromName).toBe('Centro de soporte Quetzal');
		}
	});

	it('with it: no warning, and the stack sends from no-reply@ its domain, never from the support address', () => {
		const setup = notifySetup(env({ ...stackEnv, SUPPORT_ADDRESS: 'soporte@demo.mostrador.test' }));
		expect(setup).toMatchObject({ support, warnings: [] });
		expect(setup.mailer.sender).toBe('no-reply@demo.mostrador.test');
	});

	it('a provider configured to send as the support address is warned about (staff answers would land there)', () => {
		const setup = notifySetup(env({ MAIL_PROVIDER: 'http', MAIL_API_URL: 'https://api.resend.com/emails', MAIL_API_KEY: 'k', MAIL_FROM: 'Mostrador <Soporte@demo.mostrador.test>', SUPPORT_ADDRESS: 'soporte@demo.mostrador.test' }));
		expect(setup.warnings).toHaveLength(1);
		expect(setup.warnings[0]).toMatch(/^mail goes out from the support address \(Soporte@demo.mostrador.test\): staff mails carry no Reply-To/);
		expect(sendsAsSupport(support, `soporte+t${TOKEN}@demo.mostrador.test`)).toBe(true);
		expect(sendsAsSupport(support, 'no-reply@demo.mostrador.test')).toBe(false);
	});
});
