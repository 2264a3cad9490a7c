// Issue 14's acceptance, the engine's half: what each seed programme promises in time, driven through
// the SLA engine (sla.ts) and the sweep's decisions (sweep-plan.ts) on the real programme files, the
// same way the tickets function computes a new ticket's due times (open-ticket.ts: a log of one
// `created` event, evaluated at the opening instant) and the sla-sweep function plans (sweepRulesOf).
// The database's half (who may open, quota, included months, contacts, attainment) is
// tests/db/programmes-acceptance.test.ts.
import { describe, expect, it } from 'vitest';
import { evaluateSla, type SlaEvent } from '#shared/sla.ts';
import { slaRulesOf, sweepRulesOf } from '#shared/sla-programme.ts';
import { planSweep, type SweepTicket } from '#shared/sweep-plan.ts';
import { loadProgramme } from '../../src/lib/support-data.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The due times the tickets function writes for a ticket opened at `at` (open-ticket.ts). */
function dueAtOpening(programmeId: string, plan: string, severity: string, at: Date) {
	const sla = evaluateSla({ ...slaRulesOf(loadProgramme(programmeId)), now: at, events: [created(plan, severity, at)] });
	return {
		firstResponse: sla.firstResponse.due?.toISOString() ?? null,
		nextUpdate: sla.nextUpdate.due?.toISOString() ?? null,
		nextEscalation: sla.nextEscalation.due?.toISOString() ?? null,
		resolution: sla.resolution.due?.toISOString() ?? null,
	};
}

function created(plan: string, severity: string, at: Date): SlaEvent {
	return { id: 1, kind: 'created', at, actor_kind: 'customer', data: { status: 'new', severity, plan, level: 1 } };
}

const ticket = (extra: Partial<SweepTicket> = {}): SweepTicket => ({
	id: '22222222-2222-4222-8222-222222222222',
	number: 2002,
	subject: 'Nadie puede registrar ventas',
	status: 'new',
	level: 1,
	timezone: 'America/Mexico_City',
	paused_since: null,
	first_response_breached_at: null,
	update_breached_at: null,
	escalation_breached_at: null,
	resolution_breached_at: null,
	auto_close_reminded_at: null,
	...extra,
});

describe('001 implementacion: Preferential answers Monday to Sunday, 08:00–18:00 Bogotá', () => {
	// Sunday 2026-12-13, 09:00 in Bogotá (UTC-05:00 all year) is 14:00Z.
	const sunday0900 = new Date('2026-12-13T09:00:00-05:00');

	it('a ticket opened on Sunday at 09:00 is due the same Sunday', () => {
		expect(sunday0900.getUTCDay()).toBe(0);
		// alta 3 h → 12:00; media 4 h 30 → 13:30; baja 6 h → 15:00, all on Sunday in Bogotá.
		expect(dueAtOpening('implementacion', 'preferencial', 'alta', sunday0900).firstResponse).toBe(new Date('2026-12-13T12:00:00-05:00').toISOString());
		expect(dueAtOpening('implementacion', 'preferencial', 'media', sunday0900).firstResponse).toBe(new Date('2026-12-13T13:30:00-05:00').toISOString());
		expect(dueAtOpening('implementacion', 'preferencial', 'baja', sunday0900).firstResponse).toBe(new Date('2026-12-13T15:00:00-05:00').toISOString());
		// Accompaniment keeps the same days: alta 1 h → Sunday 10:00.
		expect(dueAtOpening('implementacion', 'acompanamiento', 'alta', sunday0900).firstResponse).toBe(new Date('2026-12-13T10:00:00-05:00').toISOString());
	});

	it('a Sunday ticket past 18:00 waits for Monday 08:00, and the Monthly plan does not count Sunday at all', () => {
		// Preferential alta at Sunday 17:00: 1 h on Sunday, 2 h from Monday 08:00 → 10:00.
		expect(dueAtOpening('implementacion', 'preferencial', 'alta', new Date('2026-12-13T17:00:00-05:00')).firstResponse).toBe(
			new Date('2026-12-14T10:00:00-05:00').toISOString(),
		);
		// Monthly (Monday to Friday) alta 24 business hours from Sunday 09:00: Mon, Tue 10 h each, Wed 08:00 + 4 h → 12:00.
		expect(dueAtOpening('implementacion', 'mensual', 'alta', sunday0900).firstResponse).toBe(new Date('2026-12-16T12:00:00-05:00').toISOString());
	});

	it('closes a ticket left waiting on the customer for 10 days, with a reminder 3 days before', () => {
		const rules = sweepRulesOf(loadProgramme('implementacion'));
		expect(rules.autoClose).toEqual({ afterDays: 10, reminderDaysBefore: 3 });
		const since = new Date('2026-12-01T15:00:00Z');
		const waiting = ticket({ status: 'pending_customer', paused_since: since.toISOString(), timezone: 'America/Bogota', programme_id: 'implementacion' });
		const events: SlaEvent[] = [
			created('preferencial', 'media', new Date(since.getTime() - HOUR)),
			{ id: 2, kind: 'message_added', at: since, actor_kind: 'staff', visibility: 'public', data: { visibility: 'public' } },
			{ id: 3, kind: 'status_changed', at: since, actor_kind: 'staff', data: { to: 'pending_customer' } },
		];
		const reminder = planSweep(waiting, events, rules, new Date(since.getTime() + 7 * 24 * HOUR));
		// Each mail names the programme, whose terms page it links.
		expect(reminder.notifications.map((n) => [n.template, n.payload.days, n.payload.programme])).toEqual([['auto_close_reminder', 3, 'implementacion']]);
		const closing = planSweep(waiting, events, rules, new Date(since.getTime() + 10 * 24 * HOUR));
		expect(closing.close).toBe(true);
		expect(closing.notifications.map((n) => [n.template, n.payload.days, n.payload.programme])).toEqual([['ticket_auto_closed', 10, 'implementacion']]);
	});
});

describe('002 soporte-nativo: Critical 30 min, update every 2 h, escalation every 4 h, around the clock', () => {
	const rules = sweepRulesOf(loadProgramme('soporte-nativo'));
	// Saturday 2026-12-12 at 23:00 in Mexico City (UTC-06:00) = Sunday 05:00Z: no office hours apply.
	const opened = new Date('2026-12-13T05:00:00Z');
	const at = (minutes: number) => new Date(opened.getTime() + minutes * MINUTE);
	const log: SlaEvent[] = [created('nativo', 'critico', opened)];

	it('a Critical ticket is due 30 minutes after it opens, on a Saturday night', () => {
		expect(dueAtOpening('soporte-nativo', 'nativo', 'critico', opened)).toEqual({
			firstResponse: at(30).toISOString(),
			nextUpdate: null,
			nextEscalation: at(240).toISOString(),
			resolution: null,
		});
		// High 2 h and Normal 4 h, also by the clock.
		expect(dueAtOpening('soporte-nativo', 'nativo', 'alto', opened).firstResponse).toBe(at(120).toISOString());
		expect(dueAtOpening('soporte-nativo', 'nativo', 'normal', opened).firstResponse).toBe(at(240).toISOString());
	});

	it('the sweep stamps the missed first response with its deadline', () => {
		const plan = planSweep(ticket(), log, rules, at(31));
		expect(plan.first_response_breached_at).toBe(at(30).toISOString());
		expect(plan.acted.breaches).toEqual(['first_response']);
		expect(plan.sla_next_check_at).toBe(at(240).toISOString());
	});

	it('after the first response the customer is owed an update every 2 hours: the sweep reminds the assignee at 2 h', () => {
		const answered: SlaEvent[] = [...log, { id: 2, kind: 'message_added', at: at(20), actor_kind: 'staff', visibility: 'public', data: { visibility: 'public' } }];
		const before = planSweep(ticket({ status: 'open' }), [...answered, { id: 3, kind: 'status_changed', at: at(20), actor_kind: 'staff', data: { to: 'open' } }], rules, at(60));
		expect(before.next_update_due_at).toBe(at(20 + 120).toISOString());
		expect(before.notifications).toEqual([]);
		const after = planSweep(ticket({ status: 'open' }), [...answered, { id: 3, kind: 'status_changed', at: at(20), actor_kind: 'staff', data: { to: 'open' } }], rules, at(20 + 121));
		expect(after.notifications.map((n) => [n.template, n.to, n.payload.due])).toEqual([['customer_update_due', 'assignee', at(140).toISOString()]]);
		expect(after.update_breached_at).toBe(at(140).toISOString());
	});

	it('escalates to the next level when 4 hours pass at the level, and again 4 hours after the raise', () => {
		const early = planSweep(ticket(), log, rules, at(239));
		expect(early.acted.escalations).toBe(0);
		const plan = planSweep(ticket({ first_response_breached_at: at(30).toISOString() }), log, rules, at(240));
		expect(plan.level).toBe(2);
		expect(plan.notifications).toEqual([expect.objectContaining({ template: 'ticket_escalated', to: 'leads', payload: expect.objectContaining({ level: 2, deadline: at(240).toISOString() }) })]);
		// The raise restarts the count at the sweep's instant.
		expect(plan.next_escalation_due_at).toBe(at(480).toISOString());
	});

	it('promises no automatic close: a ticket waiting on the customer for months stays open', () => {
		expect(rules.autoClose).toBeNull();
		const since = at(60);
		const events: SlaEvent[] = [
			...log,
			{ id: 2, kind: 'message_added', at: since, actor_kind: 'staff', visibility: 'public', data: { visibility: 'public' } },
			{ id: 3, kind: 'status_changed', at: since, actor_kind: 'staff', data: { to: 'pending_customer' } },
		];
		const plan = planSweep(ticket({ status: 'pending_customer', paused_since: since.toISOString() }), events, rules, at(90 * 24 * 60));
		expect(plan.close).toBe(false);
		expect(plan.notifications.filter((n) => n.template === 'auto_close_reminder' || n.template === 'ticket_auto_closed')).toEqual([]);
	});
});

describe('003 membresia: best effort, no time promised', () => {
	const rules = sweepRulesOf(loadProgramme('membresia'));
	const opened = new Date('2026-12-07T09:30:00+01:00');
	const at = (days: number) => new Date(opened.getTime() + days * 24 * HOUR);

	it('a ticket of any severity opens with no due time at all', () => {
		for (const severity of ['alta', 'media', 'baja']) {
			expect(dueAtOpening('membresia', 'mantenimiento', severity, opened)).toEqual({ firstResponse: null, nextUpdate: null, nextEscalation: null, resolution: null });
		}
	});

	it('the sweep plans no breach, reminder, escalation or next check for it, however long it waits', () => {
		const plan = planSweep(ticket({ timezone: 'Europe/Madrid' }), [created('mantenimiento', 'alta', opened)], rules, at(60));
		expect(plan).toMatchObject({
			first_response_due_at: null,
			next_update_due_at: null,
			next_escalation_due_at: null,
			resolution_due_at: null,
			first_response_breached_at: null,
			update_breached_at: null,
			escalation_breached_at: null,
			level: 1,
			sla_next_check_at: null,
			notifications: [],
		});
		expect(plan.acted).toEqual({ breaches: [], escalations: 0, updateReminder: false, autoCloseReminder: false, closed: false });
	});

	it('after an answer there is still no update cadence, and a ticket waiting on the customer never closes by itself', () => {
		const events: SlaEvent[] = [
			created('mantenimiento', 'media', opened),
			{ id: 2, kind: 'message_added', at: at(1), actor_kind: 'staff', visibility: 'public', data: { visibility: 'public' } },
			{ id: 3, kind: 'status_changed', at: at(1), actor_kind: 'staff', data: { to: 'pending_customer' } },
		];
		const plan = planSweep(ticket({ status: 'pending_customer', paused_since: at(1).toISOString(), timezone: 'Europe/Madrid' }), events, rules, at(365));
		expect(rules.autoClose).toBeNull();
		expect(plan.close).toBe(false);
		expect(plan.notifications).toEqual([]);
		expect(plan.sla_next_check_at).toBeNull();
	});
});

describe('004 estandar-extendido: business hours with Mexico City holidays on Standard, 24×7 on Extended', () => {
	// Friday 2027-03-12 at 17:00 in Mexico City (UTC-06:00, no summer time), before Monday 2027-03-15,
	// Natalicio de Benito Juárez, a holiday of the oficina-cdmx calendar.
	const friday1700 = new Date('2027-03-12T17:00:00-06:00');

	it('is the calendar this test assumes', () => {
		const programme = loadProgramme('estandar-extendido');
		const office = programme.calendars.find((c) => c.id === 'oficina-cdmx')!;
		expect(office.holidays?.map((h) => h.date)).toContain('2027-03-15');
		expect(friday1700.getUTCDay()).toBe(5);
	});

	it('a P1 opened on Friday at 17:00 on Standard is due after the Monday holiday: Tuesday 12:00', () => {
		// 1 h on Friday (17:00–18:00), the weekend and the holiday Monday count nothing, 3 h from Tuesday 09:00.
		expect(dueAtOpening('estandar-extendido', 'estandar', 'P1', friday1700).firstResponse).toBe(new Date('2027-03-16T12:00:00-06:00').toISOString());
	});

	it('the same P1 on Extended counts around the clock: due Friday at 21:00', () => {
		expect(dueAtOpening('estandar-extendido', 'extendido', 'P1', friday1700).firstResponse).toBe(new Date('2027-03-12T21:00:00-06:00').toISOString());
		// and on the holiday itself, 4 hours of the clock too
		expect(dueAtOpening('estandar-extendido', 'extendido', 'P1', new Date('2027-03-15T10:00:00-06:00')).firstResponse).toBe(
			new Date('2027-03-15T14:00:00-06:00').toISOString(),
		);
	});

	it('P2, P3 and P4 are 8, 24 and 42 business hours on Standard', () => {
		// From Tuesday 2027-03-16 09:00: 8 h → 17:00 the same day; 24 h → Thursday 15:00 (9 + 9 + 6); 42 h → Monday 03-22 15:00.
		const tuesday = new Date('2027-03-16T09:00:00-06:00');
		expect(dueAtOpening('estandar-extendido', 'estandar', 'P2', tuesday).firstResponse).toBe(new Date('2027-03-16T17:00:00-06:00').toISOString());
		expect(dueAtOpening('estandar-extendido', 'estandar', 'P3', tuesday).firstResponse).toBe(new Date('2027-03-18T15:00:00-06:00').toISOString());
		expect(dueAtOpening('estandar-extendido', 'estandar', 'P4', tuesday).firstResponse).toBe(new Date('2027-03-22T15:00:00-06:00').toISOString());
	});
});
