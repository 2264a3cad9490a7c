// Outgoing ticket mails thread and can be answered: every mail the notify function sends about a ticket
// carries its own Message-ID, In-Reply-To and References naming the ticket's thread root, and a
// Thread-Index whose conversation part is the ticket's — so two mails of one ticket share it — under
// the site's name, from no-reply@ the support domain; mails to customers also carry Reply-To (the
// ticket's reply address), staff mails do not. Every mail says Auto-Submitted and
// X-Auto-Response-Suppress, so auto-responders leave it alone. Also, local only: the SMTP provider (nodemailer)
// runs in the edge runtime, delivering to the stack's own SMTP port.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { local, serviceClient, uniqueEmail, url } from './client.ts';
import { threadIndexConversation } from '#shared/email/thread-index.ts';

interface Mail {
	id: number;
	direction: string;
	subject: string;
	kind: string;
	data: Record<string, unknown>;
	headers: Record<string, string>;
}

const admin = serviceClient();
const DOMAIN = 'demo.mostrador.test';

async function mailsTo(to: string): Promise<Mail[]> {
	return (await (await fetch(`${url()}/_mail?format=json&to=${encodeURIComponent(to)}`)).json()) as Mail[];
}

async function waitFor<T>(get: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
	let v = await get();
	for (let i = 0; i < 50 && !done(v); i++) {
		await new Promise((r) => setTimeout(r, 100));
		v = await get();
	}
	return v;
}

const conversation = (threadIndex: string) => Buffer.from(threadIndexConversation(threadIndex) ?? []).toString('hex');

describe.skipIf(!local())('notify: ticket mails thread and can be answered (local mailbox)', () => {
	let orgId = '';
	let userId = '';
	const email = uniqueEmail('threading');

	beforeAll(async () => {
		const user = await admin.auth.admin.createUser({ email, email_confirm: true, user_metadata: { full_name: 'Tere Hilos', locale: 'es' } });
		if (user.error) throw user.error;
		userId = user.data.user.id;
		const org = await admin
			.from('organisations')
			.insert({ name: `Hilos ${randomUUID().slice(0, 8)}`, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' })
			.select('id')
			.single();
		if (org.error) throw org.error;
		orgId = org.data.id;
		const member = await admin.from('memberships').insert({ organisation_id: orgId, user_id: userId, role: 'coordinator' });
		if (member.error) throw member.error;
	});

	afterAll(async () => {
		if (orgId) await admin.from('organisations').delete().eq('id', orgId);
		if (userId) await admin.auth.admin.deleteUser(userId);
	});

	it('the receipt and a reply carry Reply-To, Message-ID, In-Reply-To, References and Thread-Index, sharing the thread root', async () => {
		const created = await admin.rpc('create_ticket', { ticket: { requester_id: userId, organisation_id: orgId, severity: 'P3', subject: 'Hilo de correo', description: 'Para probar el hilo.' } });
		if (created.error) throw created.error;
		const { data: row, error } = await admin.from('tickets').select('id, number, reply_token').eq('id', (created.data as { id: string }).id).single();
		if (error) throw error;
		const ticket = row;
		const reply = await admin
			.from('notifications')
			.insert({
				dedupe_key: `contract-threading:${randomUUID()}`,
				template: 'ticket_reply',
				recipient_user_id: userId,
				payload: { ticket: ticket.id, number: ticket.number, subject: 'Hilo de correo', author: 'Luis (Soporte)', body: 'Reinicia el servicio.' },
			})
			.select('id')
			.single();
		if (reply.error) throw reply.error;

		const drained = await admin.functions.invoke('notify', { body: {} });
		expect(drained.error).toBeNull();
		const mails = await waitFor(
			() => mailsTo(email),
			(m) => m.length >= 2,
		);
		expect(mails.map((m) => m.kind).sort()).toEqual(['notify.ticket_received', 'notify.ticket_reply']);

		const root = `<ticket-${ticket.id}@${DOMAIN}>`;
		for (const m of mails) {
			const notification = m.data.notification as string;
			expect(m.headers).toMatchObject({
				From: `Centro de soporte Quetzal <no-reply@${DOMAIN}>`,
				To: `Tere Hilos <${email}>`,
				'Reply-To': `soporte+t${row.reply_token}@${DOMAIN}`,
				'Message-ID': `<${notification}@${DOMAIN}>`,
				'In-Reply-To': root,
				References: root,
				'Auto-Submitted': 'auto-generated',
				'X-Auto-Response-Suppress': 'All',
			});
			// 22 bytes of conversation and one 5-byte block for this mail.
			expect(Buffer.from(m.headers['Thread-Index'], 'base64')).toHaveLength(27);
		}
		expect(mails[0].headers['Message-ID']).not.toBe(mails[1].headers['Message-ID']);
		const [a, b] = mails.map((m) => conversation(m.headers['Thread-Index']));
		expect(a).toBe(b);
		// The conversation's GUID is the ticket's id.
		expect(a.slice(12)).toBe(ticket.id.replace(/-/g, ''));

		// The mailbox page shows them.
		const page = await (await fetch(`${url()}/_mail/${mails[0].id}`)).text();
		expect(page).toContain('<th scope="row">Reply-To</th>');
		expect(page).toContain(`soporte+t${row.reply_token}@${DOMAIN}`);

		// A staff mail about the same ticket threads with it but has no reply address: an agent's answer
		// would otherwise reach the inbound function, which takes no staff mail.
		const agent = uniqueEmail('threading-agent');
		const staff = await admin
			.from('notifications')
			.insert({
				dedupe_key: `contract-threading:${randomUUID()}`,
				template: 'customer_replied',
				recipient_email: agent,
				locale: 'es',
				payload: { ticket: ticket.id, number: ticket.number, subject: 'Hilo de correo', author: `Tere Hilos <${email}>`, organisation: 'Hilos', body: 'Sigue fallando.' },
			})
			.select('id')
			.single();
		if (staff.error) throw staff.error;
		await admin.functions.invoke('notify', { body: {} });
		const [staffMail] = await waitFor(
			() => mailsTo(agent),
			(m) => m.length >= 1,
		);
		expect(staffMail.headers).toMatchObject({
			From: `Centro de soporte Quetzal <no-reply@${DOMAIN}>`,
			'Message-ID': `<${staff.data.id}@${DOMAIN}>`,
			'In-Reply-To': root,
			References: root,
			'Auto-Submitted': 'auto-generated',
			'X-Auto-Response-Suppress': 'All',
		});
		expect(staffMail.headers['Reply-To']).toBeUndefined();
		expect(conversation(staffMail.headers['Thread-Index'])).toBe(a);
	});

	it('a mail about a ticket that does not exist goes out unthreaded', async () => {
		const to = uniqueEmail('threading-none');
		await admin.from('notifications').insert({
			dedupe_key: `contract-threading:${randomUUID()}`,
			template: 'problem_resolved',
			recipient_email: to,
			locale: 'es',
			payload: { problem: randomUUID(), title: 'Sin hilo', ticket: randomUUID(), number: 99, kb_article: 'base-de-conocimiento/indice-desactualizado' },
		});
		await admin.functions.invoke('notify', { body: {} });
		const [mail] = await waitFor(
			() => mailsTo(to),
			(m) => m.length >= 1,
		);
		expect(mail.headers.From).toBe(`Centro de soporte Quetzal <no-reply@${DOMAIN}>`);
		expect(mail.headers['Reply-To']).toBeUndefined();
		expect(mail.headers.References).toBeUndefined();
	});

	it('an automatic answer to a received mail (email_*) says Auto-Submitted: auto-replied', async () => {
		const to = uniqueEmail('threading-auto');
		await admin.from('notifications').insert({
			dedupe_key: `contract-threading:${randomUUID()}`,
			template: 'email_refused',
			recipient_email: to,
			locale: 'es',
			payload: { reason: 'too_large', limit: '25 MB', subject: 'Un adjunto enorme' },
		});
		await admin.functions.invoke('notify', { body: {} });
		const [mail] = await waitFor(
			() => mailsTo(to),
			(m) => m.length >= 1,
		);
		expect(mail.headers).toMatchObject({ 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' });
		expect(mail.headers['Reply-To']).toBeUndefined();
	});
});

describe.skipIf(!local())('the SMTP provider in the edge runtime (local only)', () => {
	it('nodemailer under Deno delivers to the stack’s SMTP port, headers and all', async () => {
		const to = uniqueEmail('smtp-deno');
		const id = randomUUID();
		const thread = { replyTo: `soporte+t${'b'.repeat(32)}@${DOMAIN}`, messageId: `${id}@${DOMAIN}`, root: `ticket-${randomUUID()}@${DOMAIN}`, threadIndex: 'AQHZ1234abcdAQHZ1234abcdAQHZ1234abcdAQ==' };
		const { data, error } = await admin.functions.invoke('contract-smtp', {
			body: {
				port: inject('smtpPort'),
				from: `Mostrador <soporte@${DOMAIN}>`,
				mail: { id, to, toName: 'Ana Núñez', subject: 'Nueva respuesta en tu ticket #7: ¿índice?', text: 'Hola\n.\nfin', html: '<p>Hola</p>', kind: 'notify.ticket_reply', fromName: 'Centro de soporte Quetzal', thread },
			},
		});
		expect(error).toBeNull();
		expect(data).toEqual({ sent: true });
		const [mail] = await waitFor(
			() => mailsTo(to),
			(m) => m.length >= 1,
		);
		expect(mail).toMatchObject({ direction: 'inbound', subject: 'Nueva respuesta en tu ticket #7: ¿índice?' });
		expect(mail.headers).toMatchObject({
			From: `Centro de soporte Quetzal <soporte@${DOMAIN}>`,
			To: `Ana Núñez <${to}>`,
			'Reply-To': thread.replyTo,
			'Message-ID': `<${thread.messageId}>`,
			'In-Reply-To': `<${thread.root}>`,
			References: `<${thread.root}>`,
			'Thread-Index': thread.threadIndex,
		});
	});
});
