// The account page against the local stack, in Chromium: password sign-in (staff), the session kept
// across pages, joining an organisation with an invitation code made by its coordinator through
// create_invitation, refused codes explained next to the field, name and language that persist, and
// the backend being unreachable. axe-core checks each state.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { admin, organisation, person, signInAs, staff, type Person } from './backend.ts';
import { STACK_URL } from './stack.ts';

async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).include('.account').analyze();
	expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

async function organisationName(id: string): Promise<string> {
	const { data, error } = await admin().from('organisations').select('name').eq('id', id).single();
	if (error) throw error;
	return data.name;
}

/** An organisation whose coordinator has just created an invitation code (shown once). */
async function invitation(role: 'member' | 'authorized_contact', plan = 'estandar') {
	const coordinator = await person('Coordinadora Invita');
	const id = await organisation('Hospital Invita', [{ person: coordinator, role: 'coordinator' }], plan);
	const { data: code, error } = await coordinator.client.rpc('create_invitation', { organisation: id, role, valid_days: 14 });
	if (error) throw error;
	expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
	return { id, code: code as string, name: await organisationName(id) };
}

async function signInWithPassword(page: Page, who: Person, password = who.password) {
	await page.getByRole('button', { name: 'Entrar con contraseña' }).click();
	await expect(page.getByLabel('Correo electrónico')).toBeFocused();
	await page.getByLabel('Correo electrónico').fill(who.email);
	await page.getByLabel('Contraseña').fill(password);
	await page.getByRole('button', { name: 'Entrar', exact: true }).click();
}

test('password sign-in: a wrong password is explained next to the field, the right one shows the staff summary', async ({ page }) => {
	const agent = await person('Agente Contraseña');
	await staff(agent, 'agent', 2);
	await page.goto('/cuenta/');
	await expectAccessible(page);

	await signInWithPassword(page, agent, 'no-es-la-contraseña');
	const password = page.getByLabel('Contraseña');
	await expect(page.getByText('El correo o la contraseña no son correctos.')).toBeVisible();
	await expect(password).toHaveAttribute('aria-invalid', 'true');
	await expect(password).toHaveAttribute('aria-describedby', 'signin-password-error');
	await expect(page.locator('#signin-password-error')).toContainText('El correo o la contraseña no son correctos.');
	await expectAccessible(page);

	await password.fill(agent.password);
	await page.getByRole('button', { name: 'Entrar', exact: true }).click();
	await expect(page.getByText(`Sesión iniciada como ${agent.email}.`)).toBeVisible();
	await expect(page.getByText(`Sesión iniciada como ${agent.email}.`)).toBeFocused();
	await expect(page.getByRole('heading', { name: 'Equipo de soporte' })).toBeVisible();
	await expect(page.getByText('Eres parte del equipo de soporte: agente, nivel 2.')).toBeVisible();
	// Staff belong to no customer organisation, and are not told to join one.
	await expect(page.getByRole('heading', { name: 'Tu organización' })).toHaveCount(0);
	await expect(page.getByRole('main').getByRole('link', { name: 'Mis tickets' })).toHaveAttribute('href', '/soporte/tickets/');
	await expect(page.getByRole('main').getByRole('link', { name: 'Abrir un ticket' })).toHaveAttribute('href', '/soporte/nuevo/');
	await expectAccessible(page);
});

test('an empty password or a bad address is refused without a request', async ({ page }) => {
	await page.goto('/cuenta/');
	await page.getByRole('button', { name: 'Entrar con contraseña' }).click();
	let requests = 0;
	page.on('request', (r) => void (r.url().startsWith(STACK_URL) && requests++));
	await page.getByLabel('Correo electrónico').fill('nadie@example.test');
	await page.getByRole('button', { name: 'Entrar', exact: true }).click();
	await expect(page.locator('#signin-password-error')).toHaveText('Escribe tu contraseña.');
	await page.getByLabel('Correo electrónico').fill('sin-arroba');
	await page.getByRole('button', { name: 'Entrar', exact: true }).click();
	await expect(page.locator('#signin-password-email-error')).toHaveText('Escribe un correo válido, por ejemplo nombre@empresa.com.');
	await expect(page.getByLabel('Correo electrónico')).toHaveAttribute('aria-invalid', 'true');
	expect(requests).toBe(0);
	// Back to the e-mail method, with the address carried over.
	await page.getByRole('button', { name: 'Recibir un enlace o código por correo' }).click();
	await expect(page.getByLabel('Correo electrónico')).toHaveValue('sin-arroba');
	await expect(page.getByLabel('Correo electrónico')).toBeFocused();
});

test('the session is kept across pages and languages until signing out', async ({ page }) => {
	const reader = await person('Lectora Sesión');
	await page.goto('/cuenta/');
	await signInWithPassword(page, reader);
	await expect(page.getByText(`Sesión iniciada como ${reader.email}.`)).toBeVisible();

	// Another page of the site: supabase-js's session is in localStorage there too.
	await page.goto('/base-de-conocimiento/indice-desactualizado/');
	const key = `sb-${new URL(STACK_URL).hostname.split('.')[0]}-auth-token`;
	const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), key);
	expect(stored?.user?.email).toBe(reader.email);

	// The English account page sees the same session, and speaks English.
	await page.goto('/en/cuenta/');
	await expect(page.getByText(`Signed in as ${reader.email}.`)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Your details' })).toBeVisible();
	await expect(page.getByRole('main').getByRole('link', { name: 'My tickets' })).toHaveAttribute('href', '/en/soporte/tickets/');
	await expectAccessible(page);

	await page.goto('/cuenta/');
	await expect(page.getByText(`Sesión iniciada como ${reader.email}.`)).toBeVisible();
	await page.getByRole('button', { name: 'Cerrar sesión' }).click();
	await expect(page.getByLabel('Correo electrónico')).toBeFocused();
	await page.goto('/en/cuenta/');
	await expect(page.getByLabel('E-mail')).toBeVisible();
	expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBeNull();
});

test('joins an organisation with an invitation code; the summary shows it, its plan and the role', async ({ page }) => {
	const invite = await invitation('authorized_contact', 'extendido');
	const joiner = await person('Nueva Contacto');
	await signInAs(page, joiner);
	await page.goto('/cuenta/');
	await expect(page.getByText('Todavía no perteneces a ninguna organización cliente.')).toBeVisible();

	// Typed the way people type codes: lower case, without dashes.
	await page.getByLabel('Código de invitación').fill(invite.code.toLowerCase().replace(/-/g, ''));
	await page.getByRole('button', { name: 'Unirme' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Listo' })).toHaveText(`Listo: ahora formas parte de ${invite.name}.`);
	await expect(page.getByLabel('Código de invitación')).toHaveValue('');

	const card = page.getByRole('article', { name: invite.name });
	await expect(card).toBeVisible();
	await expect(card.getByRole('definition')).toHaveText([
		'Soporte extendido',
		/^contacto autorizado/,
		'desde el 1 de enero de 2026, sin fecha de término',
		'America/Mexico City',
	]);
	await expect(page.getByText('Todavía no perteneces')).toHaveCount(0);
	await expectAccessible(page);

	// Stored, not just shown: the membership is there for the database, and after a reload.
	const { data: rows } = await admin().from('memberships').select('role').eq('organisation_id', invite.id).eq('user_id', joiner.id);
	expect(rows).toEqual([{ role: 'authorized_contact' }]);
	await page.goto('/en/cuenta/');
	const english = page.getByRole('article', { name: invite.name });
	await expect(english.getByRole('definition').first()).toHaveText('Extended support');
	await expect(english.getByRole('definition').nth(1)).toContainText('authorized contact');

	// The same code again says they already belong.
	await page.getByLabel('Invitation code').fill(invite.code);
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'already' })).toHaveText(`You were already part of ${invite.name}.`);
});

test('an expired, unknown or malformed code is explained next to the field', async ({ page }) => {
	const invite = await invitation('member');
	const expired = await admin().from('invitations').update({ expires_at: '2026-01-02T00:00:00Z' }).eq('organisation_id', invite.id).select('id');
	expect(expired.error).toBeNull();
	expect(expired.data).toHaveLength(1);
	const joiner = await person('Tarde Llega');
	await signInAs(page, joiner);
	await page.goto('/cuenta/');
	const field = page.getByLabel('Código de invitación');
	const error = page.locator('#account-join-error');

	await field.fill(invite.code);
	await page.getByRole('button', { name: 'Unirme' }).click();
	await expect(error).toHaveText('Esta invitación ya caducó. Pide un código nuevo al coordinador de tu organización.');
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(field).toHaveAttribute('aria-describedby', 'account-join-hint account-join-error');
	await expect(field).toBeFocused();
	await expectAccessible(page);

	await field.fill('ABCD-EF12-3456');
	await page.getByRole('button', { name: 'Unirme' }).click();
	await expect(error).toHaveText('No hay ninguna invitación con este código. Revisa que esté bien escrito.');

	await field.fill('abc');
	await page.getByRole('button', { name: 'Unirme' }).click();
	await expect(error).toHaveText('El código tiene 12 letras y números, como ABCD-1234-EF56.');

	await field.fill('');
	await page.getByRole('button', { name: 'Unirme' }).click();
	await expect(error).toHaveText('Escribe el código de invitación.');

	await expect(page.getByText('Todavía no perteneces a ninguna organización cliente.')).toBeVisible();
	const { data: rows } = await admin().from('memberships').select('role').eq('user_id', joiner.id);
	expect(rows).toEqual([]);
});

test('name and language are saved and persist after a reload', async ({ page }) => {
	const reader = await person('Nombre Viejo');
	await signInAs(page, reader);
	await page.goto('/cuenta/');
	const facts = page.getByRole('region', { name: 'Tus datos' }).getByRole('definition');
	await expect(facts).toHaveText(['Nombre Viejo', reader.email, 'Español']);
	await expect(page.getByLabel('Nombre completo')).toHaveValue('Nombre Viejo');
	await expect(page.getByLabel('Idioma preferido')).toHaveValue('es');

	await page.getByLabel('Nombre completo').fill('Ana María Pérez');
	await page.getByLabel('Idioma preferido').selectOption('en');
	await page.getByRole('button', { name: 'Guardar' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Guardamos' })).toHaveText('Guardamos tu nombre y tu idioma.');
	await expect(facts).toHaveText(['Ana María Pérez', reader.email, 'English']);
	await expectAccessible(page);

	await page.reload();
	await expect(page.getByLabel('Nombre completo')).toHaveValue('Ana María Pérez');
	await expect(page.getByLabel('Idioma preferido')).toHaveValue('en');
	await expect(facts).toHaveText(['Ana María Pérez', reader.email, 'English']);

	const { data: profile } = await admin().from('profiles').select('full_name, locale').eq('id', reader.id).single();
	expect(profile).toEqual({ full_name: 'Ana María Pérez', locale: 'en' });
	const { data: user } = await admin().auth.admin.getUserById(reader.id);
	expect(user.user?.user_metadata).toMatchObject({ full_name: 'Ana María Pérez', locale: 'en' });

	// Too long a name is refused next to the field, and nothing changes.
	await page.getByLabel('Nombre completo').fill('x'.repeat(201));
	await page.getByRole('button', { name: 'Guardar' }).click();
	await expect(page.locator('#account-name-error')).toHaveText('El nombre puede tener hasta 200 caracteres.');
	await expect(page.getByLabel('Nombre completo')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
});

test('when the backend cannot be reached the account says so and the page keeps working', async ({ page }) => {
	const reader = await person('Sin Red');
	await page.route(`${STACK_URL}/**`, (route) => route.abort('connectionrefused'));

	// Signed in from an earlier visit: the session is local, the account data is not.
	await signInAs(page, reader);
	await page.goto('/cuenta/');
	await expect(page.getByText(`Sesión iniciada como ${reader.email}.`)).toBeVisible();
	await expect(page.getByRole('alert')).toHaveText(/El servicio de cuentas no responde en este momento/, { timeout: 20_000 });
	await expect(page.getByRole('heading', { level: 1, name: 'Mi cuenta' })).toBeVisible();
	await expectAccessible(page);

	// Signing out still works (locally), and signing in explains the outage.
	await page.getByRole('button', { name: 'Cerrar sesión' }).click();
	await signInWithPassword(page, reader);
	await expect(page.getByRole('alert')).toHaveText(/El servicio de cuentas no responde en este momento/, { timeout: 20_000 });
	await expectAccessible(page);
});

test('a member leaves their organisation after confirming, and no longer sees it', async ({ page }) => {
	const leaver = await person('Lía Sale');
	const coordinator = await person('Coordinador Queda');
	const id = await organisation('Despacho Sale', [
		{ person: leaver, role: 'member' },
		{ person: coordinator, role: 'coordinator' },
	]);
	const name = await organisationName(id);
	await signInAs(page, leaver);
	await page.goto('/cuenta/');
	const card = page.getByRole('article', { name });
	await card.getByRole('button', { name: `Salir de ${name}` }).click();
	await expect(card.getByRole('button', { name: 'Sí, salir' })).toBeFocused();
	await expectAccessible(page);
	await card.getByRole('button', { name: 'Sí, salir' }).click();
	await expect(page.getByRole('article', { name })).toHaveCount(0);
	const { data } = await admin().from('memberships').select('user_id').eq('organisation_id', id);
	expect(data).toEqual([{ user_id: coordinator.id }]);
});
