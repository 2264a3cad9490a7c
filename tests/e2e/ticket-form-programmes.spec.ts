// The ticket form follows the chosen organisation's own programme, which may not be the site's: its
// plan named with a link to that programme's terms page; a best-effort plan (membresia) that every
// member may use and that promises no time; a plan included for months after go-live that has ended
// (implementacion's Monthly plan), refused with the last day it was included and the draft kept.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { admin, person, signInAs, type Person } from './backend.ts';
import { STACK_URL } from './stack.ts';

async function expectNoSeriousViolations(page: Page, selector: string) {
	const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
	expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

/** Passes the tickets function's real answer on with this page's origin allowed (see ticket-form.spec.ts). */
async function routeTickets(page: Page) {
	await page.route(`${STACK_URL}/functions/v1/tickets`, async (route) => {
		const response = await route.fetch();
		const origin = (await route.request().headerValue('origin')) ?? '*';
		await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': origin } });
	});
}

async function organisationOn(who: Person, role: 'member' | 'authorized_contact', row: Record<string, string>): Promise<{ id: string; name: string }> {
	const name = `${row.name} ${randomUUID().slice(0, 4)}`;
	const { data, error } = await admin()
		.from('organisations')
		.insert({ contract_start: '2025-01-01', ...row, name })
		.select('id')
		.single();
	if (error) throw error;
	const m = await admin().from('memberships').insert({ organisation_id: data.id, user_id: who.id, role });
	if (m.error) throw m.error;
	return { id: data.id, name };
}

async function fillBasics(page: Page, subject: string) {
	await page.getByLabel('Asunto').fill(subject);
	await page.getByLabel('Descripción').fill('El servidor de expedientes no arranca desde la actualización de anoche.');
}

test('a member of a best-effort membership opens a ticket, told its plan and terms and that no time is promised', async ({ page }) => {
	const member = await person('Miembro Membresía');
	const org = await organisationOn(member, 'member', { name: 'Membresía', programme_id: 'membresia', plan_id: 'mantenimiento', timezone: 'Europe/Madrid' });
	await signInAs(page, member);
	await routeTickets(page);
	await page.goto('/soporte/nuevo/');

	const plan = page.locator('.ticket-form-plan');
	await expect(plan).toContainText(`Plan de ${org.name}: Contrato de mantenimiento.`);
	await expect(plan.getByRole('link', { name: 'Condiciones de tu programa' })).toHaveAttribute('href', '/soporte/programas/membresia/');
	// Every member may open tickets here: no list of authorized contacts, the form itself.
	await expect(page.locator('.ticket-form-contacts')).toHaveCount(0);
	await expect(page.getByRole('radio', { name: 'Media' })).toBeChecked();
	const next = page.locator('.ticket-form-next');
	await expect(next).toContainText('Tu plan se atiende con el mejor esfuerzo: no promete un tiempo de respuesta.');
	await expect(next).not.toContainText('llegará a más tardar');
	await expectNoSeriousViolations(page, '.ticket-form');

	await fillBasics(page, 'El servidor no arranca');
	await page.getByRole('button', { name: 'Enviar el ticket' }).click();
	await expect(page.getByRole('heading', { name: /^Abrimos el ticket \d+$/ })).toBeVisible();
	const { data: tickets } = await admin().from('tickets').select('programme_id, plan_id, first_response_due_at').eq('requester_id', member.id);
	expect(tickets).toEqual([{ programme_id: 'membresia', plan_id: 'mantenimiento', first_response_due_at: null }]);
});

test('a plan whose included months after go-live are over is refused with its last day, and the draft stays', async ({ page }) => {
	const contact = await person('Contacto Periodo');
	// Monthly support is included six months after go-live: from 2025-01-15, until 2025-07-14.
	const org = await organisationOn(contact, 'authorized_contact', { name: 'Periodo', programme_id: 'implementacion', plan_id: 'mensual', timezone: 'America/Bogota', go_live: '2025-01-15' });
	await signInAs(page, contact);
	await routeTickets(page);
	await page.goto('/en/soporte/nuevo/');
	await expect(page.locator('.ticket-form-plan')).toContainText(`${org.name}'s plan: Monthly support.`);
	await expect(page.locator('.ticket-form-plan a')).toHaveAttribute('href', '/en/soporte/programas/implementacion/');

	await page.goto('/soporte/nuevo/');
	await fillBasics(page, 'Después del periodo incluido');
	await page.getByRole('button', { name: 'Enviar el ticket' }).click();
	await expect(page.getByRole('alert')).toContainText('Tu plan estaba incluido hasta el 14 de julio de 2025');
	await expect(page.getByLabel('Asunto')).toHaveValue('Después del periodo incluido');
	const { data: tickets } = await admin().from('tickets').select('id').eq('requester_id', contact.id);
	expect(tickets).toEqual([]);
	// The draft survives a reload.
	await page.reload();
	await expect(page.getByLabel('Asunto')).toHaveValue('Después del periodo incluido');
	await expectNoSeriousViolations(page, '.ticket-form');
});
