// A click on a widget's button before its island has hydrated does what it says. Each test holds the
// island's code back (page.route), clicks while the page shows only the server's markup, then lets the
// code through: the click is kept (src/components/widgets/EarlyClicks.astro) and done once the island
// runs. Without the island at all the launcher is a form that goes to the new-ticket page.
import { test, expect, type Page, type Route } from '@playwright/test';
import { admin } from './backend.ts';

/** Holds back the island's component file until release() is called. */
async function holdIsland(page: Page, component: string): Promise<{ release: () => void }> {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route(new RegExp(`/_astro/${component}\\.[^/]*\\.js$`), async (route: Route) => {
		await released;
		await route.continue();
	});
	return { release };
}

test('"Sí" pressed before the feedback island hydrates is recorded', async ({ page }) => {
	const article = 'guias/usuarios-y-permisos';
	const held = await holdIsland(page, 'ArticleFeedback');
	await page.goto(`/${article}/`);
	const island = page.locator('astro-island[component-url*="/ArticleFeedback."]');
	await island.scrollIntoViewIfNeeded();
	await expect(island).toHaveAttribute('ssr', '');
	await island.getByRole('button', { name: 'Sí' }).click();
	held.release();
	await expect(page.getByRole('region', { name: '¿Te ayudó este artículo?' }).getByText('¡Gracias por tu opinión!')).toBeVisible();
	const { data } = await admin().from('article_votes').select('helpful').eq('article_slug', article);
	expect(data).toEqual([{ helpful: true }]);
});

test('"Abrir un ticket" pressed before the launcher hydrates opens it in place', async ({ page }) => {
	const held = await holdIsland(page, 'TicketLauncher');
	await page.goto('/base-de-conocimiento/indice-desactualizado/');
	const island = page.locator('astro-island', { has: page.locator('.ticket-launcher') });
	await island.scrollIntoViewIfNeeded();
	await expect(island).toHaveAttribute('ssr', '');
	await page.getByRole('button', { name: 'Abrir un ticket sobre este artículo' }).click();
	held.release();
	await expect(page.getByRole('link', { name: 'Entrar a mi cuenta' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Cerrar el formulario del ticket' })).toHaveAttribute('aria-expanded', 'true');
	expect(new URL(page.url()).pathname).toBe('/base-de-conocimiento/indice-desactualizado/');
});

test('without JavaScript the launcher goes to the new-ticket page with the article in the address', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/base-de-conocimiento/indice-desactualizado/');
	await page.getByRole('button', { name: 'Abrir un ticket sobre este artículo' }).click();
	await expect(page).toHaveURL(/\/soporte\/nuevo\/\?article=base-de-conocimiento%2Findice-desactualizado&product=quetzal-docs&version=/);
	await context.close();
});

test('the print buttons are in the first paint and print from the first click', async ({ page }) => {
	await page.addInitScript(() => {
		(window as unknown as { printed: number }).printed = 0;
		window.print = () => void (window as unknown as { printed: number }).printed++;
	});
	// Module scripts held back: what shows and works comes with the HTML and its CSS.
	await page.route(/\/_astro\/.*\.js$/, () => new Promise(() => {}));
	await page.goto('/guias/integracion-ldap/', { waitUntil: 'commit' });
	const print = page.getByRole('group', { name: 'Herramientas del artículo' }).getByRole('button', { name: 'Imprimir' });
	await expect(print).toBeVisible();
	await print.click();
	expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
});
