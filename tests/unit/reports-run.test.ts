// One run of the reports over a store in memory: the period per organisation, who gets what, the
// dedupe keys that make a rerun queue nothing, the coordinator the SLA figures are asked as, and the
// organisations skipped (outside their contract, nobody to tell, a week with nothing to say).
import { describe, expect, it } from 'vitest';
import { runReports, type OrganisationRow, type QueuedRow, type Store } from '../../supabase/functions/reports/run.ts';
import type { Activity } from '#shared/reports/activity.ts';
import type { FeedArticle } from '#shared/reports/content-changes.ts';
import type { Period } from '#shared/reports/period.ts';
import type { AttainmentRow } from '#shared/reports/attainment.ts';

const A = '00000000-0000-4000-b000-00000000000a';
const B = '00000000-0000-4000-b000-00000000000b';
const C = '00000000-0000-4000-b000-00000000000c';
const orgs: OrganisationRow[] = [
	{ id: A, name: 'Alfa', programme_id: 'estandar-extendido', timezone: 'America/Mexico_City', contract_start: '2026-01-01', contract_end: null },
	{ id: B, name: 'Beta', programme_id: 'estandar-extendido', timezone: 'America/Mexico_City', contract_start: '2026-01-01', contract_end: '2026-06-30' },
	{ id: C, name: 'Gamma', programme_id: 'estandar-extendido', timezone: 'America/Mexico_City', contract_start: '2026-01-01', contract_end: null },
];
const members: Record<string, { user_id: string; locale: 'es' | 'en'; coordinator: boolean }[]> = {
	[A]: [
		{ user_id: 'u-coord', locale: 'es', coordinator: true },
		{ user_id: 'u-member', locale: 'en', coordinator: false },
	],
	[B]: [{ user_id: 'u-beta', locale: 'es', coordinator: true }],
	[C]: [],
};

function fakeStore(opts: { quiet?: boolean; failFor?: string } = {}) {
	const outbox = new Map<string, QueuedRow>();
	const calls = { activity: [] as [string, Period][], attainment: [] as [string, string, string][] };
	const store: Store = {
		organisations: async (only) => orgs.filter((o) => !only || o.id === only),
		recipients: async (org, kind) => members[org].filter((m) => kind === 'weekly' || m.coordinator).map(({ user_id, locale }) => ({ user_id, locale })),
		activity: async (org, period): Promise<Activity> => {
			calls.activity.push([org, period]);
			if (org === opts.failFor) throw new Error('database went away');
			const label = { es: 'Prioridad 2', en: 'Priority 2' };
			return {
				organisation: { id: org, name: orgs.find((o) => o.id === org)!.name, programme_id: 'estandar-extendido', plan_id: 'estandar', timezone: 'America/Mexico_City' },
				from: period.from,
				to: period.to,
				opened: opts.quiet ? [] : [{ number: 1042, subject: 'No arranca', severity: 'P2', severity_label: label, status: 'open', product_id: null, created_at: '2026-11-10T16:00:00+00:00' }],
				closed: [],
				downloads: [],
			};
		},
		attainment: async (org, month, asUser): Promise<AttainmentRow[]> => {
			calls.attainment.push([org, month, asUser]);
			return [
				{ severity_key: 'P2', tickets: 4, first_responses_measured: 4, first_responses_on_time: 3, updates_measured: 0, updates_on_time: 0, escalations_measured: 4, escalations_on_time: 4, first_response_commitment: '95', escalation_commitment: '90' },
			];
		},
		severityLabels: async () => ({ P2: { es: 'Prioridad 2', en: 'Priority 2' } }),
		queue: async (rows) => {
			let n = 0;
			for (const r of rows) {
				if (outbox.has(r.dedupe_key)) continue;
				outbox.set(r.dedupe_key, r);
				n++;
			}
			return n;
		},
	};
	return { store, outbox, calls };
}

const NOW = new Date('2026-11-16T14:00:00Z');
const noFeed: FeedArticle[] = [];

describe('a weekly run', () => {
	it('queues one digest per member of each organisation under contract, keyed by organisation, person and Monday', async () => {
		const { store, outbox, calls } = fakeStore();
		const report = await runReports(store, { kind: 'weekly', articles: noFeed, now: NOW });
		expect(report).toEqual({
			kind: 'weekly',
			organisations: 1,
			queued: 2,
			already_queued: 0,
			skipped: { outside_contract: 1, no_recipients: 1, empty: 0 },
			periods: { [A]: { from: '2026-11-09', to: '2026-11-15' } },
			failed: [],
		});
		expect([...outbox.keys()].sort()).toEqual([`weekly:${A}:u-coord:2026-11-09`, `weekly:${A}:u-member:2026-11-09`]);
		expect(outbox.get(`weekly:${A}:u-member:2026-11-09`)).toMatchObject({ template: 'weekly_digest', recipient_user_id: 'u-member', locale: 'en' });
		expect((outbox.get(`weekly:${A}:u-coord:2026-11-09`)!.payload as { opened: unknown }).opened).toEqual({ count: 1, items: [{ number: 1042, subject: 'No arranca', severity: 'P2' }] });
		expect(calls.activity).toEqual([[A, { from: '2026-11-09', to: '2026-11-15' }]]);
	});

	it('a rerun, or any day of the same week, queues nothing new', async () => {
		const { store, outbox } = fakeStore();
		await runReports(store, { kind: 'weekly', articles: noFeed, now: NOW });
		const again = await runReports(store, { kind: 'weekly', weekOf: '2026-11-12', articles: noFeed, now: new Date('2026-11-20T10:00:00Z') });
		expect(again.queued).toBe(0);
		expect(again.already_queued).toBe(2);
		expect(outbox.size).toBe(2);
	});

	it('sends nothing for a week with nothing to tell', async () => {
		const { store, outbox } = fakeStore({ quiet: true });
		const report = await runReports(store, { kind: 'weekly', organisation: A, articles: noFeed, now: NOW });
		expect(report.skipped.empty).toBe(1);
		expect(outbox.size).toBe(0);
	});

	it('one organisation failing does not stop the others', async () => {
		const { store, outbox } = fakeStore({ failFor: A });
		const report = await runReports(store, { kind: 'weekly', weekOf: '2026-03-02', articles: noFeed, now: NOW });
		expect(report.failed).toEqual([{ organisation: A, error: 'database went away' }]);
		expect([...outbox.keys()]).toEqual([`weekly:${B}:u-beta:2026-03-02`]);
	});
});

describe('a monthly run', () => {
	it('reports the last whole month to the coordinators only, with the figures asked as a coordinator', async () => {
		const { store, outbox, calls } = fakeStore();
		const report = await runReports(store, { kind: 'monthly', articles: noFeed, now: new Date('2026-12-01T14:00:00Z') });
		expect(report.periods).toEqual({ [A]: { from: '2026-11-01', to: '2026-11-30' } });
		expect([...outbox.keys()]).toEqual([`monthly:${A}:u-coord:2026-11`]);
		expect(calls.attainment).toEqual([[A, '2026-11', 'u-coord']]);
		const payload = outbox.get(`monthly:${A}:u-coord:2026-11`)!.payload as { month: string; sla: { first_response: unknown; by_severity: { label: unknown }[] } };
		expect(payload.month).toBe('2026-11');
		expect(payload.sla.first_response).toEqual({ measured: 4, on_time: 3, rate: 0.75, commitment: 95, met: false });
		expect(payload.sla.by_severity[0].label).toEqual({ es: 'Prioridad 2', en: 'Priority 2' });
	});

	it('a named month and organisation', async () => {
		const { store, outbox } = fakeStore();
		const report = await runReports(store, { kind: 'monthly', month: '2026-05', organisation: B, articles: noFeed, now: NOW });
		expect(report.queued).toBe(1);
		expect([...outbox.keys()]).toEqual([`monthly:${B}:u-beta:2026-05`]);
	});
});
