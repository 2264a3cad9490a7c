// The wording of the two report e-mails, Spanish and English: the weekly digest to every member and
// the monthly report to each coordinator. Registered as templates weekly_digest and monthly_report in
// ../email/templates.ts, which validates the payload first; compose() escapes every string, so ticket
// subjects and titles can never become markup.
import type { Block, EmailContent, Fact } from '../email/compose.ts';
import { articleUrl } from '../email/links.ts';
import { formatDays, formatMonth, formatRate } from './format.ts';
import { reportUrl, ticketsUrl } from './links.ts';
import type { MonthlyReportPayload, WeeklyDigestPayload } from './payloads.ts';

type Lang = 'es' | 'en';
export interface ReportRenderContext {
	lang: Lang;
	site: string;
}
export type ReportEmail = Omit<EmailContent, 'lang' | 'greeting'>;

const pick = (t: { es: string; en?: string }, lang: Lang) => (lang === 'en' ? (t.en ?? t.es) : t.es);

const W = {
	es: {
		opened: 'Tickets abiertos',
		closed: 'Tickets cerrados',
		newArticles: 'Artículos nuevos',
		updatedArticles: 'Artículos actualizados',
		alerts: 'Alertas técnicas',
		downloads: 'Nuevas versiones para descargar',
		notAvailable: 'no disponible',
		documentationUnavailable: (site: string) =>
			`No pudimos leer los cambios de la documentación de este periodo (alertas técnicas, artículos nuevos y actualizados); los encuentras en ${site}.`,
		more: (n: number) => `…y ${n} más.`,
		alertState: { published: 'publicada', resolved: 'resuelta', updated: 'actualizada' },
		severity: { critical: 'crítica', high: 'alta', medium: 'media', low: 'baja' } as Record<string, string>,
		of: (onTime: number, measured: number, rate: number | null) => (measured ? `${onTime} de ${measured} (${formatRate(rate!, 'es')})` : 'sin mediciones'),
		commitment: (c: number, met: boolean | null) => ` — compromiso: ${formatRate(c / 100, 'es')}, ${met === null ? 'sin mediciones' : met ? 'cumplido' : 'no cumplido'}`,
		firstResponses: 'Primeras respuestas a tiempo',
		updates: 'Actualizaciones al cliente a tiempo',
		escalations: 'Escalamientos a tiempo',
		ticketsWord: (n: number) => `${n} ${n === 1 ? 'ticket' : 'tickets'}`,
		firstResponseShort: 'primera respuesta',
		escalationShort: 'escalamiento',
	},
	en: {
		opened: 'Tickets opened',
		closed: 'Tickets closed',
		newArticles: 'New articles',
		updatedArticles: 'Updated articles',
		alerts: 'Technical alerts',
		downloads: 'New versions to download',
		notAvailable: 'not available',
		documentationUnavailable: (site: string) =>
			`We could not read this period’s documentation changes (technical alerts, new and updated articles); you will find them at ${site}.`,
		more: (n: number) => `…and ${n} more.`,
		alertState: { published: 'published', resolved: 'resolved', updated: 'updated' },
		severity: { critical: 'critical', high: 'high', medium: 'medium', low: 'low' } as Record<string, string>,
		of: (onTime: number, measured: number, rate: number | null) => (measured ? `${onTime} of ${measured} (${formatRate(rate!, 'en')})` : 'nothing measured'),
		commitment: (c: number, met: boolean | null) => ` — commitment: ${formatRate(c / 100, 'en')}, ${met === null ? 'nothing measured' : met ? 'met' : 'not met'}`,
		firstResponses: 'First responses on time',
		updates: 'Customer updates on time',
		escalations: 'Escalations on time',
		ticketsWord: (n: number) => `${n} ${n === 1 ? 'ticket' : 'tickets'}`,
		firstResponseShort: 'first response',
		escalationShort: 'escalation',
	},
};

/** A heading line and one line per item, with "…and N more" when the list was cut. */
function listBlock<T>(heading: string, list: { count: number; items: T[] }, line: (item: T) => string, lang: Lang): Block[] {
	if (!list.count) return [];
	const lines = [`${heading} (${list.count}):`, ...list.items.map((i) => `• ${line(i)}`)];
	if (list.count > list.items.length) lines.push(W[lang].more(list.count - list.items.length));
	return [{ kind: 'paragraph', text: lines.join('\n') }];
}

/** The lists both e-mails share: tickets, documentation, alerts and downloads. */
function periodBlocks(p: WeeklyDigestPayload, ctx: ReportRenderContext): Block[] {
	const w = W[ctx.lang];
	const ticket = (t: { number: number; subject: string; severity: string }) => `#${t.number} (${t.severity}) ${t.subject}`;
	const article = (a: WeeklyDigestPayload['new_articles']['items'][number]) => `${pick(a.title, ctx.lang)}: ${articleUrl(ctx.site, ctx.lang, a.slug)}`;
	return [
		...(p.documentation_unavailable ? [{ kind: 'paragraph' as const, text: w.documentationUnavailable(ctx.site) }] : []),
		...listBlock(w.opened, p.opened, ticket, ctx.lang),
		...listBlock(w.closed, p.closed, ticket, ctx.lang),
		...listBlock(w.alerts, p.alerts, (a) => `${pick(a.title, ctx.lang)} (${w.severity[a.severity]}, ${w.alertState[a.state]}): ${articleUrl(ctx.site, ctx.lang, a.slug)}`, ctx.lang),
		...listBlock(w.newArticles, p.new_articles, article, ctx.lang),
		...listBlock(w.updatedArticles, p.updated_articles, article, ctx.lang),
		...listBlock(w.downloads, p.downloads, (d) => `${d.name} ${d.version}`, ctx.lang),
	];
}

function countFacts(p: WeeklyDigestPayload, lang: Lang): Fact[] {
	const w = W[lang];
	const documentation = (list: { count: number }) => (p.documentation_unavailable ? w.notAvailable : String(list.count));
	return [
		[w.opened, String(p.opened.count)],
		[w.closed, String(p.closed.count)],
		[w.alerts, documentation(p.alerts)],
		[w.newArticles, documentation(p.new_articles)],
		[w.updatedArticles, documentation(p.updated_articles)],
		[w.downloads, String(p.downloads.count)],
	];
}

export function weeklyDigestEmail(p: WeeklyDigestPayload, ctx: ReportRenderContext): ReportEmail {
	const es = ctx.lang === 'es';
	const days = formatDays(p.from, p.to, ctx.lang);
	const org = p.organisation.name;
	return {
		subject: es ? `Resumen semanal de soporte de ${org}: ${days}` : `Weekly support digest for ${org}: ${days}`,
		blocks: [
			{ kind: 'paragraph', text: es ? `Esto es lo que pasó en el soporte de ${org} durante la semana ${days}.` : `This is what happened in ${org}’s support during the week of ${days}.` },
			{ kind: 'facts', facts: countFacts(p, ctx.lang) },
			...periodBlocks(p, ctx),
		],
		action: { label: es ? 'Ver los tickets de tu organización' : 'See your organisation’s tickets', url: ticketsUrl(ctx.site, ctx.lang) },
		footer: es
			? `Recibes este resumen cada lunes porque perteneces a ${org} en {site}.`
			: `You receive this digest every Monday because you belong to ${org} at {site}.`,
	};
}

function slaFacts(sla: MonthlyReportPayload['sla'], lang: Lang): Fact[] {
	const w = W[lang];
	const judged = (m: MonthlyReportPayload['sla']['first_response']) => w.of(m.on_time, m.measured, m.rate) + (m.commitment !== null ? w.commitment(m.commitment, m.met) : '');
	return [
		[w.firstResponses, judged(sla.first_response)],
		[w.escalations, judged(sla.escalation)],
		[w.updates, w.of(sla.updates.on_time, sla.updates.measured, sla.updates.rate)],
	];
}

function severityFacts(sla: MonthlyReportPayload['sla'], lang: Lang): Fact[] {
	const w = W[lang];
	return sla.by_severity.map((s) => [
		pick(s.label, lang),
		`${w.ticketsWord(s.tickets)}; ${w.firstResponseShort}: ${w.of(s.first_response.on_time, s.first_response.measured, s.first_response.rate)}; ${w.escalationShort}: ${w.of(s.escalation.on_time, s.escalation.measured, s.escalation.rate)}`,
	]);
}

export function monthlyReportEmail(p: MonthlyReportPayload, ctx: ReportRenderContext): ReportEmail {
	const es = ctx.lang === 'es';
	const month = formatMonth(p.month, ctx.lang);
	const org = p.organisation.name;
	// A programme that commits to nothing (best-effort plans) has nothing to judge, every month; the
	// commitments come with the month's tickets, so a month without tickets says only that.
	const bestEffort = p.sla.tickets > 0 && p.sla.first_response.commitment === null && p.sla.escalation.commitment === null;
	const verdict = bestEffort
		? es
			? 'El plan se atiende con el mejor esfuerzo: no promete tiempos de respuesta, así que no hay plazos que medir.'
			: 'The plan is served on a best-effort basis: it promises no response times, so there are no deadlines to measure.'
		: p.sla.met === null
			? es
				? 'Este mes no hubo plazos que medir.'
				: 'There were no deadlines to measure this month.'
			: p.sla.met
				? es
					? 'Se cumplieron los compromisos de servicio del programa.'
					: 'The programme’s service commitments were met.'
				: es
					? 'No se cumplió alguno de los compromisos de servicio del programa.'
					: 'Some of the programme’s service commitments were not met.';
	const blocks: Block[] = [
		{ kind: 'paragraph', text: es ? `Este es el informe de soporte de ${org} de ${month}.` : `This is ${org}’s support report for ${month}.` },
		{ kind: 'facts', facts: countFacts(p, ctx.lang) },
		{ kind: 'paragraph', text: `${es ? 'Cumplimiento del SLA' : 'SLA attainment'}: ${verdict}` },
		{ kind: 'facts', facts: slaFacts(p.sla, ctx.lang) },
	];
	if (p.sla.by_severity.length) {
		blocks.push({ kind: 'paragraph', text: es ? 'Por severidad:' : 'By severity:' }, { kind: 'facts', facts: severityFacts(p.sla, ctx.lang) });
	}
	blocks.push(...periodBlocks(p, ctx));
	return {
		subject: es ? `Informe mensual de soporte de ${org}: ${month}` : `Monthly support report for ${org}: ${month}`,
		blocks,
		action: { label: es ? 'Ver el informe para imprimir' : 'See the printable report', url: reportUrl(ctx.site, ctx.lang, p.organisation.id, p.month) },
		footer: es
			? `Recibes este informe el día 1 de cada mes porque coordinas la cuenta de ${org} con {site}.`
			: `You receive this report on the 1st of every month because you coordinate ${org}’s account with {site}.`,
	};
}
