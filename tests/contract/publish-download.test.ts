// The `publish-download` edge function in real Deno through the local stack (or a real Supabase): a
// staff member uploads a file to the `downloads` bucket and the function, as them, checks the stored
// bytes' sha256 against the one sent before publishing the version; a wrong checksum publishes
// nothing and removes the object; customers, anonymous callers and malformed requests are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { FunctionsHttpError, type SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient, signedInUser, type TestUser } from './client.ts';

const service = serviceClient();
let agent: TestUser;
let customer: TestUser;
let org: string;
let item: string;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytesOf = (tag: string) => new TextEncoder().encode(`${tag} ${randomUUID()}\n`.repeat(2000));

async function call(client: SupabaseClient, body: Record<string, unknown>): Promise<{ status: number; body: any }> {
	const { data, error } = await client.functions.invoke('publish-download', { body });
	if (error instanceof FunctionsHttpError) {
		const res = error.context as Response;
		return { status: res.status, body: await res.json() };
	}
	if (error) throw error;
	return { status: 201, body: data };
}

async function upload(path: string, bytes: Uint8Array) {
	const { error } = await agent.client.storage.from('downloads').upload(path, bytes, { contentType: 'application/zip' });
	expect(error).toBeNull();
}

const request = (version: string, file: string, checksum: string, extra: Record<string, unknown> = {}) => ({
	item,
	version,
	notes: `Notas de ${version}`,
	storage_path: `${item}/${version}/${file}`,
	sha256: checksum,
	support_status: 'supported',
	...extra,
});

async function versionsOf(id: string) {
	const { data, error } = await service.from('download_versions').select('version, sha256, size_bytes, storage_path, published_by, support_status, notes').eq('item_id', id).order('version');
	expect(error).toBeNull();
	return data!;
}

beforeAll(async () => {
	[agent, customer] = await Promise.all([signedInUser('pd-agent'), signedInUser('pd-customer')]);
	expect((await service.from('staff').insert({ user_id: agent.id, role: 'agent' })).error).toBeNull();
	const created = await service
		.from('organisations')
		.insert({ name: `Publicar ${randomUUID().slice(0, 6)}`, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' })
		.select('id')
		.single();
	expect(created.error).toBeNull();
	org = created.data!.id;
	expect((await service.from('memberships').insert({ organisation_id: org, user_id: customer.id, role: 'coordinator' })).error).toBeNull();
	const registered = await agent.client.rpc('create_download_item', {
		slug: `servidor-${randomUUID().slice(0, 8)}`,
		name: 'Quetzal Docs servidor',
		kind: 'software',
		visibility: 'contract',
		product: 'quetzal-docs',
		description: 'Instalador del servidor.',
	});
	expect(registered.error).toBeNull();
	item = registered.data.id;
});

afterAll(async () => {
	await service.from('download_items').delete().eq('id', item);
	await service.from('organisations').delete().eq('id', org);
	await service.from('staff').delete().eq('user_id', agent.id);
});

describe('publish-download', () => {
	it('publishes a version whose stored bytes match the checksum sent, with the size measured on the server', async () => {
		const bytes = bytesOf('5.1.2');
		await upload(`${item}/5.1.2/servidor-5.1.2.zip`, bytes);
		const { status, body } = await call(agent.client, request('5.1.2', 'servidor-5.1.2.zip', sha(bytes).toUpperCase()));
		expect(status).toBe(201);
		expect(body.version).toMatchObject({ item_id: item, version: '5.1.2', sha256: sha(bytes), size_bytes: bytes.length, published_by: agent.id, support_status: 'supported' });
		expect(await versionsOf(item)).toEqual([
			{ version: '5.1.2', sha256: sha(bytes), size_bytes: bytes.length, storage_path: `${item}/5.1.2/servidor-5.1.2.zip`, published_by: agent.id, support_status: 'supported', notes: 'Notas de 5.1.2' },
		]);
		// Anyone reads the catalogue's metadata, checksum included.
		const { data } = await anonClient().from('download_versions').select('sha256').eq('item_id', item);
		expect(data).toEqual([{ sha256: sha(bytes) }]);
	});

	it('refuses a wrong checksum: nothing is published and the stored object is removed', async () => {
		const bytes = bytesOf('5.1.3');
		const path = `${item}/5.1.3/servidor-5.1.3.zip`;
		await upload(path, bytes);
		const { status, body } = await call(agent.client, request('5.1.3', 'servidor-5.1.3.zip', 'f'.repeat(64)));
		expect(status).toBe(422);
		expect(body).toEqual({ code: 'checksum_mismatch', expected: 'f'.repeat(64), actual: sha(bytes), size_bytes: bytes.length });
		expect((await versionsOf(item)).map((v) => v.version)).toEqual(['5.1.2']);
		const { data: left } = await service.storage.from('downloads').list(`${item}/5.1.3`);
		expect(left).toEqual([]);
	});

	it('refuses a version already published, leaving its file alone', async () => {
		const { status, body } = await call(agent.client, request('5.1.2', 'servidor-5.1.2.zip', 'a'.repeat(64)));
		expect(status).toBe(409);
		expect(body.code).toBe('version_exists');
		const { data } = await service.storage.from('downloads').download(`${item}/5.1.2/servidor-5.1.2.zip`);
		expect(data?.size).toBeGreaterThan(0);
	});

	it('answers 404 file_not_found when nothing was uploaded, and item_not_found for an unknown item', async () => {
		expect(await call(agent.client, request('6.0', 'nada.zip', 'a'.repeat(64)))).toEqual({ status: 404, body: { code: 'file_not_found' } });
		const ghost = randomUUID();
		expect(await call(agent.client, { ...request('1.0', 'x.zip', 'a'.repeat(64)), item: ghost, storage_path: `${ghost}/1.0/x.zip` })).toEqual({ status: 404, body: { code: 'item_not_found' } });
	});

	it('refuses a customer, even a coordinator, before reading any file', async () => {
		const bytes = bytesOf('5.1.4');
		await upload(`${item}/5.1.4/s.zip`, bytes);
		expect(await call(customer.client, request('5.1.4', 's.zip', sha(bytes)))).toEqual({ status: 403, body: { code: 'staff_only' } });
		expect((await versionsOf(item)).map((v) => v.version)).toEqual(['5.1.2']);
	});

	it('refuses a caller who is not signed in', async () => {
		expect(await call(anonClient(), request('5.1.4', 's.zip', 'a'.repeat(64)))).toEqual({ status: 401, body: { code: 'not_signed_in' } });
	});

	it.each([
		['a path outside the item and version', { storage_path: 'otro/5.1.4/s.zip' }, 'storage_path'],
		['a path that climbs out', { storage_path: `ITEM/5.1.4/..` }, 'storage_path'],
		['a malformed checksum', { sha256: 'abc' }, 'sha256'],
		['an unknown support status', { support_status: 'eterno' }, 'support_status'],
		['a version with a slash', { version: '5/1' }, 'version'],
	])('refuses %s with 400 invalid_input naming the field', async (_, extra, field) => {
		const body = { ...request('5.1.4', 's.zip', 'a'.repeat(64)), ...extra };
		if (typeof body.storage_path === 'string') body.storage_path = body.storage_path.replace('ITEM', item);
		const res = await call(agent.client, body);
		expect(res.status).toBe(400);
		expect(res.body.code).toBe('invalid_input');
		expect(res.body.issues.map((i: { field: string }) => i.field)).toContain(field);
	});
});
