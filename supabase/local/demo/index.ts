// The demo that shows the product, for local work only: on top of supabase/demo.sql's organisations and
// people, six months of history counted back from the moment it is loaded — tickets in every status
// with their conversations, internal notes, problems and the SLA stamps the real engine and sweep
// would have left (breaches included), comments and votes on real articles, downloads with several
// versions of real files, and an active alert. The local stack loads it once, on a fresh database,
// after the seed (stack.ts); `loadDemo` is idempotent, so loading it again adds nothing.
//
// Everything is written in one transaction as the database owner, through the project's own triggers
// (see ticket-writes.ts for how they are dated). The mails those triggers queue for the history are
// dropped at the end: they would have been sent months ago.
import pg from 'pg';
import { programmeFromDocument } from '#shared/programme-document.ts';
import { sweepRulesOf } from '#shared/sla-programme.ts';
import type { SweepRules } from '#shared/sweep-plan.ts';
import { ORGS } from './cast.ts';
import { loadAlert } from './alert.ts';
import { loadDownloads } from './downloads.ts';
import { loadFeedback } from './feedback.ts';
import { openingOf, play } from './play.ts';
import { loadProblems } from './problems.ts';
import { PROBLEMS, STORIES } from './stories/index.ts';
import { actingDone } from './ticket-writes.ts';

export interface DemoSummary {
	tickets: number;
	problems: number;
	comments: number;
	votes: number;
	downloadVersions: number;
	alerts: number;
}

/** Whether the demo's organisations are there (supabase/demo.sql was applied): without them there is nothing to load onto. */
export async function demoOrganisationsPresent(db: pg.ClientBase): Promise<boolean> {
	const ids = Object.values(ORGS).map((o) => o.id);
	const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from public.organisations where id = any ($1::uuid[])`, [ids]);
	return rows[0].n === ids.length;
}

export async function loadDemo(db: pg.ClientBase, opts: { storageDir: string; now?: Date }): Promise<DemoSummary> {
	const now = (opts.now ?? new Date()).getTime();
	await db.query('begin');
	try {
		// Two loads at once (two stacks on one database) take turns; the second finds everything there.
		await db.query(`select pg_advisory_xact_lock(hashtext('mostrador-demo'))`);
		const { rows: docs } = await db.query<{ id: string; document: unknown }>(`select id, document from public.programmes`);
		const rules = new Map<string, SweepRules>(docs.map((d) => [d.id, sweepRulesOf(programmeFromDocument(d.id, d.document))]));
		const { rows: orgRows } = await db.query<{ id: string; plan_id: string; timezone: string; programme_id: string }>(
			`select id, plan_id, timezone, programme_id from public.organisations where id = any ($1::uuid[])`,
			[Object.values(ORGS).map((o) => o.id)],
		);
		const orgs = new Map(orgRows.map((o) => [o.id, { plan: o.plan_id, timezone: o.timezone, programme: o.programme_id }]));
		const problemIds = await loadProblems(db, PROBLEMS, now);
		// In the order they were opened, so ticket numbers grow with time as they would have.
		const opened = (story: (typeof STORIES)[number]) => openingOf(story, now, orgs.get(ORGS[story.org].id)?.timezone ?? 'UTC');
		const stories = [...STORIES].sort((a, b) => opened(a) - opened(b));
		let tickets = 0;
		for (const story of stories) if (await play(db, story, { now, rules, orgs, problems: problemIds })) tickets++;
		await actingDone(db);
		const feedback = await loadFeedback(db, now);
		const downloads = await loadDownloads(db, opts.storageDir, now);
		const alerts = await loadAlert(db, now);
		// The history's mails (receipts, replies, closes) were queued by the triggers in this transaction,
		// and nothing else's were: its rows carry this transaction's now().
		await db.query(`delete from public.notifications where created_at = now()`);
		await db.query('commit');
		return { tickets, problems: problemIds.size, comments: feedback.comments, votes: feedback.votes, downloadVersions: downloads.versions, alerts };
	} catch (e) {
		await db.query('rollback').catch(() => {});
		throw e;
	}
}

/** Whether `npm run stack` / `npm run dev` load the demo on a fresh database: yes unless MOSTRADOR_DEMO=off. */
export function demoWanted(env: NodeJS.ProcessEnv = process.env): boolean {
	return !/^(off|0|false|no)$/i.test(env.MOSTRADOR_DEMO ?? '');
}
