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
