// What a reader's browser fetches on an article, by behaviour (not timings): an anonymous reader who
// scrolls to the end and reads the comments loads neither supabase-js nor zod; a signed-out reader who
// opens "Abrir un ticket" gets the sign-in step without the form, its data or zod; a signed-in reader
// still gets the whole form. The libraries' files are found by their content in the build.
import { test, expect, type Page } from '@playwright/test';
import { organisation, person, signInAs } from './backend.ts';
import { chunksWith, SUPABASE_JS, ZOD } from './chunks.ts';

const supabaseJs = chunksWith(SUPABASE_JS);
const zod = chunksWith(ZOD);

/** Every path the page requests from here on. */
function requests(page: Page): string[] {
	const paths: string[] = [];
	page.on('request', (r) => paths.push(new URL(r.url()).pathname));
	return paths;
}

const launcher = (page: Page) => page.getByRole('button', { name: 'Abrir un ticket sobre este artículo' });

test('the build has one supabase-js file and zod somewhere, so the checks below mean something', () => {
	expect(supabaseJs.size).toBeGreaterThan(0);
	expect(zod.size).toBeGreaterThan(0);
});

test('an anonymous reader who scrolls to the end and reads the comments loads neither supabase-js nor zod', async ({ page }) => {
	const paths = requests(page);
	await page.goto('/guias/integracion-ldap/');
	const thread = page.waitForResponse((r) => r.url().endsWith('/rest/v1/rpc/article_comment_thread'));
	await page.getByRole('region', { name: 'Comentarios' }).scrollIntoViewIfNeeded();
	await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
	expect((await thread).ok()).toBe(true);
	const comments = page.getByRole('region', { name: 'Comentarios' });
	await expect(comments.getByRole('link', { name: 'Inicia sesión para comentar' })).toBeVisible();
	await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
	await page.waitForLoadState('networkidle');
	expect(paths.filter((p) => supabaseJs.has(p) || zod.has(p))).toEqual([]);
});

test('a signed-out reader who opens "Abrir un ticket" gets the sign-in step, without the form or zod', async ({ page }) => {
	const paths = requests(page);
	await page.goto('/base-de-conocimiento/indice-desactualizado/');
	await launcher(page).scrollIntoViewIfNeeded();
	await expect(page.locator('astro-island', { has: page.locator('.ticket-launcher') })).not.toHaveAttribute('ssr');
	await launcher(page).click();
	await expect(page.getByRole('link', { name: 'Entrar a mi cuenta' })).toHaveAttribute('href', '/cuenta/');
	await page.waitForLoadState('networkidle');
	const form = [...chunksWith('ticket-form-field')];
	expect(form.length).toBeGreaterThan(0);
	expect(paths.filter((p) => supabaseJs.has(p) || zod.has(p) || form.includes(p) || p.endsWith('/formulario.json'))).toEqual([]);
});

test('a signed-in reader still gets the whole form from the launcher', async ({ page }) => {
	const contact = await person('Lectora Con Sesión');
	await organisation('Peso', [{ person: contact, role: 'authorized_contact' }]);
	await signInAs(page, contact);
	await page.goto('/base-de-conocimiento/indice-desactualizado/');
	await launcher(page).scrollIntoViewIfNeeded();
	await expect(page.locator('astro-island', { has: page.locator('.ticket-launcher') })).not.toHaveAttribute('ssr');
	await launcher(page).click();
	await expect(page.getByLabel('Asunto')).toBeVisible();
	await expect(page.getByLabel('Producto')).toHaveValue('quetzal-docs');
});
