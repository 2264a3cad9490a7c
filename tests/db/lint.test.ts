// The Supabase database advisor's security and performance rules, as our own SQL over the catalog:
// zero findings on our schema, and each rule proven to find a planted violation.
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { testDb } from './harness.ts';

const RULES: Record<string, string> = {
	rls_disabled_in_public: `select n.nspname || '.' || c.relname as finding from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where c.relkind in ('r', 'p') and n.nspname in ('public', 'storage') and not c.relrowsecurity`,
	security_definer_view: `select n.nspname || '.' || c.relname as finding from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where c.relkind in ('v', 'm') and n.nspname = 'public' and not coalesce(c.reloptions @> array['security_invoker=true'], false)`,
	function_search_path_mutable: `select n.nspname || '.' || p.proname as finding from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		where n.nspname in ('public', 'private') and p.prokind in ('f', 'p')
		and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')`,
	// Filtered in JS below: a call counts when it is not the body of a scalar subquery.
	auth_rls_initplan: `select schemaname || '.' || tablename || ': ' || policyname as finding, coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr
		from pg_policies where schemaname in ('public', 'storage')`,
	unindexed_foreign_keys: `select c.conrelid::regclass::text || ' (' || array_to_string(array(select a.attname from pg_attribute a where a.attrelid = c.conrelid and a.attnum = any (c.conkey)), ', ') || ')' as finding
		from pg_constraint c join pg_namespace n on n.oid = c.connamespace
		where c.contype = 'f' and n.nspname = 'public'
		and not exists (
			select 1 from pg_index i where i.indrelid = c.conrelid
			and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
		)`,
	multiple_permissive_policies: `select schemaname || '.' || tablename || ' ' || cmd || ' ' || r.role as finding from pg_policies, unnest(roles) r(role)
		where schemaname = 'public' and permissive = 'PERMISSIVE' group by schemaname, tablename, cmd, r.role having count(*) > 1`,
	// Security-definer functions anon may call, beyond those meant for anonymous readers.
	anon_security_definer_function: `select p.proname as finding from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		where n.nspname = 'public' and p.prosecdef and has_function_privilege('anon', p.oid, 'execute')
		and p.proname not in ('article_feedback_summary', 'record_deflection', 'record_download', 'record_search', 'vote_article')`,
};

async function findings(pool: pg.Pool | pg.PoolClient, rule: string): Promise<string[]> {
	const { rows } = await pool.query(RULES[rule]);
	if (rule !== 'auth_rls_initplan') return rows.map((r) => r.finding).sort();
	return rows
		.filter(({ expr }) =>
			[...(expr as string).matchAll(/auth\.(?:uid|jwt|role|email)\(\)|current_setting\(/g)].some((m) => !/SELECT\s+$/i.test(expr.slice(Math.max(0, m.index! - 8), m.index))),
		)
		.map((r) => r.finding);
}

const db = await testDb();

describe('database lint: our schema has no findings', () => {
	it.each(Object.keys(RULES))('%s', async (rule) => {
		expect(await findings(db.admin, rule)).toEqual([]);
	});

	it('there are policies to check', async () => {
		expect((await db.admin.query(`select count(*)::int as n from pg_policies where schemaname = 'public'`)).rows[0].n).toBeGreaterThan(20);
	});
});

describe('database lint: each rule finds a planted violation', () => {
	const planted: Record<string, string> = {
		rls_disabled_in_public: 'create table public.lint_no_rls (id int)',
		security_definer_view: 'create view public.lint_view as select 1 as one',
		function_search_path_mutable: 'create function public.lint_fn() returns int language sql as $$ select 1 $$',
		auth_rls_initplan: `create table public.lint_rls (id int, owner uuid); alter table public.lint_rls enable row level security;
			create policy "lint" on public.lint_rls for select to authenticated using (owner = auth.uid())`,
		unindexed_foreign_keys: 'create table public.lint_fk (id int, org uuid references public.organisations (id)); alter table public.lint_fk enable row level security',
		multiple_permissive_policies: `create policy "lint second" on public.products for select to anon using (true)`,
		anon_security_definer_function: `create function public.lint_definer() returns int language sql security definer set search_path = '' as $$ select 1 $$`,
	};
	it.each(Object.keys(RULES))('%s', async (rule) => {
		const client = await db.admin.connect();
		try {
			await client.query('begin');
			await client.query(planted[rule]);
			expect((await findings(client, rule)).length).toBeGreaterThan(0);
		} finally {
			await client.query('rollback');
			client.release();
		}
	});
});

// PostgreSQL gives EXECUTE to PUBLIC on every new function, and a schema's default privileges cannot
// take that back (per-schema defaults only add to the global ones): each migration must revoke it on
// the private helpers it adds, or any caller may run them. Those the API's own checks call with the
// caller's rights (policies, security-invoker views and functions) are granted by name instead.
describe('private helpers', () => {
	const PUBLIC_EXECUTE = `select p.oid::regprocedure::text as finding from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		where n.nspname = 'private' and (p.proacl is null or exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE'))
		order by 1`;

	it('none is executable by PUBLIC', async () => {
		expect((await db.admin.query(PUBLIC_EXECUTE)).rows.map((r) => r.finding)).toEqual([]);
	});

	it('a new one left as PostgreSQL creates it is found', async () => {
		const client = await db.admin.connect();
		try {
			await client.query('begin');
			await client.query(`create function private.lint_helper() returns int language sql security definer set search_path = '' as $$ select 1 $$`);
			expect((await client.query(PUBLIC_EXECUTE)).rows.map((r) => r.finding)).toEqual(['private.lint_helper()']);
		} finally {
			await client.query('rollback');
			client.release();
		}
	});
});
