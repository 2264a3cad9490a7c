// Reads the instants of the ticket event log as PostgreSQL and PostgREST write `timestamptz`
// ("2026-04-01T23:00:00.123456+00:00", "2026-04-01 23:00:00+00") or as Date objects (node-postgres).
// Parsed by hand rather than with Date.parse because engines disagree on the non-ISO spellings and on
// microseconds; an instant without an offset is refused, since it would silently read as local time.
// Pure module: runs in Deno, Node and the browser.

const TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Epoch milliseconds of a `timestamptz` text or a Date; sub-millisecond digits are truncated. Throws RangeError. */
export function instantMs(value: string | Date): number {
	if (value instanceof Date) {
		const ms = value.getTime();
		if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
		return ms;
	}
	if (typeof value !== 'string') throw new RangeError(`expected an ISO 8601 instant or a Date, got ${typeof value}`);
	const m = TIMESTAMPTZ.exec(value.trim());
	if (!m) throw new RangeError(`"${value}" is not an ISO 8601 instant with an offset`);
	const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = m;
	const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
		throw new RangeError(`"${value}" is not a valid instant`);
	}
	const local = Date.UTC(year, month - 1, day, hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
	// Date.UTC rolls 31 February over into March; a real timestamp never needs that.
	if (new Date(local).getUTCDate() !== day) throw new RangeError(`"${value}" is not a valid instant`);
	return local - offsetMinutes(zone) * 60_000;
}

function offsetMinutes(zone: string): number {
	if (zone.toUpperCase() === 'Z') return 0;
	const sign = zone[0] === '-' ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = Number(digits.slice(2) || '0');
	return sign * (hours * 60 + minutes);
}
