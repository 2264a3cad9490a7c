import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../src/islands/admin/errors.ts';
import { ADMIN_LABEL_KEYS } from '../../../src/islands/admin/labels.ts';
import { ADMIN_ONLY, sectionFrom } from '../../../src/islands/admin/sections.ts';
import { policyStatus } from '../../../src/islands/admin/downloads/support-status.ts';
import { contract, day, planName } from '../../../src/islands/admin/organisations/format.ts';
import { listItems, publishVersion } from '../../../src/islands/admin/downloads/downloads-api.ts';
import { listComments } from '../../../src/islands/admin/comments/comments-api.ts';
import { contactLimit } from '../../../src/islands/admin/organisations/organisations-api.ts';
import type { AdminProps, ProductInfo } from '../../../src/islands/admin/props.ts';
import { fakeClient, keyLabels } from './fake-client.ts';

const labels = { ...keyLabels(ADMIN_LABEL_KEYS), 'orgs.contractFrom': 'Desde el {start}', 'orgs.contractRange': 'Del {start} al {end}' };

describe('messageFor', () => {
	it('uses the page’s label for a code it knows, the catalogue for others, failed for the rest', () => {
		expect(messageFor('checksum_mismatch', labels)).toBe('«error.checksum_mismatch»');
		expect(messageFor('ticket_closed', labels, 'en')).toMatch(/closed/i);
		expect(messageFor('made_up_code', labels)).toBe('«error.failed»');
		expect(messageFor({ ok: false, error: 'unavailable' }, labels)).toBe('«error.unavailable»');
		expect(messageFor({ ok: false, error: 'refused', code: 'version_exists' }, labels)).toBe('«error.version_exists»');
	});
});

describe('sectionFrom', () => {
	it('reads a known section and falls back to downloads', () => {
		expect(sectionFrom('?seccion=organizaciones')).toBe('organizaciones');
		expect(sectionFrom('?seccion=alertas&x=1')).toBe('alertas');
		expect(sectionFrom('?seccion=usuarios')).toBe('descargas');
		expect(sectionFrom('')).toBe('descargas');
		expect(sectionFrom('?seccion=equipo')).toBe('equipo');
		expect(ADMIN_ONLY).toEqual(['organizaciones', 'equipo']);
	});
});

describe('policyStatus', () => {
	const products: ProductInfo[] = [
		{ id: 'firma', name: 'Firma', versions: [{ version: '5', status: 'retiring' }, { version: '5.1', status: 'current' }, { version: '4.2', status: 'end-of-life', eol: '2025-12-31' }] },
	];

	it('takes the status of the exact version or of the longest product version it belongs to', () => {
		expect(policyStatus(products, 'firma', '5.1')).toBe('current');
		expect(policyStatus(products, 'firma', '5.1.2')).toBe('current');
		expect(policyStatus(products, 'firma', '5.2.0')).toBe('retiring');
		expect(policyStatus(products, 'firma', '4.2.9')).toBe('end-of-life');
	});

	it('has none for versions not listed, items of no or unknown product, or an empty version', () => {
		expect(policyStatus(products, 'firma', '5.10')).toBe('retiring');
		expect(policyStatus(products, 'firma', '51')).toBeNull();
		expect(policyStatus(products, 'firma', '6.0')).toBeNull();
		expect(policyStatus(products, null, '5.1')).toBeNull();
		expect(policyStatus(products, 'otro', '5.1')).toBeNull();
		expect(policyStatus(products, 'firma', '')).toBeNull();
	});
});

describe('organisations wording', () => {
	// Only the props the wording reads.
	const props = { labels, lang: 'es', planNames: { 'p/estandar': 'Estándar' } } as unknown as AdminProps;
	const org = { id: 'o', name: 'Cliente', programme_id: 'p', plan_id: 'estandar', contract_start: '2026-01-01', contract_end: null, timezone: 'UTC' };

	it('says a calendar date as that day, even given as an instant', () => {
		expect(day('2026-03-01', 'es')).toBe('1 de marzo de 2026');
		expect(day('2026-03-01T23:30:00-06:00', 'en')).toBe('March 1, 2026');
	});

	it('names the plan, or shows programme and plan ids', () => {
		expect(planName(org, props)).toBe('Estándar');
		expect(planName({ programme_id: 'q', plan_id: 'x' }, props)).toBe('q / x');
	});

	it('says an open-ended contract or its range', () => {
		expect(contract(org, props)).toBe('Desde el 1 de enero de 2026');
		expect(contract({ ...org, contract_end: '2026-12-31' }, props)).toBe('Del 1 de enero de 2026 al 31 de diciembre de 2026');
	});
});

describe('admin API helpers', () => {
	it('lists catalogue items with their versions newest first', async () => {
		const v = (version: string, published_at: string) => ({ id: version, version, published_at });
		const { client } = fakeClient({ from: { download_items: { data: [{ id: 'i', download_versions: [v('1.0', '2026-01-01T00:00:00Z'), v('2.0', '2026-03-01T00:00:00Z'), v('1.5', '2026-02-01T00:00:00Z')] }, { id: 'j', download_versions: null }] } } });
		const result = await listItems(client);
		expect(result.ok && result.data.map((i) => i.download_versions.map((x) => x.version))).toEqual([['2.0', '1.5', '1.0'], []]);
	});

	it('reads the function’s refusal, a 5xx as unavailable, and a success', async () => {
		const invoke = (answer: unknown) => ({ functions: { invoke: async () => answer } }) as any;
		const request = { item: 'i', version: '1.0', notes: '', storage_path: 'i/1.0/a.zip', sha256: 'ab', support_status: 'current' as const };
		expect(await publishVersion(invoke({ data: { version: { id: 'v' } }, error: null }), request)).toEqual({ ok: true, version: { id: 'v' } });
		expect(await publishVersion(invoke({ data: null, error: { context: Response.json({ code: 'checksum_mismatch', actual: 'cd' }, { status: 409 }) } }), request)).toEqual({ ok: false, error: 'refused', code: 'checksum_mismatch', actual: 'cd' });
		expect(await publishVersion(invoke({ data: null, error: { context: new Response('oops', { status: 400 }) } }), request)).toEqual({ ok: false, error: 'refused', code: 'failed', actual: undefined });
		expect(await publishVersion(invoke({ data: null, error: { context: new Response('', { status: 504 }) } }), request)).toEqual({ ok: false, error: 'unavailable' });
		expect(await publishVersion(invoke({ data: null, error: { name: 'FunctionsFetchError' } }), request)).toEqual({ ok: false, error: 'unavailable' });
	});

	it('puts a moderated comment’s author name and e-mail together, and filters hidden ones', async () => {
		const { client, calls } = fakeClient({ rpc: { comments_for_moderation: { data: [{ id: 'c', article_slug: 'a', body: 'b', created_at: '1', edited_at: null, hidden_at: '2', author_name: 'Ana', author_email: 'ana@x.mx' }] } } });
		const result = await listComments(client, 'hidden');
		expect(result).toEqual({ ok: true, data: [{ id: 'c', article_slug: 'a', body: 'b', created_at: '1', edited_at: null, hidden_at: '2', author: { full_name: 'Ana', email: 'ana@x.mx' } }] });
		expect(calls['rpc:comments_for_moderation'][0].some((c) => c.method === 'not' && c.args.join() === 'hidden_at,is,')).toBe(true);
	});

	it('reads a plan’s contact limit, null for unlimited or an unknown plan', async () => {
		const org = { id: 'o', name: 'C', programme_id: 'p', plan_id: 'estandar', contract_start: '2026-01-01', contract_end: null, timezone: 'UTC' };
		expect(await contactLimit(fakeClient({ from: { plans: { data: { authorized_contacts: 2 } } } }).client, org)).toEqual({ ok: true, data: 2 });
		expect(await contactLimit(fakeClient({ from: { plans: { data: { authorized_contacts: null } } } }).client, org)).toEqual({ ok: true, data: null });
		expect(await contactLimit(fakeClient({ from: { plans: { data: null } } }).client, org)).toEqual({ ok: true, data: null });
	});
});
