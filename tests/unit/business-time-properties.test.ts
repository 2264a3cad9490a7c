// Property tests: the business-time engine against a naive oracle that steps one minute (or one second)
// at a time (business-time-oracle.ts), on random starts and amounts from a seeded generator, in zones with
// and without daylight-saving time; and round trips between adding, subtracting and measuring.
import { describe, expect, it } from 'vitest';
import {
	addBusinessMinutes,
	addBusinessSeconds,
	businessMinutesBetween,
	businessSecondsBetween,
	isBusinessTime,
	nextBusinessInstant,
	previousBusinessInstant,
	subtractBusinessMinutes,
	subtractBusinessSeconds,
	type Calendar,
} from '#shared/business-time.ts';
import { calendarOf, toEngineCalendar } from '#shared/programme.ts';
import { loadProgramme } from '../../src/lib/support-data.ts';
import { naiveBusinessTime } from './business-time-oracle.ts';

const MINUTE = 60_000;
const SECOND = 1000;

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
	return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(list: T[]) => list[Math.floor(next() * list.length)] };
}

const split = [['09:00', '13:00'], ['15:00', '19:00']] as [string, string][];
const cases: { name: string; cal: Calendar; around: string[] }[] = [
	{
		name: 'oficina-cdmx (America/Mexico_City, shipped holidays)',
		cal: toEngineCalendar(calendarOf(loadProgramme('estandar-extendido'), 'estandar')),
		around: ['2026-04-01', '2026-12-20', '2027-03-20'],
	},
	{
		name: 'Europe/Madrid split days, hours inside the changing hour, a holiday',
		cal: {
			timezone: 'Europe/Madrid',
			hours: { mon: split, tue: split, wed: split, thu: split, fri: split, sat: [['01:30', '02:45'], ['10:00', '12:00']], sun: [['01:30', '02:15'], ['02:30', '04:00'], ['23:00', '24:00']] },
			holidays: ['2026-03-27', '2026-10-26'],
		},
		around: ['2026-03-29', '2026-10-25', '2027-03-28'],
	},
	{
		name: 'America/Santiago overnight across the midnight changes',
		cal: {
			timezone: 'America/Santiago',
			hours: { wed: [['08:00', '12:00']], fri: [['22:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '02:00'], ['23:30', '24:00']] },
			holidays: ['2026-04-08'],
		},
		around: ['2026-04-05', '2026-09-06', '2027-04-04'],
	},
];

/** Whole-minute starts: half near the daylight-saving changes, half anywhere in 2026-2027. */
function randomStart(rng: ReturnType<typeof prng>, around: string[], unit: number): number {
	if (rng.next() < 0.5) {
		const centre = Date.parse(`${rng.pick(around)}T00:00Z`);
		return centre + rng.int(-4 * 24 * 60, 4 * 24 * 60) * MINUTE + (unit === SECOND ? rng.int(0, 59) * SECOND : 0);
	}
	return Date.parse('2026-01-01T00:00Z') + rng.int(0, 729 * 24 * 60) * MINUTE + (unit === SECOND ? rng.int(0, 59) * SECOND : 0);
}

for (const { name, cal, around } of cases) {
	describe(name, () => {
		const oracle = naiveBusinessTime(cal);

		it('matches the minute-stepping oracle on 150 random additions, subtractions and spans', () => {
			const rng = prng(0xb0_5e + name.length);
			for (let i = 0; i < 150; i++) {
				const t = randomStart(rng, around, MINUTE);
				const minutes = rng.next() < 0.15 ? 0 : rng.int(1, 1500);
				const label = `${new Date(t).toISOString()} ± ${minutes} min`;
				expect(addBusinessMinutes(new Date(t), minutes, cal).getTime(), `add ${label}`).toBe(oracle.add(t, minutes, MINUTE));
				expect(subtractBusinessMinutes(new Date(t), minutes, cal).getTime(), `subtract ${label}`).toBe(oracle.subtract(t, minutes, MINUTE));
				const end = t + rng.int(0, 4 * 24 * 60) * MINUTE;
				expect(businessMinutesBetween(new Date(t), new Date(end), cal), `between ${label}`).toBe(oracle.between(t, end, MINUTE));
				expect(businessMinutesBetween(new Date(end), new Date(t), cal), `between reversed ${label}`).toBe(-oracle.between(t, end, MINUTE));
				expect(isBusinessTime(new Date(t), cal), `isBusinessTime ${label}`).toBe(oracle.isBusiness(t));
			}
		});

		it('matches the second-stepping oracle on 60 random small amounts', () => {
			const rng = prng(0x5ec + name.length);
			for (let i = 0; i < 60; i++) {
				const t = randomStart(rng, around, SECOND);
				const seconds = rng.next() < 0.15 ? 0 : rng.int(1, 5400);
				const label = `${new Date(t).toISOString()} ± ${seconds} s`;
				expect(addBusinessSeconds(new Date(t), seconds, cal).getTime(), `add ${label}`).toBe(oracle.add(t, seconds, SECOND));
				expect(subtractBusinessSeconds(new Date(t), seconds, cal).getTime(), `subtract ${label}`).toBe(oracle.subtract(t, seconds, SECOND));
				const end = t + rng.int(0, 7200) * SECOND;
				expect(businessSecondsBetween(new Date(t), new Date(end), cal), `between ${label}`).toBe(oracle.between(t, end, SECOND));
			}
		});

		it('round-trips on 2000 random starts and amounts up to 60 business days', () => {
			const rng = prng(0x7e57 + name.length);
			for (let i = 0; i < 2000; i++) {
				const t = new Date(randomStart(rng, around, MINUTE) + rng.int(0, 59_999));
				const minutes = rng.int(1, 60 * 9 * 60);
				const label = `${t.toISOString()} ± ${minutes} min`;
				const later = addBusinessMinutes(t, minutes, cal);
				const earlier = subtractBusinessMinutes(t, minutes, cal);
				// subtract(add(t, m), m) is t moved to where business time starts running
				expect(subtractBusinessMinutes(later, minutes, cal).getTime(), label).toBe(nextBusinessInstant(t, cal).getTime());
				expect(addBusinessMinutes(earlier, minutes, cal).getTime(), label).toBe(previousBusinessInstant(t, cal).getTime());
				expect(businessMinutesBetween(t, later, cal), label).toBe(minutes);
				expect(businessMinutesBetween(earlier, t, cal), label).toBe(minutes);
				expect(nextBusinessInstant(t, cal).getTime()).toBeGreaterThanOrEqual(t.getTime());
				expect(previousBusinessInstant(t, cal).getTime()).toBeLessThanOrEqual(t.getTime());
			}
		});
	});
}
