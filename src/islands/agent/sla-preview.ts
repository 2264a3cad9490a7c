// Due times computed in the browser from the ticket's event log, with the programme the page was built
// with (props.ts), through the same evaluation the SLA sweep runs (supabase/functions/_shared/sla.ts)
// and the same rules adapter (sla-rules.ts) over the plans the page carries.
// The workspace shows them right after a change of severity, level or status, before the sweep has
// written the new due times to the row (the row says so with sla_dirty).
import { evaluateSla, type SlaEvaluation, type SlaEvent } from '#shared/sla.ts';
import { slaRulesOfPlans } from '#shared/sla-rules.ts';
import type { ProgrammeInfo } from './props.ts';

/** The SLA as of `now`, or null when the log or the programme cannot be evaluated here. */
export function previewSla(programme: ProgrammeInfo | undefined, events: readonly SlaEvent[], now: number): SlaEvaluation | null {
	if (!programme || !events.length) return null;
	try {
		// The props object lives as long as the page, so the rules and the engine's per-calendar cache hold.
		return evaluateSla({ events, ...slaRulesOfPlans(programme.plans), now: new Date(now) });
	} catch {
		return null;
	}
}
