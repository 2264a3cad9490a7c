// Daylight-saving time in the business-time engine, worked out by hand from the 2026 rules:
//   Europe/Madrid     spring forward Sun 2026-03-29 at 02:00 CET (01:00Z) to 03:00 CEST (UTC+2);
//                     fall back      Sun 2026-10-25 at 03:00 CEST (01:00Z) to 02:00 CET (UTC+1).
//   America/Santiago  fall back      Sun 2026-04-05 at 00:00 -03 (03:00Z) to Sat 23:00 -04;
//                     spring forward Sun 2026-09-06 at 00:00 -04 (04:00Z) to 01:00 -03.
// Santiago changes at midnight, so its '24:00' and '00:00' themselves fall into the gap or the repeat.
import { describe, expect, it } from 'vitest';
import {
	addBusinessMinutes,
	businessMinutesBetween,
	isBusinessTime,
	subtractBusinessMinutes,
	type Calendar,
	type Weekday,
} from '#shared/business-time.ts';

const z = (s: string) => new Date(s);
const iso = (d: Date) => d.toISOString();
const allDay = [['00:00', '24:00']] as [string, string][];
const week: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const always = (timezone: string): Calendar => ({ timezone, hours: Object.fromEntries(week.map((d) => [d, allDay])), holidays: [] });
const sundays = (timezone: string, intervals: [string, string][]): Calendar => ({ timezone, hours: { sun: intervals }, holidays: [] });

describe('Europe/Madrid, spring forward 2026-03-29', () => {
	it('a day open 00:00-24:00 holds 23 hours', () => {
		// 00:00 CET = 03-28T23:00Z → 24:00 = Mon 00:00 CEST = 03-29T22:00Z: 23 h
		const sunday = sundays('Europe/Madrid', allDay);
		expect(businessMinutesBetween(z('2026-03-28T00:00Z'), z('2026-03-31T00:00Z'), sunday)).toBe(23 * 60);
		expect(iso(addBusinessMinutes(z('2026-03-28T23:00Z'), 23 * 60, sunday))).toBe('2026-03-29T22:00:00.000Z');
		expect(iso(subtractBusinessMinutes(z('2026-03-29T22:00Z'), 23 * 60, sunday))).toBe('2026-03-28T23:00:00.000Z');
	});

	it('a 24/7 calendar counts real elapsed time across the change', () => {
		// Sat 12:00 CET (11:00Z) + 24 h = Sun 11:00Z = 13:00 CEST: the wall clock moved 25 h
		const cal = always('Europe/Madrid');
		expect(iso(addBusinessMinutes(z('2026-03-28T11:00Z'), 24 * 60, cal))).toBe('2026-03-29T11:00:00.000Z');
		expect(businessMinutesBetween(z('2026-03-28T11:00Z'), z('2026-03-29T11:00Z'), cal)).toBe(24 * 60);
	});

	it('an opening inside the skipped hour moves forward by the length of the gap', () => {
		// [02:30, 05:00): 02:30 does not exist; read with the offset before the gap (CET, +1) it is 01:30Z,
		// which the clocks show as 03:30 CEST. Closing 05:00 CEST = 03:00Z: 1 h 30, not 2 h 30
		const cal = sundays('Europe/Madrid', [['02:30', '05:00']]);
		expect(isBusinessTime(z('2026-03-29T01:29:59.999Z'), cal)).toBe(false);
		expect(isBusinessTime(z('2026-03-29T01:30Z'), cal)).toBe(true);
		expect(iso(addBusinessMinutes(z('2026-03-28T12:00Z'), 0, cal))).toBe('2026-03-29T01:30:00.000Z');
		expect(businessMinutesBetween(z('2026-03-29T00:00Z'), z('2026-03-30T00:00Z'), cal)).toBe(90);
		// one week later the same hours are the ordinary 2.5 h: 02:30 CEST = 00:30Z to 05:00 CEST = 03:00Z
		expect(businessMinutesBetween(z('2026-04-05T00:00Z'), z('2026-04-06T00:00Z'), cal)).toBe(150);
	});

	it('an interval inside the skipped hour moves forward whole', () => {
		// [02:10, 02:50) → 01:10Z-01:50Z (03:10-03:50 CEST): still 40 min; the next Sunday 00:10Z-00:50Z
		const cal = sundays('Europe/Madrid', [['02:10', '02:50']]);
		expect(businessMinutesBetween(z('2026-03-29T00:00Z'), z('2026-03-30T00:00Z'), cal)).toBe(40);
		expect(iso(addBusinessMinutes(z('2026-03-28T12:00Z'), 0, cal))).toBe('2026-03-29T01:10:00.000Z');
		expect(iso(addBusinessMinutes(z('2026-03-28T12:00Z'), 40, cal))).toBe('2026-03-29T01:50:00.000Z');
	});

	it('an interval from before the gap to inside it ends where its closing moved', () => {
		// [01:30, 02:30): opens 01:30 CET = 00:30Z, closes 02:30 read as CET = 01:30Z (03:30 CEST): 60 min
		const cal = sundays('Europe/Madrid', [['01:30', '02:30']]);
		expect(businessMinutesBetween(z('2026-03-29T00:00Z'), z('2026-03-30T00:00Z'), cal)).toBe(60);
	});

	it('office hours on both sides of the change', () => {
		// Mon-Fri 09:00-18:00. Fri 03-27 17:00 CET (16:00Z) + 120 min: 60 min Friday, then Mon 03-30 from
		// 09:00 CEST (07:00Z) + 60 min = 08:00Z
		const hours = [['09:00', '18:00']] as [string, string][];
		const cal: Calendar = { timezone: 'Europe/Madrid', hours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours }, holidays: [] };
		expect(iso(addBusinessMinutes(z('2026-03-27T16:00Z'), 120, cal))).toBe('2026-03-30T08:00:00.000Z');
		expect(iso(subtractBusinessMinutes(z('2026-03-30T08:00Z'), 120, cal))).toBe('2026-03-27T16:00:00.000Z');
		expect(isBusinessTime(z('2026-03-30T06:59Z'), cal)).toBe(false);
		expect(isBusinessTime(z('2026-03-30T07:00Z'), cal)).toBe(true);
	});
});

describe('Europe/Madrid, fall back 2026-10-25', () => {
	it('a day open 00:00-24:00 holds 25 hours', () => {
		// 00:00 CEST = 10-24T22:00Z → 24:00 = Mon 00:00 CET = 10-25T23:00Z: 25 h
		const sunday = sundays('Europe/Madrid', allDay);
		expect(businessMinutesBetween(z('2026-10-24T00:00Z'), z('2026-10-27T00:00Z'), sunday)).toBe(25 * 60);
		expect(iso(addBusinessMinutes(z('2026-10-24T22:00Z'), 25 * 60, sunday))).toBe('2026-10-25T23:00:00.000Z');
		expect(iso(addBusinessMinutes(z('2026-10-24T22:00Z'), 25 * 60 + 1, sunday))).toBe('2026-10-31T23:01:00.000Z');
	});

	it('an opening in the repeated hour is its first occurrence', () => {
		// [02:30, 04:00): first 02:30 is CEST = 00:30Z; 04:00 CET = 03:00Z → 150 min, and the repeated
		// 02:00-02:30 CET (01:00Z-01:30Z) lies inside that stretch
		const cal = sundays('Europe/Madrid', [['02:30', '04:00']]);
		expect(businessMinutesBetween(z('2026-10-25T00:00Z'), z('2026-10-26T00:00Z'), cal)).toBe(150);
		expect(isBusinessTime(z('2026-10-25T00:29:59Z'), cal)).toBe(false);
		expect(isBusinessTime(z('2026-10-25T00:30Z'), cal)).toBe(true);
		expect(isBusinessTime(z('2026-10-25T01:15Z'), cal)).toBe(true);
		expect(iso(addBusinessMinutes(z('2026-10-24T12:00Z'), 0, cal))).toBe('2026-10-25T00:30:00.000Z');
	});

	it('a closing in the repeated hour is its first occurrence', () => {
		// [01:00, 02:30): 01:00 CEST = 10-24T23:00Z to first 02:30 CEST = 00:30Z → 90 min; at 02:30 CET
		// (01:30Z, the second time the clock shows it) the day is already closed
		const cal = sundays('Europe/Madrid', [['01:00', '02:30']]);
		expect(businessMinutesBetween(z('2026-10-24T00:00Z'), z('2026-10-26T00:00Z'), cal)).toBe(90);
		expect(isBusinessTime(z('2026-10-25T01:30Z'), cal)).toBe(false);
		expect(iso(addBusinessMinutes(z('2026-10-24T23:00Z'), 90, cal))).toBe('2026-10-25T00:30:00.000Z');
		expect(iso(subtractBusinessMinutes(z('2026-10-25T01:30Z'), 0, cal))).toBe('2026-10-25T00:30:00.000Z');
	});

	it('a 24/7 calendar adds exactly across the change', () => {
		// Sat 12:00 CEST (10:00Z) + 24 h = Sun 10:00Z = 11:00 CET: the wall clock moved 23 h
		expect(iso(addBusinessMinutes(z('2026-10-24T10:00Z'), 24 * 60, always('Europe/Madrid')))).toBe('2026-10-25T10:00:00.000Z');
	});
});

describe('America/Santiago, changes at midnight', () => {
	const night: Calendar = {
		timezone: 'America/Santiago',
		hours: { sat: [['22:00', '24:00']], sun: [['00:00', '02:00']] },
		holidays: [],
	};

	it('fall back: Saturday 22:00-24:00 holds 3 h and runs on into Sunday without a stop', () => {
		// Sat 04-04 22:00 -03 = 01:00Z; Sat 24:00 = Sun 00:00, which only exists at -04 = 04:00Z;
		// Sun 02:00 -04 = 06:00Z. One stretch 01:00Z-06:00Z = 300 min (180 Saturday + 120 Sunday).
		expect(businessMinutesBetween(z('2026-04-04T00:00Z'), z('2026-04-06T00:00Z'), night)).toBe(300);
		expect(businessMinutesBetween(z('2026-04-04T00:00Z'), z('2026-04-05T04:00Z'), night)).toBe(180);
		expect(iso(addBusinessMinutes(z('2026-04-05T01:00Z'), 180, night))).toBe('2026-04-05T04:00:00.000Z');
		expect(iso(addBusinessMinutes(z('2026-04-05T01:00Z'), 181, night))).toBe('2026-04-05T04:01:00.000Z');
		expect(iso(subtractBusinessMinutes(z('2026-04-05T06:00Z'), 300, night))).toBe('2026-04-05T01:00:00.000Z');
		expect(isBusinessTime(z('2026-04-05T03:30Z'), night)).toBe(true); // the repeated 23:30 -04
	});

	it('spring forward: Sunday 00:00 does not exist, so Saturday closes and Sunday opens at 01:00 -03', () => {
		// Sat 09-05 22:00 -04 = 02:00Z; Sat 24:00 = Sun 00:00 → end of the gap, 01:00 -03 = 04:00Z;
		// Sun 00:00 → 04:00Z too; Sun 02:00 -03 = 05:00Z. One stretch 02:00Z-05:00Z = 180 min.
		expect(businessMinutesBetween(z('2026-09-05T00:00Z'), z('2026-09-07T00:00Z'), night)).toBe(180);
		expect(iso(addBusinessMinutes(z('2026-09-06T02:00Z'), 150, night))).toBe('2026-09-06T04:30:00.000Z');
		expect(iso(addBusinessMinutes(z('2026-09-06T02:00Z'), 120, night))).toBe('2026-09-06T04:00:00.000Z');
		expect(iso(subtractBusinessMinutes(z('2026-09-06T04:30Z'), 150, night))).toBe('2026-09-06T02:00:00.000Z');
		expect(isBusinessTime(z('2026-09-06T04:00Z'), night)).toBe(true);
	});

	it('24/7: the fall-back Saturday holds 25 h and the spring-forward Sunday 23 h', () => {
		const cal = always('America/Santiago');
		// Sat 04-04 00:00 -03 = 03:00Z → Sun 00:00 -04 = 04-05T04:00Z
		expect(businessMinutesBetween(z('2026-04-04T03:00Z'), z('2026-04-05T04:00Z'), cal)).toBe(25 * 60);
		// Sun 09-06 starts at 01:00 -03 = 04:00Z → Mon 00:00 -03 = 09-07T03:00Z
		expect(businessMinutesBetween(z('2026-09-06T04:00Z'), z('2026-09-07T03:00Z'), cal)).toBe(23 * 60);
		expect(iso(addBusinessMinutes(z('2026-09-05T12:00Z'), 48 * 60, cal))).toBe('2026-09-07T12:00:00.000Z');
	});

	it('on a one-day calendar the spring-forward Sunday really is 23 h long', () => {
		// Sun 00:00-24:00 on 09-06: 04:00Z to 09-07T03:00Z
		const sunday = sundays('America/Santiago', allDay);
		expect(iso(addBusinessMinutes(z('2026-09-05T12:00Z'), 0, sunday))).toBe('2026-09-06T04:00:00.000Z');
		expect(iso(addBusinessMinutes(z('2026-09-05T12:00Z'), 23 * 60, sunday))).toBe('2026-09-07T03:00:00.000Z');
	});
});
