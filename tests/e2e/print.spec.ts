import { expect, test } from '@playwright/test';

test('print media shows the article alone, with link addresses written out', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/guias/integracion-ldap/');
	await expect(page.locator('#starlight__sidebar')).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	for (const selector of ['header.header', '#starlight__sidebar', '.right-sidebar', '.article-tools', '#mostrador-widgets', '.pagination-links', 'site-search']) {
		const el = page.locator(selector).first();
		if (await el.count()) await expect(el, selector).toBeHidden();
	}
	await expect(page.locator('h1')).toBeVisible();
	await expect(page.locator('.sl-markdown-content')).toBeVisible();
	const link = page.locator('.sl-markdown-content a[href^="/"]').first();
	const after = await link.evaluate((a) => getComputedStyle(a, '::after').content);
	expect(after).toContain('https://soporte.quetzal.example');
	expect(after).toContain((await link.getAttribute('href'))!);
});
