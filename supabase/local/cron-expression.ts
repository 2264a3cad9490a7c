// pg_cron's schedule syntax: five fields (minute hour day-of-month month day-of-week) with *, lists,
// ranges and steps, names for months and weekdays, the @hourly-style macros, and '<n> seconds'.
// croner parses and matches the five fields; what is pg_cron's own stays here: the '<n> seconds'
// interval, exactly five fields (no seconds or years field, none of croner's L, W, # or ? extensions),
// and vixie cron's day rule — when both day fields are restricted a day matches if either does, and
// a day field starting with '*' (even '*/2') counts as unrestricted.
import { Cron } from 'croner';

export type Schedule = { kind: 'seconds'; every: number } | { kind: 'cron'; cron: Cron };

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const SYNTAX = 'fields: minute 0-59, hour 0-23, day of month 1-31, month 1-12 or jan-dec, day of week 0-7 or sun-sat; each a *, a value, a range a-b or a list, with an optional step /n';

export function parseSchedule(text: string): Schedule {
	const t = text.trim();
	const seconds = /^(\d+)\s*seconds?$/i.exec(t);
	if (seconds) {
		const every = Number(seconds[1]);
		if (every < 1 || every > 59) throw new Error('seconds schedules take 1-59 seconds');
		return { kind: 'seconds', every };
	}
	const macro = MACROS.has(t.toLowerCase());
	const fields = macro ? [] : t.split(/\s+/);
	if (!macro && fields.length !== 5) throw new Error(`a cron schedule has five fields: "${text}"`);
	fields.forEach((f, i) => {
		const named = i >= 3; // month and weekday names
		for (const token of f.split(/[,/-]/)) {
			if (!(token === '*' || /^\d+$/.test(token) || (named && /^[a-z]{3}$/i.test(token)))) throw new Error(`invalid schedule value "${token}" in "${text}" (${SYNTAX})`);
		}
	});
	const anyDay = !macro && (fields[2].startsWith('*') || fields[4].startsWith('*'));
	try {
		const cron = new Cron(macro ? t.toLowerCase() : t, { timezone: 'UTC', mode: '5-part', paused: true, sloppyRanges: true, domAndDow: anyDay });
		return { kind: 'cron', cron };
	} catch (e) {
		throw new Error(`invalid schedule "${text}": ${(e as Error).message.replace(/^CronPattern: /, '')} (${SYNTAX})`);
	}
}

/** Whether a cron schedule fires in the minute containing `at` (pg_cron uses the server's time zone; ours is UTC). */
export function firesAt(s: Schedule, at: Date): boolean {
	if (s.kind === 'seconds') return at.getUTCSeconds() % s.every === 0;
	return s.cron.match(new Date(Math.floor(at.getTime() / 60_000) * 60_000));
}
