// The parts of the local stand-in that have no Supabase counterpart to compare with: the gateway's
// key mapping, the mailbox, the cron scheduler with pg_net delivery, and a restart that keeps data and
// applies a new migration. Local only.
import { describe, expect, it, inject, afterAll } from 'vitest';
import pg from 'pg';
import { createClient } from '@supabase/supabase-js';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { local, url } from './client.ts';
import { CLI_PUBLISHABLE_KEY, CLI_SECRET_KEY, loadConfig } from '../../supabase/local/config.ts';
import { startStack } from '../../supabase/local/stack.ts';
import { freePort } from './global-setup.ts';

const onlyLocal = !local();
const service = () => ({ apikey: inject('serviceRoleKey'), authorization: `Bearer ${inject('serviceRoleKey')}` });

describe.skipIf(onlyLocal)('local stack: gateway', () => {
	it('maps the publishable and secret keys to the anon and service_role JWTs', async () => {
		const asAnon = createClient(url(), CLI_PUBLISHABLE_KEY, { auth: { persistSession: false } });
		const plans = await asAnon.from('plans').select('id').eq('programme_id', 'estandar-extendido').order('id');
		expect(plans.error).toBeNull();
		expect(plans.data).toEqual([{ id: 'estandar' }, { id: 'extendido' }]);
		// The organisations table is closed to anon but open to the service role.
		const anonOrgs = await asAnon.from('organisations').select('id');
		expect(anonOrgs.status).toBe(401);
		const asService = createClient(url(), CLI_SECRET_KEY, { auth: { persistSession: false } });
		const orgs = await asService.from('organisations').select('name').like('name', '%(demo)').order('name');
		expect(orgs.error).toBeNull();
		expect(orgs.data).toEqual([
			{ name: 'Ayuntamiento de Alcalá (demo)' },
			{ name: 'Cooperativa Andina (demo)' },
			{ name: 'Hospital del Norte (demo)' },
			{ name: 'Municipio de San Pedro (demo)' },
		]);
	});

	it('answers preflights with the headers the browser asked for and exposes Content-Range', async () => {
		const res = await fetch(`${url()}/rest/v1/plans`, {
			method: 'OPTIONS',
			headers: { origin: 'http://127.0.0.1:4321', 'access-control-request-method': 'GET', 'access-control-request-headers': 'apikey, prefer, range' },
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(res.headers.get('access-control-allow-headers')).toBe('apikey, prefer, range');
		const get = await fetch(`${url()}/rest/v1/plans?select=id`, { headers: { origin: 'http://127.0.0.1:4321', apikey: inject('anonKey') } });
		expect(get.headers.get('access-control-expose-headers')).toContain('Content-Range');
	});

	it('answers unknown routes with a 404', async () => {
		const res = await fetch(`${url()}/nope/v1/x`);
		expect(res.status).toBe(404);
	});
});

describe.skipIf(onlyLocal)('local stack: mailbox', () => {
	it('takes mail from the service role only and lists it as JSON and HTML', async () => {
		const to = `buzon-${Date.now()}@example.test`;
		const refused = await fetch(`${url()}/_mail`, { method: 'POST', headers: { apikey: inject('anonKey'), 'content-type': 'application/json' }, body: JSON.stringify({ to, subject: 'x' }) });
		expect(refused.status).toBe(403);
		const sent = await fetch(`${url()}/_mail`, { method: 'POST', headers: { ...service(), 'content-type': 'application/json' }, body: JSON.stringify({ to, subject: 'Hola <b>', text: 'Visita https://example.test/x?a=1&b=2' }) });
		expect(sent.status).toBe(201);
		const list = await (await fetch(`${url()}/_mail?format=json&to=${encodeURIComponent(to)}`)).json();
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ to, subject: 'Hola <b>', text: 'Visita https://example.test/x?a=1&b=2' });
		const html = await (await fetch(`${url()}/_mail`)).text();
		expect(html).toContain('Hola &#60;b&#62;');
		expect(html).not.toContain('Hola <b>');
		const one = await (await fetch(`${url()}/_mail/${list[0].id}`)).text();
		expect(one).toContain('href="https://example.test/x?a=1&#38;b=2"');
	});

	it('rejects mail without an address', async () => {
		const res = await fetch(`${url()}/_mail`, { method: 'POST', headers: { ...service(), 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'x' }) });
		expect(res.status).toBe(400);
	});
});

describe.skipIf(onlyLocal)('local stack: cron and pg_net', () => {
	const db = () => new pg.Client({ connectionString: inject('dbUrl') });

	it('runs every scheduled job once on tick, delivering net.http_post after commit', async () => {
		const to = `cron-${Date.now()}@example.test`;
		const client = db();
		await client.connect();
		// The project's own jobs (sla-sweep, notify) would run too; other test files drive those.
		await client.query(`update cron.job set active = false where jobname not like 'contract-%'`);
		try {
			await client.query(
				`select cron.schedule('contract-mail', '*/5 * * * *', format($cmd$
					select net.http_post(
						url := (select decrypted_secret from vault.decrypted_secrets where name = 'project_url') || '/_mail',
						body := jsonb_build_object('to', %L, 'subject', 'desde cron'),
						headers := jsonb_build_object('Content-Type', 'application/json', 'Authorization', 'Bearer ' || (select decrypted_secret from vault.decrypted_secrets where name = 'service_role_key'))
					)$cmd$, $1::text))`,
				[to],
			);
			await client.query(`select cron.schedule('contract-broken', '0 3 * * *', 'select * from no_such_table')`);

			const anon = await fetch(`${url()}/_cron/tick`, { method: 'POST', headers: { apikey: inject('anonKey') } });
			expect(anon.status).toBe(403);
			const tick = await (await fetch(`${url()}/_cron/tick`, { method: 'POST', headers: service() })).json();
			expect(tick.jobs).toEqual(
				expect.arrayContaining([
					expect.objectContaining({ jobname: 'contract-mail', status: 'succeeded' }),
					expect.objectContaining({ jobname: 'contract-broken', status: 'failed', message: expect.stringContaining('no_such_table') }),
				]),
			);
			expect(tick.requests).toEqual(expect.arrayContaining([expect.objectContaining({ url: `${url()}/_mail`, status: 201 })]));
			const mail = await (await fetch(`${url()}/_mail?format=json&to=${encodeURIComponent(to)}`)).json();
			expect(mail.map((m: { subject: string }) => m.subject)).toEqual(['desde cron']);

			const runs = await client.query(`select j.jobname, d.status from cron.job_run_details d join cron.job j using (jobid) where j.jobname like 'contract-%' order by d.runid`);
			expect(runs.rows).toEqual([
				{ jobname: 'contract-mail', status: 'succeeded' },
				{ jobname: 'contract-broken', status: 'failed' },
			]);
			const replies = await client.query(`select status_code from net._http_response order by created desc limit 1`);
			expect(replies.rows[0].status_code).toBe(201);

			// `npm run stack -- --tick` finds the running stack and ticks it.
			const cli = spawnSync(process.execPath, ['supabase/local/main.ts', '--tick'], { env: { ...process.env, MOSTRADOR_STACK_PORT: new URL(url()).port }, encoding: 'utf8' });
			expect(cli.stdout).toContain('job contract-mail: succeeded');
			expect(cli.stdout).toContain('job contract-broken: failed');
			expect(cli.status).toBe(1);
		} finally {
			await client.query(`delete from cron.job where jobname like 'contract-%'`);
			await client.query(`update cron.job set active = true`);
			await client.end();
		}
	});

	it('keeps pg_cron and pg_net out of reach of the API roles', async () => {
		const client = db();
		await client.connect();
		try {
			for (const role of ['anon', 'authenticated', 'service_role']) {
				await client.query('begin');
				await client.query(`set local role ${role}`);
				await expect(client.query(`select cron.schedule('x', '* * * * *', 'select 1')`)).rejects.toThrow(/permission denied/);
				await client.query('rollback');
			}
		} finally {
			await client.end();
		}
	});
});

describe.skipIf(onlyLocal)('local stack: restart', () => {
	const dir = mkdtempSync(join(process.cwd(), 'tests/.tmp/restart-'));
	chmodSync(dir, 0o755);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('keeps data across a restart and applies a new migration on the next start without a reset', { timeout: 120_000 }, async () => {
		const migrations = join(dir, 'migrations');
		mkdirSync(migrations);
		cpSync('supabase/migrations', migrations, { recursive: true });
		const config = await loadConfig(process.env, { port: await freePort(), dataDir: join(dir, 'data') });
		config.dbPort = await freePort();
		config.migrationsDir = migrations;

		let stack = await startStack(config, { reset: true });
		const admin = () => createClient(config.apiUrl, config.serviceRoleKey, { auth: { persistSession: false } });
		const created = await admin()
			.from('organisations')
			.insert({ name: 'Persiste S.A.', programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' })
			.select('id')
			.single();
		expect(created.error).toBeNull();
		await stack.stop();

		writeFileSync(join(migrations, '29990101000000_restart_probe.sql'), `create table public.restart_probe (id int primary key); alter table public.restart_probe enable row level security; insert into public.restart_probe values (7);`);
		stack = await startStack(config, {});
		try {
			const again = await admin().from('organisations').select('name').eq('id', created.data!.id).single();
			expect(again.data).toEqual({ name: 'Persiste S.A.' });
			const probe = await admin().from('restart_probe').select('id');
			expect(probe.data).toEqual([{ id: 7 }]);
			// The seed ran once, on the fresh database only: the demo organisations are not doubled.
			const demo = await admin().from('organisations').select('id', { count: 'exact', head: true }).like('name', '%(demo)');
			expect(demo.count).toBe(4);
		} finally {
			await stack.stop();
		}
	});
});

describe.skipIf(onlyLocal)('local stack: the project schedule', () => {
	it('runs the jobs the schedules migration declares: the SLA sweep and the outbox, every minute', async () => {
		const client = new pg.Client({ connectionString: inject('dbUrl') });
		await client.connect();
		try {
			const { rows } = await client.query(`select jobname, schedule, command from cron.job where jobname in ('sla-sweep', 'notify') order by jobname`);
			expect(rows.map((r) => [r.jobname, r.schedule])).toEqual([
				['notify', '* * * * *'],
				['sla-sweep', '* * * * *'],
			]);
			expect(rows[1].command).toContain('/functions/v1/sla-sweep');
			expect(rows[1].command).toContain("vault.decrypted_secrets where name = 'service_role_key'");
		} finally {
			await client.end();
		}
	});
});
