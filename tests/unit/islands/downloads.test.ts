import { describe, expect, it } from 'vitest';
import { findItem, listItems, SIGNED_URL_SECONDS, signedDownload, type DownloadVersion } from '../../../src/islands/downloads/catalogue.ts';
import { formatDay, formatSize, today } from '../../../src/islands/downloads/format.ts';
import { statusOf, type StatusTable } from '../../../src/islands/downloads/support-status.ts';
import { fakeClient, plain } from './fake-client.ts';

describe('statusOf', () => {
	const table: StatusTable = {
		firma: [
			{ version: '5.1', status: 'current' },
			{ version: '5', status: 'supported', eol: '2027-06-30' },
			{ version: '4.2', status: 'retiring', eol: '2026-06-30' },
		],
	};

	it('takes the exact version’s status, or the longest product version it belongs to', () => {
		expect(statusOf(table, 'firma', '5.1', 'retiring', '2026-04-01')).toEqual({ status: 'current', eol: undefined });
		expect(statusOf(table, 'firma', '5.1.2', 'retiring', '2026-04-01')).toEqual({ status: 'current', eol: undefined });
		expect(statusOf(table, 'firma', '5.0.1', 'current', '2026-04-01')).toEqual({ status: 'supported', eol: '2027-06-30' });
	});

	it('counts an end of life reached since the build from the day after it', () => {
		expect(statusOf(table, 'firma', '4.2.3', 'current', '2026-06-30')).toEqual({ status: 'retiring', eol: '2026-06-30' });
		expect(statusOf(table, 'firma', '4.2.3', 'current', '2026-07-01')).toEqual({ status: 'end-of-life', eol: '2026-06-30' });
	});

	it('keeps the stored status for items of no product, or versions not in the catalogue', () => {
		expect(statusOf(table, null, '5.1', 'retiring', '2026-04-01')).toEqual({ status: 'retiring' });
		expect(statusOf(table, 'firma', '3.0', 'end-of-life', '2026-04-01')).toEqual({ status: 'end-of-life' });
		expect(statusOf(table, 'firma', '51', 'current', '2026-04-01')).toEqual({ status: 'current' });
		expect(statusOf({}, 'firma', '5.1', 'current', '2026-04-01')).toEqual({ status: 'current' });
	});
});

describe('sizes and dates of downloads', () => {
	it('uses decimal units, whole bytes spelled out, one decimal above', () => {
		expect(plain(formatSize(12_345_678, 'es'))).toBe('12,3 MB');
		expect(plain(formatSize(12_345_678, 'en'))).toBe('12.3 MB');
		expect(plain(formatSize(999, 'es'))).toBe('999 bytes');
		expect(plain(formatSize(1000, 'en'))).toBe('1 kB');
		expect(plain(formatSize(2.5e12, 'en'))).toBe('2.5 TB');
		expect(plain(formatSize(3e15, 'en'))).toBe('3,000 TB');
	});

	it('says a day as that day, and today as YYYY-MM-DD', () => {
		expect(formatDay('2026-04-06', 'es')).toBe('6 de abril de 2026');
		expect(formatDay('2026-04-06', 'en')).toBe('April 6, 2026');
		expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
});

describe('catalogue', () => {
	const v = (version: string, published_at: string) => ({ id: version, version, published_at }) as DownloadVersion;

	it('lists items with their versions newest first (same day: higher version first)', async () => {
		const { client } = fakeClient({
			from: { download_items: { data: [{ slug: 'a', download_versions: [v('1.0', '2026-01-01'), v('1.2', '2026-02-01'), v('1.1', '2026-02-01')] }, { slug: 'b' }] } },
		});
		const answer = await listItems(client);
		expect(answer.ok && answer.data.map((i) => i.download_versions.map((x) => x.version))).toEqual([['1.2', '1.1', '1.0'], []]);
	});

	it('finds an item by id when the key is a UUID, by slug otherwise; null when there is none', async () => {
		const byId = fakeClient({ from: { download_items: { data: null } } });
		expect(await findItem(byId.client, '0B9A3B8E-7D4C-4F7E-9A1A-3C2D1E0F9A8B')).toEqual({ ok: true, data: null });
		expect(byId.calls['from:download_items'][0].find((c) => c.method === 'eq')!.args).toEqual(['id', '0B9A3B8E-7D4C-4F7E-9A1A-3C2D1E0F9A8B']);
		const bySlug = fakeClient({ from: { download_items: { data: { slug: 'firma-5', download_versions: [] } } } });
		expect(await findItem(bySlug.client, 'firma-5')).toEqual({ ok: true, data: { slug: 'firma-5', download_versions: [] } });
		expect(bySlug.calls['from:download_items'][0].find((c) => c.method === 'eq')!.args).toEqual(['slug', 'firma-5']);
	});

	it('logs the download, then signs a short-lived URL that downloads as the file’s name', async () => {
		const signed: unknown[] = [];
		const client: any = {
			rpc: () => Promise.resolve({ data: 'firma/5.1/instalador firma.zip', error: null, status: 200 }),
			storage: { from: (bucket: string) => ({ createSignedUrl: async (...args: unknown[]) => (signed.push(bucket, ...args), { data: { signedUrl: 'https://x/s' }, error: null }) }) },
		};
		expect(await signedDownload(client, v('5.1', '2026-01-01'))).toEqual({ ok: true, data: 'https://x/s' });
		expect(signed).toEqual(['downloads', 'firma/5.1/instalador firma.zip', SIGNED_URL_SECONDS, { download: 'instalador firma.zip' }]);
	});

	it('explains a refusal to log, a file Storage will not sign, and no answer', async () => {
		const refusing: any = { rpc: () => Promise.resolve({ data: null, error: { message: 'not_allowed' }, status: 403 }) };
		expect(await signedDownload(refusing, v('5.1', 'x'))).toEqual({ ok: false, error: 'refused', code: 'not_allowed' });
		const storage = (status?: number): any => ({
			rpc: () => Promise.resolve({ data: 'a/b.zip', error: null, status: 200 }),
			storage: { from: () => ({ createSignedUrl: async () => ({ data: null, error: { message: 'x', status } }) }) },
		});
		expect(await signedDownload(storage(400), v('5.1', 'x'))).toEqual({ ok: false, error: 'refused', code: 'file_missing' });
		expect(await signedDownload(storage(503), v('5.1', 'x'))).toEqual({ ok: false, error: 'unavailable' });
		expect(await signedDownload(storage(undefined), v('5.1', 'x'))).toEqual({ ok: false, error: 'unavailable' });
	});
});
