// Writes with nothing in them, as PostgREST v14 answers them: a PATCH whose body names no column
// (`{}`, `[]`, `[{}]`) runs no UPDATE at all but selects an empty result from the table
// (src/PostgREST/Query/QueryBuilder.hs, mutatePlanToQuery for Update with no columns), so it changes
// nothing, needs no filter and no UPDATE privilege, and answers 204 (200 with `[]` for
// return=representation) with Content-Range `*/*`. A POST of `[]` inserts nothing (201; an upsert
// that inserts nothing is 200), a POST of `{}` inserts one row of defaults, and a JSON value that is
// neither an object nor an array counts as `[]` (src/PostgREST/ApiRequest/Payload.hs). Runs against
// the local stand-in and, unchanged, against a real Supabase (see global-setup.ts).
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { anonClient, serviceClient, url } from './client.ts';

const P = `eb${randomUUID().slice(0, 8)}`;
const id = `${P}-one`;
const row = { id, name: 'Empty body probe', kind: 'tool' };

let anon: SupabaseClient;
let service: SupabaseClient;

/** PostgREST as a raw request, for bodies and headers supabase-js does not send or show. */
async function rest(path: string, init: RequestInit & { key?: string } = {}): Promise<Response> {
	const key = init.key ?? inject('serviceRoleKey');
	const headers = new Headers(init.headers);
	headers.set('apikey', key);
	headers.set('authorization', `Bearer ${key}`);
	if (init.body !== undefined) headers.set('content-type', 'application/json');
	return fetch(`${url()}/rest/v1${path}`, { ...init, headers });
}

async function probe() {
	const { data, error } = await service.from('products').select('id, name, kind').like('id', `${P}-*`);
	expect(error).toBeNull();
	return data;
}

beforeAll(async () => {
	anon = anonClient();
	service = serviceClient();
	expect((await service.from('products').insert(row)).error).toBeNull();
});

afterAll(async () => {
	if (service) await service.from('products').delete().like('id', `${P}-*`);
});

describe('PATCH with an empty body', () => {
	it('{} changes nothing and answers 204 with no body', async () => {
		const res = await service.from('products').update({}).eq('id', id);
		expect(res.error).toBeNull();
		expect(res.status).toBe(204);
		expect(res.data).toBeNull();
		expect(await probe()).toEqual([row]);
	});

	it('{} with select answers 200 and [] even when the filter matches a row', async () => {
		const res = await service.from('products').update({}).eq('id', id).select('id, name');
		expect(res.error).toBeNull();
		expect(res.status).toBe(200);
		expect(res.data).toEqual([]);
	});

	it('{} with count=exact counts no row', async () => {
		const res = await service.from('products').update({}, { count: 'exact' }).eq('id', id).select();
		expect(res.error).toBeNull();
		expect(res.status).toBe(200);
		expect(res.data).toEqual([]);
		expect(res.count).toBe(0);
	});

	it('{} needs no filter: no UPDATE runs, so nothing refuses it and nothing changes', async () => {
		const res = await service.from('products').update({});
		expect(res.error).toBeNull();
		expect(res.status).toBe(204);
		expect(await probe()).toEqual([row]);
	});

	it('{} needs no UPDATE privilege, only SELECT', async () => {
		const denied = await anon.from('products').update({ name: 'anon was here' }).eq('id', id);
		expect(denied.error).not.toBeNull();
		const res = await anon.from('products').update({}).eq('id', id);
		expect(res.error).toBeNull();
		expect(res.status).toBe(204);
		expect(await probe()).toEqual([row]);
	});

	it('{}, [] and [{}] all answer 204 with Content-Range */* and no Content-Type', async () => {
		for (const body of ['{}', '[]', '[{}]']) {
			for (const path of [`/products?id=eq.${id}`, '/products', '/products?select=id']) {
				const res = await rest(path, { method: 'PATCH', body });
				expect({ body, path, status: res.status }).toEqual({ body, path, status: 204 });
				expect(res.headers.get('content-range')).toBe('*/*');
				expect(res.headers.get('content-type')).toBeNull();
				expect(await res.text()).toBe('');
			}
		}
		expect(await probe()).toEqual([row]);
	});

	it('with return=representation: 200, [], Content-Range */* and Preference-Applied', async () => {
		const res = await rest(`/products?id=eq.${id}&select=id,name`, { method: 'PATCH', body: '{}', headers: { prefer: 'return=representation' } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-range')).toBe('*/*');
		expect(res.headers.get('preference-applied')).toBe('return=representation');
		expect(await res.json()).toEqual([]);
	});

	it('a JSON value that is not an object or an array counts as []', async () => {
		for (const body of ['1', '"x"', 'null', 'true']) {
			const res = await rest(`/products?id=eq.${id}`, { method: 'PATCH', body });
			expect({ body, status: res.status }).toEqual({ body, status: 204 });
		}
		expect(await probe()).toEqual([row]);
	});

	it('no body at all is still 400 PGRST102', async () => {
		const res = await rest(`/products?id=eq.${id}`, { method: 'PATCH', body: '' });
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ code: 'PGRST102', message: 'Empty or invalid json' });
	});
});

describe('PATCH with an array of objects', () => {
	it('sets the columns its objects name on every matching row', async () => {
		const res = await service
			.from('products')
			// An array body is legal for PATCH; supabase-js's types only expect an object.
			.update([{ name: 'Renamed by an array' }] as unknown as { name: string })
			.eq('id', id)
			.select('id, name');
		expect(res.error).toBeNull();
		expect(res.data).toEqual([{ id, name: 'Renamed by an array' }]);
		expect((await service.from('products').update({ name: row.name }).eq('id', id)).error).toBeNull();
	});
});

describe('POST with an empty body', () => {
	it('[] inserts nothing: 201, and [] back with select', async () => {
		const bare = await service.from('products').insert([]);
		expect(bare.error).toBeNull();
		expect(bare.status).toBe(201);
		const selected = await service.from('products').insert([], { count: 'exact' }).select();
		expect(selected.error).toBeNull();
		expect(selected.status).toBe(201);
		expect(selected.data).toEqual([]);
		expect(selected.count).toBe(0);
	});

	it('an upsert of [] inserts nothing, so it is 200', async () => {
		const res = await service.from('products').upsert([]);
		expect(res.error).toBeNull();
		expect(res.status).toBe(200);
	});

	it('{} inserts one row of column defaults (here refused by the NOT NULL primary key)', async () => {
		const res = await service.from('products').insert({});
		expect(res.status).toBe(400);
		expect(res.error).toMatchObject({ code: '23502' });
		const many = await service.from('products').insert([{}, {}]);
		expect(many.status).toBe(400);
		expect(many.error).toMatchObject({ code: '23502' });
	});

	it('a JSON value that is not an object or an array counts as []', async () => {
		const res = await rest('/products', { method: 'POST', body: '1' });
		expect(res.status).toBe(201);
		expect(res.headers.get('content-range')).toBe('*/*');
		expect(await probe()).toEqual([row]);
	});
});
