// Local only: the stack's inbound SMTP port. A message sent with nodemailer (a real SMTP client, as any
// mail server delivering to us would be) is answered 250, kept in the mailbox as an inbound mail with
// its header fields and its raw source, listed under every envelope recipient, and handed to the
// inbound-email function (whatever that answers, the mail stays) with the stack's Authentication-Results
// on top, as a receiving provider writes its verdict: the function takes the sender as authenticated.
import { describe, expect, inject, it } from 'vitest';
import nodemailer from 'nodemailer';
import { randomUUID } from 'node:crypto';
import { local, serviceClient, url } from './client.ts';
import { authenticationResults, withAuthenticationResults } from '../../supabase/local/smtp.ts';
import { LOCAL_INBOUND_AUTHSERV_ID } from '../../supabase/local/config.ts';

interface Mail {
	id: number;
	direction: string;
	to: string;
	subject: string;
	text: string;
	kind: string;
	data: { envelope?: { from: string; to: string[] } };
	headers: Record<string, string>;
	has_raw: boolean;
	raw_url: string | null;
}

async function mailsTo(to: string): Promise<Mail[]> {
	return (await (await fetch(`${url()}/_mail?format=json&to=${encodeURIComponent(to)}`)).json()) as Mail[];
}

/** The mailbox is written before the 250; polling only covers the JSON read racing the insert's commit. */
async function waitForMail(to: string): Promise<Mail[]> {
	for (let i = 0; i < 50; i++) {
		const found = await mailsTo(to);
		if (found.length) return found;
		await new Promise((r) => setTimeout(r, 100));
	}
	return [];
}

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: inject('smtpPort'), secure: false, ignoreTLS: true });

describe.skipIf(!local())('local stack: inbound SMTP (local only)', () => {
	it('takes a message over SMTP and keeps it in the mailbox with its headers and raw source', async () => {
		const tag = randomUUID().slice(0, 8);
		const to = `soporte+t${'a'.repeat(32)}@demo.mostrador.test`;
		const bcc = `copia-${tag}@demo.mostrador.test`;
		const info = await transport().sendMail({
			from: { name: 'Ana Núñez', address: `ana-${tag}@cliente.example` },
			to,
			cc: `jefa-${tag}@cliente.example`,
			bcc,
			replyTo: `ana.personal-${tag}@cliente.example`,
			subject: `Re: Tu ticket #7 — índice ${tag}`,
			text: 'Ya reinicié el servicio y sigue igual.',
			messageId: `<respuesta-${tag}@cliente.example>`,
			inReplyTo: '<ticket-3f0c2f59-1f7a-4b0e-9b8a-2c7f0b1d4e5a@demo.mostrador.test>',
			references: ['<ticket-3f0c2f59-1f7a-4b0e-9b8a-2c7f0b1d4e5a@demo.mostrador.test>', '<n1@demo.mostrador.test>'],
			headers: { 'Thread-Index': 'AQHZ1234abcd' },
		});
		expect(info.response).toMatch(/^250 /);
		expect(info.accepted).toEqual(expect.arrayContaining([to, bcc]));

		const [mail] = await waitForMail(to);
		expect(mail).toMatchObject({ direction: 'inbound', kind: 'smtp.inbound', subject: `Re: Tu ticket #7 — índice ${tag}`, has_raw: true });
		expect(mail.text.trim()).toBe('Ya reinicié el servicio y sigue igual.');
		expect(mail.data.envelope).toEqual({ from: `ana-${tag}@cliente.example`, to: [to, `jefa-${tag}@cliente.example`, bcc] });
		expect(mail.headers).toMatchObject({
			From: `Ana Núñez <ana-${tag}@cliente.example>`,
			To: to,
			Cc: `jefa-${tag}@cliente.example`,
			'Reply-To': `ana.personal-${tag}@cliente.example`,
			'Message-ID': `<respuesta-${tag}@cliente.example>`,
			'In-Reply-To': '<ticket-3f0c2f59-1f7a-4b0e-9b8a-2c7f0b1d4e5a@demo.mostrador.test>',
			References: '<ticket-3f0c2f59-1f7a-4b0e-9b8a-2c7f0b1d4e5a@demo.mostrador.test> <n1@demo.mostrador.test>',
			'Thread-Index': 'AQHZ1234abcd',
		});
		// A Bcc recipient is in the envelope only, and finds the mail all the same.
		expect((await mailsTo(bcc)).map((m) => m.id)).toEqual([mail.id]);

		// The raw source, viewable and downloadable, is the message as it came.
		const raw = await fetch(`${url()}${mail.raw_url}`);
		expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		const source = await raw.text();
		expect(source).toContain(`Message-ID: <respuesta-${tag}@cliente.example>`);
		expect(source).not.toMatch(/^Bcc:/im);
		const download = await fetch(`${url()}${mail.raw_url}?download`);
		expect(download.headers.get('content-type')).toBe('message/rfc822');
		expect(download.headers.get('content-disposition')).toBe(`attachment; filename="mail-${mail.id}.eml"`);

		// The page shows the header fields and links the source.
		const page = await (await fetch(`${url()}/_mail/${mail.id}`)).text();
		expect(page).toContain('<th scope="row">Message-ID</th><td><code>&#60;respuesta-');
		expect(page).toContain('<th scope="row">Thread-Index</th>');
		expect(page).toContain(`href="/_mail/${mail.id}/raw"`);

		// The mailbox keeps the message as sent; the copy handed over carried the stack's DMARC pass, so the
		// function judged the sender authenticated and went on to route it (no such ticket: refused as a reply).
		expect(source).not.toMatch(/^Authentication-Results:/im);
		const service = serviceClient();
		let logged: { outcome: string; reason: string | null } | null = null;
		for (let i = 0; i < 100 && (!logged || logged.outcome === 'received'); i++) {
			logged = (await service.from('inbound_emails').select('outcome, reason').eq('message_id', `respuesta-${tag}@cliente.example`).maybeSingle()).data;
			if (!logged || logged.outcome === 'received') await new Promise((r) => setTimeout(r, 100));
		}
		expect(logged).toEqual({ outcome: 'reply_refused', reason: 'ticket_not_found' });
	});

	it('writes its verdict on top of the message, in the message’s own line ending', () => {
		const line = authenticationResults(LOCAL_INBOUND_AUTHSERV_ID);
		expect(line).toBe(`Authentication-Results: ${LOCAL_INBOUND_AUTHSERV_ID}; dmarc=pass (loopback: the local stack does not verify)`);
		expect(withAuthenticationResults(Buffer.from('From: a@b.c\r\n\r\nHola\r\n'), 'mx.x').toString()).toBe('Authentication-Results: mx.x; dmarc=pass (loopback: the local stack does not verify)\r\nFrom: a@b.c\r\n\r\nHola\r\n');
		expect(withAuthenticationResults(Buffer.from('From: a@b.c\n\nHola\n'), 'mx.x').toString()).toMatch(/^Authentication-Results: mx\.x; [^\r\n]*\)\nFrom: a@b\.c\n/);
	});

	it('refuses a message over the size limit with 552 and keeps nothing', async () => {
		const to = `grande-${randomUUID().slice(0, 8)}@demo.mostrador.test`;
		const big = 'x'.repeat(1024 * 1024);
		const sending = transport().sendMail({ from: 'a@cliente.example', to, subject: 'grande', text: big.repeat(26) });
		await expect(sending).rejects.toMatchObject({ responseCode: 552 });
		expect(await mailsTo(to)).toEqual([]);
	});
});
