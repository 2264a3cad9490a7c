// pg_cron's schedule syntax: five fields (minute hour day-of-month month day-of-week) with *, lists,
// ranges and steps, names for months and weekdays, the @hourly-style macros, and '<n> seconds'.
// As in cron, when both day fields are restricted a day matches if either does.

export type Schedule = { kind: 'seconds'; every: number } | { kind: 'cron'; minute: Set<number>; hour: Set<number>; dom: Set<number>; month: Set<number>; dow: Set<number>; domStar: boolean; dowStar: boolean };

const MACROS: Record<string, string> = {
	'@yearly': '0 0 1 1 *',
	'@annually': '0 0 1 1 *',
	'@monthly': '0 0 1 * *',
	'@weekly': '0 0 * * 0',
	'@daily': '0 0 * * *',
	'@midnight': '0 0 * * *',
	'@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function field(text: string, min: number, max: number, names: string[] = [], nameBase = 0): Set<number> {
	const out = new Set<number>();
	const value = (s: string) => {
		const i = names.indexOf(s.toLowerCase());
		const n = i >= 0 ? i + nameBase : /^\d+$/.test(s) ? Number(s) : NaN;
		if (!(n >= min && n <= max)) throw new Error(`invalid schedule value "${s}" (expected ${min}-${max})`);
		return n;
	};
	for (const part of text.split(',')) {
		const [range, stepText] = part.split('/');
		const step = stepText === undefined ? 1 : Number(stepText);
		if (!(step >= 1) || !Number.isInteger(step)) throw new Error(`invalid step in "${part}"`);
		let lo: number, hi: number;
		if (range === '*') [lo, hi] = [min, max];
		else if (range.includes('-')) {
			const [a, b] = range.split('-');
			[lo, hi] = [value(a), value(b)];
		} else {
			lo = value(range);
			hi = stepText === undefined ? lo : max;
		}
		if (lo > hi) throw new Error(`invalid range "${range}"`);
		for (let n = lo; n <= hi; n += step) out.add(n);
	}
	return out;
}

export function parseSchedule(text: string): Schedule {
	const t = text.trim();
	const seconds = /^(\d+)\s*seconds?$/i.exec(t);
	if (seconds) {
		const every = Number(seconds[1]);
		if (every < 1 || every > 59) throw new Error('seconds schedules take 1-59 seconds');
		return { kind: 'seconds', every };
	}
	const fields = (MACROS[t.toLowerCase()] ?? t).split(/\s+/);
	if (fields.length !== 5) throw new Error(`a cron schedule has five fields: "${text}"`);
	const dow = field(fields[4], 0, 7, DAYS);
	if (dow.has(7)) dow.add(0);
	return {
		kind: 'cron',
		minute: field(fields[0], 0, 59),
		hour: field(fields[1], 0, 23),
		dom: field(fields[2], 1, 31),
		month: field(fields[3], 1, 12, MONTHS, 1),
		dow,
		domStar: fields[2].startsWith('*'),
		dowStar: fields[4].startsWith('*'),
	};
}

/** Whether a cron schedule fires in the minute containing `at` (pg_cron uses the server's time zone; ours is UTC). */
export function firesAt(s: Schedule, at: Date): boolean {
	if (s.kind === 'seconds') return at.getUTCSeconds() % s.every === 0;
	if (!s.minute.has(at.getUTCMinutes()) || !s.hour.has(at.getUTCHours()) || !s.month.has(at.getUTCMonth() + 1)) return false;
	const domOk = s.dom.has(at.getUTCDate());
	const dowOk = s.dow.has(at.getUTCDay());
	if (s.domStar || s.dowStar) return domOk && dowOk;
	return domOk || dowOk;
}
