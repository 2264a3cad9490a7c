// The PostgREST surface (/rest/v1) as supabase-js uses it: reads with every filter, order and paging,
// counts, single objects, embedding, writes and upserts, RPC, errors and row-level security. Runs
// against the local stand-in and, unchanged, against a real Supabase (see global-setup.ts).
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { anonClient, serviceClient, signedInUser, url, type TestUser } from './client.ts';
import { signJwt } from '../../supabase/local/jwt.ts';

const P = `rt${randomUUID().slice(0, 8)}`;
const ids = { alpha: `${P}-alpha`, beta: `${P}-beta`, gamma: `${P}-gamma` };
const mine = `${P}-*`;

let anon: SupabaseClient;
let service: SupabaseClient;
let alice: TestUser;
let bob: TestUser;
let orgId: string;
let ticketIds: string[];

async function rest(path: string, init: RequestInit & { key?: string; token?: string } = {}): Promise<Response> {
	const key = init.key ?? inject('anonKey');
	const headers = new Headers(init.headers);
	headers.set('apikey', key);
	headers.set('authorization', `Bearer ${init.token ?? key}`);
	return fetch(`${url()}/rest/v1${path}`, { ...init, headers });
}

beforeAll(async () => {
	anon = anonClient();
	service = serviceClient();
	const products = await service.from('products').insert([
		{ id: ids.alpha, name: 'Alpha tool, v1 (beta)', kind: 'tool' },
		{ id: ids.beta, name: 'Beta Software', kind: 'software' },
		{ id: ids.gamma, name: 'gamma quick brown fox', kind: 'software' },
	]);
	expect(products.error).toBeNull();
	const versions = await service.from('product_versions').insert([
		{ product_id: ids.alpha, version: '1.0', released: '2025-01-10', eol_announced: '2025-06-01', eol: '2026-01-01' },
		{ product_id: ids.alpha, version: '2.0', released: '2025-09-01' },
		{ product_id: ids.beta, version: '1.0', released: '2024-03-03' },
	]);
	expect(versions.error).toBeNull();
	[alice, bob] = await Promise.all([signedInUser('rest-alice', { full_name: 'Alice Rest' }), signedInUser('rest-bob')]);
	const org = await service
		.from('organisations')
		.insert({ name: `Rest ${P}`, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' })
		.select('id')
		.single();
	expect(org.error).toBeNull();
	orgId = org.data!.id;
	expect((await service.from('memberships').insert({ organisation_id: orgId, user_id: alice.id, role: 'coordinator' })).error).toBeNull();
	ticketIds = [];
	for (const subject of ['First rest ticket', 'Second rest ticket']) {
		const t = await service.rpc('create_ticket', { ticket: { requester_id: alice.id, organisation_id: orgId, severity: 'P3', subject, description: `About ${subject}` } });
		expect(t.error).toBeNull();
		ticketIds.push(t.data.id);
	}
});

afterAll(async () => {
	if (!service) return;
	if (orgId) await service.from('organisations').delete().eq('id', orgId);
	await service.from('products').delete().like('id', mine);
	for (const u of [alice, bob]) if (u) await service.auth.admin.deleteUser(u.id);
});

describe('select', () => {
	it('renames and casts columns', async () => {
		const { data, error, status } = await anon.from('plans').select('plan:id, contacts:authorized_contacts::text, name').eq('programme_id', 'estandar-extendido').eq('id', 'estandar').single();
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(data).toEqual({ plan: 'estandar', contacts: '2', name: 'Soporte estándar' });
	});

	it('reads into JSON columns with -> and ->>', async () => {
		const { data, error } = await anon.from('calendars').select('id, monday:hours->mon, opens:hours->mon->0->>0').eq('id', 'oficina-cdmx').single();
		expect(error).toBeNull();
		expect(data).toEqual({ id: 'oficina-cdmx', monday: [['09:00', '18:00']], opens: '09:00' });
	});

	it('returns every column for *, with types serialised by Postgres', async () => {
		const { data, error } = await anon.from('product_versions').select('*').eq('product_id', ids.alpha).eq('version', '1.0');
		expect(error).toBeNull();
		expect(data).toEqual([{ product_id: ids.alpha, version: '1.0', released: '2025-01-10', eol_announced: '2025-06-01', eol: '2026-01-01' }]);
	});

	it('answers an unknown column with 400 42703', async () => {
		const { error, status } = await anon.from('products').select('id, colour');
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: '42703', message: 'column products.colour does not exist' });
	});

	it('answers an unknown table with 404 PGRST205', async () => {
		const { error, status } = await anon.from('productz').select('*');
		expect(status).toBe(404);
		expect(error).toMatchObject({ code: 'PGRST205', message: "Could not find the table 'public.productz' in the schema cache", hint: "Perhaps you meant the table 'public.products'" });
	});

	it('refuses a schema that is not exposed with 406 PGRST106', async () => {
		const privateDb = createClient(url(), inject('anonKey'), { db: { schema: 'private' }, auth: { persistSession: false } });
		const { error, status } = await privateDb.from('anything').select('*');
		expect(status).toBe(406);
		expect(error).toMatchObject({ code: 'PGRST106', message: 'Invalid schema: private' });
		expect(error!.hint).toMatch(/^Only the following schemas are exposed: .*public/);
	});
});

describe('filters', () => {
	const idsOf = (rows: { id: string }[] | null) => (rows ?? []).map((r) => r.id).sort();

	it('eq and neq', async () => {
		expect(idsOf((await anon.from('products').select('id').like('id', mine).eq('kind', 'tool')).data)).toEqual([ids.alpha]);
		expect(idsOf((await anon.from('products').select('id').like('id', mine).neq('kind', 'tool')).data)).toEqual([ids.beta, ids.gamma]);
	});

	it('gt, gte, lt, lte with values Postgres casts to the column type', async () => {
		const q = () => anon.from('product_versions').select('product_id, version').like('product_id', mine);
		expect((await q().gt('released', '2025-01-10')).data).toEqual([{ product_id: ids.alpha, version: '2.0' }]);
		expect((await q().gte('released', '2025-01-10')).data).toHaveLength(2);
		expect((await q().lt('released', '2025-01-10')).data).toEqual([{ product_id: ids.beta, version: '1.0' }]);
		expect((await q().lte('released', '2025-01-10')).data).toHaveLength(2);
	});

	it('a value the column type cannot take is 400 22P02', async () => {
		const { error, status } = await anon.from('plans').select('id').eq('monthly_quota', 'many');
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: '22P02', message: 'invalid input syntax for type integer: "many"' });
	});

	it('like and ilike, with * standing for %', async () => {
		expect(idsOf((await anon.from('products').select('id').like('id', mine).like('name', '%Software')).data)).toEqual([ids.beta]);
		expect(idsOf((await anon.from('products').select('id').like('id', mine).ilike('name', '*BROWN*')).data)).toEqual([ids.gamma]);
		expect((await anon.from('products').select('id').like('id', mine).like('name', '*BROWN*')).data).toEqual([]);
	});

	it('match and imatch', async () => {
		expect(idsOf((await anon.from('products').select('id').like('id', mine).match({ kind: 'software' }).filter('name', 'match', '^[A-Z]')).data)).toEqual([ids.beta]);
		expect(idsOf((await anon.from('products').select('id').like('id', mine).filter('name', 'imatch', '^(alpha|GAMMA)')).data)).toEqual([ids.alpha, ids.gamma]);
	});

	it('in, with values holding commas and parentheses quoted', async () => {
		const { data, error } = await anon.from('products').select('id').in('name', ['Alpha tool, v1 (beta)', 'Beta Software', 'nothing']);
		expect(error).toBeNull();
		expect(idsOf(data)).toEqual([ids.alpha, ids.beta]);
		expect(idsOf((await anon.from('products').select('id').like('id', mine).not('id', 'in', `(${ids.alpha},${ids.beta})`)).data)).toEqual([ids.gamma]);
	});

	it('is null, not is null, is true', async () => {
		const q = () => anon.from('product_versions').select('product_id, version').like('product_id', mine);
		expect((await q().is('eol', null)).data).toHaveLength(2);
		expect((await q().not('eol', 'is', null)).data).toEqual([{ product_id: ids.alpha, version: '1.0' }]);
		expect((await anon.from('programmes').select('id').is('active', true)).data).toHaveLength(1);
	});

	it('isdistinct treats null as a value', async () => {
		const { data } = await anon.from('product_versions').select('version').like('product_id', mine).filter('eol', 'isdistinct', '2026-01-01');
		expect(data).toHaveLength(2);
	});

	it('cs, cd and ov on arrays', async () => {
		const q = () => anon.from('plans').select('id').eq('programme_id', 'estandar-extendido');
		expect(idsOf((await q().contains('channels', ['remote'])).data)).toEqual(['extendido']);
		expect(idsOf((await q().containedBy('channels', ['web', 'email', 'phone'])).data)).toEqual(['estandar']);
		expect(idsOf((await q().overlaps('channels', ['remote', 'chat'])).data)).toEqual(['extendido']);
	});

	it('cs on jsonb', async () => {
		const { data } = await anon.from('calendars').select('id').contains('hours', { sat: [['00:00', '24:00']] });
		expect(idsOf(data)).toContain('siempre');
		expect(idsOf(data)).not.toContain('oficina-cdmx');
	});

	it('full-text search: fts, plfts, phfts, wfts', async () => {
		const q = () => anon.from('products').select('id').like('id', mine);
		expect(idsOf((await q().textSearch('name', 'quick & fox', { config: 'simple' })).data)).toEqual([ids.gamma]);
		expect(idsOf((await q().textSearch('name', 'brown quick', { type: 'plain', config: 'simple' })).data)).toEqual([ids.gamma]);
		expect((await q().textSearch('name', 'brown quick', { type: 'phrase', config: 'simple' })).data).toEqual([]);
		expect(idsOf((await q().textSearch('name', '"quick brown" -alpha', { type: 'websearch', config: 'simple' })).data)).toEqual([ids.gamma]);
	});

	it('any and all modifiers', async () => {
		expect(idsOf((await anon.from('products').select('id').likeAnyOf('id', [`${P}-a*`, `${P}-g*`])).data)).toEqual([ids.alpha, ids.gamma]);
		expect(idsOf((await anon.from('products').select('id').like('id', mine).filter('kind', 'eq(any)', '{tool,nothing}')).data)).toEqual([ids.alpha]);
		expect(idsOf((await anon.from('products').select('id').likeAllOf('name', ['%t%', '%a%']).like('id', mine)).data)).toEqual([ids.alpha, ids.beta]);
	});

	it('or with nested and, and not.and inside', async () => {
		const q = () => anon.from('severities').select('key').eq('programme_id', 'estandar-extendido').order('position');
		expect((await q().or('key.eq.P1,and(position.gte.3,position.lte.3)')).data).toEqual([{ key: 'P1' }, { key: 'P3' }]);
		expect((await q().or('not.and(position.gte.2,position.lte.3)')).data).toEqual([{ key: 'P1' }, { key: 'P4' }]);
		expect((await q().or('key.in.(P2,P4),key.eq."P1"')).data).toEqual([{ key: 'P1' }, { key: 'P2' }, { key: 'P4' }]);
	});

	it('not.or on the query string', async () => {
		const res = await rest(`/severities?select=key&programme_id=eq.estandar-extendido&not.or=(key.eq.P1,key.eq.P2)&order=key`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual([{ key: 'P3' }, { key: 'P4' }]);
	});

	it('filters on JSON paths', async () => {
		const { data } = await anon.from('calendars').select('id').eq('hours->mon->0->>0', '09:00');
		expect(idsOf(data)).toContain('oficina-cdmx');
		expect(idsOf(data)).not.toContain('siempre');
	});

	it('an unknown operator is 400 PGRST100', async () => {
		const { error, status } = await anon.from('products').select('id').filter('id', 'equals', 'x');
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: 'PGRST100', message: '"failed to parse filter (equals.x)" (line 1, column 1)' });
	});

	it('an unparsable logic tree or select is 400 PGRST100', async () => {
		for (const path of ['/products?or=(id.eq.1', '/products?select=id,(', '/products?order=id.sideways', '/products?limit=ten']) {
			const res = await rest(path);
			expect(res.status, path).toBe(400);
			expect((await res.json()).code, path).toBe('PGRST100');
		}
	});
});

describe('order, paging and counts', () => {
	it('orders by several columns with nulls first', async () => {
		const { data } = await anon.from('product_versions').select('product_id, version').like('product_id', mine).order('eol', { ascending: true, nullsFirst: true }).order('version', { ascending: false });
		expect(data).toEqual([
			{ product_id: ids.alpha, version: '2.0' },
			{ product_id: ids.beta, version: '1.0' },
			{ product_id: ids.alpha, version: '1.0' },
		]);
	});

	it('limit and range', async () => {
		const q = () => anon.from('severities').select('key').eq('programme_id', 'estandar-extendido').order('position');
		expect((await q().limit(2)).data).toEqual([{ key: 'P1' }, { key: 'P2' }]);
		expect((await q().range(1, 2)).data).toEqual([{ key: 'P2' }, { key: 'P3' }]);
	});

	it('count=exact with head: count, no rows', async () => {
		const { data, count, error, status } = await anon.from('products').select('*', { count: 'exact', head: true }).like('id', mine);
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(data).toBeNull();
		expect(count).toBe(3);
	});

	it('count=exact on a page: the total, the page, 206', async () => {
		const { data, count, status } = await anon.from('products').select('id', { count: 'exact' }).like('id', mine).order('id').range(0, 1);
		expect(status).toBe(206);
		expect(count).toBe(3);
		expect(data).toEqual([{ id: ids.alpha }, { id: ids.beta }]);
	});

	it('Content-Range on HEAD and on a page past the end', async () => {
		const head = await rest(`/products?select=id&id=like.${P}-*`, { method: 'HEAD', headers: { prefer: 'count=exact' } });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-range')).toBe('0-2/3');
		const empty = await rest(`/products?select=id&id=eq.${P}-none`);
		expect(empty.headers.get('content-range')).toBe('*/*');
		const past = await rest(`/products?select=id&id=like.${P}-*&offset=5`, { headers: { prefer: 'count=exact' } });
		expect(past.status).toBe(416);
		expect(await past.json()).toMatchObject({ code: 'PGRST103', details: 'An offset of 5 was requested, but there are only 3 rows.' });
	});

	it('single() with one row is the object', async () => {
		const { data, status } = await anon.from('products').select('id, kind').eq('id', ids.beta).single();
		expect(status).toBe(200);
		expect(data).toEqual({ id: ids.beta, kind: 'software' });
	});

	it('single() with no row is 406 PGRST116', async () => {
		const { data, error, status } = await anon.from('products').select('id').eq('id', `${P}-none`).single();
		expect(status).toBe(406);
		expect(data).toBeNull();
		expect(error).toMatchObject({ code: 'PGRST116', message: 'Cannot coerce the result to a single JSON object', details: 'The result contains 0 rows' });
	});

	it('single() with several rows is 406 PGRST116', async () => {
		const { error, status } = await anon.from('products').select('id').like('id', mine).single();
		expect(status).toBe(406);
		expect(error).toMatchObject({ code: 'PGRST116', details: 'The result contains 3 rows' });
	});

	it('maybeSingle() with no row is null without error', async () => {
		const { data, error, status } = await anon.from('products').select('id').eq('id', `${P}-none`).maybeSingle();
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(data).toBeNull();
	});
});

describe('embedding', () => {
	it('many-to-one embeds an object', async () => {
		const { data, error } = await anon.from('product_versions').select('version, product:products(id, kind)').eq('product_id', ids.beta);
		expect(error).toBeNull();
		expect(data).toEqual([{ version: '1.0', product: { id: ids.beta, kind: 'software' } }]);
	});

	it('many-to-one over a composite foreign key', async () => {
		const { data } = await anon.from('plans').select('id, calendar:calendars(id), programme:programmes(id)').eq('programme_id', 'estandar-extendido').eq('id', 'estandar').single();
		expect(data).toEqual({ id: 'estandar', calendar: { id: 'oficina-cdmx' }, programme: { id: 'estandar-extendido' } });
	});

	it('one-to-many embeds an array, with embedded filters, order and limit', async () => {
		const { data, error } = await anon
			.from('products')
			.select('id, product_versions(version)')
			.like('id', mine)
			.order('id')
			.order('version', { referencedTable: 'product_versions', ascending: false })
			.limit(1, { referencedTable: 'product_versions' });
		expect(error).toBeNull();
		expect(data).toEqual([
			{ id: ids.alpha, product_versions: [{ version: '2.0' }] },
			{ id: ids.beta, product_versions: [{ version: '1.0' }] },
			{ id: ids.gamma, product_versions: [] },
		]);
	});

	it('!inner drops parents without a matching embedded row', async () => {
		const { data } = await anon.from('products').select('id, versions:product_versions!inner(version)').like('id', mine).eq('versions.version', '2.0');
		expect(data).toEqual([{ id: ids.alpha, versions: [{ version: '2.0' }] }]);
	});

	it('an embedded filter without !inner only filters the embedded rows', async () => {
		const { data } = await anon.from('products').select('id, versions:product_versions(version)').like('id', mine).eq('versions.version', '2.0').order('id');
		expect(data).toEqual([
			{ id: ids.alpha, versions: [{ version: '2.0' }] },
			{ id: ids.beta, versions: [] },
			{ id: ids.gamma, versions: [] },
		]);
	});

	it('two foreign keys to one table: 300 PGRST201, resolved with a hint', async () => {
		const ambiguous = await anon.from('article_comments').select('id, profiles(full_name)');
		expect(ambiguous.status).toBe(300);
		expect(ambiguous.error).toMatchObject({ code: 'PGRST201', message: "Could not embed because more than one relationship was found for 'article_comments' and 'profiles'" });
		expect(ambiguous.error!.details).toHaveLength(2);
		// Neither anon nor signed-in users may read author_id (only the service role), so the hinted
		// embed is read with the service key; for a signed-in user it is the privilege error.
		const hinted = await service.from('article_comments').select('id, author:profiles!author_id(full_name)').limit(1);
		expect((await alice.client.from('article_comments').select('id, author:profiles!author_id(full_name)').limit(1)).error).toMatchObject({ code: '42501' });
		expect(hinted.error).toBeNull();
		expect(Array.isArray(hinted.data)).toBe(true);
	});

	it('no relationship is 400 PGRST200', async () => {
		const { error, status } = await anon.from('products').select('id, calendars(id)');
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: 'PGRST200', message: "Could not find a relationship between 'products' and 'calendars' in the schema cache" });
	});

	it('a filter on a resource that is not embedded is 400 PGRST108', async () => {
		const { error, status } = await anon.from('products').select('id').eq('product_versions.version', '1.0');
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: 'PGRST108' });
	});

	it('embedded rows are read as the caller: RLS applies to them', async () => {
		const { data, error } = await alice.client.from('tickets').select('subject, organisation:organisations(name), requester:profiles(full_name)').eq('organisation_id', orgId).order('number');
		expect(error).toBeNull();
		expect(data).toEqual([
			{ subject: 'First rest ticket', organisation: { name: `Rest ${P}` }, requester: { full_name: 'Alice Rest' } },
			{ subject: 'Second rest ticket', organisation: { name: `Rest ${P}` }, requester: { full_name: 'Alice Rest' } },
		]);
	});
});

describe('writes', () => {
	it('insert without select: 201, no body, the row is there', async () => {
		const { data, error, status } = await service.from('products').insert({ id: `${P}-w1`, name: 'W1', kind: 'tool' });
		expect(error).toBeNull();
		expect(status).toBe(201);
		expect(data).toBeNull();
		expect((await anon.from('products').select('name').eq('id', `${P}-w1`).single()).data).toEqual({ name: 'W1' });
	});

	it('bulk insert with select returns the rows shaped by select', async () => {
		const { data, status } = await service
			.from('products')
			.insert([
				{ id: `${P}-w2`, name: 'W2', kind: 'tool' },
				{ id: `${P}-w3`, name: 'W3', kind: 'software' },
			])
			.select('id, label:name');
		expect(status).toBe(201);
		expect(data).toEqual([
			{ id: `${P}-w2`, label: 'W2' },
			{ id: `${P}-w3`, label: 'W3' },
		]);
	});

	it('a duplicate key is 409 23505', async () => {
		const { error, status } = await service.from('products').insert({ id: ids.alpha, name: 'again', kind: 'tool' });
		expect(status).toBe(409);
		expect(error).toMatchObject({ code: '23505', message: 'duplicate key value violates unique constraint "products_pkey"' });
	});

	it('a key that is not a column is 400 PGRST204', async () => {
		const { error, status } = await service.from('products').insert({ id: `${P}-w4`, name: 'W4', kind: 'tool', colour: 'red' });
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: 'PGRST204', message: "Could not find the 'colour' column of 'products' in the schema cache" });
	});

	it('a check constraint is 400 23514, and a bad value 400 22P02', async () => {
		const check = await service.from('products').insert({ id: `${P}-w5`, name: 'W5', kind: 'gadget' });
		expect(check.status).toBe(400);
		expect(check.error!.code).toBe('23514');
		const bad = await service.from('product_versions').insert({ product_id: ids.gamma, version: '1.0', released: 'yesterday-ish' });
		expect(bad.status).toBe(400);
		expect(bad.error!.code).toBe('22007');
	});

	it('invalid JSON is 400 PGRST102', async () => {
		const res = await rest('/products', { method: 'POST', key: inject('serviceRoleKey'), headers: { 'content-type': 'application/json' }, body: '{"id":' });
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ code: 'PGRST102' });
	});

	it('upsert merges duplicates (200 when nothing new) and ignores them when asked', async () => {
		const merged = await service.from('products').upsert({ id: `${P}-w1`, name: 'W1 merged', kind: 'tool' }).select('id, name');
		expect(merged.status).toBe(200);
		expect(merged.data).toEqual([{ id: `${P}-w1`, name: 'W1 merged' }]);
		const ignored = await service
			.from('products')
			.upsert(
				[
					{ id: `${P}-w1`, name: 'W1 ignored', kind: 'tool' },
					{ id: `${P}-w6`, name: 'W6', kind: 'tool' },
				],
				{ ignoreDuplicates: true },
			)
			.select('id, name');
		expect(ignored.status).toBe(201);
		expect(ignored.data).toEqual([{ id: `${P}-w6`, name: 'W6' }]);
		expect((await anon.from('products').select('name').eq('id', `${P}-w1`).single()).data).toEqual({ name: 'W1 merged' });
	});

	it('upsert on another unique constraint with onConflict', async () => {
		const first = await service.from('product_versions').upsert({ product_id: ids.gamma, version: '3.0', released: '2026-02-02' }, { onConflict: 'product_id,version' }).select('released');
		expect(first.data).toEqual([{ released: '2026-02-02' }]);
		const second = await service.from('product_versions').upsert({ product_id: ids.gamma, version: '3.0', released: '2026-03-03' }, { onConflict: 'product_id,version' }).select('released');
		expect(second.data).toEqual([{ released: '2026-03-03' }]);
	});

	it('bulk insert: missing keys are null, or the column default with defaultToNull: false', async () => {
		const base = { programme_id: 'estandar-extendido', plan_id: 'extendido', contract_start: '2026-01-01', timezone: 'UTC' };
		const explicit = randomUUID();
		const nulls = await service.from('organisations').insert([{ ...base, id: explicit, name: `N1 ${P}` }, { ...base, name: `N2 ${P}` }]);
		expect(nulls.status).toBe(400);
		expect(nulls.error!.code).toBe('23502');
		const defaults = await service
			.from('organisations')
			.insert([{ ...base, id: explicit, name: `D1 ${P}` }, { ...base, name: `D2 ${P}` }], { defaultToNull: false })
			.select('id, name');
		expect(defaults.error).toBeNull();
		expect(defaults.data![0]).toEqual({ id: explicit, name: `D1 ${P}` });
		expect(defaults.data![1].id).toMatch(/^[0-9a-f-]{36}$/);
		await service.from('organisations').delete().in('name', [`D1 ${P}`, `D2 ${P}`]);
	});

	it('update with select returns the changed rows; without select 204; no match is []', async () => {
		const changed = await service.from('products').update({ kind: 'software' }).in('id', [`${P}-w2`, `${P}-w6`]).select('id, kind');
		expect(changed.status).toBe(200);
		expect(changed.data!.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
			{ id: `${P}-w2`, kind: 'software' },
			{ id: `${P}-w6`, kind: 'software' },
		]);
		const minimal = await service.from('products').update({ name: 'W2 renamed' }).eq('id', `${P}-w2`);
		expect(minimal.status).toBe(204);
		expect(minimal.data).toBeNull();
		const none = await service.from('products').update({ name: 'nobody' }).eq('id', `${P}-none`).select();
		expect(none.status).toBe(200);
		expect(none.data).toEqual([]);
	});

	it('delete with count and select', async () => {
		const { data, count, status } = await service.from('products').delete({ count: 'exact' }).in('id', [`${P}-w3`, `${P}-w6`]).select('id');
		expect(status).toBe(200);
		expect(count).toBe(2);
		expect(data!.sort((a, b) => a.id.localeCompare(b.id))).toEqual([{ id: `${P}-w3` }, { id: `${P}-w6` }]);
		expect((await anon.from('products').select('id').in('id', [`${P}-w3`, `${P}-w6`])).data).toEqual([]);
	});

	it('a singular write touching two rows is 406 PGRST116 and rolled back', async () => {
		const { error, status } = await service
			.from('products')
			.insert([
				{ id: `${P}-s1`, name: 'S1', kind: 'tool' },
				{ id: `${P}-s2`, name: 'S2', kind: 'tool' },
			])
			.select()
			.single();
		expect(status).toBe(406);
		expect(error).toMatchObject({ code: 'PGRST116', details: 'The result contains 2 rows' });
		expect((await anon.from('products').select('id').in('id', [`${P}-s1`, `${P}-s2`])).data).toEqual([]);
	});
});

describe('row-level security and grants', () => {
	it('anon writing a table it has no grant on: 401 42501', async () => {
		const { error, status } = await anon.from('products').insert({ id: `${P}-anon`, name: 'x', kind: 'tool' });
		expect(status).toBe(401);
		expect(error).toMatchObject({ code: '42501', message: 'permission denied for table products' });
	});

	it('a signed-in user writing it: 403 42501', async () => {
		const { error, status } = await alice.client.from('products').insert({ id: `${P}-alice`, name: 'x', kind: 'tool' });
		expect(status).toBe(403);
		expect(error).toMatchObject({ code: '42501' });
	});

	it('anon reading tickets: 401 42501', async () => {
		const { error, status } = await anon.from('tickets').select('id');
		expect(status).toBe(401);
		expect(error!.code).toBe('42501');
	});

	it('rows RLS hides are simply absent', async () => {
		const mineTickets = await alice.client.from('tickets').select('id').eq('organisation_id', orgId);
		expect(mineTickets.data).toHaveLength(2);
		const theirs = await bob.client.from('tickets').select('id', { count: 'exact' }).eq('organisation_id', orgId);
		expect(theirs.error).toBeNull();
		expect(theirs.data).toEqual([]);
		expect(theirs.count).toBe(0);
	});

	it('an update of a row RLS hides changes nothing', async () => {
		const { data, error, status } = await bob.client.from('profiles').update({ full_name: 'Hijacked' }).eq('id', alice.id).select();
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(data).toEqual([]);
		expect((await alice.client.from('profiles').select('full_name').eq('id', alice.id).single()).data).toEqual({ full_name: 'Alice Rest' });
	});

	it('a user updates their own row', async () => {
		const { data, error } = await bob.client.from('profiles').update({ full_name: 'Bob Rest' }).eq('id', bob.id).select('full_name').single();
		expect(error).toBeNull();
		expect(data).toEqual({ full_name: 'Bob Rest' });
	});

	it('a trigger refusing a change surfaces its stable code', async () => {
		const { error, status } = await bob.client.from('profiles').update({ email: 'other@example.test' }).eq('id', bob.id);
		expect(status).toBe(403);
		expect(error).toMatchObject({ code: '42501', message: 'profile_field_readonly' });
	});
});

describe('rpc', () => {
	const article = `rest/${P}`;
	// Votes go only to published articles: this one is published for the suite and removed after it.
	beforeAll(async () => {
		expect((await service.from('articles').insert({ slug: article, title: 'Rest', lang: 'es' })).error).toBeNull();
	});
	afterAll(async () => {
		await service.from('article_votes').delete().eq('article_slug', article);
		await service.from('articles').delete().eq('slug', article);
	});

	it('POST with named arguments: TABLE result is an array', async () => {
		const { data, error, status } = await anon.rpc('article_feedback_summary', { article });
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(data).toEqual([{ helpful: 0, not_helpful: 0 }]);
	});

	it('void result is 204 with no data', async () => {
		const { data, error, status } = await anon.rpc('vote_article', { article, helpful: true, anon_key: `k-${randomUUID()}` });
		expect(error).toBeNull();
		expect(status).toBe(204);
		expect(data).toBeNull();
		expect((await anon.rpc('article_feedback_summary', { article })).data).toEqual([{ helpful: 1, not_helpful: 0 }]);
	});

	it('GET with {get: true}, with select and filters on the result', async () => {
		const { data, error } = await anon.rpc('article_feedback_summary', { article }, { get: true }).select('helpful').gte('helpful', 1);
		expect(error).toBeNull();
		expect(data).toEqual([{ helpful: 1 }]);
	});

	it('GET runs read-only: a writing function is 405 25006', async () => {
		const { error, status } = await anon.rpc('vote_article', { article, helpful: false, anon_key: `k-${randomUUID()}` }, { get: true });
		expect(status).toBe(405);
		expect(error).toMatchObject({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' });
	});

	it('a stable error code raised by the function is 400 P0001', async () => {
		const { error, status } = await anon.rpc('vote_article', { article, helpful: true });
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: 'P0001', message: 'anon_key_required', details: 'Anonymous votes need a session key.' });
	});

	it('an unknown function is 404 PGRST202', async () => {
		const { error, status } = await anon.rpc('no_such_function', { b: 1, a: 2 });
		expect(status).toBe(404);
		expect(error).toMatchObject({
			code: 'PGRST202',
			message: 'Could not find the function public.no_such_function(a, b) in the schema cache',
			details: 'Searched for the function public.no_such_function with parameters a, b or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
		});
	});

	it('arguments that match no overload are 404 PGRST202', async () => {
		const { error, status } = await anon.rpc('article_feedback_summary', { slug: article });
		expect(status).toBe(404);
		expect(error).toMatchObject({
			code: 'PGRST202',
			message: 'Could not find the function public.article_feedback_summary(slug) in the schema cache',
			details: 'Searched for the function public.article_feedback_summary with parameter slug or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
		});
	});

	it('execute revoked: anon 401 and authenticated 403, both 42501', async () => {
		const asAnon = await anon.rpc('join_organisation', { code: 'ABCD-EFGH-IJKL' });
		expect(asAnon.status).toBe(401);
		expect(asAnon.error).toMatchObject({ code: '42501', message: 'permission denied for function join_organisation' });
		const asUser = await alice.client.rpc('create_ticket', { ticket: {} });
		expect(asUser.status).toBe(403);
		expect(asUser.error).toMatchObject({ code: '42501', message: 'permission denied for function create_ticket' });
	});

	it('scalar results are bare JSON, composite results an object', async () => {
		const code = await alice.client.rpc('create_invitation', { organisation: orgId });
		expect(code.error).toBeNull();
		expect(code.data).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
		const joined = await bob.client.rpc('join_organisation', { code: code.data });
		expect(joined.error).toBeNull();
		expect(joined.data).toBe(orgId);
		const reply = await bob.client.rpc('reply_to_ticket', { ticket: ticketIds[0], body: 'Any news?' });
		expect(reply.error).toBeNull();
		expect(reply.data).toMatchObject({ ticket_id: ticketIds[0], author_id: bob.id, body: 'Any news?', visibility: 'public' });
		// Now a member, Bob sees the organisation's tickets.
		expect((await bob.client.from('tickets').select('id').eq('organisation_id', orgId)).data).toHaveLength(2);
	});

	it('a composite result can be shaped with select and embed', async () => {
		const { data, error } = await alice.client.rpc('reply_to_ticket', { ticket: ticketIds[1], body: 'Adding details' }).select('body, ticket:tickets(subject)').single();
		expect(error).toBeNull();
		expect(data).toEqual({ body: 'Adding details', ticket: { subject: 'Second rest ticket' } });
	});

	it('a function error names the ticket the caller cannot see', async () => {
		const stranger = await signedInUser('rest-stranger');
		const { error, status } = await stranger.client.rpc('reply_to_ticket', { ticket: ticketIds[0], body: 'hello' });
		expect(status).toBe(404);
		expect(error).toMatchObject({ code: 'PT404', message: 'ticket_not_found' });
		await service.auth.admin.deleteUser(stranger.id);
	});
});

describe('authentication', () => {
	it('a token that is not a JWT is 401 PGRST301', async () => {
		const res = await rest('/products?select=id&limit=1', { token: 'not-a-jwt' });
		expect(res.status).toBe(401);
		expect((await res.json()).code).toBe('PGRST301');
		expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
	});

	it.skipIf(!inject('jwtSecret'))('an expired token is 401 PGRST303 "JWT expired"', async () => {
		const token = await signJwt({ sub: randomUUID(), role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) - 3600 }, inject('jwtSecret'));
		const res = await rest('/products?select=id&limit=1', { token });
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
		expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="JWT expired"');
	});

	it.skipIf(!inject('jwtSecret'))('a role the database does not have is 401', async () => {
		const token = await signJwt({ role: 'superhero', exp: Math.floor(Date.now() / 1000) + 600 }, inject('jwtSecret'));
		const res = await rest('/products?select=id&limit=1', { token });
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ code: '22023', message: 'role "superhero" does not exist' });
	});
});

describe('concurrency', () => {
	it('20 parallel requests all complete', async () => {
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => (i % 2 ? anon.from('products').select('id').in('id', Object.values(ids)) : alice.client.from('tickets').select('id').eq('organisation_id', orgId))),
		);
		for (const r of results) expect(r.error).toBeNull();
		expect(results.map((r) => r.data!.length)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 3 : 2)));
	});
});
