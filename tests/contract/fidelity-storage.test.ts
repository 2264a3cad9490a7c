// Storage fidelity (issue 15, item 4): calls hosted Storage serves and the stand-in once got wrong —
// signed upload URLs, list-v2, object info's metadata, and how a token that does not verify is
// refused. Written against Storage's own API (supabase-js where it has the call, fetch for list-v2's
// body), so it runs unchanged against a real Supabase project.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient, signedInUser, url, type TestUser } from './client.ts';
import { signJwt } from '../../supabase/local/jwt.ts';

const RLS = 'new row violates row-level security policy';
/** A private bucket of this run; the service role writes it, members see nothing in it. */
const bucket = `contract-fidelity-${randomUUID().slice(0, 8)}`;

let svc: SupabaseClient;
let member: TestUser;
let stranger: TestUser;
let org: string;

const text = (s: string) => new Blob([s], { type: 'text/plain' });

/** What StorageApiError carries: HTTP 400 for every client error, the logical status in statusCode. */
function expectStorageError(error: unknown, code: string, statusCode: string, message?: string) {
	expect(error, `expected ${code}`).not.toBeNull();
	expect(error).toMatchObject({ name: 'StorageApiError', status: 400, statusCode, code });
	if (message !== undefined) expect((error as Error).message).toBe(message);
}

async function raw(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	headers.set('apikey', inject('anonKey'));
	headers.set('authorization', `Bearer ${init.token ?? inject('serviceRoleKey')}`);
	if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
	return fetch(`${url()}/storage/v1${path}`, { ...init, headers });
}

beforeAll(async () => {
	svc = serviceClient();
	[member, stranger] = await Promise.all([signedInUser('fidelity-storage-a'), signedInUser('fidelity-storage-b')]);
	const created = await svc
		.from('organisations')
		.insert({ name: 'Fidelity storage', programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'Europe/Madrid' })
		.select('id')
		.single();
	if (created.error) throw created.error;
	org = created.data.id;
	const membership = await svc.from('memberships').insert({ organisation_id: org, user_id: member.id });
	if (membership.error) throw membership.error;
	const b = await svc.storage.createBucket(bucket, { public: false });
	if (b.error) throw b.error;
});

afterAll(async () => {
	await svc.storage.emptyBucket(bucket);
	await svc.storage.deleteBucket(bucket);
});

describe('storage fidelity: signed upload URLs', () => {
	it('creates a signed upload URL; anyone holding it uploads once, without Authorization', async () => {
		const { data, error } = await svc.storage.from(bucket).createSignedUploadUrl('subidas/uno.txt');
		expect(error).toBeNull();
		expect(data!.path).toBe('subidas/uno.txt');
		expect(data!.signedUrl).toBe(`${url()}/storage/v1/object/upload/sign/${bucket}/subidas/uno.txt?token=${data!.token}`);

		const up = await anonClient().storage.from(bucket).uploadToSignedUrl('subidas/uno.txt', data!.token, text('por url firmada'));
		expect(up.error).toBeNull();
		expect(up.data).toEqual({ path: 'subidas/uno.txt', fullPath: `${bucket}/subidas/uno.txt` });
		const got = await svc.storage.from(bucket).download('subidas/uno.txt');
		expect(await got.data!.text()).toBe('por url firmada');

		// Without upsert the same URL cannot write again.
		const again = await anonClient().storage.from(bucket).uploadToSignedUrl('subidas/uno.txt', data!.token, text('otra vez'));
		expectStorageError(again.error, 'ResourceAlreadyExists', '409');
	});

	it('refuses to sign for an existing object unless upsert is asked for, which then replaces it', async () => {
		expect((await svc.storage.from(bucket).upload('subidas/dos.txt', text('antes'))).error).toBeNull();
		expectStorageError((await svc.storage.from(bucket).createSignedUploadUrl('subidas/dos.txt')).error, 'ResourceAlreadyExists', '409', 'The resource already exists');
		const { data, error } = await svc.storage.from(bucket).createSignedUploadUrl('subidas/dos.txt', { upsert: true });
		expect(error).toBeNull();
		expect((await anonClient().storage.from(bucket).uploadToSignedUrl('subidas/dos.txt', data!.token, text('después'))).error).toBeNull();
		expect(await (await svc.storage.from(bucket).download('subidas/dos.txt')).data!.text()).toBe('después');
	});

	it('signs only where the caller may insert (RLS on storage.objects), and nothing for a missing bucket', async () => {
		const own = await member.client.storage.from('attachments').createSignedUploadUrl(`${org}/tickets/firmada.txt`);
		expect(own.error).toBeNull();
		expect((await anonClient().storage.from('attachments').uploadToSignedUrl(`${org}/tickets/firmada.txt`, own.data!.token, text('hola'))).error).toBeNull();
		expect((await member.client.storage.from('attachments').exists(`${org}/tickets/firmada.txt`)).data).toBe(true);

		expectStorageError((await stranger.client.storage.from('attachments').createSignedUploadUrl(`${org}/tickets/ajena.txt`)).error, 'AccessDenied', '403', RLS);
		expectStorageError((await anonClient().storage.from('attachments').createSignedUploadUrl(`${org}/tickets/anonima.txt`)).error, 'AccessDenied', '403', RLS);
		expectStorageError((await svc.storage.from(`${bucket}-missing`).createSignedUploadUrl('x.txt')).error, 'NoSuchBucket', '404', 'Bucket not found');
	});

	it('answers the signing call with {url, token}', async () => {
		const res = await raw(`/object/upload/sign/${bucket}/subidas/crudo.txt`, { method: 'POST', body: '{}' });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(Object.keys(body).sort()).toEqual(['token', 'url']);
		expect(body.url).toBe(`/object/upload/sign/${bucket}/subidas/crudo.txt?token=${body.token}`);
	});

	it('refuses a download URL’s token for an upload (InvalidSignature: not scoped for upload)', async () => {
		expect((await svc.storage.from(bucket).upload('subidas/descarga.txt', text('x'))).error).toBeNull();
		const signed = await svc.storage.from(bucket).createSignedUrl('subidas/descarga.txt', 60);
		const token = new URL(signed.data!.signedUrl).searchParams.get('token')!;
		const { error } = await anonClient().storage.from(bucket).uploadToSignedUrl('subidas/descarga.txt', token, text('y'));
		expectStorageError(error, 'InvalidSignature', '400', 'Token is not scoped for upload');
	});

	it('refuses a token for another path (InvalidSignature) and one that does not verify (InvalidJWT)', async () => {
		const { data } = await svc.storage.from(bucket).createSignedUploadUrl('subidas/tres.txt');
		expectStorageError((await anonClient().storage.from(bucket).uploadToSignedUrl('subidas/otra.txt', data!.token, text('x'))).error, 'InvalidSignature', '400', 'Invalid signature');
		const [head, body] = data!.token.split('.');
		expectStorageError((await anonClient().storage.from(bucket).uploadToSignedUrl('subidas/tres.txt', `${head}.${body}.bm90LWEtc2lnbmF0dXJl`, text('x'))).error, 'InvalidJWT', '400', 'signature verification failed');
		expect((await svc.storage.from(bucket).exists('subidas/otra.txt')).data).toBe(false);
		expect((await svc.storage.from(bucket).exists('subidas/tres.txt')).data).toBe(false);
	});
});

describe('storage fidelity: list-v2', () => {
	beforeAll(async () => {
		for (const name of ['v2/a.txt', 'v2/b/1.txt', 'v2/b/2.txt', 'v2/c.txt', 'v2/d/3.txt', 'v2x.txt']) {
			const { error } = await svc.storage.from(bucket).upload(name, text(name));
			if (error) throw error;
		}
	});

	interface V2 {
		hasNext: boolean;
		nextCursor?: string;
		nextCursorKey?: string;
		folders: { id: null; name: string; bucket_id: string }[];
		objects: { id: string; key?: string; name: string; metadata: { size: number; mimetype: string } | null; created_at: string; updated_at: string }[];
	}
	const listV2 = async (body: Record<string, unknown>, token?: string) => raw(`/object/list-v2/${bucket}`, { method: 'POST', body: JSON.stringify(body), token });

	it('lists flat by full key with a plain string prefix, objects with their metadata', async () => {
		const res = await listV2({ prefix: 'v2' });
		expect(res.status).toBe(200);
		const out = (await res.json()) as V2;
		expect(out.hasNext).toBe(false);
		expect(out).not.toHaveProperty('nextCursor');
		expect(out.folders).toEqual([]);
		expect(out.objects.map((o) => o.name)).toEqual(['v2/a.txt', 'v2/b/1.txt', 'v2/b/2.txt', 'v2/c.txt', 'v2/d/3.txt', 'v2x.txt']);
		expect(out.objects[0]).toMatchObject({ metadata: { size: 8, mimetype: 'text/plain' } });
		expect(typeof out.objects[0].id).toBe('string');
	});

	it('folds the keys below the next "/" into folders with with_delimiter', async () => {
		const out = (await (await listV2({ prefix: 'v2/', with_delimiter: true })).json()) as V2;
		expect(out.folders).toEqual([
			{ id: null, name: 'v2/b/', bucket_id: bucket },
			{ id: null, name: 'v2/d/', bucket_id: bucket },
		]);
		expect(out.objects.map((o) => [o.key, o.name])).toEqual([
			['a.txt', 'v2/a.txt'],
			['c.txt', 'v2/c.txt'],
		]);
		// The same through supabase-js's listV2.
		const { data, error } = await svc.storage.from(bucket).listV2({ prefix: 'v2/', with_delimiter: true });
		expect(error).toBeNull();
		expect(data!.folders.map((f) => f.name)).toEqual(['v2/b/', 'v2/d/']);
	});

	it('pages with limit and the opaque nextCursor (nextCursorKey names the last entry)', async () => {
		const names: string[] = [];
		let cursor: string | undefined;
		for (let page = 0; page < 10; page++) {
			const out = (await (await listV2({ prefix: 'v2/', limit: 2, ...(cursor ? { cursor } : {}) })).json()) as V2;
			names.push(...out.objects.map((o) => o.name));
			if (!out.hasNext) break;
			expect(out.nextCursorKey).toBe(names[names.length - 1]);
			cursor = out.nextCursor;
		}
		expect(names).toEqual(['v2/a.txt', 'v2/b/1.txt', 'v2/b/2.txt', 'v2/c.txt', 'v2/d/3.txt']);
	});

	it('sorts by a date column, newest first, and pages through it', async () => {
		const first = (await (await listV2({ prefix: 'v2/', limit: 3, sortBy: { column: 'created_at', order: 'desc' } })).json()) as V2;
		expect(first.objects.map((o) => o.name)).toEqual(['v2/d/3.txt', 'v2/c.txt', 'v2/b/2.txt']);
		const rest = (await (await listV2({ prefix: 'v2/', limit: 3, cursor: first.nextCursor })).json()) as V2;
		expect(rest.objects.map((o) => o.name)).toEqual(['v2/b/1.txt', 'v2/a.txt']);
		expect(rest.hasNext).toBe(false);
	});

	it('refuses a limit below 1 and a sort column it does not know; a limit over 1000 means 1000', async () => {
		const zero = await listV2({ prefix: '', limit: 0 });
		expect(zero.status).toBe(400);
		expect(await zero.json()).toMatchObject({ statusCode: '400', message: 'body/limit must be >= 1' });
		const column = await listV2({ prefix: '', sortBy: { column: 'size' } });
		expect(column.status).toBe(400);
		expect(await column.json()).toMatchObject({ statusCode: '400', message: 'body/sortBy/column must be equal to one of the allowed values' });
		expect((await listV2({ prefix: 'v2/', limit: 5000 })).status).toBe(200);
	});

	it('lists only what RLS lets the caller see', async () => {
		const res = await listV2({ prefix: '' }, (await member.client.auth.getSession()).data.session!.access_token);
		expect(res.status).toBe(200);
		expect(((await res.json()) as V2).objects).toEqual([]);
	});
});

describe('storage fidelity: object info', () => {
	// Storage's uploader stores user_metadata as `{ ...request.userMetadata }`, so an upload without
	// custom metadata has {} — and InfoRenderer answers the column as stored.
	it('answers metadata {} for an object without custom metadata, and the custom metadata as given', async () => {
		expect((await svc.storage.from(bucket).upload('info/plain.txt', text('x'))).error).toBeNull();
		const plain = await svc.storage.from(bucket).info('info/plain.txt');
		expect(plain.error).toBeNull();
		expect(plain.data!.metadata).toEqual({});
		const res = await raw(`/object/info/${bucket}/info/plain.txt`);
		expect(res.status).toBe(200);
		expect((await res.json()).metadata).toEqual({});

		expect((await svc.storage.from(bucket).upload('info/meta.txt', text('x'), { metadata: { origen: 'portal', n: 1 } })).error).toBeNull();
		expect((await svc.storage.from(bucket).info('info/meta.txt')).data!.metadata).toEqual({ origen: 'portal', n: 1 });
	});
});

describe('storage fidelity: tokens that do not verify', () => {
	// Storage v1 (jose): AccessDenied with jose's message, sent as HTTP 400 with statusCode "403".
	const withToken = (token: string) => createClient(url(), inject('anonKey'), { global: { headers: { Authorization: `Bearer ${token}` } }, auth: { persistSession: false, autoRefreshToken: false } });
	const forgedSignature = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.bm90LWEtc2lnbmF0dXJl';

	it('refuses a bad signature on writes, lists and bucket calls: 400, statusCode 403, AccessDenied', async () => {
		const client = withToken(forgedSignature);
		expectStorageError((await client.storage.from(bucket).upload('forjado.txt', text('x'))).error, 'AccessDenied', '403', 'signature verification failed');
		expectStorageError((await client.storage.from(bucket).list('')).error, 'AccessDenied', '403', 'signature verification failed');
		expectStorageError((await client.storage.listBuckets()).error, 'AccessDenied', '403', 'signature verification failed');
		const res = await raw(`/object/list-v2/${bucket}`, { method: 'POST', body: '{}', token: forgedSignature });
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ statusCode: '403', code: 'AccessDenied', error: 'Unauthorized', message: 'signature verification failed' });
	});

	it('refuses a token that is not a JWT at all', async () => {
		expectStorageError((await withToken('not-a-jwt').storage.from(bucket).upload('forjado.txt', text('x'))).error, 'AccessDenied', '403', 'Invalid Compact JWS');
	});

	it.skipIf(!inject('jwtSecret'))('refuses an expired token with jose’s exp message', async () => {
		const now = Math.floor(Date.now() / 1000);
		const expired = await signJwt({ role: 'service_role', iat: now - 7200, exp: now - 3600 }, inject('jwtSecret'));
		expectStorageError((await withToken(expired).storage.from(bucket).upload('caducado.txt', text('x'))).error, 'AccessDenied', '403', '"exp" claim timestamp check failed');
	});
});
