// An admin moves an organisation to another programme's plan in /admin/ (issue 14, item 4), in
// Chromium against the built site and the local stack: asking to move its open tickets across
// programmes is refused next to the box; the change, effective today, applies at once and shows in the
// organisation's facts and its history; then the organisation's customer sees the new plan and the
// new programme's terms link on /cuenta/, and the next ticket they open through the form is opened
// under the new plan with its due time (24 × 7, so the first response is due exactly its target after
// opening). axe-core finds nothing serious or critical on the admin page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { admin, latestMail, organisation, person, signInAs, staff } from './backend.ts';
import { STACK_URL } from './stack.ts';

/** The link in the newest staff invitation mail to `to`, as a path on this site (the outbox is drained by the notify function or its cron job). */
async function invitationLink(to: string, subject: string): Promise<string> {
	await expect
		.poll(
			async () => {
				await admin().functions.invoke('notify', { body: {} });
				return (await latestMail(to))?.subject;
			},
			{ timeout: 20_000 },
		)
		.toBe(subject);
	const mail = await latestMail(to);
	const url = /https?:\/\/\S+?\/cuenta\/\?equipo=[0-9a-f]{48}/.exec(mail!.text)?.[0];
	expect(url, mail!.text).toBeTruthy();
	const { pathname, search } = new URL(url!);
	return pathname + search;
}

async function serious(page: Page) {
	const { violations } = await new AxeBuilder({ page }).include('.mostrador-admin').analyze();
	return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Passes the tickets function's real answer on with this page's origin allowed (see ticket-form.spec.ts). */
async function routeTickets(page: Page) {
	await page.route(`${STACK_URL}/functions/v1/tickets`, async (route) => {
		const response = await route.fetch();
		const origin = (await route.request().headerValue('origin')) ?? '*';
		await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': origin } });
	});
}

test('an admin moves an organisation to another plan; its customer sees the new terms and the next ticket gets its due time', async ({ page, browser }) => {
	test.setTimeout(90_000);
	const [boss, contact] = await Promise.all([person('Admin Planes'), person('Contacto Planes')]);
	await staff(boss, 'admin', 2);
	const org = await organisation('Cambio de plan', [{ person: contact, role: 'authorized_contact' }]);
	const { data: row } = await admin().from('organisations').select('name').eq('id', org).single();
	const name = row!.name as string;

	await signInAs(page, boss);
	await page.goto(`/admin/?seccion=organizaciones&organizacion=${org}`);
	await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
	const facts = page.locator('.admin-facts');
	await expect(facts).toContainText('Soporte estándar');

	const form = page.locator('form', { has: page.getByRole('button', { name: 'Cambiar el plan' }) });
	await form.getByLabel('Programa nuevo').selectOption({ label: 'Soporte nativo' });
	await form.getByLabel('Plan nuevo').selectOption({ label: 'Soporte nativo' });
	// Open tickets cannot follow into another programme: refused next to the box, nothing changed.
	await form.getByLabel('Aplicar también a los tickets abiertos').check();
	await form.getByRole('button', { name: 'Cambiar el plan' }).click();
	const box = form.getByLabel('Aplicar también a los tickets abiertos');
	await expect(box).toHaveAttribute('aria-invalid', 'true');
	await expect(box).toHaveAccessibleDescription(/Los tickets abiertos se quedan en su programa/);
	expect(await serious(page)).toEqual([]);
	await box.uncheck();
	await form.getByRole('button', { name: 'Cambiar el plan' }).click();
	await expect(form.getByRole('status')).toHaveText(`«${name}» tiene ahora el plan Soporte nativo.`);
	await expect(facts).toContainText('Soporte nativo');
	await expect(facts).not.toContainText('Soporte estándar');
	const history = page.getByRole('region', { name: 'Cambios de plan' }).first();
	await expect(history.getByRole('row').nth(1)).toContainText('Soporte estándar (Programa de soporte estándar y extendido) → Soporte nativo');
	await expect(history.getByRole('row').nth(1)).toContainText('En vigor');
	expect(await serious(page)).toEqual([]);
	const { data: changes } = await admin().from('organisation_plan_changes').select('to_programme_id, to_plan_id, applied_at, requested_by').eq('organisation_id', org);
	expect(changes).toEqual([{ to_programme_id: 'soporte-nativo', to_plan_id: 'nativo', applied_at: expect.any(String), requested_by: boss.id }]);

	// The customer, in their own browser.
	const context = await browser.newContext();
	const customer = await context.newPage();
	await signInAs(customer, contact);
	await customer.goto('/cuenta/');
	const card = customer.getByRole('article', { name });
	await expect(card).toContainText('Soporte nativo');
	await expect(card.getByRole('link', { name: 'Qué incluye tu plan: tiempos, horarios y reglas' })).toHaveAttribute('href', '/soporte/programas/soporte-nativo/');

	await routeTickets(customer);
	await customer.goto('/soporte/nuevo/');
	await expect(customer.locator('.ticket-form-plan')).toContainText(`Plan de ${name}: Soporte nativo.`);
	await customer.getByLabel('Asunto').fill('El servidor no arranca tras el cambio de plan');
	await customer.getByLabel('Descripción').fill('El servidor de expedientes no arranca desde la actualización de anoche.');
	await customer.getByRole('button', { name: 'Enviar el ticket' }).click();
	await expect(customer.getByRole('heading', { name: /^Abrimos el ticket \d+$/ })).toBeVisible();
	const { data: tickets } = await admin().from('tickets').select('programme_id, plan_id, severity_key, created_at, first_response_due_at').eq('organisation_id', org);
	expect(tickets).toHaveLength(1);
	const t = tickets![0];
	expect(t).toMatchObject({ programme_id: 'soporte-nativo', plan_id: 'nativo', severity_key: 'normal' });
	// Soporte nativo counts every hour of every day: the first response is due 240 minutes after opening
	// (under Soporte estándar it would have waited for office hours in Mexico City).
	const { data: target } = await admin().from('sla_targets').select('first_response_minutes').match({ programme_id: 'soporte-nativo', plan_id: 'nativo', severity_key: 'normal' }).single();
	expect(new Date(t.first_response_due_at!).getTime() - new Date(t.created_at).getTime()).toBe(target!.first_response_minutes! * 60_000);
	await context.close();
});

test('an admin sets go-live and sees the included period end; invites staff, who join through the mailed link; changes a role, takes someone off the team, never themself', async ({ page, browser }) => {
	test.setTimeout(90_000);
	const [boss, colleague] = await Promise.all([person('Admin Equipo'), person('Agente Invitado')]);
	await staff(boss, 'admin', 2);
	const { data: org, error } = await admin()
		.from('organisations')
		.insert({ name: `Implementa ${Date.now()}`, programme_id: 'implementacion', plan_id: 'mensual', contract_start: '2025-01-01', timezone: 'America/Bogota' })
		.select('id')
		.single();
	expect(error).toBeNull();

	await signInAs(page, boss);
	await page.goto(`/admin/?seccion=organizaciones&organizacion=${org!.id}`);
	const facts = page.locator('.admin-facts');
	await expect(facts).toContainText('Incluido 6 meses desde la puesta en marcha, que aún no tiene fecha.');
	const dates = page.locator('form', { has: page.getByRole('button', { name: 'Guardar las fechas' }) });
	await dates.getByLabel('Puesta en marcha').fill('2024-12-01');
	await dates.getByRole('button', { name: 'Guardar las fechas' }).click();
	await expect(dates.getByLabel('Puesta en marcha')).toHaveAttribute('aria-invalid', 'true');
	await expect(dates.getByLabel('Puesta en marcha')).toHaveAccessibleDescription(/La puesta en marcha no puede ser anterior al inicio del contrato\./);
	await dates.getByLabel('Puesta en marcha').fill('2025-02-15');
	await dates.getByRole('button', { name: 'Guardar las fechas' }).click();
	await expect(dates.getByRole('status')).toHaveText('Fechas guardadas.');
	// Six months from 15 February 2025: included until 14 August 2025, which has passed.
	await expect(facts).toContainText('Terminó el 14 de agosto de 2025');
	expect(await serious(page)).toEqual([]);

	await page.goto('/admin/?seccion=equipo');
	const invite = page.locator('form', { has: page.getByRole('button', { name: 'Invitar' }) });
	const announce = page.locator('.admin-section > .admin-done');
	const pending = page.getByRole('region', { name: 'Invitaciones pendientes' });
	await invite.getByLabel('Correo electrónico').fill('no es un correo');
	await invite.getByRole('button', { name: 'Invitar' }).click();
	await expect(invite.getByLabel('Correo electrónico')).toHaveAttribute('aria-invalid', 'true');
	// Someone with an account is not made staff by the invitation: they get a link, like anyone.
	await invite.getByLabel('Correo electrónico').fill(colleague.email);
	await invite.getByRole('button', { name: 'Invitar' }).click();
	await expect(announce).toHaveText(`Hemos enviado a ${colleague.email} un enlace para unirse al equipo; caduca en 7 días.`);
	await expect(pending.getByRole('listitem').filter({ hasText: colleague.email })).toContainText('El enlace caduca el');
	expect((await admin().from('staff').select('user_id').eq('user_id', colleague.id)).data).toEqual([]);
	const newcomer = `nuevo-${Date.now()}@example.test`;
	await invite.getByLabel('Correo electrónico').fill(newcomer);
	await invite.getByLabel('Rol').selectOption({ label: 'Responsable de equipo' });
	await invite.getByRole('button', { name: 'Invitar' }).click();
	await expect(announce).toHaveText(`Hemos enviado a ${newcomer} un enlace para unirse al equipo; caduca en 7 días.`);
	await expect(pending).toContainText(newcomer);
	expect(await serious(page)).toEqual([]);

	// The colleague opens the link in the mail, signed in (their usual password session), and accepts.
	const link = await invitationLink(colleague.email, 'Invitación al equipo de soporte (agente)');
	const context = await browser.newContext();
	const invitee = await context.newPage();
	await signInAs(invitee, colleague);
	await invitee.goto(link);
	const section = invitee.getByRole('region', { name: 'Invitación al equipo de soporte' });
	await expect(section).toContainText('Te han invitado al equipo de soporte como agente, nivel 1.');
	await section.getByRole('button', { name: 'Aceptar la invitación al equipo de soporte como agente' }).click();
	await expect(section.getByRole('status')).toContainText('Listo: ya formas parte del equipo de soporte como agente, nivel 1.');
	await expect(section.getByRole('link', { name: 'Ir a la consola de agentes' })).toHaveAttribute('href', '/agente/');
	await expect(invitee).toHaveURL(/\/cuenta\/$/);
	await expect(invitee.getByText('Eres parte del equipo de soporte: agente, nivel 1.')).toBeVisible();
	expect((await admin().from('staff').select('role, level').eq('user_id', colleague.id).single()).data).toEqual({ role: 'agent', level: 1 });
	// The link is used: opening it again, even by its owner, changes nothing and says the same as to anyone.
	await invitee.goto(link);
	await expect(section).toContainText('Este enlace de invitación al equipo no es válido');
	await context.close();

	await page.reload();
	await expect(pending).not.toContainText(colleague.email);
	await page.getByLabel('Rol de Agente Invitado').selectOption({ label: 'Responsable de equipo' });
	await page.getByLabel('Nivel de Agente Invitado').selectOption({ label: 'Nivel 2' });
	await page.locator('form', { has: page.getByLabel('Rol de Agente Invitado') }).getByRole('button', { name: 'Guardar' }).click();
	await expect(announce).toHaveText('Agente Invitado: Responsable de equipo, nivel 2.');
	expect((await admin().from('staff').select('role, level').eq('user_id', colleague.id).single()).data).toEqual({ role: 'lead', level: 2 });

	// Nobody takes themself off the team: no such button on one's own row.
	await expect(page.getByRole('button', { name: 'Dar de baja a Admin Equipo' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Dar de baja a Agente Invitado' }).click();
	await page.getByRole('button', { name: 'Sí, dar de baja' }).click();
	await expect(announce).toHaveText('Agente Invitado ya no forma parte del equipo.');
	expect((await admin().from('staff').select('user_id').eq('user_id', colleague.id)).data).toEqual([]);
	expect(await serious(page)).toEqual([]);
});
