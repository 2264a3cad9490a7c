// The inbound-email function in real Deno through the stack: raw messages POSTed the way the stack's
// SMTP port and a relay post them (message/rfc822 + the shared secret). A contact's mail opens a ticket
// with its file and gets the receipt; the answer to the receipt lands on the same ticket without the
// quoted text; a redelivery adds nothing; a colleague's reply-all lands on the customer's ticket; a
// plain member gets one automatic answer; a person in two organisations is sent to the portal; machine
// mail and unknown addresses open nothing; mail without a DMARC pass from our receiving server opens
// and posts nothing, and the person it names hears of it once a day; a wrong secret or signature
// stores nothing. Every accepted mail carries the Authentication-Results a provider (or the stack's
// SMTP port) would put on top: its authserv-id is INBOUND_AUTHSERV_ID.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import nodemailer from 'nodemailer';
import { randomUUID } from 'node:crypto';
import { FunctionsHttpError } from '@supabase/supabase-js';
import { latestMail, local, serviceClient, signedInUser, uniqueEmail, url, type TestUser } from './client.ts';
import { LOCAL_INBOUND_AUTHSERV_ID, LOCAL_INBOUND_EMAIL_SECRET, LOCAL_SUPPORT_ADDRESS } from '../../supabase/local/config.ts';

const service = serviceClient();
const SECRET = process.env.INBOUND_EMAIL_SECRET ?? LOCAL_INBOUND_EMAIL_SECRET;
const SUPPORT = process.env.SUPPORT_ADDRESS ?? LOCAL_SUPPORT_ADDRESS;
const AUTHSERV = process.env.INBOUND_AUTHSERV_ID ?? LOCAL_INBOUND_AUTHSERV_ID;
/** What our receiving server writes on top of a mail whose sender it authenticated. */
const PASS = `Authentication-Results: ${AUTHSERV}; spf=pass smtp.mailfrom=example.test; dkim=pass header.d=example.test; dmarc=pass header.from=example.test`;
const [supportLocal, supportDomain] = SUPPORT.split('@');
let org: string;
/** Organisations made for one test (the shared one's contacts are pinned by others). */
const extraOrgs: string[] = [];
let contact: TestUser;
let member: TestUser;

interface Mail {
	from: string;
	to?: string;
	subject?: string;
	text?: string;
	id?: string;
	headers?: Record<string, string>;
	/** The Authentication-Results lines on top, ours first; [PASS] unless given. */
	auth?: string[];
	cc?: string;
	file?: { name: string; type: string; content: string };
	/** More files, for the limits. */
	files?: { name: string; type: string; content: string }[];
}

/** An RFC 5322 message; with a file, multipart/mixed with the file base64-encoded. */
function rfc822(m: Mail): string {
	const head = [
		...(m.auth ?? [PASS]),
		`From: ${m.from}`,
		`To: ${m.to ?? SUPPORT}`,
		...(m.cc ? [`Cc: ${m.cc}`] : []),
		`Subject: ${m.subject ?? 'La búsqueda no encuentra documentos'}`,
		`Message-ID: <${m.id ?? `${randomUUID()}@mail.example.test`}>`,
		`Date: ${new Date().toUTCString()}`,
		'MIME-Version: 1.0',
		...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
	];
	const text = m.text ?? 'Desde la actualización a 5.1 la búsqueda no devuelve documentos nuevos.';
	const files = [...(m.file ? [m.file] : []), ...(m.files ?? [])];
	if (!files.length) return [...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text, ''].join('\r\n');
	const b = `b-${randomUUID()}`;
	return [
		...head,
		`Content-Type: multipart/mixed; boundary="${b}"`,
		'',
		`--${b}`,
		'Content-Type: text/plain; charset=utf-8',
		'Content-Transfer-Encoding: 8bit',
		'',
		text,
		...files.flatMap((f) => [
			`--${b}`,
			`Content-Type: ${f.type}; name="${f.name}"`,
			`Content-Disposition: attachment; filename="${f.name}"`,
			'Content-Transfer-Encoding: base64',
			'',
			Buffer.from(f.content).toString('base64'),
		]),
		`--${b}--`,
		'',
	].join('\r\n');
}

async function post(raw: string, opts: { secret?: string; envelopeTo?: string } = {}) {
	const headers: Record<string, string> = { 'content-type': 'message/rfc822', authorization: `Bearer ${opts.secret ?? SECRET}` };
	if (opts.envelopeTo) headers['x-envelope-to'] = opts.envelopeTo;
	const res = await fetch(`${url()}/functions/v1/inbound-email`, { method: 'POST', headers, body: raw });
	return { status: res.status, body: await res.json() };
}

const messageIdOf = (raw: string) => /^Message-ID: <([^>]+)>/m.exec(raw)![1];
const logOf = async (id: string) => (await service.from('inbound_emails').select('outcome, ticket_id, reason').eq('message_id', id).maybeSingle()).data;
const ticketsOf = async (requester: string) => (await service.from('tickets').select('id').eq('requester_id', requester)).data ?? [];

async function drainOutbox() {
	const { error } = await service.functions.invoke('notify', { body: {} });
	if (error) throw new Error(`notify: ${error.message} ${error instanceof FunctionsHttpError ? await error.context.text() : ''}`);
}

beforeAll(async () => {
	const created = await service
		.from('organisations')
		.insert({ name: `Correo ${randomUUID().slice(0, 6)}`, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' })
		.select('id')
		.single();
	expect(created.error).toBeNull();
	org = created.data!.id;
	[contact, member] = await Promise.all([signedInUser('mail-contact', { full_name: 'Lucía Contacto' }), signedInUser('mail-member', { full_name: 'Mario Miembro' })]);
	expect(
		(
			await service.from('memberships').insert([
				{ organisation_id: org, user_id: contact.id, role: 'authorized_contact' },
				{ organisation_id: org, user_id: member.id, role: 'member' },
			])
		).error,
	).toBeNull();
});

afterAll(async () => {
	await service.from('organisations').delete().eq('id', org);
	if (extraOrgs.length) await service.from('organisations').delete().in('id', extraOrgs);
});

describe('inbound-email: a contact opens and answers a ticket by mail', () => {
	let ticket: { id: string; reply_token: string };
	/** The receipt's header fields, as the mailbox kept them (its Reply-To and Message-ID, when the mailer sets them). */
	let receipt: Record<string, string> = {};

	it('a mail from an authorized contact opens a ticket (channel email, default severity) with its file, and the receipt goes out', async () => {
		const raw = rfc822({ from: `Lucía Contacto <${contact.email}>`, file: { name: 'registro.txt', type: 'text/plain', content: 'ERROR index stale\n' } });
		const { status, body } = await post(raw);
		expect(status).toBe(200);
		expect(body).toMatchObject({ outcome: 'ticket_opened' });
		const { data: row } = await service.from('tickets').select('id, reply_token, channel, severity_key, subject, environment, requester_id, description').eq('id', body.ticket).single();
		expect(row).toMatchObject({ channel: 'email', severity_key: 'P3', subject: 'La búsqueda no encuentra documentos', environment: 'production', requester_id: contact.id });
		expect(row!.description).toContain('la búsqueda no devuelve documentos nuevos');
		ticket = row!;
		const { data: files } = await service.from('ticket_attachments').select('file_name, mime_type, size_bytes, uploaded_by, storage_path').eq('ticket_id', row!.id);
		expect(files).toEqual([expect.objectContaining({ file_name: 'registro.txt', mime_type: 'text/plain', size_bytes: 18, uploaded_by: contact.id })]);
		expect(files![0].storage_path.startsWith(`${org}/email-`)).toBe(true);
		// The contact can download their own file, as with the form's.
		const download = await contact.client.storage.from('attachments').download(files![0].storage_path);
		expect(await download.data?.text()).toBe('ERROR index stale\n');
		expect(await logOf(messageIdOf(raw))).toEqual({ outcome: 'ticket_opened', ticket_id: row!.id, reason: null });
		if (local()) {
			await drainOutbox();
			const mail = (await latestMail(contact.email)) as (Awaited<ReturnType<typeof latestMail>> & { kind?: string; headers?: Record<string, string> }) | undefined;
			const { data: t } = await service.from('tickets').select('number').eq('id', row!.id).single();
			expect(mail?.kind).toBe('notify.ticket_received');
			expect(mail?.subject).toContain(String(t!.number));
			receipt = mail?.headers ?? {};
		}
	});

	it('the answer to the receipt (To: the ticket’s reply address) lands on the same ticket, without the quoted text; again, it adds nothing', async () => {
		const replyTo = /[^<\s]+@[^>\s]+/.exec(receipt['Reply-To'] ?? '')?.[0] ?? `${supportLocal}+t${ticket.reply_token}@${supportDomain}`;
		expect(replyTo).toBe(`${supportLocal}+t${ticket.reply_token}@${supportDomain}`);
		const raw = rfc822({
			from: `Lucía Contacto <${contact.email}>`,
			to: replyTo,
			subject: 'Re: La búsqueda no encuentra documentos',
			text: 'Ya reconstruí el índice y sigue igual.\r\n\r\nEl lun, 7 dic 2026 a las 10:00, Soporte <' + SUPPORT + '> escribió:\r\n> Recibimos tu ticket.\r\n> Te responderemos pronto.\r\n',
			headers: { 'In-Reply-To': receipt['Message-ID'] ?? `<ticket-${ticket.id}@${supportDomain}>` },
		});
		const answer = await post(raw, { envelopeTo: replyTo });
		expect(answer).toMatchObject({ status: 200, body: { outcome: 'reply_added', ticket: ticket.id } });
		const { data: messages } = await service.from('ticket_messages').select('body, author_id').eq('ticket_id', ticket.id).order('created_at');
		expect(messages!.at(-1)).toEqual({ body: 'Ya reconstruí el índice y sigue igual.', author_id: contact.id });
		const again = await post(raw, { envelopeTo: replyTo });
		expect(again).toMatchObject({ status: 200, body: { outcome: 'reply_added', duplicate: true } });
		expect((await service.from('ticket_messages').select('id').eq('ticket_id', ticket.id)).data).toHaveLength(messages!.length);
	});

	it('the same new mail twice opens one ticket', async () => {
		const raw = rfc822({ from: contact.email, subject: 'Dos veces el mismo correo' });
		const [a, b] = [await post(raw), await post(raw)];
		expect(a.body.outcome).toBe('ticket_opened');
		expect(b.body).toMatchObject({ outcome: 'ticket_opened', ticket: a.body.ticket, duplicate: true });
		expect((await service.from('tickets').select('id').eq('subject', 'Dos veces el mismo correo')).data).toHaveLength(1);
	});

	it('an answer to a closed ticket opens a follow-up that names it', async () => {
		const opened = await post(rfc822({ from: contact.email, subject: 'Se cerrará pronto' }));
		const closedId = opened.body.ticket as string;
		await service.from('tickets').update({ status: 'closed', close_reason: 'staff' }).eq('id', closedId);
		const raw = rfc822({ from: contact.email, subject: 'Re: Se cerrará pronto', text: 'Volvió a pasar hoy.', headers: { References: `<ticket-${closedId}@${supportDomain}>` } });
		const { status, body } = await post(raw);
		expect(status).toBe(200);
		expect(body.outcome).toBe('follow_up_opened');
		const { data: next } = await service.from('tickets').select('follow_up_of, description, channel').eq('id', body.ticket).single();
		expect(next).toEqual({ follow_up_of: closedId, description: 'Volvió a pasar hoy.', channel: 'email' });
	});
});

describe('inbound-email: a colleague’s reply-all', () => {
	it('A writes to support with B in Cc; B’s reply-all (To A, Cc support, In-Reply-To A’s mail) lands once on A’s ticket', async () => {
		const subject = `Con copia ${randomUUID().slice(0, 6)}`;
		const first = rfc822({ from: `Lucía Contacto <${contact.email}>`, cc: `Mario Miembro <${member.email}>`, subject });
		const opened = await post(first, { envelopeTo: SUPPORT });
		expect(opened.body.outcome).toBe('ticket_opened');
		const ticketId = opened.body.ticket as string;
		const aId = messageIdOf(first);
		const answer = rfc822({
			from: `Mario Miembro <${member.email}>`,
			to: `Lucía Contacto <${contact.email}>`,
			cc: SUPPORT,
			subject: `Re: ${subject}`,
			text: `También nos pasa en la sucursal norte.\r\n\r\nEl lun, 7 dic 2026 a las 10:00, Lucía Contacto <${contact.email}> escribió:\r\n> Desde la actualización a 5.1 la búsqueda no devuelve documentos nuevos.\r\n`,
			headers: { 'In-Reply-To': `<${aId}>`, References: `<${aId}>` },
		});
		const [once, again] = [await post(answer, { envelopeTo: SUPPORT }), await post(answer, { envelopeTo: SUPPORT })];
		expect(once).toMatchObject({ status: 200, body: { outcome: 'reply_added', ticket: ticketId } });
		expect(again.body).toMatchObject({ outcome: 'reply_added', ticket: ticketId, duplicate: true });
		const { data: messages } = await service.from('ticket_messages').select('body, author_id').eq('ticket_id', ticketId).order('created_at');
		expect(messages!.filter((x) => x.author_id === member.id)).toEqual([{ body: 'También nos pasa en la sucursal norte.', author_id: member.id }]);
		expect((await service.from('tickets').select('id').ilike('subject', `%${subject}%`)).data).toEqual([{ id: ticketId }]);
		expect(await ticketsOf(member.id)).toEqual([]);
	});

	it('the reply-all of someone outside the organisation is refused on that ticket, and opens nothing', async () => {
		const first = rfc822({ from: contact.email, subject: `Con copia externa ${randomUUID().slice(0, 6)}` });
		const opened = await post(first);
		const outsider = await signedInUser('mail-outsider');
		const answer = rfc822({ from: outsider.email, to: contact.email, cc: SUPPORT, subject: 'Re: externa', headers: { 'In-Reply-To': `<${messageIdOf(first)}>` } });
		expect((await post(answer, { envelopeTo: SUPPORT })).body).toMatchObject({ outcome: 'reply_refused', ticket: opened.body.ticket });
		expect(await ticketsOf(outsider.id)).toEqual([]);
	});
});

describe('inbound-email: a person in several organisations', () => {
	it('opens nothing and is asked to open it on the portal, where they choose the organisation', async () => {
		const created = await service
			.from('organisations')
			.insert(['bis', 'tris'].map((n) => ({ name: `Correo ${n} ${randomUUID().slice(0, 6)}`, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' })))
			.select('id, name');
		expect(created.error).toBeNull();
		extraOrgs.push(...created.data!.map((o) => o.id));
		const both = await signedInUser('mail-two-orgs', { full_name: 'Dora Doble' });
		expect((await service.from('memberships').insert(created.data!.map((o) => ({ organisation_id: o.id, user_id: both.id, role: 'authorized_contact' })))).error).toBeNull();
		const subject = `¿En cuál? ${randomUUID().slice(0, 6)}`;
		const { status, body } = await post(rfc822({ from: both.email, subject }));
		expect(status).toBe(200);
		expect(body).toMatchObject({ outcome: 'refused', reason: 'several_organisations' });
		expect(await ticketsOf(both.id)).toEqual([]);
		const { data: queued } = await service.from('notifications').select('template, payload').eq('recipient_email', both.email);
		const names = created.data!.map((o) => o.name).sort();
		expect(queued).toEqual([{ template: 'email_refused', payload: { reason: 'several_organisations', subject, organisations: names } }]);
	});
});

describe('inbound-email: a sender that is not authenticated', () => {
	let ticket: { id: string; reply_token: string };
	const variants: [string, string[]][] = [
		['no Authentication-Results at all', []],
		['dmarc=fail from our server', [`Authentication-Results: ${AUTHSERV}; spf=fail smtp.mailfrom=example.test; dkim=none; dmarc=fail header.from=example.test`]],
		['dmarc=none from our server', [`Authentication-Results: ${AUTHSERV}; spf=pass smtp.mailfrom=example.test; dkim=none; dmarc=none`]],
		['a pass from another server only', ['Authentication-Results: relay.forger.example; dmarc=pass header.from=example.test']],
		['a pass forged below our verdict, under our own id', [`Authentication-Results: ${AUTHSERV}; dmarc=none`, `Authentication-Results: ${AUTHSERV}; dmarc=pass header.from=example.test`, 'Authentication-Results: relay.forger.example; dmarc=pass']],
	];

	beforeAll(async () => {
		const opened = await post(rfc822({ from: contact.email, subject: 'Ticket para suplantar' }));
		expect(opened.body.outcome).toBe('ticket_opened');
		ticket = (await service.from('tickets').select('id, reply_token').eq('id', opened.body.ticket).single()).data!;
	});

	it.each(variants)('%s: a new mail opens nothing and an answer posts nothing; both are logged as unverified', async (_name, auth) => {
		const before = (await ticketsOf(contact.id)).length;
		const messagesBefore = (await service.from('ticket_messages').select('id').eq('ticket_id', ticket.id)).data!.length;
		const fresh = rfc822({ from: `Lucía Contacto <${contact.email}>`, subject: 'Cambien el correo de la cuenta', auth });
		const reply = `${supportLocal}+t${ticket.reply_token}@${supportDomain}`;
		const answer = rfc822({ from: contact.email, to: reply, subject: 'Re: Ticket para suplantar', text: 'Cierren el ticket, ya no hace falta.', auth, headers: { References: `<ticket-${ticket.id}@${supportDomain}>` } });
		for (const [raw, envelopeTo] of [[fresh, SUPPORT], [answer, reply]] as const) {
			const { status, body } = await post(raw, { envelopeTo });
			expect(status).toBe(200);
			expect(body.outcome).toBe('unverified');
			expect(await logOf(messageIdOf(raw))).toMatchObject({ outcome: 'unverified', ticket_id: null, reason: expect.stringMatching(/^(spoofed|unauthenticated): /) });
		}
		expect(await ticketsOf(contact.id)).toHaveLength(before);
		expect((await service.from('ticket_messages').select('id').eq('ticket_id', ticket.id)).data).toHaveLength(messagesBefore);
	});

	it('the person the From names hears of it once a day, at their profile address, with nothing of the mail', async () => {
		const { data: queued } = await service.from('notifications').select('recipient_user_id, recipient_email, payload').eq('template', 'email_unverified').eq('recipient_user_id', contact.id);
		expect(queued).toEqual([{ recipient_user_id: contact.id, recipient_email: contact.email.toLowerCase(), payload: {} }]);
		if (local()) {
			await drainOutbox();
			const { data: sent } = await service.from('notifications').select('status').eq('template', 'email_unverified').eq('recipient_user_id', contact.id);
			expect(sent).toEqual([{ status: 'sent' }]);
		}
	});

	it('an unknown address that is not authenticated is told nothing', async () => {
		const stranger = uniqueEmail('unverified-stranger');
		expect((await post(rfc822({ from: stranger, auth: [] }))).body.outcome).toBe('unverified');
		expect((await service.from('notifications').select('id').eq('recipient_email', stranger)).data).toEqual([]);
	});

	it('nor is an unauthenticated mail refused for its size: no answer goes to a forged address', async () => {
		const files = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, type: 'text/plain', content: `archivo ${i}` }));
		const stranger = uniqueEmail('unverified-files');
		expect((await post(rfc822({ from: stranger, files, auth: [] }))).body.outcome).toBe('unverified');
		expect((await service.from('notifications').select('id').eq('recipient_email', stranger)).data).toEqual([]);
	});
});

describe.skipIf(!local())('inbound-email: through the stack’s SMTP port (local only)', () => {
	it('a contact’s mail delivered over SMTP opens a ticket', async () => {
		const subject = `Por SMTP ${randomUUID().slice(0, 8)}`;
		const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inject('smtpPort'), secure: false, ignoreTLS: true });
		await transport.sendMail({ from: contact.email, to: SUPPORT, subject, text: 'El reporte mensual sale vacío.' });
		let found: { channel: string; requester_id: string }[] = [];
		for (let i = 0; i < 100 && !found.length; i++) {
			found = (await service.from('tickets').select('channel, requester_id').eq('subject', subject)).data ?? [];
			if (!found.length) await new Promise((r) => setTimeout(r, 100));
		}
		expect(found).toEqual([{ channel: 'email', requester_id: contact.id }]);
		// The port wrote the stack's verdict on top, so the sender counted as authenticated.
	});
});

describe('inbound-email: mail that opens nothing', () => {
	it('a plain member gets one automatic answer naming who may open tickets, and no ticket', async () => {
		for (let i = 0; i < 2; i++) {
			const { status, body } = await post(rfc822({ from: `Mario <${member.email}>`, subject: `Pregunta ${i}` }));
			expect(status).toBe(200);
			expect(body.outcome).toBe('not_authorized');
		}
		expect(await ticketsOf(member.id)).toEqual([]);
		const { data: queued } = await service.from('notifications').select('template, payload').eq('recipient_email', member.email);
		expect(queued).toEqual([{ template: 'email_not_authorized', payload: { organisation: expect.any(String), contacts: ['Lucía Contacto'] } }]);
		if (local()) {
			await drainOutbox();
			const mail = (await latestMail(member.email)) as { kind?: string; text: string } | undefined;
			expect(mail?.kind).toBe('notify.email_not_authorized');
			expect(mail?.text).toContain('Lucía Contacto');
		}
	});

	it('an Auto-Submitted mail (an out-of-office) is dropped: logged, nothing else', async () => {
		const raw = rfc822({ from: contact.email, subject: 'Fuera de la oficina', headers: { 'Auto-Submitted': 'auto-replied' } });
		const before = (await ticketsOf(contact.id)).length;
		const { status, body } = await post(raw);
		expect(status).toBe(200);
		expect(body).toMatchObject({ outcome: 'dropped', reason: 'auto_submitted' });
		expect(await ticketsOf(contact.id)).toHaveLength(before);
		expect(await logOf(messageIdOf(raw))).toMatchObject({ outcome: 'dropped', reason: 'auto_submitted' });
	});

	it('an unknown address opens nothing and gets one answer a day', async () => {
		const stranger = uniqueEmail('stranger');
		for (let i = 0; i < 2; i++) expect((await post(rfc822({ from: stranger, subject: `Hola ${i}` }))).body.outcome).toBe('unknown_sender');
		const { data: queued } = await service.from('notifications').select('template, payload').eq('recipient_email', stranger);
		expect(queued).toEqual([{ template: 'email_unknown_sender', payload: expect.objectContaining({ support_address: SUPPORT }) }]);
		if (local()) {
			await drainOutbox();
			expect(((await latestMail(stranger)) as { kind?: string } | undefined)?.kind).toBe('notify.email_unknown_sender');
		}
		expect((await service.from('profiles').select('id').eq('email', stranger)).data).toEqual([]);
	});

	it('a mail with more files than the form takes is refused, and its sender told why; no ticket', async () => {
		const subject = `Once archivos ${randomUUID().slice(0, 6)}`;
		const files = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, type: 'text/plain', content: `archivo ${i}` }));
		const { status, body } = await post(rfc822({ from: contact.email, subject, files }));
		expect(status).toBe(200);
		expect(body).toMatchObject({ outcome: 'refused', reason: 'too_many_attachments' });
		expect((await service.from('tickets').select('id').eq('subject', subject)).data).toEqual([]);
		const { data: queued } = await service.from('notifications').select('payload').eq('template', 'email_refused').eq('recipient_email', contact.email);
		expect(queued).toEqual([{ payload: { reason: 'too_many_attachments', limit: '10', subject } }]);
	});

	it('mail for another address is logged as not for us', async () => {
		const raw = rfc822({ from: contact.email, to: 'otra@example.test' });
		expect((await post(raw)).body.outcome).toBe('not_for_us');
	});
});

describe('inbound-email: who may post', () => {
	it('a wrong or missing secret is a 401 and stores nothing', async () => {
		const raw = rfc822({ from: contact.email });
		expect(await post(raw, { secret: 'not-the-secret' })).toEqual({ status: 401, body: { code: 'unauthorized' } });
		const res = await fetch(`${url()}/functions/v1/inbound-email`, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: raw });
		expect(res.status).toBe(401);
		expect(await logOf(messageIdOf(raw))).toBeNull();
	});

	it('a Mailgun-style form without a valid signature is a 401', async () => {
		const form = new FormData();
		form.set('body-mime', rfc822({ from: contact.email }));
		form.set('timestamp', String(Math.floor(Date.now() / 1000)));
		form.set('token', 'x'.repeat(50));
		form.set('signature', '0'.repeat(64));
		// The URL Mailgun is given ends in "mime", so that it posts the raw message.
		const res = await fetch(`${url()}/functions/v1/inbound-email/mailgun.mime`, { method: 'POST', body: form });
		expect(res.status).toBe(401);
		expect(await logOf(messageIdOf(form.get('body-mime') as string))).toBeNull();
	});

	it('with the secret, a body that is not a message is a 400; GET is a 405', async () => {
		const res = await fetch(`${url()}/functions/v1/inbound-email`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` }, body: '{}' });
		expect(res.status).toBe(400);
		expect((await post('{"hello": 1}')).status).toBe(400);
		expect((await fetch(`${url()}/functions/v1/inbound-email`)).status).toBe(405);
	});
});
