// How the organisations section words plans, contracts and dates in the page's language.
import { fill } from '../../shared/labels.ts';
import type { AdminProps } from '../props.ts';
import type { Organisation } from './organisations-api.ts';

/** A calendar date (YYYY-MM-DD) as the reader says it; days are formatted in UTC. */
export function day(date: string, lang: string): string {
	return new Date(`${date.slice(0, 10)}T00:00:00Z`).toLocaleDateString(lang, { dateStyle: 'long', timeZone: 'UTC' });
}

export function instant(at: string, lang: string): string {
	return new Date(at).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The plan's name in the page's language; its id when the site does not know the programme. */
export function planName(o: Pick<Organisation, 'programme_id' | 'plan_id'>, props: AdminProps): string {
	return props.planNames[`${o.programme_id}/${o.plan_id}`] ?? `${o.programme_id} / ${o.plan_id}`;
}

export function contract(o: Organisation, props: AdminProps): string {
	const { labels, lang } = props;
	const start = day(o.contract_start, lang);
	return o.contract_end ? fill(labels['orgs.contractRange'], { start, end: day(o.contract_end, lang) }) : fill(labels['orgs.contractFrom'], { start });
}
