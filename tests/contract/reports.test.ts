// The reports function end to end through the stack: a seeded week and month of one organisation, the
// function run for them (service role only), the notify function sending what it queued, and the
// mailbox read back: every member gets exactly one weekly e-mail listing exactly the week's items, in
// their language; each coordinator one monthly report whose SLA figures are sla_attainment's; a second
// run sends nothing new. Also who may read organisation_activity, and the function's refusals. Data is
// written through the service role (tickets with their history already settled: created, answered and
// closed at fixed past instants), so the suite runs unchanged against a real Supabase.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FunctionsHttpError } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { anonClient, local, serviceClient, signedInUser, type TestUser } from './client.ts';
import { summariseAttainment } from '#shared/reports/attainment.ts';
import { formatRate } from '#shared/reports/format.ts';

const admin = serviceClient();
const tag = randomUUID().slice(0, 6);
const ORG_NAME = `Informes ${tag}`;
// A week and a month long past, where no other test puts anything: Monday 9 to Sunday 15 March 2026
// and February 2026, in Mexico City (UTC-6 all year).
const WEEK_OF = '2026-03-11';
const MONDAY = '2026-03-09';
const MONTH = '2026-02';

let org: string;
let otherOrg: string;
let coordinator: TestUser;
let contact: TestUser;
let member: TestUser;
let outsider: TestUser;
let agent: TestUser;
const numbers: Record<string, number> = {};
const items: string[] = [];

const FEED = {
	generated: '2026-03-16T12:00:00.000Z',
	articles: [
		{ slug: 'guias/informes-prueba', lang: 'es', title: 'Guía actualizada', type: 'guide', product: 'quetzal-docs', updated: '2026-03-11', published: null, resolved: null, severity: null, version: null },
		{ slug: 'guias/informes-prueba', lang: 'en', title: 'Updated guide', type: 'guide', product: 'quetzal-docs', updated: '2026-03-11', published: null, resolved: null, severity: null, version: null },
		{ slug: 'guias/anterior', lang: 'es', title: 'Guía de la semana anterior', type: 'guide', product: 'quetzal-docs', updated: '2026-03-08', published: null, resolved: null, severity: null, version: null },
		{ slug: 'notas-de-version/prueba-9-9', lang: 'es', title: 'Quetzal Docs 9.9', type: 'release-notes', product: 'quetzal-docs', updated: '2026-03-13', published: '2026-03-13', resolved: null, severity: null, version: '9.9' },
		{ slug: 'alertas/prueba', lang: 'es', title: 'Alerta de prueba', type: 'alert', product: 'quetzal-docs', updated: '2026-03-12', published: '2026-03-12', resolved: null, severity: 'high', version: null },
		{ slug: 'alertas/prueba', lang: 'en', title: 'Test alert', type: 'alert', product: 'quetzal-docs', updated: '2026-03-12', published: '2026-03-12', resolved: null, severity: 'high', version: null },
		{ slug: 'guias/febrero', lang: 'es', title: 'Guía de febrero', type: 'guide', product: 'quetzal-docs', updated: '2026-02-17', published: null, resolved: null, severity: null, version: null },
	],
};

interface Mail {
	to: string;
	subject: string;
	text: string;
	html: string | null;
}

/** Every mail to `to`, newest first: the stack's JSON mailbox, or Mailpit's API against a real Supabase. */
async function mailsTo(to: string): Promise<Mail[]> {
	const mailUrl = inject('mailUrl')!;
	if (local()) {
		const u = new URL(mailUrl);
		u.searchParams.set('to', to);
		return (await (await fetch(u)).json()) as Mail[];
	}
	const origin = new URL(mailUrl).origin;
	const found = (await (await fetch(`${origin}/api/v1/search?query=${encodeURIComponent(`to:"${to}"`)}`)).json()) as { messages: { ID: string }[] };
	return Promise.all(
		found.messages.map(async ({ ID }) => {
			const m = (await (await fetch(`${origin}/api/v1/message/${ID}`)).json()) as { To: { Address: string }[]; Subject: string; Text: string; HTML: string };
			return { to: m.To[0]?.Address ?? '', subject: m.Subject, text: m.Text, html: m.HTML || null };
		}),
	);
}

/** The bullet lines of a mail, with the site's origin written as SITE. */
const bullets = (text: string) =>
	text
		.split('\n')
		.filter((l) => l.startsWith('• '))
		.map((l) => l.replace(/https?:\/\/[^/\s]+/g, 'SITE'));

async function runReports(body: Record<string, unknown>) {
	const { data, error } = await admin.functions.invoke('reports', { body });
	if (error) throw new Error(`reports failed: ${await (error as FunctionsHttpError).context.text()}`);
	return data;
}

/** Sends what the reports queued (and whatever else is due), until our rows have all gone out. */
async function sendQueued(prefix: string) {
	for (let i = 0; i < 20; i++) {
		const { error } = await admin.functions.invoke('notify', { body: {} });
		expect(error).toBeNull();
		const { data } = await admin.from('notifications').select('status').like('dedupe_key', `${prefix}%`);
		if (data!.length && data!.every((r) => r.status === 'sent')) return;
	}
	throw new Error(`notifications ${prefix}… were not all sent`);
}

async function insertTicket(key: string, fields: Record<string, unknown>) {
	const { data, error } = await admin
		.from('tickets')
		.insert({
			organisation_id: org,
			requester_id: contact.id,
			programme_id: 'estandar-extendido',
			plan_id: 'estandar',
			environment: 'production',
			description: 'Sembrado por la prueba de informes.',
			...fields,
		})
		.select('number')
		.single();
	if (error) throw error;
	numbers[key] = Number(data.number);
}

async function publish(slug: string, name: string, visibility: string, versions: [string, string][]) {
	const { data: item, error } = await admin.from('download_items').insert({ slug: `${slug}-${tag}`, name, kind: 'software', visibility }).select('id').single();
	if (error) throw error;
	items.push(item.id);
	const { error: e2 } = await admin.from('download_versions').insert(
		versions.map(([version, at]) => ({ item_id: item.id, version, storage_path: `${item.id}/${version}.zip`, sha256: 'a'.repeat(64), size_bytes: 1, published_at: at })),
	);
	if (e2) throw e2;
}

beforeAll(async () => {
	[coordinator, contact, member, outsider, agent] = await Promise.all([
		signedInUser('report-coord', { full_name: 'Carmen Coordinadora' }),
		signedInUser('report-contact', { full_name: 'Diego Contacto' }),
		signedInUser('report-member', { full_name: 'Mary Member', locale: 'en' }),
		signedInUser('report-outsider'),
		signedInUser('report-agent'),
	]);
	const orgs = await admin
		.from('organisations')
		.insert([
			{ name: ORG_NAME, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' },
			{ name: `Otra ${tag}`, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' },
		])
		.select('id, name');
	if (orgs.error) throw orgs.error;
	org = orgs.data.find((o) => o.name === ORG_NAME)!.id;
	otherOrg = orgs.data.find((o) => o.name !== ORG_NAME)!.id;
	const m = await admin.from('memberships').insert([
		{ organisation_id: org, user_id: coordinator.id, role: 'coordinator' },
		{ organisation_id: org, user_id: contact.id, role: 'authorized_contact' },
		{ organisation_id: org, user_id: member.id, role: 'member' },
		{ organisation_id: otherOrg, user_id: outsider.id, role: 'coordinator' },
	]);
	if (m.error) throw m.error;
	expect((await admin.from('staff').insert({ user_id: agent.id, role: 'agent', level: 1 })).error).toBeNull();

	// The week: two tickets opened in it (one on Sunday at 23:30 local time), one opened the Sunday
	// before and closed in it, one opened on the Monday after.
	await insertTicket('opened', { severity_key: 'P2', subject: 'Informes: abierto el martes', created_at: '2026-03-10T16:00:00Z', status: 'open' });
	await insertTicket('sunday', { severity_key: 'P4', subject: 'Informes: abierto el domingo por la noche', created_at: '2026-03-16T05:30:00Z', status: 'new' });
	await insertTicket('closed', {
		severity_key: 'P3',
		subject: 'Informes: cerrado el jueves',
		created_at: '2026-03-09T05:30:00Z',
		status: 'closed',
		closed_at: '2026-03-12T18:00:00Z',
		close_reason: 'staff',
	});
	await insertTicket('after', { severity_key: 'P2', subject: 'Informes: abierto la semana siguiente', created_at: '2026-03-16T06:30:00Z', status: 'open' });
	// The month: three tickets answered and closed; one first response late, one escalation missed.
	const closedIn = (day: string) => ({ status: 'closed', closed_at: `2026-02-${day}T20:00:00Z`, close_reason: 'confirmed_by_customer' });
	await insertTicket('feb1', {
		severity_key: 'P1', subject: 'Febrero: a tiempo', created_at: '2026-02-03T15:00:00Z',
		first_response_due_at: '2026-02-03T19:00:00Z', first_response_at: '2026-02-03T16:00:00Z', ...closedIn('04'),
	});
	await insertTicket('feb2', {
		severity_key: 'P2', subject: 'Febrero: respuesta tarde', created_at: '2026-02-10T15:00:00Z',
		first_response_due_at: '2026-02-10T23:00:00Z', first_response_at: '2026-02-11T15:00:00Z', escalation_breached_at: '2026-02-10T23:00:00Z', ...closedIn('12'),
	});
	await insertTicket('feb3', {
		severity_key: 'P2', subject: 'Febrero: otra a tiempo', created_at: '2026-02-20T15:00:00Z',
		first_response_due_at: '2026-02-20T23:00:00Z', first_response_at: '2026-02-20T17:00:00Z', ...closedIn('24'),
	});
	// Downloads: versions published in the week (a public item and a contract one) and one before it.
	await publish('informes-cargador', `Cargador de informes ${tag}`, 'public', [
		['1.0', '2026-03-02T18:00:00Z'],
		['1.1', '2026-03-11T18:00:00Z'],
	]);
	await publish('informes-manual', `Manual contractual ${tag}`, 'contract', [['2.0', '2026-03-13T18:00:00Z']]);
});

afterAll(async () => {
	await admin.from('notifications').delete().like('dedupe_key', `%:${org}:%`);
	if (items.length) await admin.from('download_items').delete().in('id', items);
	// Tickets keep an append-only history: the organisation stays, as other suites leave theirs.
	await admin.from('staff').delete().eq('user_id', agent.id);
});

describe('organisation_activity', () => {
	it('lists the week’s opened and closed tickets and the downloads published, for the organisation’s coordinator', async () => {
		const { data, error } = await coordinator.client.rpc('organisation_activity', { organisation: org, from_day: MONDAY, to_day: '2026-03-15' });
		expect(error).toBeNull();
		expect(data.organisation).toEqual({ id: org, name: ORG_NAME, programme_id: 'estandar-extendido', plan_id: 'estandar', timezone: 'America/Mexico_City' });
		expect(data.opened.map((t: { number: number }) => t.number)).toEqual([numbers.opened, numbers.sunday]);
		expect(data.opened[0]).toMatchObject({ subject: 'Informes: abierto el martes', severity: 'P2', status: 'open', severity_label: { es: expect.stringContaining('Prioridad 2'), en: expect.stringContaining('Priority 2') } });
		expect(data.closed.map((t: { number: number }) => t.number)).toEqual([numbers.closed]);
		expect(data.closed[0]).toMatchObject({ close_reason: 'staff', severity: 'P3' });
		expect(data.downloads.map((d: { name: string; version: string }) => `${d.name} ${d.version}`)).toEqual([`Cargador de informes ${tag} 1.1`, `Manual contractual ${tag} 2.0`]);
	});

	it('staff may read it; plain members, other organisations’ coordinators and anonymous callers may not', async () => {
		const args = { organisation: org, from_day: MONDAY, to_day: '2026-03-15' };
		expect((await agent.client.rpc('organisation_activity', args)).error).toBeNull();
		expect((await member.client.rpc('organisation_activity', args)).error?.message).toBe('forbidden');
		expect((await contact.client.rpc('organisation_activity', args)).error?.message).toBe('forbidden');
		expect((await outsider.client.rpc('organisation_activity', args)).error?.message).toBe('forbidden');
		expect((await outsider.client.rpc('organisation_activity', { ...args, organisation: randomUUID() })).error?.message).toBe('forbidden');
		expect((await agent.client.rpc('organisation_activity', { ...args, organisation: randomUUID() })).error?.message).toBe('organisation_not_found');
		const anon = await anonClient().rpc('organisation_activity', args);
		expect(anon.error?.code).toBe('42501');
	});

	it('checks the period', async () => {
		expect((await agent.client.rpc('organisation_activity', { organisation: org, from_day: '2026-03-15', to_day: MONDAY })).error?.message).toBe('invalid_range');
		expect((await agent.client.rpc('organisation_activity', { organisation: org, from_day: '2026-01-01', to_day: '2026-06-30' })).error?.message).toBe('range_too_long');
	});
});

describe('the reports function', () => {
	it('only the service role runs it, and it says what is wrong with a body', async () => {
		const asUser = await coordinator.client.functions.invoke('reports', { body: { kind: 'weekly' } });
		expect((asUser.error as FunctionsHttpError).context.status).toBe(403);
		expect(await (asUser.error as FunctionsHttpError).context.json()).toMatchObject({ code: 'forbidden' });
		for (const body of [{}, { kind: 'weekly', month: '2026-02' }, { week_of: '2026-02-30' }, { kind: 'daily' }, { kind: 'weekly', updates: { articles: 'none' } }]) {
			const bad = await admin.functions.invoke('reports', { body });
			expect((bad.error as FunctionsHttpError).context.status).toBe(400);
			expect(await (bad.error as FunctionsHttpError).context.json()).toMatchObject({ code: 'invalid_body' });
		}
	});

	it.skipIf(!inject('mailUrl'))('weekly: every member gets exactly one e-mail listing exactly the week’s items, in their language; a second run sends nothing', async () => {
		const report = await runReports({ kind: 'weekly', week_of: WEEK_OF, organisation: org, updates: FEED });
		expect(report).toMatchObject({ kind: 'weekly', organisations: 1, queued: 3, already_queued: 0, periods: { [org]: { from: MONDAY, to: '2026-03-15' } }, failed: [] });
		await sendQueued(`weekly:${org}:`);

		const spanish = [
			`• #${numbers.opened} (P2) Informes: abierto el martes`,
			`• #${numbers.sunday} (P4) Informes: abierto el domingo por la noche`,
			`• #${numbers.closed} (P3) Informes: cerrado el jueves`,
			'• Alerta de prueba (alta, publicada): SITE/alertas/prueba/',
			'• Quetzal Docs 9.9: SITE/notas-de-version/prueba-9-9/',
			'• Guía actualizada: SITE/guias/informes-prueba/',
			`• Cargador de informes ${tag} 1.1`,
			`• Manual contractual ${tag} 2.0`,
		];
		for (const who of [coordinator, contact]) {
			const mails = await mailsTo(who.email);
			expect(mails.map((m) => m.subject)).toEqual([`Resumen semanal de soporte de ${ORG_NAME}: 9–15 de marzo de 2026`]);
			expect(bullets(mails[0].text)).toEqual(spanish);
			expect(mails[0].text).toContain('Tickets abiertos: 2\nTickets cerrados: 1\nAlertas técnicas: 1\nArtículos nuevos: 1\nArtículos actualizados: 1\nNuevas versiones para descargar: 2');
		}
		const english = await mailsTo(member.email);
		expect(english.map((m) => m.subject)).toEqual([`Weekly support digest for ${ORG_NAME}: March 9 – 15, 2026`]);
		expect(bullets(english[0].text)).toEqual([
			spanish[0],
			spanish[1],
			spanish[2],
			'• Test alert (high, published): SITE/en/alertas/prueba/',
			'• Quetzal Docs 9.9: SITE/en/notas-de-version/prueba-9-9/',
			'• Updated guide: SITE/en/guias/informes-prueba/',
			spanish[6],
			spanish[7],
		]);
		expect(english[0].text.startsWith('Hello Mary Member,')).toBe(true);

		// The same week again (any day of it) queues nothing and sends nothing.
		const again = await runReports({ kind: 'weekly', week_of: '2026-03-15', organisation: org, updates: FEED });
		expect(again).toMatchObject({ queued: 0, already_queued: 3 });
		await admin.functions.invoke('notify', { body: {} });
		for (const who of [coordinator, contact, member]) expect(await mailsTo(who.email)).toHaveLength(1);
		// Nobody outside the organisation heard of it.
		expect(await mailsTo(outsider.email)).toHaveLength(0);
	});

	it.skipIf(!inject('mailUrl'))('monthly: each coordinator gets one report whose SLA figures are sla_attainment’s, with a link to the printable page', async () => {
		const report = await runReports({ kind: 'monthly', month: MONTH, organisation: org, updates: FEED });
		expect(report).toMatchObject({ kind: 'monthly', organisations: 1, queued: 1, periods: { [org]: { from: '2026-02-01', to: '2026-02-28' } }, failed: [] });
		await sendQueued(`monthly:${org}:`);
		const mails = (await mailsTo(coordinator.email)).filter((m) => m.subject.startsWith('Informe mensual'));
		expect(mails.map((m) => m.subject)).toEqual([`Informe mensual de soporte de ${ORG_NAME}: febrero de 2026`]);
		const text = mails[0].text;

		// The figures the coordinator's own dashboard gets from the RPC.
		const { data: rows, error } = await coordinator.client.rpc('sla_attainment', { from_month: `${MONTH}-01`, to_month: `${MONTH}-01`, organisation: org });
		expect(error).toBeNull();
		const sla = summariseAttainment(rows);
		expect(sla.tickets).toBe(3);
		expect(sla.first_response).toEqual({ measured: 3, on_time: 2, rate: 0.6667, commitment: 95, met: false });
		expect(sla.escalation).toEqual({ measured: 3, on_time: 2, rate: 0.6667, commitment: 90, met: false });
		const pct = (r: number) => formatRate(r, 'es').replace(/\s/g, ' ');
		expect(text).toContain(
			`Primeras respuestas a tiempo: ${sla.first_response.on_time} de ${sla.first_response.measured} (${pct(sla.first_response.rate!)}) — compromiso: 95 %, no cumplido\n` +
				`Escalamientos a tiempo: ${sla.escalation.on_time} de ${sla.escalation.measured} (${pct(sla.escalation.rate!)}) — compromiso: 90 %, no cumplido\n` +
				`Actualizaciones al cliente a tiempo: ${sla.updates.on_time} de ${sla.updates.measured} (${pct(sla.updates.rate!)})`,
		);
		expect(text).toContain('Primeras respuestas a tiempo: 2 de 3 (66,7 %)');
		for (const s of sla.by_severity) {
			expect(text).toMatch(new RegExp(`: ${s.tickets} tickets?; primera respuesta: ${s.first_response.on_time} de ${s.first_response.measured} \\(`));
		}
		expect(text).toContain('Tickets abiertos: 3\nTickets cerrados: 3');
		expect(bullets(text)).toEqual([
			`• #${numbers.feb1} (P1) Febrero: a tiempo`,
			`• #${numbers.feb2} (P2) Febrero: respuesta tarde`,
			`• #${numbers.feb3} (P2) Febrero: otra a tiempo`,
			`• #${numbers.feb1} (P1) Febrero: a tiempo`,
			`• #${numbers.feb2} (P2) Febrero: respuesta tarde`,
			`• #${numbers.feb3} (P2) Febrero: otra a tiempo`,
			'• Guía de febrero: SITE/guias/febrero/',
		]);
		expect(text).toMatch(new RegExp(`Ver el informe para imprimir: https?://[^/]+/soporte/informe/\\?org=${org}&mes=2026-02`));
		// Only coordinators get it.
		for (const who of [contact, member]) expect((await mailsTo(who.email)).filter((m) => /Informe mensual|Monthly support report/.test(m.subject))).toHaveLength(0);
		expect((await runReports({ kind: 'monthly', month: MONTH, organisation: org, updates: FEED })).queued).toBe(0);
	});
	// Locally no site serves /api/updates.json, as when only the stack runs: the function tries the feed
	// again, then sends the week without the documentation's part and says so (it used to answer 502
	// and lose the week).
	it.skipIf(!inject('mailUrl') || !local())('weekly, when the site’s updates feed cannot be read: the digest still goes out and says what is missing', async () => {
		const report = await runReports({ kind: 'weekly', week_of: '2026-03-18', organisation: org });
		expect(report).toMatchObject({ kind: 'weekly', organisations: 1, queued: 3, documentation: 'unavailable', failed: [] });
		await sendQueued(`weekly:${org}:`);
		const mails = (await mailsTo(contact.email)).filter((m) => m.subject.includes('16–22 de marzo'));
		expect(mails).toHaveLength(1);
		expect(mails[0].text).toContain('No pudimos leer los cambios de la documentación de este periodo');
		expect(mails[0].text).toContain('Alertas técnicas: no disponible');
	}, 60_000);
});
