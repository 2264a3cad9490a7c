// The `targets` and `calendar` lookups evaluateSla takes, read from a validated programme
// (programme.ts). Kept apart from sla.ts so the evaluation itself imports no zod. Each plan's calendar
// is converted once per programme object and then handed out as the same object, because the
// business-time engine caches a calendar's days per object.
import { calendarOf, toEngineCalendar, type Programme } from './programme.ts';
import type { Calendar } from './business-time.ts';
import type { SlaInput } from './sla.ts';

export type SlaRules = Pick<SlaInput, 'targets' | 'calendar'>;

const rulesByProgramme = new WeakMap<Programme, SlaRules>();

export function slaRulesOf(programme: Programme): SlaRules {
	let rules = rulesByProgramme.get(programme);
	if (rules) return rules;
	const calendars = new Map<string, Calendar>();
	rules = {
		targets: (planId, severityKey) => {
			const plan = programme.plans.find((p) => p.id === planId);
			return plan && Object.hasOwn(plan.targets, severityKey) ? plan.targets[severityKey] : undefined;
		},
		calendar: (planId) => {
			let cal = calendars.get(planId);
			if (!cal) {
				cal = toEngineCalendar(calendarOf(programme, planId));
				calendars.set(planId, cal);
			}
			return cal;
		},
	};
	rulesByProgramme.set(programme, rules);
	return rules;
}
