// `npm run deploy:check`: does a Supabase project have what the portal needs? Run it after the steps
// of README's "Going live" (and after any later deploy). What it expects is read from this checkout,
// so it follows the code: the tables and RPCs the migrations create, the Storage buckets they insert,
// the cron jobs they schedule and the Vault secrets those jobs read, the seed, a first admin, and every
// function under supabase/functions. It prints one line per check and, for what is missing, how to fix
// it; exit 0 when nothing is missing, 1 when something is, 2 for a wrong setting.
//
//   SUPABASE_URL=https://<ref>.supabase.co SUPABASE_SERVICE_ROLE_KEY=<service role key> \
//     [SUPABASE_DB_URL=postgresql://…] npm run deploy:check [-- --db-url <url>]
//
// Without SUPABASE_URL it checks the local stack (npm run stack). Over HTTP alone it cannot see the
// database's extensions, cron jobs or Vault: give a database URL (Dashboard → Connect; the session
// pooler's string works) for those, or they are reported as not checked.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../../supabase/local/config.ts';

const root = resolve(import.meta.dirname, '../..');
const migrationsDir = join(root, 'supabase/migrations');
const functionsDir = join(root, 'supabase/functions');

// --- What this checkout expects -----------------------------------------------------------------

export interface Expected {
	tables: string[];
	rpcs: string[];
	buckets: string[];
	cronJobs: { name: string; file: string }[];
	vaultSecrets: string[];
	functions: string[];
}

function stripComments(sql: string): string {
	return sql.replace(/--[^\n]*/g, '');
}

/** Read from supabase/migrations and supabase/functions (exported for the test). */
export function expected(): Expected {
	const files = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();
	const tables = new Set<string>();
	const rpcs = new Set<string>();
	const buckets = new Set<string>();
	const cronJobs = new Map<string, string>();
	const vaultSecrets = new Set<string>();
	for (const file of files) {
		const sql = stripComments(readFileSync(join(migrationsDir, file), 'utf8'));
		for (const m of sql.matchAll(/create\s+table\s+(?:if\s+not\s+exists\s+)?public\.(\w+)/gi)) tables.add(m[1]);
		for (const m of sql.matchAll(/drop\s+table\s+(?:if\s+exists\s+)?public\.(\w+)/gi)) tables.delete(m[1]);
		// An RPC is a public function the migrations grant execute on to an API role.
		for (const g of sql.matchAll(/grant\s+execute\s+on\s+function\s+([^;]*?)\s+to\s+[^;]*;/gi)) {
			for (const m of g[1].matchAll(/public\.(\w+)\s*\(/gi)) rpcs.add(m[1]);
		}
		for (const m of sql.matchAll(/drop\s+function\s+(?:if\s+exists\s+)?public\.(\w+)/gi)) rpcs.delete(m[1]);
		for (const m of sql.matchAll(/insert\s+into\s+storage\.buckets\s*\([^)]*\)\s*values\s*\(\s*'([^']+)'/gi)) buckets.add(m[1]);
		for (const m of sql.matchAll(/cron\.schedule\(\s*'([^']+)'/gi)) cronJobs.set(m[1], file);
		for (const m of sql.matchAll(/vault\.decrypted_secrets\s+where\s+name\s*=\s*'([^']+)'/gi)) vaultSecrets.add(m[1]);
	}
	const functions = readdirSync(functionsDir, { withFileTypes: true })
		.filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(functionsDir, d.name, 'index.ts')))
		.map((d) => d.name)
		.sort();
	return {
		tables: [...tables].sort(),
		rpcs: [...rpcs].sort(),
		buckets: [...buckets].sort(),
		cronJobs: [...cronJobs].map(([name, file]) => ({ name, file })).sort((a, b) => a.name.localeCompare(b.name)),
		vaultSecrets: [...vaultSecrets].sort(),
		functions,
	};
}

// --- Checks --------------------------------------------------------------------------------------

export type Status = 'ok' | 'missing' | 'not checked';
export interface Result {
	status: Status;
	what: string;
	/** For missing: how to fix it. For not checked: why not. */
	fix?: string;
}

interface Target {
	url: string;
	key: string;
	dbUrl?: string;
}

const list = (names: string[]) => names.join(', ');

function headers(t: Target, extra: Record<string, string> = {}): Record<string, string> {
	// An sb_secret_… key is an apikey only; a legacy service_role JWT is also the bearer token.
	return { apikey: t.key, ...(t.key.startsWith('sb_') ? {} : { authorization: `Bearer ${t.key}` }), ...extra };
}

async function getJson(t: Target, path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
	const res = await fetch(`${t.url}${path}`, { ...init, headers: { ...headers(t), ...(init.headers as Record<string, string>) }, signal: AbortSignal.timeout(30_000) });
	const text = await res.text();
	let body: any = text;
	try {
		body = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	return { status: res.status, body };
}

/** Each table through the REST API (exposed, and the key may read it). */
async function checkTables(t: Target, tables: string[]): Promise<Result[]> {
	const missing: string[] = [];
	const refused: string[] = [];
	await Promise.all(
		tables.map(async (table) => {
			const r = await getJson(t, `/rest/v1/${table}?select=*&limit=0`);
			if (r.status === 200) return;
			if (r.status === 404 || ['PGRST205', '42P01'].includes(r.body?.code)) missing.push(table);
			else refused.push(`${table} (${r.status} ${r.body?.code ?? ''} ${r.body?.message ?? ''})`.trim());
		}),
	);
	const out: Result[] = [];
	if (missing.length)
		out.push({ status: 'missing', what: `tables: ${list(missing.sort())}`, fix: 'apply the migrations: `supabase link --project-ref <ref>` then `supabase db push`' });
	if (refused.length)
		out.push({ status: 'missing', what: `tables the service role cannot read: ${list(refused.sort())}`, fix: 'check SUPABASE_SERVICE_ROLE_KEY (Dashboard → Project Settings → API keys) and that `public` is an exposed schema (Dashboard → API settings)' });
	if (!out.length) out.push({ status: 'ok', what: `tables: all ${tables.length} reachable through the API` });
	return out;
}

/**
 * Over HTTP, an RPC is looked up with a parameter no function has: PostgREST answers PGRST202 either
 * way, and names the function with its real parameters in the hint only when it exists. GET, so that
 * even a match could only run read-only.
 */
async function rpcExistsOverHttp(t: Target, name: string): Promise<boolean> {
	const r = await getJson(t, `/rest/v1/rpc/${name}?deploy_check_no_such_parameter=1`);
	if (r.status !== 404 && r.body?.code !== 'PGRST202') return true;
	const hint = String(r.body?.hint ?? '');
	return new RegExp(`function public\\.${name}(\\(|\\s|$)`).test(hint);
}

async function checkRpcs(t: Target, rpcs: string[], db?: pg.Client): Promise<Result> {
	let missing: string[];
	if (db) {
		const { rows } = await db.query<{ proname: string }>(`select distinct proname from pg_proc where pronamespace = 'public'::regnamespace and proname = any($1)`, [rpcs]);
		const found = new Set(rows.map((r) => r.proname));
		missing = rpcs.filter((r) => !found.has(r));
	} else {
		const found = await Promise.all(rpcs.map((r) => rpcExistsOverHttp(t, r)));
		missing = rpcs.filter((_, i) => !found[i]);
	}
	return missing.length
		? { status: 'missing', what: `RPCs: ${list(missing)}`, fix: 'apply the migrations: `supabase db push`' }
		: { status: 'ok', what: `RPCs: all ${rpcs.length} present` };
}

async function checkSeed(t: Target): Promise<Result> {
	const r = await getJson(t, '/rest/v1/programmes?select=id');
	const ids = Array.isArray(r.body) ? r.body.map((p: { id: string }) => p.id) : [];
	return ids.length
		? { status: 'ok', what: `seed: ${ids.length} support programmes (${list(ids)})` }
		: { status: 'missing', what: 'seed: no support programmes', fix: 'load the programme data: `psql "$SUPABASE_DB_URL" -f supabase/seed.sql` (never demo.sql)' };
}

async function checkAdmin(t: Target): Promise<Result> {
	const r = await getJson(t, '/rest/v1/staff?select=user_id&role=eq.admin&limit=1');
	return Array.isArray(r.body) && r.body.length
		? { status: 'ok', what: 'support team: an admin exists' }
		: { status: 'missing', what: 'support team: no admin', fix: 'make the first one: `SUPABASE_URL=… SUPABASE_SERVICE_ROLE_KEY=… npm run admin:create -- --email <address> --name "<full name>"`' };
}

async function checkBuckets(t: Target, buckets: string[]): Promise<Result> {
	const r = await getJson(t, '/storage/v1/bucket');
	if (!Array.isArray(r.body)) return { status: 'missing', what: `Storage buckets: cannot list them (${r.status})`, fix: 'check SUPABASE_SERVICE_ROLE_KEY' };
	const have = new Set(r.body.map((b: { id: string }) => b.id));
	const missing = buckets.filter((b) => !have.has(b));
	return missing.length
		? { status: 'missing', what: `Storage buckets: ${list(missing)}`, fix: 'the migrations create them: `supabase db push`; on a project where they ran, re-run that bucket\'s `insert into storage.buckets …` from the migration that creates it (supabase/migrations/*_tickets.sql, *_articles_downloads_outbox.sql)' }
		: { status: 'ok', what: `Storage buckets: ${list(buckets)}` };
}

/** A deployed function answers a preflight (or refuses the method); the gateway says 404 when there is none. */
async function checkFunctions(t: Target, functions: string[]): Promise<Result[]> {
	const answers = await Promise.all(
		functions.map(async (name) => {
			try {
				const res = await fetch(`${t.url}/functions/v1/${name}`, { method: 'OPTIONS', headers: { origin: 'https://deploy-check.invalid', 'access-control-request-method': 'POST' }, signal: AbortSignal.timeout(60_000) });
				await res.body?.cancel();
				return { name, status: res.status };
			} catch (e) {
				return { name, status: 0, error: (e as Error).message };
			}
		}),
	);
	const missing = answers.filter((a) => a.status === 404).map((a) => a.name);
	const broken = answers.filter((a) => a.status === 0 || a.status >= 500).map((a) => `${a.name} (${a.status || a.error})`);
	const out: Result[] = [];
	if (missing.length) out.push({ status: 'missing', what: `functions not deployed: ${list(missing)}`, fix: `\`supabase functions deploy ${missing.join(' ')}\` (verify_jwt and the import map come from supabase/config.toml)` });
	if (broken.length) out.push({ status: 'missing', what: `functions that fail to start: ${list(broken)}`, fix: 'read their logs (Dashboard → Edge Functions → Logs) and the secrets they need: `supabase secrets set --env-file supabase/functions/.env` (template: supabase/functions/.env.example)' });
	if (!out.length) out.push({ status: 'ok', what: `functions: ${list(functions)}` });
	return out;
}

/** The payload of a JWT, or undefined for anything else (an opaque sb_secret_… key). */
function jwtClaims(token: string): Record<string, unknown> | undefined {
	const part = token.split('.')[1];
	if (token.split('.').length !== 3 || !part) return undefined;
	try {
		return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
}

async function checkDatabase(t: Target, e: Expected, db: pg.Client): Promise<Result[]> {
	const out: Result[] = [];
	// The jobs need cron.schedule and net.http_post: pg_cron and pg_net on a hosted project (the local
	// stack's bootstrap provides stand-ins with the same signatures).
	const { rows: [ext] } = await db.query<{ cron: boolean; net: boolean; vault: boolean; extensions: string[] }>(
		`select to_regprocedure('cron.schedule(text,text,text)') is not null as cron,
			to_regprocedure('net.http_post(text,jsonb,jsonb,jsonb,integer)') is not null as net,
			to_regclass('vault.decrypted_secrets') is not null as vault,
			array(select extname::text from pg_extension where extname in ('pg_cron', 'pg_net', 'supabase_vault') order by 1) as extensions`,
	);
	const lacking = [!ext.cron && 'pg_cron', !ext.net && 'pg_net', !ext.vault && 'Vault (supabase_vault)'].filter(Boolean) as string[];
	if (lacking.length)
		out.push({ status: 'missing', what: `extensions: ${list(lacking)}`, fix: 'enable them (Dashboard → Database → Extensions, or `create extension pg_cron; create extension pg_net with schema extensions;`), then schedule the jobs as below' });
	else out.push({ status: 'ok', what: `extensions: pg_cron, pg_net and Vault${ext.extensions.length < 3 ? ' (provided without the extensions: the local stand-in)' : ''}` });

	if (ext.cron && (await db.query(`select to_regclass('cron.job') is not null as ok`)).rows[0].ok) {
		const { rows } = await db.query<{ jobname: string }>(`select jobname from cron.job where jobname = any($1) and active`, [e.cronJobs.map((j) => j.name)]);
		const have = new Set(rows.map((r) => r.jobname));
		const missing = e.cronJobs.filter((j) => !have.has(j.name));
		out.push(
			missing.length
				? { status: 'missing', what: `cron jobs: ${list(missing.map((j) => j.name))}`, fix: `they are scheduled by migrations that ran before pg_cron/pg_net were enabled: with both enabled, run each job's \`cron.schedule(…)\` block again (psql) from ${list([...new Set(missing.map((j) => `supabase/migrations/${j.file}`))])}` }
				: { status: 'ok', what: `cron jobs: ${list(e.cronJobs.map((j) => j.name))}` },
		);
	} else out.push({ status: 'not checked', what: 'cron jobs', fix: 'pg_cron is missing' });

	if (ext.vault) {
		const { rows } = await db.query<{ name: string; value: string }>(`select name, decrypted_secret as value from vault.decrypted_secrets where name = any($1)`, [e.vaultSecrets]);
		const values = new Map(rows.map((r) => [r.name, r.value]));
		const missing = e.vaultSecrets.filter((n) => !values.get(n));
		const problems: string[] = [];
		const projectUrl = values.get('project_url');
		if (projectUrl && projectUrl.replace(/\/+$/, '') !== t.url) problems.push(`project_url is ${projectUrl}, not ${t.url}`);
		const serviceKey = values.get('service_role_key');
		// The scheduled functions read the bearer token's role claim, and the gateway verifies it as a JWT.
		if (serviceKey && jwtClaims(serviceKey)?.role !== 'service_role') problems.push('service_role_key is not the legacy service_role JWT (an sb_secret_… key does not pass verify_jwt, and the functions read the token\'s role)');
		const fixes = missing.map((n) => `select vault.create_secret('${n === 'project_url' ? t.url : n === 'service_role_key' ? '<service_role JWT>' : '<value>'}', '${n}');`);
		if (missing.length) out.push({ status: 'missing', what: `Vault secrets: ${list(missing)}`, fix: `in the SQL editor: ${fixes.join(' ')}` });
		if (problems.length) out.push({ status: 'missing', what: `Vault secrets wrong: ${problems.join('; ')}`, fix: "replace the value: select vault.update_secret((select id from vault.secrets where name = '<name>'), '<value>');" });
		if (!missing.length && !problems.length) out.push({ status: 'ok', what: `Vault secrets: ${list(e.vaultSecrets)}` });
	} else out.push({ status: 'not checked', what: 'Vault secrets', fix: 'Vault is missing' });
	return out;
}

export async function deployCheck(t: Target, log: (line: string) => void = console.log): Promise<Result[]> {
	const e = expected();
	const results: Result[] = [];
	let db: pg.Client | undefined;
	if (t.dbUrl) {
		db = new pg.Client({ connectionString: t.dbUrl });
		await db.connect();
	}
	try {
		results.push(...(await checkTables(t, e.tables)));
		results.push(await checkRpcs(t, e.rpcs, db));
		results.push(await checkSeed(t));
		results.push(await checkAdmin(t));
		results.push(await checkBuckets(t, e.buckets));
		results.push(...(await checkFunctions(t, e.functions)));
		if (db) results.push(...(await checkDatabase(t, e, db)));
		else
			for (const what of ['extensions pg_cron and pg_net', `cron jobs (${list(e.cronJobs.map((j) => j.name))})`, `Vault secrets (${list(e.vaultSecrets)})`])
				results.push({ status: 'not checked', what, fix: 'needs SQL: set SUPABASE_DB_URL (or --db-url) to the database connection string' });
	} finally {
		await db?.end();
	}
	for (const r of results) {
		const mark = r.status === 'ok' ? 'ok     ' : r.status === 'missing' ? 'MISSING' : 'skipped';
		log(`  ${mark}  ${r.what}`);
		if (r.fix) log(`           ${r.status === 'missing' ? 'fix' : 'why'}: ${r.fix}`);
	}
	return results;
}

// --- Command line --------------------------------------------------------------------------------

async function main(): Promise<number> {
	const { values } = parseArgs({ options: { 'db-url': { type: 'string' } }, strict: true });
	const hosted = process.env.SUPABASE_URL?.trim();
	const local = hosted ? null : await loadConfig();
	const url = (hosted || local!.apiUrl).replace(/\/+$/, '');
	const key = process.env.SUPABASE_SERVICE_ROLE_KEY?.trim() || (local ? local.serviceRoleKey : '');
	if (!key) {
		console.error('deploy:check: SUPABASE_SERVICE_ROLE_KEY is required with SUPABASE_URL (Dashboard → Project Settings → API keys)');
		return 2;
	}
	const dbUrl = values['db-url'] || process.env.SUPABASE_DB_URL?.trim() || undefined;
	console.log(`deploy:check ${url}${dbUrl ? ' (with SQL checks)' : ''}`);
	try {
		await fetch(`${url}/rest/v1/`, { headers: headers({ url, key }), signal: AbortSignal.timeout(15_000) });
	} catch (e) {
		console.error(`deploy:check: cannot reach ${url}: ${(e as Error).message}${local ? ' (start the local stack with `npm run stack`)' : ''}`);
		return 1;
	}
	const results = await deployCheck({ url, key, dbUrl });
	const missing = results.filter((r) => r.status === 'missing').length;
	const skipped = results.filter((r) => r.status === 'not checked').length;
	console.log(
		missing
			? `deploy:check: ${missing} problem${missing > 1 ? 's' : ''}: fix ${missing > 1 ? 'them' : 'it'} and run it again`
			: `deploy:check: the project has what the portal needs${skipped ? ` (${skipped} not checked without a database URL)` : ''}`,
	);
	return missing ? 1 : 0;
}

if (import.meta.main) {
	main().then(
		(code) => process.exit(code),
		(e) => {
			console.error(`deploy:check: ${(e as Error).message}`);
			process.exit(1);
		},
	);
}
