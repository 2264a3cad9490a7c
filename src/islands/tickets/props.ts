// What the page hands the tickets island, built at build time from the translation files and the
// support programmes (content/support): labels in the page's language, severity labels per programme.
import type { TicketsLabels } from './labels.ts';
import { severityLabelIn, type Severity } from '../shared/severity.ts';

export type { Severity };

export interface TicketsProps {
	labels: TicketsLabels;
	lang: 'es' | 'en';
	/** Each programme's severities, in order, labelled in the page's language. */
	severities: Record<string, Severity[]>;
	/** Product names by id. */
	products: Record<string, string>;
}

export function severityLabel(severities: TicketsProps['severities'], programme: string, key: string): string {
	return severityLabelIn(severities[programme], key);
}
