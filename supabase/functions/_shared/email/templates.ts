// The notification e-mails, one entry per outbox template: the payload it needs (a zod schema, so a
// row queued with the wrong shape is refused with a reason instead of half-rendered) and its Spanish
// and English wording. Whoever queues a row in public.notifications writes `payload` to match the
// schema here; `NotificationPayload<'ticket_received'>` gives them the type.
import { z } from 'zod';
import { localizedText, pickText, timeZone } from '../programme.ts';
import { compose, type Block, type EmailContent, type Fact, type RenderedEmail } from './compose.ts';
import { articleUrl, ticketUrl } from './links.ts';
import { formatDays, formatInstant, formatMinutes } from './format.ts';
import { monthlyReportPayload, weeklyDigestPayload } from '../reports/payloads.ts';
import { monthlyReportEmail, weeklyDigestEmail } from '../reports/emails.ts';

export type Lang = 'es' | 'en';

export interface RenderContext {
	lang: Lang;
	/** The site's origin, from siteUrl(). */
	site: string;
	/** The recipient's name for the greeting, when known. */
	name?: string | null;
}

const ticketNumber = z.number().int().positive();
// Lengths are generous bounds against runaway payloads, not the database's limits (which count
// characters where JavaScript counts UTF-16 units).
const ticketSubject = z.string().trim().min(1).max(1000);
/** An instant with its offset, as Postgres writes a timestamptz into JSON. */
const instant = z.iso.datetime({ offset: true });
const slug = z.string().regex(/^[a-z0-9/-]+$/);
const name = z.string().trim().min(1).max(500);

/** Any 8-4-4-4-12 hex id (fixed demo ids are not always RFC 9562 UUIDs). */
const id = z.guid();
/** Fields every ticket e-mail carries. `ticket` (the id) is optional and only kept for tracing. */
const ticketFields = { ticket: id.optional(), number: ticketNumber, subject: ticketSubject };

// escalation: the time a level has to solve the ticket before it moves up (the programme's escalation cadence).
const TARGETS = ['first_response', 'update', 'escalation', 'resolution'] as const;
type Target = (typeof TARGETS)[number];

const schemas = {
	/** To the customer who opened the ticket. `first_response_due` null: the plan promises no time. */
	ticket_received: z.object({
		...ticketFields,
		severity: localizedText,
		first_response_due: instant.nullable(),
		/** The plan's target in business minutes, to say "4 business hours" next to the deadline; null or absent: not said. */
		first_response_minutes: z.number().int().positive().nullable().optional(),
		/** The organisation's zone: deadlines are shown in it. */
		timezone: timeZone,
	}),
	/** To support staff: a ticket came in. */
	ticket_new_for_agents: z.object({
		...ticketFields,
		severity: localizedText,
		organisation: name,
		/** Who opened it, as staff should read it: "Ana Pérez <ana@cliente.mx>". */
		requester: z.string().trim().min(1).max(1000),
		first_response_due: instant.nullable(),
		timezone: timeZone,
	}),
	/** To the customer: staff answered publicly. `body` is the reply as written (plain text). */
	ticket_reply: z.object({
		...ticketFields,
		author: name,
		body: z.string().min(1).max(100_000),
	}),
	/** To the assignee: the customer is owed an update by `due`. */
	customer_update_due: z.object({
		...ticketFields,
		due: instant,
		timezone: timeZone,
	}),
	/** To the lead: a deadline passed and the ticket moved up a level. */
	ticket_escalated: z.object({
		...ticketFields,
		level: z.number().int().min(1).max(10),
		/** Which promise was broken, and when it fell due. */
		target: z.enum(TARGETS),
		deadline: instant,
		timezone: timeZone,
	}),
	/** To the customer: the ticket waits on them and closes in `days` days without a reply. */
	auto_close_reminder: z.object({
		...ticketFields,
		days: z.number().int().positive(),
		closes_at: instant.optional(),
		timezone: timeZone.optional(),
	}),
	/** To the customer: closed after `days` days without their reply. */
	ticket_auto_closed: z.object({
		...ticketFields,
		days: z.number().int().positive(),
	}),
	/** To each requester of an open ticket linked to a problem that was resolved (queued by resolve_problem). */
	problem_resolved: z.object({
		problem: id,
		title: z.string().trim().min(1).max(1000),
		ticket: id,
		number: ticketNumber,
		kb_article: slug.nullable().optional(),
	}),
	/** To every member of an organisation: its week (queued by the reports function; ../reports/payloads.ts). */
	weekly_digest: weeklyDigestPayload,
	/** To each coordinator: the month with its SLA attainment (queued by the reports function). */
	monthly_report: monthlyReportPayload,
	/** To every member of the organisations a technical alert concerns: it was published, or is resolved (queued by publish_alert_notification). */
	alert_published: z.object({
		article: slug,
		title: localizedText,
		severity: z.enum(['critical', 'high', 'medium', 'low']),
		state: z.enum(['published', 'resolved']),
		/** The product's name; null for an alert about no product in particular. */
		product: name.nullable().optional(),
		versions: z.array(z.string().max(50)).max(100).default([]),
	}),
};

export type TemplateName = keyof typeof schemas;
export type NotificationPayload<T extends TemplateName> = z.input<(typeof schemas)[T]>;
type Parsed<T extends TemplateName> = z.output<(typeof schemas)[T]>;

interface Words {
	hello(name: string | null | undefined): string;
	viewTicket: string;
	number: string;
	subject: string;
	severity: string;
	footerCustomer: string;
	footerStaff: string;
}

const WORDS: Record<Lang, Words> = {
	es: {
		hello: (n) => (n ? `Hola, ${n}:` : 'Hola:'),
		viewTicket: 'Ver el ticket',
		number: 'Ticket',
		subject: 'Asunto',
		severity: 'Severidad',
		footerCustomer: 'Recibes este correo porque tienes un ticket abierto en el soporte de Mostrador. Para responder, entra en el ticket; las respuestas a este correo no llegan a nadie.',
		footerStaff: 'Recibes este correo porque formas parte del equipo de soporte de Mostrador.',
	},
	en: {
		hello: (n) => (n ? `Hello ${n},` : 'Hello,'),
		viewTicket: 'View the ticket',
		number: 'Ticket',
		subject: 'Subject',
		severity: 'Severity',
		footerCustomer: 'You are receiving this e-mail because you have an open ticket with Mostrador support. To answer, open the ticket; replies to this e-mail reach no one.',
		footerStaff: 'You are receiving this e-mail because you are part of the Mostrador support team.',
	},
};

const TARGET_WORDS: Record<Lang, Record<Target, string>> = {
	es: { first_response: 'primera respuesta', update: 'actualización al cliente', escalation: 'atención en el nivel anterior', resolution: 'resolución' },
	en: { first_response: 'first response', update: 'customer update', escalation: 'time at the previous level', resolution: 'resolution' },
};

/** Replies longer than this are cut in the e-mail; the whole text is on the ticket page. */
export const REPLY_EXCERPT_CHARS = 2000;

function excerpt(text: string, lang: Lang): string {
	const trimmed = text.trim();
	if (trimmed.length <= REPLY_EXCERPT_CHARS) return trimmed;
	return `${trimmed.slice(0, REPLY_EXCERPT_CHARS).trimEnd()}… ${lang === 'es' ? '(sigue en el ticket)' : '(continued on the ticket)'}`;
}

/** `footer` replaces the customer's or staff's standard one, for e-mails sent for another reason (the reports). */
type Renderer<T extends TemplateName> = (p: Parsed<T>, ctx: RenderContext, w: Words) => Omit<EmailContent, 'lang' | 'greeting' | 'footer'> & { staff?: boolean; footer?: string };

const ticketFacts = (p: { number: number; subject: string }, w: Words): Fact[] => [
	[w.number, `#${p.number}`],
	[w.subject, p.subject],
];
const openTicket = (p: { number: number }, ctx: RenderContext, w: Words) => ({ label: w.viewTicket, url: ticketUrl(ctx.site, ctx.lang, p.number) });

const renderers: { [T in TemplateName]: Renderer<T> } = {
	ticket_received(p, ctx, w) {
		const es = ctx.lang === 'es';
		const facts: Fact[] = [...ticketFacts(p, w), [w.severity, pickText(p.severity, ctx.lang)]];
		if (p.first_response_due) {
			const due = formatInstant(p.first_response_due, ctx.lang, p.timezone);
			const target = p.first_response_minutes ? ` (${formatMinutes(p.first_response_minutes, ctx.lang)} ${es ? 'hábiles' : 'of business time'})` : '';
			facts.push([es ? 'Primera respuesta antes de' : 'First response by', `${due}${target}`]);
		}
		return {
			subject: es ? `Hemos recibido tu ticket #${p.number}: ${p.subject}` : `We have received your ticket #${p.number}: ${p.subject}`,
			blocks: [
				{
					kind: 'paragraph',
					text: es
						? 'Hemos registrado tu solicitud y el equipo de soporte ya la tiene en su cola.'
						: 'We have logged your request and it is now in the support team’s queue.',
				},
				{ kind: 'facts', facts },
				{
					kind: 'paragraph',
					text: p.first_response_due
						? es
							? 'Te escribiremos antes de esa hora. Si algo cambia, añade los detalles en el ticket.'
							: 'We will write to you before then. If anything changes, add the details to the ticket.'
						: es
							? 'Te escribiremos lo antes posible. Si algo cambia, añade los detalles en el ticket.'
							: 'We will write to you as soon as we can. If anything changes, add the details to the ticket.',
				},
			],
			action: openTicket(p, ctx, w),
		};
	},

	ticket_new_for_agents(p, ctx, w) {
		const es = ctx.lang === 'es';
		const facts: Fact[] = [
			...ticketFacts(p, w),
			[w.severity, pickText(p.severity, ctx.lang)],
			[es ? 'Organización' : 'Organisation', p.organisation],
			[es ? 'Solicitante' : 'Requester', p.requester],
		];
		if (p.first_response_due) facts.push([es ? 'Primera respuesta antes de' : 'First response due', formatInstant(p.first_response_due, ctx.lang, p.timezone)]);
		return {
			staff: true,
			subject: es ? `Nuevo ticket #${p.number} (${pickText(p.severity, ctx.lang)}): ${p.subject}` : `New ticket #${p.number} (${pickText(p.severity, ctx.lang)}): ${p.subject}`,
			blocks: [{ kind: 'paragraph', text: es ? 'Ha entrado un ticket nuevo.' : 'A new ticket has come in.' }, { kind: 'facts', facts }],
			action: openTicket(p, ctx, w),
		};
	},

	ticket_reply(p, ctx, w) {
		const es = ctx.lang === 'es';
		return {
			subject: es ? `Nueva respuesta en tu ticket #${p.number}: ${p.subject}` : `New reply on your ticket #${p.number}: ${p.subject}`,
			blocks: [
				{ kind: 'paragraph', text: es ? `${p.author} ha respondido a tu ticket #${p.number}:` : `${p.author} has replied to your ticket #${p.number}:` },
				{ kind: 'quote', text: excerpt(p.body, ctx.lang) },
				{ kind: 'paragraph', text: es ? 'Para contestar, abre el ticket.' : 'To answer, open the ticket.' },
			],
			action: openTicket(p, ctx, w),
		};
	},

	customer_update_due(p, ctx, w) {
		const es = ctx.lang === 'es';
		const due = formatInstant(p.due, ctx.lang, p.timezone);
		return {
			staff: true,
			subject: es ? `Actualización pendiente para el cliente: ticket #${p.number}` : `Customer update due: ticket #${p.number}`,
			blocks: [
				{
					kind: 'paragraph',
					text: es ? `El cliente espera noticias del ticket #${p.number}. Envíale una actualización antes de: ${due}.` : `The customer is owed news on ticket #${p.number}. Send them an update by ${due}.`,
				},
				{ kind: 'facts', facts: ticketFacts(p, w) },
			],
			action: openTicket(p, ctx, w),
		};
	},

	ticket_escalated(p, ctx, w) {
		const es = ctx.lang === 'es';
		const target = TARGET_WORDS[ctx.lang][p.target];
		const deadline = formatInstant(p.deadline, ctx.lang, p.timezone);
		return {
			staff: true,
			subject: es ? `Ticket #${p.number} escalado al nivel ${p.level}: plazo de ${target} incumplido` : `Ticket #${p.number} escalated to level ${p.level}: ${target} deadline missed`,
			blocks: [
				{
					kind: 'paragraph',
					text: es
						? `El plazo de ${target} del ticket #${p.number} venció sin cumplirse y el ticket ha pasado al nivel ${p.level}.`
						: `The ${target} deadline of ticket #${p.number} passed unmet and the ticket has moved to level ${p.level}.`,
				},
				{ kind: 'facts', facts: [...ticketFacts(p, w), [es ? 'Nivel' : 'Level', String(p.level)], [es ? 'Plazo incumplido' : 'Deadline missed', deadline]] },
			],
			action: openTicket(p, ctx, w),
		};
	},

	auto_close_reminder(p, ctx, w) {
		const es = ctx.lang === 'es';
		const days = formatDays(p.days, ctx.lang);
		const blocks: Block[] = [
			{
				kind: 'paragraph',
				text: es
					? `Estamos esperando tu respuesta en el ticket #${p.number}. Si no respondes en ${days}, lo cerraremos.`
					: `We are waiting for your answer on ticket #${p.number}. If you do not reply within ${days}, we will close it.`,
			},
		];
		const facts = ticketFacts(p, w);
		if (p.closes_at && p.timezone) facts.push([es ? 'Se cerrará' : 'Closes', formatInstant(p.closes_at, ctx.lang, p.timezone)]);
		blocks.push({ kind: 'facts', facts });
		blocks.push({ kind: 'paragraph', text: es ? 'Si el problema ya está resuelto, no hace falta que hagas nada.' : 'If the problem is solved, there is nothing you need to do.' });
		return {
			subject: es ? `Tu ticket #${p.number} se cerrará en ${days} si no respondes` : `Your ticket #${p.number} will close in ${days} without your reply`,
			blocks,
			action: openTicket(p, ctx, w),
		};
	},

	ticket_auto_closed(p, ctx, w) {
		const es = ctx.lang === 'es';
		const days = formatDays(p.days, ctx.lang);
		return {
			subject: es ? `Hemos cerrado tu ticket #${p.number}` : `We have closed your ticket #${p.number}`,
			blocks: [
				{
					kind: 'paragraph',
					text: es
						? `Hemos cerrado el ticket #${p.number} porque no hemos recibido respuesta en ${days}. Si el problema sigue, abre un ticket nuevo y menciona el #${p.number}.`
						: `We have closed ticket #${p.number} because we have had no reply in ${days}. If the problem persists, open a new ticket and mention #${p.number}.`,
				},
				{ kind: 'facts', facts: ticketFacts(p, w) },
			],
			action: openTicket(p, ctx, w),
		};
	},

	problem_resolved(p, ctx, w) {
		const es = ctx.lang === 'es';
		const blocks: Block[] = [
			{
				kind: 'paragraph',
				text: es
					? `El problema que afectaba a tu ticket #${p.number} está resuelto: ${p.title}.`
					: `The problem behind your ticket #${p.number} has been resolved: ${p.title}.`,
			},
		];
		if (p.kb_article) {
			blocks.push({
				kind: 'paragraph',
				text: es ? `La solución está documentada en ${articleUrl(ctx.site, ctx.lang, p.kb_article)}` : `The fix is documented at ${articleUrl(ctx.site, ctx.lang, p.kb_article)}`,
			});
		}
		blocks.push({
			kind: 'paragraph',
			text: es ? 'Comprueba si se ha resuelto también en tu caso y dínoslo en el ticket.' : 'Please check whether it is solved for you too and tell us on the ticket.',
		});
		return {
			subject: es ? `Resuelto: ${p.title} (ticket #${p.number})` : `Resolved: ${p.title} (ticket #${p.number})`,
			blocks,
			action: openTicket(p, ctx, w),
		};
	},

	weekly_digest: (p, ctx) => weeklyDigestEmail(p, ctx),

	monthly_report: (p, ctx) => monthlyReportEmail(p, ctx),

	alert_published(p, ctx) {
		const es = ctx.lang === 'es';
		const title = pickText(p.title, ctx.lang);
		const severity = ALERT_SEVERITY_WORDS[ctx.lang][p.severity];
		const resolved = p.state === 'resolved';
		const facts: Fact[] = [[es ? 'Gravedad' : 'Severity', severity]];
		if (p.product) facts.push([es ? 'Producto' : 'Product', p.product]);
		if (p.versions.length) facts.push([es ? 'Versiones afectadas' : 'Affected versions', p.versions.join(', ')]);
		return {
			subject: resolved
				? es ? `Alerta resuelta: ${title}` : `Alert resolved: ${title}`
				: es ? `Alerta técnica (${severity}): ${title}` : `Technical alert (${severity}): ${title}`,
			blocks: [
				{
					kind: 'paragraph',
					text: resolved
						? es ? `La alerta técnica «${title}» está resuelta: ya no hace falta tomar medidas por ella.` : `The technical alert “${title}” is resolved: no further action is needed for it.`
						: es ? `Hemos publicado una alerta técnica que afecta a productos que usa tu organización: ${title}.` : `We have published a technical alert about products your organisation uses: ${title}.`,
				},
				{ kind: 'facts', facts },
				{
					kind: 'paragraph',
					text: resolved
						? es ? 'El artículo explica cómo se resolvió y qué versiones lo corrigen.' : 'The article explains how it was resolved and which versions fix it.'
						: es ? 'El artículo explica a quién afecta y qué hacer ahora.' : 'The article explains who is affected and what to do now.',
				},
			],
			action: { label: es ? 'Leer la alerta' : 'Read the alert', url: articleUrl(ctx.site, ctx.lang, p.article) },
			footer: es
				? 'Recibes este correo porque tu organización tiene tickets o descargas del producto al que se refiere esta alerta, o el equipo de soporte la ha elegido para avisarle.'
				: 'You are receiving this e-mail because your organisation has tickets or downloads of the product this alert concerns, or the support team chose to tell it.',
		};
	},
};

const ALERT_SEVERITY_WORDS: Record<Lang, Record<'critical' | 'high' | 'medium' | 'low', string>> = {
	es: { critical: 'crítica', high: 'alta', medium: 'media', low: 'baja' },
	en: { critical: 'critical', high: 'high', medium: 'medium', low: 'low' },
};

export const TEMPLATE_NAMES = Object.keys(schemas) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
	return Object.hasOwn(schemas, name);
}

/** The payload schema of a template, for code that queues notifications and wants to check first. */
export function payloadSchema<T extends TemplateName>(template: T): (typeof schemas)[T] {
	return schemas[template];
}

export type RenderResult = { ok: true; email: RenderedEmail } | { ok: false; error: string };

/**
 * Renders a queued notification, or says why it cannot be: an unknown template or a payload that does
 * not match. Either is final — the row will never render — so the caller dead-letters it.
 */
export function renderNotification(template: string, payload: unknown, ctx: RenderContext): RenderResult {
	if (!isTemplateName(template)) return { ok: false, error: `unknown template "${template}"` };
	const parsed = schemas[template].safeParse(payload);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`);
		return { ok: false, error: `invalid payload for "${template}": ${issues.join('; ')}` };
	}
	const w = WORDS[ctx.lang];
	const { staff, footer, ...content } = (renderers[template] as Renderer<TemplateName>)(parsed.data as Parsed<TemplateName>, ctx, w);
	return {
		ok: true,
		email: compose({ ...content, lang: ctx.lang, greeting: w.hello(ctx.name), footer: footer ?? (staff ? w.footerStaff : w.footerCustomer) }),
	};
}
