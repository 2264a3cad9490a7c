// Following tickets (/soporte/tickets/), in Chromium against the built site and the local stack: the
// contact who opened a ticket finds it with its due badge; a colleague sees it among the
// organisation's tickets and replies with a file; support's reply shows in the thread; a resolved
// ticket is confirmed or reopened; a paused clock while support waits on the customer; another
// organisation's ticket is "not found"; and axe-core finds nothing serious in any of those states.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { admin, organisation, person, signInAs, staff, type Person } from './backend.ts';
import { STACK_URL } from './stack.ts';

interface World {
	contact: Person;
	member: Person;
	agent: Person;
	org: string;
	ticket: { id: string; number: number; subject: string };
}

/** An organisation with an authorized contact and a plain member, an agent, and a ticket the contact opened through the tickets function. */
async function world(tag: string): Promise<World> {
	const [contact, member, agent] = await Promise.all([person(`Contacto ${tag}`), person(`Miembro ${tag}`), person(`Agente ${tag}`)]);
	const org = await organisation(`Org ${tag}`, [
		{ person: contact, role: 'authorized_contact' },
		{ person: member, role: 'member' },
	]);
	await staff(agent);
	const subject = `La búsqueda no encuentra documentos (${tag} ${randomUUID().slice(0, 6)})`;
	const { data, error } = await contact.client.functions.invoke('tickets', {
		body: {
			severity: 'P3',
			subject,
			description: 'Desde la actualización a 5.1 la búsqueda no devuelve los documentos nuevos.\nLos antiguos sí aparecen.',
			environment: 'production',
			product_id: 'quetzal-docs',
			version: '5.1',
			idempotency_key: randomUUID(),
		},
	});
	if (error) throw new Error(`tickets function: ${error.message} ${JSON.stringify(await error.context?.json?.())}`);
	return { contact, member, agent, org, ticket: { id: data.ticket.id, number: data.ticket.number, subject } };
}

async function rpc(who: Person, fn: string, args: Record<string, unknown>) {
	const { error } = await who.client.rpc(fn, args);
	if (error) throw new Error(`${fn}: ${error.message}`);
}

async function expectNoSeriousViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).include('.tickets').analyze();
	expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const ticketUrl = (n: number) => `/soporte/tickets/?n=${n}`;

test('the contact finds their ticket in "Mis tickets" with its due badge, and searches and filters the list', async ({ page }) => {
	const w = await world('lista');
	await signInAs(page, w.contact);
	await page.goto('/soporte/tickets/');

	await expect(page.getByRole('button', { name: 'Mis tickets' })).toHaveAttribute('aria-pressed', 'true');
	const row = page.getByRole('row').filter({ hasText: w.ticket.subject });
	await expect(row).toBeVisible();
	await expect(row.getByRole('cell').first()).toHaveText(String(w.ticket.number));
	await expect(row.getByText('Nuevo', { exact: true })).toBeVisible();
	await expect(row.getByText('Prioridad 3 — impacto medio')).toBeVisible();
	await expect(row.getByText(/^Antes del /)).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: '1 tickets' })).toBeVisible();
	await expectNoSeriousViolations(page);

	// Search by number, then a status that does not match: the list and the address follow.
	await page.getByLabel('Buscar por asunto o número').fill(`#${w.ticket.number}`);
	await page.getByRole('search', { name: 'Buscar y filtrar tickets' }).getByRole('button', { name: 'Buscar' }).click();
	await expect(row).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`q=%23${w.ticket.number}`));
	await page.getByLabel('Estado').selectOption({ label: 'Cerrado' });
	await expect(page.getByText('No hay tickets que coincidan con la búsqueda.')).toBeVisible();
	await expect(row).toHaveCount(0);

	// The subject leads to the ticket, whose clock says when the first response is due, in words.
	await page.getByLabel('Estado').selectOption({ label: 'Todos los estados' });
	await row.getByRole('link', { name: w.ticket.subject }).click();
	await expect(page).toHaveURL(new RegExp(`\\?n=${w.ticket.number}$`));
	await expect(page.getByRole('heading', { name: `Ticket ${w.ticket.number}: ${w.ticket.subject}` })).toBeVisible();
	await expect(page.getByText(/^Te responderemos a más tardar el .+ \d{4}.+hora/)).toBeVisible();
	await expect(page.locator('.tickets-message-body').first()).toHaveText(/actualización a 5\.1.*\nLos antiguos sí aparecen\./s);
	await expect(page.getByRole('region', { name: 'Historial' }).getByText('Ticket abierto')).toBeVisible();
});

test('a second member sees it in "Tickets de mi organización" and replies with an attachment', async ({ page }) => {
	const w = await world('colega');
	await signInAs(page, w.member);
	await page.goto('/soporte/tickets/');

	await expect(page.getByText('Todavía no has abierto ningún ticket.')).toBeVisible();
	await page.getByRole('button', { name: 'Tickets de mi organización' }).click();
	await expect(page).toHaveURL(/view=org/);
	await page.getByRole('link', { name: w.ticket.subject }).click();

	await page.getByLabel('Tu respuesta').fill('A mí también me pasa.\nAdjunto el registro del servidor.');
	await page.getByLabel('Adjuntar archivos').setInputFiles({ name: 'registro del servidor.txt', mimeType: 'text/plain', buffer: Buffer.from('ERROR índice 5.1\n') });
	await expect(page.locator('.tickets-chosen li')).toHaveText(/^registro del servidor\.txt \(18 B\) por subir Quitar registro del servidor\.txt$/);
	await page.getByRole('button', { name: 'Enviar respuesta' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Enviamos tu respuesta.' })).toBeVisible();

	const reply = page.locator('.tickets-message').filter({ hasText: 'A mí también me pasa.' });
	await expect(reply.getByText('Tú', { exact: true })).toBeVisible();
	await expect(reply.locator('.tickets-message-body')).toHaveText('A mí también me pasa.\nAdjunto el registro del servidor.');
	await expect(page.getByLabel('Tu respuesta')).toHaveValue('');

	// The file downloads through a short-lived signed URL, with its name and its bytes.
	const download = page.waitForEvent('download');
	await reply.getByRole('button', { name: 'Descargar registro del servidor.txt' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('registro del servidor.txt');
	const stream = await file.createReadStream();
	const chunks: Buffer[] = [];
	for await (const c of stream) chunks.push(c as Buffer);
	expect(Buffer.concat(chunks).toString()).toBe('ERROR índice 5.1\n');

	// Stored once, in the ticket's folder, linked to the reply.
	const { data } = await admin().from('ticket_attachments').select('storage_path, file_name, mime_type, size_bytes, uploaded_by').eq('ticket_id', w.ticket.id);
	expect(data).toEqual([
		{ storage_path: expect.stringMatching(new RegExp(`^${w.org}/${w.ticket.id}/[0-9a-f-]{36}-registro-del-servidor\\.txt$`)), file_name: 'registro del servidor.txt', mime_type: 'text/plain', size_bytes: 18, uploaded_by: w.member.id },
	]);

	// An empty reply is refused next to the field.
	await page.getByRole('button', { name: 'Enviar respuesta' }).click();
	await expect(page.getByText('Escribe tu respuesta.')).toBeVisible();
	await expect(page.getByLabel('Tu respuesta')).toHaveAttribute('aria-invalid', 'true');
	await expectNoSeriousViolations(page);
});

test("support's reply appears; support resolves; the contact confirms and the ticket closes", async ({ page }) => {
	const w = await world('solucion');
	await rpc(w.agent, 'reply_to_ticket', { ticket: w.ticket.id, body: 'Hola, reconstruya el índice con qdocs-admin reindex.' });
	await signInAs(page, w.contact);
	await page.goto(ticketUrl(w.ticket.number));

	const staffReply = page.locator('.tickets-message').filter({ hasText: 'reconstruya el índice' });
	await expect(staffReply.getByText('Soporte', { exact: true }).first()).toBeVisible();
	await expect(page.getByRole('region', { name: 'Historial' }).getByText('Primera respuesta de soporte')).toBeVisible();
	await expect(page.getByText('En atención', { exact: true })).toBeVisible();

	await rpc(w.agent, 'resolve_ticket', { ticket: w.ticket.id, body: 'Con la reconstrucción del índice queda resuelto.' });
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Te propusimos una solución. ¿Resolvió tu problema?' })).toBeVisible();
	await expect(page.getByText(/el reloj está detenido/)).toBeVisible();
	await expectNoSeriousViolations(page);
	await page.getByRole('button', { name: 'Confirmar solución' }).click();

	await expect(page.getByRole('status').filter({ hasText: 'Gracias por confirmarlo: cerramos el ticket.' })).toBeVisible();
	await expect(page.locator('.tickets-details').getByText('Cerrado', { exact: true })).toBeVisible();
	await expect(page.getByText('Este ticket está cerrado y ya no admite respuestas.')).toBeVisible();
	await expect(page.getByLabel('Tu respuesta')).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Historial' }).getByText('Cerrado: el cliente confirmó la solución')).toBeVisible();
	const { data } = await admin().from('tickets').select('status, close_reason').eq('id', w.ticket.id).single();
	expect(data).toEqual({ status: 'closed', close_reason: 'confirmed_by_customer' });
});

test('a colleague follows the ticket, hears of support’s answer, and can stop following', async ({ page }) => {
	const w = await world('seguir');
	await signInAs(page, w.member);
	await page.goto(ticketUrl(w.ticket.number));
	await expect(page.getByText('Síguelo para recibir por correo cada respuesta de soporte y su cierre.')).toBeVisible();
	await expectNoSeriousViolations(page);
	await page.getByRole('button', { name: 'Seguir este ticket' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Ahora sigues este ticket.' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('button', { name: 'Dejar de seguir' })).toBeVisible();

	await rpc(w.agent, 'reply_to_ticket', { ticket: w.ticket.id, body: 'Ya lo estamos revisando.' });
	const queued = await admin().from('notifications').select('template').eq('recipient_user_id', w.member.id).eq('payload->>ticket', w.ticket.id);
	expect(queued.data).toEqual([{ template: 'ticket_reply' }]);

	await page.getByRole('button', { name: 'Dejar de seguir' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Ya no sigues este ticket.' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Seguir este ticket' })).toBeVisible();
	// The contact who opened it hears of everything anyway: no button for them.
	await signInAs(page, w.contact);
	await page.goto(ticketUrl(w.ticket.number));
	await expect(page.getByRole('heading', { name: new RegExp(w.ticket.subject.replace(/[()]/g, '.')) })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Seguir este ticket' })).toHaveCount(0);
});

test('a resolved ticket that still fails is reopened with the reason, which joins the thread', async ({ page }) => {
	const w = await world('reabrir');
	await rpc(w.agent, 'resolve_ticket', { ticket: w.ticket.id, body: 'Debería quedar con la versión 5.1.1.' });
	await signInAs(page, w.member);
	await page.goto(ticketUrl(w.ticket.number));

	await page.getByRole('button', { name: 'Reabrir' }).click();
	await page.getByRole('button', { name: 'Reabrir el ticket' }).click();
	await expect(page.getByText('Cuéntanos qué sigue fallando.')).toBeVisible();
	await expect(page.getByLabel('¿Qué sigue fallando?')).toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel('¿Qué sigue fallando?').fill('Con 5.1.1 sigue sin encontrar los documentos de hoy.');
	await page.getByRole('button', { name: 'Reabrir el ticket' }).click();

	await expect(page.getByRole('status').filter({ hasText: 'Reabrimos el ticket' })).toBeVisible();
	await expect(page.locator('.tickets-details').getByText('En atención', { exact: true })).toBeVisible();
	await expect(page.locator('.tickets-message-body').last()).toHaveText('Con 5.1.1 sigue sin encontrar los documentos de hoy.');
	await expect(page.getByRole('region', { name: 'Historial' }).getByText('Reabierto')).toBeVisible();
});

test('while support waits on the customer the clock shows as paused, in the list and on the ticket', async ({ page }) => {
	const w = await world('pausa');
	await rpc(w.agent, 'request_customer_info', { ticket: w.ticket.id, body: '¿Qué versión exacta del servidor usan?' });
	await signInAs(page, w.contact);
	await page.goto('/soporte/tickets/');

	const row = page.getByRole('row').filter({ hasText: w.ticket.subject });
	await expect(row.getByText('En pausa', { exact: true })).toBeVisible();
	await expect(row.getByText('Esperando tu respuesta')).toBeVisible();
	await row.getByRole('link').click();
	await expect(page.getByText('En pausa mientras esperamos tu respuesta.')).toBeVisible();
	await expectNoSeriousViolations(page);

	// Answering puts it back in the queue and the clock runs again.
	await page.getByLabel('Tu respuesta').fill('La 5.1.0, compilación 2210.');
	await page.getByRole('button', { name: 'Enviar respuesta' }).click();
	await expect(page.locator('.tickets-details').getByText('En atención', { exact: true })).toBeVisible();
	await expect(page.getByText('En pausa mientras esperamos tu respuesta.')).toHaveCount(0);
});

test('a member of another organisation, or a number that does not exist, gets "No encontramos ese ticket"', async ({ page }) => {
	const w = await world('ajeno');
	const outsider = await person('Ajeno');
	await organisation('Otra', [{ person: outsider, role: 'authorized_contact' }]);
	await signInAs(page, outsider);

	await page.goto(ticketUrl(w.ticket.number));
	await expect(page.getByRole('alert')).toHaveText(/^No encontramos ese ticket\./);
	await expect(page.getByText(w.ticket.subject)).toHaveCount(0);
	await expectNoSeriousViolations(page);
	await page.goto(ticketUrl(987654321));
	await expect(page.getByRole('alert')).toHaveText(/^No encontramos ese ticket\./);
	await page.getByRole('link', { name: 'Volver a los tickets' }).click();
	await expect(page.getByText('Todavía no has abierto ningún ticket.')).toBeVisible();
});

test('signed out, the page says how to sign in, in English under /en/', async ({ page }) => {
	await page.goto('/en/soporte/tickets/');
	await expect(page.getByText('Sign in to see your tickets and your organisation’s.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toHaveAttribute('href', '/en/cuenta/');
	await expectNoSeriousViolations(page);
});

test('when the backend cannot be reached the widget says so, and the page still works', async ({ page }) => {
	const w = await world('caido');
	await signInAs(page, w.contact);
	await page.route(`${STACK_URL}/rest/**`, (route) => route.abort('connectionrefused'));
	await page.goto('/soporte/tickets/');
	// supabase-js retries a failed read three times (1 s, 2 s, 4 s) before giving up.
	await expect(page.getByRole('alert')).toContainText('El servicio de tickets no responde en este momento. La documentación sigue disponible', { timeout: 15_000 });
	await expect(page.getByRole('heading', { level: 1, name: 'Tickets de soporte' })).toBeVisible();
	await expectNoSeriousViolations(page);

	// Back online, "Volver a intentar" loads the list.
	await page.unroute(`${STACK_URL}/rest/**`);
	await page.getByRole('button', { name: 'Volver a intentar' }).click();
	await expect(page.getByRole('link', { name: w.ticket.subject })).toBeVisible();
});

test('in English under /en/: the list, the badges and the clock speak English', async ({ page }) => {
	const w = await world('ingles');
	await signInAs(page, w.contact);
	await page.goto('/en/soporte/tickets/');
	const row = page.getByRole('row').filter({ hasText: w.ticket.subject });
	await expect(row.getByText('New', { exact: true })).toBeVisible();
	await expect(row.getByText('Priority 3 — medium impact')).toBeVisible();
	await expect(row.getByText(/^By /)).toBeVisible();
	await row.getByRole('link').click();
	await expect(page).toHaveURL(new RegExp(`/en/soporte/tickets/\\?n=${w.ticket.number}$`));
	await expect(page.getByText(/We will reply by \w+day, \w+ \d+, \d{4} at .+ Central Standard Time\./)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Back to tickets' })).toHaveAttribute('href', '/en/soporte/tickets/');
});
