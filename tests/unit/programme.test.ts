import { describe, expect, it } from 'vitest';
import {
	formatIssues,
	isAlwaysOpen,
	programme,
	toEngineCalendar,
	weeklyHours,
	duration,
	pickText,
	targetsOf,
} from '#shared/programme.ts';
import { programmeIds, loadProgramme, activeProgrammeId } from '../../src/lib/support-data.ts';
import { clone, shippedProgramme } from '../fixtures/support.ts';

function issuesOf(input: unknown): string[] {
	const r = programme.safeParse(input);
	return r.success ? [] : formatIssues(r.error);
}

describe('shipped programmes', () => {
	it('ships at least the two seed programmes and one is active', () => {
		expect(programmeIds()).toEqual(expect.arrayContaining(['estandar-extendido', 'implementacion']));
		expect(programmeIds()).toContain(activeProgrammeId());
	});

	it('Standard/Extended: P1–P4 at 4, 8, 24, 42 business hours, Mexico City holidays, 2 and 4 contacts', () => {
		const p = loadProgramme('estandar-extendido');
		expect(p.severities.map((s) => s.key)).toEqual(['P1', 'P2', 'P3', 'P4']);
		const std = p.plans.find((x) => x.id === 'estandar')!;
		const ext = p.plans.find((x) => x.id === 'extendido')!;
		expect(['P1', 'P2', 'P3', 'P4'].map((k) => targetsOf(std)[k].firstResponse)).toEqual([240, 480, 1440, 2520]);
		expect(std.authorizedContacts).toBe(2);
		expect(ext.authorizedContacts).toBe(4);
		const office = p.calendars.find((c) => c.id === std.calendar)!;
		expect(office.timezone).toBe('America/Mexico_City');
		expect(office.holidays.map((h) => h.date)).toContain('2026-09-16');
		expect(isAlwaysOpen(office)).toBe(false);
		expect(isAlwaysOpen(p.calendars.find((c) => c.id === ext.calendar)!)).toBe(true);
	});

	it('Monthly/Preferential/Accompaniment: 40 tickets a month on Monthly, 10-day auto-close', () => {
		const p = loadProgramme('implementacion');
		expect(p.plans.map((x) => x.id)).toEqual(['mensual', 'preferencial', 'acompanamiento']);
		expect(p.plans[0].quota).toEqual({ perMonth: 40 });
		expect(p.plans[0].includedPeriod).toEqual({ months: 6, after: 'go-live' });
		expect(p.plans[1].quota).toBe('unlimited');
		expect(p.rules.autoClose?.afterDays).toBe(10);
		const mf = p.calendars.find((c) => c.id === p.plans[0].calendar)!;
		expect(Object.keys(mf.hours)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
		expect(mf.hours.mon).toEqual([['08:00', '18:00']]);
	});

	it('gives the engine a calendar of dates', () => {
		const p = loadProgramme('estandar-extendido');
		const cal = toEngineCalendar(p.calendars[0]);
		expect(cal.holidays[0]).toBe('2026-01-01');
		expect(cal.hours.sat).toBeUndefined();
	});
});

describe('programme schema rejects bad data with the field named', () => {
	it('an unknown time zone', () => {
		const p = clone(shippedProgramme());
		p.calendars[0].timezone = 'Mexico/Ciudad';
		expect(issuesOf(p)).toContain('calendars.0.timezone: not an IANA time zone (e.g. "America/Mexico_City")');
	});

	it('overlapping intervals in a day', () => {
		const p = clone(shippedProgramme());
		p.calendars[0].hours.mon = [['09:00', '14:00'], ['13:00', '18:00']];
		expect(issuesOf(p)).toContain('calendars.0.hours.mon: intervals 09:00-14:00 and 13:00-18:00 overlap');
	});

	it('an interval that closes before it opens, and a bad clock time', () => {
		const p = clone(shippedProgramme());
		p.calendars[0].hours.tue = [['18:00', '09:00']];
		p.calendars[0].hours.wed = [['9:00', '18:00']];
		const issues = issuesOf(p);
		expect(issues).toContain('calendars.0.hours.tue.0: an interval must open before it closes');
		expect(issues).toContain('calendars.0.hours.wed.0.0: expected a local time "HH:MM" (00:00 to 24:00)');
	});

	it('a plan without a target for one severity', () => {
		const p = clone(shippedProgramme());
		delete p.plans[0].targets.P4;
		expect(issuesOf(p)).toContain('plans.0.targets: no target for severity "P4" (give every severity a target, or write targets: best-effort)');
	});

	it('a target for a severity that does not exist', () => {
		const p = clone(shippedProgramme());
		p.plans[1].targets.P5 = { firstResponse: '1h' };
		expect(issuesOf(p)).toContain('plans.1.targets.P5: "P5" is not a severity key (P1, P2, P3, P4)');
	});

	it('a plan on an undefined calendar', () => {
		const p = clone(shippedProgramme());
		p.plans[0].calendar = 'nocturno';
		expect(issuesOf(p)).toContain('plans.0.calendar: calendar "nocturno" is not defined (oficina-cdmx, siempre)');
	});

	it('a malformed duration', () => {
		const p = clone(shippedProgramme());
		p.plans[0].targets.P1.firstResponse = '4 horas';
		expect(issuesOf(p)).toContain('plans.0.targets.P1.firstResponse: expected a duration such as "4h", "30m" or "1h30m"');
	});

	it('a reminder that does not come before the auto-close', () => {
		const p = clone(shippedProgramme());
		p.rules.autoClose = { afterDays: 10, reminderDaysBefore: 10 };
		expect(issuesOf(p)).toContain('rules.autoClose.reminderDaysBefore: the reminder must come before the auto-close');
	});

	it('a holiday listed twice and an impossible date', () => {
		const p = clone(shippedProgramme());
		p.calendars[0].holidays.push({ date: '2026-09-16', name: 'Otra vez' }, { date: '2026-02-30', name: 'Nunca' });
		const issues = issuesOf(p);
		expect(issues).toContain('calendars.0.holidays.22.date: holiday 2026-09-16 listed twice');
		expect(issues).toContain('calendars.0.holidays.23.date: expected a date "YYYY-MM-DD"');
	});

	it('a misspelt field (strict objects catch typos)', () => {
		const p = clone(shippedProgramme());
		p.plans[0].authorisedContacts = 3;
		expect(issuesOf(p).join('\n')).toMatch(/plans\.0: Unrecognized key: "authorisedContacts"/);
	});

	it('a default severity that is not on the scale', () => {
		const p = clone(shippedProgramme());
		p.defaultSeverity = 'P9';
		expect(issuesOf(p)).toContain('defaultSeverity: "P9" is not a severity key (P1, P2, P3, P4)');
	});
});

describe('building blocks', () => {
	it('durations parse to minutes', () => {
		expect(duration.parse('4h')).toBe(240);
		expect(duration.parse('30m')).toBe(30);
		expect(duration.parse('4h30m')).toBe(270);
		expect(duration.parse(90)).toBe(90);
		expect(duration.safeParse('0h').success).toBe(false);
		expect(duration.safeParse('').success).toBe(false);
	});

	it('"24x7" expands to every day open around the clock; a week with no hours is an error', () => {
		const hours = weeklyHours.parse('24x7');
		expect(Object.keys(hours)).toHaveLength(7);
		expect(hours.sun).toEqual([['00:00', '24:00']]);
		const empty = weeklyHours.safeParse({});
		expect(empty.success).toBe(false);
		expect(formatIssues(empty.error!)).toEqual(['(root): a calendar needs at least one open interval in the week']);
	});

	it('texts fall back to Spanish', () => {
		expect(pickText({ es: 'Alta', en: 'High' }, 'en')).toBe('High');
		expect(pickText({ es: 'Alta' }, 'en')).toBe('Alta');
		expect(pickText('Alta', 'en')).toBe('Alta');
		expect(pickText({ es: 'Alta', en: 'High' }, 'es')).toBe('Alta');
	});
});
