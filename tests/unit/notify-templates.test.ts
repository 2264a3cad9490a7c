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
		expect(render('ticket_new_for_agents', PAYLOADS.ticket_new_for_agents, es).text).toMatch(/--\n\nRecibes este correo porque formas parte del equipo de soporte de Mostrador\.$/);
		expect(render('ticket_reply', PAYLOADS.ticket_reply, en).text).toMatch(/--\n\nYou are receiving this e-mail because you have an open ticket with Mostrador support\./);
	});

	it('without a name the greeting is plain', () => {
		expect(render('ticket_auto_closed', PAYLOADS.ticket_auto_closed, { lang: 'es', site: SITE }).text.startsWith('Hola:\n\n')).toBe(true);
		expect(render('ticket_auto_closed', PAYLOADS.ticket_auto_closed, { lang: 'en', site: SITE, name: null }).text.startsWith('Hello,\n\n')).toBe(true);
	});
});

describe('user content', () => {
	const hostile = 'Falla <script>alert("x")</script> & <img src=x onerror=alert(1)>';

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
