// "Quedan 12 de 40 tickets este mes" / "sin límite" / used up, with the day the count starts again.
import { fill } from '../shared/labels.ts';
import type { TicketFormLabels } from './labels.ts';
import { formatDay } from './messages.ts';
import type { Quota } from './types.ts';

export function QuotaLine({ quota, organisation, labels, lang }: { quota: Quota; organisation: string; labels: TicketFormLabels; lang: 'es' | 'en' }) {
	if (quota.monthly_quota === null) return <p class="ticket-form-quota">{fill(labels.quotaUnlimited, { organisation })}</p>;
	const values = { remaining: quota.remaining ?? 0, quota: quota.monthly_quota, organisation, date: formatDay(quota.renews_on, lang) };
	if (!quota.remaining) return <p class="ticket-form-quota mostrador-error">{fill(labels.quotaUsedUp, values)}</p>;
	return <p class="ticket-form-quota">{fill(labels.quotaLeft, values)}</p>;
}
