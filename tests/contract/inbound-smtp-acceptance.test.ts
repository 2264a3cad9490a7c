// The e-mail channel's acceptance, end to end through the stack's SMTP port, the way a customer's mail
// client reaches a provider: each mail is sent with nodemailer to 127.0.0.1:<smtp port>; the stack
// keeps it, writes its verdict on top and hands it to the inbound-email function; the outcome is read
// back from the log (inbound_emails, by Message-ID), the tickets and the mailbox after the notify
// drain. A contact's mail opens a ticket with its attachment and gets the receipt; the answer to the
// receipt lands on that ticket without the quoted text; the same Message-ID again adds nothing; a
// plain member gets one automatic answer and no ticket; an Auto-Submitted mail produces nothing; an
// unknown address opens nothing; the assignee gets a mail when the customer answers. Local only: a
// hosted project has no SMTP port of ours (its provider calls the function; inbound-email.test.ts).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import nodemailer from 'nodemailer';
import { randomUUID } from 'node:crypto';
import { latestMail, local, serviceClient, signedInUser, uniqueEmail, type TestUser } from './client.ts';
import { LOCAL_SUPPORT_ADDRESS } from '../../supabase/local/config.ts';

const service = serviceClient();
const SUPPORT = LOCAL_SUPPORT_ADDRESS;
let org: string;
let contact: TestUser;
let member: TestUser;
let agent: TestUser;

interface Sent {
	id: string;
}

async function send(mail: { from: string; to?: string; cc?: string; subject: string; text: string; id?: string; headers?: Record<string, string>; file?: { name: string; content: string } }): Promise<Sent> {
	const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inject('smtpPort'), secure: false, ignoreTLS: true });
	const id = mail.id ?? `${randomUUID()}@cliente.example.test`;
	try {
		await transport.sendMail({
			from: mail.from,
			to: mail.to ?? SUPPORT,
			cc: mail.cc,
			subject: mail.subject,
			text: mail.text,
			messageId: `<${id}>`,
			headers: mail.headers,
			attachments: mail.file ? [{ filename: mail.file.name, content: mail.file.content, contentType: 'text/plain' }] : undefined,
		});
	} finally {
		transport.close();
	}
	return { id };
}

/** The log row of a mail once the function has acted on it (the port answers 250 first, then hands it over). */
async function outcome(sent: Sent): Promise<{ outcome: string; ticket_id: string | null; reason: string | null }> {
	for (let i = 0; i < 150; i++) {
		const { data } = await service.from('inbound_emails').select('outcome, ticket_id, reason').eq('message_id', sent.id).maybeSingle();
		if (data && data.outcome !== 'received') return data;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`no outcome for <${sent.id}>`);
}

async function drainOutbox() {
	const { error } = await service.functions.invoke('notify', { body: {} });
	if (error) throw new Error(`notify: ${error.message}`);
}

const kindOf = async (to: string) => ((await latestMail(to)) as { kind?: string } | undefined)?.kind;

beforeAll(async () => {
	if (!local()) return;
	const created = await service
		.from('organisations')
		.insert({ name: `SMTP ${randomUUID().slice(0, 6)}`, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' })
		.select('id')
		.single();
	if (created.error) throw created.error;
	org = created.data.id;
	[contact, member, agent] = await Promise.all([
		signedInUser('smtp-contact', { full_name: 'Lucía Contacto' }),
		signedInUser('smtp-member', { full_name: 'Mario Miembro' }),
		signedInUser('smtp-agent', { full_name: 'Ana Agente' }),
	]);
	const joined = await service.from('memberships').insert([
		{ organisation_id: org, user_id: contact.id, role: 'authorized_contact' },
		{ organisation_id: org, user_id: member.id, role: 'member' },
	]);
	if (joined.error) throw joined.error;
	const staffed = await service.from('staff').insert({ user_id: agent.id, role: 'agent', level: 1 });
	if (staffed.error) throw staffed.error;
});

afterAll(async () => {
	if (org) await service.from('organisations').delete().eq('id', org);
});

describe.skipIf(!local())('the e-mail channel through the stack’s SMTP port', () => {
	let ticket: { id: string; number: number };
	let receipt: Record<string, string>;

	it('a contact’s mail opens a ticket with its attachment, and the receipt goes back threaded and answerable', async () => {
		const sent = await send({
			from: `Lucía Contacto <${contact.email}>`,
			subject: 'El reporte mensual sale vacío',
			text: 'Desde ayer el reporte mensual sale vacío.',
			file: { name: 'reporte.txt', content: 'filas: 0\n' },
		});
		const log = await outcome(sent);
		expect(log).toMatchObject({ outcome: 'ticket_opened' });
		const { data: row } = await service.from('tickets').select('id, number, channel, requester_id').eq('id', log.ticket_id!).single();
		expect(row).toMatchObject({ channel: 'email', requester_id: contact.id });
		ticket = { id: row!.id, number: row!.number };
		const { data: files } = await service.from('ticket_attachments').select('file_name, size_bytes').eq('ticket_id', ticket.id);
		expect(files).toEqual([{ file_name: 'reporte.txt', size_bytes: 9 }]);

		await drainOutbox();
		const mail = (await latestMail(contact.email)) as { kind?: string; subject: string; headers?: Record<string, string> };
		expect(mail.kind).toBe('notify.ticket_received');
		expect(mail.subject).toContain(String(ticket.number));
		receipt = mail.headers ?? {};
		expect(receipt['Reply-To']).toMatch(/soporte\+t[0-9a-f]{32}@demo\.mostrador\.test/);
	});

	it('the answer to the receipt lands on the ticket without the quoted text; the same Message-ID again adds nothing', async () => {
		await service.from('tickets').update({ assignee_id: agent.id }).eq('id', ticket.id);
		const replyTo = /[^<\s]+@[^>\s]+/.exec(receipt['Reply-To'])![0];
		const answer = {
			from: `Lucía Contacto <${contact.email}>`,
			to: replyTo,
			subject: 'Re: El reporte mensual sale vacío',
			text: `Lo generé otra vez y sigue vacío.\n\nEl lun, 7 dic 2026 a las 10:00, Centro de soporte Quetzal <${SUPPORT}> escribió:\n> Recibimos tu ticket.\n`,
			headers: { 'In-Reply-To': receipt['Message-ID'], References: receipt.References ?? receipt['Message-ID'] },
		};
		const sent = await send(answer);
		expect(await outcome(sent)).toMatchObject({ outcome: 'reply_added', ticket_id: ticket.id });
		const messages = async () => (await service.from('ticket_messages').select('body, author_id').eq('ticket_id', ticket.id).order('created_at')).data ?? [];
		const after = await messages();
		expect(after.at(-1)).toEqual({ body: 'Lo generé otra vez y sigue vacío.', author_id: contact.id });

		// The assignee hears of it.
		await drainOutbox();
		expect(await kindOf(agent.email)).toBe('notify.customer_replied');

		// The same mail delivered again (a client's retry) changes nothing.
		const again = await send({ ...answer, id: sent.id });
		expect(await outcome(again)).toMatchObject({ outcome: 'reply_added', ticket_id: ticket.id });
		expect(await messages()).toHaveLength(after.length);
	});

	it('a plain member gets one automatic answer naming who may open tickets, and no ticket', async () => {
		for (let i = 0; i < 2; i++) expect(await outcome(await send({ from: member.email, subject: `Pregunta ${i}`, text: '¿Me ayudan?' }))).toMatchObject({ outcome: 'not_authorized' });
		expect((await service.from('tickets').select('id').eq('requester_id', member.id)).data).toEqual([]);
		await drainOutbox();
		const box = new URL(inject('mailUrl')!);
		box.searchParams.set('to', member.email);
		const answers = (await (await fetch(box)).json()) as { kind: string; text: string }[];
		expect(answers.map((m) => m.kind)).toEqual(['notify.email_not_authorized']);
		expect(answers[0].text).toContain('Lucía Contacto');
	});

	it('an Auto-Submitted mail produces nothing', async () => {
		const sent = await send({ from: contact.email, subject: 'Respuesta automática: fuera de la oficina', text: 'Vuelvo el lunes.', headers: { 'Auto-Submitted': 'auto-replied' } });
		expect(await outcome(sent)).toMatchObject({ outcome: 'dropped', reason: 'auto_submitted' });
		expect((await service.from('tickets').select('id').eq('subject', 'Respuesta automática: fuera de la oficina')).data).toEqual([]);
	});

	it('an unknown address opens nothing', async () => {
		const stranger = uniqueEmail('smtp-stranger');
		expect(await outcome(await send({ from: stranger, subject: 'Hola', text: 'Quiero soporte.' }))).toMatchObject({ outcome: 'unknown_sender', ticket_id: null });
		expect((await service.from('profiles').select('id').eq('email', stranger)).data).toEqual([]);
	});
});
