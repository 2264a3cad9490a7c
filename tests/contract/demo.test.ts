// The demo history (supabase/local/demo/) on a fresh stack of its own, as `npm run stack` loads it:
// the SLA dashboard's and the monthly report's SQL give real figures with a breach in every programme
// that promises times; the agent queue lists open tickets; every status is there; each download item
// has several versions whose files download with the published sha256 and size; readers' comments and
// an active alert exist; the stamps are what the engine and the sweep say for each ticket's log; and
// loading again adds nothing. Also the choice that tests' stacks start without it. Local only.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { local } from './client.ts';
import { startStackOnFreePorts } from './global-setup.ts';
import { loadConfig, type StackConfig } from '../../supabase/local/config.ts';
import type { Stack } from '../../supabase/local/stack.ts';
import { loadDemo } from '../../supabase/local/demo/index.ts';
import { ACTIVE_ALERT } from '../../supabase/local/demo/alert.ts';
import { ORGS } from '../../supabase/local/demo/cast.ts';
import { programmeFromDocument } from '#shared/programme-document.ts';
import { sweepRulesOf } from '#shared/sla-programme.ts';
import { planSweep } from '#shared/sweep-plan.ts';
import type { SlaEvent } from '#shared/sla.ts';

const PASSWORD = 'mostrador-demo';
const STATUSES = ['new', 'open', 'pending_customer', 'resolved', 'closed'];

/** 'YYYY-MM-01' of `n` months before this one (UTC). */
function monthStart(n: number): string {
	const now = new Date();
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 10);
}

describe.skipIf(!local())('the demo history', () => {
	let dir: string;
	let stack: Stack;
	let config!: StackConfig;
	let db: pg.Client;

	async function signIn(email: string): Promise<SupabaseClient> {
		const client = createClient(config.apiUrl, config.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
		const { error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
		if (error) throw error;
		return client;
	}

	beforeAll(async () => {
		const base = join(process.cwd(), 'tests/.tmp');
		mkdirSync(base, { recursive: true });
		dir = mkdtempSync(join(base, 'demo-'));
		chmodSync(dir, 0o755);
		stack = await startStackOnFreePorts(async ({ port, dbPort }) => {
			config = await loadConfig(process.env, { port, dataDir: join(dir, 'data'), functionTimeoutMs: 10_000 });
			config.dbPort = dbPort;
			config.auth.rateLimit = { signInSignUps: 100_000, tokenVerifications: 100_000, tokenRefresh: 100_000 };
			return config;
		}, { reset: true, demo: true });
		db = new pg.Client({ connectionString: stack.dbUrl });
		await db.connect();
	}, 180_000);

	afterAll(async () => {
		await db?.end();
		await stack?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('has tickets in every status, in every organisation, spread over six months', async () => {
		const { rows } = await db.query<{ status: string; organisation_id: string; oldest_days: number }>(
			`select status, organisation_id, extract(day from now() - min(created_at))::int as oldest_days
			from public.tickets where idempotency_key like 'demo-%' group by status, organisation_id`,
		);
		expect(new Set(rows.map((r) => r.status))).toEqual(new Set(STATUSES));
		expect(new Set(rows.map((r) => r.organisation_id))).toEqual(new Set(Object.values(ORGS).map((o) => o.id)));
		expect(Math.max(...rows.map((r) => r.oldest_days))).toBeGreaterThanOrEqual(150);
		const { rows: threads } = await db.query<{ internal: number; public: number; problems: number }>(
			`select count(*) filter (where m.visibility = 'internal')::int as internal, count(*) filter (where m.visibility = 'public')::int as public,
				(select count(distinct problem_id)::int from public.tickets where problem_id is not null) as problems
			from public.ticket_messages m`,
		);
		expect(threads[0].internal).toBeGreaterThan(5);
		expect(threads[0].public).toBeGreaterThan(60);
		expect(threads[0].problems).toBeGreaterThanOrEqual(4);
	});

	it('gives the SLA dashboard and the monthly report figures, with a breach in every programme that promises times', async () => {
		const lead = await signIn('lider@demo.mostrador.test');
		const { data, error } = await lead.rpc('sla_attainment', { from_month: monthStart(6), to_month: monthStart(0) });
		expect(error).toBeNull();
		const rows = data as { programme_id: string; tickets: number; first_responses_measured: number; first_responses_on_time: number; updates_measured: number; updates_on_time: number; escalations_measured: number; escalations_on_time: number }[];
		const missed = (p: string) =>
			rows.filter((r) => r.programme_id === p).reduce((n, r) => n + (r.first_responses_measured - r.first_responses_on_time) + (r.updates_measured - r.updates_on_time) + (r.escalations_measured - r.escalations_on_time), 0);
		for (const programme of ['estandar-extendido', 'implementacion', 'soporte-nativo']) expect(missed(programme), programme).toBeGreaterThan(0);
		// Best effort promises nothing: its tickets are counted, never measured.
		expect(rows.filter((r) => r.programme_id === 'membresia').reduce((n, r) => n + r.tickets, 0)).toBeGreaterThan(0);
		expect(new Set(rows.map((r) => (r as unknown as { month: string }).month)).size).toBeGreaterThanOrEqual(5);

		const volume = await lead.rpc('ticket_volume', { from_month: monthStart(6), to_month: monthStart(0) });
		expect(volume.error).toBeNull();
		expect((volume.data as unknown[]).length).toBeGreaterThan(5);

		// The coordinator's monthly report reads the same function for their organisation.
		const coordinator = await signIn('contacto.sanpedro@demo.mostrador.test');
		const own = await coordinator.rpc('sla_attainment', { from_month: monthStart(6), to_month: monthStart(0), organisation: ORGS.sanPedro.id });
		expect(own.error).toBeNull();
		expect((own.data as { tickets: number }[]).reduce((n, r) => n + r.tickets, 0)).toBeGreaterThan(5);
	});

	it('lists open tickets in the agent queue', async () => {
		const agent = await signIn('agente@demo.mostrador.test');
		const { data, error } = await agent.from('agent_queue').select('number, status, next_due_at, organisation_name').in('status', ['new', 'open']);
		expect(error).toBeNull();
		expect(data!.length).toBeGreaterThanOrEqual(5);
		expect(data!.some((t) => t.next_due_at !== null)).toBe(true);
	});

	it('keeps the stamps the engine and the sweep give each open ticket from its log', async () => {
		const { rows: docs } = await db.query<{ id: string; document: unknown }>(`select id, document from public.programmes`);
		const rules = new Map(docs.map((d) => [d.id, sweepRulesOf(programmeFromDocument(d.id, d.document))]));
		const { rows: tickets } = await db.query(
			`select t.*, o.timezone from public.tickets t join public.organisations o on o.id = t.organisation_id
			where t.idempotency_key like 'demo-%' and t.status <> 'closed' and not t.sla_dirty`,
		);
		expect(tickets.length).toBeGreaterThan(5);
		const iso = (d: Date | null) => d?.toISOString() ?? null;
		for (const t of tickets) {
			const events = (await db.query<SlaEvent & { at: Date }>(`select id, kind, at, actor_kind, visibility, data from public.ticket_events where ticket_id = $1 order by id`, [t.id])).rows;
			// The log reads in order of time as well as of id.
			for (let i = 1; i < events.length; i++) expect(events[i].at.getTime(), `${t.idempotency_key} event ${i}`).toBeGreaterThanOrEqual(events[i - 1].at.getTime());
			const now = new Date();
			if (t.sla_next_check_at && t.sla_next_check_at <= now) continue;
			const plan = planSweep({ ...t, number: Number(t.number) }, events, rules.get(t.programme_id)!, now);
			expect(plan.acted, t.idempotency_key).toEqual({ breaches: [], escalations: 0, updateReminder: false, autoCloseReminder: false, closed: false });
			expect(
				[plan.first_response_due_at, plan.next_update_due_at, plan.next_escalation_due_at, plan.resolution_due_at, plan.first_response_breached_at, plan.update_breached_at, plan.escalation_breached_at],
				t.idempotency_key,
			).toEqual([iso(t.first_response_due_at), iso(t.next_update_due_at), iso(t.next_escalation_due_at), iso(t.resolution_due_at), iso(t.first_response_breached_at), iso(t.update_breached_at), iso(t.escalation_breached_at)]);
		}
	});

	it('offers downloads with several versions whose files download with their sha256 and size', async () => {
		const coordinator = await signIn('contacto.sanpedro@demo.mostrador.test');
		const { data: items, error } = await coordinator.from('download_items').select('slug, visibility, download_versions (id, version, storage_path, sha256, size_bytes)');
		expect(error).toBeNull();
		expect(items!.length).toBeGreaterThanOrEqual(3);
		for (const item of items!) {
			expect(item.download_versions.length, item.slug).toBeGreaterThanOrEqual(2);
			for (const v of item.download_versions) {
				const path = await coordinator.rpc('record_download', { version_id: v.id });
				expect(path.error).toBeNull();
				const file = await coordinator.storage.from('downloads').download(path.data as string);
				expect(file.error, `${item.slug} ${v.version}`).toBeNull();
				const bytes = Buffer.from(await file.data!.arrayBuffer());
				expect(bytes.length).toBe(v.size_bytes);
				expect(createHash('sha256').update(bytes).digest('hex')).toBe(v.sha256);
			}
		}
		// The installers are real ZIP archives.
		const zip = items!.find((i) => i.slug === 'quetzal-docs-servidor')!.download_versions[0];
		const bytes = Buffer.from(await (await coordinator.storage.from('downloads').download(zip.storage_path)).data!.arrayBuffer());
		expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
	});

	it('has readers comments and votes, and an active alert', async () => {
		const anon = createClient(config.apiUrl, config.anonKey, { auth: { persistSession: false } });
		const comments = await anon.from('article_comments').select('article_slug, body');
		expect(comments.error).toBeNull();
		expect(comments.data!.length).toBeGreaterThanOrEqual(5);
		const slugs = (await db.query<{ slug: string }>(`select slug from public.articles`)).rows.map((r) => r.slug);
		for (const c of comments.data!) expect(slugs).toContain(c.article_slug);
		const summary = await anon.rpc('article_feedback_summary', { article: 'guias/integracion-ldap' });
		expect((summary.data as { helpful: number }[])[0].helpful).toBeGreaterThan(0);

		const lead = await signIn('lider@demo.mostrador.test');
		const notices = await lead.from('alert_notices').select('article_slug, state, recipients').eq('article_slug', ACTIVE_ALERT);
		expect(notices.data).toEqual([expect.objectContaining({ state: 'published' })]);
		expect(notices.data![0].recipients).toBeGreaterThan(0);
	});

	it('queues no mail for the history', async () => {
		const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from public.notifications`);
		expect(rows[0].n).toBe(0);
	});

	it('adds nothing when loaded again', async () => {
		const count = async () =>
			(
				await db.query(`select
					(select count(*) from public.tickets) as tickets, (select count(*) from public.ticket_messages) as messages,
					(select count(*) from public.ticket_events) as events, (select count(*) from public.problems) as problems,
					(select count(*) from public.article_comments) as comments, (select count(*) from public.article_votes) as votes,
					(select count(*) from public.download_versions) as versions, (select count(*) from storage.objects) as objects,
					(select count(*) from public.download_log) as downloads, (select count(*) from public.alert_notices) as alerts`)
			).rows[0];
		const files = () => readdirSync(join(config.storage.dir, 'downloads'), { recursive: true }).length;
		const before = await count();
		const filesBefore = files();
		const again = await loadDemo(db, { storageDir: config.storage.dir });
		expect(again).toMatchObject({ tickets: 0, comments: 0, votes: 0, downloadVersions: 0, alerts: 0 });
		// The downloads made in this test are logged, not loaded: the log is compared as it is now.
		expect(await count()).toEqual(before);
		expect(files()).toBe(filesBefore);
	});
});

describe.skipIf(!local())("tests' stacks", () => {
	it('start without the demo history (demo.sql accounts only)', async () => {
		const db = new pg.Client({ connectionString: inject('dbUrl') });
		await db.connect();
		try {
			const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from public.tickets where idempotency_key like 'demo-%'`);
			expect(rows[0].n).toBe(0);
		} finally {
			await db.end();
		}
	});
});
