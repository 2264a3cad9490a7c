// The customer's mails across the seed programmes (issue 14): a best-effort plan promises no time (the
// receipt says so, never "null" or "Invalid Date"), a programme without auto-close never says a ticket
// will close by itself, a 24×7 plan's target is plain time, and the mails that state a time or the
// auto-close link the ticket's own programme terms, /soporte/programas/<id>/ (or /en/…).
// The payloads are the ones the database queues (tests/db/programmes-acceptance.test.ts checks that
// the queued rows carry `programme`); the other wording of each template is notify-templates.test.ts.
import { describe, expect, it } from 'vitest';
import { renderNotification, type RenderContext } from '#shared/email/templates.ts';

const SITE = 'https://soporte.example.mx';
const es: RenderContext = { lang: 'es', site: SITE, name: 'Ana Pérez' };
const en: RenderContext = { lang: 'en', site: SITE, name: 'John Smith' };
const TICKET = '6f1c2d4e-8a9b-4c3d-9e2f-1a2b3c4d5e6f';
const base = { ticket: TICKET, number: 1042, subject: 'No arranca' };

function render(template: string, payload: unknown, ctx: RenderContext) {
	const r = renderNotification(template, payload, ctx);
	if (!r.ok) throw new Error(r.error);
	return r.email;
}

/** Words that only show up when a missing value was printed. */
const LEAKS = /\bnull\b|\bundefined\b|Invalid Date|\bNaN\b/;

const terms = (id: string, ctx: RenderContext) => `${SITE}${ctx.lang === 'en' ? '/en' : ''}/soporte/programas/${id}/`;

describe('best-effort plan (membresia): no time promised', () => {
	// What queue_ticket_opened writes for a plan with no targets: no due, no target.
	const received = { ...base, severity: { es: 'Alta', en: 'High' }, first_response_due: null, first_response_minutes: null, timezone: 'Europe/Madrid', around_the_clock: false, programme: 'membresia' };

	it('ticket_received says no time is promised, in both languages, and links the membership’s terms', () => {
		const a = render('ticket_received', received, es);
		const b = render('ticket_received', received, en);
		expect(a.text).toContain('Primera respuesta: sin tiempo comprometido: tu plan se atiende con el mejor esfuerzo');
		expect(b.text).toContain('First response: no time promised: your plan is served on a best-effort basis');
		expect(a.text).not.toContain('antes de');
		expect(b.text).not.toContain('First response by');
		expect(a.text).toContain(`Los tiempos y condiciones de tu programa de soporte: ${terms('membresia', es)}`);
		expect(b.text).toContain(`The times and terms of your support programme: ${terms('membresia', en)}`);
		for (const mail of [a, b]) {
			expect(mail.text).not.toMatch(LEAKS);
			expect(mail.html).not.toMatch(LEAKS);
		}
		// The link is escaped into the HTML part like any other text.
		expect(a.html).toContain(terms('membresia', es));
	});

	it('ticket_new_for_agents tells support there is no deadline', () => {
		const p = { number: 1042, subject: 'No arranca', severity: 'alta', organisation: 'Ayuntamiento de Almagro', requester: 'Ana <ana@almagro.es>', first_response_due: null, timezone: 'Europe/Madrid' };
		expect(render('ticket_new_for_agents', p, es).text).toContain('Primera respuesta: sin plazo (plan de mejor esfuerzo)');
		expect(render('ticket_new_for_agents', p, en).text).toContain('First response: no deadline (best-effort plan)');
		expect(render('ticket_new_for_agents', p, en).text).not.toMatch(LEAKS);
	});
});

describe('a programme without auto-close (membresia, soporte-nativo): no word of closing by itself', () => {
	// What queue_message_mail writes when private.auto_close_days is null.
	const asked = { ...base, author: 'Luis', body: '¿Qué versión usan?', closes_after_days: null, programme: 'soporte-nativo' };
	const proposed = { ...base, author: 'Luis', body: 'Reconstruye el índice.', closes_after_days: null, programme: 'soporte-nativo' };

	it('info_requested asks and waits, without a closing date, and links the terms', () => {
		const a = render('info_requested', asked, es);
		const b = render('info_requested', asked, en);
		expect(a.text).not.toMatch(/cerraremos|se cerrará|cierre/);
		expect(b.text).not.toMatch(/we will close|will close|closes/i);
		expect(a.text).toContain(terms('soporte-nativo', es));
		expect(b.text).toContain(terms('soporte-nativo', en));
		expect(a.text + b.text).not.toMatch(LEAKS);
		// With an auto-close the same mail does say it.
		expect(render('info_requested', { ...asked, closes_after_days: 10, programme: 'implementacion' }, es).text).toContain('Si no recibimos respuesta en 10 días, cerraremos el ticket');
	});

	it('solution_proposed asks to confirm or reopen, without a closing date, and links the terms', () => {
		const a = render('solution_proposed', proposed, es);
		const b = render('solution_proposed', proposed, en);
		expect(a.text).not.toContain('daremos el ticket por cerrado');
		expect(b.text).not.toContain('we will close the ticket');
		expect(a.text).toContain(terms('soporte-nativo', es));
		expect(a.text + b.text).not.toMatch(LEAKS);
		expect(render('solution_proposed', { ...proposed, closes_after_days: 10 }, en).text).toContain('If we do not hear from you within 10 days, we will close the ticket.');
	});

	it('ticket_closed by staff links the terms and prints no missing days', () => {
		const closed = { ...base, reason: 'staff', by: null, days: null, programme: 'membresia' };
		const a = render('ticket_closed', closed, es);
		expect(a.text).toContain('El equipo de soporte ha cerrado el ticket #1042.');
		expect(a.text).toContain(terms('membresia', es));
		expect(a.text).not.toMatch(LEAKS);
		// An automatic close whose days are unknown says it without a number.
		const auto = render('ticket_closed', { ...closed, reason: 'no_customer_reply' }, en);
		expect(auto.text).toContain('received none.');
		expect(auto.text).not.toMatch(LEAKS);
	});

	it('the sweep’s auto-close mails cannot be rendered without their days: they are only queued where an auto-close is promised', () => {
		expect(renderNotification('auto_close_reminder', { ...base, days: null, programme: 'membresia' }, es).ok).toBe(false);
		expect(renderNotification('ticket_auto_closed', { ...base, days: null, programme: 'membresia' }, es).ok).toBe(false);
	});
});

describe('the programme’s terms in the mails that state a time or the auto-close', () => {
	it('auto_close_reminder and ticket_auto_closed link the programme that closes (implementacion, 10 days)', () => {
		const reminder = render('auto_close_reminder', { ...base, days: 3, closes_at: '2026-12-11T15:00:00Z', timezone: 'America/Bogota', programme: 'implementacion' }, es);
		expect(reminder.text).toContain('Si no respondes en 3 días, lo cerraremos.');
		expect(reminder.text).toContain(terms('implementacion', es));
		const closed = render('ticket_auto_closed', { ...base, days: 10, programme: 'implementacion' }, en);
		expect(closed.text).toContain('we have had no reply in 10 days');
		expect(closed.text).toContain(terms('implementacion', en));
	});

	it('ticket_received of a timed plan links its own programme, not the site’s active one', () => {
		const p = { ...base, severity: 'P1', first_response_due: '2027-03-16T18:00:00Z', first_response_minutes: 240, timezone: 'America/Mexico_City', programme: 'estandar-extendido' };
		const a = render('ticket_received', p, es);
		expect(a.text).toContain('(4 horas hábiles)');
		expect(a.text).toContain(terms('estandar-extendido', es));
		expect(render('ticket_received', { ...p, programme: 'implementacion' }, es).text).toContain(terms('implementacion', es));
	});

	it('a 24×7 plan’s target is plain time, not business time (soporte-nativo, 30 minutes)', () => {
		const p = { ...base, severity: { es: 'Crítico', en: 'Critical' }, first_response_due: '2026-12-13T05:30:00Z', first_response_minutes: 30, timezone: 'America/Mexico_City', around_the_clock: true, programme: 'soporte-nativo' };
		expect(render('ticket_received', p, es).text).toContain('hora estándar central (30 minutos)\n');
		expect(render('ticket_received', p, en).text).toContain('Central Standard Time (30 minutes)\n');
		expect(render('ticket_received', { ...p, around_the_clock: false }, en).text).toContain('(30 minutes of business time)');
	});

	it('a row queued without a programme (before it was in the payload) renders without the link', () => {
		const mail = render('ticket_auto_closed', { ...base, days: 10 }, es);
		expect(mail.text).not.toContain('/soporte/programas/');
	});

	it('a programme id that is not an id is refused, so no odd path reaches a link', () => {
		for (const programme of ['../cuenta', 'Estandar', '', 'a b', 'x'.repeat(101)]) {
			expect(renderNotification('ticket_auto_closed', { ...base, days: 10, programme }, es).ok).toBe(false);
		}
	});
});
