// "What will happen if I send this now": the first-response deadline the tickets function will store,
// computed the same way (the shared SLA engine over the programme's calendar for the organisation's
// plan, counting from this instant) and told in the customer's language and time zone.
import { evaluateSla } from '#shared/sla.ts';
import { slaRulesOf } from '#shared/sla-programme.ts';
import { calendarOf, isAlwaysOpen, pickText } from '#shared/programme-helpers.ts';
import type { Programme } from '#shared/programme.ts';
import { formatInstant, formatMinutes } from '#shared/email/format.ts';

export interface DuePreview {
	/** "lunes, 23 de noviembre de 2026, 13:00 hora estándar central" */
	dueText: string;
	/** "4 horas" */
	targetText: string;
	planName: string;
	calendarName: string;
	/** The plan's calendar is open round the clock: business hours read as plain hours. */
	alwaysOpen: boolean;
}

/** formatMinutes needs Intl.DurationFormat (2024+ browsers); older ones get "8 h 30 min". */
function amount(minutes: number, lang: 'es' | 'en'): string {
	try {
		return formatMinutes(minutes, lang);
	} catch {
		const h = Math.floor(minutes / 60);
		const m = minutes % 60;
		return [h && `${h} h`, m && `${m} min`].filter(Boolean).join(' ') || '0 min';
	}
}

export function firstResponsePreview(
	programme: Programme,
	planId: string,
	severity: string,
	timezone: string,
	lang: 'es' | 'en',
	now = new Date(),
): DuePreview | null {
	const rules = slaRulesOf(programme);
	const target = rules.targets(planId, severity);
	const plan = programme.plans.find((p) => p.id === planId);
	// A best-effort plan promises no time, so there is nothing to preview.
	if (!target?.firstResponse || !plan) return null;
	const sla = evaluateSla({
		...rules,
		now,
		events: [{ kind: 'created', at: now, actor_kind: 'customer', data: { status: 'new', severity, plan: planId, level: 1 } }],
	});
	const due = sla.firstResponse.due;
	if (!due) return null;
	const calendar = calendarOf(programme, planId);
	return {
		dueText: formatInstant(due, lang, timezone),
		targetText: amount(target.firstResponse, lang),
		planName: pickText(plan.name, lang),
		calendarName: pickText(calendar.name, lang),
		alwaysOpen: isAlwaysOpen(calendar),
	};
}
