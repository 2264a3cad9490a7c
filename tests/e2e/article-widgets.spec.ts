// The article widgets in Chromium against the built site and the local stack: "¿Te ayudó este
// artículo?" (anonymous and signed-in votes, the reason on No, the acknowledgement with the summary),
// comments (post, read by anyone, edit by the author, hide by staff, plain text kept plain), what each
// says when the backend cannot be reached, and axe-core in each state. Each test uses its own
// article, since tests run side by side against one stack.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { admin, person, signInAs, staff } from './backend.ts';

async function serious(page: Page, selector: string) {
	const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
	return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Scrolls the island into view (it hydrates on visibility) and waits until it has hydrated. */
async function hydrated(page: Page, component: 'ArticleFeedback' | 'ArticleComments') {
	const island = page.locator(`astro-island[component-url*="/${component}."]`);
	await island.scrollIntoViewIfNeeded();
	await expect(island).not.toHaveAttribute('ssr', /.*/);
}

const feedback = (page: Page) => page.getByRole('region', { name: '¿Te ayudó este artículo?' });
const comments = (page: Page) => page.getByRole('region', { name: 'Comentarios' });

async function votes(article: string) {
	const { data, error } = await admin().from('article_votes').select('helpful, reason, user_id, anon_key').eq('article_slug', article).order('created_at');
	if (error) throw error;
	return data;
}

test.describe('article feedback', () => {
	test('an anonymous Sí and a signed-in No with its reason are recorded and acknowledged with the summary', async ({ page, browser }) => {
		test.setTimeout(60_000);
		const article = 'guias/flujos-de-aprobacion';
		await page.goto(`/${article}/`);
		await hydrated(page, 'ArticleFeedback');
		expect(await serious(page, '.mostrador-feedback')).toEqual([]);
		await feedback(page).getByRole('button', { name: 'Sí' }).click();
		await expect(feedback(page).getByText('¡Gracias por tu opinión!')).toBeVisible();
		await expect(feedback(page).getByText('A 1 de 1 lectores les ayudó este artículo.')).toBeVisible();
		expect(await serious(page, '.mostrador-feedback')).toEqual([]);
		const first = await votes(article);
		expect(first).toHaveLength(1);
		expect(first[0]).toMatchObject({ helpful: true, reason: null, user_id: null });
		expect(first[0].anon_key).toMatch(/^[0-9a-f]{32}$/);

		// The same browser is not asked again.
		await page.reload();
		await hydrated(page, 'ArticleFeedback');
		await expect(feedback(page).getByText('Ya nos dijiste si este artículo te ayudó. ¡Gracias!')).toBeVisible();

		const reader = await person('Lectora Registrada');
		const context = await browser.newContext();
		const other = await context.newPage();
		await signInAs(other, reader);
		await other.goto(`/${article}/`);
		await hydrated(other, 'ArticleFeedback');
		await feedback(other).getByRole('button', { name: 'No' }).click();
		const reason = feedback(other).getByLabel('¿Qué le faltó al artículo? (opcional)');
		await expect(reason).toBeFocused();
		expect(await serious(other, '.mostrador-feedback')).toEqual([]);
		await reason.fill('Falta un ejemplo con dos aprobadores.');
		await feedback(other).getByRole('button', { name: 'Enviar' }).click();
		await expect(feedback(other).getByText('A 1 de 2 lectores les ayudó este artículo.')).toBeVisible();
		expect(await votes(article)).toEqual([first[0], { helpful: false, reason: 'Falta un ejemplo con dos aprobadores.', user_id: reader.id, anon_key: null }]);
		await context.close();
	});

	test('a reason over 500 characters is refused next to the field, and an unreachable backend is said plainly', async ({ page }) => {
		const article = 'guias/respaldos-y-restauracion';
		await page.goto(`/${article}/`);
		await hydrated(page, 'ArticleFeedback');
		await feedback(page).getByRole('button', { name: 'No' }).click();
		const reason = feedback(page).getByLabel('¿Qué le faltó al artículo? (opcional)');
		await reason.fill('x'.repeat(501));
		await feedback(page).getByRole('button', { name: 'Enviar' }).click();
		await expect(feedback(page).getByText('Escribe como máximo 500 caracteres.')).toBeVisible();
		await expect(reason).toHaveAttribute('aria-invalid', 'true');
		await expect(reason).toHaveAttribute('aria-describedby', /mostrador-feedback-reason-error/);
		expect(await serious(page, '.mostrador-feedback')).toEqual([]);

		await page.route('**/rest/v1/rpc/vote_article', (route) => route.abort('internetdisconnected'));
		await reason.fill('Le faltan capturas.');
		await feedback(page).getByRole('button', { name: 'Enviar' }).click();
		await expect(feedback(page).getByRole('alert')).toHaveText(/el servicio no responde/);
		expect(await serious(page, '.mostrador-feedback')).toEqual([]);
		expect(await votes(article)).toEqual([]);
		// The article is still there to read.
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

		await page.unroute('**/rest/v1/rpc/vote_article');
		await feedback(page).getByRole('button', { name: 'Enviar' }).click();
		await expect(feedback(page).getByText('¡Gracias por tu opinión!')).toBeVisible();
		expect(await votes(article)).toMatchObject([{ helpful: false, reason: 'Le faltan capturas.' }]);
	});

	test('English articles ask in English', async ({ page }) => {
		await page.goto('/en/soporte/comunidad/');
		await hydrated(page, 'ArticleFeedback');
		const region = page.getByRole('region', { name: 'Was this article helpful?' });
		await expect(region.getByRole('button', { name: 'Yes' })).toBeVisible();
		await hydrated(page, 'ArticleComments');
		await expect(page.getByRole('region', { name: 'Comments' }).getByRole('link', { name: 'Sign in to comment' })).toHaveAttribute('href', '/en/cuenta/');
	});
});

test.describe('article comments', () => {
	test('a signed-in reader posts, anyone reads it, the author corrects it, staff hide it from everyone else', async ({ page, browser }) => {
		// Three readers, each page hydrated several times: longer than one page's worth of steps.
		test.setTimeout(90_000);
		const article = 'tutoriales/primer-expediente';
		const author = await person('Ana Comentarista');
		const moderator = await person('Sofía Soporte');
		await staff(moderator);

		// Anonymous: nothing yet, and the way to sign in.
		await page.goto(`/${article}/`);
		await hydrated(page, 'ArticleComments');
		await expect(comments(page).getByText('Todavía no hay comentarios sobre este artículo.')).toBeVisible();
		await expect(comments(page).getByRole('link', { name: 'Inicia sesión para comentar' })).toHaveAttribute('href', '/cuenta/');
		expect(await serious(page, '.mostrador-comments')).toEqual([]);

		const authorContext = await browser.newContext();
		const mine = await authorContext.newPage();
		await signInAs(mine, author);
		await mine.goto(`/${article}/`);
		await hydrated(mine, 'ArticleComments');
		const box = comments(mine).getByLabel('Tu comentario');
		await comments(mine).getByRole('button', { name: 'Publicar comentario' }).click();
		await expect(comments(mine).getByText('Escribe tu comentario.')).toBeVisible();
		await expect(box).toHaveAttribute('aria-invalid', 'true');
		expect(await serious(mine, '.mostrador-comments')).toEqual([]);

		await box.fill('Me funcionó.\nOjo con los permisos del expediente.');
		await comments(mine).getByRole('button', { name: 'Publicar comentario' }).click();
		const own = comments(mine).getByRole('listitem').filter({ hasText: 'Ana Comentarista (tú)' });
		await expect(own.locator('.mostrador-comment-body')).toHaveText('Me funcionó.\nOjo con los permisos del expediente.');
		await expect(box).toHaveValue('');
		expect(await serious(mine, '.mostrador-comments')).toEqual([]);

		// Anyone reads it on reload, with the author's name and the line break.
		await page.reload();
		await hydrated(page, 'ArticleComments');
		const seen = comments(page).getByRole('listitem').filter({ hasText: 'Ana Comentarista' });
		await expect(seen.locator('.mostrador-comment-body')).toHaveText('Me funcionó.\nOjo con los permisos del expediente.');
		expect(await seen.locator('.mostrador-comment-body').evaluate((p) => (p as HTMLElement).innerText)).toContain('\n');
		await expect(seen.getByRole('button')).toHaveCount(0);

		// The author corrects it within the window.
		await own.getByRole('button', { name: 'Editar' }).click();
		const edit = own.getByLabel('Corrige tu comentario');
		await expect(edit).toBeFocused();
		expect(await serious(mine, '.mostrador-comments')).toEqual([]);
		await edit.fill('Me funcionó tras revisar los permisos del expediente.');
		await own.getByRole('button', { name: 'Guardar cambios' }).click();
		await expect(own.locator('.mostrador-comment-body')).toHaveText('Me funcionó tras revisar los permisos del expediente.');
		await expect(own).toContainText('editado');
		await page.reload();
		await hydrated(page, 'ArticleComments');
		await expect(comments(page).locator('.mostrador-comment-body')).toHaveText(['Me funcionó tras revisar los permisos del expediente.']);

		// Staff hide it.
		const staffContext = await browser.newContext();
		const mod = await staffContext.newPage();
		await signInAs(mod, moderator);
		await mod.goto(`/${article}/`);
		await hydrated(mod, 'ArticleComments');
		const target = comments(mod).getByRole('listitem').filter({ hasText: 'Ana Comentarista' });
		await target.getByRole('button', { name: 'Ocultar' }).click();
		await expect(target.getByText('Oculto', { exact: true })).toBeVisible();
		await expect(target.getByRole('button', { name: 'Mostrar de nuevo' })).toBeVisible();
		expect(await serious(mod, '.mostrador-comments')).toEqual([]);
		const { data } = await admin().from('article_comments').select('hidden_by').eq('article_slug', article);
		expect(data).toEqual([{ hidden_by: moderator.id }]);

		// Gone for others; its author still sees it, told why.
		await page.reload();
		await hydrated(page, 'ArticleComments');
		await expect(comments(page).getByText('Todavía no hay comentarios sobre este artículo.')).toBeVisible();
		await mine.reload();
		await hydrated(mine, 'ArticleComments');
		await expect(comments(mine).getByText('El equipo de soporte ocultó este comentario: solo tú y el equipo lo ven.')).toBeVisible();
		await expect(comments(mine).getByRole('button', { name: 'Editar' })).toHaveCount(0);
		await authorContext.close();
		await staffContext.close();
	});

	test('a comment with markup is shown as the text it is, never run', async ({ page, browser }) => {
		const article = 'tutoriales/firmar-un-oficio';
		const writer = await person('Pedro Marcado');
		const body = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> <b>negrita</b>';
		await signInAs(page, writer);
		await page.goto(`/${article}/`);
		await hydrated(page, 'ArticleComments');
		await comments(page).getByLabel('Tu comentario').fill(body);
		await comments(page).getByRole('button', { name: 'Publicar comentario' }).click();
		await expect(comments(page).locator('.mostrador-comment-body')).toHaveText(body);

		const context = await browser.newContext();
		const reader = await context.newPage();
		await reader.goto(`/${article}/`);
		await hydrated(reader, 'ArticleComments');
		const shown = comments(reader).locator('.mostrador-comment-body');
		await expect(shown).toHaveText(body);
		await expect(shown.locator('script, img, b')).toHaveCount(0);
		expect(await reader.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
		await context.close();
	});

	test('when the backend cannot be reached the comments say so and the article stays readable', async ({ page }) => {
		await page.route('**/rest/v1/rpc/article_comment_thread', (route) => route.abort('internetdisconnected'));
		await page.goto('/tutoriales/carga-masiva/');
		await hydrated(page, 'ArticleComments');
		await expect(comments(page).getByRole('alert')).toHaveText(/Los comentarios no están disponibles en este momento/);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		expect(await serious(page, '.mostrador-comments')).toEqual([]);
	});
});
