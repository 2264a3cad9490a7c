// "Plan de Acme: Soporte estándar. Condiciones de tu programa": the chosen organisation's own plan and
// a link to its programme's terms page (/soporte/programas/<id>/), which may not be the site's
// programme; the account page links the same page. A best-effort plan is said to promise no time.
import { pickText } from '#shared/programme-helpers.ts';
import type { Programme } from '#shared/programme.ts';
import { fill } from '../shared/labels.ts';
import { localePath } from '../shared/use-session.ts';
import type { TicketFormLabels } from './labels.ts';
import type { Organisation } from './types.ts';

export function PlanLine({ organisation, programme, labels, lang }: { organisation: Organisation; programme: Programme; labels: TicketFormLabels; lang: 'es' | 'en' }) {
	const plan = programme.plans.find((p) => p.id === organisation.plan_id);
	return (
		<p class="ticket-form-plan" data-plan={organisation.plan_id}>
			{fill(labels.planLine, { organisation: organisation.name, plan: plan ? pickText(plan.name, lang) : organisation.plan_id })}{' '}
			<a href={localePath(`/soporte/programas/${organisation.programme_id}/`, lang)}>{labels.planTerms}</a>
		</p>
	);
}
