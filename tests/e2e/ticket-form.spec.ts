// The ticket form in Chromium against the built site and the local stack: from a search to a KB
// article to a ticket with an attachment and its due time; suggestions and a recorded deflection; a
// submission whose answer is lost, retried into exactly one ticket; a plain member refused with the
// authorized contacts; a used-up monthly quota with its renewal day; errors next to their fields; and
// axe-core in each state (closed, open, error, success).
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { admin, organisation, person, signInAs, type Person } from './backend.ts';
import { STACK_URL } from './stack.ts';

const KB_TITLE = 'La búsqueda no encuentra documentos recientes después de actualizar a 5.1';
const KB_SLUG = 'base-de-conocimiento/indice-desactualizado';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

async function expectNoSeriousViolations(page: Page, selector: string) {
	const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
	expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/**
 * Calls to the tickets function go through the test: the function answers CORS only for the origins it
 * is configured with (SITE_URL, ALLOWED_ORIGINS, or the default dev and preview ports), and these runs
 * may use another preview port, so the real answer is passed on with this page's origin allowed.
 * `dropFirstAnswer` lets the first submission reach the function and then cuts the connection before
 * its answer arrives, as a network that drops mid-request would.
 */
async function routeTickets(page: Page, { dropFirstAnswer = false } = {}) {
	let drop = dropFirstAnswer;
	await page.route(`${STACK_URL}/functions/v1/tickets`, async (route) => {
		const response = await route.fetch();
		if (drop && route.request().method() === 'POST') {
			drop = false;
			return route.abort('connectionreset');
		}
		const origin = (await route.request().headerValue('origin')) ?? '*';
		await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': origin } });
	});
}

/** Scrolls the article's launcher into view, waits for its island to hydrate, and returns it. */
async function launcher(page: Page) {
	const button = page.getByRole('button', { name: 'Abrir un ticket sobre este artículo' });
	await button.scrollIntoViewIfNeeded();
	await expect(page.locator('astro-island', { has: page.locator('.ticket-launcher') })).not.toHaveAttribute('ssr');
	return button;
}

async function fillBasics(page: Page, subject: string) {
	await page.getByLabel('Asunto').fill(subject);
	await page.getByLabel('Descripción').fill('Desde la actualización a 5.1 la búsqueda no devuelve los documentos cargados esta semana.');
}

async function ticketsOf(requester: string) {
	const { data, error } = await admin().from('tickets').select('id, number, subject, source_article, product_id, version, severity_key, first_response_due_at, idempotency_key').eq('requester_id', requester);
	if (error) throw error;
	return data;
}

/** An organisation of the implementation programme on its Monthly plan (40 tickets a month, counted in Bogotá). */
async function monthlyOrganisation(contact: Person): Promise<string> {
	const { data, error } = await admin()
		.from('organisations')
		.insert({ name: `Mensual ${randomUUID().slice(0, 4)}`, programme_id: 'implementacion', plan_id: 'mensual', contract_start: '2026-01-01', timezone: 'America/Bogota' })
		.select('id')
		.single();
	if (error) throw error;
	const m = await admin().from('memberships').insert({ organisation_id: data.id, user_id: contact.id, role: 'authorized_contact' });
	if (m.error) throw m.error;
	return data.id;
}

test('a reader searches, opens a KB article, files a ticket with an attachment from it, sees the due time and finds it in the list', async ({ page }) => {
	const contact = await person('Contacto Búsqueda');
	const org = await organisation('Búsqueda', [{ person: contact, role: 'authorized_contact' }]);
	await signInAs(page, contact);
	await routeTickets(page);

	await page.goto('/buscar/?q=documentos+recientes');
	await page.locator('.search-results > li > a', { hasText: KB_TITLE }).click();
	await expect(page.getByRole('heading', { level: 1, name: KB_TITLE })).toBeVisible();

	const open = await launcher(page);
	await expect(open).toHaveAttribute('aria-expanded', 'false');
	await expectNoSeriousViolations(page, '#mostrador-widgets');
	await open.click();
	await expect(page.getByRole('button', { name: 'Cerrar el formulario del ticket' })).toHaveAttribute('aria-expanded', 'true');

	// Prefilled from the article; the plan's quota and the one-problem reminder are shown.
	await expect(page.getByLabel('Producto')).toHaveValue('quetzal-docs');
	await expect(page.getByLabel('Versión')).toHaveValue('5.1');
	await expect(page.getByText(/no tiene límite de tickets al mes/)).toBeVisible();
	await expect(page.getByText('Un problema por ticket')).toBeVisible();
	// Severity in plain words, from the programme; the default is P3.
	await expect(page.getByRole('radio', { name: 'Prioridad 3 — impacto medio' })).toBeChecked();
	await expect(page.getByText('Afecta a entre el 10 % y el 50 % de los usuarios.')).toBeVisible();
	await expectNoSeriousViolations(page, '#mostrador-widgets');

	await page.getByLabel('Asunto').fill('La búsqueda no encuentra documentos');
	const suggestions = page.locator('.ticket-form-suggestions');
	await expect(suggestions.getByRole('heading', { name: '¿Alguno de estos artículos lo resuelve?' })).toBeVisible();
	await expect(suggestions.getByRole('link', { name: KB_TITLE })).toBeVisible();
	await page.getByLabel('Descripción').fill('Desde la actualización a 5.1 la búsqueda no devuelve los documentos cargados esta semana.');
	await page.getByRole('radio', { name: 'Prioridad 2 — impacto serio' }).check();

	await page.getByLabel(/Archivos adjuntos/).setInputFiles({ name: 'captura de pantalla.png', mimeType: 'image/png', buffer: PNG });
	await expect(page.locator('.ticket-form-file', { hasText: 'captura de pantalla.png' })).toContainText('Subido');

	// Before sending: the first-response deadline in the organisation's zone, and the plan's promise.
	const next = page.locator('.ticket-form-next');
	await expect(next).toContainText('Si lo envías ahora, la primera respuesta llegará a más tardar el');
	await expect(next).toContainText('hora estándar central');
	await expect(next).toContainText('El plan «Soporte estándar» la promete en 8 horas dentro de su horario de atención (Horario de oficina, Ciudad de México) para «Prioridad 2 — impacto serio».');

	await page.getByRole('button', { name: 'Enviar el ticket' }).click();
	const success = page.locator('.ticket-form-success');
	await expect(success.getByRole('heading', { name: /^Abrimos el ticket \d+$/ })).toBeFocused();
	await expect(success).toContainText('La primera respuesta llegará a más tardar el');
	await expectNoSeriousViolations(page, '#mostrador-widgets');

	const [ticket] = await ticketsOf(contact.id);
	expect(ticket).toMatchObject({ subject: 'La búsqueda no encuentra documentos', source_article: KB_SLUG, product_id: 'quetzal-docs', version: '5.1', severity_key: 'P2' });
	expect(ticket.first_response_due_at).not.toBeNull();
	await expect(success.getByRole('heading')).toHaveText(`Abrimos el ticket ${ticket.number}`);
	const { data: files } = await admin().from('ticket_attachments').select('storage_path, file_name, mime_type, size_bytes').eq('ticket_id', ticket.id);
	expect(files).toHaveLength(1);
	expect(files![0]).toMatchObject({ file_name: 'captura de pantalla.png', mime_type: 'image/png', size_bytes: PNG.length });
	expect(files![0].storage_path).toMatch(new RegExp(`^${org}/[0-9a-f-]{36}/captura-de-pantalla\\.png$`));
	const stored = await admin().storage.from('attachments').download(files![0].storage_path);
	expect(Buffer.from(await stored.data!.arrayBuffer()).equals(PNG)).toBe(true);

	// The draft is gone; the link leads to the ticket in the list.
	expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mostrador:ticket-draft:')))).toEqual([]);
	await success.getByRole('link', { name: `Ver el ticket ${ticket.number}` }).click();
	await expect(page).toHaveURL(new RegExp(`/soporte/tickets/\\?n=${ticket.number}$`));
	await expect(page.getByRole('heading', { name: /La búsqueda no encuentra documentos/ })).toBeVisible();
	await page.goto('/soporte/tickets/');
	await expect(page.getByRole('link', { name: 'La búsqueda no encuentra documentos' })).toBeVisible();
});

test('"Sí, lo resolvió" records the deflection and offers to drop the draft', async ({ page }) => {
	const contact = await person('Contacto Resuelto');
	await organisation('Resuelto', [{ person: contact, role: 'authorized_contact' }]);
	await signInAs(page, contact);
	await page.goto('/soporte/nuevo/');
	await page.getByLabel('Asunto').fill('La búsqueda no encuentra documentos');
	const hit = page.locator('.ticket-form-suggestions li', { hasText: KB_TITLE });
	await hit.getByRole('button', { name: 'Sí, lo resolvió' }).click();
	await expect(page.getByText(`Anotamos que «${KB_TITLE}» resolvió tu problema`)).toBeVisible();
	await expect(async () => {
		const { data } = await admin().from('deflections').select('article_slug, query').eq('user_id', contact.id);
		expect(data).toEqual([{ article_slug: KB_SLUG, query: 'La búsqueda no encuentra documentos' }]);
	}).toPass();
	await page.getByRole('button', { name: 'Descartar el borrador' }).click();
	await expect(page.getByLabel('Asunto')).toHaveValue('');
});

test('an answer lost on the way back keeps the draft; the retry yields exactly one ticket', async ({ page }) => {
	const contact = await person('Contacto Red');
	await organisation('Red', [{ person: contact, role: 'authorized_contact' }]);
	await signInAs(page, contact);
	await routeTickets(page, { dropFirstAnswer: true });
	await page.goto('/soporte/nuevo/');
	await fillBasics(page, 'La red se cae al enviar');
	await page.getByLabel('Pasos para reproducirlo').fill('1. Abrir la búsqueda. 2. Buscar «oficio».');

	await page.getByRole('button', { name: 'Enviar el ticket' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'se perdió la conexión' })).toBeVisible();
	await expectNoSeriousViolations(page, '.ticket-form');
	// The function did open the ticket; the browser never heard back.
	const [first] = await ticketsOf(contact.id);
	expect(first.subject).toBe('La red se cae al enviar');

	// The draft survives a reload, with its idempotency key.
	await page.reload();
	await expect(page.getByText(/Recuperamos el borrador/)).toBeVisible();
	await expect(page.getByLabel('Asunto')).toHaveValue('La red se cae al enviar');
	await expect(page.getByLabel('Pasos para reproducirlo')).toHaveValue('1. Abrir la búsqueda. 2. Buscar «oficio».');
	const saved = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('mostrador:ticket-draft:'))?.[1]);
	expect(JSON.parse(saved!).idempotencyKey).toBe(first.idempotency_key);

	await page.getByRole('button', { name: 'Enviar el ticket' }).click();
	await expect(page.getByRole('heading', { name: `Abrimos el ticket ${first.number}` })).toBeVisible();
	expect(await ticketsOf(contact.id)).toHaveLength(1);
});

test('a plain member is told who the authorized contacts are, before writing and when refused', async ({ page }) => {
	const member = await person('Miembro Simple');
	const contact = await person('Contacta Autorizada');
	await organisation('Contactos', [
		{ person: member, role: 'member' },
		{ person: contact, role: 'authorized_contact' },
	]);
	await signInAs(page, member);
	await page.goto('/soporte/nuevo/');
	const panel = page.locator('.ticket-form-contacts');
	await expect(panel).toContainText('Solo los contactos autorizados de Contactos');
	await expect(panel).toContainText('Contacta Autorizada');
	// Names only: a colleague's e-mail address is theirs and support's.
	await expect(panel).not.toContainText(contact.email);
	await expect(page.getByRole('button', { name: 'Enviar el ticket' })).toHaveCount(0);
	await expectNoSeriousViolations(page, '.ticket-form');
});

test('an authorized contact demoted while writing is refused by the function with the contacts', async ({ page }) => {
	const writer = await person('Contacto Degradado');
	const coordinator = await person('Coordinadora Vigente');
	const org = await organisation('Degradados', [
		{ person: writer, role: 'authorized_contact' },
		{ person: coordinator, role: 'coordinator' },
	]);
	await signInAs(page, writer);
	await routeTickets(page);
	await page.goto('/soporte/nuevo/');
	await fillBasics(page, 'Ya no soy contacto autorizado');
	const { error } = await admin().from('memberships').update({ role: 'member' }).eq('organisation_id', org).eq('user_id', writer.id);
	expect(error).toBeNull();

	await page.getByRole('button', { name: 'Enviar el ticket' }).click();
	const alert = page.getByRole('alert').filter({ hasText: 'Solo los contactos autorizados' });
	await expect(alert).toBeVisible();
	await expect(alert).toContainText('Coordinadora Vigente');
	await expect(alert).not.toContainText(coordinator.email);
	await expect(alert).not.toContainText(writer.email);
	await expect(page.getByLabel('Asunto')).toHaveValue('Ya no soy contacto autorizado');
	expect(await ticketsOf(writer.id)).toHaveLength(0);
	await expectNoSeriousViolations(page, '.ticket-form');
});

test('a used-up monthly quota says when it renews, before and after trying', async ({ page }) => {
	const contact = await person('Contacto Cupo');
	const org = await monthlyOrganisation(contact);
	const fillers = Array.from({ length: 40 }, (_, i) => ({
		organisation_id: org,
		requester_id: contact.id,
		programme_id: 'implementacion',
		plan_id: 'mensual',
		severity_key: 'baja',
		subject: `Relleno ${i + 1}`,
		description: 'Ticket de este mes',
		environment: 'production',
	}));
	const { error } = await admin().from('tickets').insert(fillers);
	expect(error).toBeNull();
	// The first day of next month in Bogotá, in words.
	const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
	const renews = new Intl.DateTimeFormat('es', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(month === 12 ? year + 1 : year, month % 12, 1, 12)));

	await signInAs(page, contact);
	await routeTickets(page);
	await page.goto('/soporte/nuevo/');
	await expect(page.locator('.ticket-form-quota')).toContainText(`ya usó los 40 tickets de este mes. El cupo se renueva el ${renews}.`);
	// The implementation programme's severities, with Media preselected.
	await expect(page.getByRole('radio', { name: 'Media' })).toBeChecked();
	await fillBasics(page, 'Un ticket más de la cuenta');
	await page.getByRole('button', { name: 'Enviar el ticket' }).click();
	await expect(page.getByRole('alert')).toContainText(`ya usó todos los tickets de este mes. El cupo se renueva el ${renews}`);
	expect(await ticketsOf(contact.id)).toHaveLength(40);
	await expectNoSeriousViolations(page, '.ticket-form');
});

test('someone in two organisations chooses one, and the form follows its programme and quota', async ({ page }) => {
	const contact = await person('Contacto Doble');
	await organisation('Anual', [{ person: contact, role: 'authorized_contact' }]);
	const monthly = await monthlyOrganisation(contact);
	const { data: org } = await admin().from('organisations').select('name').eq('id', monthly).single();
	await signInAs(page, contact);
	await routeTickets(page);
	await page.goto('/soporte/nuevo/');

	const choice = page.getByLabel('Organización');
	await expect(choice.locator('option')).toHaveCount(2);
	await choice.selectOption({ label: org!.name });
	await expect(page.locator('.ticket-form-quota')).toHaveText(`A ${org!.name} le quedan 40 de 40 tickets este mes.`);
	await expect(page.getByRole('radio', { name: 'Media' })).toBeChecked();
	await page.getByRole('radio', { name: 'Alta' }).check();
	await expect(page.locator('.ticket-form-next')).toContainText('El plan «Soporte mensual» la promete en 24 horas');
	await expect(page.locator('.ticket-form-next')).toContainText('hora estándar de Colombia');
	await fillBasics(page, 'Para la organización mensual');
	await page.getByRole('button', { name: 'Enviar el ticket' }).click();
	await expect(page.getByRole('heading', { name: /^Abrimos el ticket \d+$/ })).toBeVisible();
	const { data: tickets } = await admin().from('tickets').select('organisation_id, severity_key, programme_id').eq('requester_id', contact.id);
	expect(tickets).toEqual([{ organisation_id: monthly, severity_key: 'alta', programme_id: 'implementacion' }]);
});

test('mistakes are explained next to their fields, before anything is sent', async ({ page }) => {
	const contact = await person('Contacto Errores');
	await organisation('Errores', [{ person: contact, role: 'authorized_contact' }]);
	await signInAs(page, contact);
	let calls = 0;
	await page.route(`${STACK_URL}/functions/v1/tickets`, (route) => {
		calls++;
		return route.abort();
	});
	await page.goto('/soporte/nuevo/');
	await page.getByLabel('Asunto').fill('Hi');
	await page.getByRole('button', { name: 'Enviar el ticket' }).click();

	const subject = page.getByLabel('Asunto');
	await expect(subject).toHaveAttribute('aria-invalid', 'true');
	await expect(subject).toBeFocused();
	await expect(subject).toHaveAccessibleDescription(/Escribe al menos 3 caracteres\./);
	await expect(page.getByLabel('Descripción')).toHaveAccessibleDescription(/Escribe al menos 10 caracteres\./);
	await expect(page.getByRole('alert')).toContainText('Revisa los campos marcados: 2 necesitan corrección.');

	// A file of a type the bucket refuses is stopped before upload, next to the file.
	await page.getByLabel(/Archivos adjuntos/).setInputFiles({ name: 'instalador.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
	await expect(page.locator('.ticket-form-file', { hasText: 'instalador.exe' })).toContainText('es de un tipo que no aceptamos');
	await expectNoSeriousViolations(page, '.ticket-form');
	expect(calls).toBe(0);
});

test('signed out, the form asks to sign in, in Spanish and in English', async ({ page }) => {
	await page.goto('/base-de-conocimiento/indice-desactualizado/');
	await (await launcher(page)).click();
	await expect(page.getByRole('link', { name: 'Entrar a mi cuenta' })).toHaveAttribute('href', '/cuenta/');
	await expectNoSeriousViolations(page, '#mostrador-widgets');

	await page.goto('/en/soporte/nuevo/');
	await expect(page.getByText('To open a ticket, sign in with your customer account.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toHaveAttribute('href', '/en/cuenta/');
});

test('with the backend unreachable the form says so and the article stays readable', async ({ page }) => {
	const contact = await person('Contacto Sin Red');
	await organisation('Sin red', [{ person: contact, role: 'authorized_contact' }]);
	await signInAs(page, contact);
	await page.route(`${STACK_URL}/rest/v1/**`, (route) => route.abort('connectionrefused'));
	await page.goto('/base-de-conocimiento/indice-desactualizado/');
	await (await launcher(page)).click();
	// supabase-js retries a failed read three times (after 1, 2 and 4 seconds) before giving up.
	await expect(page.locator('.ticket-form').getByRole('alert')).toContainText('El servicio de tickets no responde en este momento.', { timeout: 15_000 });
	await expect(page.getByRole('heading', { level: 1, name: KB_TITLE })).toBeVisible();
	await expectNoSeriousViolations(page, '#mostrador-widgets');
});
