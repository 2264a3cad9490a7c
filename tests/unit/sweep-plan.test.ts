// The SLA sweep's decisions for one ticket (supabase/functions/_shared/sweep-plan.ts), on the real
// programme: office hours in Mexico City (Mon–Fri 09:00–18:00, UTC-6 all year).
import { describe, expect, it } from 'vitest';
import { planSweep, type SweepRules, type SweepTicket } from '#shared/sweep-plan.ts';
import { slaRulesOf } from '#shared/sla-programme.ts';
import type { SlaEvent } from '#shared/sla.ts';
import { loadProgramme } from '../../src/lib/support-data.ts';

const rules: SweepRules = { ...slaRulesOf(loadProgramme('estandar-extendido')), autoClose: { afterDays: 10, reminderDaysBefore: 3 }, maxLevel: 2 };
const z = (s: string) => new Date(s);

const ticket = (extra: Partial<SweepTicket> = {}): SweepTicket => ({
	id: '11111111-1111-4111-8111-111111111111',
	number: 1001,
	subject: 'La firma falla',
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
// Created Monday 2026-11-23 10:00 local (16:00Z), P1: first response and escalation 240 business min.
const created: SlaEvent = { kind: 'created', at: '2026-11-23T16:00:00Z', actor_kind: 'customer', data: { status: 'new', severity: 'P1', plan: 'estandar', level: 1 } };

describe('planSweep', () => {
	it('before any deadline: writes the due times and checks again at the first one', () => {
		const plan = planSweep(ticket(), [created], rules, z('2026-11-23T17:00:00Z'));
		// 10:00 + 4 business hours = 14:00 local = 20:00Z
		expect(plan.first_response_due_at).toBe('2026-11-23T20:00:00.000Z');
		expect(plan.next_escalation_due_at).toBe('2026-11-23T20:00:00.000Z');
		expect(plan.sla_next_check_at).toBe('2026-11-23T20:00:00.000Z');
		expect(plan.notifications).toEqual([]);
		expect(plan.level).toBe(1);
	});

	it('after the deadlines: stamps the first-response breach with the deadline and escalates once', () => {
		// Tuesday 12:00 local. Escalation deadlines every 4 business hours from Monday 10:00: Monday 14:00,
		// Monday 18:00 (14:00–18:00 is exactly 4 h, and an amount ending at a closing ends there), then
		// Tuesday 13:00 — not yet. One escalation, stamped with the latest passed: Monday 18:00 = 24T00:00Z.
		const plan = planSweep(ticket(), [created], rules, z('2026-11-24T18:00:00Z'));
		expect(plan.first_response_breached_at).toBe('2026-11-23T20:00:00.000Z');
		expect(plan.escalation_breached_at).toBe('2026-11-24T00:00:00.000Z');
		expect(plan.level).toBe(2);
		expect(plan.notifications).toEqual([
			{
				template: 'ticket_escalated',
				to: 'leads',
				payload: { ticket: ticket().id, number: 1001, subject: 'La firma falla', level: 2, target: 'escalation', deadline: '2026-11-24T00:00:00.000Z', timezone: 'America/Mexico_City' },
				dedupe_key: `escalated:${ticket().id}:2026-11-24T00:00:00.000Z`,
			},
		]);
		// The raise restarts the count at the sweep's instant: Tuesday 12:00 + 4 h = 16:00 local = 22:00Z.
		expect(plan.next_escalation_due_at).toBe('2026-11-24T22:00:00.000Z');
		expect(plan.sla_next_check_at).toBe('2026-11-24T22:00:00.000Z');
	});

	it('does nothing twice: a ticket whose stamps already say so gets no new notification', () => {
		const plan = planSweep(
			ticket({ level: 2, first_response_breached_at: '2026-11-23T20:00:00Z', escalation_breached_at: '2026-11-24T00:00:00Z' }),
			[created, { kind: 'level_changed', at: '2026-11-24T18:00:00Z', actor_kind: 'system', data: { from: 1, to: 2 } }],
			rules,
			z('2026-11-24T18:00:30Z'),
		);
		expect(plan.notifications).toEqual([]);
		expect(plan.first_response_breached_at).toBe('2026-11-23T20:00:00.000Z');
		expect(plan.level).toBe(2);
	});

	it('reminds 3 days before auto-closing a ticket waiting on the customer, once, then closes it at 10 days', () => {
		const waiting = ticket({ status: 'resolved', paused_since: '2026-11-01T12:00:00Z' });
		const events: SlaEvent[] = [created, { kind: 'status_changed', at: '2026-11-01T12:00:00Z', actor_kind: 'staff', data: { from: 'new', to: 'resolved' } }];
		const early = { ...created, at: '2026-11-01T11:00:00Z' };
		const at6 = planSweep(waiting, [early, events[1]], rules, z('2026-11-07T12:00:00Z'));
		expect(at6.notifications).toEqual([]);
		expect(at6.sla_next_check_at).toBe('2026-11-08T12:00:00.000Z');
		const at7 = planSweep(waiting, [early, events[1]], rules, z('2026-11-08T12:00:00Z'));
		expect(at7.notifications.map((n) => [n.template, n.to, n.payload.days, n.payload.closes_at])).toEqual([['auto_close_reminder', 'requester', 3, '2026-11-11T12:00:00.000Z']]);
		expect(at7.auto_close_reminded_at).toBe('2026-11-08T12:00:00.000Z');
		expect(at7.sla_next_check_at).toBe('2026-11-11T12:00:00.000Z');
		const again = planSweep({ ...waiting, auto_close_reminded_at: at7.auto_close_reminded_at }, [early, events[1]], rules, z('2026-11-09T12:00:00Z'));
		expect(again.notifications).toEqual([]);
		const at10 = planSweep({ ...waiting, auto_close_reminded_at: at7.auto_close_reminded_at }, [early, events[1]], rules, z('2026-11-11T12:00:00Z'));
		expect(at10.close).toBe(true);
		expect(at10.notifications.map((n) => [n.template, n.payload.days])).toEqual([['ticket_auto_closed', 10]]);
		expect(at10.sla_next_check_at).toBeNull();
	});

	it('reminds the assignee when a customer update is overdue, with the deadline', () => {
		// First response by staff Monday 11:00 local (17:00Z); P1 updates every 120 business min → 13:00
		// local (19:00Z).
		const events: SlaEvent[] = [
			created,
			{ kind: 'message_added', at: '2026-11-23T17:00:00Z', actor_kind: 'staff', visibility: 'public', data: { visibility: 'public' } },
			{ kind: 'status_changed', at: '2026-11-23T17:00:00Z', actor_kind: 'staff', data: { from: 'new', to: 'open' } },
		];
		const plan = planSweep(ticket({ status: 'open' }), events, rules, z('2026-11-23T19:30:00Z'));
		expect(plan.update_breached_at).toBe('2026-11-23T19:00:00.000Z');
		expect(plan.notifications.map((n) => [n.template, n.to, n.payload.due])).toEqual([['customer_update_due', 'assignee', '2026-11-23T19:00:00.000Z']]);
	});
});
