// The notification e-mails, one entry per outbox template: the payload it needs (a zod schema, so a
// row queued with the wrong shape is refused with a reason instead of half-rendered) and its Spanish
// and English wording. Whoever queues a row in public.notifications writes `payload` to match the
// schema here; `NotificationPayload<'ticket_received'>` gives them the type.
import { z } from 'zod';
import { localizedText, pickText, timeZone } from '../programme.ts';
import { compose, oneLine, type Block, type EmailContent, type Fact, type RenderedEmail } from './compose.ts';
import { articleUrl, pageUrl, ticketUrl, workspaceUrl } from './links.ts';
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
	/** The portal's name (SITE_NAME, the site's title), which the mails' small print names; "Mostrador" when not given. */
	siteName?: string;
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
/** Fields every ticket e-mail carries. `ticket` (the id) is optional here for the older templates, and
 * names the ticket's mail thread (Reply-To, References) whenever it is there. */
const ticketFields = { ticket: id.optional(), number: ticketNumber, subject: ticketSubject };
/** The same for the mails of a ticket's events queued by the database, which always name the ticket. */
const eventFields = { ticket: id, number: ticketNumber, subject: ticketSubject };
/** The ticket's programme (programmes.id): the mails that state a time or the auto-close link its terms
 * page, /soporte/programas/<id>/, so a customer reads their own programme's promises, not the site's
 * active one. Absent: no link (rows queued before the programme was added to the payload). */
const programmeRef = { programme: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(100).optional() };
/** Someone's words on a ticket (plain text); cut to an excerpt in the e-mail. */
const words = z.string().min(1).max(100_000);
/** Who wrote or acted, as the recipient may read it; null or absent: the support team, unnamed. */
const actorName = name.nullable().optional();
/** Why a ticket was closed (tickets.close_reason). */
const CLOSE_REASONS = ['confirmed_by_customer', 'staff', 'no_customer_reply'] as const;
/** Why an e-mail to the support address was not taken (the inbound channel): the screen's limits, or a
 * person who may open tickets in several organisations (a mail names none). */
const REFUSALS = ['too_large', 'too_many_attachments', 'attachment_too_large', 'several_organisations'] as const;

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
		/** true: the plan's clock never stops (24×7, no holidays), so the target is said as plain time, not business time. */
		around_the_clock: z.boolean().optional(),
		/** The organisation's zone: deadlines are shown in it. */
		timezone: timeZone,
		...programmeRef,
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
		...programmeRef,
	}),
	/** To the customer: closed after `days` days without their reply. */
	ticket_auto_closed: z.object({
		...ticketFields,
		days: z.number().int().positive(),
		...programmeRef,
	}),
	/** To the assignee (unassigned: the agents of the ticket's level): the customer wrote on the ticket. */
	customer_replied: z.object({
		...eventFields,
		/** The customer who wrote, as staff read them: "Ana Pérez <ana@cliente.mx>". */
		author: z.string().trim().min(1).max(1000),
		organisation: name,
		body: words,
	}),
	/** To the same people: the customer confirmed the proposed solution, and the ticket is closed. */
	customer_confirmed: z.object({
		...eventFields,
		author: z.string().trim().min(1).max(1000),
		organisation: name,
	}),
	/** To the same people: the solution did not work; the ticket is back in the queue with the customer's reason. */
	customer_reopened: z.object({
		...eventFields,
		author: z.string().trim().min(1).max(1000),
		organisation: name,
		body: words,
	}),
	/** To the requester: support asks a question and the ticket waits on their answer. */
	info_requested: z.object({
		...eventFields,
		author: actorName,
		body: words,
		/** Days without an answer after which the ticket closes (the programme's auto-close); null or absent: not said (the programme closes nothing by itself). */
		closes_after_days: z.number().int().positive().nullable().optional(),
		...programmeRef,
	}),
	/** To the requester: support proposes a solution, to confirm or reopen. */
	solution_proposed: z.object({
		...eventFields,
		author: actorName,
		body: words,
		closes_after_days: z.number().int().positive().nullable().optional(),
		...programmeRef,
	}),
	/**
	 * To the requester and the organisation's members who wrote on the ticket, except whoever closed it:
	 * the ticket is closed, by whom and why. `by`: the colleague who confirmed, or the staff member who
	 * closed it (null: the support team); `days`: for an automatic close, the days without a reply.
	 */
	ticket_closed: z.object({
		...eventFields,
		reason: z.enum(CLOSE_REASONS),
		by: actorName,
		days: z.number().int().positive().nullable().optional(),
		...programmeRef,
	}),
	/** Auto-reply to a member who wrote to the support address but may not open cases: who can. */
	email_not_authorized: z.object({
		organisation: name,
		/** The authorized contacts' and coordinators' names. */
		contacts: z.array(name).max(100),
	}),
	/** Auto-reply to an address we do not know: how to get access. */
	email_unknown_sender: z.object({
		support_address: z.string().trim().min(3).max(320),
		portal_url: z.url({ protocol: /^https?$/ }).optional(),
	}),
	/** Auto-reply to a mail we could not take: why, with the limit it broke. */
	email_refused: z.object({
		reason: z.enum(REFUSALS),
		/** The limit as people read it: "25 MB", "10". */
		limit: z.string().trim().min(1).max(100).optional(),
		/** The refused mail's subject, as it came (may be empty). */
		subject: z.string().max(1000),
		/** For several_organisations: the organisations the sender may open tickets in. */
		organisations: z.array(name).max(20).optional(),
	}),
	/**
	 * To a person we know, at their profile's address: a mail in their name reached the support address
	 * and could not be verified (no DMARC pass), so nothing was done with it. It quotes nothing of that
	 * mail (whoever wrote it chose its words), and names no ticket.
	 */
	email_unverified: z.object({}),
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
	/** To an address an admin invited to the support team (queued by invite_staff): the link that makes them staff. */
	staff_invited: z.object({
		role: z.enum(['agent', 'lead', 'admin']),
		level: z.union([z.literal(1), z.literal(2)]),
		/** The single-use token of the link (/cuenta/?equipo=<token>); only its hash is stored. */
		token: z.string().regex(/^[0-9a-f]{48}$/),
		/** How many days the link works. */
		valid_days: z.number().int().min(1).max(30),
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
		footerCustomer: 'Recibes este correo porque tienes un ticket abierto con {site}. Puedes contestar respondiendo a este correo o en el ticket.',
		footerStaff: 'Recibes este correo porque formas parte del equipo de {site}.',
	},
	en: {
		hello: (n) => (n ? `Hello ${n},` : 'Hello,'),
		viewTicket: 'View the ticket',
		number: 'Ticket',
		subject: 'Subject',
		severity: 'Severity',
		footerCustomer: 'You are receiving this e-mail because you have an open ticket with {site}. You can answer by replying to this e-mail or on the ticket.',
		footerStaff: 'You are receiving this e-mail because you are part of the {site} team.',
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

/** Where the reader's own programme states its times, hours and closing rules; nothing without a programme in the payload. */
function programmeTerms(p: { programme?: string }, ctx: RenderContext): Block[] {
	if (!p.programme) return [];
	const url = pageUrl(ctx.site, ctx.lang, `soporte/programas/${p.programme}`);
	return [
		{
			kind: 'paragraph',
			text: ctx.lang === 'es' ? `Los tiempos y condiciones de tu programa de soporte: ${url}` : `The times and terms of your support programme: ${url}`,
		},
	];
}

const renderers: { [T in TemplateName]: Renderer<T> } = {
	ticket_received(p, ctx, w) {
		const es = ctx.lang === 'es';
		const facts: Fact[] = [...ticketFacts(p, w), [w.severity, pickText(p.severity, ctx.lang)]];
		if (p.first_response_due) {
			const due = formatInstant(p.first_response_due, ctx.lang, p.timezone);
			const business = p.around_the_clock ? '' : es ? ' hábiles' : ' of business time';
			const target = p.first_response_minutes ? ` (${formatMinutes(p.first_response_minutes, ctx.lang)}${business})` : '';
			facts.push([es ? 'Primera respuesta antes de' : 'First response by', `${due}${target}`]);
		} else {
			// No due time: the plan is best effort and promises none. Said so, rather than left out, so the
			// customer does not look for a deadline that was never given.
			facts.push([es ? 'Primera respuesta' : 'First response', es ? 'sin tiempo comprometido: tu plan se atiende con el mejor esfuerzo' : 'no time promised: your plan is served on a best-effort basis']);
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
				...programmeTerms(p, ctx),
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
		facts.push(
			p.first_response_due
				? [es ? 'Primera respuesta antes de' : 'First response due', formatInstant(p.first_response_due, ctx.lang, p.timezone)]
				: [es ? 'Primera respuesta' : 'First response', es ? 'sin plazo (plan de mejor esfuerzo)' : 'no deadline (best-effort plan)'],
		);
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
		blocks.push(...programmeTerms(p, ctx));
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
				...programmeTerms(p, ctx),
			],
			action: openTicket(p, ctx, w),
			footer: CLOSED_FOOTER[ctx.lang],
		};
	},

	customer_replied(p, ctx, w) {
		const es = ctx.lang === 'es';
		return {
			staff: true,
			subject: es ? `El cliente ha respondido en el ticket #${p.number}: ${p.subject}` : `The customer replied on ticket #${p.number}: ${p.subject}`,
			blocks: [
				{ kind: 'paragraph', text: es ? `${p.author} (${p.organisation}) ha escrito en el ticket #${p.number}:` : `${p.author} (${p.organisation}) wrote on ticket #${p.number}:` },
				{ kind: 'quote', text: excerpt(p.body, ctx.lang) },
				{ kind: 'facts', facts: ticketFacts(p, w) },
				{ kind: 'paragraph', text: es ? 'Contesta desde el espacio de trabajo del ticket.' : 'Answer from the ticket’s workspace.' },
			],
			action: { label: es ? 'Responder en el ticket' : 'Reply on the ticket', url: workspaceUrl(ctx.site, ctx.lang, p.number, true) },
		};
	},

	customer_confirmed(p, ctx, w) {
		const es = ctx.lang === 'es';
		return {
			staff: true,
			subject: es ? `Solución confirmada: ticket #${p.number} cerrado` : `Solution confirmed: ticket #${p.number} closed`,
			blocks: [
				{
					kind: 'paragraph',
					text: es
						? `${p.author} (${p.organisation}) ha confirmado que la solución propuesta resuelve el ticket #${p.number}, y el ticket se ha cerrado. No hace falta hacer nada más.`
						: `${p.author} (${p.organisation}) confirmed that the proposed solution solves ticket #${p.number}, and the ticket is now closed. Nothing more needs doing.`,
				},
				{ kind: 'facts', facts: ticketFacts(p, w) },
			],
			action: { label: es ? 'Ver el ticket' : 'View the ticket', url: workspaceUrl(ctx.site, ctx.lang, p.number) },
		};
	},

	customer_reopened(p, ctx, w) {
		const es = ctx.lang === 'es';
		return {
			staff: true,
			subject: es ? `Ticket #${p.number} reabierto por el cliente: ${p.subject}` : `Ticket #${p.number} reopened by the customer: ${p.subject}`,
			blocks: [
				{
					kind: 'paragraph',
					text: es
						? `${p.author} (${p.organisation}) dice que la solución propuesta no resuelve el ticket #${p.number}, y el ticket vuelve a la cola. Su motivo:`
						: `${p.author} (${p.organisation}) says the proposed solution does not solve ticket #${p.number}, and the ticket is back in the queue. Their reason:`,
				},
				{ kind: 'quote', text: excerpt(p.body, ctx.lang) },
				{ kind: 'facts', facts: ticketFacts(p, w) },
				{ kind: 'paragraph', text: es ? 'Revisa el caso y contesta desde el espacio de trabajo del ticket.' : 'Look at the case again and answer from the ticket’s workspace.' },
			],
			action: { label: es ? 'Responder en el ticket' : 'Reply on the ticket', url: workspaceUrl(ctx.site, ctx.lang, p.number, true) },
		};
	},

	info_requested(p, ctx, w) {
		const es = ctx.lang === 'es';
		const who = p.author ?? (es ? 'El equipo de soporte' : 'The support team');
		const blocks: Block[] = [
			{ kind: 'paragraph', text: es ? `${who} necesita más información para seguir con tu ticket #${p.number}:` : `${who} needs more information to go on with your ticket #${p.number}:` },
			{ kind: 'quote', text: excerpt(p.body, ctx.lang) },
			{
				kind: 'paragraph',
				text: es
					? 'Te esperamos: responde a este correo o en el portal. Mientras tanto el ticket queda en espera de tu respuesta.'
					: 'We are waiting for you: reply to this e-mail or on the portal. Meanwhile the ticket waits for your answer.',
			},
		];
		if (p.closes_after_days) {
			const days = formatDays(p.closes_after_days, ctx.lang);
			blocks.push({
				kind: 'paragraph',
				text: es ? `Si no recibimos respuesta en ${days}, cerraremos el ticket (te avisaremos antes).` : `If we have no answer within ${days}, we will close the ticket (we will remind you first).`,
			});
		}
		blocks.push({ kind: 'facts', facts: ticketFacts(p, w) });
		blocks.push(...programmeTerms(p, ctx));
		return {
			subject: es ? `Necesitamos tu respuesta en el ticket #${p.number}: ${p.subject}` : `We need your answer on ticket #${p.number}: ${p.subject}`,
			blocks,
			action: { label: es ? 'Responder en el portal' : 'Answer on the portal', url: ticketUrl(ctx.site, ctx.lang, p.number) },
		};
	},

	solution_proposed(p, ctx, w) {
		const es = ctx.lang === 'es';
		const who = p.author ?? (es ? 'El equipo de soporte' : 'The support team');
		const url = ticketUrl(ctx.site, ctx.lang, p.number);
		// The ticket page acts on no parameter: both links open it, and the words name the button to press.
		const blocks: Block[] = [
			{ kind: 'paragraph', text: es ? `${who} propone esta solución para tu ticket #${p.number}:` : `${who} proposes this solution for your ticket #${p.number}:` },
			{ kind: 'quote', text: excerpt(p.body, ctx.lang) },
			{
				kind: 'paragraph',
				text: es
					? 'Confirma o reabre: si la solución funciona, abre el ticket y pulsa «Confirmar solución» para cerrarlo.'
					: 'Confirm or reopen: if the solution works, open the ticket and press “Confirm solution” to close it.',
			},
			{
				kind: 'paragraph',
				text: es
					? `Si no funciona, pulsa «Reabrir» en el ticket y cuéntanos qué sigue fallando: ${url}`
					: `If it does not work, press “Reopen” on the ticket and tell us what still fails: ${url}`,
			},
		];
		if (p.closes_after_days) {
			const days = formatDays(p.closes_after_days, ctx.lang);
			blocks.push({
				kind: 'paragraph',
				text: es ? `Si no nos dices nada en ${days}, daremos el ticket por cerrado.` : `If we do not hear from you within ${days}, we will close the ticket.`,
			});
		}
		blocks.push({ kind: 'facts', facts: ticketFacts(p, w) });
		blocks.push(...programmeTerms(p, ctx));
		return {
			subject: es ? `Solución propuesta para tu ticket #${p.number}: confírmala o reabre el ticket` : `Proposed solution for your ticket #${p.number}: confirm it or reopen the ticket`,
			blocks,
			action: { label: es ? 'Confirmar solución' : 'Confirm solution', url },
		};
	},

	ticket_closed(p, ctx, w) {
		const es = ctx.lang === 'es';
		const team = es ? 'el equipo de soporte' : 'the support team';
		let why: string;
		if (p.reason === 'confirmed_by_customer') {
			why = es
				? `${p.by ?? 'Tu organización'} ha confirmado que la solución propuesta resuelve el ticket #${p.number}, así que lo hemos cerrado.`
				: `${p.by ?? 'Your organisation'} confirmed that the proposed solution solves ticket #${p.number}, so we have closed it.`;
		} else if (p.reason === 'staff') {
			why = es ? `${p.by ?? 'El equipo de soporte'} ha cerrado el ticket #${p.number}.` : `${p.by ?? 'The support team'} has closed ticket #${p.number}.`;
		} else {
			const days = p.days ? formatDays(p.days, ctx.lang) : null;
			why = es
				? `El ticket #${p.number} se ha cerrado automáticamente porque esperaba una respuesta del cliente y no la ha recibido${days ? ` en ${days}` : ''}.`
				: `Ticket #${p.number} was closed automatically: it was waiting for an answer from the customer and received none${days ? ` in ${days}` : ''}.`;
		}
		const facts: Fact[] = [...ticketFacts(p, w), [es ? 'Cerrado por' : 'Closed by', p.reason === 'no_customer_reply' ? (es ? 'cierre automático' : 'automatic close') : (p.by ?? team)]];
		return {
			subject: es ? `Ticket #${p.number} cerrado: ${p.subject}` : `Ticket #${p.number} closed: ${p.subject}`,
			blocks: [
				{ kind: 'paragraph', text: why },
				{ kind: 'facts', facts },
				{
					kind: 'paragraph',
					text: es
						? `Si el problema sigue o vuelve, responde a este correo: abriremos un ticket nuevo que remite al #${p.number}. También puedes abrirlo en el portal y mencionar el #${p.number}.`
						: `If the problem persists or comes back, reply to this e-mail and we will open a new ticket that refers to #${p.number}. You can also open one on the portal and mention #${p.number}.`,
				},
				...programmeTerms(p, ctx),
			],
			action: openTicket(p, ctx, w),
			footer: CLOSED_FOOTER[ctx.lang],
		};
	},

	email_not_authorized(p, ctx) {
		const es = ctx.lang === 'es';
		const blocks: Block[] = [
			{
				kind: 'paragraph',
				text: es
					? `Gracias por escribirnos. Hemos recibido tu correo, pero en ${p.organisation} solo las personas de contacto autorizadas pueden abrir casos con el soporte, y tu cuenta no es una de ellas, así que no hemos abierto ningún ticket.`
					: `Thank you for writing to us. We received your e-mail, but at ${p.organisation} only authorized contacts may open cases with support, and your account is not one of them, so we have not opened a ticket.`,
			},
		];
		if (p.contacts.length) {
			blocks.push({ kind: 'paragraph', text: es ? 'Pueden abrirlo por ti:' : 'These people can open it for you:' });
			blocks.push({ kind: 'paragraph', text: p.contacts.map((c) => `• ${c}`).join('\n') });
		} else {
			blocks.push({
				kind: 'paragraph',
				text: es ? 'Pide a la persona coordinadora de tu organización que lo abra por ti.' : 'Ask your organisation’s coordinator to open it for you.',
			});
		}
		blocks.push({
			kind: 'paragraph',
			text: es ? 'Mientras tanto, puede que la documentación ya tenga la respuesta.' : 'Meanwhile, the documentation may already have the answer.',
		});
		return {
			subject: es ? 'No hemos abierto un ticket con tu correo' : 'We have not opened a ticket from your e-mail',
			blocks,
			action: { label: es ? 'Buscar en la documentación' : 'Search the documentation', url: pageUrl(ctx.site, ctx.lang, 'buscar') },
			footer: AUTO_REPLY_FOOTER[ctx.lang],
		};
	},

	email_unknown_sender(p, ctx) {
		const es = ctx.lang === 'es';
		return {
			subject: es ? 'No reconocemos tu dirección de correo' : 'We do not recognise your e-mail address',
			blocks: [
				{
					kind: 'paragraph',
					text: es
						? `Hemos recibido tu correo en ${p.support_address}, pero esta dirección no pertenece a ninguna cuenta del portal de soporte, así que no hemos abierto ningún ticket.`
						: `We received your e-mail at ${p.support_address}, but this address does not belong to any account of the support portal, so we have not opened a ticket.`,
				},
				{
					kind: 'paragraph',
					text: es
						? 'Si ya tienes cuenta con otra dirección, escríbenos desde esa. Si no, pide a la persona coordinadora de tu organización una invitación al portal; con ella podrás entrar y, si eres contacto autorizado, abrir casos por correo o en el portal.'
						: 'If you already have an account under another address, write to us from that one. If not, ask your organisation’s coordinator for an invitation to the portal; with it you can sign in and, as an authorized contact, open cases by e-mail or on the portal.',
				},
			],
			action: { label: es ? 'Entrar en el portal' : 'Sign in to the portal', url: p.portal_url ?? pageUrl(ctx.site, ctx.lang, 'cuenta') },
			footer: AUTO_REPLY_FOOTER[ctx.lang],
		};
	},

	email_refused(p, ctx) {
		const es = ctx.lang === 'es';
		const subject = oneLineOrNone(p.subject) ?? (es ? '(sin asunto)' : '(no subject)');
		if (p.reason === 'several_organisations') {
			const blocks: Block[] = [
				{
					kind: 'paragraph',
					text: es
						? `No hemos abierto un ticket con tu correo «${subject}»: puedes abrir tickets en varias organizaciones y un correo no dice en cuál. No se ha registrado nada.`
						: `We have not opened a ticket from your e-mail “${subject}”: you may open tickets for several organisations and an e-mail does not say which one. Nothing has been recorded.`,
				},
			];
			if (p.organisations?.length) blocks.push({ kind: 'paragraph', text: p.organisations.map((o) => `• ${o}`).join('\n') });
			blocks.push({
				kind: 'paragraph',
				text: es
					? 'Ábrelo en el portal, donde eliges la organización; las respuestas a los correos de ese ticket llegarán a él.'
					: 'Open it on the portal, where you choose the organisation; replies to that ticket’s e-mails will reach it.',
			});
			return {
				subject: es ? `No hemos abierto un ticket con tu correo: ${subject}` : `We have not opened a ticket from your e-mail: ${subject}`,
				blocks,
				action: { label: es ? 'Abrir un ticket en el portal' : 'Open a ticket on the portal', url: pageUrl(ctx.site, ctx.lang, 'soporte/nuevo') },
				footer: AUTO_REPLY_FOOTER[ctx.lang],
			};
		}
		const limit = p.limit ? (es ? ` (máximo: ${p.limit})` : ` (limit: ${p.limit})`) : '';
		const why = {
			too_large: es ? `el mensaje es demasiado grande${limit}` : `the message is too large${limit}`,
			too_many_attachments: es ? `lleva más archivos adjuntos de los que aceptamos${limit}` : `it has more attachments than we accept${limit}`,
			attachment_too_large: es ? `uno de los archivos adjuntos es demasiado grande${limit}` : `one of its attachments is too large${limit}`,
		}[p.reason];
		return {
			subject: es ? `No hemos podido procesar tu correo: ${subject}` : `We could not process your e-mail: ${subject}`,
			blocks: [
				{ kind: 'paragraph', text: es ? `No hemos podido procesar tu correo «${subject}»: ${why}. No se ha registrado nada.` : `We could not process your e-mail “${subject}”: ${why}. Nothing has been recorded.` },
				{
					kind: 'paragraph',
					text: es
						? 'Vuelve a enviarlo con menos archivos adjuntos, o más pequeños (puedes comprimirlos o repartirlos en varios correos), o escribe en el portal, donde también puedes adjuntarlos.'
						: 'Send it again with fewer or smaller attachments (you can compress them or split them over several e-mails), or write on the portal, where you can attach them too.',
				},
			],
			action: { label: es ? 'Ir a mis tickets' : 'Go to my tickets', url: pageUrl(ctx.site, ctx.lang, 'soporte/tickets') },
			footer: AUTO_REPLY_FOOTER[ctx.lang],
		};
	},

	email_unverified(_p, ctx) {
		const es = ctx.lang === 'es';
		const portal = pageUrl(ctx.site, ctx.lang, 'soporte/tickets');
		return {
			subject: es ? 'Hemos recibido un correo en tu nombre que no hemos podido verificar' : 'We received an e-mail in your name that we could not verify',
			blocks: [
				{
					kind: 'paragraph',
					text: es
						? 'Ha llegado al soporte un correo enviado en tu nombre que no hemos podido verificar (el servidor que lo envió no demuestra que sea de tu dominio), así que no hemos hecho nada con él: no se ha abierto ni contestado ningún ticket.'
						: 'An e-mail sent in your name reached support and we could not verify it (the server that sent it does not prove it belongs to your domain), so we have done nothing with it: no ticket was opened or answered.',
				},
				{
					kind: 'paragraph',
					text: es
						? `Si lo enviaste tú, escríbenos en el portal: ${portal}. Si te pasa con todos tus correos, avisa a quien administra el correo de tu organización (SPF, DKIM y DMARC). Si no fuiste tú, no tienes que hacer nada.`
						: `If you sent it, write to us on the portal: ${portal}. If this happens with all your e-mails, tell whoever runs your organisation’s e-mail (SPF, DKIM and DMARC). If it was not you, there is nothing you need to do.`,
				},
			],
			action: { label: es ? 'Ir al portal de soporte' : 'Go to the support portal', url: portal },
			footer: AUTO_REPLY_FOOTER[ctx.lang],
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
	staff_invited(p, ctx) {
		const es = ctx.lang === 'es';
		const role = STAFF_ROLE_WORDS[ctx.lang][p.role];
		// The account page accepts the invitation once the reader is signed in with this address
		// (src/islands/account/StaffInvitation.tsx); the token proves they read this mail.
		const link = `${pageUrl(ctx.site, ctx.lang, 'cuenta')}?equipo=${p.token}`;
		return {
			subject: es ? `Invitación al equipo de soporte (${role})` : `Invitation to the support team (${role})`,
			blocks: [
				{
					kind: 'paragraph',
					text: es
						? `Un administrador te ha invitado al equipo de soporte como ${role}, en el nivel ${p.level}. Abre el enlace, entra con esta misma dirección de correo (si aún no tienes cuenta, se crea al entrar) y acepta la invitación.`
						: `An administrator has invited you to the support team as ${role}, at level ${p.level}. Open the link, sign in with this same e-mail address (if you have no account yet, one is created as you sign in) and accept the invitation.`,
				},
				{
					kind: 'paragraph',
					text: es
						? `El enlace sirve una sola vez y caduca en ${p.valid_days} días. No lo reenvíes: quien lo tenga y entre con esta dirección se une al equipo.`
						: `The link works once and expires in ${p.valid_days} days. Do not forward it: whoever has it and signs in with this address joins the team.`,
				},
			],
			action: { label: es ? 'Aceptar la invitación' : 'Accept the invitation', url: link },
			footer: es
				? 'Recibes este correo porque un administrador de {site} te ha invitado a su equipo de soporte. Si no lo esperabas, no tienes que hacer nada: sin aceptar, no cambia nada.'
				: 'You are receiving this e-mail because an administrator of {site} invited you to its support team. If you did not expect it, there is nothing you need to do: nothing changes unless you accept.',
		};
	},
};

const STAFF_ROLE_WORDS: Record<Lang, Record<'agent' | 'lead' | 'admin', string>> = {
	es: { agent: 'agente', lead: 'responsable de equipo', admin: 'administrador' },
	en: { agent: 'agent', lead: 'team lead', admin: 'administrator' },
};

/** A closed ticket takes no more replies on its page; an e-mailed answer opens a follow-up (the e-mail channel). */
const CLOSED_FOOTER: Record<Lang, string> = {
	es: 'Recibes este correo porque abriste este ticket con {site} o escribiste en él.',
	en: 'You are receiving this e-mail because you opened this ticket with {site} or wrote on it.',
};

/** The auto-replies of the e-mail channel answer a mail, not a ticket. */
const AUTO_REPLY_FOOTER: Record<Lang, string> = {
	es: 'Este es un mensaje automático de {site} en respuesta a un correo enviado desde esta dirección.',
	en: 'This is an automatic message from {site} in answer to an e-mail sent from this address.',
};

const oneLineOrNone = (s: string): string | null => oneLine(s) || null;

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

/** The small print names the portal: {site} becomes its name (the product's when none is configured). */
const branded = (footer: string, ctx: RenderContext): string => footer.replaceAll('{site}', ctx.siteName?.trim() || 'Mostrador');

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
		email: compose({ ...content, lang: ctx.lang, greeting: w.hello(ctx.name), footer: branded(footer ?? (staff ? w.footerStaff : w.footerCustomer), ctx) }),
	};
}
