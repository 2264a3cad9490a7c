// The pages render the very figures in content/support: read the data, compare cell by cell.
import { expect, test } from '@playwright/test';
import { loadActiveProgramme, loadProgramme, programmeIds } from '../../src/lib/support-data.ts';
import { pickText, targetsOf } from '#shared/programme.ts';

const programme = loadActiveProgramme();

test('"Tiempos de respuesta" shows every target of every plan', async ({ page }) => {
	await page.goto('/soporte/tiempos-de-respuesta/');
	for (const plan of programme.plans) {
		const table = page.locator(`table[data-plan="${plan.id}"]`);
		await expect(table).toBeVisible();
		for (const severity of programme.severities) {
			const row = table.locator(`tr[data-severity="${severity.key}"]`);
			const cell = row.locator('td[data-target="firstResponse"]');
			const minutes = targetsOf(plan)[severity.key].firstResponse;
			await expect(cell).toHaveAttribute('data-minutes', String(minutes));
			// The words carry the same number of hours the data says.
			const hours = Math.floor(minutes / 60);
			await expect(cell).toContainText(new RegExp(`\\b${hours} horas?\\b`));
		}
	}
	// The office-hours plan speaks of business hours; the 24/7 one does not.
	await expect(page.locator('table[data-plan="estandar"] td[data-target="firstResponse"]').first()).toContainText('hábiles');
	await expect(page.locator('table[data-plan="extendido"] td[data-target="firstResponse"]').first()).not.toContainText('hábiles');
});

test('"Niveles de soporte" shows each plan\'s contacts, quota and hours', async ({ page }) => {
	await page.goto('/soporte/niveles-de-soporte/');
	for (const plan of programme.plans) {
		const contacts = page.locator(`td[data-plan="${plan.id}"][data-field="authorizedContacts"]`);
		await expect(contacts).toHaveText(plan.authorizedContacts === 'unlimited' ? 'Ilimitados' : String(plan.authorizedContacts));
		const quota = page.locator(`td[data-plan="${plan.id}"][data-field="quota"]`);
		await expect(quota).toContainText(plan.quota === 'unlimited' ? 'Ilimitados' : String(plan.quota.perMonth));
	}
	const office = programme.calendars.find((c) => c.holidays.length > 0)!;
	const section = page.locator(`section[data-calendar="${office.id}"]`);
	await section.getByText(/Días festivos/).click();
	await expect(section.locator('li')).toHaveCount(office.holidays.length);
	await expect(page.locator('[data-rule="auto-close"]')).toContainText(`${programme.rules.autoClose!.afterDays} días`);
});

test('"Prioridades" lists the severity scale with its criteria', async ({ page }) => {
	await page.goto('/soporte/prioridades/');
	await expect(page.locator('tr[data-severity]')).toHaveCount(programme.severities.length);
	await expect(page.locator(`tr[data-severity="${programme.severities[0].key}"]`)).toContainText('Producción');
});

test('the English pages show the same figures in English', async ({ page }) => {
	await page.goto('/en/soporte/tiempos-de-respuesta/');
	const plan = programme.plans[0];
	const sev = programme.severities[0];
	const cell = page.locator(`table[data-plan="${plan.id}"] tr[data-severity="${sev.key}"] td[data-target="firstResponse"]`);
	await expect(cell).toHaveAttribute('data-minutes', String(targetsOf(plan)[sev.key].firstResponse));
	await expect(cell).toContainText('hours');
});

test('the version policy page shows each version\'s support status', async ({ page }) => {
	await page.goto('/soporte/politica-de-versiones/');
	const docs = page.locator('table[data-product="quetzal-docs"]');
	await expect(docs.locator('tr[data-version="5.1"]')).toHaveAttribute('data-status', 'current');
	await expect(docs.locator('tr[data-version="4.2"]')).toHaveAttribute('data-status', 'supported');
	await expect(docs.locator('tr[data-version="3.4"]')).toHaveAttribute('data-status', 'end-of-life');
});

test('every programme has its own terms page, from its data, in Spanish and English', async ({ page }) => {
	for (const id of programmeIds()) {
		const p = loadProgramme(id);
		await page.goto(`/soporte/programas/${id}/`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Programa de soporte: ${pickText(p.name, 'es')}`);
		const terms = page.locator(`.programme-terms[data-programme="${id}"]`);
		for (const plan of p.plans) await expect(terms.locator(`th[data-plan="${plan.id}"]`)).toHaveText(pickText(plan.name, 'es'));
		await expect(terms.locator('h2#severities + * tr[data-severity]')).toHaveCount(p.severities.length);
		await page.goto(`/en/soporte/programas/${id}/`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Support programme: ${pickText(p.name, 'en')}`);
	}
});

test('each programme\'s terms page says what is distinctive about it', async ({ page }) => {
	// Soporte nativo: counted round the clock, 30 minutes to the first response on a critical incident,
	// and the phone channel callable from the page.
	await page.goto('/soporte/programas/soporte-nativo/');
	const critical = page.locator('table[data-plan="nativo"] tr[data-severity="critico"] td[data-target="firstResponse"]');
	await expect(critical).toHaveAttribute('data-minutes', '30');
	await expect(critical).toHaveText('30 minutos');
	await expect(page.locator('td[data-plan="nativo"][data-field="channels"] a[href="tel:+525550000000"]')).toHaveText('Teléfono');
	await expect(page.locator('[data-rule="auto-close"]')).toContainText('no se cierra automáticamente');
	await expect(page.locator('[data-rule="commitments"] li')).toHaveCount(2);

	// Membresía: best effort, so no times anywhere, and every member opens tickets.
	await page.goto('/soporte/programas/membresia/');
	const terms = page.locator('.programme-terms[data-programme="membresia"]');
	await expect(terms.locator('p[data-plan="mantenimiento"][data-targets="best-effort"]')).toContainText('mejor esfuerzo: sin tiempos de respuesta comprometidos');
	await expect(terms.locator('td[data-plan="mantenimiento"][data-field="targets"]')).toHaveText('Mejor esfuerzo, sin tiempos comprometidos');
	await expect(terms.locator('table[data-plan]')).toHaveCount(0);
	await expect(terms.locator('td[data-minutes]')).toHaveCount(0);
	await expect(terms.locator('td[data-plan="mantenimiento"][data-field="whoMayOpen"]')).toHaveText('Todos los miembros de la organización');
	await expect(terms.locator('[data-rule="commitments"]')).toHaveText('Este programa no establece compromisos de cumplimiento de tiempos.');
	await expect(terms.locator('[data-rule="version-policy"]')).toContainText('las 2 versiones mayores más recientes');
	await page.goto('/en/soporte/programas/membresia/');
	await expect(page.locator('p[data-targets="best-effort"]')).toContainText('best-effort basis: no response times are committed');

	// Comunidad: no tickets at all; the community, the partners and the free certification instead.
	const comunidad = loadProgramme('comunidad');
	for (const [lang, prefix] of [['es', ''], ['en', '/en']] as const) {
		await page.goto(`${prefix}/soporte/programas/comunidad/`);
		const c = page.locator('.programme-terms[data-programme="comunidad"]');
		await expect(c).toHaveAttribute('data-customer-tickets', 'false');
		await expect(c.locator('[data-no-tickets] a')).toHaveText(
			lang === 'es'
				? ['Los canales de la comunidad, con el mejor esfuerzo', 'Los socios, que ofrecen soporte profesional', 'La certificación, para validar lo que sabes']
				: ['The community channels, on a best-effort basis', 'The partners, who offer professional support', 'The certification, to validate what you know'],
		);
		await expect(c.locator('h2#plans, h2#severities, h2#times, table[data-plan], [data-rule="auto-close"]')).toHaveCount(0);
		await expect(c.locator('.community tr[data-channel]')).toHaveCount(comunidad.community!.channels.length);
		await expect(c.locator('.community a').first()).toHaveAttribute('href', comunidad.community!.channels[0].url);
		await expect(c.locator('[data-community="expectations"]')).toHaveText(pickText(comunidad.community!.expectations, lang));
		await expect(c.locator('tr[data-partner]')).toHaveCount(comunidad.partners.length);
		await expect(c.locator('tr[data-partner="norte-sistemas"] [data-offer]')).toHaveCount(6);
		await expect(c.locator('.certification [data-certification="price"]')).toHaveText(lang === 'es' ? 'Gratuita' : 'Free');
		await expect(c.locator('.certification')).toContainText(pickText(comunidad.certification!.name, lang));
		await expect(c.getByRole('link', { name: /Abrir un ticket|Open a ticket/ })).toHaveCount(0);
	}
});

test('the community, partner and certification articles show the site\'s programme\'s data', async ({ page }) => {
	await page.goto('/soporte/comunidad/');
	const channels = programme.community!.channels;
	await expect(page.locator('.community tr[data-channel] a')).toHaveText(channels.map((c) => pickText(c.name, 'es')));
	await expect(page.locator('[data-community="expectations"]')).toHaveText(pickText(programme.community!.expectations, 'es'));
	// The site's programme takes tickets: a guaranteed time is a ticket away.
	await expect(page.locator('[data-community="guarantee"] a')).toHaveAttribute('href', '/soporte/como-abrir-un-buen-ticket/');
	await page.goto('/en/soporte/comunidad/');
	await expect(page.locator('.community tr[data-channel] a')).toHaveText(channels.map((c) => pickText(c.name, 'en')));

	await page.goto('/soporte/socios/');
	await expect(page.locator('.partner-directory tr[data-partner]')).toHaveCount(programme.partners.length);
	const first = programme.partners[0];
	const row = page.locator(`tr[data-partner="${first.id}"]`);
	await expect(row.getByRole('link', { name: first.name })).toHaveAttribute('href', first.url);
	await expect(row).toContainText(pickText(first.hours!, 'es'));

	await page.goto('/soporte/certificacion/');
	const cert = programme.certification!;
	await expect(page.locator('.certification')).toContainText(pickText(cert.name, 'es'));
	await expect(page.locator('.certification ol li')).toHaveCount(cert.topics.length);
	await expect(page.locator('.certification [data-certification="price"]')).toHaveText('Gratuita');
});
