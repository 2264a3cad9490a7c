// `node tests/bench/scale.ts`: issue 16's targets at 100,000 tickets. Starts the local stack, loads the
// scale world into it (tests/db/scale-world.ts: 20,000 open tickets in one organisation, ~300,000
// messages), and times over HTTP, with supabase-js and the islands' own query functions, the agent
// queue (loadQueue, signed in as staff) and a member's "Tickets de mi organización" page (fetchTickets),
// p50 and p95 of RUNS sequential loads after a warm-up. Targets on this machine: queue p95 ≤ 50 ms,
// list p95 ≤ 30 ms; the other lines are for information (the baseline, a one-row request, shows what
// the machine's load adds to every figure). Exits 1 when a query fails or answers the
// wrong number of rows (not when a target is missed: that is for the reader of the figures).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { transformSync } from 'esbuild';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../supabase/local/config.ts';
import { startStack, type Stack } from '../../supabase/local/stack.ts';
import { loadScaleWorld } from '../db/scale-world.ts';

// The islands' modules reach a .tsx file (the status badge) that Node cannot strip the types of: compile
// those with esbuild, as the site's build would. Registered before the islands are imported.
registerHooks({
	load(url, context, next) {
		if (!url.startsWith('file:') || !url.endsWith('.tsx')) return next(url, context);
		const source = readFileSync(fileURLToPath(url), 'utf8');
		const { code } = transformSync(source, { loader: 'tsx', jsx: 'automatic', jsxImportSource: 'preact', format: 'esm' });
		return { format: 'module', source: code, shortCircuit: true };
	},
});
const { loadQueue, QUEUE_LIMIT } = await import('../../src/islands/agent/queue-data.ts');
const { fetchTickets, PAGE_SIZE } = await import('../../src/islands/tickets/list-query.ts');
const { NO_FILTERS } = await import('../../src/islands/tickets/list-filters.ts');

const RUNS = Number(process.env.RUNS ?? 60);
const root = resolve(import.meta.dirname, '../..');
const dir = join(root, 'tests/.tmp/bench-scale');
const freePort = () =>
	new Promise<number>((ok) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => ok(port));
		});
	});

let stack: Stack | undefined;
let failed = false;
try {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const config = await loadConfig(process.env, { port: await freePort(), dataDir: join(dir, 'data') });
	config.dbPort = await freePort();
	stack = await startStack(config, { reset: true });
	const options = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };
	const service = createClient(config.apiUrl, config.serviceRoleKey, options);
	async function person(email: string, full_name: string): Promise<{ id: string; client: SupabaseClient }> {
		const password = `pw-${crypto.randomUUID()}`;
		const created = await service.auth.admin.createUser({ email, password, email_confirm: true, user_metadata: { full_name } });
		if (created.error) throw created.error;
		const client = createClient(config.apiUrl, config.anonKey, options);
		const signed = await client.auth.signInWithPassword({ email, password });
		if (signed.error) throw signed.error;
		return { id: created.data.user!.id, client };
	}
	const agent = await person('agente@escala.test', 'Ana Agente');
	const member = await person('miembro@escala.test', 'Mario Miembro');

	const began = performance.now();
	const db = await stack.admin.connect();
	try {
		await loadScaleWorld(db, { agent: agent.id, member: member.id });
	} finally {
		db.release();
	}
	console.log(`scale: world of 100000 tickets loaded in ${((performance.now() - began) / 1000).toFixed(1)} s`);

	const check = (what: string, ok: boolean, detail: string) => {
		if (!ok) throw new Error(`${what}: ${detail}`);
	};
	const shapes: { name: string; target?: number; run: () => Promise<void> }[] = [
		// What one request costs before any query does (the stand-in, HTTP, the machine's load now).
		{
			name: 'baseline (1 row)',
			run: async () => {
				const r = await agent.client.from('organisations').select('id').limit(1);
				check('baseline', !r.error && r.data?.length === 1, JSON.stringify(r.error));
			},
		},
		{
			name: 'queue',
			target: 50,
			run: async () => {
				const r = await loadQueue(agent.client as never);
				check('queue', r.ok && r.data.length === QUEUE_LIMIT, JSON.stringify(r.ok ? r.data.length : r));
			},
		},
		{
			name: 'list',
			target: 30,
			run: async () => {
				const r = await fetchTickets(member.client as never, member.id, { ...NO_FILTERS, view: 'org' });
				check('list', r.ok && r.rows.length === PAGE_SIZE, JSON.stringify(r.ok ? r.rows.length : r));
			},
		},
		{
			name: 'list p.50',
			run: async () => {
				const r = await fetchTickets(member.client as never, member.id, { ...NO_FILTERS, view: 'org', page: 50 });
				check('list p.50', r.ok && r.rows.length === PAGE_SIZE && r.page === 50, JSON.stringify(r.ok ? [r.rows.length, r.page] : r));
			},
		},
		{
			name: 'mine',
			run: async () => {
				const r = await fetchTickets(member.client as never, member.id, NO_FILTERS);
				check('mine', r.ok && r.rows.length === PAGE_SIZE, JSON.stringify(r.ok ? r.rows.length : r));
			},
		},
		{
			name: 'search #',
			run: async () => {
				const r = await fetchTickets(member.client as never, member.id, { ...NO_FILTERS, view: 'org', q: '#1500' });
				check('search #', r.ok && r.rows.length > 0, JSON.stringify(r.ok ? r.rows.length : r));
			},
		},
		{
			name: 'search',
			run: async () => {
				const r = await fetchTickets(member.client as never, member.id, { ...NO_FILTERS, view: 'org', q: 'nómina' });
				check('search', r.ok && r.rows.length === PAGE_SIZE, JSON.stringify(r.ok ? r.rows.length : r));
			},
		},
	];
	const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
	for (const shape of shapes) {
		for (let i = 0; i < 5; i++) await shape.run();
		const times: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const t = performance.now();
			await shape.run();
			times.push(performance.now() - t);
		}
		const [p50, p95] = [pct(times, 0.5), pct(times, 0.95)];
		const target = shape.target ? ` (target ≤ ${shape.target}${p95 > shape.target ? ', missed' : ''})` : '';
		console.log(`scale: ${shape.name} p50 ${p50.toFixed(1)} ms p95 ${p95.toFixed(1)} ms${target}`);
	}
} catch (e) {
	failed = true;
	console.error('scale: failed:', e instanceof Error ? e.message : e);
} finally {
	await stack?.stop();
	rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
