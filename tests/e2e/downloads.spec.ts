// The downloads page in Chromium against the built site and the local stack: items and versions are
// published the way an admin would (rows through the service role, bytes into the private
// `downloads` bucket); a free tool downloads anonymously through its signed URL, a customers-only item
// asks to sign in and then downloads for a member (and is refused, with the reason, to an account of
// no customer organisation), every download is counted, a signed URL stops working when it expires,
// and axe-core finds nothing serious in each state.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { admin, organisation, person, signInAs } from './backend.ts';
import { STACK_URL } from './stack.ts';

async function serious(page: Page) {
	const { violations } = await new AxeBuilder({ page }).include('.mostrador-downloads').analyze();
	return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

interface Published {
	item: string;
	slug: string;
	name: string;
	versions: Record<string, { id: string; path: string; bytes: Buffer }>;
}

/** An item with its versions, each with a file of its own bytes in the downloads bucket. */
async function publish(kind: string, visibility: string, product: string | null, versions: { version: string; file: string; notes?: string; published_at?: string }[]): Promise<Published> {
	const slug = `${kind}-${randomUUID().slice(0, 8)}`;
	const name = `Prueba ${slug}`;
	const item = await admin().from('download_items').insert({ slug, name, kind, visibility, product_id: product, description: `Descripción de ${slug}.` }).select('id').single();
	if (item.error) throw item.error;
	const out: Published = { item: item.data.id, slug, name, versions: {} };
	for (const v of versions) {
		const bytes = Buffer.from(`${slug} ${v.version} ${randomUUID()}\n`.repeat(40));
		const path = `${item.data.id}/${v.file}`;
		const up = await admin().storage.from('downloads').upload(path, bytes, { contentType: 'application/zip' });
		if (up.error) throw up.error;
		const row = await admin()
			.from('download_versions')
			.insert({
				item_id: item.data.id,
				version: v.version,
				notes: v.notes ?? '',
				storage_path: path,
				sha256: createHash('sha256').update(bytes).digest('hex'),
				size_bytes: bytes.length,
				...(v.published_at ? { published_at: v.published_at } : {}),
			})
			.select('id')
			.single();
		if (row.error) throw row.error;
		out.versions[v.version] = { id: row.data.id, path, bytes };
	}
	return out;
}

async function log(version: string) {
	const { data, error } = await admin().from('download_log').select('user_id').eq('version_id', version);
	if (error) throw error;
	return data;
}

/** Clicks a download button and returns the bytes the browser saved. */
async function download(page: Page, version: string): Promise<Buffer> {
	const started = page.waitForEvent('download');
	await page.getByRole('button', { name: `Descargar la versión ${version}` }).click();
	const file = await started;
	return readFile((await file.path())!);
}

test('a free tool is listed and downloads anonymously through its signed URL, counted', async ({ page }) => {
	const tool = await publish('tool', 'public', 'cargador', [
		{ version: '1.0', file: 'cargador-1.0.zip', published_at: '2025-05-05T12:00:00Z' },
		{ version: '1.1', file: 'cargador-1.1.zip', notes: 'Acepta CSV con BOM.\nCorrige la carga de archivos grandes.', published_at: '2026-02-09T12:00:00Z' },
	]);
	await page.goto('/descargas/');
	const card = page.locator(`[data-item="${tool.slug}"]`);
	await expect(card.getByRole('link', { name: tool.name })).toBeVisible();
	await expect(card).toContainText('Descarga libre');
	await expect(card).toContainText('Última versión: 1.1');
	await expect(card).toContainText('Quetzal Cargador');
	expect(await serious(page)).toEqual([]);

	await card.getByRole('link', { name: tool.name }).click();
	await expect(page).toHaveURL(new RegExp(`/descargas/\\?item=${tool.slug}$`));
	await expect(page.getByRole('heading', { level: 2, name: tool.name })).toBeVisible();
	const newest = page.locator('[data-version="1.1"]');
	await expect(page.locator('[data-version]')).toHaveCount(2);
	await expect(page.locator('[data-version]').first()).toHaveAttribute('data-version', '1.1');
	await expect(newest.locator('.mostrador-sha256')).toHaveText(createHash('sha256').update(tool.versions['1.1'].bytes).digest('hex'));
	await expect(newest.locator('[data-status]')).toHaveAttribute('data-status', 'current');
	await expect(newest).toContainText('Actual');
	await expect(newest.locator('.mostrador-download-text')).toHaveText('Acepta CSV con BOM.\nCorrige la carga de archivos grandes.');
	expect(await serious(page)).toEqual([]);

	expect(await download(page, '1.1')).toEqual(tool.versions['1.1'].bytes);
	await expect(newest.getByRole('link', { name: 'descargar cargador-1.1.zip' })).toHaveAttribute('href', /\/storage\/v1\/object\/sign\/downloads\//);
	expect(await log(tool.versions['1.1'].id)).toEqual([{ user_id: null }]);
	expect(await serious(page)).toEqual([]);
});

test('a customers-only item asks to sign in, downloads for a member and is refused with the reason to an outsider', async ({ page, browser }) => {
	test.setTimeout(60_000);
	const manual = await publish('document', 'members', 'quetzal-docs', [
		{ version: '3.4.2', file: 'manual-3.4.2.pdf', published_at: '2024-03-01T12:00:00Z' },
		{ version: '5.1.0', file: 'manual-5.1.0.pdf', published_at: '2026-09-14T12:00:00Z' },
	]);

	// Anonymous: the list and the item say it needs signing in; no download button.
	await page.goto('/descargas/');
	await expect(page.locator(`[data-item="${manual.slug}"]`)).toContainText('Solo clientes · Inicia sesión para descargar');
	await page.goto(`/descargas/?item=${manual.slug}`);
	const old = page.locator('[data-version="3.4.2"]');
	await expect(old.getByRole('link', { name: 'Inicia sesión para descargar' })).toHaveAttribute('href', '/cuenta/');
	await expect(page.getByRole('button', { name: /Descargar la versión/ })).toHaveCount(0);
	// Support status from the version policy: 3.4 reached its end of life on 2026-09-30; 5.1 is current.
	await expect(old.locator('[data-status]')).toHaveAttribute('data-status', 'end-of-life');
	await expect(old).toContainText('sin soporte desde el 30 de septiembre de 2026');
	await expect(page.locator('[data-version="5.1.0"] [data-status]')).toHaveAttribute('data-status', 'current');
	expect(await serious(page)).toEqual([]);

	// A member of a customer organisation downloads it.
	const member = await person('Marta Miembro');
	await organisation('Cliente Descargas', [{ person: member, role: 'member' }]);
	const memberContext = await browser.newContext();
	const mine = await memberContext.newPage();
	await signInAs(mine, member);
	await mine.goto(`/descargas/?item=${manual.item}`);
	expect(await download(mine, '5.1.0')).toEqual(manual.versions['5.1.0'].bytes);
	expect(await log(manual.versions['5.1.0'].id)).toEqual([{ user_id: member.id }]);
	expect(await serious(mine)).toEqual([]);
	await memberContext.close();

	// Someone of no customer organisation is told why, next to the button, and nothing is counted.
	const outsider = await person('Oscar Externo');
	const outsiderContext = await browser.newContext();
	const theirs = await outsiderContext.newPage();
	await signInAs(theirs, outsider);
	await theirs.goto(`/descargas/?item=${manual.slug}`);
	const version = theirs.locator('[data-version="3.4.2"]');
	await version.getByRole('button', { name: 'Descargar la versión 3.4.2' }).click();
	await expect(version.getByRole('alert')).toHaveText(/solo para clientes y tu cuenta no pertenece a ninguna organización cliente/);
	await expect(version.getByRole('button', { name: 'Descargar la versión 3.4.2' })).toHaveAttribute('aria-describedby', /-error$/);
	expect(await serious(theirs)).toEqual([]);
	expect(await log(manual.versions['3.4.2'].id)).toEqual([]);
	await outsiderContext.close();
});

test('a signed URL works until it expires, then fails', async () => {
	const manual = await publish('document', 'members', 'quetzal-docs', [{ version: '5.0', file: 'manual-5.0.pdf' }]);
	const member = await person('Elena Enlace');
	await organisation('Cliente Enlaces', [{ person: member, role: 'member' }]);
	const logged = await member.client.rpc('record_download', { version_id: manual.versions['5.0'].id });
	expect(logged.error).toBeNull();
	const signed = await member.client.storage.from('downloads').createSignedUrl(logged.data as string, 1);
	expect(signed.error).toBeNull();
	expect(signed.data!.signedUrl.startsWith(`${STACK_URL}/storage/v1/object/sign/downloads/`)).toBe(true);
	const fresh = await fetch(signed.data!.signedUrl);
	expect(fresh.status).toBe(200);
	expect(Buffer.from(await fresh.arrayBuffer())).toEqual(manual.versions['5.0'].bytes);

	await new Promise((r) => setTimeout(r, 2_100));
	const stale = await fetch(signed.data!.signedUrl);
	expect(stale.status).toBe(400);
	// storage-api rejects the expired token in its JWT check, before its own ExpiredToken (tests/contract/storage.test.ts).
	expect(await stale.json()).toMatchObject({ error: 'InvalidJWT', message: '"exp" claim timestamp check failed' });
});

test('an unknown item is a plain "not found" with the way back; an unreachable backend is said plainly', async ({ page }) => {
	await page.goto('/descargas/?item=no-existe');
	await expect(page.getByRole('alert')).toHaveText('No encontramos esa descarga. Revisa el enlace o vuelve a la lista.');
	await expect(page.getByRole('link', { name: 'Todas las descargas' })).toHaveAttribute('href', '/descargas/');
	expect(await serious(page)).toEqual([]);

	await page.route('**/rest/v1/download_items*', (route) => route.abort('internetdisconnected'));
	await page.goto('/descargas/');
	// supabase-js retries a failed read three times (1 s, 2 s, 4 s) before giving up.
	await expect(page.getByRole('alert')).toHaveText(/Las descargas no están disponibles en este momento/, { timeout: 15_000 });
	expect(await serious(page)).toEqual([]);
});

test('the English page speaks English', async ({ page }) => {
	const tool = await publish('tool', 'public', null, [{ version: '2.0', file: 'visor.zip' }]);
	await page.goto(`/en/descargas/?item=${tool.slug}`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1, name: 'Downloads' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Download version 2.0' })).toBeVisible();
	await expect(page.getByText('Free download')).toBeVisible();
	await expect(page.getByRole('link', { name: 'All downloads' })).toHaveAttribute('href', '/en/descargas/');
	expect(await serious(page)).toEqual([]);
});
