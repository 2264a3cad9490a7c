import { expect, test, type Page } from '@playwright/test';

async function resultTitles(page: Page): Promise<string[]> {
	await expect(page.locator('.search-status')).not.toHaveText(/^$|Buscando/);
	return page.locator('.search-results > li > a').allTextContents();
}

test('stemming: a Spanish query in another inflection finds the article', async ({ page, request }) => {
	// The article says "sello", "sellado", "sellar", never "sellos".
	const article = await (await request.get('/base-de-conocimiento/firmas-sin-sello-de-tiempo/')).text();
	expect(article.toLowerCase()).not.toContain('sellos');
	await page.goto('/buscar/?q=sellos');
	await expect(page.getByRole('searchbox', { name: 'Buscar' })).toHaveValue('sellos');
	const titles = await resultTitles(page);
	expect(titles.some((t) => t.includes('sin sello de tiempo'))).toBe(true);
});

test('a filter narrows the results, and the URL carries query and filter', async ({ page }) => {
	await page.goto('/buscar/?q=certificado');
	const all = await resultTitles(page);
	expect(all.length).toBeGreaterThan(1);

	await page.getByLabel('Tipo').selectOption('Problema conocido');
	await expect(page).toHaveURL(/\?q=certificado&type=Problema\+conocido$/);
	await expect(async () => {
		const kb = await page.locator('.search-results > li > a').allTextContents();
		expect(kb.length).toBeGreaterThan(0);
		expect(kb.length).toBeLessThan(all.length);
	}).toPass();
	for (const tags of await page.locator('.search-results .tags').allTextContents()) expect(tags).toContain('Problema conocido');

	// Reloading the URL restores the same search.
	await page.reload();
	await expect(page.getByLabel('Tipo')).toHaveValue('Problema conocido');
	await expect(page.locator('.search-results .tags').first()).toContainText('Problema conocido');
});

test('filters by product and version list only matching pages', async ({ page }) => {
	await page.goto('/buscar/?product=Quetzal+Firma');
	const titles = await resultTitles(page);
	expect(titles.length).toBeGreaterThan(0);
	for (const tags of await page.locator('.search-results .tags').allTextContents()) expect(tags).toContain('Quetzal Firma');
	const versions = await page.getByLabel('Versión').locator('option').allTextContents();
	expect(versions.some((v) => v.startsWith('5.1 ('))).toBe(true);
});

test('the header search box offers the same filters', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Buscar' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByPlaceholder('Buscar').fill('firmas');
	await expect(dialog.locator('.pagefind-ui__result').first()).toBeVisible();
	// Filter names and values are in Spanish, like the rest of the page. Pagefind adds the filters as
	// their counts load, so the list is read until it is complete.
	await expect(async () => {
		const names = await dialog.locator('.pagefind-ui__filter-name').allTextContents();
		expect(names.map((n) => n.trim())).toEqual(expect.arrayContaining(['Tipo', 'Producto', 'Versión', 'Dirigido a']));
	}).toPass();
	const before = await dialog.locator('.pagefind-ui__result').count();
	await dialog.locator('.pagefind-ui__filter-name', { hasText: 'Tipo' }).click();
	await dialog.getByRole('checkbox', { name: /Problema conocido/ }).check();
	await expect(async () => {
		const after = await dialog.locator('.pagefind-ui__result').count();
		expect(after).toBeGreaterThan(0);
		expect(after).toBeLessThan(before);
	}).toPass();
});

test('English search uses the English index', async ({ page }) => {
	await page.goto('/en/buscar/?q=ticket');
	await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('ticket');
	await expect(page.locator('.search-status')).toContainText('results for');
	const urls = await page.locator('.search-results > li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
	expect(urls.length).toBeGreaterThan(0);
	for (const u of urls) expect(u).toMatch(/^\/en\//);
});
