import { describe, expect, it } from 'vitest';
import { targetsOf } from '#shared/programme.ts';
import pg from 'pg';
import { testDb } from './harness.ts';
import { migrate, seed } from '../../supabase/local/db.ts';
import { generateSeed } from '../../src/cli/generate-seed.ts';
import { generateDatabaseTypes, TYPES_FILE } from '../../src/cli/generate-types.ts';
import { readFileSync } from 'node:fs';
import { loadActiveProgramme } from '../../src/lib/support-data.ts';

const db = await testDb();

describe('migrations and seed', () => {
	it('apply again on a migrated database without error, changing nothing', async () => {
		const client = await db.admin.connect();
		try {
			expect(await migrate(client)).toEqual([]);
			await seed(client);
			await seed(client);
		} finally {
			client.release();
		}
		const { rows } = await db.admin.query('select count(*)::int as n from public.sla_targets');
		// estandar-extendido 2 plans × 4 severities, implementacion 3 × 3, soporte-nativo 1 × 3; membresia's
		// plan is best effort (no targets) and comunidad has no plans.
		expect(rows[0].n).toBe(8 + 9 + 3);
	});

	it('seed.sql is generated from content/support and up to date', () => {
		expect(readFileSync('supabase/seed.sql', 'utf8')).toBe(generateSeed());
	});

	it('database.types.ts is generated from the migrated schema and up to date (npm run types:generate)', async () => {
		expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await generateDatabaseTypes(db.admin));
	});

	it('the database holds the programme the docs publish', async () => {
		const p = loadActiveProgramme();
		const { rows } = await db.admin.query('select id from public.programmes where active');
		expect(rows).toEqual([{ id: p.id }]);
		const targets = await db.admin.query('select plan_id, severity_key, first_response_minutes from public.sla_targets where programme_id = $1 order by plan_id, severity_key', [p.id]);
		const expected = p.plans.filter((pl) => pl.targets !== 'best-effort').flatMap((pl) => p.severities.map((s) => ({ plan_id: pl.id, severity_key: s.key, first_response_minutes: targetsOf(pl)[s.key].firstResponse })));
		expect(targets.rows).toEqual(expect.arrayContaining(expected));
		expect(targets.rows).toHaveLength(expected.length);
		const holidays = await db.admin.query(`select to_char(day, 'YYYY-MM-DD') as day from public.holidays where programme_id = $1 and calendar_id = 'oficina-cdmx' order by day`, [p.id]);
		expect(holidays.rows.map((r) => r.day)).toEqual(p.calendars.find((c) => c.id === 'oficina-cdmx')!.holidays.map((h) => h.date));
	});
});
