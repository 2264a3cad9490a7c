// The notification e-mails: every template in Spanish and English with its exact subject, the links
// back to the site, user content escaped in HTML and kept out of header lines, and the reasons a row
// cannot be rendered (unknown template, payload that does not match).
import { describe, expect, it } from 'vitest';
import { payloadSchema, REPLY_EXCERPT_CHARS, renderNotification, TEMPLATE_NAMES, type RenderContext } from '#shared/email/templates.ts';
import { compose, escapeHtml, oneLine } from '#shared/email/compose.ts';
import { articleUrl, siteUrl, ticketUrl } from '#shared/email/links.ts';
import { formatInstant, formatMinutes } from '#shared/email/format.ts';

const SITE = 'https://soporte.example.mx';
const es: RenderContext = { lang: 'es', site: SITE, name: 'Ana Pérez' };
const en: RenderContext = { lang: 'en', site: SITE, name: 'John Smith' };
const TICKET = '6f1c2d4e-8a9b-4c3d-9e2f-1a2b3c4d5e6f';
const PROBLEM = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** One valid payload per template, as the queuers write them. */
const WEEK = {
	organisation: { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Clínica San Pedro' },
	from: '2026-11-09',
	to: '2026-11-15',
	timezone: 'America/Mexico_City',
	opened: { count: 1, items: [{ number: 1042, subject: 'No arranca', severity: 'P1' }] },
	closed: { count: 0, items: [] },
	new_articles: { count: 0, items: [] },
	updated_articles: { count: 0, items: [] },
	alerts: { count: 0, items: [] },
	downloads: { count: 0, items: [] },
};

const PAYLOADS: Record<string, Record<string, unknown>> = {
	ticket_received: { ticket: TICKET, number: 1042, subject: 'No arranca', severity: { es: 'Alta', en: 'High' }, first_response_due: '2026-04-06T18:00:00Z', first_response_minutes: 240, timezone: 'America/Mexico_City' },
	ticket_new_for_agents: { number: 1042, subject: 'No arranca', severity: 'P1', organisation: 'Clínica San Pedro', requester: 'Ana Pérez <ana@sanpedro.mx>', first_response_due: '2026-04-06T18:00:00Z', timezone: 'America/Mexico_City' },
	ticket_reply: { number: 1042, subject: 'No arranca', author: 'Luis', body: 'Reinicia el servicio.' },
	customer_update_due: { number: 1042, subject: 'No arranca', due: '2026-04-06T20:00:00Z', timezone: 'America/Mexico_City' },
	ticket_escalated: { number: 1042, subject: 'No arranca', level: 2, target: 'update', deadline: '2026-04-06T20:00:00Z', timezone: 'America/Mexico_City' },
	auto_close_reminder: { number: 1042, subject: 'No arranca', days: 3, closes_at: '2026-04-09T18:00:00Z', timezone: 'America/Mexico_City' },
	ticket_auto_closed: { number: 1042, subject: 'No arranca', days: 10 },
	problem_resolved: { problem: PROBLEM, title: 'Índice desactualizado', ticket: TICKET, number: 1042, kb_article: 'base-de-conocimiento/indice-desactualizado' },
	// Reports and alerts have their own tests (reports-emails, admin); here they only count as templates.
	weekly_digest: WEEK,
	monthly_report: {
		...WEEK,
		from: '2026-10-01',
		to: '2026-10-31',
		month: '2026-10',
		sla: {
			tickets: 2,
			first_response: { measured: 2, on_time: 2, rate: 1, commitment: 95, met: true },
			updates: { measured: 0, on_time: 0, rate: null },
			escalation: { measured: 2, on_time: 2, rate: 1, commitment: 90, met: true },
			met: true,
			by_severity: [],
		},
	},
	alert_published: { article: 'alertas/visor', title: { es: 'Vulnerabilidad en el visor', en: 'Viewer vulnerability' }, severity: 'critical', state: 'published', product: 'Quetzal Docs', versions: ['5.1'] },
	staff_invited: { role: 'lead', level: 2, token: 'ab'.repeat(24), valid_days: 7 },
	// The mails of a ticket's events queued by the database (the notify migration): they always name the ticket.
	customer_replied: { ticket: TICKET, number: 1042, subject: 'No arranca', author: 'Ana Pérez <ana@sanpedro.mx>', organisation: 'Clínica San Pedro', body: 'Ya reinicié.\nSigue igual.' },
	customer_confirmed: { ticket: TICKET, number: 1042, subject: 'No arranca', author: 'Ana Pérez <ana@sanpedro.mx>', organisation: 'Clínica San Pedro' },
	customer_reopened: { ticket: TICKET, number: 1042, subject: 'No arranca', author: 'Ana Pérez <ana@sanpedro.mx>', organisation: 'Clínica San Pedro', body: 'Sigue fallando tras el parche.' },
	info_requested: { ticket: TICKET, number: 1042, subject: 'No arranca', author: 'Luis', body: '¿Qué versión usan?', closes_after_days: 10 },
	solution_proposed: { ticket: TICKET, number: 1042, subject: 'No arranca', author: 'Luis', body: 'Reconstruye el índice.', closes_after_days: 10 },
	ticket_closed: { ticket: TICKET, number: 1042, subject: 'No arranca', reason: 'staff', by: 'Luis' },
	// Auto-replies of the e-mail channel: to an address, about no ticket.
	email_not_authorized: { organisation: 'Clínica San Pedro', contacts: ['Ana Pérez', 'Beto Ruiz'] },
	email_unknown_sender: { support_address: 'soporte@quetzal.mx', portal_url: 'https://soporte.example.mx/cuenta/' },
	email_refused: { reason: 'too_many_attachments', limit: '10', subject: 'Registros del servidor' },
	email_unverified: {},
};

const SUBJECTS: Record<string, [string, string]> = {
	ticket_received: ['Hemos recibido tu ticket #1042: No arranca', 'We have received your ticket #1042: No arranca'],
	ticket_new_for_agents: ['Nuevo ticket #1042 (P1): No arranca', 'New ticket #1042 (P1): No arranca'],
	ticket_reply: ['Nueva respuesta en tu ticket #1042: No arranca', 'New reply on your ticket #1042: No arranca'],
	customer_update_due: ['Actualización pendiente para el cliente: ticket #1042', 'Customer update due: ticket #1042'],
	ticket_escalated: ['Ticket #1042 escalado al nivel 2: plazo de actualización al cliente incumplido', 'Ticket #1042 escalated to level 2: customer update deadline missed'],
	auto_close_reminder: ['Tu ticket #1042 se cerrará en 3 días si no respondes', 'Your ticket #1042 will close in 3 days without your reply'],
	ticket_auto_closed: ['Hemos cerrado tu ticket #1042', 'We have closed your ticket #1042'],
	problem_resolved: ['Resuelto: Índice desactualizado (ticket #1042)', 'Resolved: Índice desactualizado (ticket #1042)'],
	info_requested: ['Necesitamos tu respuesta en el ticket #1042: No arranca', 'We need your answer on ticket #1042: No arranca'],
	solution_proposed: ['Solución propuesta para tu ticket #1042: confírmala o reabre el ticket', 'Proposed solution for your ticket #1042: confirm it or reopen the ticket'],
	ticket_closed: ['Ticket #1042 cerrado: No arranca', 'Ticket #1042 closed: No arranca'],
};

/** Staff mails about a customer's action link to the ticket's workspace in the agent console. */
const STAFF_SUBJECTS: Record<string, [string, string]> = {
	customer_replied: ['El cliente ha respondido en el ticket #1042: No arranca', 'The customer replied on ticket #1042: No arranca'],
	customer_confirmed: ['Solución confirmada: ticket #1042 cerrado', 'Solution confirmed: ticket #1042 closed'],
	customer_reopened: ['Ticket #1042 reabierto por el cliente: No arranca', 'Ticket #1042 reopened by the customer: No arranca'],
};

/** The e-mail channel's auto-replies: the link they end with, in each language. */
const AUTO_REPLIES: Record<string, [string, string, string, string]> = {
	email_not_authorized: ['No hemos abierto un ticket con tu correo', 'We have not opened a ticket from your e-mail', `${SITE}/buscar/`, `${SITE}/en/buscar/`],
	email_unknown_sender: ['No reconocemos tu dirección de correo', 'We do not recognise your e-mail address', `${SITE}/cuenta/`, `${SITE}/en/cuenta/`],
	email_refused: ['No hemos podido procesar tu correo: Registros del servidor', 'We could not process your e-mail: Registros del servidor', `${SITE}/soporte/tickets/`, `${SITE}/en/soporte/tickets/`],
	email_unverified: ['Hemos recibido un correo en tu nombre que no hemos podido verificar', 'We received an e-mail in your name that we could not verify', `${SITE}/soporte/tickets/`, `${SITE}/en/soporte/tickets/`],
};

function render(template: string, payload: unknown, ctx: RenderContext) {
	const r = renderNotification(template, payload, ctx);
	if (!r.ok) throw new Error(r.error);
	return r.email;
}

describe('the template registry', () => {
	it('has exactly the templates the outbox receives', () => {
		expect([...TEMPLATE_NAMES].sort()).toEqual(Object.keys(PAYLOADS).sort());
	});

	it.each(Object.keys(SUBJECTS))('%s: Spanish and English subjects, greeting, link to the ticket in the reader’s language', (template) => {
		const [subjectEs, subjectEn] = SUBJECTS[template];
		const a = render(template, PAYLOADS[template], es);
		const b = render(template, PAYLOADS[template], en);
		expect(a.subject).toBe(subjectEs);
		expect(b.subject).toBe(subjectEn);
		expect(a.text.startsWith('Hola, Ana Pérez:\n\n')).toBe(true);
		expect(b.text.startsWith('Hello John Smith,\n\n')).toBe(true);
		expect(a.text).toContain(`${SITE}/soporte/tickets/?n=1042`);
		expect(b.text).toContain(`${SITE}/en/soporte/tickets/?n=1042`);
		expect(a.html).toContain(`href="${SITE}/soporte/tickets/?n=1042"`);
		expect(b.html).toContain(`href="${SITE}/en/soporte/tickets/?n=1042"`);
		expect(a.html).toMatch(/^<!doctype html><html lang="es">/);
		expect(b.html).toMatch(/^<!doctype html><html lang="en">/);
	});

	it.each(Object.keys(STAFF_SUBJECTS))('%s: Spanish and English, staff footer, the customer’s words, link to the ticket’s workspace', (template) => {
		const [subjectEs, subjectEn] = STAFF_SUBJECTS[template];
		const a = render(template, PAYLOADS[template], es);
		const b = render(template, PAYLOADS[template], en);
		expect([a.subject, b.subject]).toEqual([subjectEs, subjectEn]);
		expect(a.text.startsWith('Hola, Ana Pérez:\n\n')).toBe(true);
		expect(b.text.startsWith('Hello John Smith,\n\n')).toBe(true);
		const reply = template === 'customer_confirmed' ? '' : '&responder';
		expect(a.html).toContain(`href="${SITE}/agente/?t=1042${escapeHtml(reply)}"`);
		expect(b.html).toContain(`href="${SITE}/en/agente/?t=1042${escapeHtml(reply)}"`);
		expect(a.text).toContain('Ana Pérez <ana@sanpedro.mx> (Clínica San Pedro)');
		expect(a.text).toMatch(/Recibes este correo porque formas parte del equipo de Mostrador\.$/);
		expect(b.text).toMatch(/You are receiving this e-mail because you are part of the Mostrador team\.$/);
		const body = (PAYLOADS[template] as { body?: string }).body;
		if (body) for (const line of body.split('\n')) expect(a.text).toContain(`> ${line}`);
	});

	it.each(Object.keys(AUTO_REPLIES))('%s: Spanish and English auto-reply with its link and the automatic-message footer', (template) => {
		const [subjectEs, subjectEn, linkEs, linkEn] = AUTO_REPLIES[template];
		// Without portal_url the unknown sender is sent to the site's account page.
		const payload = template === 'email_unknown_sender' ? { support_address: 'soporte@quetzal.mx' } : PAYLOADS[template];
		const a = render(template, payload, es);
		const b = render(template, payload, en);
		expect([a.subject, b.subject]).toEqual([subjectEs, subjectEn]);
		expect(a.html).toContain(`href="${linkEs}"`);
		expect(b.html).toContain(`href="${linkEn}"`);
		expect(a.html).toMatch(/^<!doctype html><html lang="es">/);
		expect(b.html).toMatch(/^<!doctype html><html lang="en">/);
		expect(a.text).toMatch(/Este es un mensaje automático de Mostrador/);
		expect(b.text).toMatch(/This is an automatic message from Mostrador in answer/);
		expect(a.text).not.toContain('/soporte/tickets/?n=');
	});

	it('info_requested asks for an answer by e-mail or on the portal, with the question and the auto-close', () => {
		const a = render('info_requested', PAYLOADS.info_requested, es);
		const b = render('info_requested', PAYLOADS.info_requested, en);
		expect(a.text).toContain('Luis necesita más información para seguir con tu ticket #1042:\n\n> ¿Qué versión usan?');
		expect(a.text).toContain('Te esperamos: responde a este correo o en el portal.');
		expect(a.text).toContain('Si no recibimos respuesta en 10 días, cerraremos el ticket');
		expect(a.text).toContain(`Responder en el portal: ${SITE}/soporte/tickets/?n=1042`);
		expect(b.text).toContain('We are waiting for you: reply to this e-mail or on the portal.');
		const plain = render('info_requested', { ...PAYLOADS.info_requested, author: null, closes_after_days: null }, es);
		expect(plain.text).toContain('El equipo de soporte necesita más información');
		expect(plain.text).not.toContain('cerraremos');
	});

	it('solution_proposed: the solution, confirm or reopen, two links naming the page’s buttons', () => {
		const a = render('solution_proposed', PAYLOADS.solution_proposed, es);
		const b = render('solution_proposed', PAYLOADS.solution_proposed, en);
		expect(a.text).toContain('> Reconstruye el índice.');
		expect(a.text).toContain('Confirma o reabre: si la solución funciona, abre el ticket y pulsa «Confirmar solución» para cerrarlo.');
		expect(a.text).toContain(`pulsa «Reabrir» en el ticket y cuéntanos qué sigue fallando: ${SITE}/soporte/tickets/?n=1042`);
		expect(a.text).toContain(`Confirmar solución: ${SITE}/soporte/tickets/?n=1042`);
		expect(b.text).toContain(`press “Reopen” on the ticket and tell us what still fails: ${SITE}/en/soporte/tickets/?n=1042`);
		expect(b.text).toContain(`Confirm solution: ${SITE}/en/soporte/tickets/?n=1042`);
	});

	it('ticket_closed says by whom and why: the customer’s confirmation, staff, or the days without a reply', () => {
		const p = PAYLOADS.ticket_closed;
		expect(render('ticket_closed', p, es).text).toContain('Luis ha cerrado el ticket #1042.\n\nTicket: #1042\nAsunto: No arranca\nCerrado por: Luis');
		expect(render('ticket_closed', { ...p, by: null }, en).text).toContain('The support team has closed ticket #1042.');
		expect(render('ticket_closed', { ...p, reason: 'confirmed_by_customer', by: 'Ana Pérez' }, es).text).toContain('Ana Pérez ha confirmado que la solución propuesta resuelve el ticket #1042, así que lo hemos cerrado.');
		const auto = render('ticket_closed', { ...p, reason: 'no_customer_reply', by: null, days: 10 }, es);
		expect(auto.text).toContain('se ha cerrado automáticamente porque esperaba una respuesta del cliente y no la ha recibido en 10 días.');
		expect(auto.text).toContain('Cerrado por: cierre automático');
		expect(auto.text).toMatch(/abriste este ticket con Mostrador o escribiste en él\.$/);
		// An e-mailed answer to a closed ticket opens a follow-up: the mail says so, and not that it takes no replies.
		expect(render('ticket_closed', p, es).text).toContain('Si el problema sigue o vuelve, responde a este correo: abriremos un ticket nuevo que remite al #1042.');
		expect(render('ticket_closed', p, en).text).toContain('reply to this e-mail and we will open a new ticket that refers to #1042.');
		expect(render('ticket_closed', p, es).text).not.toContain('no admite');
		expect(render('ticket_closed', p, en).text).not.toContain('no more replies');
		expect(renderNotification('ticket_closed', { ...p, reason: 'lunch' }, es).ok).toBe(false);
	});

	it('every ticket mail of the database’s events must name the ticket (threading uses it)', () => {
		for (const t of ['customer_replied', 'customer_confirmed', 'customer_reopened', 'info_requested', 'solution_proposed', 'ticket_closed']) {
			const { ticket: _, ...without } = PAYLOADS[t];
			expect(renderNotification(t, without, es)).toMatchObject({ ok: false, error: expect.stringContaining('ticket: ') });
		}
	});

	it('auto-replies: the contacts listed, or the coordinator named; each refusal said; the payload shapes the e-mail channel writes', () => {
		const listed = render('email_not_authorized', PAYLOADS.email_not_authorized, es);
		expect(listed.text).toContain('en Clínica San Pedro solo las personas de contacto autorizadas pueden abrir casos');
		expect(listed.text).toContain('Pueden abrirlo por ti:\n\n• Ana Pérez\n• Beto Ruiz');
		expect(render('email_not_authorized', { organisation: 'X', contacts: [] }, en).text).toContain('Ask your organisation’s coordinator to open it for you.');
		const unknown = render('email_unknown_sender', PAYLOADS.email_unknown_sender, en);
		expect(unknown.text).toContain('We received your e-mail at soporte@quetzal.mx');
		expect(unknown.text).toContain('Sign in to the portal: https://soporte.example.mx/cuenta/');
		expect(renderNotification('email_unknown_sender', { support_address: 'soporte@quetzal.mx', portal_url: 'javascript:alert(1)' }, es).ok).toBe(false);
		expect(render('email_refused', PAYLOADS.email_refused, es).text).toContain('«Registros del servidor»: lleva más archivos adjuntos de los que aceptamos (máximo: 10).');
		expect(render('email_refused', { reason: 'too_large', subject: 'x' }, en).text).toContain('“x”: the message is too large. Nothing has been recorded.');
		expect(render('email_refused', { reason: 'attachment_too_large', limit: '25 MB', subject: '' }, es).subject).toBe('No hemos podido procesar tu correo: (sin asunto)');
		expect(renderNotification('email_refused', { reason: 'virus', subject: 'x' }, es).ok).toBe(false);
		// A person who may open tickets in several organisations is sent to the form, where they choose.
		const several = { reason: 'several_organisations', subject: 'Falla el cierre', organisations: ['Clínica San Pedro', 'Laboratorios Ruiz'] };
		const a = render('email_refused', several, es);
		const b = render('email_refused', several, en);
		expect(a.subject).toBe('No hemos abierto un ticket con tu correo: Falla el cierre');
		expect(b.subject).toBe('We have not opened a ticket from your e-mail: Falla el cierre');
		expect(a.text).toContain('puedes abrir tickets en varias organizaciones y un correo no dice en cuál');
		expect(a.text).toContain('• Clínica San Pedro\n• Laboratorios Ruiz');
		expect(b.text).toContain('Open it on the portal, where you choose the organisation');
		expect(a.html).toContain(`href="${SITE}/soporte/nuevo/"`);
		expect(b.html).toContain(`href="${SITE}/en/soporte/nuevo/"`);
	});

	it('email_unverified quotes nothing of the mail and sends the person to the portal', () => {
		const a = render('email_unverified', {}, es);
		const b = render('email_unverified', {}, en);
		expect(a.text).toContain('un correo enviado en tu nombre que no hemos podido verificar');
		expect(a.text).toContain(`Si lo enviaste tú, escríbenos en el portal: ${SITE}/soporte/tickets/`);
		expect(b.text).toContain(`If you sent it, write to us on the portal: ${SITE}/en/soporte/tickets/`);
		expect(b.text).toContain('no ticket was opened or answered');
		// Whatever a payload carried, nothing of it is shown (the schema takes no field).
		expect(render('email_unverified', { subject: 'Cambien la cuenta a x@evil.example' }, es).text).not.toContain('evil');
	});

	it('ticket_received states the deadline in the organisation’s zone with the target in words', () => {
		// 2026-04-06 18:00 UTC is 12:00 in Mexico City (UTC-6, no DST since 2022); 240 min = 4 h.
		expect(render('ticket_received', PAYLOADS.ticket_received, es).text).toContain(
			'Ticket: #1042\nAsunto: No arranca\nSeveridad: Alta\nPrimera respuesta antes de: lunes, 6 de abril de 2026, 12:00 hora estándar central (4 horas hábiles)',
		);
		expect(render('ticket_received', PAYLOADS.ticket_received, en).text).toContain(
			'Severity: High\nFirst response by: Monday, April 6, 2026 at 12:00 PM Central Standard Time (4 hours of business time)',
		);
		const noTarget = render('ticket_received', { ...PAYLOADS.ticket_received, first_response_due: null }, es);
		expect(noTarget.text).not.toContain('Primera respuesta antes de');
		expect(noTarget.text).toContain('Te escribiremos lo antes posible.');
	});

	it('takes payloads as Postgres builds them: microsecond timestamptz with offset, null target, any hex id', () => {
		// jsonb_build_object(..., 'first_response_due', <timestamptz>, 'first_response_minutes', null): 12:00:00.123456-06:00 is 12:00 in Mexico City.
		const fromSql = { ...PAYLOADS.ticket_received, ticket: '00000000-0000-0000-0000-000000000001', first_response_due: '2026-04-06T12:00:00.123456-06:00', first_response_minutes: null };
		const mail = render('ticket_received', fromSql, es);
		expect(mail.text).toContain('Primera respuesta antes de: lunes, 6 de abril de 2026, 12:00 hora estándar central\n');
		expect(mail.text).not.toContain('hábiles');
	});

	it('a severity given as plain text (the database label) is used as it is in both languages', () => {
		expect(render('ticket_received', { ...PAYLOADS.ticket_received, severity: 'P2 — degradado' }, en).text).toContain('Severity: P2 — degradado');
	});

	it('auto_close_reminder says the days in words, singular and plural, and the closing time', () => {
		expect(render('auto_close_reminder', { ...PAYLOADS.auto_close_reminder, days: 1 }, es).subject).toBe('Tu ticket #1042 se cerrará en 1 día si no respondes');
		expect(render('auto_close_reminder', { ...PAYLOADS.auto_close_reminder, days: 1 }, en).subject).toBe('Your ticket #1042 will close in 1 day without your reply');
		// 2026-04-09 18:00 UTC = Thursday 12:00 in Mexico City.
		expect(render('auto_close_reminder', PAYLOADS.auto_close_reminder, es).text).toContain('Se cerrará: jueves, 9 de abril de 2026, 12:00 hora estándar central');
	});

	it('problem_resolved links the knowledge-base article in the reader’s language, and does without one', () => {
		expect(render('problem_resolved', PAYLOADS.problem_resolved, es).text).toContain(`La solución está documentada en ${SITE}/base-de-conocimiento/indice-desactualizado/`);
		expect(render('problem_resolved', PAYLOADS.problem_resolved, en).text).toContain(`The fix is documented at ${SITE}/en/base-de-conocimiento/indice-desactualizado/`);
		const without = render('problem_resolved', { ...PAYLOADS.problem_resolved, kb_article: null }, es);
		expect(without.text).not.toContain('documentada');
	});

	it('staff e-mails carry the staff footer, customer e-mails the customer one', () => {
		expect(render('ticket_new_for_agents', PAYLOADS.ticket_new_for_agents, es).text).toMatch(/--\n\nRecibes este correo porque formas parte del equipo de Mostrador\.$/);
		expect(render('ticket_reply', PAYLOADS.ticket_reply, en).text).toMatch(/--\n\nYou are receiving this e-mail because you have an open ticket with Mostrador\./);
		// With the e-mail channel, a reply to a ticket's mail reaches the ticket.
		expect(render('ticket_reply', PAYLOADS.ticket_reply, es).text).toMatch(/Puedes contestar respondiendo a este correo o en el ticket\.$/);
	});

	it('without a name the greeting is plain', () => {
		expect(render('ticket_auto_closed', PAYLOADS.ticket_auto_closed, { lang: 'es', site: SITE }).text.startsWith('Hola:\n\n')).toBe(true);
		expect(render('ticket_auto_closed', PAYLOADS.ticket_auto_closed, { lang: 'en', site: SITE, name: null }).text.startsWith('Hello,\n\n')).toBe(true);
	});
});

describe('user content', () => {
	const hostile = 'Falla <script>alert("x")</script> & <img src=x onerror=alert(1)>';

	it.each(Object.keys(PAYLOADS).filter((t) => t !== 'weekly_digest' && t !== 'monthly_report'))('%s: every text field is escaped in HTML in both languages', (template) => {
		// Every string of the payload (and of its string arrays) made hostile, where the schema takes any text.
		const payload = Object.fromEntries(
			Object.entries(PAYLOADS[template]).map(([k, v]) => [
				k,
				['subject', 'author', 'body', 'organisation', 'requester', 'title', 'by', 'support_address'].includes(k) && typeof v === 'string' ? `${v} ${hostile}` : Array.isArray(v) && k === 'contacts' ? v.map((c) => `${c} ${hostile}`) : v,
			]),
		);
		for (const ctx of [es, en]) {
			const mail = render(template, payload, ctx);
			expect(mail.html).not.toMatch(/<script|<img/);
		}
	});

	it('is escaped everywhere in the HTML part and left readable in the text part', () => {
		const mail = render('ticket_reply', { ...PAYLOADS.ticket_reply, subject: hostile, author: '<b>Luis</b>', body: `${hostile}\nsegunda línea` }, { ...es, name: '<i>Ana</i>' });
		expect(mail.html).not.toMatch(/<script|<img|<b>|<i>/);
		expect(mail.html).toContain('<title>Nueva respuesta en tu ticket #1042: Falla &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#60;img src=x onerror=alert(1)&#62;</title>');
		expect(mail.html).toContain('&#60;b&#62;Luis&#60;/b&#62; ha respondido');
		expect(mail.html).toContain('Hola, &#60;i&#62;Ana&#60;/i&#62;:');
		expect(mail.html).toContain('onerror=alert(1)&#62;<br>segunda línea</blockquote>');
		expect(mail.text).toContain(`> ${hostile}\n> segunda línea`);
	});

	it('cannot break the subject line (no CR, LF or control characters)', () => {
		const mail = render('ticket_auto_closed', { ...PAYLOADS.ticket_auto_closed, subject: 'Hola\r\nBcc: victim@example.com\u0000\u0007 fin' }, es);
		expect(mail.subject).toBe('Hemos cerrado tu ticket #1042');
		const reply = render('ticket_reply', { ...PAYLOADS.ticket_reply, subject: 'Hola\r\nBcc: victim@example.com\tfin' }, es);
		expect(reply.subject).toBe('Nueva respuesta en tu ticket #1042: Hola Bcc: victim@example.com fin');
		expect(oneLine('a\r\n\u0085b')).toBe('a b');
	});

	it('a long reply is cut in the e-mail with a pointer to the ticket', () => {
		const long = 'x'.repeat(REPLY_EXCERPT_CHARS + 50);
		const mail = render('ticket_reply', { ...PAYLOADS.ticket_reply, body: long }, es);
		expect(mail.text).toContain(`> ${'x'.repeat(REPLY_EXCERPT_CHARS)}… (sigue en el ticket)`);
		expect(mail.text).not.toContain('x'.repeat(REPLY_EXCERPT_CHARS + 1));
	});

	it('escapeHtml covers the five characters that matter, compose escapes the link too', () => {
		expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
		const mail = compose({ lang: 'es', subject: 's', greeting: 'g', blocks: [], action: { label: 'Ir', url: 'https://x.test/?a=1&b="2"' }, footer: 'f' });
		expect(mail.html).toContain('href="https://x.test/?a=1&#38;b=&#34;2&#34;"');
	});
});

describe('rows that cannot be rendered', () => {
	it('an unknown template is refused by name', () => {
		expect(renderNotification('birthday_card', {}, es)).toEqual({ ok: false, error: 'unknown template "birthday_card"' });
		// Inherited object keys are not templates.
		expect(renderNotification('constructor', {}, es)).toEqual({ ok: false, error: 'unknown template "constructor"' });
	});

	it('a payload that does not match lists every bad field', () => {
		const r = renderNotification('ticket_escalated', { number: 0, subject: 'x', level: 2, target: 'lunch', deadline: 'mañana', timezone: 'Mars/Olympus' }, es);
		expect(r.ok).toBe(false);
		const error = (r as { error: string }).error;
		expect(error.startsWith('invalid payload for "ticket_escalated": ')).toBe(true);
		for (const field of ['number', 'target', 'deadline', 'timezone']) expect(error).toContain(`${field}: `);
		expect(error).not.toContain('subject:');
		expect(error).not.toContain('level:');
	});

	it('a payload that is not an object is refused', () => {
		expect(renderNotification('ticket_auto_closed', null, es)).toMatchObject({ ok: false, error: expect.stringContaining('(payload): ') });
		expect(renderNotification('ticket_auto_closed', [], es).ok).toBe(false);
	});

	it('queuers can check a payload with the same schema before queueing', () => {
		expect(payloadSchema('ticket_auto_closed').safeParse(PAYLOADS.ticket_auto_closed).success).toBe(true);
		expect(payloadSchema('ticket_auto_closed').safeParse({ number: 1, subject: 'x', days: 0 }).success).toBe(false);
	});
});

describe('links and formats', () => {
	it('SITE_URL: default, trailing slashes dropped, a base path kept, anything but http(s) refused', () => {
		expect(siteUrl(undefined)).toBe('http://127.0.0.1:4321');
		expect(siteUrl('  ')).toBe('http://127.0.0.1:4321');
		expect(siteUrl('https://soporte.example.mx/')).toBe('https://soporte.example.mx');
		expect(siteUrl('https://example.mx/ayuda//')).toBe('https://example.mx/ayuda');
		expect(() => siteUrl('javascript:alert(1)')).toThrow(/http\(s\)/);
		expect(() => siteUrl('soporte.example.mx')).toThrow(/not a URL/);
		expect(() => siteUrl('https://example.mx/?x=1')).toThrow(/query/);
	});

	it('ticket and article addresses', () => {
		expect(ticketUrl(SITE, 'es', 7)).toBe(`${SITE}/soporte/tickets/?n=7`);
		expect(ticketUrl(SITE, 'en', 7)).toBe(`${SITE}/en/soporte/tickets/?n=7`);
		expect(articleUrl(SITE, 'en', '/guias/instalar/')).toBe(`${SITE}/en/guias/instalar/`);
	});

	it('instants across a DST change are shown in the zone’s local time', () => {
		// Madrid, 2026-03-29: 00:30 UTC is 01:30 CET; 01:30 UTC is 03:30 CEST (02:00 became 03:00).
		expect(formatInstant('2026-03-29T00:30:00Z', 'es', 'Europe/Madrid')).toBe('domingo, 29 de marzo de 2026, 1:30 hora estándar de Europa central');
		expect(formatInstant('2026-03-29T01:30:00Z', 'es', 'Europe/Madrid')).toBe('domingo, 29 de marzo de 2026, 3:30 hora de verano de Europa central');
	});

	it('amounts of business time in words', () => {
		expect(formatMinutes(270, 'es')).toBe('4 horas y 30 minutos');
		expect(formatMinutes(60, 'en')).toBe('1 hour');
		expect(formatMinutes(0, 'en')).toBe('0 minutes');
	});
});

describe('the portal’s name in the small print', () => {
	it('names the configured portal (SITE_NAME), the product only when none is given', async () => {
		const { renderNotification: render } = await import('#shared/email/templates.ts');
		const payload = { ticket: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', number: 12, subject: 'Prueba', author: 'Ana', body: 'Hola' };
		const named = render('ticket_reply', payload, { lang: 'es', site: 'https://soporte.example.mx', siteName: 'Centro de soporte Quetzal' });
		const plain = render('ticket_reply', payload, { lang: 'en', site: 'https://soporte.example.mx' });
		if (!named.ok || !plain.ok) throw new Error('did not render');
		expect(named.email.text).toContain('tienes un ticket abierto con Centro de soporte Quetzal.');
		expect(named.email.text).not.toContain('Mostrador');
		expect(plain.email.text).toContain('you have an open ticket with Mostrador.');
	});
});

describe('staff_invited (invite_staff, the operators migration)', () => {
	const TOKEN = '0123456789abcdef'.repeat(3);
	it('carries the single-use link to the account page, in Spanish and English', () => {
		const a = render('staff_invited', { role: 'lead', level: 2, token: TOKEN, valid_days: 7 }, es);
		const b = render('staff_invited', { role: 'lead', level: 2, token: TOKEN, valid_days: 7 }, en);
		expect(a.subject).toBe('Invitación al equipo de soporte (responsable de equipo)');
		expect(b.subject).toBe('Invitation to the support team (team lead)');
		expect(a.html).toContain(`href="${SITE}/cuenta/?equipo=${TOKEN}"`);
		expect(b.html).toContain(`href="${SITE}/en/cuenta/?equipo=${TOKEN}"`);
		expect(a.text).toContain(`${SITE}/cuenta/?equipo=${TOKEN}`);
		expect(a.text).toContain('entra con esta misma dirección de correo');
		expect(a.text).toContain('caduca en 7 días');
		expect(b.text).toContain('expires in 7 days');
		expect(a.text).toMatch(/un administrador de Mostrador te ha invitado a su equipo de soporte/);
	});

	it('refuses an unknown role, and a token that is not one', () => {
		expect(renderNotification('staff_invited', { role: 'owner', level: 1, token: TOKEN, valid_days: 7 }, es).ok).toBe(false);
		expect(renderNotification('staff_invited', { role: 'agent', level: 1, token: '../../admin', valid_days: 7 }, es).ok).toBe(false);
		expect(renderNotification('staff_invited', { role: 'agent', level: 1, valid_days: 7 }, es).ok).toBe(false);
	});
});
