// What the agent page hands its island, built at build time from the translation files and the support
// programmes (content/support): labels in the page's language, and per programme its severities and,
// per plan, the name, business-time calendar, SLA targets and limits, so the island can compute due
// times and "at risk" in business time without loading the programme schema (zod) in the browser.
import type { AgentLabels } from './labels.ts';
import { severityLabelIn, type Severity } from '../shared/severity.ts';
import type { Calendar } from '#shared/business-time.ts';
import type { SlaTargetMinutes } from '#shared/sla.ts';
import type { FilterKeys } from '../../lib/search.ts';

export type SeverityInfo = Severity;

export interface PlanInfo {
	name: string;
	calendarName: string;
	calendar: Calendar;
	targets: Record<string, SlaTargetMinutes>;
	/** null: unlimited. */
	authorizedContacts: number | null;
	/** Tickets a month; null: unlimited. */
	quota: number | null;
}

export interface ProgrammeInfo {
	name: string;
	severities: SeverityInfo[];
	plans: Record<string, PlanInfo>;
}

export interface AgentProps {
	labels: AgentLabels;
	lang: 'es' | 'en';
	programmes: Record<string, ProgrammeInfo>;
	/** Product names by id. */
	products: Record<string, string>;
	/** Pagefind's filter names in the page's language, and the knowledge-base type's value. */
	searchKeys: FilterKeys;
	kbLabel: string;
}

export function severityLabel(programmes: AgentProps['programmes'], programme: string, key: string): string {
	return severityLabelIn(programmes[programme]?.severities, key);
}

export function planOf(programmes: AgentProps['programmes'], programme: string, plan: string): PlanInfo | undefined {
	return programmes[programme]?.plans[plan];
}
