// visibleReply(): the customer's new words, without the quoted history and the signature, for the
// quote headers Gmail, Apple Mail, Outlook and Thunderbird write in Spanish and English.
import { describe, expect, it } from 'vitest';
import { parseMessage, REPLY_SCAN_CHARS, visibleReply } from '#shared/inbound/index.ts';
import { fixture } from './inbound-fixtures.ts';

const QUOTE = '> Buenos días,\n> ¿Puede reiniciar el servicio?\n>\n> Soporte Quetzal\n';

describe('visibleReply: quote headers', () => {
	it.each([
		['Gmail (es)', 'El lun, 7 dic 2026 a las 10:00, Soporte Quetzal <soporte@demo.mostrador.test> escribió:\n\n' + QUOTE],
		['Gmail (es), newer format', 'El lun., 7 dic. 2026 10:00, Soporte Quetzal (<soporte@demo.mostrador.test>) escribió:\n\n' + QUOTE],
		[
			'Gmail (es), wrapped over two lines',
			'El lun, 7 dic 2026 a las 10:00, Soporte Quetzal de Quetzal Software (<\nsoporte+t9f3b2c1d4e5a6b7c8d9e0f1a2b3c4d5e@demo.mostrador.test>) escribió:\n\n' + QUOTE,
		],
		['Gmail (en)', 'On Mon, Dec 7, 2026 at 10:00 AM Soporte Quetzal <soporte@demo.mostrador.test> wrote:\n\n' + QUOTE],
		['Gmail (en), wrapped', 'On Mon, Dec 7, 2026 at 10:00 AM Soporte Quetzal <\nsoporte@demo.mostrador.test> wrote:\n\n' + QUOTE],
		['Apple Mail (es)', 'El 7 dic 2026, a las 10:00, Soporte Quetzal <soporte@demo.mostrador.test> escribió:\n\n' + QUOTE],
		['Apple Mail (es), macOS, attribution quoted too', '> El 7 dic 2026, a las 10:00, Soporte Quetzal <soporte@demo.mostrador.test> escribió:\n> \n' + QUOTE],
		['Apple Mail (en)', 'On Dec 7, 2026, at 10:00, Soporte Quetzal <soporte@demo.mostrador.test> wrote:\n\n' + QUOTE],
		['Thunderbird (es)', 'El 07/12/2026 a las 10:00, Soporte Quetzal escribió:\n' + QUOTE],
		['Thunderbird (en)', 'On 12/7/26 10:00 AM, Soporte Quetzal wrote:\n' + QUOTE],
		[
			'Outlook (es), new Outlook / web',
			'________________________________\nDe: Soporte Quetzal <soporte@demo.mostrador.test>\nEnviado: lunes, 7 de diciembre de 2026 10:00\nPara: Ana Pérez <ana.perez@clinicasanpedro.mx>\nAsunto: [#1042] Hay una respuesta\n\nBuenos días,\n¿Puede reiniciar el servicio?\n',
		],
		[
			'Outlook (es), desktop, no address',
			'De: Soporte Quetzal\nEnviado el: lunes, 7 de diciembre de 2026 10:00\nPara: Ana Pérez\nCC: Luis Ramos\nAsunto: RE: [#1042] Hay una respuesta\n\nBuenos días,\n',
		],
		[
			'Outlook (en)',
			'From: Soporte Quetzal <soporte@demo.mostrador.test>\nSent: Monday, December 7, 2026 10:00 AM\nTo: Ana Perez <ana.perez@clinicasanpedro.mx>\nSubject: [#1042] A reply\n\nGood morning,\n',
		],
		['Outlook, -----Mensaje original-----', '-----Mensaje original-----\nDe: Soporte Quetzal\nEnviado: lunes\nPara: Ana\nAsunto: x\n\nBuenos días,\n'],
		['Outlook, -----Original Message-----', '-----Original Message-----\nFrom: Soporte Quetzal\nSent: Monday\nTo: Ana\nSubject: x\n\nGood morning,\n'],
		['Outlook, underscore separator alone', '________________________________\nDe parte de soporte: buenos días\n'],
		['HTML turned into text (rule, bold labels)', '-------------\n\n*De:* Soporte Quetzal <soporte@demo.mostrador.test>\n*Enviado:* lunes\n*Para:* Ana\n*Asunto:* x\n\nBuenos días,\n'],
	])('%s', (_, quoted) => {
		const answer = 'Hola,\n\nYa probé reiniciar y sigue igual.\nAdjunto captura.\n\nGracias,\nAna';
		expect(visibleReply(`${answer}\n\n${quoted}`)).toBe(answer);
		expect(visibleReply(`${answer}\r\n\r\n${quoted}`.replace(/\n/g, '\r\n'))).toBe(answer);
	});

	it('an attribution whose history lost its ">" marks (an HTML mail turned into text) cuts everything below it', () => {
		const text = 'Ya quedó.\n\nEl lun, 7 dic 2026 a las 10:00, Soporte Quetzal <soporte@demo.mostrador.test> escribió:\n\nBuenos días Ana,\nsin marcas de cita\n';
		expect(visibleReply(text)).toBe('Ya quedó.');
	});

	it('an answer written below or between the quotes is kept', () => {
		const text =
			'El lun, 7 dic 2026 a las 10:00, Soporte Quetzal <soporte@demo.mostrador.test> escribió:\n> ¿Qué versión usa?\n\nLa 5.1.2.\n\n> ¿Y qué sistema?\n\nWindows Server 2022.\n';
		expect(visibleReply(text)).toBe('La 5.1.2.\n\nWindows Server 2022.');
	});
});

describe('visibleReply: signatures', () => {
	it.each([
		['"-- " separator', '-- \nAna Pérez\nClínica San Pedro\nTel. 55 1234 5678'],
		['Enviado desde mi iPhone', 'Enviado desde mi iPhone'],
		['Sent from my iPhone', 'Sent from my iPhone'],
		['Obtener Outlook para iOS', 'Obtener Outlook para iOS'],
		['Get Outlook for Android', 'Get Outlook for Android'],
	])('%s', (_, signature) => {
		expect(visibleReply(`Sí, ya funciona.\nGracias.\n\n${signature}\n`)).toBe('Sí, ya funciona.\nGracias.');
	});

	it('a signature, then the quoted history', () => {
		const text = 'Listo.\n\nEnviado desde mi iPhone\n\nEl 7 dic 2026, a las 10:00, Soporte Quetzal <soporte@demo.mostrador.test> escribió:\n\n' + QUOTE;
		expect(visibleReply(text)).toBe('Listo.');
	});
});

describe('visibleReply: the customer’s own text', () => {
	it('keeps the customer’s line breaks, blank lines and indentation', () => {
		const answer = 'Pasos:\n  1. Abrir facturación\n  2. Pulsar «Emitir»\n\n\nResultado: error E-2041.';
		expect(visibleReply(`${answer}\n\nOn Mon, Dec 7, 2026 at 10:00 AM Soporte <soporte@demo.mostrador.test> wrote:\n\n${QUOTE}`)).toBe(answer);
	});

	it('does not take the customer’s own sentences for quote headers', () => {
		const answer = 'El 5 de diciembre el servidor se cayó y el técnico escribió:\n«reiniciar el servicio»\nDe: nuestra parte ya lo intentamos.\n\nSaludos,\nAna';
		expect(visibleReply(answer)).toBe(answer);
	});

	it('an answer that is only quoted text gives ""', () => {
		expect(visibleReply(QUOTE)).toBe('');
		expect(visibleReply(`El lun, 7 dic 2026 a las 10:00, Soporte <soporte@demo.mostrador.test> escribió:\n\n${QUOTE}`)).toBe('');
		expect(visibleReply('\n\n-----Mensaje original-----\nDe: Soporte\nEnviado: lunes\nPara: Ana\nAsunto: x\n\nHola\n')).toBe('');
		expect(visibleReply('')).toBe('');
	});
});

describe('visibleReply: size', () => {
	it('reads at most REPLY_SCAN_CHARS, cut at a line end, so a hostile body cannot keep the function busy', () => {
		const long = 'Una línea del cliente.\n'.repeat(10_000);
		const out = visibleReply(long);
		expect(out.length).toBeLessThanOrEqual(REPLY_SCAN_CHARS);
		expect(out.length).toBeGreaterThan(REPLY_SCAN_CHARS - 100);
		expect(out.endsWith('Una línea del cliente.')).toBe(true);
		// Lines that look like the start of some language's quote header make the parser slow; bounded here.
		expect(visibleReply('etc. x\n'.repeat(100_000)).length).toBeLessThanOrEqual(REPLY_SCAN_CHARS);
	});
});

describe('visibleReply on the fixtures', () => {
	it('Gmail', async () => {
		expect(visibleReply((await parseMessage(fixture('gmail-reply'))).text)).toBe(
			'Hola,\n\nYa probé reiniciar el servicio y sigue igual. El error aparece al abrir\nla pantalla de facturación.\n\nGracias,\nAna',
		);
	});

	it('Outlook, HTML only', async () => {
		expect(visibleReply((await parseMessage(fixture('outlook-html-reply'))).text)).toBe(
			'Buenas tardes,\n\nLes confirmo que después de actualizar a la versión 5.1.2 el módulo ya arranca.\n\nPueden cerrar el caso.\n\nSaludos,\n\nJorge Méndez',
		);
	});
});
