// `npm run deploy:check` against a throwaway local stack of its own (the shared one must keep its
// buckets and secrets): a fresh stack has everything the portal needs, with and without the SQL
// checks; a removed bucket and a removed Vault secret are each reported with their fix, exit 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type StackConfig } from '../../supabase/local/config.ts';
import type { Stack } from '../../supabase/local/stack.ts';
import { startStackOnFreePorts } from './global-setup.ts';
import { local } from './client.ts';
import { expected } from '../../src/cli/deploy-check.ts';

/** Runs the CLI without blocking this process (the stack it checks answers from this process). */
function run(env: Record<string, string>): Promise<{ status: number | null; out: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['src/cli/deploy-check.ts'], { env: { PATH: process.env.PATH, ...env } });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('close', (status) => resolve({ status, out }));
	});
}

describe.skipIf(!local())('npm run deploy:check (local only: a stack of its own)', () => {
	let dir: string;
	let stack: Stack;
	let config!: StackConfig;
	let env: Record<string, string>;

	beforeAll(async () => {
		const base = join(process.cwd(), 'tests/.tmp');
		mkdirSync(base, { recursive: true });
		dir = mkdtempSync(join(base, 'deploy-check-'));
		chmodSync(dir, 0o755);
		stack = await startStackOnFreePorts(async ({ port, dbPort }) => {
			config = await loadConfig(process.env, { port, dataDir: join(dir, 'data'), functionsDirs: [], smtpPort: 0 });
			config.dbPort = dbPort;
			return config;
		}, { reset: true });
		env = { SUPABASE_URL: config.apiUrl, SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey };
	}, 120_000);

	afterAll(async () => {
		await stack?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('expects what the migrations and functions define', () => {
		const e = expected();
		expect(e.buckets).toEqual(['attachments', 'downloads']);
		expect(e.vaultSecrets).toEqual(['project_url', 'service_role_key']);
		expect(e.functions).toEqual(['inbound-email', 'notify', 'publish-download', 'reports', 'sla-sweep', 'tickets']);
		expect(e.cronJobs.map((j) => j.name)).toEqual(['monthly-report', 'notify', 'plan-changes', 'sla-sweep', 'weekly-digest']);
		expect(e.tables).toContain('tickets');
		expect(e.rpcs).toEqual(expect.arrayContaining(['create_ticket', 'my_ticket_quota', 'publish_download_version']));
	});

	it('reports a fresh local stack complete, over HTTP alone and with the SQL checks', async () => {
		const http = await run(env);
		expect(http.out).not.toContain('MISSING');
		expect(http.out).toMatch(/ok +functions: inbound-email, notify, publish-download, reports, sla-sweep, tickets/);
		expect(http.out).toMatch(/ok +RPCs: all \d+ present/);
		expect(http.out).toContain('skipped  Vault secrets (project_url, service_role_key)');
		expect(http.out).toContain('deploy:check: the project has what the portal needs (3 not checked without a database URL)');
		expect(http.status, http.out).toBe(0);

		const sql = await run({ ...env, SUPABASE_DB_URL: stack.dbUrl });
		expect(sql.out).not.toContain('MISSING');
		expect(sql.out).not.toContain('skipped');
		expect(sql.out).toContain('ok       Vault secrets: project_url, service_role_key');
		expect(sql.out).toContain('ok       cron jobs: monthly-report, notify, plan-changes, sla-sweep, weekly-digest');
		expect(sql.out).toContain('deploy:check: the project has what the portal needs\n');
		expect(sql.status, sql.out).toBe(0);
	}, 120_000);

	it('reports a missing bucket and a missing Vault secret with how to fix them, exit 1', async () => {
		await stack.admin.query(`delete from storage.buckets where id = 'downloads'`);
		await stack.admin.query(`delete from vault.secrets where name = 'service_role_key'`);
		const r = await run({ ...env, SUPABASE_DB_URL: stack.dbUrl });
		expect(r.out).toContain('MISSING  Storage buckets: downloads');
		expect(r.out).toContain('MISSING  Vault secrets: service_role_key');
		expect(r.out).toContain(`fix: in the SQL editor: select vault.create_secret('<service_role JWT>', 'service_role_key');`);
		expect(r.out).toContain('deploy:check: 2 problems: fix them and run it again');
		expect(r.status, r.out).toBe(1);
	}, 120_000);
});
