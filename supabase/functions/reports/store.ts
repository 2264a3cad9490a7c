// The reports' database access over a direct connection (SUPABASE_DB_URL, as the SLA sweep): each read
// runs in its own transaction as the role PostgREST would use, so the RPCs check their callers as
// usual — organisation_activity as the service role, sla_attainment as the coordinator the report is
// for (request.jwt.claims with their id), which is exactly what their dashboard asks.
import type pg from 'npm:pg@8';
import { parseActivity } from '../_shared/reports/activity-schema.ts';
import type { AttainmentRow } from '../_shared/reports/attainment.ts';
import type { Title } from '../_shared/reports/content-changes.ts';
import type { Period } from '../_shared/reports/period.ts';
import type { QueuedRow, Recipient, ReportKind, Store } from './run.ts';

async function asRole<T>(pool: pg.Pool, claims: Record<string, unknown>, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query('begin');
		await client.query(`select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)`, [JSON.stringify(claims), claims.role]);
		const result = await fn(client);
		await client.query('commit');
		return result;
	} catch (e) {
		await client.query('rollback').catch(() => {});
		throw e;
	} finally {
		client.release();
	}
}

export function pgStore(pool: pg.Pool): Store {
	return {
		async organisations(only?: string) {
			const { rows } = await pool.query(
				`select o.id, o.name, o.programme_id, p.timezone, o.contract_start::text as contract_start, o.contract_end::text as contract_end
				from public.organisations o join public.programmes p on p.id = o.programme_id
				where $1::uuid is null or o.id = $1::uuid
				order by o.created_at, o.id`,
				[only ?? null],
			);
			return rows;
		},

		async recipients(organisation: string, kind: ReportKind): Promise<Recipient[]> {
			const { rows } = await pool.query(
				`select m.user_id, p.locale from public.memberships m join public.profiles p on p.id = m.user_id
				where m.organisation_id = $1 and p.email is not null and ($2 = 'weekly' or m.role = 'coordinator')
				order by m.created_at, m.user_id`,
				[organisation, kind],
			);
			return rows;
		},

		activity(organisation: string, period: Period) {
			return asRole(pool, { role: 'service_role' }, async (c) => {
				const { rows } = await c.query(`select public.organisation_activity($1, $2::date, $3::date) as a`, [organisation, period.from, period.to]);
				return parseActivity(rows[0].a);
			});
		},

		attainment(organisation: string, month: string, asUser: string): Promise<AttainmentRow[]> {
			return asRole(pool, { role: 'authenticated', aud: 'authenticated', sub: asUser }, async (c) => {
				const { rows } = await c.query(`select * from public.sla_attainment($1::date, $1::date, $2)`, [`${month}-01`, organisation]);
				return rows;
			});
		},

		async severityLabels(programme: string): Promise<Record<string, Title>> {
			const { rows } = await pool.query(
				`select s ->> 'key' as key, private.severity_label(p.document, s ->> 'key') as label
				from public.programmes p cross join jsonb_array_elements(p.document -> 'severities') s where p.id = $1`,
				[programme],
			);
			return Object.fromEntries(rows.map((r: { key: string; label: Title }) => [r.key, r.label]));
		},

		async queue(rows: QueuedRow[]) {
			if (!rows.length) return 0;
			const { rowCount } = await pool.query(
				`insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
				select r.template, r.recipient_user_id, r.locale, r.payload, r.dedupe_key
				from jsonb_to_recordset($1::jsonb) as r(template text, recipient_user_id uuid, locale text, payload jsonb, dedupe_key text)
				on conflict (dedupe_key) do nothing`,
				[JSON.stringify(rows)],
			);
			return rowCount ?? 0;
		},
	};
}
