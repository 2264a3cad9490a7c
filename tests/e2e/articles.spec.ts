import { expect, test } from '@playwright/test';

test('the home page loads in Spanish with its entry points', async ({ page }) => {
	const response = await page.goto('/');
	expect(response?.status()).toBe(200);
	await expect(page).toHaveTitle(/Centro de soporte Quetzal/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByRole('link', { name: 'Primeros pasos' }).first()).toBeVisible();
	await expect(page.getByRole('link', { name: 'Tiempos de respuesta' }).first()).toBeVisible();
});

test('the English home page is English and links back to Spanish', async ({ page }) => {
	await page.goto('/en/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page).toHaveTitle(/Quetzal Support Center/);
	await expect(page.getByRole('link', { name: 'Support levels' }).first()).toBeVisible();
});

test('an article shows its type, product, versions, last update, tools, edit link and the widget mount point', async ({ page }) => {
	await page.goto('/mantenimiento/actualizar-a-5-1/');
	const meta = page.getByRole('definition').filter({ hasText: 'Quetzal Docs' });
	await expect(meta.first()).toBeVisible();
	await expect(page.locator('.facts')).toContainText('Mantenimiento');
	await expect(page.locator('.facts')).toContainText('Administradores');

	const edit = page.getByRole('link', { name: 'Edita esta página' });
	await expect(edit).toHaveAttribute('href', /\/edit\/main\/content\/docs\/mantenimiento\/actualizar-a-5-1\.mdx$/);
	await expect(page.getByText(/Última actualización/)).toBeVisible();

	const mail = page.getByRole('link', { name: 'Enviar por correo' });
	const href = (await mail.getAttribute('href'))!;
	expect(href.startsWith('mailto:?subject=')).toBe(true);
	const body = decodeURIComponent(href.split('body=')[1]);
	expect(body).toContain('/mantenimiento/actualizar-a-5-1/');
	await expect(page.getByRole('button', { name: 'Imprimir' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Descargar PDF' })).toBeVisible();

	const mount = page.locator('#mostrador-widgets');
	await expect(mount).toHaveAttribute('data-slug', 'mantenimiento/actualizar-a-5-1');
	await expect(mount).toHaveAttribute('data-type', 'maintenance');
	await expect(mount).toHaveAttribute('data-product', 'quetzal-docs');
	await expect(mount).toHaveAttribute('data-version', /^\d+\.\d+/);
	await expect(mount.getByRole('link', { name: 'Cómo abrir un buen ticket' })).toHaveAttribute('href', '/soporte/como-abrir-un-buen-ticket/');
});

test('the print buttons open the print dialog (the print-to-PDF flow)', async ({ page }) => {
	await page.goto('/empezar/instalacion/');
	await page.evaluate(() => {
		(window as any).__printed = 0;
		window.print = () => (window as any).__printed++;
	});
	await page.getByRole('button', { name: 'Descargar PDF' }).click();
	await page.getByRole('button', { name: 'Imprimir' }).click();
	expect(await page.evaluate(() => (window as any).__printed)).toBe(2);
});

test('a known problem shows its symptom, cause, solution and status', async ({ page }) => {
	await page.goto('/base-de-conocimiento/indice-desactualizado/');
	const summary = page.locator('.summary.kb');
	for (const term of ['Síntoma', 'Causa', 'Solución', 'Versiones afectadas', 'Estado']) await expect(summary).toContainText(term);
});

test('an alert shows its severity and whether it is active', async ({ page }) => {
	await page.goto('/alertas/vulnerabilidad-critica-visor-de-documentos/');
	await expect(page.locator('.summary.alert')).toContainText('Crítica');
	await expect(page.locator('.summary.alert')).toContainText(/Activa|Resuelta/);
});

test('an article read in English is written in English, with no fallback notice', async ({ page }) => {
	await page.goto('/en/guias/integracion-ldap/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('h1')).toContainText('LDAP');
	await expect(page.locator('.sl-markdown-content')).not.toContainText('Antes de configurar');
	await expect(page.getByText('This content is not available in your language yet')).toHaveCount(0);
});

// Comments, votes and deflections are taken only for articles the seed lists (public.articles): every
// slug the built site hands its widgets must be there, or those widgets would answer article_not_found.
test('every article page of the built site is a published article in the seed', async () => {
	const { readdirSync, readFileSync } = await import('node:fs');
	const { join } = await import('node:path');
	const { articleRows } = await import('../../src/cli/generate-seed.ts');
	const dist = process.env.MOSTRADOR_OUT_DIR ?? join(process.cwd(), 'dist');
	const slugs = new Set<string>();
	for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
		const html = readFileSync(join(entry.parentPath, entry.name), 'utf8');
		for (const m of html.matchAll(/id="mostrador-widgets"[^>]*?data-slug="([^"]+)"/g)) slugs.add(m[1]);
	}
	expect(slugs.size).toBeGreaterThan(20);
	const published = new Set(articleRows().map((r) => r.slug));
	expect([...slugs].filter((s) => !published.has(s))).toEqual([]);
	expect(readFileSync(join(process.cwd(), 'supabase/seed.sql'), 'utf8')).toContain(`('${[...slugs][0]}',`);
});
