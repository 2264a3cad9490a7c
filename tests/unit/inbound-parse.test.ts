// parseMessage over every fixture: decoded subjects and names, lowercased addresses, message ids
// without brackets, the text body (or the HTML turned into text), attachments with their sizes, and
// the headers the screening reads.
import { describe, expect, it } from 'vitest';
import { attachmentName, htmlToText, parseMessage } from '#shared/inbound/index.ts';
import { authenticationResults, messageIds } from '#shared/inbound/header-values.ts';
import { editHeaders, fixture, NOTIFICATION, TICKET, TOKEN } from './inbound-fixtures.ts';

describe('parseMessage', () => {
	it('reads a Gmail reply: quoted-printable Spanish, encoded subject and name, ids without brackets', async () => {
		const m = await parseMessage(fixture('gmail-reply'));
		expect(m.subject).toBe('Re: [#1042] No arranca el módulo de facturación');
		expect(m.from).toEqual({ address: 'ana.perez@clinicasanpedro.mx', name: 'Ana Pérez' });
		expect(m.to).toEqual([`soporte+t${TOKEN}@demo.mostrador.test`]);
		expect(m.cc).toEqual(['luis.ramos@clinicasanpedro.mx', 'soporte@demo.mostrador.test']);
		expect(m.messageId).toBe('CAJ4x7pQ3vZ+Tn0rD8mWq=Lk5s2Yb_e7Ug9oXf1cR@mail.gmail.com');
		expect(m.inReplyTo).toEqual([`${NOTIFICATION}@demo.mostrador.test`]);
		expect(m.references).toEqual([`ticket-${TICKET}@demo.mostrador.test`, `${NOTIFICATION}@demo.mostrador.test`]);
		expect(m.text).toMatch(/^Hola,\n\nYa probé reiniciar el servicio y sigue igual\. El error aparece al abrir\nla pantalla de facturación\./);
		expect(m.text).toContain('> ¿Puede reiniciar el servicio');
		expect(m.html).toContain('gmail_quote');
		expect(m.attachments).toEqual([]);
		expect(m.authentication).toEqual({ spf: 'pass', dkim: 'pass', dmarc: 'pass' });
		expect(m).toMatchObject({ autoSubmitted: null, precedence: null, listId: null, isBounce: false, reportType: null });
	});

	it('turns an HTML-only Outlook mail into text: paragraphs kept, no markup, no stylesheet', async () => {
		const m = await parseMessage(fixture('outlook-html-reply'));
		expect(m.subject).toBe('RE: [#1042] Hay una respuesta a su ticket');
		expect(m.from).toEqual({ address: 'jmendez@ferreteria-central.mx', name: 'Jorge Méndez' });
		expect(m.to).toEqual(['soporte@demo.mostrador.test']);
		expect(m.inReplyTo).toEqual([`ticket-${TICKET}@demo.mostrador.test`]);
		expect(m.references).toHaveLength(2);
		expect(m.text.startsWith('Buenas tardes,\n\nLes confirmo que después de actualizar a la versión 5.1.2 el módulo ya arranca.')).toBe(true);
		expect(m.text).toContain('Enviado el: lunes, 7 de diciembre de 2026 10:00');
		expect(m.text).not.toMatch(/<\/?(?:p|div|b|span|o:p|br|html|body|style)\b|MsoNormal|Font Definitions|&nbsp;/i);
		expect(m.text).not.toMatch(/\n{3}/);
		expect(m.html).toContain('WordSection1');
	});

	it('reads an Apple Mail message with a PDF and a PNG attached, with their sizes', async () => {
		const m = await parseMessage(fixture('apple-new-attachments'));
		expect(m.subject).toBe('Error E-2041 al generar el reporte de inventario');
		expect(m.text).toContain('error «E-2041: índice desactualizado». Adjunto el PDF que genera y una\ncaptura de pantalla.');
		expect(m.attachments.map(({ content, ...a }) => a)).toEqual([
			{ filename: 'reporte-inventario.pdf', mimeType: 'application/pdf', size: 218, inline: false, contentId: null },
			{
				filename: 'Captura de pantalla 2026-12-07 a la(s) 9.20.png',
				mimeType: 'image/png',
				size: 70,
				// Content-Disposition: inline, as Apple Mail sends every attached image, but no HTML shows it.
				inline: false,
				contentId: '4F7A2C1E-9B3D-4E6F-8A1B-2C3D4E5F6A7B',
			},
		]);
		const [pdf, png] = m.attachments;
		expect(pdf.content).toBeInstanceOf(Uint8Array);
		expect(new TextDecoder().decode(pdf.content.subarray(0, 8))).toBe('%PDF-1.4');
		expect(Array.from(png.content.subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
		expect(m.authentication).toEqual({});
	});

	it('recognises a delivery status notification', async () => {
		const m = await parseMessage(fixture('bounce'));
		expect(m.isBounce).toBe(true);
		expect(m.reportType).toBe('delivery-status');
		expect(m.from?.address).toBe('mailer-daemon@mx1.clinicasanpedro.mx');
		expect(m.autoSubmitted).toBe('auto-replied');
	});

	it('reads an Exchange out-of-office: iso-8859-1 text, a subject in two encoded words, the Exchange headers', async () => {
		const m = await parseMessage(fixture('outlook-out-of-office'));
		expect(m.subject).toBe('Respuesta automática: [#1042] Hay una respuesta a su ticket');
		expect(m.text).toBe(
			'Estaré fuera de la oficina hasta el 14 de diciembre con acceso limitado al correo.\nPara asuntos urgentes, escriba a compras@ferreteria-central.mx.',
		);
		expect(m.autoSubmitted).toBe('auto-generated');
		expect(m.autoReplyHeaders).toEqual({ 'x-auto-response-suppress': 'All', 'x-ms-exchange-generated-message-source': 'Mailbox Rules Agent' });
	});

	it('reads the list headers of a newsletter', async () => {
		const m = await parseMessage(fixture('mailing-list'));
		expect(m.subject).toBe('Boletín de diciembre: 5 trucos para el cierre fiscal');
		expect(m.precedence).toBe('bulk');
		expect(m.listId).toBe('Boletin Novedades ERP <boletin.novedades-erp.com>');
		expect(m.listUnsubscribe).toContain('https://novedades-erp.com/baja');
	});

	it('trusts the topmost Authentication-Results (our server), not one the sender wrote further down', async () => {
		const m = await parseMessage(fixture('spoofed'));
		expect(m.authentication).toEqual({ spf: 'fail', dkim: 'none', dmarc: 'fail' });
		// With our authserv-id named, only our header counts, wherever it is.
		const ours = await parseMessage(fixture('spoofed'), { authservId: 'MX.demo.mostrador.test' });
		expect(ours.authentication.dmarc).toBe('fail');
		const unknown = await parseMessage(fixture('spoofed'), { authservId: 'mx.elsewhere.test' });
		expect(unknown.authentication).toEqual({});
	});

	it('counts attachments and their decoded sizes', async () => {
		const m = await parseMessage(fixture('too-many-attachments'));
		expect(m.attachments).toHaveLength(11);
		expect(m.attachments[0]).toMatchObject({ filename: 'registro-1.log', mimeType: 'text/plain', size: 55 });
		expect(m.attachments[10].size).toBe(1200);
		expect(m.text).toBe('Les mando los registros de la semana.');
	});

	it('gives the same result for a string, bytes and CRLF line ends; sizeBytes is the byte length', async () => {
		const raw = fixture('gmail-reply');
		const crlf = raw.replace(/\n/g, '\r\n');
		const fromString = await parseMessage(raw);
		const fromBytes = await parseMessage(new TextEncoder().encode(crlf));
		expect(fromBytes.text).toBe(fromString.text);
		expect(fromBytes.subject).toBe(fromString.subject);
		expect(fromString.sizeBytes).toBe(new TextEncoder().encode(raw).byteLength);
		expect(fromBytes.sizeBytes).toBe(new TextEncoder().encode(crlf).byteLength);
	});

	it('has no sender when From is missing or holds no mailbox', async () => {
		const base = fixture('apple-new-attachments');
		expect((await parseMessage(editHeaders(base, { remove: ['From'] }))).from).toBeNull();
		expect((await parseMessage(editHeaders(base, { remove: ['From'], add: ['From: Marta Ruiz'] }))).from).toBeNull();
		expect((await parseMessage(editHeaders(base, { remove: ['From'], add: ['From: undisclosed-recipients:;'] }))).from).toBeNull();
	});

	it('flattens address groups and drops duplicates in To and Cc', async () => {
		const raw = editHeaders(fixture('apple-new-attachments'), {
			remove: ['To'],
			add: ['To: Equipo: A@X.mx, b@x.mx;, soporte@demo.mostrador.test', 'Cc: a@x.mx, "Soporte" <SOPORTE@demo.mostrador.test>'],
		});
		const m = await parseMessage(raw);
		expect(m.to).toEqual(['a@x.mx', 'b@x.mx', 'soporte@demo.mostrador.test']);
		expect(m.cc).toEqual(['a@x.mx', 'soporte@demo.mostrador.test']);
	});

	it('flags an image the HTML body shows (multipart/related, Content-ID) as inline, and keeps it', async () => {
		const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFAAIBoOOhtwAAAABJRU5ErkJggg==';
		const raw = [
			'From: Ana <ana.perez@clinicasanpedro.mx>',
			'To: soporte@demo.mostrador.test',
			'Subject: Captura',
			'MIME-Version: 1.0',
			'Content-Type: multipart/related; boundary="000000000000rel"',
			'',
			'--000000000000rel',
			'Content-Type: multipart/alternative; boundary="000000000000alt"',
			'',
			'--000000000000alt',
			'Content-Type: text/plain; charset="UTF-8"',
			'',
			'Miren el error:',
			'[image: image.png]',
			'',
			'--000000000000alt',
			'Content-Type: text/html; charset="UTF-8"',
			'',
			'<div dir="ltr">Miren el error:<div><img src="cid:ii_m4f2k0a10" alt="image.png"><br></div></div>',
			'',
			'--000000000000alt--',
			'--000000000000rel',
			'Content-Type: image/png; name="image.png"',
			'Content-Disposition: inline; filename="image.png"',
			'Content-Transfer-Encoding: base64',
			'Content-ID: <ii_m4f2k0a10>',
			'X-Attachment-Id: ii_m4f2k0a10',
			'',
			png,
			'--000000000000rel--',
			'',
		].join('\r\n');
		const m = await parseMessage(raw);
		expect(m.attachments.map(({ content, ...a }) => a)).toEqual([
			{ filename: 'image.png', mimeType: 'image/png', size: 70, inline: true, contentId: 'ii_m4f2k0a10' },
		]);
		expect(m.text).toBe('Miren el error:\n[image: image.png]');
	});

	it('reads a plain text part that is empty beside an HTML one from the HTML', async () => {
		const raw = [
			'From: a@x.mx',
			'To: soporte@demo.mostrador.test',
			'Subject: x',
			'Content-Type: multipart/alternative; boundary="b"',
			'',
			'--b',
			'Content-Type: text/plain; charset=utf-8',
			'',
			'',
			'--b',
			'Content-Type: text/html; charset=utf-8',
			'',
			'<p>Primera l&iacute;nea<br>segunda</p><script>alert(1)</script>',
			'--b--',
			'',
		].join('\n');
		expect((await parseMessage(raw)).text).toBe('Primera línea\nsegunda');
	});
});

describe('htmlToText', () => {
	it('keeps line breaks and paragraphs, decodes entities and drops markup', async () => {
		expect(await htmlToText('<div>Hola <b>equipo</b><br>línea 2</div><p>Párrafo&nbsp;dos</p><style>p{color:red}</style>')).toBe(
			'Hola equipo\nlínea 2\n\nPárrafo\u00a0dos',
		);
	});
});

describe('attachmentName', () => {
	it('keeps only the last path segment and removes control and bidi characters', () => {
		expect(attachmentName('../../etc/passwd', 'text/plain', 0)).toBe('passwd');
		expect(attachmentName('C:\\Users\\ana\\informe.pdf', 'application/pdf', 0)).toBe('informe.pdf');
		expect(attachmentName('factura\u202Efdp.exe', 'application/octet-stream', 0)).toBe('facturafdp.exe');
		expect(attachmentName('linea\r\nnueva.txt', 'text/plain', 0)).toBe('lineanueva.txt');
		expect(attachmentName('.htaccess', 'text/plain', 0)).toBe('htaccess');
	});

	it('names a nameless part after its position and type', () => {
		expect(attachmentName(null, 'image/png', 0)).toBe('adjunto-1.png');
		expect(attachmentName('   ', 'application/x-unknown', 2)).toBe('adjunto-3');
	});

	it('shortens a long name but keeps its extension', () => {
		const name = attachmentName(`${'a'.repeat(300)}.pdf`, 'application/pdf', 0);
		expect(name).toHaveLength(200);
		expect(name.endsWith('.pdf')).toBe(true);
	});
});

describe('header values', () => {
	it('reads message id lists with and without brackets', () => {
		expect(messageIds('<a@x> <b@y>\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
		expect(messageIds('a@x')).toEqual(['a@x']);
		expect(messageIds('<a@x> <a@x>')).toEqual(['a@x']);
		expect(messageIds('')).toEqual([]);
	});

	it('reads Authentication-Results with comments, versions and several DKIM signatures', () => {
		expect(
			authenticationResults(
				'mx.example.com 1; dkim=fail (bad sig; header.b=x) header.d=a.com; dkim=pass header.d=b.com; spf=SoftFail (sender IP is 1.2.3.4) smtp.mailfrom=a.com; dmarc=none',
			),
		).toEqual({ authservId: 'mx.example.com', dkim: 'pass', spf: 'softfail', dmarc: 'none' });
		expect(authenticationResults('mx.example.com; none')).toEqual({ authservId: 'mx.example.com' });
	});
});
