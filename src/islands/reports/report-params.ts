// What the page's address asks for: ?org=<organisation id>&mes=YYYY-MM. A month that is missing or not
// a month means the last whole one; an organisation that is not an id means none was chosen.
import { isMonth, previousMonth } from '#shared/reports/period.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ReportParams {
	org: string | null;
	month: string;
}

export function reportParams(search: string, now = new Date(), timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone): ReportParams {
	const q = new URLSearchParams(search);
	const org = q.get('org')?.trim() ?? '';
	const month = q.get('mes')?.trim() ?? '';
	return { org: UUID.test(org) ? org.toLowerCase() : null, month: isMonth(month) ? month : previousMonth(now, timeZone) };
}
