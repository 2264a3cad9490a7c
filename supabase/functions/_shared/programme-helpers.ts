// The programme's helpers that need no schema: picking a text's language, a plan's calendar and
// targets, the engine's calendar. The ticket form imports them from here, so the browser loads no
// zod for them; programme.ts (the schema) exports them too. Types only from programme.ts.
import type { LocalizedText, Plan, Programme, ProgrammeCalendar, SlaTarget } from './programme.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Picks the text for a language, falling back to Spanish, the language every text is written in. */
export function pickText(text: LocalizedText, lang: string): string {
	if (typeof text === 'string') return text;
	return (lang.startsWith('en') ? text.en : undefined) ?? text.es;
}

/** The shape the business-time engine takes (see the SLA engine): holidays reduced to their dates. */
export interface EngineCalendar {
	timezone: string;
	hours: Partial<Record<Weekday, [string, string][]>>;
	holidays: string[];
}

export function toEngineCalendar(cal: ProgrammeCalendar): EngineCalendar {
	return { timezone: cal.timezone, hours: cal.hours, holidays: cal.holidays.map((h) => h.date) };
}

/** The plan's targets by severity key; empty for a best-effort plan. */
export function targetsOf(pl: Plan): Record<string, SlaTarget> {
	return pl.targets === 'best-effort' ? {} : pl.targets;
}

export function calendarOf(p: Programme, planId: string): ProgrammeCalendar {
	const pl = p.plans.find((x) => x.id === planId);
	if (!pl) throw new Error(`unknown plan "${planId}"`);
	return p.calendars.find((c) => c.id === pl.calendar)!;
}

/** True when the calendar is open around the clock every day, so "business hours" read as plain hours. */
export function isAlwaysOpen(cal: Pick<ProgrammeCalendar, 'hours' | 'holidays'>): boolean {
	return (
		cal.holidays.length === 0 &&
		WEEKDAYS.every((d) => cal.hours[d]?.length === 1 && cal.hours[d]![0][0] === '00:00' && cal.hours[d]![0][1] === '24:00')
	);
}
