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

/** The programme's name in the page's language; its id when it takes no tickets or the site does not know it. */
export function programmeName(id: string, props: AdminProps): string {
	return props.programmes.find((p) => p.id === id)?.name ?? id;
}

/** The plan as the site describes it (its included months), when the site knows the programme. */
export function planInfo(programme: string, plan: string, props: AdminProps) {
	return props.programmes.find((p) => p.id === programme)?.plans.find((p) => p.id === plan);
}

/** Today in a time zone, as YYYY-MM-DD (the day a plan change may start from). */
export function todayIn(timezone: string): string {
	try {
		return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
	} catch {
		return new Date().toISOString().slice(0, 10);
	}
}
