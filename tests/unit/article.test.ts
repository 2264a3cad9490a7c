import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../src/schemas/article.ts';
import { formatIssues } from '#shared/programme.ts';
import { loadProducts } from '../../src/lib/support-data.ts';

const schema = articleSchema(loadProducts());
const base = { title: 'Un artículo', type: 'guide', product: 'quetzal-docs', versions: ['5.1'], audience: 'admin', updated: '2026-10-01' };
const kb = {
	symptom: 'La búsqueda no encuentra documentos nuevos.',
	cause: 'El índice no se reconstruyó tras la actualización.',
	solution: 'Reconstruir el índice con qdocs-admin.',
	affectedVersions: ['5.1'],
	status: 'known-error',
};
const issues = (input: unknown) => {
	const r = schema.safeParse(input);
	return r.success ? [] : formatIssues(r.error);
};

describe('valid articles', () => {
	it.each([
		['a guide for every version', { ...base, versions: undefined }],
		['a general article', { title: 'Comunidad', type: 'guide', product: 'general', updated: '2026-10-01' }],
		['a known problem', { ...base, type: 'kb', kb }],
		['a fixed known problem', { ...base, type: 'kb', kb: { ...kb, status: 'fixed', fixedIn: '5.1', affectedVersions: ['5.0'] } }],
		['an active alert', { ...base, type: 'alert', alert: { severity: 'critical', affectedVersions: ['5.0'], published: '2026-11-10' } }],
		['release notes', { ...base, type: 'release-notes', release: { version: '5.1', date: '2026-09-14' } }],
	])('%s', (_, input) => {
		expect(issues(input)).toEqual([]);
	});

	it('defaults: every version, audience user; dates become Dates', () => {
		const a = schema.parse({ title: 'x', type: 'faq', product: 'cargador', updated: '2026-10-01' });
		expect(a.versions).toEqual([]);
		expect(a.audience).toBe('user');
		expect(a.updated).toBeInstanceOf(Date);
	});
});

describe('invalid articles name the field', () => {
	it('an unknown type lists the allowed ones', () => {
		expect(issues({ ...base, type: 'guia' })).toEqual([
			'type: expected one of guide, manual, tutorial, troubleshooting, maintenance, faq, kb, alert, release-notes; got "guia"',
		]);
	});

	it('a missing updated date', () => {
		expect(issues({ ...base, updated: undefined })).toEqual(['updated: expected a date "YYYY-MM-DD"']);
	});

	it('an unknown product', () => {
		expect(issues({ ...base, product: 'quetzal-cloud', versions: [] })).toEqual([
			'product: unknown product "quetzal-cloud" (known: quetzal-docs, quetzal-firma, cargador, general)',
		]);
	});

	it('a version the product does not have', () => {
		expect(issues({ ...base, versions: ['5.1', '6.0'] })).toEqual([
			'versions.1: Quetzal Docs has no version "6.0" (known: 3.4, 4.0, 4.1, 4.2, 5.0, 5.1)',
		]);
	});

	it('versions on a general article', () => {
		expect(issues({ ...base, product: 'general', versions: ['5.1'] })).toEqual([
			'versions: an article about no product ("general") cannot name versions',
		]);
	});

	it('a kb article without its kb block, and a kb block on a guide', () => {
		expect(issues({ ...base, type: 'kb' })).toEqual(['kb: required when type is "kb"']);
		expect(issues({ ...base, kb })).toEqual(['kb: only allowed when type is "kb"']);
	});

	it('a fixed problem without the fixing version; a workaround status without the workaround', () => {
		expect(issues({ ...base, type: 'kb', kb: { ...kb, status: 'fixed' } })).toEqual(['kb.fixedIn: required when status is "fixed"']);
		expect(issues({ ...base, type: 'kb', kb: { ...kb, status: 'workaround' } })).toEqual(['kb.workaround: required when status is "workaround"']);
	});

	it('a kb block missing its symptom, with an unknown status', () => {
		const { symptom: _, ...rest } = kb;
		const found = issues({ ...base, type: 'kb', kb: { ...rest, status: 'open' } });
		expect(found).toContain('kb.symptom: Invalid input: expected string, received undefined');
		expect(found).toContain('kb.status: expected one of investigating, known-error, workaround, fixed; got "open"');
	});

	it('an alert resolved before it was published, affecting an unknown version', () => {
		expect(issues({ ...base, type: 'alert', alert: { severity: 'high', affectedVersions: ['5.2'], published: '2026-11-10', resolved: '2026-11-01' } })).toEqual([
			'alert.affectedVersions.0: Quetzal Docs has no version "5.2" (known: 3.4, 4.0, 4.1, 4.2, 5.0, 5.1)',
			'alert.resolved: an alert cannot be resolved before it was published',
		]);
	});

	it('release notes of a version that does not exist, or of no product', () => {
		expect(issues({ ...base, type: 'release-notes', release: { version: '7.0', date: '2026-09-14' } })).toEqual([
			'release.version: Quetzal Docs has no version "7.0" (known: 3.4, 4.0, 4.1, 4.2, 5.0, 5.1)',
		]);
		expect(issues({ ...base, product: 'general', versions: [], type: 'release-notes', release: { version: '7.0', date: '2026-09-14' } })).toEqual([
			'product: release notes belong to a product',
		]);
	});

	it('an unknown field inside a kb block (typos do not pass silently)', () => {
		expect(issues({ ...base, type: 'kb', kb: { ...kb, symptoms: 'x' } })).toEqual(['kb: Unrecognized key: "symptoms"']);
	});
});
