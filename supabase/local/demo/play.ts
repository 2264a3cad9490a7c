// Plays one story into the database: opens the ticket with the due times the tickets function would
// have computed (the real engine, from the opening instant), performs each step at its instant, and
// between steps runs the sweep wherever the cron would have. Steps that would fall after the load are
// not played (the story is cut there: the ticket stands where it is).
import { evaluateSla } from '#shared/sla.ts';
import type { SweepRules } from '#shared/sweep-plan.ts';
import { ORGS, STAFF } from './cast.ts';
import { HOUR, localOpening, MINUTE, seconds } from './clock.ts';
import type { Customer, Staff, Story } from './story.ts';
import { sweepUntil } from './sweep.ts';
import { acting, addMessage, openTicket, setField, setStatus, type Db } from './ticket-writes.ts';

export interface PlayContext {
	now: number;
	/** Programme id → the sweep's rules over the programme the database holds. */
	rules: Map<string, SweepRules>;
	/** Organisation id → its plan and time zone. */
	orgs: Map<string, { plan: string; timezone: string; programme: string }>;
	/** Problem key → id. */
	problems: Map<string, string>;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function personOf(story: Story, who: Customer | Staff): string {
	const org = ORGS[story.org];
	switch (who) {
		case 'coordinator':
			return org.coordinator;
		case 'contact':
			return org.contact;
		case 'member':
			return org.member;
		default:
			return STAFF[who];
	}
}

export function openingOf(story: Story, now: number, timezone: string): number {
	return 'hoursAgo' in story.opened ? now - story.opened.hoursAgo * HOUR : localOpening(now, story.opened.daysAgo, story.opened.at, timezone);
}

/** Plays `story`; answers the ticket's id and its number, or null when the demo already has it. */
export async function play(db: Db, story: Story, ctx: PlayContext): Promise<{ id: string; number: number; steps: number } | null> {
	const key = `demo-${story.key}`;
	const org = ctx.orgs.get(ORGS[story.org].id);
	if (!org) throw new Error(`demo: organisation ${story.org} is missing (was supabase/demo.sql applied?)`);
	const rules = ctx.rules.get(org.programme)!;
	const requester = personOf(story, story.by);
	if ((await db.query(`select 1 from public.tickets where requester_id = $1 and idempotency_key = $2`, [requester, key])).rowCount) return null;

	const opened = openingOf(story, ctx.now, org.timezone);
	const sla = evaluateSla({
		...rules,
		now: new Date(opened),
		events: [{ kind: 'created', at: new Date(opened), actor_kind: 'customer', data: { status: 'new', severity: story.severity, plan: org.plan, level: 1 } }],
	});
	const ticket = await openTicket(
		db,
		{
			organisation: ORGS[story.org].id,
			requester,
			severity: story.severity,
			subject: story.subject,
			description: story.description,
			impact: story.impact ?? null,
			environment: story.environment ?? 'production',
			product: story.product?.[0] ?? null,
			version: story.product?.[1] ?? null,
			channel: story.channel ?? 'web',
			sourceArticle: story.sourceArticle ?? null,
			idempotencyKey: key,
			dues: {
				first_response_due_at: iso(sla.firstResponse.due),
				next_update_due_at: iso(sla.nextUpdate.due),
				next_escalation_due_at: iso(sla.nextEscalation.due),
				resolution_due_at: iso(sla.resolution.due),
			},
		},
		opened,
	);

	let last = opened;
	let played = 0;
	for (const [i, step] of story.steps.entries()) {
		// People do not act on the second: a few seconds past the hour the story gives.
		const at = Math.max(last + 1000, opened + step.at * HOUR + seconds(`${story.key}:${i}`) * 1000);
		if (at > ctx.now - MINUTE) break;
		await sweepUntil(db, ticket.id, last, at, rules);
		const status = (await db.query<{ status: string }>(`select status from public.tickets where id = $1`, [ticket.id])).rows[0].status;
		// A closed ticket takes nothing more (the sweep may have closed it while it waited on the customer).
		if (status === 'closed') break;
		if ((step.do === 'confirm' || step.do === 'reopen') && status !== 'resolved') {
			throw new Error(`demo: story ${story.key} step ${i} (${step.do}) needs a resolved ticket, not ${status}`);
		}
		const who = personOf(story, step.by);
		const staff = step.by === 'agent' || step.by === 'specialist' || step.by === 'lead';
		await acting(db, who, at);
		switch (step.do) {
			case 'reply':
				await addMessage(db, ticket.id, who, staff, step.body, false, at);
				break;
			case 'note':
				await addMessage(db, ticket.id, who, true, step.body, true, at);
				break;
			case 'ask':
				await addMessage(db, ticket.id, who, true, step.body, false, at, 'request_info');
				await setStatus(db, ticket.id, 'pending_customer', at);
				break;
			case 'resolve':
				await addMessage(db, ticket.id, who, true, step.body, false, at, 'resolve');
				await setStatus(db, ticket.id, 'resolved', at);
				break;
			case 'reopen':
				await addMessage(db, ticket.id, who, false, step.body, false, at);
				break;
			case 'confirm':
				await setStatus(db, ticket.id, 'closed', at, 'confirmed_by_customer');
				break;
			case 'close':
				await setStatus(db, ticket.id, 'closed', at, 'staff');
				break;
			case 'assign':
				await setField(db, ticket.id, 'assignee_id', STAFF[step.to]);
				break;
			case 'level':
				await setField(db, ticket.id, 'level', step.to);
				break;
			case 'severity':
				await setField(db, ticket.id, 'severity_key', step.to);
				break;
			case 'problem': {
				const problem = ctx.problems.get(step.problem);
				if (!problem) throw new Error(`demo: story ${story.key} links unknown problem ${step.problem}`);
				await setField(db, ticket.id, 'problem_id', problem);
				break;
			}
		}
		last = at;
		played++;
	}
	await sweepUntil(db, ticket.id, last, ctx.now, rules);
	return { ...ticket, steps: played };
}
