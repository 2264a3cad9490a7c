// What Supabase's gateway and PostgREST refuse or answer, so that what passes on the local stand-in
// passes on a hosted project too (issue 15, item 4): the API key the gateway demands on /rest/v1 and
// /auth/v1; Prefer: tx=rollback and max-affected; embeds named twice, empty embeds and self-referencing
// foreign keys; RPC overloads; the range operators supabase-js sends.
//
// Against a real Supabase the tests that need tables and functions of their own (ranges, overloads, a
// set-returning RPC) create them through SUPABASE_DB_URL (the project's direct connection string) and
// skip without it; the API-key tests need Supabase's hosted gateway (the CLI's Docker stack routes
// through a Kong without key-auth, so they skip against a loopback URL that is not the stand-in).
import { describe, it, expect, inject, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, eventually, fixtureDbUrl, fixtureSql, local, serviceClient, serviceRest, signedInUser, url } from './client.ts';

const P = `fid-${randomUUID().slice(0, 8)}`;
const FX = `contract_fx_${randomUUID().slice(0, 8).replaceAll('-', '')}`;

/** Supabase's gateway checks keys: the stand-in and hosted projects do, the CLI's Kong does not. */
const keyedGateway = () => local() || !/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(url());




let service: SupabaseClient;

/**
 * supabase-js's .maxAffected() (Prefer: handling=strict, max-affected=n), which its types only offer to a
 * client declared for PostgREST 13+; Supabase runs a newer one.
 */
function maxAffected<T>(query: T, rows: number): T {
	return (query as unknown as { maxAffected(rows: number): T }).maxAffected(rows);
}

beforeAll(async () => {
	service = serviceClient();
	const products = ['a', 'b', 'c'].map((x) => ({ id: `${P}-${x}`, name: `Fidelity ${x}`, kind: 'tool' }));
	const { error } = await service.from('products').insert(products);
	expect(error).toBeNull();
	const versions = await service.from('product_versions').insert([
		{ product_id: `${P}-a`, version: '1.0', released: '2026-01-01' },
		{ product_id: `${P}-a`, version: '2.0', released: '2026-06-01' },
		{ product_id: `${P}-b`, version: '1.0', released: '2026-02-01' },
	]);
	expect(versions.error).toBeNull();
});

afterAll(async () => {
	await service.from('products').delete().like('id', `${P}-%`);
});

describe.skipIf(!keyedGateway())('gateway: the API key Supabase requires on /rest/v1 and /auth/v1', () => {
	it('answers 401 "No API key found in request" without one', async () => {
		for (const path of ['/rest/v1/plans?select=id', '/auth/v1/user', '/auth/v1/settings']) {
			const res = await fetch(`${url()}${path}`);
			expect(res.status, path).toBe(401);
			expect(await res.json(), path).toMatchObject({ message: 'No API key found in request' });
		}
	});

	it('does not take a bearer token for the key', async () => {
		const res = await fetch(`${url()}/rest/v1/plans?select=id`, { headers: { authorization: `Bearer ${inject('anonKey')}` } });
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ message: 'No API key found in request' });
	});

	it('answers 401 "Invalid API key" to a key that is not one of the project\'s, even beside a valid session', async () => {
		const user = await signedInUser('badkey');
		const token = (await user.client.auth.getSession()).data.session!.access_token;
		const attempts: Record<string, string>[] = [{ apikey: 'not-a-key' }, { apikey: token, authorization: `Bearer ${token}` }];
		for (const headers of attempts) {
			const rest = await fetch(`${url()}/rest/v1/plans?select=id`, { headers });
			expect(rest.status).toBe(401);
			expect(await rest.json()).toMatchObject({ message: 'Invalid API key' });
			const auth = await fetch(`${url()}/auth/v1/user`, { headers });
			expect(auth.status).toBe(401);
			expect(await auth.json()).toMatchObject({ message: 'Invalid API key' });
		}
	});

	it('takes the key from the apikey query parameter, and PostgREST never reads it as a filter', async () => {
		const viaQuery = await fetch(`${url()}/rest/v1/plans?select=id&order=id&apikey=${encodeURIComponent(inject('anonKey'))}`);
		expect(viaQuery.status).toBe(200);
		const rows = (await viaQuery.json()) as { id: string }[];
		const viaClient = await anonClient().from('plans').select('id').order('id');
		expect(rows).toEqual(viaClient.data);
		expect(rows.length).toBeGreaterThan(0);
		const rpc = await fetch(`${url()}/rest/v1/rpc/no_such_function_${P.slice(4)}?apikey=${encodeURIComponent(inject('anonKey'))}`);
		expect(rpc.status).toBe(404);
		// Not "...(apikey)": the parameter is the gateway's, not an argument.
		expect((await rpc.json()).message).not.toContain('apikey');
	});

	it('leaves the e-mailed verify link open (the link carries no key)', async () => {
		const res = await fetch(`${url()}/auth/v1/verify?token=${'0'.repeat(56)}&type=magiclink&redirect_to=${encodeURIComponent('http://127.0.0.1:4321/')}`, { redirect: 'manual' });
		expect(res.status).not.toBe(401);
	});

	it('answers preflights without a key (browsers send none)', async () => {
		const res = await fetch(`${url()}/rest/v1/plans`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:4321', 'access-control-request-method': 'GET', 'access-control-request-headers': 'apikey' } });
		expect(res.status).toBeLessThan(300);
	});
});

describe('rest: Prefer tx=rollback (supabase-js .rollback(): a dry run)', () => {
	it('answers an insert as if it happened and keeps nothing', async () => {
		const id = `${P}-dry`;
		const { data, error } = await service.from('products').insert({ id, name: 'Dry run', kind: 'tool' }).select('id, name').rollback();
		expect(error).toBeNull();
		expect(data).toEqual([{ id, name: 'Dry run' }]);
		const after = await service.from('products').select('id').eq('id', id);
		expect(after.data).toEqual([]);
	});

	it('rolls back an update and a delete, and says so in Preference-Applied', async () => {
		const patch = await serviceRest(`/products?id=eq.${P}-a`, { method: 'PATCH', headers: { prefer: 'return=representation, tx=rollback' }, body: JSON.stringify({ name: 'Renamed' }) });
		expect(patch.status).toBe(200);
		expect(patch.headers.get('preference-applied')).toContain('tx=rollback');
		expect(await patch.json()).toMatchObject([{ id: `${P}-a`, name: 'Renamed' }]);
		const del = await service.from('products').delete().eq('id', `${P}-b`).rollback();
		expect(del.error).toBeNull();
		const left = await service.from('products').select('id, name').like('id', `${P}-%`).order('id');
		expect(left.data).toEqual(['a', 'b', 'c'].map((x) => ({ id: `${P}-${x}`, name: `Fidelity ${x}` })));
	});

	it('commits as usual with tx=commit', async () => {
		const res = await serviceRest(`/products?id=eq.${P}-c`, { method: 'PATCH', headers: { prefer: 'tx=commit' }, body: JSON.stringify({ name: 'Fidelity c' }) });
		expect(res.status).toBe(204);
		expect(res.headers.get('preference-applied')).toContain('tx=commit');
	});
});

describe('rest: Prefer max-affected with handling=strict', () => {
	it('refuses a PATCH that affects more rows (PGRST124) and changes none of them', async () => {
		const { error } = await maxAffected(service.from('products').update({ kind: 'software' }).like('id', `${P}-%`), 2);
		expect(error).toMatchObject({ code: 'PGRST124', message: 'Query result exceeds max-affected preference constraint', details: 'The query affects 3 rows' });
		const kinds = await service.from('products').select('kind').like('id', `${P}-%`);
		expect(kinds.data!.every((r) => r.kind === 'tool')).toBe(true);
	});

	it('refuses a DELETE that affects more rows and deletes none', async () => {
		const res = await serviceRest(`/products?id=like.${P}-*`, { method: 'DELETE', headers: { prefer: 'handling=strict, max-affected=1' } });
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ code: 'PGRST124', details: 'The query affects 3 rows' });
		const left = await service.from('products').select('id').like('id', `${P}-%`);
		expect(left.data).toHaveLength(3);
	});

	it('lets a write within the limit through, and ignores the limit without handling=strict', async () => {
		const within = await maxAffected(service.from('products').update({ kind: 'tool' }).like('id', `${P}-%`), 3);
		expect(within.error).toBeNull();
		const lenient = await serviceRest(`/products?id=like.${P}-*`, { method: 'PATCH', headers: { prefer: 'max-affected=1' }, body: JSON.stringify({ kind: 'tool' }) });
		expect(lenient.status).toBe(204);
	});

	it('does not apply to inserts', async () => {
		const res = await serviceRest('/products', { method: 'POST', headers: { prefer: 'handling=strict, max-affected=0' }, body: JSON.stringify({ id: `${P}-ins`, name: 'Inserted', kind: 'tool' }) });
		expect(res.status).toBe(201);
		await service.from('products').delete().eq('id', `${P}-ins`);
	});
});

describe('rest: embedding as PostgREST plans it', () => {
	it('refuses the same table embedded twice without aliases (42712), and takes it with aliases', async () => {
		const twice = await service.from('products').select('id, product_versions(version), product_versions(released)').like('id', `${P}-%`);
		expect(twice.status).toBe(400);
		expect(twice.error).toMatchObject({ code: '42712', message: 'table name "products_product_versions_1" specified more than once' });
		const aliased = await service.from('products').select('id, v:product_versions(version), r:product_versions(released)').eq('id', `${P}-b`);
		expect(aliased.error).toBeNull();
		expect(aliased.data).toEqual([{ id: `${P}-b`, v: [{ version: '1.0' }], r: [{ released: '2026-02-01' }] }]);
	});

	it('leaves an embed with no columns out of the result: it only filters', async () => {
		const plain = await service.from('products').select('id, product_versions()').like('id', `${P}-%`).order('id');
		expect(plain.error).toBeNull();
		expect(plain.data).toEqual(['a', 'b', 'c'].map((x) => ({ id: `${P}-${x}` })));
		const inner = await service.from('products').select('id, product_versions!inner()').like('id', `${P}-%`).eq('product_versions.version', '2.0');
		expect(inner.error).toBeNull();
		expect(inner.data).toEqual([{ id: `${P}-a` }]);
	});

	it('reads a self-referencing foreign key once: the table name embeds the children, the column the parent', async () => {
		const children = await service.from('tickets').select('id, tickets(id)').limit(1);
		expect(children.error).toBeNull();
		const parent = await service.from('tickets').select('id, follow_up_of(id)').limit(1);
		expect(parent.error).toBeNull();
		const hinted = await service.from('tickets').select('id, follow_ups:tickets!follow_up_of(id)').limit(1);
		expect(hinted.error).toBeNull();
		for (const row of (children.data ?? []) as { tickets: unknown }[]) expect(Array.isArray(row.tickets)).toBe(true);
	});
});

describe.skipIf(!fixtureDbUrl())('rest: RPC overloads, set-returning RPC limits and range operators (fixtures of their own)', () => {
	beforeAll(async () => {
		await fixtureSql(`
			create table public.${FX}_spans (id int primary key, during int4range not null);
			insert into public.${FX}_spans values (1, '[1,5)'), (2, '[3,8)'), (3, '[6,10)'), (4, '[10,20)');
			create table public.${FX}_tree (id int primary key, parent_id int references public.${FX}_tree (id));
			insert into public.${FX}_tree values (1, null), (2, 1), (3, 1), (4, 2);
			create table public.${FX}_links (id int primary key, from_id int references public.${FX}_spans (id), to_id int references public.${FX}_spans (id));
			insert into public.${FX}_links values (1, 1, 2);
			grant select, update on public.${FX}_spans, public.${FX}_tree, public.${FX}_links to anon, authenticated, service_role;
			create function public.${FX}_pick(a int) returns text language sql immutable as $$ select 'a' $$;
			create function public.${FX}_pick(a int, b int default 0) returns text language sql immutable as $$ select 'a,b' $$;
			create function public.${FX}_pick(a text, c int) returns text language sql immutable as $$ select 'a text,c' $$;
			create function public.${FX}_bump(delta int) returns setof public.${FX}_spans language sql volatile as
				$$ update public.${FX}_spans set during = int4range(lower(during) + delta, upper(during) + delta) returning * $$;
			grant execute on function public.${FX}_pick(int), public.${FX}_pick(int, int), public.${FX}_pick(text, int), public.${FX}_bump(int) to anon, authenticated, service_role;
			notify pgrst, 'reload schema';
		`);
		// Wait until the schema cache has the table and every overload.
		expect((await eventually(() => service.from(`${FX}_spans`).select('id'))).error).toBeNull();
		expect((await eventually(() => service.from(`${FX}_tree`).select('id'))).error).toBeNull();
		expect((await eventually(() => service.from(`${FX}_links`).select('id'))).error).toBeNull();
		expect((await eventually(() => service.rpc(`${FX}_pick`, { a: 1, b: 2 }))).error).toBeNull();
	}, 30_000);

	afterAll(async () => {
		await fixtureSql(`drop function if exists public.${FX}_bump(int); drop function if exists public.${FX}_pick(int); drop function if exists public.${FX}_pick(int, int);
			drop function if exists public.${FX}_pick(text, int); drop table if exists public.${FX}_links; drop table if exists public.${FX}_tree; drop table if exists public.${FX}_spans; notify pgrst, 'reload schema';`);
	});

	it('calls the one overload the named arguments fit', async () => {
		expect(await service.rpc(`${FX}_pick`, { a: 1, b: 2 })).toMatchObject({ data: 'a,b', error: null });
		expect(await service.rpc(`${FX}_pick`, { a: 'x', c: 1 })).toMatchObject({ data: 'a text,c', error: null });
	});

	it('answers 300 PGRST203 when several fit, never the database\'s 42725', async () => {
		const { status, error } = await service.rpc(`${FX}_pick`, { a: 1 });
		expect(status).toBe(300);
		expect(error).toMatchObject({ code: 'PGRST203', hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved' });
		expect(error!.message).toMatch(new RegExp(`^Could not choose the best candidate function between: public\\.${FX}_pick\\(`));
		expect(error!.message).toContain(`public.${FX}_pick(a => integer)`);
		expect(error!.message).toContain(`public.${FX}_pick(a => integer, b => integer)`);
	});

	it('answers 404 PGRST202 when none fits, never a syntax error', async () => {
		for (const args of [{ c: 1 }, { a: 1, z: 2 }, {}]) {
			const { status, error } = await service.rpc(`${FX}_pick`, args);
			expect(status, JSON.stringify(args)).toBe(404);
			expect(error, JSON.stringify(args)).toMatchObject({ code: 'PGRST202' });
			expect(error!.message).toMatch(new RegExp(`^Could not find the function public\\.${FX}_pick`));
		}
	});

	it('rolls back an RPC with tx=rollback, and refuses one returning more rows than max-affected', async () => {
		const dry = await service.rpc(`${FX}_bump`, { delta: 100 }).rollback();
		expect(dry.error).toBeNull();
		expect(dry.data).toHaveLength(4);
		const capped = await maxAffected(service.rpc(`${FX}_bump`, { delta: 100 }), 2);
		expect(capped.error).toMatchObject({ code: 'PGRST124', details: 'The query affects 4 rows' });
		const spans = await service.from(`${FX}_spans`).select('id, during').order('id');
		expect(spans.data).toEqual([
			{ id: 1, during: '[1,5)' },
			{ id: 2, during: '[3,8)' },
			{ id: 3, during: '[6,10)' },
			{ id: 4, during: '[10,20)' },
		]);
	});

	it('embeds a self-referencing foreign key by convention: the table name the children, the column the parent', async () => {
		const tree = () => service.from(`${FX}_tree`);
		const children = await tree().select(`id, ${FX}_tree(id)`).order('id');
		expect(children.error).toBeNull();
		expect(children.data).toEqual([
			{ id: 1, [`${FX}_tree`]: [{ id: 2 }, { id: 3 }] },
			{ id: 2, [`${FX}_tree`]: [{ id: 4 }] },
			{ id: 3, [`${FX}_tree`]: [] },
			{ id: 4, [`${FX}_tree`]: [] },
		]);
		const parents = await tree().select('id, parent:parent_id(id)').order('id');
		expect(parents.error).toBeNull();
		expect(parents.data).toEqual([
			{ id: 1, parent: null },
			{ id: 2, parent: { id: 1 } },
			{ id: 3, parent: { id: 1 } },
			{ id: 4, parent: { id: 2 } },
		]);
		const hinted = await tree().select(`id, kids:${FX}_tree!parent_id(id)`).eq('id', 2);
		expect(hinted.data).toEqual([{ id: 2, kids: [{ id: 4 }] }]);
		// The constraint's name picks neither side of a self-reference.
		const byConstraint = await tree().select(`id, ${FX}_tree!${FX}_tree_parent_id_fkey(id)`);
		expect(byConstraint.error).toMatchObject({ code: 'PGRST200' });
	});

	it('answers 300 PGRST201 when two foreign keys really relate the tables, each listed once', async () => {
		const { status, error } = await service.from(`${FX}_spans`).select(`id, ${FX}_links(id)`);
		expect(status).toBe(300);
		expect(error).toMatchObject({ code: 'PGRST201', message: `Could not embed because more than one relationship was found for '${FX}_spans' and '${FX}_links'` });
		const details = error!.details as unknown as { cardinality: string; relationship: string }[];
		expect(details.map((d) => d.cardinality)).toEqual(['one-to-many', 'one-to-many']);
		expect(new Set(details.map((d) => d.relationship.split(' ')[0]))).toEqual(new Set([`${FX}_links_from_id_fkey`, `${FX}_links_to_id_fkey`]));
		const picked = await service.from(`${FX}_spans`).select(`id, ${FX}_links!from_id(id)`).eq('id', 1);
		expect(picked.data).toEqual([{ id: 1, [`${FX}_links`]: [{ id: 1 }] }]);
	});

	it('filters ranges as PostgREST does: rangeGte is nxl (&>), rangeLte is nxr (&<)', async () => {
		const ids = async (q: PromiseLike<{ data: { id: number }[] | null; error: unknown }>) => {
			const { data, error } = await q;
			expect(error).toBeNull();
			return data!.map((r) => r.id);
		};
		const spans = () => service.from(`${FX}_spans`).select('id').order('id');
		expect(await ids(spans().rangeGte('during', '[5,10)'))).toEqual([3, 4]);
		expect(await ids(spans().rangeLte('during', '[5,10)'))).toEqual([1, 2, 3]);
		expect(await ids(spans().rangeGt('during', '[5,10)'))).toEqual([4]);
		expect(await ids(spans().rangeLt('during', '[5,10)'))).toEqual([1]);
		expect(await ids(spans().rangeAdjacent('during', '[5,10)'))).toEqual([1, 4]);
		expect(await ids(spans().overlaps('during', '[5,10)'))).toEqual([2, 3]);
	});
});
