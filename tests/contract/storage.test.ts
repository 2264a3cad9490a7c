// Storage through supabase-js's StorageClient: the project's buckets and storage.objects policies
// (members of an organisation read and upload under "<organisation id>/...", never its "internal"
// folder; staff read and delete everything), limits, signed URLs, listing and removal. Raw fetch only
// to follow a signed URL or to look at response headers. What only the local stand-in can show — its
// files on disk and how it refuses path traversal (hosted Storage keys are opaque S3 keys) — is
// skipped against a real Supabase.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { randomUUID, createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { anonClient, local, serviceClient, signedInUser, url, type TestUser } from './client.ts';
import { peekJwt } from '../../supabase/local/jwt.ts';

const onlyLocal = !local();
const RLS = 'new row violates row-level security policy';

let svc: SupabaseClient;
let memberA: TestUser;
let memberB: TestUser;
let staff: TestUser;
let orgA: string;
let orgB: string;
/** A bucket of this run with a 16-byte limit taking text/* and image/png. */
const tiny = `contract-tiny-${randomUUID().slice(0, 8)}`;
/** A public bucket of this run. */
const open = `contract-public-${randomUUID().slice(0, 8)}`;

/** What StorageApiError carries: HTTP 400 for every client error, the logical status in statusCode. */
function expectStorageError(error: unknown, code: string, statusCode: string, message?: string) {
	expect(error, `expected ${code}`).not.toBeNull();
	expect(error).toMatchObject({ name: 'StorageApiError', status: 400, statusCode, code });
	if (message !== undefined) expect((error as Error).message).toBe(message);
}

async function accessToken(user: TestUser): Promise<string> {
	const { data } = await user.client.auth.getSession();
	return data.session!.access_token;
}

async function organisation(name: string): Promise<string> {
	const { data, error } = await svc
		.from('organisations')
		.insert({ name, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'Europe/Madrid' })
		.select('id')
		.single();
	if (error) throw error;
	return data.id;
}

/** Names under `prefix` in `bucket` as the service role sees them (no RLS). */
async function namesAsService(bucket: string, prefix: string): Promise<string[]> {
	const { data, error } = await svc.storage.from(bucket).list(prefix, { limit: 1000 });
	if (error) throw error;
	return data.map((o) => o.name);
}

const text = (s: string) => new Blob([s], { type: 'text/plain' });
const md5 = (s: string) => `"${createHash('md5').update(s).digest('hex')}"`;

beforeAll(async () => {
	svc = serviceClient();
	[memberA, memberB, staff] = await Promise.all([signedInUser('storage-a'), signedInUser('storage-b'), signedInUser('storage-staff')]);
	[orgA, orgB] = await Promise.all([organisation('Storage A'), organisation('Storage B')]);
	const memberships = await svc.from('memberships').insert([
		{ organisation_id: orgA, user_id: memberA.id },
		{ organisation_id: orgB, user_id: memberB.id },
	]);
	if (memberships.error) throw memberships.error;
	const staffRow = await svc.from('staff').insert({ user_id: staff.id, role: 'agent' });
	if (staffRow.error) throw staffRow.error;
	for (const [id, options] of [
		[tiny, { public: false, fileSizeLimit: 16, allowedMimeTypes: ['text/*', 'image/png'] }],
		[open, { public: true }],
	] as [string, { public: boolean; fileSizeLimit?: number; allowedMimeTypes?: string[] }][]) {
		const created = await svc.storage.createBucket(id, options);
		if (created.error) throw created.error;
	}
});

afterAll(async () => {
	for (const id of [tiny, open]) {
		await svc.storage.emptyBucket(id);
		await svc.storage.deleteBucket(id);
	}
});

describe('storage: buckets', () => {
	it('lists the project buckets to the service role, with their limits', async () => {
		const { data, error } = await svc.storage.listBuckets();
		expect(error).toBeNull();
		const attachments = data!.find((b) => b.id === 'attachments');
		expect(attachments).toMatchObject({ id: 'attachments', name: 'attachments', public: false, file_size_limit: 26214400 });
		expect(attachments!.allowed_mime_types).toEqual(expect.arrayContaining(['image/png', 'application/pdf', 'text/plain']));
		expect(data!.find((b) => b.id === 'downloads')).toMatchObject({ public: false, file_size_limit: 2147483648 });
		expect(data!.find((b) => b.id === tiny)).toMatchObject({ public: false, file_size_limit: 16, allowed_mime_types: ['text/*', 'image/png'] });
	});

	it('gets one bucket, and answers NoSuchBucket for one that does not exist', async () => {
		const found = await svc.storage.getBucket('downloads');
		expect(found.error).toBeNull();
		expect(found.data).toMatchObject({ id: 'downloads', name: 'downloads', public: false });
		const missing = await svc.storage.getBucket(`missing-${randomUUID().slice(0, 8)}`);
		expectStorageError(missing.error, 'NoSuchBucket', '404', 'Bucket not found');
	});

	it('shows no bucket to a member (no bucket policies) and lets no member create one', async () => {
		const listed = await memberA.client.storage.listBuckets();
		expect(listed).toMatchObject({ data: [], error: null });
		expectStorageError((await memberA.client.storage.getBucket('attachments')).error, 'NoSuchBucket', '404');
		const created = await memberA.client.storage.createBucket(`member-${randomUUID().slice(0, 8)}`);
		expectStorageError(created.error, 'AccessDenied', '403', RLS);
	});

	it('refuses a second bucket with the same id', async () => {
		const { error } = await svc.storage.createBucket(tiny);
		expect(error).toMatchObject({ status: 400, statusCode: '409', message: 'The resource already exists' });
	});
});

describe('storage: uploads', () => {
	it("lets a member upload into their organisation's folder, stored with its size and type", async () => {
		const path = `${orgA}/tickets/captura.png`;
		const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 1, 2, 3]);
		const { data, error } = await memberA.client.storage.from('attachments').upload(path, new Blob([bytes], { type: 'image/png' }), { cacheControl: '120' });
		expect(error).toBeNull();
		expect(data).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), path, fullPath: `attachments/${path}` });
		const info = await svc.storage.from('attachments').info(path);
		expect(info.error).toBeNull();
		expect(info.data).toMatchObject({ id: data!.id, name: path, bucketId: 'attachments', size: 12, contentType: 'image/png', cacheControl: 'max-age=120' });
	});

	it('takes a raw body with its content type and keeps custom metadata', async () => {
		const path = `${orgA}/tickets/notas.txt`;
		const { error } = await memberA.client.storage.from('attachments').upload(path, 'línea uno\nlínea dos', { contentType: 'text/plain', metadata: { ticket: 42 } });
		expect(error).toBeNull();
		const info = await memberA.client.storage.from('attachments').info(path);
		expect(info.data).toMatchObject({ size: Buffer.byteLength('línea uno\nlínea dos'), contentType: 'text/plain', cacheControl: 'max-age=3600', metadata: { ticket: 42 } });
	});

	it("refuses a member's upload into another organisation's folder and stores nothing", async () => {
		const path = `${orgB}/tickets/intruso.txt`;
		const { data, error } = await memberA.client.storage.from('attachments').upload(path, text('no'));
		expect(data).toBeNull();
		expectStorageError(error, 'AccessDenied', '403', RLS);
		expect(await namesAsService('attachments', `${orgB}/tickets`)).not.toContain('intruso.txt');
	});

	it("refuses a member's upload into their organisation's internal folder", async () => {
		const { error } = await memberA.client.storage.from('attachments').upload(`${orgA}/internal/x.txt`, text('no'));
		expectStorageError(error, 'AccessDenied', '403', RLS);
	});

	it('refuses uploads without a signed-in user', async () => {
		const { error } = await anonClient().storage.from('attachments').upload(`${orgA}/tickets/anon.txt`, text('no'));
		expectStorageError(error, 'AccessDenied', '403', RLS);
		expect(await namesAsService('attachments', `${orgA}/tickets`)).not.toContain('anon.txt');
	});

	it("refuses a file over the bucket's size limit (EntityTooLarge) and keeps nothing", async () => {
		const { error } = await svc.storage.from(tiny).upload('big.txt', text('x'.repeat(17)));
		expectStorageError(error, 'EntityTooLarge', '413', 'The object exceeded the maximum allowed size');
		expect(await namesAsService(tiny, '')).not.toContain('big.txt');
		const atLimit = await svc.storage.from(tiny).upload('exact.txt', text('x'.repeat(16)));
		expect(atLimit.error).toBeNull();
	});

	it("refuses a type the bucket does not allow (InvalidMimeType); type/* entries match any subtype", async () => {
		const pdf = await svc.storage.from(tiny).upload('doc.pdf', new Blob(['%PDF'], { type: 'application/pdf' }));
		expectStorageError(pdf.error, 'InvalidMimeType', '415', 'mime type application/pdf is not supported');
		const csv = await svc.storage.from(tiny).upload('data.csv', new Blob(['a,b'], { type: 'text/csv' }));
		expect(csv.error).toBeNull();
		// As in Storage, the subtype is compared as sent: supabase-js's default for raw bodies carries a charset.
		const charset = await memberA.client.storage.from('attachments').upload(`${orgA}/tickets/charset.txt`, 'hola');
		expectStorageError(charset.error, 'InvalidMimeType', '415', 'mime type text/plain;charset=UTF-8 is not supported');
	});

	it('answers ResourceAlreadyExists to a second upload of the same name without upsert', async () => {
		const path = `${orgA}/tickets/dup.txt`;
		expect((await memberA.client.storage.from('attachments').upload(path, text('first'))).error).toBeNull();
		const again = await memberA.client.storage.from('attachments').upload(path, text('second'));
		expectStorageError(again.error, 'ResourceAlreadyExists', '409', 'The resource already exists');
		expect(await (await memberA.client.storage.from('attachments').download(path)).data!.text()).toBe('first');
	});

	it('needs an UPDATE policy to upsert: members cannot replace, the service role can (same object, new bytes)', async () => {
		const path = `${orgA}/tickets/upsert.txt`;
		const first = await memberA.client.storage.from('attachments').upload(path, text('original'));
		expect(first.error).toBeNull();
		const denied = await memberA.client.storage.from('attachments').upload(path, text('replaced'), { upsert: true });
		expectStorageError(denied.error, 'AccessDenied', '403', RLS);
		expect(await (await memberA.client.storage.from('attachments').download(path)).data!.text()).toBe('original');

		const replaced = await svc.storage.from('attachments').upload(path, text('replaced by service'), { upsert: true });
		expect(replaced.error).toBeNull();
		expect(replaced.data!.id).toBe(first.data!.id);
		expect(await (await memberA.client.storage.from('attachments').download(path)).data!.text()).toBe('replaced by service');
		expect((await svc.storage.from('attachments').info(path)).data).toMatchObject({ size: 19, etag: md5('replaced by service') });
	});

	it('update() replaces an existing object and answers NoSuchKey for a missing one', async () => {
		const path = `${orgA}/tickets/update.txt`;
		expect((await svc.storage.from('attachments').upload(path, text('v1'))).error).toBeNull();
		const updated = await svc.storage.from('attachments').update(path, text('version two'));
		expect(updated.error).toBeNull();
		expect(await (await svc.storage.from('attachments').download(path)).data!.text()).toBe('version two');
		const missing = await svc.storage.from('attachments').update(`${orgA}/tickets/none-${randomUUID()}.txt`, text('x'));
		expectStorageError(missing.error, 'NoSuchKey', '404', 'Object not found');
		// Members have no UPDATE policy on attachments: the object is "not found" for replacing.
		const member = await memberA.client.storage.from('attachments').update(path, text('mine'));
		expectStorageError(member.error, 'NoSuchKey', '404');
	});

	it('answers NoSuchBucket for a bucket that does not exist', async () => {
		const { error } = await svc.storage.from(`missing-${randomUUID().slice(0, 8)}`).upload('a.txt', text('x'));
		expectStorageError(error, 'NoSuchBucket', '404', 'Bucket not found');
	});

	it.skipIf(onlyLocal)('keeps the bytes on disk as <storage>/<bucket>/<name>/<version>', async () => {
		const path = `${orgA}/tickets/en-disco.txt`;
		expect((await memberA.client.storage.from('attachments').upload(path, text('en disco'))).error).toBeNull();
		const { data } = await svc.storage.from('attachments').info(path);
		const file = join(stackData(), 'storage', 'attachments', ...path.split('/'), data!.version);
		expect(filesOfStack()).toContain(file);
		expect(readFileSync(file, 'utf8')).toBe('en disco');
	});

	it('refuses keys with characters outside the S3-safe set (InvalidKey)', async () => {
		const { error } = await svc.storage.from(tiny).upload('a{b}.txt', text('x'));
		expectStorageError(error, 'InvalidKey', '400');
	});
});

describe('storage: downloads', () => {
	const path = () => `${orgA}/tickets/descarga.txt`;
	const content = 'contenido de la descarga';

	beforeAll(async () => {
		const { error } = await memberA.client.storage.from('attachments').upload(path(), text(content), { cacheControl: '60' });
		if (error) throw error;
		const internal = await staff.client.storage.from('attachments').upload(`${orgA}/internal/registro.txt`, text('solo staff'));
		if (internal.error) throw internal.error;
	});

	it('gives a member the exact bytes and type of their organisation’s file', async () => {
		const { data, error } = await memberA.client.storage.from('attachments').download(path());
		expect(error).toBeNull();
		expect(data!.type).toBe('text/plain');
		expect(await data!.text()).toBe(content);
	});

	it("answers NoSuchKey for another organisation's file, as to anon", async () => {
		expectStorageError((await memberB.client.storage.from('attachments').download(path())).error, 'NoSuchKey', '404', 'Object not found');
		expectStorageError((await anonClient().storage.from('attachments').download(path())).error, 'NoSuchKey', '404');
	});

	it('hides the internal folder from members and shows it to staff', async () => {
		expectStorageError((await memberA.client.storage.from('attachments').download(`${orgA}/internal/registro.txt`)).error, 'NoSuchKey', '404');
		const { data, error } = await staff.client.storage.from('attachments').download(`${orgA}/internal/registro.txt`);
		expect(error).toBeNull();
		expect(await data!.text()).toBe('solo staff');
	});

	it('sends type, length, ETag, Last-Modified and Cache-Control; ?download adds an attachment disposition', async () => {
		const headers = { Authorization: `Bearer ${await accessToken(memberA)}`, apikey: inject('anonKey') };
		const res = await fetch(`${url()}/storage/v1/object/authenticated/attachments/${path()}?download=informe.txt`, { headers });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/plain');
		expect(res.headers.get('content-length')).toBe(String(content.length));
		expect(res.headers.get('etag')).toBe(md5(content));
		expect(res.headers.get('cache-control')).toBe('max-age=60');
		expect(Date.parse(res.headers.get('last-modified')!)).toBeGreaterThan(Date.now() - 5 * 60_000);
		expect(res.headers.get('content-disposition')).toBe("attachment; filename=informe.txt; filename*=UTF-8''informe.txt;");
		expect(await res.text()).toBe(content);
	});

	it('answers HEAD with the headers and no body', async () => {
		const headers = { Authorization: `Bearer ${await accessToken(memberA)}`, apikey: inject('anonKey') };
		const res = await fetch(`${url()}/storage/v1/object/attachments/${path()}`, { method: 'HEAD', headers });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-length')).toBe(String(content.length));
		expect(res.headers.get('etag')).toBe(md5(content));
		expect((await res.arrayBuffer()).byteLength).toBe(0);
	});

	it('answers a byte range with 206 and Content-Range', async () => {
		const headers = { Authorization: `Bearer ${await accessToken(memberA)}`, apikey: inject('anonKey'), Range: 'bytes=3-8' };
		const res = await fetch(`${url()}/storage/v1/object/attachments/${path()}`, { headers });
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe(`bytes 3-8/${content.length}`);
		expect(await res.text()).toBe(content.slice(3, 9));
	});

	it('reports info and existence only for what the caller can see', async () => {
		const { data, error } = await memberA.client.storage.from('attachments').info(path());
		expect(error).toBeNull();
		expect(data).toMatchObject({ name: path(), bucketId: 'attachments', size: content.length, contentType: 'text/plain', cacheControl: 'max-age=60', etag: md5(content) });
		expect((await memberA.client.storage.from('attachments').exists(path())).data).toBe(true);
		expect((await memberB.client.storage.from('attachments').exists(path())).data).toBe(false);
	});

	it('serves public buckets without a key and private ones never through the public route', async () => {
		expect((await svc.storage.from(open).upload('logo.png', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }))).error).toBeNull();
		const res = await fetch(svc.storage.from(open).getPublicUrl('logo.png').data.publicUrl);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
		const closed = await fetch(svc.storage.from('attachments').getPublicUrl(path()).data.publicUrl);
		expect(closed.status).toBe(400);
		expect(await closed.json()).toMatchObject({ statusCode: '404', error: 'Bucket not found', message: 'Bucket not found' });
	});
});

describe('storage: tokens', () => {
	const withToken = (token: string) => createClient(url(), inject('anonKey'), { global: { headers: { Authorization: `Bearer ${token}` } }, auth: { persistSession: false, autoRefreshToken: false } });

	it('refuses a write with a token that does not verify (AccessDenied)', async () => {
		const forged = withToken('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.bm90LWEtc2lnbmF0dXJl');
		const { error } = await forged.storage.from('attachments').upload(`${orgA}/tickets/forged.txt`, text('x'));
		expectStorageError(error, 'AccessDenied', '403');
		expect(await namesAsService('attachments', `${orgA}/tickets`)).not.toContain('forged.txt');
		expectStorageError((await forged.storage.from('attachments').list(orgA)).error, 'AccessDenied', '403');
	});

	it('reads with a bad token as nobody: a private bucket is not even found', async () => {
		const { error } = await withToken('not-a-jwt').storage.from('attachments').download(`${orgA}/tickets/captura.png`);
		expectStorageError(error, 'NoSuchBucket', '404');
	});
});

describe('storage: signed URLs', () => {
	const path = () => `${orgA}/tickets/firmado.txt`;
	const other = () => `${orgA}/tickets/otro.txt`;

	beforeAll(async () => {
		for (const [p, body] of [
			[path(), 'firmado'],
			[other(), 'otro'],
		]) {
			const { error } = await memberA.client.storage.from('attachments').upload(p, text(body));
			if (error) throw error;
		}
	});

	it('signs a visible object for whoever holds the URL: no Authorization needed', async () => {
		const { data, error } = await memberA.client.storage.from('attachments').createSignedUrl(path(), 60);
		expect(error).toBeNull();
		const signed = new URL(data!.signedUrl);
		expect(signed.pathname).toBe(`/storage/v1/object/sign/attachments/${path()}`);
		const claims = peekJwt(signed.searchParams.get('token')!)!;
		expect(claims).toMatchObject({ url: `attachments/${path()}` });
		expect(claims.exp! - claims.iat!).toBe(60);
		const res = await fetch(data!.signedUrl);
		expect(res.status).toBe(200);
		expect(await res.text()).toBe('firmado');
	});

	it('signs with download=name as an attachment', async () => {
		const { data } = await memberA.client.storage.from('attachments').createSignedUrl(path(), 60, { download: 'copia.txt' });
		const res = await fetch(data!.signedUrl);
		expect(res.headers.get('content-disposition')).toBe("attachment; filename=copia.txt; filename*=UTF-8''copia.txt;");
	});

	it("does not sign another organisation's object", async () => {
		const { data, error } = await memberB.client.storage.from('attachments').createSignedUrl(path(), 60);
		expect(data).toBeNull();
		expectStorageError(error, 'NoSuchKey', '404', 'Object not found');
	});

	it('signs in batch only what the caller can see', async () => {
		const missing = `${orgA}/tickets/no-existe.txt`;
		const { data, error } = await memberB.client.storage.from('attachments').createSignedUrls([path()], 60);
		expect(error).toBeNull();
		expect(data).toEqual([{ error: 'Either the object does not exist or you do not have access to it', path: path(), signedURL: null, signedUrl: null }]);
		const mine = await memberA.client.storage.from('attachments').createSignedUrls([path(), missing], 60);
		expect(mine.data![0]).toMatchObject({ error: null, path: path(), signedURL: expect.stringContaining(`/object/sign/attachments/${path()}?token=`) });
		expect(mine.data![1]).toMatchObject({ error: 'Either the object does not exist or you do not have access to it', path: missing, signedUrl: null });
		expect(await (await fetch(mine.data![0].signedUrl!)).text()).toBe('firmado');
	});

	// storage-api master (verifyObjectSignature): jose's jwtVerify rejects the exp claim before Storage's own
	// ExpiredToken check is reached, so an expired URL is InvalidJWT with jose's JWTExpired message.
	it('refuses an expired URL with InvalidJWT ("exp" claim timestamp check failed)', async () => {
		const { data } = await memberA.client.storage.from('attachments').createSignedUrl(path(), 1);
		await new Promise((r) => setTimeout(r, 2500));
		const res = await fetch(data!.signedUrl);
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ statusCode: '400', code: 'InvalidJWT', error: 'InvalidJWT', message: '"exp" claim timestamp check failed' });
	});

	it('refuses a token used for another path (InvalidSignature) and a forged token (InvalidJWT)', async () => {
		const { data } = await memberA.client.storage.from('attachments').createSignedUrl(path(), 60);
		const moved = data!.signedUrl.replace(path(), other());
		const wrongPath = await fetch(moved);
		expect(wrongPath.status).toBe(400);
		expect(await wrongPath.json()).toMatchObject({ statusCode: '400', code: 'InvalidSignature', message: 'Invalid signature' });

		const token = new URL(data!.signedUrl).searchParams.get('token')!;
		const [head, , sig] = token.split('.');
		const forgedBody = Buffer.from(JSON.stringify({ url: `attachments/${other()}`, iat: 1, exp: 4102444800 })).toString('base64url');
		const forged = await fetch(`${url()}/storage/v1/object/sign/attachments/${other()}?token=${head}.${forgedBody}.${sig}`);
		expect(forged.status).toBe(400);
		expect(await forged.json()).toMatchObject({ statusCode: '400', code: 'InvalidJWT' });
	});
});

describe('storage: listing', () => {
	beforeAll(async () => {
		for (const name of ['lista/a.txt', 'lista/b.txt', 'lista/sub/c.txt']) {
			const { error } = await memberA.client.storage.from('attachments').upload(`${orgA}/${name}`, text(name));
			if (error) throw error;
		}
		const internal = await staff.client.storage.from('attachments').upload(`${orgA}/internal/lista.txt`, text('x'));
		if (internal.error) throw internal.error;
	});

	it('lists one level with sub-folders first (id and metadata null) and files with their metadata', async () => {
		const { data, error } = await memberA.client.storage.from('attachments').list(`${orgA}/lista`);
		expect(error).toBeNull();
		expect(data!.map((o) => o.name)).toEqual(['sub', 'a.txt', 'b.txt']);
		expect(data![0]).toEqual({ name: 'sub', id: null, updated_at: null, created_at: null, last_accessed_at: null, metadata: null });
		expect(data![1]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), metadata: { size: 'lista/a.txt'.length, mimetype: 'text/plain', eTag: md5('lista/a.txt') } });
	});

	it('shows only the folders of visible objects: no internal folder for members, no files of other organisations', async () => {
		const member = (await memberA.client.storage.from('attachments').list(orgA)).data!.map((o) => o.name);
		expect(member).toContain('lista');
		expect(member).not.toContain('internal');
		const staffSees = (await staff.client.storage.from('attachments').list(orgA)).data!.map((o) => o.name);
		expect(staffSees).toEqual(expect.arrayContaining(['internal', 'lista']));
		expect((await memberB.client.storage.from('attachments').list(`${orgA}/lista`)).data).toEqual([]);
		const root = (await memberB.client.storage.from('attachments').list('')).data!.map((o) => o.name);
		expect(root).not.toContain(orgA);
	});

	it('filters by search, sorts, limits and offsets', async () => {
		const bucket = memberA.client.storage.from('attachments');
		expect((await bucket.list(`${orgA}/lista`, { search: 'b' })).data!.map((o) => o.name)).toEqual(['b.txt']);
		expect((await bucket.list(`${orgA}/lista`, { sortBy: { column: 'name', order: 'desc' } })).data!.map((o) => o.name)).toEqual(['sub', 'b.txt', 'a.txt']);
		expect((await bucket.list(`${orgA}/lista`, { limit: 2, offset: 1 })).data!.map((o) => o.name)).toEqual(['a.txt', 'b.txt']);
	});
});

describe('storage: removing', () => {
	const path = () => `${orgA}/borrar/archivo.txt`;

	beforeAll(async () => {
		const { error } = await memberA.client.storage.from('attachments').upload(path(), text('a borrar'));
		if (error) throw error;
	});

	it('removes nothing for a member (no DELETE policy) and the file stays', async () => {
		const { data, error } = await memberA.client.storage.from('attachments').remove([path()]);
		expect(error).toBeNull();
		expect(data).toEqual([]);
		expect(await (await memberA.client.storage.from('attachments').download(path())).data!.text()).toBe('a borrar');
	});

	it('lets staff remove it: the removed rows come back and the bytes are gone', async () => {
		const { data, error } = await staff.client.storage.from('attachments').remove([path(), `${orgA}/borrar/no-existe.txt`]);
		expect(error).toBeNull();
		expect(data).toHaveLength(1);
		expect(data![0]).toMatchObject({ bucket_id: 'attachments', name: path() });
		expectStorageError((await staff.client.storage.from('attachments').download(path())).error, 'NoSuchKey', '404');
		expect(await namesAsService('attachments', `${orgA}/borrar`)).toEqual([]);
	});

	it('empties and deletes a bucket; a bucket with objects cannot be deleted', async () => {
		const id = `contract-drop-${randomUUID().slice(0, 8)}`;
		expect((await svc.storage.createBucket(id)).error).toBeNull();
		expect((await svc.storage.from(id).upload('a/b.txt', text('x'))).error).toBeNull();
		expect((await svc.storage.deleteBucket(id)).error).toMatchObject({ status: 400, statusCode: '409' });
		expect((await svc.storage.emptyBucket(id)).error).toBeNull();
		expect(await namesAsService(id, '')).toEqual([]);
		expect((await svc.storage.deleteBucket(id)).error).toBeNull();
		expectStorageError((await svc.storage.getBucket(id)).error, 'NoSuchBucket', '404');
	});
});

describe('storage: copy and move', () => {
	it('copies and moves as the service role; a member may not move (no UPDATE policy)', async () => {
		const from = `${orgA}/mover/origen.txt`;
		expect((await svc.storage.from('attachments').upload(from, text('movible'))).error).toBeNull();
		const copied = await svc.storage.from('attachments').copy(from, `${orgA}/mover/copia.txt`);
		expect(copied).toEqual({ data: { path: `attachments/${orgA}/mover/copia.txt` }, error: null });
		expectStorageError((await memberA.client.storage.from('attachments').move(from, `${orgA}/mover/mio.txt`)).error, 'NoSuchKey', '404');
		expect((await svc.storage.from('attachments').move(from, `${orgA}/mover/destino.txt`)).error).toBeNull();
		expect(await namesAsService('attachments', `${orgA}/mover`)).toEqual(['copia.txt', 'destino.txt']);
		expect(await (await svc.storage.from('attachments').download(`${orgA}/mover/destino.txt`)).data!.text()).toBe('movible');
		expect(await (await svc.storage.from('attachments').download(`${orgA}/mover/copia.txt`)).data!.text()).toBe('movible');
	});
});

/** The local stack's data folder: the tests/.tmp/stack-* one holding this run's tiny bucket. */
function stackData(): string {
	const base = join(process.cwd(), 'tests/.tmp');
	const dir = readdirSync(base).find((d) => d.startsWith('stack-') && existsSync(join(base, d, 'data/storage', tiny)));
	if (!dir) throw new Error('local stack data folder not found');
	return join(base, dir, 'data');
}

/** Every file under the stack's data folder but Postgres's own. */
function filesOfStack(): string[] {
	const data = stackData();
	return readdirSync(data, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && !relative(data, e.parentPath).startsWith('db'))
		.map((e) => join(e.parentPath, e.name));
}

describe('storage: path traversal (local disk)', () => {
	const marker = `escape-${randomUUID()}.txt`;

	it.skipIf(onlyLocal)('refuses encoded "../" in a key with InvalidKey', async () => {
		for (const key of [`${orgA}%2F..%2F..%2F..%2F${marker}`, `%2e%2e%2F%2e%2e%2F${marker}`, `${orgA}%2F%2E%2E%2F${marker}`]) {
			const { error } = await memberA.client.storage.from('attachments').upload(key, text('escape'));
			expectStorageError(error, 'InvalidKey', '400');
		}
	});

	it.skipIf(onlyLocal)('never reaches a bucket with literal "../" (the URL is normalised first)', async () => {
		for (const key of [`../${marker}`, `${orgA}/../../${marker}`]) {
			const { data, error } = await svc.storage.from('attachments').upload(key, text('escape'));
			expect(data).toBeNull();
			expect(error).not.toBeNull();
		}
		const read = await svc.storage.from('attachments').download(`${orgA}%2F..%2F..%2F..%2Fdata%2Fstorage`);
		expectStorageError(read.error, 'NoSuchKey', '404');
	});

	it.skipIf(onlyLocal)('wrote no file with those names anywhere under the test data', () => {
		expect(filesOfStack().filter((f) => f.includes(marker))).toEqual([]);
		expect(readdirSync(join(process.cwd(), 'tests/.tmp')).filter((f) => f.includes(marker))).toEqual([]);
	});
});
