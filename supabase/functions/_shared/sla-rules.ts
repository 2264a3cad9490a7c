// The one adapter from a programme's plans to the lookups the SLA evaluation takes (SlaRules, see
// sla-state.ts): a table of plans by id, each with its targets by severity and its business-time
// calendar. sla-programme.ts builds the table from a validated programme (the tickets function, the
// sweep, the ticket form); the agent console gets it ready-made in its page props, built from the same
// programme at build time. Imports no zod, so the browser can use it without the programme schema.
import type { Calendar } from './business-time.ts';
import type { SlaRules, SlaTargetMinutes } from './sla-state.ts';

/** What the SLA needs of one plan. */
export interface SlaPlanRules {
	readonly targets: Readonly<Record<string, SlaTargetMinutes>>;
	/** Handed out as it is: the business-time engine caches a calendar's days per object. */
	readonly calendar: Calendar;
}

export type SlaPlanTable = Readonly<Record<string, SlaPlanRules>>;

const rulesByTable = new WeakMap<SlaPlanTable, SlaRules>();

/** The lookups over a table of plans; the same rules object for the same table. */
export function slaRulesOfPlans(plans: SlaPlanTable): SlaRules {
	let rules = rulesByTable.get(plans);
	if (rules) return rules;
	// Own properties only: a plan or severity called "toString" is no plan or severity.
	const planOf = (id: string): SlaPlanRules | undefined => (Object.hasOwn(plans, id) ? plans[id] : undefined);
	rules = {
		targets: (planId, severityKey) => {
			const plan = planOf(planId);
			return plan && Object.hasOwn(plan.targets, severityKey) ? plan.targets[severityKey] : undefined;
		},
		calendar: (planId) => {
			const plan = planOf(planId);
			if (!plan) throw new Error(`unknown plan "${planId}"`);
			return plan.calendar;
		},
	};
	rulesByTable.set(plans, rules);
	return rules;
}
