import { describe, expect, it } from 'vitest';
import { attachmentMessage, fieldMessage, formatBytes, formatDay } from '../../../src/islands/ticket-form/messages.ts';
import type { TicketFormLabels } from '../../../src/islands/ticket-form/labels.ts';
import { plain } from './fake-client.ts';

// The real sentences' shape: placeholders the messages fill.
const labels = new Proxy({} as TicketFormLabels, {
	get: (_t, key: string) =>
		({
			fieldRequired: 'Obligatorio.',
			fieldTooShort: 'Escribe al menos {min} caracteres.',
			fieldTooLong: 'Máximo {max} caracteres.',
			fieldSeverity: 'Elige una severidad.',
			fieldEnvironment: 'Elige un ambiente.',
			fieldInvalid: 'Revisa este campo.',
			attachmentTooLarge: '{name} pesa más de {max}.',
			attachmentType: '{name}: tipo no permitido.',
			attachmentTooMany: 'Hasta {count} archivos.',
			attachmentFailed: 'No se pudo adjuntar {name}.',
		})[key] ?? `«${key}»`,
});

describe('fieldMessage', () => {
	it('fills each field’s own minimum', () => {
		expect(fieldMessage('subject', 'too_short', labels)).toBe('Escribe al menos 3 caracteres.');
		expect(fieldMessage('description', 'too_short', labels)).toBe('Escribe al menos 10 caracteres.');
		expect(fieldMessage('impact', 'too_short', labels)).toBe('Escribe al menos 1 caracteres.');
	});

	it('says the simple codes, and "invalid" for anything else', () => {
		expect(fieldMessage('subject', 'required', labels)).toBe('Obligatorio.');
		expect(fieldMessage('severity', 'invalid_severity', labels)).toBe('Elige una severidad.');
		expect(fieldMessage('environment', 'invalid_environment', labels)).toBe('Elige un ambiente.');
		expect(fieldMessage('version', 'invalid_version', labels)).toBe('Revisa este campo.');
	});

	it('words attachment codes with the file’s name', () => {
		expect(fieldMessage('attachments.0.size_bytes', 'attachment_too_large', labels, 'video.mp4')).toBe('video.mp4 pesa más de 25 MB.');
		expect(fieldMessage('attachments', 'too_many_attachments', labels)).toBe('Hasta 10 archivos.');
		expect(fieldMessage('attachments.1', 'attachment_already_attached', labels, 'a.png')).toBe('No se pudo adjuntar a.png.');
	});

	it('says a field’s maximum for the subject', () => {
		expect(fieldMessage('subject', 'too_long', labels)).toBe('Máximo 200 caracteres.');
	});

	// BUG: too_long writes the maximum with toLocaleString() in the runtime's locale, not the page's
	// language: a Spanish page in an English-locale browser says "Máximo 20,000 caracteres" (twenty,
	// in Spanish), and an English page in a Spanish browser "20.000". fieldMessage has no language to
	// go by. Whatever the runtime's locale, one of the two pages is wrong, so this fails until fixed.
	it.fails('writes a field’s maximum in the page’s language (20.000 es, 20,000 en)', () => {
		const en = new Proxy(labels, { get: (t, k: string) => (k === 'fieldTooLong' ? 'At most {max} characters.' : (t as any)[k]) });
		expect(fieldMessage('description', 'too_long', labels)).toBe('Máximo 20.000 caracteres.');
		expect(fieldMessage('description', 'too_long', en)).toBe('At most 20,000 characters.');
	});
});

describe('attachmentMessage', () => {
	it('says type, size and count problems, and anything else as a failed attachment', () => {
		expect(attachmentMessage('attachment_type_not_allowed', 'setup.exe', labels)).toBe('setup.exe: tipo no permitido.');
		expect(attachmentMessage('attachment_outside_folder', 'a.pdf', labels)).toBe('No se pudo adjuntar a.pdf.');
		expect(attachmentMessage('attachment_failed', 'a.pdf', labels)).toBe('No se pudo adjuntar a.pdf.');
	});
});

describe('formatBytes', () => {
	it('uses binary units with one decimal, in the language given (Spanish by default)', () => {
		expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
		expect(formatBytes(1536)).toBe('1,5 KB');
		expect(formatBytes(1536, 'en')).toBe('1.5 KB');
		expect(formatBytes(3 * 1024 ** 3 + 1024 ** 3 / 4, 'en')).toBe('3.3 GB');
	});

	it('says bytes below a kilobyte, switching exactly at 1024', () => {
		expect(formatBytes(0)).toBe('0 B');
		expect(formatBytes(1023)).toBe('1023 B');
		expect(formatBytes(1024)).toBe('1 KB');
	});
});

describe('formatDay', () => {
	it('says a calendar date as that day, whatever the zone', () => {
		expect(formatDay('2026-12-01', 'es')).toBe('1 de diciembre de 2026');
		expect(formatDay('2026-12-01', 'en')).toBe('December 1, 2026');
		expect(plain(formatDay('2027-01-01', 'es'))).toBe('1 de enero de 2027');
	});

	it('gives back what is not a date', () => {
		expect(formatDay('pronto', 'es')).toBe('pronto');
	});
});
