// What the security review of the stand-in found, each now held by a test: pooled connections never
// leak a failed transaction, unfiltered writes are refused as pg-safeupdate refuses them, a new
// password ends other sessions, the mailbox is not readable cross-origin, bodies are capped, browsers
// are never served active content from Storage, and the secret key only counts as an apikey.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { anonClient, latestMail, local, parseAuthMail, serviceClient, signedInUser, uniqueEmail, url } from './client.ts';
import { CLI_SECRET_KEY, loadConfig, type StackConfig } from '../../supabase/local/config.ts';
import { startStackOnFreePorts } from './global-setup.ts';

const P = `hard-${randomUUID().slice(0, 6)}`;
const service = serviceClient();

beforeAll(async () => {
	const ins = await service.from('products').insert(['a', 'b', 'c'].map((x) => ({ id: `${P}-${x}`, name: `Hard ${x}`, kind: 'tool' })));
	expect(ins.error).toBeNull();
});
afterAll(async () => {
	await service.from('products').delete().like('id', `${P}-%`);
});

describe('rest: writes as pg-safeupdate allows them', () => {
	it('refuses an UPDATE or DELETE without a filter, changing nothing', async () => {
		const res = await fetch(`${url()}/rest/v1/products`, { method: 'DELETE', headers: { apikey: inject('serviceRoleKey'), authorization: `Bearer ${inject('serviceRoleKey')}` } });
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ code: '21000', message: 'DELETE requires a WHERE clause' });
		const patch = await fetch(`${url()}/rest/v1/products`, {
			method: 'PATCH',
			headers: { apikey: inject('serviceRoleKey'), authorization: `Bearer ${inject('serviceRoleKey')}`, 'content-type': 'application/json' },
			body: JSON.stringify({ kind: 'software' }),
		});
		expect(patch.status).toBe(400);
		expect((await patch.json()).code).toBe('21000');
		const left = await service.from('products').select('id, kind').like('id', `${P}-%`).order('id');
		expect(left.data).toEqual(['a', 'b', 'c'].map((x) => ({ id: `${P}-${x}`, kind: 'tool' })));
	});

	it('applies limit and order to a DELETE', async () => {
		const res = await fetch(`${url()}/rest/v1/products?id=like.${P}-*&order=id.desc&limit=1`, {
			method: 'DELETE',
			headers: { apikey: inject('serviceRoleKey'), authorization: `Bearer ${inject('serviceRoleKey')}`, prefer: 'return=representation' },
		});
		expect(res.status).toBe(200);
		expect((await res.json()).map((r: { id: string }) => r.id)).toEqual([`${P}-c`]);
		const left = await service.from('products').select('id').like('id', `${P}-%`).order('id');
		expect(left.data).toEqual([{ id: `${P}-a` }, { id: `${P}-b` }]);
	});
});

describe.skipIf(!local())('rest: connections and bodies', () => {
	it('ignores an unknown Prefer timezone and keeps serving', async () => {
		const bad = await Promise.all(
			Array.from({ length: 30 }, () => fetch(`${url()}/rest/v1/plans?select=id&limit=1`, { headers: { apikey: inject('anonKey'), prefer: 'timezone=Not/AZone' } })),
		);
		expect(bad.map((r) => r.status)).toEqual(Array(30).fill(200));
		const good = await Promise.all(Array.from({ length: 40 }, () => anonClient().from('plans').select('id').limit(1)));
		expect(good.every((r) => r.error === null && r.data!.length === 1)).toBe(true);
	});

	it('refuses a body over 10 MB with 413 before reading it all', async () => {
		const res = await fetch(`${url()}/rest/v1/products`, {
			method: 'POST',
			headers: { apikey: inject('serviceRoleKey'), authorization: `Bearer ${inject('serviceRoleKey')}`, 'content-type': 'application/json' },
			body: JSON.stringify({ id: 'x', name: 'y'.repeat(11 * 1024 * 1024), kind: 'tool' }),
		});
		expect(res.status).toBe(413);
	});

	it('answers a path that is not valid percent-encoding with 400', async () => {
		const res = await fetch(`${url()}/rest/v1/%E0%A4%A`, { headers: { apikey: inject('anonKey') } });
		expect(res.status).toBe(400);
	});
});

describe.skipIf(!local())('gateway', () => {
	it('treats the secret key as a key only in the apikey header', async () => {
		const res = await fetch(`${url()}/rest/v1/organisations?select=id`, { headers: { authorization: `Bearer ${CLI_SECRET_KEY}` } });
		expect(res.status).toBe(401);
		const asService = createClient(url(), CLI_SECRET_KEY, { auth: { persistSession: false } });
		expect((await asService.from('organisations').select('id').limit(1)).status).toBe(200);
	});

	it('sends CORS for any origin without credentials, and none at all for the mailbox', async () => {
		const api = await fetch(`${url()}/rest/v1/plans?select=id`, { headers: { origin: 'https://elsewhere.example', apikey: inject('anonKey') } });
		expect(api.headers.get('access-control-allow-origin')).toBe('*');
		expect(api.headers.get('access-control-allow-credentials')).toBeNull();
		const mail = await fetch(`${url()}/_mail?format=json`, { headers: { origin: 'https://elsewhere.example' } });
		expect(mail.headers.get('access-control-allow-origin')).toBeNull();
		const preflight = await fetch(`${url()}/_mail`, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' } });
		expect(preflight.status).toBe(403);
		expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
	});
});

describe('auth: a new password ends the other sessions and voids mailed codes', () => {
	it('keeps the session that changed it, ends the others, and refuses an older code', async () => {
		const user = await signedInUser('hard-pw');
		const other = anonClient();
		const second = await other.auth.signInWithPassword({ email: user.email, password: user.password });
		expect(second.error).toBeNull();
		if (local()) {
			expect((await anonClient().auth.signInWithOtp({ email: user.email, options: { shouldCreateUser: false } })).error).toBeNull();
		}
		const mail = local() ? await latestMail(user.email) : undefined;

		const changed = await user.client.auth.updateUser({ password: `new-${randomUUID()}` });
		expect(changed.error).toBeNull();
		expect((await user.client.auth.getUser()).error).toBeNull();
		const ended = await other.auth.getUser(second.data.session!.access_token);
		// auth-js turns GoTrue's session_not_found into AuthSessionMissingError.
		expect(ended.data.user).toBeNull();
		expect(ended.error?.name).toBe('AuthSessionMissingError');
		const refreshed = await other.auth.refreshSession({ refresh_token: second.data.session!.refresh_token });
		expect(refreshed.error?.status).toBe(400);
		if (mail) {
			const { code } = parseAuthMail(mail);
			const stale = await anonClient().auth.verifyOtp({ email: user.email, token: code!, type: 'email' });
			expect(stale.error?.code).toBe('otp_expired');
		}
	});
});

describe.skipIf(!local())('storage: active content is never served as such', () => {
	it('serves SVG and mixed-case HTML as text/plain with nosniff', async () => {
		const bucket = `hard-${randomUUID().slice(0, 8)}`;
		expect((await service.storage.createBucket(bucket, { public: false })).error).toBeNull();
		try {
			for (const [name, type] of [
				['a.svg', 'image/svg+xml'],
				['b.html', 'Text/HTML'],
				['c.xhtml', 'application/xhtml+xml'],
			]) {
				const up = await service.storage.from(bucket).upload(name, new Blob(['<svg onload="alert(1)"/>'], { type }), { contentType: type });
				expect(up.error).toBeNull();
				const res = await fetch(`${url()}/storage/v1/object/${bucket}/${name}`, { headers: { apikey: inject('serviceRoleKey'), authorization: `Bearer ${inject('serviceRoleKey')}` } });
				expect(res.headers.get('content-type')).toBe('text/plain');
				expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			}
		} finally {
			await service.storage.emptyBucket(bucket);
			await service.storage.deleteBucket(bucket);
		}
	});
});

describe.skipIf(!local())('auth: per-address request limits', () => {
	const dir = mkdtempSync(join(process.cwd(), 'tests/.tmp/ratelimit-'));
	chmodSync(dir, 0o755);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	// As GoTrue (internal/api/api.go, apilimiter): sign_in_sign_ups limits /signup, /otp, /magiclink and
	// /recover; every /token grant — password sign-ins too — counts against token_refresh instead.
	it('answers 429 over_request_rate_limit past [auth.rate_limit], per kind of request', { timeout: 60_000 }, async () => {
		let config!: StackConfig;
		const stack = await startStackOnFreePorts(async ({ port, dbPort }) => {
			config = await loadConfig(process.env, { port, dataDir: join(dir, 'data') });
			config.dbPort = dbPort;
			config.auth.rateLimit = { signInSignUps: 3, tokenVerifications: 4, tokenRefresh: 5 };
			return config;
		}, { reset: true });
		try {
			const client = createClient(config.apiUrl, config.anonKey, { auth: { persistSession: false } });
			const email = uniqueEmail('limit');
			const verifications = [];
			for (let i = 0; i < 5; i++) verifications.push(await client.auth.verifyOtp({ email, token: '000000', type: 'email' }));
			expect(verifications.slice(0, 4).map((r) => r.error?.code)).toEqual(Array(4).fill('otp_expired'));
			expect(verifications[4].error).toMatchObject({ code: 'over_request_rate_limit', status: 429 });
			// Password sign-ins are not held to sign_in_sign_ups (3) but to token_refresh (5).
			const signIns = [];
			for (let i = 0; i < 6; i++) signIns.push(await client.auth.signInWithPassword({ email, password: 'wrong-password' }));
			expect(signIns.slice(0, 5).map((r) => r.error?.code)).toEqual(Array(5).fill('invalid_credentials'));
			expect(signIns[5].error).toMatchObject({ code: 'over_request_rate_limit', status: 429 });
			// ... and used none of sign_in_sign_ups: three sign-ups go through, the fourth is refused.
			const signUps = [];
			for (let i = 0; i < 4; i++) signUps.push(await client.auth.signUp({ email: uniqueEmail('limit-signup'), password: `pw-${i}-long-enough` }));
			expect(signUps.slice(0, 3).map((r) => r.error)).toEqual([null, null, null]);
			expect(signUps[3].error).toMatchObject({ code: 'over_request_rate_limit', status: 429 });
		} finally {
			await stack.stop();
		}
	});
});
