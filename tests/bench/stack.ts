// `npm run bench:stack` (also the second half of `npm run bench`): how long the local stack takes to be
// ready on a first run (initdb, bootstrap, migrations, seed) and on later runs, and the latency of a
// typical list query — a customer's "Tickets de mi organización" page, 20 newest of 300 — through
// supabase-js over HTTP, against the same SQL run directly on a pooled connection as that user (the
// baseline: what PostgREST semantics, HTTP and JSON cost on top of Postgres).
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../supabase/local/config.ts';
import { startStack } from '../../supabase/local/stack.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = join(root, 'tests/.tmp/bench-stack');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const freePort = () =>
	new Promise<number>((ok) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => ok(port));
		});
	});

const config = await loadConfig(process.env, { port: await freePort(), dataDir: join(dir, 'data') });
config.dbPort = await freePort();

async function timedStart(reset: boolean) {
	const t = performance.now();
	const stack = await startStack(config, { reset });
	return { stack, ms: performance.now() - t };
}

const first = await timedStart(true);
await first.stack.stop();
const laterRuns: number[] = [];
for (let i = 0; i < 3; i++) {
	const run = await timedStart(false);
	laterRuns.push(run.ms);
	if (i < 2) await run.stack.stop();
	else var stack = run.stack;
}

// A member of a demo organisation with 300 tickets.
const member = '00000000-0000-4000-a000-000000000002';
const org = '00000000-0000-4000-b000-000000000001';
const seedClient = await stack!.admin.connect();
await seedClient.query(`begin; set local role service_role; select set_config('request.jwt.claims', '{"role":"service_role"}', true);`);
await seedClient.query(`
	select public.create_ticket(jsonb_build_object(
		'organisation_id', $1::text, 'requester_id', '00000000-0000-4000-a000-000000000001', 'severity', 'P3',
		'subject', 'Ticket de prueba ' || n, 'description', 'Descripción ' || n, 'environment', 'production',
		'product_id', 'quetzal-docs', 'version', '5.1', 'first_response_due_at', now() + interval '1 day',
		'idempotency_key', gen_random_uuid()::text))
	from generate_series(1, 300) n`, [org]).catch(async (e) => {
	console.error('could not create the tickets:', e.message);
	process.exit(1);
});
await seedClient.query('commit');
seedClient.release();

const client = createClient(config.apiUrl, config.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
const signIn = await client.auth.signInWithPassword({ email: 'miembro.sanpedro@demo.mostrador.test', password: 'mostrador-demo' });
if (signIn.error) throw signIn.error;

const listViaApi = async () => {
	const r = await client.from('tickets').select('id, number, subject, status, severity_key, created_at, first_response_due_at').order('created_at', { ascending: false }).limit(20);
	if (r.error || r.data?.length !== 20) throw new Error(`list failed: ${r.error?.message ?? r.data?.length}`);
};
const direct = new pg.Pool({ connectionString: stack!.dbUrl, max: 4 });
// pool.end() resolves before its idle connections have closed; stopping PostgreSQL right after then
// terminates them (57P01, admin shutdown), which an idle client reports as an 'error' event: without
// a listener, an unhandled error that crashed the run after its figures were printed.
direct.on('error', (e: Error & { code?: string }) => {
	if (e.code !== '57P01') throw e;
});
const claims = JSON.stringify({ sub: member, role: 'authenticated', aud: 'authenticated' });
const listDirect = async () => {
	const c = await direct.connect();
	try {
		await c.query('begin');
		await c.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [claims]);
		const r = await c.query(
			`select coalesce(json_agg(t), '[]') from (select id, number, subject, status, severity_key, created_at, first_response_due_at from public.tickets order by created_at desc limit 20) t`,
		);
		if (r.rows[0].coalesce.length !== 20) throw new Error('direct list failed');
		await c.query('commit');
	} finally {
		c.release();
	}
};

async function measure(fn: () => Promise<void>, n = 300) {
	for (let i = 0; i < 20; i++) await fn();
	const times: number[] = [];
	for (let i = 0; i < n; i++) {
		const t = performance.now();
		await fn();
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	return { p50: times[Math.floor(n * 0.5)], p95: times[Math.floor(n * 0.95)] };
}

const api = await measure(listViaApi);
const sql = await measure(listDirect);
const t = performance.now();
await Promise.all(Array.from({ length: 200 }, listViaApi));
const concurrentMs = performance.now() - t;

const f = (ms: number) => `${ms.toFixed(1)} ms`;
console.log('\nLocal stack');
console.log(`  ready, first run (initdb, bootstrap, migrations, seed): ${(first.ms / 1000).toFixed(2)} s`);
console.log(`  ready, later runs: ${laterRuns.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')}`);
console.log(`  list query (20 newest of 300 tickets, as a member):`);
console.log(`    supabase-js over HTTP  p50 ${f(api.p50)}  p95 ${f(api.p95)}`);
console.log(`    same SQL, pooled pg    p50 ${f(sql.p50)}  p95 ${f(sql.p95)}  (baseline)`);
console.log(`    ratio p50 ${(api.p50 / sql.p50).toFixed(2)}x`);
console.log(`  200 concurrent list queries: ${f(concurrentMs)} (${(200 / (concurrentMs / 1000)).toFixed(0)} req/s)`);

await direct.end();
await stack!.stop();
rmSync(dir, { recursive: true, force: true });
