// Issue 17's acceptance in Chromium: a reader searches (once for something the docs do not have), opens
// an article from the results, files a ticket from it; the agent sees "Antes de abrir el ticket buscó…
// y leyó…" in the workspace, and the search with no result appears in the knowledge-gap report. The
// counters and the trail are written by the site itself (record_search, record_ticket_trail).
import { test, expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { admin, organisation, person, signInAs, staff } from './backend.ts';
import { STACK_URL } from './stack.ts';

const KB_TITLE = 'La búsqueda no encuentra documentos recientes después de actualizar a 5.1';
const KB_SLUG = 'base-de-conocimiento/indice-desactualizado';

/** The tickets function answers CORS for its configured origins only; pass its real answer on for this page's. */
async function routeTickets(page: Page) {
	await page.route(`${STACK_URL}/functions/v1/tickets`, async (route) => {
		const response = await route.fetch();
		const origin = (await route.request().headerValue('origin')) ?? '*';
		await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': origin } });
	});
}

const counted = async (query: string) => (await admin().from('search_stats').select('searches, no_result, clicks, tickets').eq('query', query)).data?.[0];

test('the searches and articles of a visit reach the agent with the ticket, and a search with no result reaches the gap report', async ({ browser }) => {
	// Words no article has, nor anything a typo of them could reach.
	const missing = `zqxj ${[...randomUUID().replace(/[^a-f]/g, '')].slice(0, 5).map((c) => 'qxzjkvw'['abcdef'.indexOf(c)]).join('')}`;
	const contact = await person('Contacto Recorrido');
	await organisation('Recorrido', [{ person: contact, role: 'authorized_contact' }]);

	const reader = await (await browser.newContext()).newPage();
	await signInAs(reader, contact);
	await routeTickets(reader);
	// A search the docs cannot answer: counted as soon as its results (none) are shown.
	await reader.goto(`/buscar/?q=${encodeURIComponent(missing)}`);
	await expect(reader.locator('.search-status')).toContainText('No encontramos resultados');
	await expect.poll(() => counted(missing)).toMatchObject({ searches: 1, no_result: 1 });

	// Then one that finds the article, opened from the results.
	await reader.locator('#search-q').fill('documentos recientes');
	await reader.locator('.search-form button[type="submit"]').click();
	await reader.locator('.search-results > li > a', { hasText: KB_TITLE }).click();
	await expect(reader.getByRole('heading', { level: 1, name: KB_TITLE })).toBeVisible();
	await expect.poll(() => counted('documentos recientes')).toMatchObject({ searches: 1, clicks: 1 });

	const open = reader.getByRole('button', { name: 'Abrir un ticket sobre este artículo' });
	await open.scrollIntoViewIfNeeded();
	await open.click();
	await reader.getByLabel('Asunto').fill('No aparecen los documentos de esta semana');
	await reader.getByLabel('Descripción').fill('Desde la actualización a 5.1 la búsqueda no devuelve los documentos cargados esta semana.');
	await reader.getByRole('button', { name: 'Enviar el ticket' }).click();
	await expect(reader.locator('.ticket-form-success').getByRole('heading', { name: /^Abrimos el ticket \d+$/ })).toBeVisible();

	const { data: ticket } = await admin().from('tickets').select('id, number').eq('requester_id', contact.id).single();
	await expect
		.poll(async () => (await admin().from('ticket_trails').select('searches, articles').eq('ticket_id', ticket!.id).maybeSingle()).data)
		.toEqual({ searches: [missing, 'documentos recientes'], articles: [KB_SLUG] });
	await expect.poll(() => counted('documentos recientes')).toMatchObject({ tickets: 1 });
	// The trail is gone from the browser once sent.
	expect(await reader.evaluate(() => sessionStorage.getItem('mostrador.trail'))).toBeNull();

	// The agent reads the trail in the workspace.
	const agent = await person('Agente Recorrido');
	await staff(agent, 'agent');
	const desk = await (await browser.newContext()).newPage();
	await signInAs(desk, agent);
	await desk.goto(`/agente/?t=${ticket!.number}`);
	const facts = desk.locator('.agent-ticket-facts');
	await expect(facts).toContainText('Antes de abrir el ticket');
	await expect(facts.locator('q', { hasText: 'documentos recientes' })).toBeVisible();
	await expect(facts.getByRole('link', { name: KB_TITLE })).toHaveAttribute('href', `/${KB_SLUG}/`);

	// The search with no result is in the knowledge-gap report, one click from a new article.
	await desk.goto('/admin/?seccion=lagunas');
	const noResult = desk.getByRole('region', { name: 'Búsquedas sin resultados' });
	const row = noResult.getByRole('row', { name: new RegExp(missing) });
	await expect(row).toBeVisible();
	await expect(row.getByRole('link', { name: `Escribir un artículo para «${missing}»` })).toHaveAttribute('href', /\/new\/main\/content\/docs\/solucion-de-problemas\?filename=/);
});
