// The rules the SLA evaluation (sla.ts) and the sweep (sweep-plan.ts) take, read from a validated
// programme (programme.ts; programme-document.ts reads one from the database). The lookups themselves
// are sla-rules.ts, shared with the agent console. Kept apart from sla.ts so the evaluation itself
// imports no zod. Each plan's calendar is converted once per programme object and then handed out as
// the same object, because the business-time engine caches a calendar's days per object.
import { calendarOf, toEngineCalendar } from './programme-helpers.ts';
import type { Plan, Programme } from './programme.ts';
import { slaRulesOfPlans, type SlaPlanRules } from './sla-rules.ts';
import type { SlaRules, SlaTargetMinutes } from './sla-state.ts';
import type { SweepRules } from './sweep-plan.ts';

export type { SlaRules };

const rulesByProgramme = new WeakMap<Programme, SlaRules>();
const sweepRulesByProgramme = new WeakMap<Programme, SweepRules>();

/**
 * A plan's targets as the engine reads them: by severity key, and for a best-effort plan every
 * severity with no target (`{}`), so its severities are known but owe no deadline.
 */
export function engineTargetsOf(programme: Programme, plan: Plan): Record<string, SlaTargetMinutes> {
	if (plan.targets !== 'best-effort') return plan.targets;
	return Object.fromEntries(programme.severities.map((s) => [s.key, {}]));
}

export function slaRulesOf(programme: Programme): SlaRules {
	let rules = rulesByProgramme.get(programme);
	if (!rules) {
		const plans = Object.fromEntries(
			programme.plans.map((plan): [string, SlaPlanRules] => [plan.id, { targets: engineTargetsOf(programme, plan), calendar: toEngineCalendar(calendarOf(programme, plan.id)) }]),
		);
		rules = slaRulesOfPlans(plans);
		rulesByProgramme.set(programme, rules);
	}
	return rules;
}

/** The SLA rules plus what the sweep acts on: auto-close (null: the programme has none), and the highest agent level of the escalation chain. */
export function sweepRulesOf(programme: Programme): SweepRules {
	let rules = sweepRulesByProgramme.get(programme);
	if (!rules) {
		const levels = programme.rules.escalationChain.flatMap((s) => (s.level ? [s.level] : []));
		rules = { ...slaRulesOf(programme), autoClose: programme.rules.autoClose ?? null, maxLevel: levels.length ? Math.max(...levels) : 1 };
		sweepRulesByProgramme.set(programme, rules);
	}
	return rules;
}
