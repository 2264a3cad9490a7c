// The support team's publishing and organisations page (/admin/) in Chromium against the built site
// and the local stack: visitors are asked to sign in and customers are refused; an agent registers a
// download item and publishes a version whose checksum the server verifies (it then shows on the
// downloads data and page), and a wrong checksum publishes nothing; an alert notice reaches the
// members of the organisations the alert concerns (read from the mailbox); comments are hidden and
// shown again; an admin creates an organisation, issues a code a new user joins with, makes them an
// authorized contact, sees the plan's limit refused, and revokes the code. axe-core finds nothing
// serious or critical in any state.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createHash, randomUUID } from 'node:crypto';
import { admin, latestMail, organisation, person, signInAs, staff, type Person } from './backend.ts';

async function serious(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function staffMember(name: string, role: 'agent' | 'lead' | 'admin' = 'agent'): Promise<Person> {
	const who = await person(name);
	await staff(who, role);
	return who;
}

test.describe('who may use the page', () => {
	test('a visitor is asked to sign in; the page is out of the search index', async ({ page }) => {
		await page.goto('/admin/');
		await expect(page.getByText('Esta página es para el equipo de soporte. Entra con tu cuenta del equipo para usarla.')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Entrar' })).toHaveAttribute('href', '/cuenta/');
		await expect(page.locator('[data-pagefind-body]')).toHaveCount(0);
		expect(await serious(page)).toEqual([]);
	});

	test('a customer, even a coordinator, is told plainly the page is for the support team', async ({ page }) => {
		const coordinator = await person('Coordinadora Admin');
		await organisation('Cliente admin', [{ person: coordinator, role: 'coordinator' }]);
		await signInAs(page, coordinator);
		await page.goto('/admin/?seccion=organizaciones');
		await expect(page.getByRole('alert')).toHaveText('Esta página es para el equipo de soporte. Tu cuenta no forma parte del equipo.');
		await expect(page.getByRole('navigation', { name: 'Secciones' })).toHaveCount(0);
		expect(await serious(page)).toEqual([]);
		await page.goto('/en/admin/');
		await expect(page.getByRole('alert')).toHaveText('This page is for the support team. Your account is not part of the team.');
	});

	test('an agent does not get the organisations section, which is for admins', async ({ page }) => {
		await signInAs(page, await staffMember('Agente Secciones'));
		await page.goto('/admin/?seccion=organizaciones');
		await expect(page.getByRole('alert')).toHaveText('Solo los administradores gestionan las organizaciones.');
		await expect(page.getByRole('navigation', { name: 'Secciones' }).getByRole('link')).toHaveText(['Descargas', 'Alertas', 'Comentarios', 'Lagunas de conocimiento']);
	});
});

test.describe('publishing downloads', () => {
	async function registerItem(page: Page, name: string): Promise<string> {
		const form = page.locator('form', { has: page.getByRole('button', { name: 'Registrar' }) });
		await form.getByLabel('Nombre').fill(name);
		await form.getByLabel('Quién puede descargarlo').selectOption('public');
		await form.getByLabel('Producto').selectOption('quetzal-docs');
		await form.getByRole('button', { name: 'Registrar' }).click();
		await expect(form.getByRole('status')).toHaveText(`Se ha registrado «${name}». Ya puedes publicar su primera versión.`);
		const { data, error } = await admin().from('download_items').select('id, slug').eq('name', name).single();
		expect(error).toBeNull();
		return data!.slug;
	}

	test('an agent registers an item and publishes a version; its verified checksum is on the downloads data and page', async ({ page }) => {
		test.setTimeout(60_000);
		await signInAs(page, await staffMember('Agente Publica'));
		await page.goto('/admin/?seccion=descargas');
		const name = `Servidor ${randomUUID().slice(0, 6)}`;
		const slug = await registerItem(page, name);
		expect(slug).toBe(name.toLowerCase().replace(' ', '-'));

		const form = page.locator('form', { has: page.getByRole('button', { name: 'Subir y publicar' }) });
		// The item just registered is chosen; the status follows the version policy for Docs 5.1.
		await expect(form.getByLabel('Elemento')).toHaveValue(/[0-9a-f-]{36}/);
		await form.getByLabel('Versión', { exact: true }).fill('5.1.2');
		await expect(form.getByText(/^Según la política de versiones: /)).toBeVisible();
		const bytes = Buffer.from(`instalador ${randomUUID()}\n`.repeat(5000));
		const sha256 = createHash('sha256').update(bytes).digest('hex');
		await form.getByLabel('Archivo').setInputFiles({ name: 'servidor 5.1.2 (x64).zip', mimeType: 'application/zip', buffer: bytes });
		await form.getByLabel('Notas de la versión').fill('Corrige el índice.');
		expect(await serious(page)).toEqual([]);
		await form.getByRole('button', { name: 'Subir y publicar' }).click();
		await expect(form.getByRole('status')).toContainText(`Publicada la versión 5.1.2 de «${name}».`, { timeout: 20_000 });
		await expect(form.getByRole('status')).toContainText(sha256);

		const { data: item } = await admin().from('download_items').select('id, download_versions(version, sha256, size_bytes, storage_path, notes)').eq('slug', slug).single();
		expect(item!.download_versions).toEqual([
			{ version: '5.1.2', sha256, size_bytes: bytes.length, storage_path: `${item!.id}/5.1.2/servidor-5.1.2-x64-.zip`, notes: 'Corrige el índice.' },
		]);
		// The catalogue below the forms shows it too, and the version is not offered twice.
		await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText(sha256);
		await form.getByLabel('Versión', { exact: true }).fill('5.1.2');
		await form.getByLabel('Archivo').setInputFiles({ name: 'otro.zip', mimeType: 'application/zip', buffer: Buffer.from('x') });
		await form.getByRole('button', { name: 'Subir y publicar' }).click();
		await expect(form.getByLabel('Versión', { exact: true })).toHaveAttribute('aria-invalid', 'true');
		await expect(form.getByText('Esta versión ya está publicada.')).toBeVisible();

		await page.goto(`/descargas/?item=${slug}`);
		await expect(page.getByText(sha256)).toBeVisible();
	});

	test('a wrong checksum is refused: nothing is published and the stored file is removed', async ({ page }) => {
		test.setTimeout(60_000);
		await signInAs(page, await staffMember('Agente Suma'));
		await page.goto('/admin/?seccion=descargas');
		const name = `Parche ${randomUUID().slice(0, 6)}`;
		const slug = await registerItem(page, name);
		// The bytes change on the way: the checksum the browser sends is not the stored file's.
		await page.route('**/functions/v1/publish-download', async (route) => {
			const body = route.request().postDataJSON();
			await route.continue({ postData: JSON.stringify({ ...body, sha256: '0'.repeat(64) }) });
		});
		const form = page.locator('form', { has: page.getByRole('button', { name: 'Subir y publicar' }) });
		await form.getByLabel('Versión', { exact: true }).fill('5.0.9');
		await form.getByLabel('Archivo').setInputFiles({ name: 'parche.zip', mimeType: 'application/zip', buffer: Buffer.from(`parche ${randomUUID()}`) });
		await form.getByRole('button', { name: 'Subir y publicar' }).click();
		await expect(form.getByRole('alert')).toHaveText(
			'La suma SHA-256 del archivo guardado no coincide con la del archivo elegido: no se ha publicado nada y el archivo se ha borrado. Vuelve a subirlo.',
			{ timeout: 20_000 },
		);
		const { data: item } = await admin().from('download_items').select('id, download_versions(id)').eq('slug', slug).single();
		expect(item!.download_versions).toEqual([]);
		const { data: files } = await admin().storage.from('downloads').list(`${item!.id}/5.0.9`);
		expect(files).toEqual([]);
		expect(await serious(page)).toEqual([]);
	});
});

test('staff tell the organisations an alert concerns, who get the e-mail', async ({ page }) => {
	test.setTimeout(60_000);
	const contact = await person('Contacto Firma');
	const member = await person('Miembro Firma', 'en');
	const org = await organisation('Usuarios de Firma', [
		{ person: contact, role: 'authorized_contact' },
		{ person: member, role: 'member' },
	]);
	const opened = await admin().rpc('create_ticket', {
		ticket: { organisation_id: org, requester_id: contact.id, severity: 'P3', subject: 'Sellos de tiempo', description: 'Los sellos fallan.', environment: 'production', product_id: 'quetzal-firma', version: '2.1' },
	});
	expect(opened.error).toBeNull();

	await signInAs(page, await staffMember('Agente Alertas'));
	await page.goto('/admin/?seccion=alertas');
	const form = page.locator('form', { has: page.getByLabel('Alerta', { exact: true }) });
	await form.getByLabel('Alerta', { exact: true }).selectOption('alertas/rotacion-certificado-raiz-tsa');
	await expect(form.getByLabel('Alerta publicada')).toBeChecked();
	await expect(form.getByLabel(/Organizaciones con tickets o descargas de Quetzal Firma/)).toBeChecked();
	expect(await serious(page)).toEqual([]);
	await form.getByRole('button', { name: 'Enviar el aviso' }).click();
	await expect(form.getByRole('status')).toHaveText(/^Aviso en cola\. Personas: \d+; organizaciones: \d+\.$/);
	await expect(page.getByRole('region', { name: 'Avisos enviados' })).toContainText('Cambio del certificado raíz');

	const { data: queued } = await admin().from('notifications').select('recipient_user_id, locale').eq('template', 'alert_published').in('recipient_user_id', [contact.id, member.id]);
	expect(queued?.map((q) => q.recipient_user_id).sort()).toEqual([contact.id, member.id].sort());

	// Sending it again tells nobody twice.
	await form.getByRole('button', { name: 'Enviar el aviso' }).click();
	await expect(form.getByRole('status')).toHaveText(/ya habían recibido este aviso/);

	const drained = await admin().functions.invoke('notify', { body: {} });
	expect(drained.error).toBeNull();
	// The cron job may be draining the outbox at the same moment: wait for the mail rather than for this run.
	await expect.poll(async () => (await latestMail(contact.email))?.subject, { timeout: 15_000 }).toBe('Alerta técnica (media): Cambio del certificado raíz del servicio de sellado de tiempo de Quetzal');
	await expect.poll(async () => (await latestMail(member.email))?.subject, { timeout: 15_000 }).toMatch(/^Technical alert \(medium\): /);

	// To organisations chosen by hand, as resolved.
	await form.getByLabel('Alerta resuelta').check();
	await form.getByLabel('Las organizaciones que elija').check();
	await form.getByRole('button', { name: 'Avisar de que está resuelta' }).click();
	await expect(form.getByText('Elige al menos una organización.')).toBeVisible();
	await form.getByRole('checkbox', { name: /Usuarios de Firma/ }).check();
	await form.getByRole('button', { name: 'Avisar de que está resuelta' }).click();
	await expect(form.getByRole('status')).toHaveText('Aviso en cola. Personas: 2; organizaciones: 1.');
});

test('staff hide a comment and show it again', async ({ page }) => {
	const reader = await person('Lectora Opina');
	const body = `Este comentario no aporta nada ${randomUUID().slice(0, 6)}`;
	const posted = await reader.client.rpc('post_comment', { article: 'guias/integracion-ldap', body });
	expect(posted.error).toBeNull();

	await signInAs(page, await staffMember('Agente Modera'));
	await page.goto('/admin/?seccion=comentarios');
	const item = page.getByRole('listitem').filter({ hasText: body });
	await expect(item).toContainText('Lectora Opina');
	expect(await serious(page)).toEqual([]);
	await item.getByRole('button', { name: 'Ocultar el comentario de Lectora Opina' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Comentario oculto.' })).toBeVisible();
	await expect(item.getByText('Oculto', { exact: true })).toBeVisible();
	const { data: hidden } = await admin().from('article_comments').select('hidden_at, hidden_by').eq('id', posted.data.id).single();
	expect(hidden!.hidden_at).not.toBeNull();

	await page.getByLabel('Mostrar', { exact: true }).selectOption('hidden');
	await expect(page.getByRole('listitem').filter({ hasText: body })).toBeVisible();
	await page.getByRole('listitem').filter({ hasText: body }).getByRole('button', { name: 'Volver a mostrar el comentario de Lectora Opina' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'El comentario vuelve a verse.' })).toBeVisible();
	const { data: shown } = await admin().from('article_comments').select('hidden_at').eq('id', posted.data.id).single();
	expect(shown!.hidden_at).toBeNull();
});

test('an admin creates an organisation, issues a code, a new user joins, becomes an authorized contact, and the plan’s limit is shown', async ({ page, context }) => {
	test.setTimeout(90_000);
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await signInAs(page, await staffMember('Admin Organiza', 'admin'));
	await page.goto('/admin/?seccion=organizaciones');
	const name = `Notaría ${randomUUID().slice(0, 6)}`;
	const create = page.locator('form', { has: page.getByRole('button', { name: 'Crear la organización' }) });
	await create.getByLabel('Nombre').fill(name);
	await create.getByLabel('Plan').selectOption('estandar');
	await expect(create.getByText('Permite 2 contactos autorizados (coordinadores incluidos).')).toBeVisible();
	await expect(create.getByLabel('Zona horaria')).toHaveValue('America/Mexico_City');
	// The end before the start is refused next to the field.
	await create.getByLabel('Inicio del contrato').fill('2026-01-01');
	await create.getByLabel('Fin del contrato').fill('2025-12-31');
	await create.getByRole('button', { name: 'Crear la organización' }).click();
	await expect(create.getByLabel('Fin del contrato')).toBeFocused();
	await expect(create.getByLabel('Fin del contrato')).toHaveAttribute('aria-invalid', 'true');
	await create.getByLabel('Fin del contrato').fill('2027-12-31');
	expect(await serious(page)).toEqual([]);
	await create.getByRole('button', { name: 'Crear la organización' }).click();
	await expect(create.getByRole('status')).toContainText(`Se ha creado «${name}».`);
	const { data: org } = await admin().from('organisations').select('id, plan_id, contract_start, contract_end, timezone').eq('name', name).single();
	expect(org).toMatchObject({ plan_id: 'estandar', contract_start: '2026-01-01', contract_end: '2027-12-31', timezone: 'America/Mexico_City' });

	await create.getByRole('link', { name: `Gestionar ${name}` }).click();
	await expect(page.getByRole('heading', { name })).toBeVisible();
	await page.getByRole('button', { name: 'Crear un código' }).click();
	const code = (await page.getByTestId('invitation-code').textContent())!.trim();
	expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
	await expect(page.getByText('Cópialo ahora: solo se guarda su huella y no se podrá volver a mostrar.')).toBeVisible();
	await page.getByRole('button', { name: 'Copiar el código' }).click();
	await expect(page.getByText('Código copiado.')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
	expect(await serious(page)).toEqual([]);

	// Three new people join with the code, each through their own client.
	const joiners = await Promise.all(['Ana Uno', 'Beto Dos', 'Carla Tres'].map((n) => person(n)));
	for (const j of joiners) {
		const joined = await j.client.rpc('join_organisation', { code });
		expect(joined).toMatchObject({ error: null, data: org!.id });
	}
	await page.getByRole('button', { name: 'Actualizar la lista' }).click();
	for (const [i, j] of joiners.slice(0, 2).entries()) {
		const row = page.locator('form.admin-member', { has: page.getByLabel(`Rol de ${j.name}`) });
		await row.getByLabel(`Rol de ${j.name}`).selectOption('authorized_contact');
		await row.getByRole('button', { name: 'Guardar' }).click();
		await expect(page.getByRole('status').filter({ hasText: `${j.name} es ahora Contacto autorizado.` })).toBeVisible();
		await expect(page.locator('dd').filter({ hasText: / de 2$/ })).toHaveText(`${i + 1} de 2`);
	}
	const third = page.locator('form.admin-member', { has: page.getByLabel('Rol de Carla Tres') });
	await third.getByLabel('Rol de Carla Tres').selectOption('authorized_contact');
	await third.getByRole('button', { name: 'Guardar' }).click();
	const limit = 'Su plan (Soporte estándar) permite 2 contactos autorizados (coordinadores incluidos) y ya están todos asignados. Pasa a alguien a miembro antes de añadir otro.';
	await expect(third.getByText(limit)).toBeVisible();
	await expect(third.getByLabel('Rol de Carla Tres')).toHaveAttribute('aria-invalid', 'true');
	await expect(third.getByLabel('Rol de Carla Tres')).toBeFocused();
	expect(await serious(page)).toEqual([]);
	const { data: roles } = await admin().from('memberships').select('user_id, role').eq('organisation_id', org!.id);
	expect(Object.fromEntries(roles!.map((r) => [r.user_id, r.role]))).toEqual({
		[joiners[0].id]: 'authorized_contact',
		[joiners[1].id]: 'authorized_contact',
		[joiners[2].id]: 'member',
	});

	// Revoking the code: nobody joins with it afterwards.
	await page.getByRole('button', { name: /^Revocar el código creado / }).click();
	await expect(page.getByText('Código revocado: ya nadie puede unirse con él.')).toBeVisible();
	await expect(page.locator('.admin-list .mostrador-badge').first()).toHaveText('Revocado');
	const late = await person('Diego Tarde');
	expect((await late.client.rpc('join_organisation', { code })).error?.message).toBe('invitation_revoked');

	// Removing someone asks once more, in the row; cancelling puts the focus back.
	await page.getByRole('button', { name: 'Quitar a Carla Tres de la organización' }).click();
	await expect(page.getByRole('button', { name: 'Sí, quitar' })).toBeFocused();
	await expect(page.getByText(`¿Quitar a Carla Tres de ${name}?`)).toBeVisible();
	await page.getByRole('button', { name: 'Cancelar' }).click();
	await expect(page.getByRole('button', { name: 'Quitar a Carla Tres de la organización' })).toBeFocused();
	await page.getByRole('button', { name: 'Quitar a Carla Tres de la organización' }).click();
	expect(await serious(page)).toEqual([]);
	await page.getByRole('button', { name: 'Sí, quitar' }).click();
	await expect(page.getByRole('status').filter({ hasText: `Carla Tres ya no pertenece a ${name}.` })).toBeVisible();
	await expect(page.getByLabel('Rol de Carla Tres')).toHaveCount(0);
	const { data: left } = await admin().from('memberships').select('user_id').eq('organisation_id', org!.id);
	expect(left!.map((r) => r.user_id).sort()).toEqual([joiners[0].id, joiners[1].id].sort());
});
