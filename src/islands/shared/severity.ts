// A programme's severity as the islands show it: its key and its label in the page's language.
export interface Severity {
	key: string;
	label: string;
}

/** The label of a severity among a programme's, or the key itself when the programme has no such one. */
export function severityLabelIn(severities: Severity[] | undefined, key: string): string {
	return severities?.find((s) => s.key === key)?.label ?? key;
}
