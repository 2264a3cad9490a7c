import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearDraft, draftKey, hasContent, loadDraft, newIdempotencyKey, saveDraft, type Draft } from '../../../src/islands/ticket-form/draft.ts';
import type { TicketFields } from '../../../src/islands/ticket-form/types.ts';

const fields: TicketFields = { organisation_id: '', severity: 'P3', subject: '', description: '', impact: '', environment: 'production', product_id: 'firma', version: '5.1', steps: '', affected_user: '' };
const draft: Draft = { fields: { ...fields, subject: 'No firma' }, attachments: [], idempotencyKey: 'k-12345678', savedAt: '2026-04-06T10:00:00.000Z' };

/** localStorage as a browser has it, in memory. */
function memoryStorage() {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, String(v)),
		removeItem: (k: string) => void items.delete(k),
	};
}

describe('draftKey', () => {
	it('keeps one draft per person and place', () => {
		expect(draftKey('u1', undefined)).toBe('mostrador:ticket-draft:u1:nuevo');
		expect(draftKey('u1', 'base-de-conocimiento/firma')).toBe('mostrador:ticket-draft:u1:base-de-conocimiento/firma');
		expect(draftKey('u2', undefined)).not.toBe(draftKey('u1', undefined));
	});

	it('chooses a fresh idempotency key each time, long enough for the function', () => {
		const a = newIdempotencyKey();
		expect(a).toMatch(/^[0-9a-f-]{36}$/);
		expect(newIdempotencyKey()).not.toBe(a);
	});
});

describe('hasContent', () => {
	it('does not count the prefilled defaults (severity, environment, product) or whitespace', () => {
		expect(hasContent(fields, [])).toBe(false);
		expect(hasContent({ ...fields, subject: '   ', description: '\n' }, [])).toBe(false);
	});

	it('counts anything the customer wrote or attached', () => {
		expect(hasContent({ ...fields, affected_user: 'ana' }, [])).toBe(true);
		expect(hasContent({ ...fields, steps: '1.' }, [])).toBe(true);
		expect(hasContent(fields, [{ storage_path: 'o/f/a.png', file_name: 'a.png', mime_type: 'image/png', size_bytes: 1 }])).toBe(true);
	});
});

describe('saving and loading', () => {
	let storage: ReturnType<typeof memoryStorage>;
	beforeEach(() => {
		storage = memoryStorage();
		vi.stubGlobal('localStorage', storage);
	});
	afterEach(() => vi.unstubAllGlobals());

	it('gives back the draft it saved, and nothing once cleared', () => {
		saveDraft('k', draft);
		expect(loadDraft('k')).toEqual(draft);
		clearDraft('k');
		expect(loadDraft('k')).toBeNull();
		expect(storage.items.size).toBe(0);
	});

	it('ignores what is not a draft: other JSON, a short key, broken JSON', () => {
		storage.setItem('a', JSON.stringify({ fields: { subject: 'x' }, attachments: [], idempotencyKey: 'k-123456' }));
		storage.setItem('b', JSON.stringify({ ...draft, idempotencyKey: 'short' }));
		storage.setItem('c', '{"fields":');
		storage.setItem('d', 'null');
		for (const k of ['a', 'b', 'c', 'd', 'missing']) expect(loadDraft(k)).toBeNull();
	});

	it('keeps the form working when storage refuses (full, or private mode)', () => {
		vi.stubGlobal('localStorage', {
			getItem: () => {
				throw new DOMException('denied', 'SecurityError');
			},
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			},
			removeItem: () => {
				throw new DOMException('denied', 'SecurityError');
			},
		});
		expect(() => saveDraft('k', draft)).not.toThrow();
		expect(() => clearDraft('k')).not.toThrow();
		expect(loadDraft('k')).toBeNull();
	});
});
