// screen(): which received mails are dropped without a word (machines, loops), which are unverified
// (no DMARC pass from our receiving server: nothing is done as their sender), which are refused with a
// reason (too big), and that a refusal never goes to a machine or an unauthenticated sender.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, parseMessage, screen, type InboundLimits } from '#shared/inbound/index.ts';
import { buildMessage } from '#shared/mailer/mime.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES } from '#shared/ticket-input.ts';
import { editHeaders, fixture, NOTIFICATION, support, TICKET, TOKEN } from './inbound-fixtures.ts';

/** Our receiving server, as the function is told (INBOUND_AUTHSERV_ID): the fixtures' own mx. */
const AUTHSERV = 'mx.demo.mostrador.test';
const PASS = `Authentication-Results: ${AUTHSERV}; spf=pass smtp.mailfrom=laboratoriosruiz.com.mx; dkim=pass header.d=laboratoriosruiz.com.mx; dmarc=pass header.from=laboratoriosruiz.com.mx`;
const judge = async (raw: string, opts: { limits?: InboundLimits; sizeBytes?: number; ownAddresses?: string[] } = {}) =>
	screen(await parseMessage(raw, { authservId: AUTHSERV }), { support, ...opts });
/** A person's mail our server authenticated (the Apple fixture has no Authentication-Results of its own). */
const human = () => editHeaders(fixture('apple-new-attachments'), { add: [PASS] });
const tooMany = () => editHeaders(fixture('too-many-attachments'), { add: [PASS] });
const drop = (reason: string) => ({ verdict: 'drop', reason });
const refuse = (reason: string) => ({ verdict: 'refuse', reason });
const unverified = (reason: string) => ({ verdict: 'unverified', reason });

/** A message with `attached` text files, `inline` images in a multipart/related body, and `other` files of a type the bucket does not take. */
function withFiles(counts: { attached: number; inline?: number; other?: number }): string {
	const related = [
		'Content-Type: multipart/related; boundary="rel"',
		'',
		'--rel',
		'Content-Type: text/html; charset=utf-8',
		'',
		'<p>Mire las capturas</p>',
		...Array.from({ length: counts.inline ?? 0 }, (_, i) => [
			'--rel',
			`Content-Type: image/png; name="image00${i}.png"`,
			'Content-Transfer-Encoding: base64',
			`Content-ID: <img${i}@cliente.mx>`,
			'Content-Disposition: inline',
			'',
			'iVBORw0KGgo=',
		]).flat(),
		'--rel--',
	];
	const files = [
		...Array.from({ length: counts.attached }, (_, i) => ['text/plain', `registro-${i}.log`] as const),
		...Array.from({ length: counts.other ?? 0 }, (_, i) => ['application/x-msdownload', `programa-${i}.exe`] as const),
	].flatMap(([type, name]) => ['--mix', `Content-Type: ${type}; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, '', 'contenido']);
	return [PASS, 'From: Pedro Salas <pedro.salas@transportes-norte.mx>', 'To: soporte@demo.mostrador.test', 'Subject: Capturas', 'Message-ID: <capturas@transportes-norte.mx>', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="mix"', '', '--mix', ...related, ...files, '--mix--', ''].join('\n');
}

describe('screen: accept', () => {
	it('accepts mail a person wrote', async () => {
		expect(await judge(human())).toEqual({ verdict: 'accept' });
		expect(await judge(fixture('gmail-reply'))).toEqual({ verdict: 'accept' });
		expect(await judge(fixture('outlook-html-reply'))).toEqual({ verdict: 'accept' });
	});
});

describe('screen: machine-written mail is dropped', () => {
	it.each(['auto-generated', 'auto-replied', 'auto-notified', 'Auto-Replied; owner-email="x@y.mx"'])('Auto-Submitted: %s', async (value) => {
		expect(await judge(editHeaders(human(), { add: [`Auto-Submitted: ${value}`] }))).toEqual(drop('auto_submitted'));
	});

	it('Auto-Submitted: no is a person', async () => {
		expect(await judge(editHeaders(human(), { add: ['Auto-Submitted: no'] }))).toEqual({ verdict: 'accept' });
	});

	it.each(['bulk', 'junk', 'list', 'Bulk'])('Precedence: %s', async (value) => {
		expect(await judge(editHeaders(human(), { add: [`Precedence: ${value}`] }))).toEqual(drop('bulk'));
	});

	it('List-Id or List-Unsubscribe alone mark list mail; the newsletter fixture is dropped', async () => {
		expect(await judge(editHeaders(human(), { add: ['List-Id: <clientes.lists.example.mx>'] }))).toEqual(drop('bulk'));
		expect(await judge(editHeaders(human(), { add: ['List-Unsubscribe: <mailto:baja@example.mx>'] }))).toEqual(drop('bulk'));
		expect(await judge(fixture('mailing-list'))).toEqual(drop('bulk'));
	});

	it('an Outlook / Exchange out-of-office is dropped, by each of its signs', async () => {
		const ooo = fixture('outlook-out-of-office');
		expect(await judge(ooo)).toEqual(drop('auto_submitted'));
		// Older Exchange omits Auto-Submitted: the header its own agents stamp is enough.
		expect(await judge(editHeaders(ooo, { remove: ['Auto-Submitted'] }))).toEqual(drop('auto_submitted'));
		// Neither: X-Auto-Response-Suppress together with Outlook's auto-reply subject.
		expect(await judge(editHeaders(ooo, { remove: ['Auto-Submitted', 'X-MS-Exchange-Generated-Message-Source'] }))).toEqual(drop('auto_submitted'));
		const english = editHeaders(ooo, {
			remove: ['Auto-Submitted', 'X-MS-Exchange-Generated-Message-Source', 'Subject'],
			add: ['Subject: Automatic reply: [#1042] A reply to your ticket'],
		});
		expect(await judge(english)).toEqual(drop('auto_submitted'));
	});

	it('X-Auto-Response-Suppress alone is not an auto reply: Exchange sets it on mail people send to distribution lists', async () => {
		// glpi-project/glpi#2170, discourse/discourse#21367: dropping on it loses real customers' mail.
		expect(await judge(editHeaders(human(), { add: ['X-Auto-Response-Suppress: All'] }))).toEqual({ verdict: 'accept' });
		const answer = editHeaders(fixture('outlook-html-reply'), { add: ['X-Auto-Response-Suppress: All'] });
		expect(await judge(answer)).toEqual({ verdict: 'accept' });
	});

	it.each(['X-Autoreply: yes', 'X-Autorespond: Estoy de vacaciones', 'X-MS-Exchange-Inbox-Rules-Loop: jmendez@ferreteria-central.mx'])(
		'%s',
		async (header) => {
			expect(await judge(editHeaders(human(), { add: [header] }))).toEqual(drop('auto_submitted'));
		},
	);

	it('a read receipt (disposition-notification report) is dropped', async () => {
		const raw = editHeaders(human(), {
			remove: ['Content-Type'],
			add: ['Content-Type: multipart/report; report-type=disposition-notification;', '\tboundary="Apple-Mail=_5B1C6E2A-3D4F-4A8B-9C0D-1E2F3A4B5C6D"'],
		});
		expect(await judge(raw)).toEqual(drop('auto_submitted'));
	});
});

describe('screen: bounces are dropped', () => {
	it('a multipart/report delivery-status from MAILER-DAEMON with Return-Path <>', async () => {
		expect(await judge(fixture('bounce'))).toEqual(drop('bounce'));
	});

	it.each([
		['a MAILER-DAEMON sender', { remove: ['From'], add: ['From: MAILER-DAEMON@mx.example.mx'] }],
		['a bare MAILER-DAEMON sender, no domain', { remove: ['From'], add: ['From: MAILER-DAEMON (Mail Delivery System)'] }],
		['a postmaster sender', { remove: ['From'], add: ['From: Postmaster <postmaster@example.mx>'] }],
		['an empty Return-Path', { remove: ['Return-Path'], add: ['Return-Path: <>'] }],
		['X-Failed-Recipients', { add: ['X-Failed-Recipients: l.gomez@clinicasanpedro.mx'] }],
	])('each sign alone: %s', async (_, edit) => {
		expect(await judge(editHeaders(human(), edit))).toEqual(drop('bounce'));
	});

	it('a Return-Path with an address is no bounce', async () => {
		expect(await judge(human())).toEqual({ verdict: 'accept' });
	});
});

describe('screen: our own mail is dropped (no loops)', () => {
	const notification = () =>
		buildMessage({
			from: { name: 'Soporte Quetzal', address: 'soporte@demo.mostrador.test' },
			to: { name: 'Ana Pérez', address: 'ana.perez@clinicasanpedro.mx' },
			subject: '[#1042] Hay una respuesta a su ticket',
			text: 'Hola Ana',
			html: '<p>Hola Ana</p>',
			messageId: `${NOTIFICATION}@demo.mostrador.test`,
			date: new Date('2026-12-07T16:00:00Z'),
			boundary: '=_test',
		});

	it('a notification we sent, coming back (a forward rule, a misconfigured alias)', async () => {
		expect(await judge(notification())).toEqual(drop('own_mail'));
	});

	it('our Message-ID under someone else’s From (a redirect keeps it)', async () => {
		for (const id of [`${NOTIFICATION}@demo.mostrador.test`, `ticket-${TICKET}@demo.mostrador.test`]) {
			const raw = editHeaders(human(), { remove: ['Message-Id'], add: [`Message-ID: <${id.toUpperCase()}>`] });
			expect(await judge(raw)).toEqual(drop('own_mail'));
		}
	});

	it('From the support address or one of its reply addresses, in any case', async () => {
		for (const from of ['soporte@demo.mostrador.test', 'Soporte <SOPORTE@Demo.Mostrador.TEST>', `soporte+t${TOKEN}@demo.mostrador.test`]) {
			expect(await judge(editHeaders(human(), { remove: ['From'], add: [`From: ${from}`] }))).toEqual(drop('own_mail'));
		}
	});

	it('From one of the other addresses our mail goes out with', async () => {
		const raw = editHeaders(human(), { remove: ['From'], add: ['From: Mostrador <Notificaciones@demo.mostrador.test>'] });
		expect(await judge(raw)).toEqual({ verdict: 'accept' });
		expect(await judge(raw, { ownAddresses: ['Mostrador <notificaciones@demo.mostrador.test>'] })).toEqual(drop('own_mail'));
	});

	it('someone else at our domain is not us', async () => {
		const raw = editHeaders(human(), { remove: ['From'], add: ['From: ventas@demo.mostrador.test'] });
		expect(await judge(raw)).toEqual({ verdict: 'accept' });
	});
});

describe('screen: senders', () => {
	it('a mail without a usable From is dropped', async () => {
		expect(await judge(editHeaders(human(), { remove: ['From'] }))).toEqual(drop('no_sender'));
		expect(await judge(editHeaders(human(), { remove: ['From'], add: ['From: Marta Ruiz'] }))).toEqual(drop('no_sender'));
	});

	it('DMARC failing at our server is a spoof, whatever a header lower down claims', async () => {
		expect(await judge(fixture('spoofed'))).toMatchObject({ ...unverified('spoofed'), detail: 'spf=fail dkim=none dmarc=fail' });
	});

	it('SPF and DKIM both failing is a spoof', async () => {
		const raw = editHeaders(human(), { add: [`Authentication-Results: ${AUTHSERV}; spf=fail smtp.mailfrom=x.mx; dkim=fail header.d=x.mx`] });
		expect(await judge(raw)).toMatchObject(unverified('spoofed'));
	});

	it('only a DMARC pass authenticates: a forwarded mail that fails SPF but keeps an aligned signature passes; SPF or DKIM alone do not', async () => {
		const forwarded = editHeaders(fixture('apple-new-attachments'), { add: [`Authentication-Results: ${AUTHSERV}; spf=fail smtp.mailfrom=x.mx; dkim=pass header.d=laboratoriosruiz.com.mx; dmarc=pass`] });
		expect(await judge(forwarded)).toEqual({ verdict: 'accept' });
		for (const results of ['spf=fail smtp.mailfrom=x.mx; dkim=pass header.d=x.mx', 'spf=pass smtp.mailfrom=x.mx; dkim=fail header.d=x.mx', 'spf=softfail; dkim=none; dmarc=none', 'dmarc=temperror']) {
			const raw = editHeaders(fixture('apple-new-attachments'), { add: [`Authentication-Results: ${AUTHSERV}; ${results}`] });
			expect(await judge(raw)).toMatchObject(unverified('unauthenticated'));
		}
	});

	it('no Authentication-Results of our server is no authentication: none at all, or only another server’s pass', async () => {
		expect((await parseMessage(fixture('apple-new-attachments'))).authentication).toEqual({});
		expect(await judge(fixture('apple-new-attachments'))).toEqual({ ...unverified('unauthenticated'), detail: 'no verdict from our receiving server' });
		const elsewhere = editHeaders(fixture('apple-new-attachments'), { add: ['Authentication-Results: relay.hosting-barato.example; dmarc=pass header.from=laboratoriosruiz.com.mx'] });
		expect(await judge(elsewhere)).toMatchObject(unverified('unauthenticated'));
	});

	it('our server’s topmost verdict counts: a pass forged below it, even under our id, changes nothing; a fail forged below ours does not spoil a pass', async () => {
		const forgedBelow = editHeaders(fixture('apple-new-attachments'), {
			add: [`Authentication-Results: ${AUTHSERV}; dmarc=none`, `Authentication-Results: ${AUTHSERV}; dmarc=pass header.from=laboratoriosruiz.com.mx`],
		});
		expect(await judge(forgedBelow)).toMatchObject(unverified('unauthenticated'));
		const failBelow = editHeaders(fixture('apple-new-attachments'), { add: [PASS, `Authentication-Results: ${AUTHSERV}; dmarc=fail`] });
		expect(await judge(failBelow)).toEqual({ verdict: 'accept' });
	});

	it('machines and our own mail are dropped before authentication is asked: no notice to anyone for them', async () => {
		expect(await judge(editHeaders(fixture('bounce'), { remove: ['Authentication-Results'] }))).toEqual(drop('bounce'));
		expect(await judge(editHeaders(fixture('apple-new-attachments'), { add: ['Auto-Submitted: auto-replied'] }))).toEqual(drop('auto_submitted'));
	});
});

describe('screen: refusals', () => {
	it('the limits are the web form’s: 10 files of 25 MiB, and a message that can carry one such file', () => {
		expect(DEFAULT_LIMITS.maxAttachments).toBe(ATTACHMENT_MAX_FILES);
		expect(DEFAULT_LIMITS.maxAttachmentBytes).toBe(ATTACHMENT_MAX_BYTES);
		// base64: 4 characters per 3 bytes, CRLF after every 76 characters.
		const encoded = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 * (78 / 76);
		expect(DEFAULT_LIMITS.maxBytes).toBeGreaterThan(encoded + 64 * 1024);
	});

	it('too many attachments', async () => {
		expect(await judge(tooMany())).toEqual(refuse('too_many_attachments'));
	});

	it('only files we would store count: inline images and types the bucket does not take are not attachments the sender is refused for', async () => {
		const m = await parseMessage(withFiles({ attached: 10, inline: 3, other: 2 }), { authservId: AUTHSERV });
		expect(m.attachments.filter((a) => a.inline)).toHaveLength(3);
		expect(await judge(withFiles({ attached: 10, inline: 3, other: 2 }))).toEqual({ verdict: 'accept' });
		expect(await judge(withFiles({ attached: 11 }))).toEqual(refuse('too_many_attachments'));
	});

	it('one attachment over the per-file limit', async () => {
		const limits = { ...DEFAULT_LIMITS, maxAttachments: 20, maxAttachmentBytes: 1000 };
		expect(await judge(tooMany(), { limits })).toEqual(refuse('attachment_too_large'));
		expect(await judge(tooMany(), { limits: { ...limits, maxAttachmentBytes: 1200 } })).toEqual({ verdict: 'accept' });
	});

	it('a message over the size limit, measured by the parser or by the receiver', async () => {
		expect(await judge(human(), { limits: { ...DEFAULT_LIMITS, maxBytes: 1024 } })).toEqual(refuse('too_large'));
		expect(await judge(human(), { sizeBytes: DEFAULT_LIMITS.maxBytes + 1 })).toEqual(refuse('too_large'));
		expect(await judge(human(), { sizeBytes: DEFAULT_LIMITS.maxBytes })).toEqual({ verdict: 'accept' });
	});

	it('machines are dropped before anything is refused: a refusal never answers a bounce or an auto reply', async () => {
		const tiny = { ...DEFAULT_LIMITS, maxBytes: 100, maxAttachments: 0 };
		expect(await judge(fixture('bounce'), { limits: tiny })).toEqual(drop('bounce'));
		expect(await judge(fixture('outlook-out-of-office'), { limits: tiny })).toEqual(drop('auto_submitted'));
		expect(await judge(editHeaders(tooMany(), { add: ['Precedence: bulk'] }))).toEqual(drop('bulk'));
	});

	it('an unauthenticated sender is never refused (the refusal would go to whoever the From names)', async () => {
		expect(await judge(fixture('too-many-attachments'))).toMatchObject(unverified('unauthenticated'));
		expect(await judge(fixture('apple-new-attachments'), { sizeBytes: DEFAULT_LIMITS.maxBytes + 1 })).toMatchObject(unverified('unauthenticated'));
	});
});
