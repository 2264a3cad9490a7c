// The SLA dashboard (/soporte/sla/), in Chromium against the built site and the local stack, with
// tickets of known SLA stamps in the two months before this one: the figures in its tables equal what
// public.sla_attainment and public.ticket_volume give the same caller (the acceptance test); the
// CSV download is the table; a coordinator sees their organisation and is refused another's, also by
// its id in the address; staff choose any organisation; members and signed-out readers are told whom
// the page is for; and axe-core finds nothing serious in any of those states.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { admin, organisation, person, signInAs, staff, type Person } from './backend.ts';

// One seeded world for every test; a loaded machine makes axe and the charts slow.
test.describe.configure({ mode: 'serial', timeout: 60_000 });

/** 'YYYY-MM' of `n` months before this one (UTC, as the browser here counts them). */
function monthsAgo(n: number): string {
	const now = new Date();
	const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1));
	return d.toISOString().slice(0, 7);
}
const HOUR = 3_600_000;
const at = (iso: string, plusMs: number) => new Date(Date.parse(iso) + plusMs).toISOString();

interface Seed {
	/** Day of the month (10–20, far from any month boundary in Mexico City) and hour, UTC. */
	month: string;
	day: number;
	severity: 'P1' | 'P2' | 'P3' | 'P4';
	product: string | null;
	version?: string;
	channel: 'web' | 'email' | 'phone' | 'chat';
	/** Hours from creation to the first response; null for none. */
	answeredAfter: number | null;
	/** Hours from creation to the first-response due. */
	dueAfter: number;
	breaches?: ('first_response' | 'update' | 'escalation')[];
}

/**
 * A ticket opened through create_ticket (as the tickets function does, opened now), then given the
 * stamps of a past month by the service role, closed so that the SLA sweep leaves it alone.
 */
async function seedTicket(org: string, requester: Person, s: Seed): Promise<void> {
	const { data, error } = await admin().rpc('create_ticket', {
		ticket: {
			organisation_id: org,
			requester_id: requester.id,
			severity: s.severity,
			subject: `Panel de SLA ${randomUUID().slice(0, 6)}`,
			description: 'Ticket sembrado para el panel de SLA.',
			environment: 'production',
			product_id: s.product,
			version: s.version ?? null,
			channel: s.channel,
			opened_at: new Date().toISOString(),
		},
	});
	if (error) throw new Error(`create_ticket: ${error.message}`);
	const created = `${s.month}-${String(s.day).padStart(2, '0')}T16:00:00Z`;
	const due = at(created, s.dueAfter * HOUR);
	const stamps: Record<string, string | null> = {
		created_at: created,
		first_response_due_at: due,
		first_response_at: s.answeredAfter === null ? null : at(created, s.answeredAfter * HOUR),
		status: 'closed',
		close_reason: 'staff',
	};
	for (const b of s.breaches ?? []) stamps[`${b}_breached_at`] = b === 'first_response' ? due : at(created, 30 * HOUR);
	const updated = await admin().from('tickets').update(stamps).eq('id', data.id);
	if (updated.error) throw new Error(`stamps: ${updated.error.message}`);
}

interface World {
	coordinator: Person;
	member: Person;
	otherCoordinator: Person;
	agent: Person;
	org: string;
	orgName: string;
	other: string;
}

const older = monthsAgo(2);
const newer = monthsAgo(1);
let world: World;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	const [coordinator, contact, member, otherCoordinator, otherContact, agent] = await Promise.all([
		person('Coordinadora Panel'),
		person('Contacto Panel'),
		person('Miembro Panel'),
		person('Coordinador Otro'),
		person('Contacto Otro'),
		person('Agente Panel'),
	]);
	const tag = randomUUID().slice(0, 6);
	const orgName = `Panel ${tag}`;
	const org = await organisation(orgName, [
		{ person: coordinator, role: 'coordinator' },
		{ person: contact, role: 'authorized_contact' },
		{ person: member, role: 'member' },
	]);
	const other = await organisation(`Otra ${tag}`, [
		{ person: otherCoordinator, role: 'coordinator' },
		{ person: otherContact, role: 'authorized_contact' },
	]);
	await staff(agent);
	const { data } = await admin().from('organisations').select('name').eq('id', org).single();
	const seeds: Seed[] = [
		// The older month: one late first response, one missed escalation, one ticket about no product.
		{ month: older, day: 10, severity: 'P3', product: 'quetzal-docs', version: '5.1', channel: 'web', dueAfter: 24, answeredAfter: 2 },
		{ month: older, day: 11, severity: 'P3', product: 'quetzal-docs', version: '5.1', channel: 'email', dueAfter: 24, answeredAfter: 26, breaches: ['first_response'] },
		{ month: older, day: 12, severity: 'P1', product: 'quetzal-firma', version: '3.0', channel: 'phone', dueAfter: 4, answeredAfter: 1, breaches: ['escalation'] },
		{ month: older, day: 13, severity: 'P3', product: null, channel: 'chat', dueAfter: 24, answeredAfter: 3 },
		// The newer month: an update breach, and a first response never given whose due has passed.
		{ month: newer, day: 14, severity: 'P2', product: 'quetzal-docs', version: '5.1', channel: 'web', dueAfter: 8, answeredAfter: 1 },
		{ month: newer, day: 15, severity: 'P2', product: 'quetzal-docs', version: '5.1', channel: 'web', dueAfter: 8, answeredAfter: 2, breaches: ['update'] },
		{ month: newer, day: 16, severity: 'P4', product: 'cargador', version: '1.1', channel: 'email', dueAfter: 42, answeredAfter: null },
	];
	for (const s of seeds) await seedTicket(org, contact, s);
	// Another organisation's tickets in the same months, which the coordinator must never see counted.
	await seedTicket(other, otherContact, { month: newer, day: 14, severity: 'P1', product: 'quetzal-docs', version: '5.1', channel: 'phone', dueAfter: 4, answeredAfter: 6, breaches: ['first_response'] });
	await seedTicket(other, otherContact, { month: older, day: 17, severity: 'P4', product: null, channel: 'web', dueAfter: 42, answeredAfter: 1 });
	world = { coordinator, member, otherCoordinator, agent, org, orgName: data!.name, other };
});

const SEVERITY: Record<string, string> = {
	P1: 'Prioridad 1 — sistema productivo caído',
	P2: 'Prioridad 2 — impacto serio',
	P3: 'Prioridad 3 — impacto medio',
	P4: 'Prioridad 4 — impacto bajo',
};
const percent = (rate: number) => new Intl.NumberFormat('es', { style: 'percent', maximumFractionDigits: 2 }).format(rate);
const yesNo = (b: boolean | null) => (b === null ? '' : b ? 'Sí' : 'No');
const blank = (n: number | null) => (n === null ? '' : String(n));

interface AttainmentRow {
	month: string;
	plan_id: string;
	severity_key: string;
	tickets: number;
	first_responses_measured: number;
	first_responses_on_time: number;
	first_response_rate: number | null;
	first_response_commitment: number;
	first_response_met: boolean | null;
	updates_measured: number;
	updates_on_time: number;
	update_rate: number | null;
	escalations_measured: number;
	escalations_on_time: number;
	escalation_rate: number | null;
	escalation_commitment: number;
	escalation_met: boolean | null;
	met: boolean | null;
}

async function rpc<T>(who: Person, fn: string, organisation: string | null, from = older, to = monthsAgo(0)): Promise<T[]> {
	const { data, error } = await who.client.rpc(fn, { from_month: `${from}-01`, to_month: `${to}-01`, organisation });
	if (error) throw new Error(`${fn}: ${error.message}`);
	return data as T[];
}

/** A breakdown table row as the CSV holds it (each cell's value, or its text), from an RPC row. */
function breakdownRow(r: AttainmentRow): string[] {
	return [
		r.month, 'Soporte estándar', SEVERITY[r.severity_key], String(r.tickets),
		String(r.first_responses_measured), String(r.first_responses_on_time), blank(r.first_response_rate), String(r.first_response_commitment), yesNo(r.first_response_met),
		String(r.updates_measured), String(r.updates_on_time), blank(r.update_rate),
		String(r.escalations_measured), String(r.escalations_on_time), blank(r.escalation_rate), String(r.escalation_commitment), yesNo(r.escalation_met),
		yesNo(r.met),
	];
}

/** Each body cell of a table: its text and the value it carries for the CSV. */
async function tableCells(page: Page, id: string): Promise<{ text: string; value: string | null }[][]> {
	return page.locator(`table#${id}`).evaluate((table) =>
		[...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => ({ text: (c.textContent ?? '').trim(), value: c.getAttribute('data-value') }))),
	);
}
const csvValues = (cells: { text: string; value: string | null }[][]) => cells.map((row) => row.map((c) => c.value ?? c.text));

/** RFC 4180 CSV, as the dashboard writes it (with a byte-order mark). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const body = text.replace(/^\ufeff/, '');
	for (let i = 0; i < body.length; i++) {
		const ch = body[i];
		if (quoted) {
			if (ch === '"' && body[i + 1] === '"') (field += '"'), i++;
			else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') row.push(field), (field = '');
		else if (ch === '\r' && body[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
		else field += ch;
	}
	return rows;
}

async function expectNoSeriousViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a coordinator sees their organisation’s figures, equal to the attainment RPC’s, and downloads the table as CSV', async ({ page }) => {
	await signInAs(page, world.coordinator);
	await page.goto('/soporte/sla/');
	await expect(page.getByRole('heading', { level: 1, name: 'Panel de SLA' })).toBeVisible();
	await expect(page.getByLabel('Organización')).toHaveValue(world.org);
	await expect(page.getByLabel('Desde el mes')).toHaveValue(monthsAgo(5));
	await expect(page.getByLabel('Hasta el mes')).toHaveValue(monthsAgo(0));
	await expect(page.getByRole('status').filter({ hasText: `${world.orgName}: de ` })).toBeVisible();

	// The breakdown is public.sla_attainment's rows for the same caller and range, one for one.
	const expected = await rpc<AttainmentRow>(world.coordinator, 'sla_attainment', world.org, monthsAgo(5), monthsAgo(0));
	expect(expected.map((r) => [r.month.slice(0, 7), r.severity_key, r.tickets])).toEqual([
		[older, 'P1', 1],
		[older, 'P3', 3],
		[newer, 'P2', 2],
		[newer, 'P4', 1],
	]);
	const breakdown = await tableCells(page, 'sla-breakdown');
	expect(csvValues(breakdown)).toEqual(expected.map(breakdownRow));
	// Rates read as percentages of exactly the RPC's fraction; nothing measured reads as such.
	const rateColumns = [6, 11, 14] as const;
	const rates = (r: AttainmentRow) => [r.first_response_rate, r.update_rate, r.escalation_rate];
	expect(breakdown.map((row) => rateColumns.map((i) => row[i].text.replace(/\s/g, ' ')))).toEqual(
		expected.map((r) => rates(r).map((rate) => (rate === null ? 'Sin medir' : percent(rate).replace(/\s/g, ' ')))),
	);
	// Late first response in the older month (3 P3, one late: 66,67 %), an unanswered P4 past its due in the newer.
	expect(breakdown[1][6].text.replace(/\s/g, ' ')).toBe('66,67 %');
	expect(breakdown[3].slice(4, 7).map((c) => c.value)).toEqual(['1', '0', '0']);

	// The month table adds the rows up: tickets and first responses per month.
	const months = await tableCells(page, 'sla-attainment');
	const sum = (month: string, k: keyof AttainmentRow) => expected.filter((r) => r.month.startsWith(month)).reduce((s, r) => s + (r[k] as number), 0);
	expect(months.map((row) => row.slice(0, 5).map((c) => c.value))).toEqual(
		[older, newer].map((m) => [`${m}-01`, String(sum(m, 'tickets')), String(sum(m, 'first_responses_measured')), String(sum(m, 'first_responses_on_time')), String(Math.round((sum(m, 'first_responses_on_time') * 10_000) / sum(m, 'first_responses_measured')) / 10_000)]),
	);

	// Volume by channel and product equals public.ticket_volume's, pivoted by month.
	const volume = await rpc<{ month: string; product_id: string | null; channel: string; tickets: number }>(world.coordinator, 'ticket_volume', world.org, monthsAgo(5), monthsAgo(0));
	const count = (month: string, pick: (v: (typeof volume)[number]) => boolean) => String(volume.filter((v) => v.month.startsWith(month) && pick(v)).reduce((s, v) => s + v.tickets, 0));
	await expect(page.locator('table#volume-channel thead th[scope="col"]')).toHaveText(['Mes', 'Web', 'Correo', 'Teléfono', 'Chat', 'Total']);
	expect(csvValues(await tableCells(page, 'volume-channel'))).toEqual(
		[older, newer].map((m) => [`${m}-01`, ...['web', 'email', 'phone', 'chat'].map((ch) => count(m, (v) => v.channel === ch)), count(m, () => true)]),
	);
	await expect(page.locator('table#volume-product thead th[scope="col"]')).toHaveText(['Mes', 'Quetzal Docs', 'Quetzal Firma', 'Quetzal Cargador', 'Sin producto', 'Total']);
	expect(csvValues(await tableCells(page, 'volume-product'))).toEqual([
		[`${older}-01`, '2', '1', '0', '1', '4'],
		[`${newer}-01`, '2', '0', '1', '0', '3'],
	]);
	// Breaches by priority: the late P3 first response, the P1 escalation, the P2 update, the unanswered P4.
	expect(csvValues(await tableCells(page, 'sla-breaches')).map((r) => [r[0], r[1], r[5]])).toEqual([
		[`${older}-01`, SEVERITY.P1, '1'],
		[`${older}-01`, SEVERITY.P3, '1'],
		[`${newer}-01`, SEVERITY.P2, '1'],
		[`${newer}-01`, SEVERITY.P4, '1'],
	]);

	// Charts are drawn (uPlot, loaded with the first chart), hidden from assistive technology, captioned.
	await expect(page.locator('.dashboard-chart-canvas canvas')).toHaveCount(4);
	await expect(page.locator('.dashboard-chart-canvas').first()).toHaveAttribute('aria-hidden', 'true');
	await expect(page.getByRole('figure', { name: /Porcentaje a tiempo por mes/ })).toContainText('Los datos de este gráfico están en la tabla «Cumplimiento por mes».');
	await expect(page.getByRole('figure', { name: /Porcentaje a tiempo por mes/ }).getByRole('listitem')).toHaveText([
		'Primeras respuestas a tiempo',
		'Actualizaciones a tiempo',
		'Escalamientos a tiempo',
		'Compromiso de primera respuesta (95 %)',
		'Compromiso de escalamiento (90 %)',
	]);

	// The CSV download is the table: Spanish headers, then each cell's value.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Descargar CSV de la tabla «Desglose por plan y prioridad»' }).click(),
	]);
	expect(download.suggestedFilename()).toBe(`sla-breakdown_${world.org}_${monthsAgo(5)}_${monthsAgo(0)}.csv`);
	const csv = parseCsv(await readFile((await download.path())!, 'utf8'));
	const groups = (g: string, extra: string[] = []) => ['Medidas', 'A tiempo', '% a tiempo', ...extra].map((c) => `${g}: ${c}`);
	expect(csv[0]).toEqual([
		'Mes', 'Plan', 'Prioridad', 'Tickets',
		...groups('Primera respuesta', ['Compromiso (%)', 'Cumple']),
		...groups('Actualizaciones'),
		...groups('Escalamiento', ['Compromiso (%)', 'Cumple']),
		'Cumple los compromisos',
	]);
	expect(csv.slice(1)).toEqual(csvValues(breakdown));

	await mkdir('tests/.tmp/screenshots', { recursive: true });
	// A window as tall as the page, so the sticky header and sidebar stay where they belong.
	await page.setViewportSize({ width: 1440, height: await page.evaluate(() => document.documentElement.scrollHeight) });
	await page.screenshot({ path: 'tests/.tmp/screenshots/dashboard.png' });
	await page.setViewportSize({ width: 1280, height: 720 });
	await expectNoSeriousViolations(page);
});

test('a coordinator is refused another organisation’s dashboard, also by its id in the address', async ({ page, browser, baseURL }) => {
	await signInAs(page, world.coordinator);
	await page.goto(`/soporte/sla/?org=${world.other}`);
	await expect(page.getByRole('alert')).toContainText('No puedes ver el panel de esa organización');
	await expect(page.locator('table')).toHaveCount(0);
	await expectNoSeriousViolations(page);
	// The way back shows their own.
	await page.getByRole('link', { name: 'Ver el panel de mis organizaciones' }).click();
	await expect(page.locator('table#sla-breakdown')).toBeVisible();

	// The other organisation's coordinator sees theirs, and not this one's tickets.
	const otherContext = await browser.newContext({ baseURL });
	const other = await otherContext.newPage();
	await signInAs(other, world.otherCoordinator);
	await other.goto(`/soporte/sla/?from=${older}&to=${newer}`);
	expect(csvValues(await (async () => (await other.locator('table#sla-attainment').waitFor(), tableCells(other, 'sla-attainment')))()).map((r) => [r[0], r[1]])).toEqual([
		[`${older}-01`, '1'],
		[`${newer}-01`, '1'],
	]);
	await other.goto(`/soporte/sla/?org=${world.org}`);
	await expect(other.getByRole('alert')).toContainText('No puedes ver el panel de esa organización');
	await otherContext.close();
});

test('staff see every organisation or the one they choose, with the RPC’s figures; a wrong range is explained', async ({ page }) => {
	await signInAs(page, world.agent);
	await page.goto(`/soporte/sla/?from=${older}&to=${newer}`);
	await expect(page.getByLabel('Organización')).toHaveValue('');
	await expect(page.getByRole('status').filter({ hasText: 'Todas las organizaciones: de ' })).toBeVisible();
	await expect(page.locator('table#sla-breakdown')).toBeVisible();

	await page.getByLabel('Organización').selectOption({ label: world.orgName });
	await page.getByRole('button', { name: 'Mostrar' }).click();
	await expect(page).toHaveURL(new RegExp(`org=${world.org}`));
	await expect(page.getByRole('status').filter({ hasText: `${world.orgName}: de ` })).toBeVisible();
	const expected = await rpc<AttainmentRow>(world.agent, 'sla_attainment', world.org, older, newer);
	expect(csvValues(await tableCells(page, 'sla-breakdown'))).toEqual(expected.map(breakdownRow));

	// From after to: said next to the field, which takes the focus; nothing is asked for.
	await page.getByLabel('Desde el mes').fill(monthsAgo(0));
	await page.getByLabel('Hasta el mes').fill(older);
	await page.getByRole('button', { name: 'Mostrar' }).click();
	const from = page.getByLabel('Desde el mes');
	await expect(from).toBeFocused();
	await expect(from).toHaveAttribute('aria-invalid', 'true');
	await expect(from).toHaveAccessibleDescription(/El mes inicial no puede ser posterior al final\./);
	await expect(page).toHaveURL(new RegExp(`from=${older}&to=${newer}`));
	await expectNoSeriousViolations(page);

	// An organisation that does not exist is said to be so.
	await page.goto('/soporte/sla/?org=00000000-0000-0000-0000-000000000000');
	await expect(page.getByRole('alert')).toHaveText('No existe esa organización.');
});

test('members and signed-out readers are told whom the page is for', async ({ page }) => {
	await page.goto('/soporte/sla/');
	await expect(page.getByText('Esta página es para el equipo de soporte y para los coordinadores de cada organización.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Iniciar sesión', exact: true })).toHaveAttribute('href', '/cuenta/');
	await expectNoSeriousViolations(page);

	await signInAs(page, world.member);
	await page.goto('/soporte/sla/');
	await expect(page.getByText('Esta página es para el equipo de soporte y para los coordinadores de cada organización.')).toBeVisible();
	await expect(page.getByText('Tu cuenta no es del equipo de soporte ni coordina ninguna organización.')).toBeVisible();
	await expect(page.locator('table')).toHaveCount(0);
	await expectNoSeriousViolations(page);

	// Not in the search index, nor the sidebar.
	expect(await page.locator('[data-pagefind-body]').count()).toBe(0);
	await expect(page.locator('nav[aria-label] a[href="/soporte/sla/"]')).toHaveCount(0);
});

test('the English page speaks English, headers and all', async ({ page: english }) => {
	await signInAs(english, world.coordinator);
	await english.goto('/en/soporte/sla/');
	await expect(english.getByRole('heading', { level: 1, name: 'SLA dashboard' })).toBeVisible();
	await expect(english.locator('table#sla-attainment caption')).toHaveText('Attainment per month');
	await expect(english.locator('table#volume-channel thead th[scope="col"]')).toHaveText(['Month', 'Web', 'E-mail', 'Phone', 'Chat', 'Total']);
	await expectNoSeriousViolations(english);
});
