// The dashboard's month range, as <input type="month"> gives it ('YYYY-MM'): the default (the last six
// months, this one included), the months in a range, and the same limits public.sla_attainment puts on
// it (from before to, at most 36 months), checked before asking.

export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MAX_MONTHS = 36;

export const isMonth = (value: string): boolean => MONTH.test(value);

/** The month `n` months after `month` (before, when negative). */
export function addMonths(month: Month, n: number): Month {
	const [y, m] = month.split('-').map(Number);
	const index = y * 12 + (m - 1) + n;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The reader's current month. */
export function currentMonth(now = new Date()): Month {
	return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export function defaultRange(now = new Date()): { from: Month; to: Month } {
	const to = currentMonth(now);
	return { from: addMonths(to, -5), to };
}

const index = (month: Month) => {
	const [y, m] = month.split('-').map(Number);
	return y * 12 + m - 1;
};

/** Every month from `from` to `to`, both included. */
export function monthsIn(from: Month, to: Month): Month[] {
	const out: Month[] = [];
	for (let m = from; index(m) <= index(to); m = addMonths(m, 1)) out.push(m);
	return out;
}

export type RangeProblem = { field: 'from' | 'to'; problem: 'monthMissing' | 'rangeInvalid' | 'rangeTooLong' };

/** What is wrong with a range, naming the field to point at; null when the RPC will take it. */
export function rangeProblem(from: string, to: string): RangeProblem | null {
	if (!isMonth(from)) return { field: 'from', problem: 'monthMissing' };
	if (!isMonth(to)) return { field: 'to', problem: 'monthMissing' };
	if (index(from) > index(to)) return { field: 'from', problem: 'rangeInvalid' };
	if (index(to) - index(from) >= MAX_MONTHS) return { field: 'to', problem: 'rangeTooLong' };
	return null;
}

/** 'YYYY-MM' → the first day the RPCs take and give ('YYYY-MM-01'). */
export const firstDay = (month: Month): string => `${month}-01`;
/** 'YYYY-MM-DD' → 'YYYY-MM'. */
export const monthOf = (day: string): Month => day.slice(0, 7);
