// The agent console (/agente/), in Chromium against the built site and the local stack: an agent takes
// the top ticket of the queue, asks the customer for information (the SLA pauses), the customer
// answers and after a sweep the queue shows the clock running again, the agent proposes a solution and
// the customer confirms it; the page refuses customers and signed-out visitors without loading data;
// the keyboard shortcuts; a problem opened from one ticket, linked to a second and resolved tells both
// requesters; axe-core finds nothing serious in the queue, the workspace or the refusal. Screenshots
// of the queue and the workspace go to tests/.tmp/screenshots/agent-*.png.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { admin, organisation, person, signInAs, staff, type Person } from './backend.ts';

const SHOTS = 'tests/.tmp/screenshots';

interface Ticket {
	id: string;
	number: number;
	subject: string;
}

async function openTicket(who: Person, severity: string, subject: string, product = 'quetzal-docs', version = '5.1'): Promise<Ticket> {
	const full = `${subject} (${randomUUID().slice(0, 6)})`;
	const { data, error } = await who.client.functions.invoke('tickets', {
		body: {
			severity,
			subject: full,
			description: `${subject}.\nDesde la actualización a ${version} ocurre cada mañana.`,
			environment: 'production',
			product_id: product,
			version,
			idempotency_key: randomUUID(),
		},
	});
	if (error) throw new Error(`tickets function: ${error.message} ${JSON.stringify(await error.context?.json?.())}`);
	return { id: data.ticket.id, number: data.ticket.number, subject: full };
}

/** An organisation with an authorized contact, and an agent. */
async function world(tag: string) {
	const [contact, agent] = await Promise.all([person(`Contacto ${tag}`), person(`Agente ${tag}`)]);
	const org = await organisation(`Org ${tag}`, [{ person: contact, role: 'authorized_contact' }]);
	await staff(agent);
	return { contact, agent, org };
}

async function rpc(who: Person, fn: string, args: Record<string, unknown>) {
	const { error } = await who.client.rpc(fn, args);
	if (error) throw new Error(`${fn}: ${error.message}`);
}

async function sweep() {
	const { error } = await admin().functions.invoke('sla-sweep', { body: {} });
	if (error) throw new Error(`sla-sweep: ${error.message}`);
}

async function expectNoSeriousViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).include('.agent').analyze();
	expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const row = (page: Page, t: Ticket) => page.locator('.agent-table tbody tr').filter({ hasText: t.subject });
const slaCell = (page: Page, t: Ticket) => row(page, t).locator('.agent-sla');

test('an agent takes the top ticket, asks for information, the customer answers, the agent resolves and the customer confirms', async ({ page }) => {
	const w = await world('flujo');
	const minor = await openTicket(w.contact, 'P4', 'Un error de ortografía en la pantalla de inicio');
	const urgent = await openTicket(w.contact, 'P1', 'Nadie puede iniciar sesión');
	await signInAs(page, w.agent);
	await page.goto(`/agente/?organisation=${w.org}`);

	// The P1 owes its first response sooner: it heads the queue.
	await expect(page.getByRole('heading', { name: 'Cola de tickets' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: /^2 tickets$/ })).toBeVisible();
	const rows = page.locator('.agent-table tbody tr');
	await expect(rows.nth(0)).toContainText(urgent.subject);
	await expect(rows.nth(1)).toContainText(minor.subject);
	await expect(slaCell(page, urgent)).toContainText(/Primera respuesta: vence en/);
	await expect(page.getByLabel('Organización')).toHaveValue(w.org);
	await expectNoSeriousViolations(page);

	await rows.nth(0).getByRole('button', { name: `Tomar el ticket ${urgent.number}` }).click();
	await expect(page.getByText(`Tomaste el ticket ${urgent.number}.`)).toBeVisible();
	await expect(row(page, urgent).getByRole('cell', { name: 'Tú', exact: true })).toBeVisible();
	expect((await admin().from('tickets').select('assignee_id').eq('id', urgent.id).single()).data).toEqual({ assignee_id: w.agent.id });

	// In the workspace: ask for information; the ticket waits on the customer and its clock pauses.
	await row(page, urgent).getByRole('link', { name: urgent.subject }).click();
	await expect(page).toHaveURL(new RegExp(`\\?t=${urgent.number}$`));
	await expect(page.getByRole('heading', { name: `Ticket ${urgent.number}: ${urgent.subject}` })).toBeVisible();
	await page.getByRole('radio', { name: 'Pedir información' }).check();
	await page.getByLabel('Qué necesitas saber del cliente').fill('¿Qué versión del servidor de identidad usan?');
	await page.getByRole('button', { name: 'Pedir información' }).click();
	await expect(page.getByText('Pediste información: el ticket espera al cliente y su reloj está en pausa.')).toBeVisible();
	await expect(page.locator('.agent-badges').getByText('Esperando al cliente')).toBeVisible();
	await expect(page.getByRole('region', { name: 'SLA' }).locator('.agent-sla-badge')).toHaveText('En pausa');

	await page.goto(`/agente/?organisation=${w.org}`);
	await expect(slaCell(page, urgent).locator('.agent-sla-badge')).toHaveText('En pausa');
	// Nothing is owed while paused: the ticket now sorts after the one still running.
	await expect(rows.nth(0)).toContainText(minor.subject);

	// The customer answers through their own client; after the sweep the clock runs again.
	await rpc(w.contact, 'reply_to_ticket', { ticket: urgent.id, body: 'Usamos la 5.1 con LDAP.' });
	await sweep();
	await page.reload();
	await expect(slaCell(page, urgent).locator('.agent-sla-badge')).toHaveText(/^(En plazo|En riesgo)$/);
	await expect(slaCell(page, urgent)).toContainText(/(Actualización al cliente|Escalamiento): vence en/);
	await expect(row(page, urgent).getByText('En atención')).toBeVisible();

	// The agent proposes the solution; the customer confirms it and the ticket closes.
	await page.goto(`/agente/?t=${urgent.number}`);
	await expect(page.locator('.agent-message').filter({ hasText: 'Usamos la 5.1 con LDAP.' })).toBeVisible();
	await page.getByRole('radio', { name: 'Proponer solución' }).check();
	await page.getByLabel('La solución que propones').fill('Actualice el conector LDAP a 5.1.2 y reinicie el servicio.');
	await page.getByRole('button', { name: 'Proponer solución' }).click();
	await expect(page.getByText('Propusiste una solución: el ticket espera la confirmación del cliente.')).toBeVisible();
	await expect(page.locator('.agent-badges').getByText('Resuelto')).toBeVisible();
	await rpc(w.contact, 'confirm_resolution', { ticket: urgent.id });
	await page.reload();
	await expect(page.locator('.agent-badges').getByText('Cerrado')).toBeVisible();
	await expect(page.getByText('El ticket está cerrado: ya no admite respuestas.')).toBeVisible();
	expect((await admin().from('tickets').select('status, close_reason').eq('id', urgent.id).single()).data).toEqual({ status: 'closed', close_reason: 'confirmed_by_customer' });
});

test('the workspace shows internal notes apart, sends a note with a staff-only file, and changes the severity', async ({ page }) => {
	const w = await world('espacio');
	const t = await openTicket(w.contact, 'P3', 'Los reportes tardan varios minutos');
	await rpc(w.agent, 'reply_to_ticket', { ticket: t.id, body: 'Hola, lo revisamos hoy mismo.' });
	await signInAs(page, w.agent);
	await page.goto(`/agente/?t=${t.number}`);

	await page.getByRole('radio', { name: 'Nota interna' }).check();
	await page.getByLabel('Nota interna (solo soporte)').fill('Parece el índice; revisar con nivel 2.');
	await page.getByLabel('Adjuntar archivos (solo soporte)').setInputFiles({ name: 'registro.txt', mimeType: 'text/plain', buffer: Buffer.from('ERROR índice\n') });
	await page.getByRole('button', { name: 'Guardar nota interna' }).click();
	await expect(page.getByText('Guardamos la nota interna.')).toBeVisible();

	const note = page.locator('.agent-message--internal').filter({ hasText: 'Parece el índice' });
	await expect(note.getByText('Nota interna', { exact: true })).toBeVisible();
	await expect(note.getByRole('button', { name: 'Descargar registro.txt' })).toBeVisible();
	await expect(note.getByText('Solo soporte')).toBeVisible();
	const { data: files } = await admin().from('ticket_attachments').select('storage_path, visibility').eq('ticket_id', t.id);
	expect(files).toEqual([{ storage_path: expect.stringMatching(new RegExp(`^${w.org}/internal/${t.id}/[0-9a-f-]{36}-registro\\.txt$`)), visibility: 'internal' }]);
	// The customer sees neither the note nor its file.
	expect((await w.contact.client.from('ticket_messages').select('id').eq('ticket_id', t.id).eq('visibility', 'internal')).data).toEqual([]);
	expect((await w.contact.client.from('ticket_attachments').select('id').eq('ticket_id', t.id)).data).toEqual([]);

	// A link to a knowledge-base article, found in the site's search, goes where the cursor is.
	await page.getByText('Insertar un enlace a un artículo').click();
	const docs = page.getByRole('search', { name: 'Buscar en la documentación' });
	await docs.getByRole('searchbox').fill('reconstruir índice de búsqueda');
	await docs.getByRole('button', { name: 'Buscar', exact: true }).click();
	await docs.getByRole('button', { name: 'Insertar enlace a La búsqueda no encuentra documentos recientes después de actualizar a 5.1' }).click();
	await expect(page.getByLabel('Respuesta al cliente')).toHaveValue(
		/^La búsqueda no encuentra documentos recientes después de actualizar a 5\.1: http:\/\/127\.0\.0\.1:\d+\/base-de-conocimiento\/indice-desactualizado\/$/,
	);
	await expect(page.getByLabel('Respuesta al cliente')).toBeFocused();

	// The organisation at a glance: plan, contract, contacts against the plan's limit.
	const org = page.getByRole('region', { name: /^Org espacio/ });
	await expect(org.getByText('Soporte estándar')).toBeVisible();
	await expect(org.getByText('En vigor')).toBeVisible();
	await expect(org.getByText('Contactos autorizados: 1 de 2')).toBeVisible();
	await expect(org.getByText(w.contact.name)).toBeVisible();

	// A severity change: until the sweep writes the new due times, the browser computes them from the
	// history with the same engine, and they are the ones the sweep then writes.
	const update = page.getByRole('region', { name: 'SLA' }).locator('.agent-facts > div').filter({ hasText: 'Actualización al cliente' }).locator('dd');
	const before = await update.textContent();
	await page.getByLabel('Severidad').selectOption('P1');
	await page.getByRole('button', { name: 'Cambiar severidad' }).click();
	await expect(page.getByText('La severidad cambió a P1; los plazos se recalculan desde el historial.')).toBeVisible();
	await expect(update).not.toHaveText(before!);
	const previewed = (await update.textContent())!.replace(/ \(.*\)$/, '');
	await sweep();
	const { data: swept } = await admin().from('tickets').select('severity_key, next_update_due_at, sla_dirty').eq('id', t.id).single();
	expect(swept).toMatchObject({ severity_key: 'P1', sla_dirty: false });
	const written = new Intl.DateTimeFormat('es', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(swept!.next_update_due_at));
	expect(previewed).toBe(written);
	await page.reload();
	await expect(page.getByText(/Plazos recalculados en el navegador/)).toHaveCount(0);
	await expect(update).toContainText(written);
	await expectNoSeriousViolations(page);
});

test('the page refuses a customer and a signed-out visitor, and loads no ticket data', async ({ page }) => {
	const w = await world('rechazo');
	const t = await openTicket(w.contact, 'P2', 'La firma falla para varias áreas');
	const dataRequests: string[] = [];
	page.on('request', (r) => {
		if (/\/rest\/v1\/(agent_queue|tickets|ticket_messages|problems)/.test(r.url())) dataRequests.push(r.url());
	});

	await page.goto('/agente/');
	await expect(page.getByText('Esta página es para el equipo de soporte.')).toBeVisible();
	await expect(page.getByText('Inicia sesión con tu cuenta de soporte para ver la cola.')).toBeVisible();
	await expectNoSeriousViolations(page);

	await signInAs(page, w.contact);
	await page.goto(`/agente/?t=${t.number}`);
	await expect(page.getByText('Esta página es para el equipo de soporte.')).toBeVisible();
	await expect(page.getByText(/Tu cuenta no pertenece al equipo de soporte/)).toBeVisible();
	await expect(page.getByText(t.subject)).toHaveCount(0);
	await expect(page.locator('.agent-table')).toHaveCount(0);
	await expectNoSeriousViolations(page);
	expect(dataRequests).toEqual([]);
	// And were it to ask, the database answers a customer with nothing.
	expect((await w.contact.client.from('agent_queue').select('id')).data).toEqual([]);
});

test('keyboard shortcuts move through the queue, take, open, reply and show their help', async ({ page }) => {
	const w = await world('teclado');
	const first = await openTicket(w.contact, 'P1', 'El servidor no arranca');
	const second = await openTicket(w.contact, 'P3', 'Un reporte tarda en generarse');
	await signInAs(page, w.agent);
	await page.goto(`/agente/?organisation=${w.org}`);
	await expect(row(page, second)).toBeVisible();

	await page.keyboard.press('j');
	await expect(row(page, first).getByRole('link')).toBeFocused();
	await page.keyboard.press('j');
	await expect(row(page, second).getByRole('link')).toBeFocused();
	await expect(row(page, second)).toHaveAttribute('aria-current', 'true');
	await page.keyboard.press('k');
	await expect(row(page, first).getByRole('link')).toBeFocused();

	await page.keyboard.press('t');
	await expect(page.getByText(`Tomaste el ticket ${first.number}.`)).toBeVisible();
	await expect(row(page, first).getByRole('cell', { name: 'Tú', exact: true })).toBeVisible();

	// "?" opens the help; Escape closes it and focus comes back.
	await row(page, first).getByRole('link').focus();
	await page.keyboard.press('?');
	const help = page.getByRole('dialog', { name: 'Atajos de teclado' });
	await expect(help).toBeVisible();
	await expect(help.getByText('Tomar el ticket (asignártelo)')).toBeVisible();
	await expectNoSeriousViolations(page);
	await page.keyboard.press('Escape');
	await expect(help).toBeHidden();
	await expect(row(page, first).getByRole('link')).toBeFocused();

	// In a field the keys are the field's: "j" does not move the selection, "t" takes nothing.
	const assignee = page.getByLabel(`Asignar el ticket ${first.number} a`);
	await assignee.focus();
	await page.keyboard.press('j');
	await page.keyboard.press('t');
	await expect(assignee).toBeFocused();
	await expect(row(page, first)).toHaveAttribute('aria-current', 'true');

	// Enter opens the selected ticket; r puts the cursor in the reply.
	await row(page, first).getByRole('link').focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`\\?t=${first.number}$`));
	await expect(page.getByRole('heading', { name: `Ticket ${first.number}: ${first.subject}` })).toBeVisible();
	await page.keyboard.press('r');
	const reply = page.getByLabel('Respuesta al cliente');
	await expect(reply).toBeFocused();
	await page.keyboard.type('todo listo');
	await expect(reply).toHaveValue('todo listo');
	await expect(page.getByText(/Tomaste el ticket/)).toHaveCount(0);

	// From the queue, r opens the selected ticket ready to reply.
	await page.goto(`/agente/?organisation=${w.org}`);
	await expect(row(page, second)).toBeVisible();
	await page.keyboard.press('j');
	await page.keyboard.press('j');
	await expect(row(page, second).getByRole('link')).toBeFocused();
	await page.keyboard.press('r');
	await expect(page).toHaveURL(new RegExp(`\\?t=${second.number}&responder$`));
	await expect(page.getByLabel('Respuesta al cliente')).toBeFocused();
});

test('a problem created from a ticket, linked to a second one and resolved tells both requesters', async ({ page }) => {
	const a = await world('problema-a');
	const b = { contact: await person('Contacto problema-b') };
	await organisation('Org problema-b', [{ person: b.contact, role: 'authorized_contact' }]);
	const t1 = await openTicket(a.contact, 'P2', 'El índice no encuentra documentos nuevos');
	const t2 = await openTicket(b.contact, 'P3', 'La búsqueda no devuelve lo de ayer');
	await signInAs(page, a.agent);
	await page.goto(`/agente/?t=${t1.number}`);

	const panel = page.getByRole('region', { name: 'Problema' });
	await panel.getByText('Crear un problema desde este ticket').click();
	const title = `Índice desactualizado tras 5.1 ${randomUUID().slice(0, 4)}`;
	await panel.getByLabel('Título del problema').fill(title);
	await panel.getByLabel('Descripción (opcional)').fill('El índice conserva el formato de 5.0.');
	await panel.getByRole('button', { name: 'Crear y vincular' }).click();
	await expect(page.getByText(`Creamos el problema «${title}» y le vinculamos el ticket.`)).toBeVisible();
	await panel.getByRole('link', { name: title }).click();

	await expect(page.getByRole('heading', { name: `Problema: ${title}` })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Tickets vinculados (1)' })).toBeVisible();
	await page.getByLabel('Vincular otro ticket (número)').fill(String(t2.number));
	await page.getByRole('button', { name: 'Vincular', exact: true }).click();
	await expect(page.getByText(`Vinculamos el ticket ${t2.number}.`)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Tickets vinculados (2)' })).toBeVisible();
	await expect(page.getByRole('link', { name: t2.subject })).toBeVisible();

	// The known error, with the article found in the site's search.
	const kb = page.getByRole('search', { name: 'Buscar el artículo en la base de conocimiento' });
	await kb.getByRole('searchbox').fill('reconstruir índice de búsqueda');
	await kb.getByRole('button', { name: 'Buscar', exact: true }).click();
	await page.getByRole('button', { name: 'Usar este artículo: La búsqueda no encuentra documentos recientes después de actualizar a 5.1' }).click();
	await expect(page.getByLabel('Ruta del artículo')).toHaveValue('base-de-conocimiento/indice-desactualizado');
	await page.getByRole('button', { name: 'Registrar error conocido' }).click();
	await expect(page.getByText('El problema quedó como error conocido.')).toBeVisible();
	await expect(page.locator('.agent-problem-view .agent-badges').getByText('Error conocido')).toBeVisible();
	await expectNoSeriousViolations(page);

	await expect(page.getByLabel('Avisar por correo a los solicitantes de los tickets sin cerrar (2)')).toBeChecked();
	await page.getByRole('button', { name: 'Resolver el problema' }).click();
	await expect(page.getByText('Problema resuelto; avisamos a 2 solicitantes.')).toBeVisible();

	const { data: problem } = await admin().from('problems').select('id, status, kb_article').eq('title', title).single();
	expect(problem).toMatchObject({ status: 'resolved', kb_article: 'base-de-conocimiento/indice-desactualizado' });
	const { data: sent } = await admin().from('notifications').select('recipient_user_id, payload').eq('template', 'problem_resolved').eq('payload->>problem', problem!.id);
	expect(sent!.map((n) => n.recipient_user_id).sort()).toEqual([a.contact.id, b.contact.id].sort());
	expect(sent!.map((n) => n.payload.number).sort()).toEqual([t1.number, t2.number].sort());
});

test('screenshots of the queue and the workspace with seeded tickets', async ({ page }) => {
	mkdirSync(SHOTS, { recursive: true });
	const w = await world('captura');
	const [colleague] = await Promise.all([person('Beatriz Soporte')]);
	await staff(colleague);
	const t1 = await openTicket(w.contact, 'P1', 'Nadie puede iniciar sesión en la aplicación');
	const t2 = await openTicket(w.contact, 'P2', 'La firma de oficios falla para la mayoría de las áreas');
	const t3 = await openTicket(w.contact, 'P3', 'Un reporte tarda varios minutos en generarse');
	const t4 = await openTicket(w.contact, 'P4', 'Un error de ortografía en la pantalla de inicio');
	await rpc(w.agent, 'take_ticket', { ticket: t1.id });
	await rpc(w.agent, 'agent_reply', { ticket: t1.id, body: 'Revisamos el servicio de identidad; parece el certificado.', action: 'note' });
	await rpc(w.agent, 'assign_ticket', { ticket: t3.id, assignee: colleague.id });
	await rpc(w.agent, 'request_customer_info', { ticket: t4.id, body: '¿En qué pantalla exactamente?' });
	// One ticket already late, and one due within the hour (the sweep leaves both alone until then).
	const soon = new Date(Date.now() + 25 * 60_000).toISOString();
	const late = new Date(Date.now() - 40 * 60_000).toISOString();
	const far = new Date(Date.now() + 7 * 86_400_000).toISOString();
	await admin().from('tickets').update({ first_response_due_at: late, sla_next_check_at: far }).eq('id', t2.id);
	await admin().from('tickets').update({ first_response_due_at: soon, sla_next_check_at: far }).eq('id', t1.id);

	await page.setViewportSize({ width: 1440, height: 900 });
	await signInAs(page, w.agent);
	await page.goto(`/agente/?organisation=${w.org}`);
	await expect(page.getByRole('status').filter({ hasText: /^4 tickets$/ })).toBeVisible();
	await expect(slaCell(page, t2).locator('.agent-sla-badge')).toHaveText('Vencido');
	await expect(slaCell(page, t1).locator('.agent-sla-badge')).toHaveText('En riesgo');
	await expect(slaCell(page, t4).locator('.agent-sla-badge')).toHaveText('En pausa');
	await expect(page.locator('.agent-table tbody tr').nth(0)).toContainText(t2.subject);
	await page.keyboard.press('j');
	await page.screenshot({ path: `${SHOTS}/agent-queue.png`, fullPage: true });

	await page.goto(`/agente/?t=${t1.number}`);
	await expect(page.locator('.agent-message--internal')).toBeVisible();
	await page.getByText('Insertar un enlace a un artículo').click();
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: `${SHOTS}/agent-workspace.png`, fullPage: true });
	await expect(page.getByRole('heading', { name: `Ticket ${t1.number}: ${t1.subject}` })).toBeVisible();
	await expectNoSeriousViolations(page);
	void t3;
});
