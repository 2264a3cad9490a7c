// What the report page hands its island: the strings, the page's language and every programme's
// severity names in that language (the attainment rows name severities by key).
import type { ReportLabels } from './labels.ts';

export interface ReportProps {
	labels: ReportLabels;
	lang: 'es' | 'en';
	/** programme id → severity key → its name in the page's language. */
	severities: Record<string, Record<string, string>>;
}
