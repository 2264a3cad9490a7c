import { describe, expect, it } from 'vitest';
import { attachmentPath, checkFile, keySafeName } from '../../../src/islands/ticket-form/upload.ts';

const MB = 1024 * 1024;

describe('checkFile', () => {
	it('accepts an allowed type up to exactly 25 MB', () => {
		expect(checkFile({ size: 25 * MB, type: 'application/pdf' })).toBeNull();
		expect(checkFile({ size: 1, type: 'image/png' })).toBeNull();
	});

	it('refuses one byte more, then a type not on the list (size first)', () => {
		expect(checkFile({ size: 25 * MB + 1, type: 'application/pdf' })).toBe('attachment_too_large');
		expect(checkFile({ size: 25 * MB + 1, type: 'application/x-msdownload' })).toBe('attachment_too_large');
		expect(checkFile({ size: 10, type: 'application/x-msdownload' })).toBe('attachment_type_not_allowed');
		expect(checkFile({ size: 10, type: '' })).toBe('attachment_type_not_allowed');
	});
});

describe('keySafeName', () => {
	it('keeps a readable name without accents, spaces or separators', () => {
		expect(keySafeName('Informe de señal — año 2026.pdf')).toBe('Informe-de-senal-ano-2026.pdf');
		expect(keySafeName('../../etc/passwd')).toBe('etc-passwd');
		expect(keySafeName('C:\\Users\\ana\\captura (1).png')).toBe('C-Users-ana-captura-1-.png');
	});

	it('names a file with nothing usable "archivo"', () => {
		expect(keySafeName('日本語')).toBe('archivo');
		expect(keySafeName('...')).toBe('archivo');
		expect(keySafeName('')).toBe('archivo');
	});

	it('keeps the last 100 characters, so the extension survives', () => {
		const long = `${'a'.repeat(150)}.pdf`;
		expect(keySafeName(long)).toBe(`${'a'.repeat(96)}.pdf`);
	});
});

describe('attachmentPath', () => {
	it('puts each file in its own random folder under the organisation', () => {
		const a = attachmentPath('0b9a3b8e-7d4c-4f7e-9a1a-3c2d1e0f9a8b', 'Captura 1.png');
		expect(a).toMatch(/^0b9a3b8e-7d4c-4f7e-9a1a-3c2d1e0f9a8b\/[0-9a-f-]{36}\/Captura-1\.png$/);
		expect(attachmentPath('org', 'x.png')).not.toBe(attachmentPath('org', 'x.png'));
	});
});
