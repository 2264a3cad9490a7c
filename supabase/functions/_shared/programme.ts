// The support programme (severities, plans, SLA targets, calendars, rules, version policy) as one zod
// schema. The docs site renders its tables from it, the database seed is generated from it and the
// edge functions validate against it, so a figure can only be written once: in content/support/.
// Pure module: no file access, runs in Node, Deno and the browser.
import { z } from 'zod';
import { WEEKDAYS, type Weekday } from './programme-helpers.ts';

// The helpers that need no schema live in programme-helpers.ts (the browser imports them without
// zod); they are exported from here too, so the programme has one module to import.
export { WEEKDAYS, pickText, toEngineCalendar, targetsOf, calendarOf, isAlwaysOpen } from './programme-helpers.ts';
export type { Weekday, EngineCalendar } from './programme-helpers.ts';

/** Text written in Spanish, optionally with an English translation: `"Alta"` or `{ es: "Alta", en: "High" }`. */
export const localizedText = z.union([
	z.string().min(1),
	z.strictObject({ es: z.string().min(1), en: z.string().min(1).optional() }),
]);
export type LocalizedText = z.infer<typeof localizedText>;

const clockTime = z
	.string()
	.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'expected a local time "HH:MM" (00:00 to 24:00)' });

export function clockMinutes(hhmm: string): number {
	const [h, m] = hhmm.split(':').map(Number);
	return h * 60 + m;
}

const interval = z
	.tuple([clockTime, clockTime])
	.refine(([open, close]) => clockMinutes(open) < clockMinutes(close), {
		message: 'an interval must open before it closes',
	});

const dayIntervals = z.array(interval).superRefine((intervals, ctx) => {
	const sorted = [...intervals].sort((a, b) => clockMinutes(a[0]) - clockMinutes(b[0]));
	for (let i = 1; i < sorted.length; i++) {
		if (clockMinutes(sorted[i][0]) < clockMinutes(sorted[i - 1][1])) {
			ctx.addIssue({ code: 'custom', message: `intervals ${sorted[i - 1].join('-')} and ${sorted[i].join('-')} overlap` });
		}
	}
});

const ALL_DAY: [string, string][] = [['00:00', '24:00']];

/** Weekly hours: `"24x7"`, or local intervals per weekday (a missing day is closed). */
export const weeklyHours = z
	.union([z.literal('24x7'), z.partialRecord(z.enum(WEEKDAYS), dayIntervals)])
	.transform((hours): Partial<Record<Weekday, [string, string][]>> =>
		hours === '24x7' ? Object.fromEntries(WEEKDAYS.map((d) => [d, ALL_DAY])) : hours,
	)
	.refine((hours) => Object.values(hours).some((day) => day && day.length > 0), {
		message: 'a calendar needs at least one open interval in the week',
	});

export function isValidTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

export const timeZone = z.string().refine(isValidTimeZone, { message: 'not an IANA time zone (e.g. "America/Mexico_City")' });

export function isValidDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A calendar date "YYYY-MM-DD"; YAML's unquoted dates arrive as Date objects and are accepted too. */
export const localDate = z.preprocess(
	(v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
	z.string().refine(isValidDate, { message: 'expected a date "YYYY-MM-DD"' }),
);

export const holiday = z.strictObject({
	date: localDate,
	name: localizedText,
});

export const calendar = z
	.strictObject({
		id: z.string().regex(/^[a-z0-9-]+$/),
		name: localizedText,
		timezone: timeZone,
		hours: weeklyHours,
		holidays: z.array(holiday).default([]),
	})
	.superRefine((cal, ctx) => {
		const seen = new Set<string>();
		cal.holidays.forEach((h, i) => {
			if (seen.has(h.date)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: `holiday ${h.date} listed twice` });
			seen.add(h.date);
		});
	});
export type ProgrammeCalendar = z.infer<typeof calendar>;

/** A duration of (business) time: minutes as a number, or "4h", "30m", "1h30m". Parsed to minutes. */
export const duration = z
	.union([
		z.number().int().positive(),
		z.string().regex(/^(?=\d)(?:(\d+)h)?(?:(\d+)m)?$/, { message: 'expected a duration such as "4h", "30m" or "1h30m"' }),
	])
	.transform((value) => {
		if (typeof value === 'number') return value;
		const [, h = '0', m = '0'] = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(value)!;
		return Number(h) * 60 + Number(m);
	})
	.refine((minutes) => minutes > 0, { message: 'a duration must be longer than zero' });

export const severity = z.strictObject({
	key: z.string().regex(/^[A-Za-z0-9-]+$/, { message: 'a severity key is letters, digits and dashes (e.g. "P1")' }),
	label: localizedText,
	description: localizedText,
	/** How a customer (and level 1) tells which severity applies. */
	criteria: z.strictObject({
		/** Share of the organisation's users affected, in percent. */
		usersAffected: z
			.strictObject({ min: z.number().min(0).max(100).optional(), max: z.number().min(0).max(100).optional() })
			.optional(),
		/** Which environment the problem happens in. */
		environment: z.enum(['production', 'non-production', 'any']),
		/** Can users keep working? */
		canContinueWorking: z.boolean().optional(),
		/** Plain-words examples shown next to the choice. */
		examples: z.array(localizedText).default([]),
	}),
});
export type Severity = z.infer<typeof severity>;

/** SLA targets for one severity, in business time of the plan's calendar. */
export const slaTarget = z.strictObject({
	/** Time to the first response by an agent. */
	firstResponse: duration,
	/** Cadence at which the customer is updated while the ticket is open. */
	update: duration.optional(),
	/** Cadence at which an unresolved ticket goes up the escalation chain. */
	escalation: duration.optional(),
	/** Resolution target, where the plan commits to one. */
	resolution: duration.optional(),
});
export type SlaTarget = z.infer<typeof slaTarget>;

export const CHANNELS = ['web', 'email', 'phone', 'chat', 'remote', 'onsite'] as const;
export type ChannelKind = (typeof CHANNELS)[number];

/**
 * A way a plan's customers reach support: `phone`, or `{ kind: phone, how: "+52 55 …", url: "tel:…" }`
 * when the terms page should say how. Always read as the object.
 */
export const channel = z
	.union([
		z.enum(CHANNELS),
		z.strictObject({
			kind: z.enum(CHANNELS),
			/** How to reach it, in plain words: a number and its hours, an address, "from the ticket". */
			how: localizedText.optional(),
			url: z.url({ protocol: /^(https?|mailto|tel)$/, message: 'expected an https:, mailto: or tel: address' }).optional(),
		}),
	])
	.transform((c): { kind: ChannelKind; how?: LocalizedText; url?: string } => (typeof c === 'string' ? { kind: c } : c));
export type Channel = z.output<typeof channel>;

/** Who of an organisation may open tickets: its authorized contacts (and coordinators), or every member. */
export const WHO_MAY_OPEN = ['authorized-contacts', 'members'] as const;

export const plan = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/),
	name: localizedText,
	description: localizedText.optional(),
	/** Id of one of the programme's calendars. */
	calendar: z.string(),
	/**
	 * One target per severity key of the programme, or `best-effort`: the plan promises no times (the
	 * engine sets no due dates and measures no attainment for its tickets).
	 */
	targets: z.union([z.literal('best-effort'), z.record(z.string(), slaTarget)]),
	/** Tickets a calendar month (in the programme's time zone); unused tickets never carry over. */
	quota: z.union([z.literal('unlimited'), z.strictObject({ perMonth: z.number().int().positive() })]),
	/** How many people of the organisation may open tickets (with `whoMayOpen: authorized-contacts`). */
	authorizedContacts: z.union([z.literal('unlimited'), z.number().int().positive()]),
	whoMayOpen: z.enum(WHO_MAY_OPEN).default('authorized-contacts'),
	channels: z.array(channel).min(1),
	/** A period in which the plan comes included, e.g. 6 months after go-live. */
	includedPeriod: z
		.strictObject({ months: z.number().int().positive(), after: z.enum(['go-live', 'contract-start']) })
		.optional(),
	/** Anything else the plan includes, in plain words. */
	includes: z.array(localizedText).default([]),
});
export type Plan = z.infer<typeof plan>;

export const escalationStep = z.strictObject({
	key: z.string().regex(/^[a-z0-9-]+$/),
	label: localizedText,
	/** Who is notified at this step. */
	role: z.enum(['agent', 'lead', 'admin']),
	/** Support level that owns the ticket at this step, for agent steps. */
	level: z.union([z.literal(1), z.literal(2)]).optional(),
});

export const rules = z.strictObject({
	/** Absent: a ticket waiting on the customer waits until someone closes it. */
	autoClose: z
		.strictObject({
			/** Days waiting on the customer (pending, or resolved awaiting confirmation) before closing. */
			afterDays: z.number().int().positive(),
			/** Days before closing at which the customer is reminded. */
			reminderDaysBefore: z.number().int().min(0),
		})
		.refine((r) => r.reminderDaysBefore < r.afterDays, {
			message: 'the reminder must come before the auto-close',
			path: ['reminderDaysBefore'],
		})
		.optional(),
	/** Where a ticket goes each time its escalation deadline passes, in order. */
	escalationChain: z.array(escalationStep).default([]),
});

export const commitments = z.strictObject({
	/** Share of tickets, in percent, whose first response meets its target. */
	firstResponseOnTime: z.number().min(0).max(100),
	/** Share of escalations and customer updates, in percent, made within their target. */
	escalationOnTime: z.number().min(0).max(100),
});

export const versionPolicy = z.strictObject({
	/** Majors supported at once: 2 means the current major and the one before it. */
	supportedMajors: z.number().int().positive(),
	/** Minimum months between announcing an end of life and that end. */
	eolNoticeMonths: z.number().int().min(0),
});
export type VersionPolicy = z.infer<typeof versionPolicy>;

/** A public place where users help each other: what the portal links to instead of (or besides) tickets. */
export const communityChannel = z.strictObject({
	kind: z.enum(['forum', 'mailing-list', 'chat', 'tracker', 'wiki']),
	name: localizedText,
	url: z.url({ protocol: /^https?$/, message: 'expected an http(s) address' }),
	description: localizedText.optional(),
	/** How soon an answer usually comes there, in plain words ("hours or days, not guaranteed"). */
	expectedResponse: localizedText.optional(),
});

export const community = z.strictObject({
	/** What to expect there, in plain words (best effort, no guarantees). */
	expectations: localizedText,
	channels: z.array(communityChannel).min(1),
});

export const PARTNER_OFFERS = ['sla', '24x7', 'tickets', 'phone', 'portal', 'onsite', 'training'] as const;

/** A company of the ecosystem that sells support: the partner directory. */
export const partner = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/),
	name: z.string().min(1),
	url: z.url({ protocol: /^https?$/, message: 'expected an http(s) address' }),
	description: localizedText,
	/** Countries or regions served, in plain words. */
	regions: z.array(localizedText).default([]),
	offers: z.array(z.enum(PARTNER_OFFERS)).min(1),
	/** Languages the partner supports in. */
	languages: z.array(localizedText).default([]),
	/** When the partner's support desk is open, in plain words ("Mon to Fri, 8:00 to 18:00", "24/7"). */
	hours: localizedText.optional(),
	/** The partner's tier in the vendor's programme, in plain words ("Gold"). */
	level: localizedText.optional(),
});

/** A certification users can take on their own. */
export const certification = z.strictObject({
	name: localizedText,
	description: localizedText,
	/** `free`, or a price in plain words. */
	price: z.union([z.literal('free'), localizedText]),
	format: localizedText,
	topics: z.array(localizedText).default([]),
	/** How the exam works, one fact a line (questions, duration, pass mark, retakes). */
	exam: z.array(localizedText).default([]),
	url: z.url({ protocol: /^https?$/, message: 'expected an http(s) address' }).optional(),
});

export const programme = z
	.strictObject({
		id: z.string().regex(/^[a-z0-9-]+$/),
		name: localizedText,
		description: localizedText.optional(),
		/** Time zone in which monthly quotas are counted. */
		timezone: timeZone,
		/**
		 * Whether customers open tickets here at all. `false` (a community-supported project): no page
		 * offers a ticket, the database refuses one, and the programme has no severities or plans; help
		 * comes from `community` and `partners`.
		 */
		customerTickets: z.boolean().default(true),
		severities: z.array(severity).default([]),
		/** Severity preselected for a new ticket. */
		defaultSeverity: z.string().optional(),
		calendars: z.array(calendar).default([]),
		plans: z.array(plan).default([]),
		rules: rules.default({ escalationChain: [] }),
		/** What the programme commits to over all tickets; required when a plan promises times. */
		commitments: commitments.optional(),
		versionPolicy,
		community: community.optional(),
		partners: z.array(partner).default([]),
		certification: certification.optional(),
	})
	.superRefine((p, ctx) => {
		if (!p.customerTickets) {
			for (const field of ['severities', 'plans'] as const) {
				if (p[field].length) ctx.addIssue({ code: 'custom', path: [field], message: `a programme without customer tickets (customerTickets: false) has no ${field}` });
			}
			if (!p.community && !p.partners.length) {
				ctx.addIssue({ code: 'custom', path: ['community'], message: 'a programme without customer tickets must say where help comes from: community channels or partners' });
			}
			return;
		}
		for (const [field, what] of [['severities', 'a severity'], ['calendars', 'a calendar'], ['plans', 'a plan']] as const) {
			if (!p[field].length) ctx.addIssue({ code: 'custom', path: [field], message: `a programme with customer tickets needs at least ${what} (or customerTickets: false)` });
		}
		if (!p.rules.escalationChain.length) {
			ctx.addIssue({ code: 'custom', path: ['rules', 'escalationChain'], message: 'a programme with customer tickets needs an escalation chain of at least one step' });
		}
		if (p.defaultSeverity === undefined) ctx.addIssue({ code: 'custom', path: ['defaultSeverity'], message: 'the severity preselected for a new ticket is required' });
		if (!p.commitments && p.plans.some((pl) => pl.targets !== 'best-effort')) {
			ctx.addIssue({ code: 'custom', path: ['commitments'], message: 'a plan promises times, so the programme states its commitments (firstResponseOnTime, escalationOnTime)' });
		}
		const keys = p.severities.map((s) => s.key);
		const dup = (list: string[]) => list.find((v, i) => list.indexOf(v) !== i);
		for (const [what, list, path] of [
			['severity key', keys, 'severities'],
			['calendar id', p.calendars.map((c) => c.id), 'calendars'],
			['plan id', p.plans.map((x) => x.id), 'plans'],
			['escalation step', p.rules.escalationChain.map((s) => s.key), 'rules'],
		] as const) {
			const d = dup([...list]);
			if (d) ctx.addIssue({ code: 'custom', path: [path], message: `${what} "${d}" is used twice` });
		}
		if (p.defaultSeverity !== undefined && !keys.includes(p.defaultSeverity)) {
			ctx.addIssue({ code: 'custom', path: ['defaultSeverity'], message: `"${p.defaultSeverity}" is not a severity key (${keys.join(', ')})` });
		}
		const calendarIds = p.calendars.map((c) => c.id);
		p.plans.forEach((pl, i) => {
			if (!calendarIds.includes(pl.calendar)) {
				ctx.addIssue({ code: 'custom', path: ['plans', i, 'calendar'], message: `calendar "${pl.calendar}" is not defined (${calendarIds.join(', ')})` });
			}
			if (pl.targets === 'best-effort') return;
			for (const key of keys) {
				if (!pl.targets[key]) ctx.addIssue({ code: 'custom', path: ['plans', i, 'targets'], message: `no target for severity "${key}" (give every severity a target, or write targets: best-effort)` });
			}
			for (const key of Object.keys(pl.targets)) {
				if (!keys.includes(key)) ctx.addIssue({ code: 'custom', path: ['plans', i, 'targets', key], message: `"${key}" is not a severity key (${keys.join(', ')})` });
			}
		});
	});

export type Programme = z.infer<typeof programme>;
export type ProgrammeInput = z.input<typeof programme>;

/** Which programme is active, from content/support/config.yaml. */
export const supportConfig = z.strictObject({
	active: z.string().regex(/^[a-z0-9-]+$/),
});

/** Formats zod issues as "path: message" lines, for build errors and CLI output. */
export function formatIssues(error: z.ZodError): string[] {
	return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
