// The business-time engine's semantics, each case worked out by hand. Calendars here are in Mexico City,
// which has had no daylight-saving time since 2022 (UTC-06:00 all year), so local arithmetic is plain;
// daylight-saving cases are in business-time-dst.test.ts, the shipped calendar in business-time-cdmx.test.ts.
// 2026 weekdays used below: 04-06 Mon, 04-10 Fri, 04-11 Sat, 04-12 Sun, 04-13 Mon.
import { describe, expect, it } from 'vitest';
import {
	addBusinessMinutes,
	addBusinessSeconds,
	BusinessCalendarError,
	businessMinutesBetween,
	businessSecondsBetween,
	isBusinessTime,
	nextBusinessInstant,
	previousBusinessInstant,
	subtractBusinessMinutes,
	subtractBusinessSeconds,
	type Calendar,
} from '#shared/business-time.ts';
import type { EngineCalendar } from '#shared/programme.ts';

/** Local Mexico City time 'YYYY-MM-DDTHH:MM[:SS[.mmm]]' as an instant. */
const mx = (local: string) => new Date(`${local}-06:00`);
const iso = (d: Date) => d.toISOString();

const weekdays = [['09:00', '18:00']] as [string, string][];
/** Mon-Fri 09:00-18:00 (9 h a day), one holiday: Wednesday 2026-04-08. */
const office: Calendar = {
	timezone: 'America/Mexico_City',
	hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
	holidays: ['2026-04-08'],
};

describe('isBusinessTime', () => {
	it('is true at an opening and false at a closing', () => {
		expect(isBusinessTime(mx('2026-04-06T09:00'), office)).toBe(true);
		expect(isBusinessTime(mx('2026-04-06T08:59:59.999'), office)).toBe(false);
		expect(isBusinessTime(mx('2026-04-06T17:59:59.999'), office)).toBe(true);
		expect(isBusinessTime(mx('2026-04-06T18:00'), office)).toBe(false);
	});

	it('is false at night, on weekends and on holidays', () => {
		expect(isBusinessTime(mx('2026-04-07T03:00'), office)).toBe(false);
		expect(isBusinessTime(mx('2026-04-11T12:00'), office)).toBe(false); // Saturday
		expect(isBusinessTime(mx('2026-04-12T12:00'), office)).toBe(false); // Sunday
		expect(isBusinessTime(mx('2026-04-08T12:00'), office)).toBe(false); // holiday (Wednesday)
		expect(isBusinessTime(mx('2026-04-09T12:00'), office)).toBe(true);
	});
});

describe('addBusinessMinutes', () => {
	it('adds within a day', () => {
		// Mon 10:00 + 120 min = Mon 12:00
		expect(iso(addBusinessMinutes(mx('2026-04-06T10:00'), 120, office))).toBe(iso(mx('2026-04-06T12:00')));
	});

	it('returns the closing when the amount ends exactly there, not the next opening', () => {
		// Mon 17:00 + 60 min: the last minute is 17:59-18:00 → Mon 18:00
		expect(iso(addBusinessMinutes(mx('2026-04-06T17:00'), 60, office))).toBe(iso(mx('2026-04-06T18:00')));
		// a whole day from the opening: Mon 09:00 + 540 min = Mon 18:00
		expect(iso(addBusinessMinutes(mx('2026-04-06T09:00'), 540, office))).toBe(iso(mx('2026-04-06T18:00')));
	});

	it('skips the night', () => {
		// Mon 17:00 + 61 min: 60 min to 18:00, 1 min from Tue 09:00 → Tue 09:01
		expect(iso(addBusinessMinutes(mx('2026-04-06T17:00'), 61, office))).toBe(iso(mx('2026-04-07T09:01')));
	});

	it('skips a holiday', () => {
		// Tue 17:00 + 120 min: 60 min Tue, Wed 04-08 holiday, 60 min Thu from 09:00 → Thu 10:00
		expect(iso(addBusinessMinutes(mx('2026-04-07T17:00'), 120, office))).toBe(iso(mx('2026-04-09T10:00')));
	});

	it('skips the weekend', () => {
		// Fri 16:00 + 180 min: 120 min Fri, weekend, 60 min Mon 04-13 → Mon 10:00
		expect(iso(addBusinessMinutes(mx('2026-04-10T16:00'), 180, office))).toBe(iso(mx('2026-04-13T10:00')));
	});

	it('starts counting at the next opening when the start is outside hours', () => {
		// Sat 12:00 + 30 min → Mon 09:30;  Mon 07:00 + 30 min → Mon 09:30;  Mon 19:00 + 30 min → Tue 09:30
		expect(iso(addBusinessMinutes(mx('2026-04-11T12:00'), 30, office))).toBe(iso(mx('2026-04-13T09:30')));
		expect(iso(addBusinessMinutes(mx('2026-04-06T07:00'), 30, office))).toBe(iso(mx('2026-04-06T09:30')));
		expect(iso(addBusinessMinutes(mx('2026-04-06T19:00'), 30, office))).toBe(iso(mx('2026-04-07T09:30')));
	});

	it('adding 0 returns the start in hours, else the next opening (a closing is not in hours)', () => {
		expect(iso(addBusinessMinutes(mx('2026-04-06T11:11'), 0, office))).toBe(iso(mx('2026-04-06T11:11')));
		expect(iso(addBusinessMinutes(mx('2026-04-06T09:00'), 0, office))).toBe(iso(mx('2026-04-06T09:00')));
		expect(iso(addBusinessMinutes(mx('2026-04-06T18:00'), 0, office))).toBe(iso(mx('2026-04-07T09:00')));
		expect(iso(addBusinessMinutes(mx('2026-04-10T20:00'), 0, office))).toBe(iso(mx('2026-04-13T09:00')));
	});

	it('keeps milliseconds of the start', () => {
		// Mon 10:00:00.250 + 1 min = Mon 10:01:00.250
		expect(iso(addBusinessMinutes(mx('2026-04-06T10:00:00.250'), 1, office))).toBe(iso(mx('2026-04-06T10:01:00.250')));
	});

	it('accepts fractional minutes, converted to whole milliseconds', () => {
		// 1.5 min = 90 s; 1/3 min = 20 000 ms (19 999.999... rounded)
		expect(iso(addBusinessMinutes(mx('2026-04-06T10:00'), 1.5, office))).toBe(iso(mx('2026-04-06T10:01:30')));
		expect(iso(addBusinessMinutes(mx('2026-04-06T10:00'), 1 / 3, office))).toBe(iso(mx('2026-04-06T10:00:20')));
	});
});

describe('addBusinessSeconds', () => {
	it('counts seconds with the same rules', () => {
		// Mon 17:59:30 + 30 s = Mon 18:00 (closing); + 31 s = Tue 09:00:01
		expect(iso(addBusinessSeconds(mx('2026-04-06T17:59:30'), 30, office))).toBe(iso(mx('2026-04-06T18:00')));
		expect(iso(addBusinessSeconds(mx('2026-04-06T17:59:30'), 31, office))).toBe(iso(mx('2026-04-07T09:00:01')));
		// 0.5 s = 500 ms
		expect(iso(addBusinessSeconds(mx('2026-04-06T10:00'), 0.5, office))).toBe(iso(mx('2026-04-06T10:00:00.500')));
	});
});

describe('subtractBusinessMinutes', () => {
	it('returns the opening when the amount ends exactly there, not the previous closing', () => {
		// Mon 10:00 - 60 min = Mon 09:00
		expect(iso(subtractBusinessMinutes(mx('2026-04-06T10:00'), 60, office))).toBe(iso(mx('2026-04-06T09:00')));
	});

	it('runs backwards over nights, weekends and holidays', () => {
		// Mon 04-13 09:30 - 60 min: 30 min Mon, weekend, 30 min Fri before 18:00 → Fri 17:30
		expect(iso(subtractBusinessMinutes(mx('2026-04-13T09:30'), 60, office))).toBe(iso(mx('2026-04-10T17:30')));
		// Thu 04-09 10:00 - 120 min: 60 min Thu, Wed holiday, 60 min Tue → Tue 17:00
		expect(iso(subtractBusinessMinutes(mx('2026-04-09T10:00'), 120, office))).toBe(iso(mx('2026-04-07T17:00')));
	});

	it('starts from the previous closing when the start is outside hours', () => {
		// Sun 12:00 - 30 min: Fri closes 18:00 → Fri 17:30
		expect(iso(subtractBusinessMinutes(mx('2026-04-12T12:00'), 30, office))).toBe(iso(mx('2026-04-10T17:30')));
	});

	it('subtracting 0 returns the start when open < start <= close, else the previous closing', () => {
		expect(iso(subtractBusinessMinutes(mx('2026-04-06T11:11'), 0, office))).toBe(iso(mx('2026-04-06T11:11')));
		expect(iso(subtractBusinessMinutes(mx('2026-04-06T18:00'), 0, office))).toBe(iso(mx('2026-04-06T18:00')));
		// at an opening nothing has run yet today: Mon 04-13 09:00 → Fri 04-10 18:00
		expect(iso(subtractBusinessMinutes(mx('2026-04-13T09:00'), 0, office))).toBe(iso(mx('2026-04-10T18:00')));
		expect(iso(subtractBusinessMinutes(mx('2026-04-06T20:00'), 0, office))).toBe(iso(mx('2026-04-06T18:00')));
	});

	it('has a seconds variant', () => {
		// Tue 09:00:10 - 20 s: 10 s Tue, 10 s before Mon 18:00 → Mon 17:59:50
		expect(iso(subtractBusinessSeconds(mx('2026-04-07T09:00:10'), 20, office))).toBe(iso(mx('2026-04-06T17:59:50')));
	});
});

describe('businessMinutesBetween', () => {
	it('counts business time inside [start, end)', () => {
		// Mon 17:00 → Tue 10:00: 60 min Mon + 60 min Tue
		expect(businessMinutesBetween(mx('2026-04-06T17:00'), mx('2026-04-07T10:00'), office)).toBe(120);
		// Fri 04-10 00:00 → Mon 04-13 00:00: only Friday's 540 min
		expect(businessMinutesBetween(mx('2026-04-10T00:00'), mx('2026-04-13T00:00'), office)).toBe(540);
		// a whole week Mon 04-06 → Mon 04-13 with the Wednesday holiday: 4 × 540
		expect(businessMinutesBetween(mx('2026-04-06T00:00'), mx('2026-04-13T00:00'), office)).toBe(2160);
	});

	it('is exact at openings and closings', () => {
		expect(businessMinutesBetween(mx('2026-04-06T09:00'), mx('2026-04-06T18:00'), office)).toBe(540);
		expect(businessMinutesBetween(mx('2026-04-06T18:00'), mx('2026-04-07T09:00'), office)).toBe(0);
		expect(businessMinutesBetween(mx('2026-04-06T08:00'), mx('2026-04-06T09:00'), office)).toBe(0);
	});

	it('gives 0 for start == end and the negative of the reverse when end is earlier', () => {
		expect(businessMinutesBetween(mx('2026-04-06T10:00'), mx('2026-04-06T10:00'), office)).toBe(0);
		expect(businessMinutesBetween(mx('2026-04-07T10:00'), mx('2026-04-06T17:00'), office)).toBe(-120);
	});

	it('returns fractional minutes, and seconds in the seconds variant', () => {
		// 10:00:00 → 10:00:30 is half a minute; 10:00:00.000 → 10:00:01.500 is 1.5 s
		expect(businessMinutesBetween(mx('2026-04-06T10:00'), mx('2026-04-06T10:00:30'), office)).toBe(0.5);
		expect(businessSecondsBetween(mx('2026-04-06T10:00'), mx('2026-04-06T10:00:01.500'), office)).toBe(1.5);
		// Mon 17:59:50 → Tue 09:00:05: 10 s + 5 s
		expect(businessSecondsBetween(mx('2026-04-06T17:59:50'), mx('2026-04-07T09:00:05'), office)).toBe(15);
	});
});

describe('split days, merged intervals, overnight hours and 24/7', () => {
	const split: Calendar = {
		timezone: 'America/Mexico_City',
		hours: { mon: [['09:00', '13:00'], ['15:00', '19:00']] },
		holidays: [],
	};

	it('split day 09:00-13:00 + 15:00-19:00', () => {
		// Mon 12:00 + 120 min: 60 min to 13:00, lunch, 60 min from 15:00 → 16:00
		expect(iso(addBusinessMinutes(mx('2026-04-06T12:00'), 120, split))).toBe(iso(mx('2026-04-06T16:00')));
		// ending exactly at the lunch closing returns 13:00; adding 0 at 13:00 returns 15:00
		expect(iso(addBusinessMinutes(mx('2026-04-06T12:00'), 60, split))).toBe(iso(mx('2026-04-06T13:00')));
		expect(iso(addBusinessMinutes(mx('2026-04-06T13:00'), 0, split))).toBe(iso(mx('2026-04-06T15:00')));
		// backwards: Mon 16:00 - 120 min → 12:00; Mon 15:00 - 0 → 13:00 (15:00 is an opening)
		expect(iso(subtractBusinessMinutes(mx('2026-04-06T16:00'), 120, split))).toBe(iso(mx('2026-04-06T12:00')));
		expect(iso(subtractBusinessMinutes(mx('2026-04-06T15:00'), 0, split))).toBe(iso(mx('2026-04-06T13:00')));
		expect(isBusinessTime(mx('2026-04-06T14:00'), split)).toBe(false);
		// the whole day: 240 + 240 min; 8 h only on Mondays, so Mon 04-06 19:00 + 1 min → Mon 04-13 09:01
		expect(businessMinutesBetween(mx('2026-04-06T00:00'), mx('2026-04-07T00:00'), split)).toBe(480);
		expect(iso(addBusinessMinutes(mx('2026-04-06T19:00'), 1, split))).toBe(iso(mx('2026-04-13T09:01')));
	});

	it('merges overlapping and adjacent intervals', () => {
		const messy: Calendar = {
			timezone: 'America/Mexico_City',
			hours: { mon: [['11:00', '14:00'], ['09:00', '12:00'], ['14:00', '15:00'], ['09:30', '10:00']] },
			holidays: [],
		};
		// one stretch 09:00-15:00 = 360 min, not the 450 of the four intervals added up
		expect(businessMinutesBetween(mx('2026-04-06T00:00'), mx('2026-04-07T00:00'), messy)).toBe(360);
		// 14:00 is inside the stretch: adding 0 returns it, subtracting 0 returns it
		expect(iso(addBusinessMinutes(mx('2026-04-06T14:00'), 0, messy))).toBe(iso(mx('2026-04-06T14:00')));
		expect(iso(subtractBusinessMinutes(mx('2026-04-06T14:00'), 0, messy))).toBe(iso(mx('2026-04-06T14:00')));
		// Mon 09:00 + 360 min = 15:00
		expect(iso(addBusinessMinutes(mx('2026-04-06T09:00'), 360, messy))).toBe(iso(mx('2026-04-06T15:00')));
	});

	const overnight: Calendar = {
		timezone: 'America/Mexico_City',
		hours: { fri: [['22:00', '24:00']], sat: [['00:00', '06:00']] },
		holidays: [],
	};

	it("'24:00' is the next local midnight and joins the next day's '00:00' into one stretch", () => {
		// Fri 04-10 23:00 + 180 min: 60 min to midnight, 120 min Saturday → Sat 02:00
		expect(iso(addBusinessMinutes(mx('2026-04-10T23:00'), 180, overnight))).toBe(iso(mx('2026-04-11T02:00')));
		// ending exactly at midnight returns midnight
		expect(iso(addBusinessMinutes(mx('2026-04-10T23:00'), 60, overnight))).toBe(iso(mx('2026-04-11T00:00')));
		expect(isBusinessTime(mx('2026-04-11T00:00'), overnight)).toBe(true);
		// midnight is neither a closing nor an opening of the stretch: ±0 both return it
		expect(iso(addBusinessMinutes(mx('2026-04-11T00:00'), 0, overnight))).toBe(iso(mx('2026-04-11T00:00')));
		expect(iso(subtractBusinessMinutes(mx('2026-04-11T00:00'), 0, overnight))).toBe(iso(mx('2026-04-11T00:00')));
		// Sat 01:00 - 180 min: 60 min Saturday, 120 min Friday → Fri 22:00 (the opening)
		expect(iso(subtractBusinessMinutes(mx('2026-04-11T01:00'), 180, overnight))).toBe(iso(mx('2026-04-10T22:00')));
		// the stretch is 120 + 360 = 480 min; one more minute runs into the next Friday 22:00
		expect(businessMinutesBetween(mx('2026-04-10T00:00'), mx('2026-04-12T00:00'), overnight)).toBe(480);
		expect(iso(addBusinessMinutes(mx('2026-04-10T22:00'), 481, overnight))).toBe(iso(mx('2026-04-17T22:01')));
	});

	const allDay = [['00:00', '24:00']] as [string, string][];
	const always: Calendar = {
		timezone: 'America/Mexico_City',
		hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
		holidays: [],
	};

	it('24/7 adds and subtracts exactly the amount, and every instant is business time', () => {
		const t = mx('2026-04-06T13:37:12.345');
		for (const minutes of [0, 1, 59.5, 240, 2520, 10_000, 525_600]) {
			expect(addBusinessMinutes(t, minutes, always).getTime()).toBe(t.getTime() + minutes * 60_000);
			expect(subtractBusinessMinutes(t, minutes, always).getTime()).toBe(t.getTime() - minutes * 60_000);
			expect(businessMinutesBetween(t, new Date(t.getTime() + minutes * 60_000), always)).toBe(minutes);
		}
		expect(isBusinessTime(mx('2026-04-12T00:00'), always)).toBe(true);
		expect(isBusinessTime(mx('2026-04-11T23:59:59.999'), always)).toBe(true);
	});
});

describe('helpers for the SLA evaluation', () => {
	it('nextBusinessInstant is where a clock started now starts running', () => {
		expect(iso(nextBusinessInstant(mx('2026-04-10T18:00'), office))).toBe(iso(mx('2026-04-13T09:00')));
		expect(iso(nextBusinessInstant(mx('2026-04-10T10:00'), office))).toBe(iso(mx('2026-04-10T10:00')));
	});

	it('previousBusinessInstant is where a clock stopped now last ran', () => {
		expect(iso(previousBusinessInstant(mx('2026-04-13T09:00'), office))).toBe(iso(mx('2026-04-10T18:00')));
		expect(iso(previousBusinessInstant(mx('2026-04-10T18:00'), office))).toBe(iso(mx('2026-04-10T18:00')));
	});
});

describe('input validation', () => {
	const t = mx('2026-04-06T10:00');

	it('throws RangeError on Invalid Date, NaN, infinite and negative amounts', () => {
		const bad = new Date('nope');
		expect(() => addBusinessMinutes(bad, 1, office)).toThrow(RangeError);
		expect(() => subtractBusinessSeconds(bad, 1, office)).toThrow(RangeError);
		expect(() => businessMinutesBetween(t, bad, office)).toThrow(RangeError);
		expect(() => isBusinessTime(bad, office)).toThrow(RangeError);
		for (const amount of [Number.NaN, Infinity, -Infinity, -1, -0.001]) {
			expect(() => addBusinessMinutes(t, amount, office)).toThrow(RangeError);
			expect(() => addBusinessSeconds(t, amount, office)).toThrow(RangeError);
			expect(() => subtractBusinessMinutes(t, amount, office)).toThrow(RangeError);
			expect(() => subtractBusinessSeconds(t, amount, office)).toThrow(RangeError);
		}
		expect(() => addBusinessMinutes(t, -5, office)).toThrow(/must not be negative/);
	});

	it('treats -0 as 0', () => {
		expect(iso(addBusinessMinutes(t, -0, office))).toBe(iso(t));
	});

	it('throws TypeError when something other than a Date is passed', () => {
		// Deliberately the wrong types: the runtime guards against untyped callers are what is tested.
		expect(() => addBusinessMinutes('2026-04-06' as unknown as Date, 1, office)).toThrow(TypeError);
		expect(() => isBusinessTime(Date.now() as unknown as Date, office)).toThrow(TypeError);
		expect(() => addBusinessMinutes(t, '5' as unknown as number, office)).toThrow(RangeError);
	});

	it('refuses amounts and spans over 100 years', () => {
		const century = 36_525 * 24 * 60;
		expect(() => addBusinessMinutes(t, century + 1, office)).toThrow(RangeError);
		expect(() => businessMinutesBetween(t, new Date(t.getTime() + (century + 1) * 60_000), office)).toThrow(RangeError);
	});

	it('throws quickly on a calendar with no hours at all', () => {
		const closed: Calendar = { timezone: 'America/Mexico_City', hours: {}, holidays: [] };
		const emptyDays: Calendar = { timezone: 'America/Mexico_City', hours: { mon: [], sat: [] }, holidays: [] };
		const began = performance.now();
		expect(() => addBusinessMinutes(t, 60, closed)).toThrow(BusinessCalendarError);
		expect(() => subtractBusinessMinutes(t, 60, emptyDays)).toThrow(/no business hours/);
		expect(() => isBusinessTime(t, closed)).toThrow(/no business hours/);
		expect(performance.now() - began).toBeLessThan(50);
	});

	it('gives up after 10 years of holidays instead of looping', () => {
		// Open only on Mondays, and every Monday from 2026-01-05 to 2037-12-28 (12 years) is a holiday.
		const holidays: string[] = [];
		for (let d = Date.UTC(2026, 0, 5); d <= Date.UTC(2037, 11, 28); d += 7 * 86_400_000) holidays.push(new Date(d).toISOString().slice(0, 10));
		const mondays: Calendar = { timezone: 'America/Mexico_City', hours: { mon: [['09:00', '10:00']] }, holidays };
		const began = performance.now();
		expect(() => addBusinessMinutes(mx('2026-01-01T00:00'), 1, mondays)).toThrow(/no business time within 10 years after 2026-01-01T06:00:00.000Z/);
		expect(() => subtractBusinessMinutes(mx('2037-12-31T00:00'), 1, mondays)).toThrow(BusinessCalendarError);
		expect(performance.now() - began).toBeLessThan(2000);
		// within the horizon it still finds time: 2025-12-29 (Mon) is not a holiday
		expect(iso(subtractBusinessMinutes(mx('2026-06-01T00:00'), 60, mondays))).toBe(iso(mx('2025-12-29T09:00')));
		// nor is 2038-01-04 (Mon): 9 years and a bit after the start, so within the horizon
		expect(iso(addBusinessMinutes(mx('2029-01-01T00:00'), 1, mondays))).toBe(iso(mx('2038-01-04T09:01')));
	});

	it('names what is wrong with a malformed calendar', () => {
		const base = { timezone: 'America/Mexico_City', holidays: [] as string[] };
		const use = (cal: unknown) => () => isBusinessTime(t, cal as Calendar);
		expect(use({ ...base, timezone: 'Mars/Olympus_Mons', hours: { mon: weekdays } })).toThrow(/not an IANA time zone/);
		expect(use({ ...base, hours: { mon: [['9:00', '18:00']] } })).toThrow(/calendar.hours.mon\[0\]: "9:00" is not a local time/);
		expect(use({ ...base, hours: { mon: [['09:00', '24:30']] } })).toThrow(/"24:30" is not a local time/);
		expect(use({ ...base, hours: { mon: [['18:00', '09:00']] } })).toThrow(/must open before it closes/);
		expect(use({ ...base, hours: { mon: [['09:00', '09:00']] } })).toThrow(/must open before it closes/);
		expect(use({ ...base, hours: { monday: weekdays } })).toThrow(/"monday" is not a weekday/);
		expect(use({ ...base, hours: { mon: weekdays }, holidays: ['2026-02-30'] })).toThrow(/"2026-02-30" is not a date/);
		expect(use({ ...base, hours: { mon: weekdays }, holidays: ['2026-4-8'] })).toThrow(BusinessCalendarError);
		expect(use(null)).toThrow(TypeError);
	});
});

describe('calendar objects', () => {
	it('is the same shape as EngineCalendar in programme.ts', () => {
		// Checked by the type checker (assignments both ways); at run time the same object works.
		const fromProgramme: EngineCalendar = office;
		const toEngine: Calendar = fromProgramme;
		expect(isBusinessTime(mx('2026-04-06T09:00'), toEngine)).toBe(true);
	});

	it('gives the same answers for a rebuilt copy of a calendar', () => {
		const copy: Calendar = JSON.parse(JSON.stringify(office));
		expect(iso(addBusinessMinutes(mx('2026-04-07T17:00'), 120, copy))).toBe(iso(mx('2026-04-09T10:00')));
	});
});
