import { describe, expect, it } from 'vitest';
import { fill } from '../../../src/islands/shared/labels.ts';
import { fileSize } from '../../../src/islands/shared/file-size.ts';
import { ATTACHMENT_MAX_FILES, fileProblem, storagePathFor, ticketFolder } from '../../../src/islands/shared/attachments.ts';
import { localePath, pageLang } from '../../../src/islands/shared/use-session.ts';
import { plain } from './fake-client.ts';

const MB = 1024 * 1024;

describe('fill', () => {
	it('fills every {name} placeholder it has a value for, and leaves the others', () => {
		expect(fill('Quedan {n} tickets de {total}', { n: 3, total: 40 })).toBe('Quedan 3 tickets de 40');
		expect(fill('{n} y {n}', { n: 0 })).toBe('0 y 0');
		expect(fill('Hola {nombre}', {})).toBe('Hola {nombre}');
		expect(fill('{a-b} {n}', { 'a-b': 1, n: 2 })).toBe('{a-b} 2');
		expect(fill('', { n: 1 })).toBe('');
	});

	// BUG (latent): fill checks `k in values`, which is true for Object.prototype's members, so a
	// placeholder named {constructor} or {toString} without a value becomes the text of a native
	// function instead of staying as it is. No label uses such a name today.
	it.fails('leaves a placeholder named like an Object.prototype member when it has no value', () => {
		expect(fill('Hola {constructor}', {})).toBe('Hola {constructor}');
	});
});

describe('fileSize', () => {
	it('says bytes, kilobytes and megabytes (binary) with one decimal in the page’s language', () => {
		expect(plain(fileSize(2.4 * MB, 'es'))).toBe('2,4 MB');
		expect(plain(fileSize(2.4 * MB, 'en'))).toBe('2.4 MB');
		expect(plain(fileSize(1536, 'es'))).toBe('1,5 kB');
		expect(plain(fileSize(1023, 'es'))).toBe('1023 B');
		expect(plain(fileSize(1024, 'en'))).toBe('1 kB');
		expect(plain(fileSize(MB, 'en'))).toBe('1 MB');
	});
});

describe('attachments', () => {
	const file = (name: string, type: string, size: number) => new File([new Uint8Array(0)], name, { type }) as File & { size: number };
	const sized = (name: string, type: string, size: number) => Object.defineProperty(file(name, type, size), 'size', { value: size });

	it('accepts an allowed file up to 25 MB', () => {
		expect(fileProblem(sized('captura.png', 'image/png', 25 * MB))).toBeNull();
		expect(ATTACHMENT_MAX_FILES).toBe(10);
	});

	it('says what is wrong with a file before uploading it', () => {
		expect(fileProblem(sized('video.mp4', 'video/mp4', 25 * MB + 1))).toBe('too_large');
		expect(fileProblem(sized('setup.exe', 'application/x-msdownload', 10))).toBe('type');
		expect(fileProblem(sized('notas', '', 10))).toBe('type');
		expect(fileProblem(sized('vacío.txt', 'text/plain', 0))).toBe('invalid');
		expect(fileProblem(sized('a\u0007b.txt', 'text/plain', 10))).toBe('invalid');
	});

	it('puts public files in the ticket’s folder and staff-only ones under internal/', () => {
		expect(ticketFolder('org', 'tk')).toBe('org/tk/');
		expect(ticketFolder('org', 'tk', true)).toBe('org/internal/tk/');
	});

	it('keys a file by a random prefix and its name without accents or unsafe characters', () => {
		expect(storagePathFor('org/tk/', 'Año fiscal (copia).xlsx')).toMatch(/^org\/tk\/[0-9a-f-]{36}-Ano-fiscal-copia-\.xlsx$/);
		expect(storagePathFor('org/tk/', '日本語')).toMatch(/^org\/tk\/[0-9a-f-]{36}-archivo$/);
		expect(storagePathFor('org/tk/', 'x')).not.toBe(storagePathFor('org/tk/', 'x'));
	});
});

describe('page language', () => {
	it('is Spanish outside a browser, and paths are prefixed with /en only in English', () => {
		expect(pageLang()).toBe('es');
		expect(localePath('/soporte/nuevo/', 'en')).toBe('/en/soporte/nuevo/');
		expect(localePath('/soporte/nuevo/', 'es')).toBe('/soporte/nuevo/');
		expect(localePath('/soporte/nuevo/')).toBe('/soporte/nuevo/');
	});
});
