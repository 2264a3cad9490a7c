// The two report e-mails through the template registry, as the notify function renders them: exact
// Spanish and English subjects, the lists and figures in the body, links in the reader's language,
// user content escaped, and payloads of the wrong shape refused.
import { describe, expect, it } from 'vitest';
import { renderNotification, type RenderContext } from '#shared/email/templates.ts';
import { formatDays, formatMonth, formatRate } from '#shared/reports/format.ts';
import type { MonthlyReportPayload, WeeklyDigestPayload } from '#shared/reports/payloads.ts';

const SITE = 'https://soporte.example.mx';
const es: RenderContext = { lang: 'es', site: SITE, name: 'Ana Pérez' };
const en: RenderContext = { lang: 'en', site: SITE, name: 'John Smith' };
const ORG = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const WEEK: WeeklyDigestPayload = {
	organisation: { id: ORG, name: 'Clínica <San Pedro>' },
	from: '2026-11-09',
	to: '2026-11-15',
	timezone: 'America/Mexico_City',
	opened: { count: 2, items: [{ number: 1042, subject: 'No arranca <script>', severity: 'P1' }, { number: 1043, subject: 'Lento', severity: 'P3' }] },
	closed: { count: 1, items: [{ number: 1001, subject: 'Error al firmar', severity: 'P2' }] },
	new_articles: { count: 1, items: [{ slug: 'notas-de-version/docs-5-2', title: { es: 'Quetzal Docs 5.2' }, type: 'release-notes', date: '2026-11-12', version: '5.2' }] },
	updated_articles: {
		count: 30,
		items: [{ slug: 'guias/integracion-ldap', title: { es: 'Integración LDAP', en: 'LDAP integration' }, type: 'guide', date: '2026-11-10' }],
	},
	alerts: { count: 1, items: [{ slug: 'alertas/visor', title: { es: 'Vulnerabilidad en el visor' }, severity: 'critical', state: 'published', date: '2026-11-11' }] },
	downloads: { count: 1, items: [{ name: 'Quetzal Cargador', version: '2.4.1', support_status: 'current', published_at: '2026-11-13T17:00:00Z' }] },
};

const MONTH: MonthlyReportPayload = {
	...WEEK,
	from: '2026-10-01',
	to: '2026-10-31',
	month: '2026-10',
	sla: {
		tickets: 21,
		first_response: { measured: 19, on_time: 18, rate: 0.9474, commitment: 95, met: false },
		updates: { measured: 4, on_time: 4, rate: 1 },
		escalation: { measured: 10, on_time: 10, rate: 1, commitment: 90, met: true },
		met: false,
		by_severity: [
			{
				severity: 'P1',
				label: { es: 'Prioridad 1', en: 'Priority 1' },
				tickets: 3,
				first_response: { measured: 3, on_time: 3, rate: 1 },
				updates: { measured: 0, on_time: 0, rate: null },
				escalation: { measured: 3, on_time: 3, rate: 1 },
			},
		],
	},
};

function render(template: string, payload: unknown, ctx: RenderContext) {
	const r = renderNotification(template, payload, ctx);
	if (!r.ok) throw new Error(r.error);
	return r.email;
}

describe('formats', () => {
	it('says periods, months and rates as each language does', () => {
		expect(formatDays('2026-11-09', '2026-11-15', 'es')).toBe('9–15 de noviembre de 2026');
		expect(formatDays('2026-11-09', '2026-11-15', 'en')).toBe('November 9\u2009–\u200915, 2026');
		expect(formatMonth('2026-10', 'es')).toBe('octubre de 2026');
		expect(formatMonth('2026-10', 'en')).toBe('October 2026');
		expect(formatRate(0.9474, 'es')).toBe('94,7\u00a0%');
		expect(formatRate(0.9474, 'en')).toBe('94.7%');
	});
});

describe('weekly_digest', () => {
	it('Spanish: subject, counts, the lists and links, the reason in the footer', () => {
		const m = render('weekly_digest', WEEK, es);
		expect(m.subject).toBe('Resumen semanal de soporte de Clínica <San Pedro>: 9–15 de noviembre de 2026');
		expect(m.text.startsWith('Hola, Ana Pérez:\n\nEsto es lo que pasó en el soporte de Clínica <San Pedro> durante la semana 9–15 de noviembre de 2026.')).toBe(true);
		expect(m.text).toContain('Tickets abiertos: 2\nTickets cerrados: 1\nAlertas técnicas: 1\nArtículos nuevos: 1\nArtículos actualizados: 30\nNuevas versiones para descargar: 1');
		expect(m.text).toContain('Tickets abiertos (2):\n• #1042 (P1) No arranca <script>\n• #1043 (P3) Lento');
		expect(m.text).toContain('Tickets cerrados (1):\n• #1001 (P2) Error al firmar');
		expect(m.text).toContain(`Alertas técnicas (1):\n• Vulnerabilidad en el visor (crítica, publicada): ${SITE}/alertas/visor/`);
		expect(m.text).toContain(`Artículos nuevos (1):\n• Quetzal Docs 5.2: ${SITE}/notas-de-version/docs-5-2/`);
		expect(m.text).toContain(`Artículos actualizados (30):\n• Integración LDAP: ${SITE}/guias/integracion-ldap/\n…y 29 más.`);
		expect(m.text).toContain('Nuevas versiones para descargar (1):\n• Quetzal Cargador 2.4.1');
		expect(m.text).toContain(`Ver los tickets de tu organización: ${SITE}/soporte/tickets/`);
		expect(m.text.endsWith('Recibes este resumen cada lunes porque perteneces a Clínica <San Pedro> en Mostrador.')).toBe(true);
		expect(m.html).toContain('No arranca &#60;script&#62;');
		expect(m.html).not.toContain('<script>');
		expect(m.html).toMatch(/^<!doctype html><html lang="es">/);
	});

	it('English: titles in English where the article has one, links under /en/', () => {
		const m = render('weekly_digest', WEEK, en);
		expect(m.subject).toBe('Weekly support digest for Clínica <San Pedro>: November 9 – 15, 2026');
		expect(m.text).toContain(`Updated articles (30):\n• LDAP integration: ${SITE}/en/guias/integracion-ldap/\n…and 29 more.`);
		expect(m.text).toContain(`Technical alerts (1):\n• Vulnerabilidad en el visor (critical, published): ${SITE}/en/alertas/visor/`);
		expect(m.text).toContain(`See your organisation’s tickets: ${SITE}/en/soporte/tickets/`);
		expect(m.text.endsWith('You receive this digest every Monday because you belong to Clínica <San Pedro> at Mostrador.')).toBe(true);
	});

	it('leaves out the lists a week did not have', () => {
		const quiet = { ...WEEK, opened: { count: 0, items: [] }, closed: { count: 0, items: [] }, alerts: { count: 0, items: [] }, downloads: { count: 0, items: [] } };
		const m = render('weekly_digest', quiet, es);
		expect(m.text).toContain('Tickets abiertos: 0');
		expect(m.text).not.toContain('Tickets abiertos (');
		expect(m.text).not.toContain('Nuevas versiones para descargar (');
	});

	it('refuses payloads of another shape', () => {
		const r = renderNotification('weekly_digest', { ...WEEK, opened: { count: 1, items: WEEK.opened.items } }, es);
		expect(r).toEqual({ ok: false, error: expect.stringContaining('opened: more items than the count') });
		expect(renderNotification('weekly_digest', { ...WEEK, from: '9/11/2026' }, es).ok).toBe(false);
		expect(renderNotification('weekly_digest', { ...WEEK, surprise: 1 }, es).ok).toBe(false);
	});
});

describe('monthly_report', () => {
	it('Spanish: the SLA figures against the commitments, by severity, and the printable report', () => {
		const m = render('monthly_report', MONTH, es);
		expect(m.subject).toBe('Informe mensual de soporte de Clínica <San Pedro>: octubre de 2026');
		expect(m.text).toContain('Este es el informe de soporte de Clínica <San Pedro> de octubre de 2026.');
		expect(m.text).toContain('Cumplimiento del SLA: No se cumplió alguno de los compromisos de servicio del programa.');
		expect(m.text).toContain(
			'Primeras respuestas a tiempo: 18 de 19 (94,7 %) — compromiso: 95 %, no cumplido\n' +
				'Escalamientos a tiempo: 10 de 10 (100 %) — compromiso: 90 %, cumplido\n' +
				'Actualizaciones al cliente a tiempo: 4 de 4 (100 %)',
		);
		expect(m.text).toContain('Por severidad:\n\nPrioridad 1: 3 tickets; primera respuesta: 3 de 3 (100 %); escalamiento: 3 de 3 (100 %)');
		expect(m.text).toContain(`Ver el informe para imprimir: ${SITE}/soporte/informe/?org=${ORG}&mes=2026-10`);
		expect(m.html).toContain(`href="${SITE}/soporte/informe/?org=${ORG}&#38;mes=2026-10"`);
		expect(m.text.endsWith('Recibes este informe el día 1 de cada mes porque coordinas la cuenta de Clínica <San Pedro> con Mostrador.')).toBe(true);
	});

	it('English, and a month with nothing measured', () => {
		const m = render('monthly_report', MONTH, en);
		expect(m.subject).toBe('Monthly support report for Clínica <San Pedro>: October 2026');
		expect(m.text).toContain('First responses on time: 18 of 19 (94.7%) — commitment: 95%, not met');
		expect(m.text).toContain('Priority 1: 3 tickets; first response: 3 of 3 (100%); escalation: 3 of 3 (100%)');
		expect(m.text).toContain(`See the printable report: ${SITE}/en/soporte/informe/?org=${ORG}&mes=2026-10`);
		const none = { measured: 0, on_time: 0, rate: null };
		const quiet = { ...MONTH, sla: { tickets: 0, first_response: { ...none, commitment: 95, met: null }, updates: none, escalation: { ...none, commitment: 90, met: null }, met: null, by_severity: [] } };
		const q = render('monthly_report', quiet, es);
		expect(q.text).toContain('Cumplimiento del SLA: Este mes no hubo plazos que medir.');
		expect(q.text).toContain('Primeras respuestas a tiempo: sin mediciones — compromiso: 95 %, sin mediciones');
		expect(q.text).not.toContain('Por severidad');
	});

	it('a best-effort plan, which commits to nothing, is told so instead of "no deadlines this month"', () => {
		const none = { measured: 0, on_time: 0, rate: null };
		const bestEffort = { ...MONTH, sla: { tickets: 4, first_response: { ...none, commitment: null, met: null }, updates: none, escalation: { ...none, commitment: null, met: null }, met: null, by_severity: [] } };
		expect(render('monthly_report', bestEffort, es).text).toContain('Cumplimiento del SLA: El plan se atiende con el mejor esfuerzo: no promete tiempos de respuesta');
		expect(render('monthly_report', bestEffort, en).text).toContain('SLA attainment: The plan is served on a best-effort basis: it promises no response times');
		expect(render('monthly_report', bestEffort, es).text).not.toContain('compromiso');
	});
});
