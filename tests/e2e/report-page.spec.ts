// The printable monthly report (/soporte/informe/?org=<id>&mes=YYYY-MM), in Chromium against the built
// site and the local stack: a coordinator reads their organisation's month with the SLA figures
// sla_attainment gives them, and prints it without the controls; a plain member and another
// organisation's coordinator are told who the report is for; signed out, the page says how to sign in;
// axe-core finds nothing serious in any of those states.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { admin, organisation, person, signInAs, type Person } from './backend.ts';
import { summariseAttainment } from '#shared/reports/attainment.ts';
import { formatRate } from '#shared/reports/format.ts';

const MONTH = '2026-02';
const REFUSED = 'Este informe es para los coordinadores de la organización y el equipo de soporte.';

interface World {
	coordinator: Person;
	member: Person;
	org: string;
	name: string;
	subjects: string[];
}

/** An organisation with a coordinator and a plain member, and three tickets of February answered and closed, one first response late. */
async function world(tag: string): Promise<World> {
	const [coordinator, member] = await Promise.all([person(`Coordinadora ${tag}`), person(`Miembro ${tag}`)]);
	const org = await organisation(`Informe ${tag}`, [
		{ person: coordinator, role: 'coordinator' },
		{ person: member, role: 'member' },
	]);
	const { data: o } = await admin().from('organisations').select('name').eq('id', org).single();
	const subjects = [`Febrero a tiempo ${tag}`, `Febrero tarde ${tag}`, `Febrero <b>sin</b> formato ${tag}`];
	const base = { organisation_id: org, requester_id: coordinator.id, programme_id: 'estandar-extendido', plan_id: 'estandar', environment: 'production', description: 'Sembrado.', status: 'closed', close_reason: 'staff' };
	const { error } = await admin()
		.from('tickets')
		.insert([
			{ ...base, severity_key: 'P1', subject: subjects[0], created_at: '2026-02-03T15:00:00Z', first_response_due_at: '2026-02-03T19:00:00Z', first_response_at: '2026-02-03T16:00:00Z', closed_at: '2026-02-04T15:00:00Z' },
			{ ...base, severity_key: 'P2', subject: subjects[1], created_at: '2026-02-10T15:00:00Z', first_response_due_at: '2026-02-10T23:00:00Z', first_response_at: '2026-02-11T15:00:00Z', closed_at: '2026-02-12T15:00:00Z' },
			{ ...base, severity_key: 'P2', subject: subjects[2], created_at: '2026-02-20T15:00:00Z', first_response_due_at: '2026-02-20T23:00:00Z', first_response_at: '2026-02-20T16:00:00Z', closed_at: '2026-03-02T15:00:00Z' },
		]);
	if (error) throw error;
	return { coordinator, member, org, name: o!.name, subjects };
}

async function expectNoSeriousViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a coordinator reads their organisation’s month with sla_attainment’s figures, and prints it without the controls', async ({ page }) => {
	const w = await world(randomUUID().slice(0, 6));
	await signInAs(page, w.coordinator);
	await page.goto(`/soporte/informe/?org=${w.org}&mes=${MONTH}`);
	await expect(page.getByRole('heading', { level: 2, name: `${w.name}: febrero de 2026` })).toBeVisible();

	// The totals are the coordinator's own sla_attainment, summed.
	const { data: rows, error } = await w.coordinator.client.rpc('sla_attainment', { from_month: `${MONTH}-01`, to_month: `${MONTH}-01`, organisation: w.org });
	expect(error).toBeNull();
	const sla = summariseAttainment(rows);
	expect(sla.first_response).toMatchObject({ measured: 3, on_time: 2 });
	const shown = (m: { on_time: number; measured: number; rate: number | null }) => `${m.on_time} de ${m.measured} (${formatRate(m.rate!, 'es')})`;
	const total = page.locator('.report-sla tfoot');
	await expect(total.locator('[data-measure="first-response"]')).toHaveText(shown(sla.first_response));
	await expect(total.locator('[data-measure="escalation"]')).toHaveText(shown(sla.escalation));
	await expect(total.locator('[data-measure="updates"]')).toHaveText(shown(sla.updates));
	await expect(total.locator('td').first()).toHaveText('3');
	await expect(page.locator('.report-commitments')).toContainText('no cumplido');

	// The month's incidents: three opened, two closed in February (the third closed in March); subjects as text.
	const opened = page.getByRole('region', { name: /Tickets abiertos \(3\)/ });
	await expect(opened.locator('tbody tr')).toHaveCount(3);
	await expect(opened.locator('tbody')).toContainText(w.subjects[2]);
	await expect(page.getByRole('region', { name: /Tickets cerrados \(2\)/ }).locator('tbody tr')).toHaveCount(2);
	await expect(page.locator('.report-docs')).toContainText('Artículos actualizados');
	await expectNoSeriousViolations(page);

	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.report-controls')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Imprimir o guardar en PDF' })).toBeHidden();
	await expect(page.locator('.report-sla table')).toBeVisible();
});

test('in English, a coordinator with one organisation gets it without choosing', async ({ page }) => {
	const w = await world(randomUUID().slice(0, 6));
	await signInAs(page, w.coordinator);
	await page.goto(`/en/soporte/informe/?mes=${MONTH}`);
	await expect(page.getByRole('heading', { level: 2, name: `${w.name}: February 2026` })).toBeVisible();
	await expect(page.getByLabel('Organisation')).toHaveValue(w.org);
	await expect(page.locator('.report-sla tfoot [data-measure="first-response"]')).toHaveText(`2 of 3 (${formatRate(0.6667, 'en')})`);
	await expectNoSeriousViolations(page);
});

test('a plain member and another organisation’s coordinator are refused; signed out, the page says how to sign in', async ({ page, browser }) => {
	const w = await world(randomUUID().slice(0, 6));
	await signInAs(page, w.member);
	await page.goto(`/soporte/informe/?org=${w.org}&mes=${MONTH}`);
	await expect(page.getByText(REFUSED)).toBeVisible();
	await expect(page.locator('.report')).toHaveCount(0);
	await expectNoSeriousViolations(page);

	const other = await world(randomUUID().slice(0, 6));
	const context = await browser.newContext();
	const otherPage = await context.newPage();
	await signInAs(otherPage, other.coordinator);
	await otherPage.goto(`/soporte/informe/?org=${w.org}&mes=${MONTH}`);
	await expect(otherPage.getByText(REFUSED)).toBeVisible();
	await expect(otherPage.getByText(w.subjects[0])).toHaveCount(0);
	await context.close();

	const signedOut = await browser.newContext();
	const anonymous = await signedOut.newPage();
	await anonymous.goto('/soporte/informe/');
	await expect(anonymous.getByText('Inicia sesión para ver el informe mensual de tu organización.')).toBeVisible();
	await expect(anonymous.getByRole('link', { name: 'Iniciar sesión', exact: true })).toHaveAttribute('href', '/cuenta/');
	await expectNoSeriousViolations(anonymous);
	await signedOut.close();
});
