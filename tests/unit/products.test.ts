import { describe, expect, it } from 'vitest';
import { compareVersions, latestVersion, policyViolations, productCatalog, supportStatus } from '#shared/products.ts';
import { formatIssues } from '#shared/programme.ts';
import { loadProducts } from '../../src/lib/support-data.ts';
import { clone, shippedProducts } from '../fixtures/support.ts';

const policy = { supportedMajors: 2, eolNoticeMonths: 6 };

describe('version support status', () => {
	const docs = loadProducts().products.find((p) => p.id === 'quetzal-docs')!;

	it('the newest major is current, the one before supported, an ended one end-of-life', () => {
		expect(supportStatus(docs, '5.1', policy, '2026-11-21')).toBe('current');
		expect(supportStatus(docs, '5.0', policy, '2026-11-21')).toBe('current');
		expect(supportStatus(docs, '4.2', policy, '2026-11-21')).toBe('supported');
		expect(supportStatus(docs, '3.4', policy, '2026-11-21')).toBe('end-of-life');
	});

	it('an announced end of life is "retiring" until the day after it', () => {
		expect(supportStatus(docs, '3.4', policy, '2026-03-01')).toBe('supported');
		expect(supportStatus(docs, '3.4', policy, '2026-03-02')).toBe('retiring');
		expect(supportStatus(docs, '3.4', policy, '2026-09-30')).toBe('retiring');
		expect(supportStatus(docs, '3.4', policy, '2026-10-01')).toBe('end-of-life');
	});

	it('before 5.0 was released, 4.x was current', () => {
		expect(supportStatus(docs, '4.2', policy, '2026-04-19')).toBe('current');
		expect(latestVersion(docs, '2026-04-19')).toBe('4.2');
		expect(latestVersion(docs, '2026-11-21')).toBe('5.1');
	});

	it('compares versions numerically', () => {
		expect(compareVersions('5.10', '5.9')).toBeGreaterThan(0);
		expect(compareVersions('5.1', '5.1.0')).toBe(0);
		expect(['4.2', '10.0', '5.1'].sort(compareVersions)).toEqual(['4.2', '5.1', '10.0']);
	});
});

describe('catalogue checks', () => {
	it('an end of life announced with less than the promised notice is reported', () => {
		const c = productCatalog.parse(clone(shippedProducts()));
		c.products[0].versions[0].eol = '2026-06-30';
		expect(policyViolations(c, policy)).toEqual([
			'quetzal-docs 3.4: end of life 2026-06-30 comes less than 6 months after its announcement (2026-03-02)',
		]);
	});

	it('a version outside the supported majors must have its end of life announced', () => {
		const c = productCatalog.parse(clone(shippedProducts()));
		delete c.products[0].versions[0].eolAnnounced;
		delete c.products[0].versions[0].eol;
		expect(policyViolations(c, policy)).toEqual([
			'quetzal-docs 3.4: older than the 2 supported majors, so its end of life must be announced (eolAnnounced, eol)',
		]);
	});

	it('the shipped catalogue keeps the policy', () => {
		expect(policyViolations(loadProducts(), policy)).toEqual([]);
	});

	it('rejects the reserved id, duplicate versions and bad version strings', () => {
		const raw = clone(shippedProducts());
		raw.products[2].id = 'general';
		raw.products[1].versions.push({ version: '2.0', released: '2026-01-01' });
		raw.products[0].versions[1].version = 'v4';
		const r = productCatalog.safeParse(raw);
		expect(r.success).toBe(false);
		const issues = formatIssues(r.error!);
		expect(issues).toContain('products.0.versions.1.version: expected a version such as "5.1" or "5.1.2"');
	});

	it('reports the reserved id and duplicates once the shape is right', () => {
		const raw = clone(shippedProducts());
		raw.products[2].id = 'general';
		raw.products[1].versions.push({ version: '2.0', released: '2026-01-01' });
		const issues = formatIssues(productCatalog.safeParse(raw).error!);
		expect(issues).toEqual([
			'products.1.versions: version "2.0" listed twice',
			'products.2.id: "general" is reserved for articles about no product',
		]);
	});
});
