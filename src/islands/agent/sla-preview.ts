// Due times computed in the browser from the ticket's event log, with the programme the page was built
// with (props.ts), through the same evaluation the SLA sweep runs (supabase/functions/_shared/sla.ts).
// The workspace shows them right after a change of severity, level or status, before the sweep has
// written the new due times to the row (the row says so with sla_dirty).
import { evaluateSla, type SlaEvaluation, type SlaEvent, type SlaInput } from '../../../supabase/functions/_shared/sla.ts';
import type { ProgrammeInfo } from './props.ts';

export type SlaRules = Pick<SlaInput, 'targets' | 'calendar'>;

export function rulesOf(programme: ProgrammeInfo): SlaRules {
	return {
		targets: (plan, severity) => programme.plans[plan]?.targets[severity],
		// The props object lives as long as the page, so the engine's per-calendar cache holds.
		calendar: (plan) => {
			const cal = programme.plans[plan]?.calendar;
			if (!cal) throw new Error(`unknown plan "${plan}"`);
			return cal;
		},
	};
}

/** The SLA as of `now`, or null when the log or the programme cannot be evaluated here. */
export function previewSla(programme: ProgrammeInfo | undefined, events: readonly SlaEvent[], now: number): SlaEvaluation | null {
	if (!programme || !events.length) return null;
	try {
		return evaluateSla({ events, ...rulesOf(programme), now: new Date(now) });
	} catch {
		return null;
	}
}
