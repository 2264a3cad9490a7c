// What the page hands the dashboard island, built at build time from the translation files and the
// support programmes (content/support): names in the page's language for what the RPCs give as ids.
import type { DashboardLabels } from './labels.ts';

export interface ProgrammeNames {
	name: string;
	/** Plan names by id. */
	plans: Record<string, string>;
	/** Severities in the programme's order, labelled. */
	severities: { key: string; label: string }[];
}

export interface DashboardProps {
	labels: DashboardLabels;
	lang: 'es' | 'en';
	programmes: Record<string, ProgrammeNames>;
	/** Product names by id. */
	products: Record<string, string>;
}
