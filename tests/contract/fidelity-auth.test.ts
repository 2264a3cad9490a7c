// Auth fidelity (issue 15, item 4): where the GoTrue stand-in once answered differently from Supabase
// Auth — what user_metadata holds, admin listUsers' paging errors, disabled providers, and the columns
// of auth.users. Followed: supabase/auth (GoTrue) master of 2026-08 — signup.go, admin.go,
// pagination.go, token.go, token_oidc.go, web3.go, external.go, models/user.go and its migrations.
// Runs unchanged against a real project (no OAuth, phone or Web3 provider enabled, as in
// config.toml); the auth.users check needs a database URL (the local stack's, or SUPABASE_DB_URL).
import { describe, expect, it, inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { anonClient, fixtureDbUrl, serviceClient, uniqueEmail, url } from './client.ts';

const password = () => `pw-${randomUUID()}`;
/** The keys GoTrue puts in identity_data and never in user_metadata. */
const CLAIM_KEYS = ['sub', 'email', 'phone_verified'];

/** A raw auth request with the project key, as supabase-js sends it; no API version header, so errors come in GoTrue's legacy shape. */
function authFetch(path: string, init: RequestInit & { key?: string } = {}): Promise<Response> {
	const key = init.key ?? inject('anonKey');
	const headers = new Headers(init.headers);
	headers.set('apikey', key);
	headers.set('authorization', `Bearer ${key}`);
	if (init.body) headers.set('content-type', 'application/json');
	return fetch(`${url()}/auth/v1${path}`, { ...init, headers, redirect: 'manual' });
}

describe('auth fidelity: user_metadata is what was given', () => {
	it('admin createUser keeps user_metadata as given (+ email_verified once confirmed); the claims go to identity_data', async () => {
		const admin = serviceClient();
		const email = uniqueEmail('meta-admin');
		const { data, error } = await admin.auth.admin.createUser({ email, password: password(), email_confirm: true, user_metadata: { full_name: 'Ana', locale: 'en' } });
		expect(error).toBeNull();
		const user = data.user!;
		// models.User.Confirm adds email_verified: true to user_metadata, nothing else.
		expect(user.user_metadata).toEqual({ full_name: 'Ana', locale: 'en', email_verified: true });
		expect(user.identities![0].identity_data).toMatchObject({ sub: user.id, email, phone_verified: false });

		const unconfirmed = await admin.auth.admin.createUser({ email: uniqueEmail('meta-unconfirmed'), password: password(), user_metadata: { plan: 'pro' } });
		expect(unconfirmed.error).toBeNull();
		expect(unconfirmed.data.user!.user_metadata).toEqual({ plan: 'pro' });
		expect((await admin.auth.admin.getUserById(unconfirmed.data.user!.id)).data.user!.user_metadata).toEqual({ plan: 'pro' });
	});

	it('signUp keeps its data as user_metadata; identity_data gets the claims and the data', async () => {
		const email = uniqueEmail('meta-signup');
		const { data, error } = await anonClient().auth.signUp({ email, password: password(), options: { data: { full_name: 'Bea', locale: 'es' } } });
		expect(error).toBeNull();
		const user = data.user!;
		const { email_verified, ...rest } = user.user_metadata;
		expect(rest).toEqual({ full_name: 'Bea', locale: 'es' });
		// Present (true) only when the project confirms sign-ups at once.
		expect([undefined, true]).toContain(email_verified);
		for (const key of CLAIM_KEYS) expect(user.user_metadata).not.toHaveProperty(key);
		expect(user.identities![0].identity_data).toMatchObject({ sub: user.id, email, full_name: 'Bea', locale: 'es' });
		if (data.session) {
			const claims = JSON.parse(Buffer.from(data.session.access_token.split('.')[1], 'base64url').toString('utf8'));
			expect(claims.user_metadata).toEqual(user.user_metadata);
		}
	});
});

describe('auth fidelity: admin listUsers paging', () => {
	it('refuses a page or per_page that is not an unsigned integer with 400 validation_failed', async () => {
		const key = inject('serviceRoleKey');
		for (const [query, raw] of [
			['page=abc', 'abc'],
			['per_page=-5', '-5'],
			['page=1.5', '1.5'],
		]) {
			const res = await authFetch(`/admin/users?${query}`, { key });
			expect(res.status, query).toBe(400);
			expect(await res.json()).toEqual({ code: 400, error_code: 'validation_failed', msg: `Bad Pagination Parameters: strconv.ParseUint: parsing "${raw}": invalid syntax` });
		}
		const huge = await authFetch('/admin/users?per_page=99999999999999999999', { key });
		expect(huge.status).toBe(400);
		expect((await huge.json()).msg).toBe('Bad Pagination Parameters: strconv.ParseUint: parsing "99999999999999999999": value out of range');

		// supabase-js surfaces it as an AuthApiError.
		const { data, error } = await serviceClient().auth.admin.listUsers({ page: 1, perPage: -1 });
		expect(error).toMatchObject({ name: 'AuthApiError', status: 400, code: 'validation_failed' });
		expect(data.users).toEqual([]);
	});

	it('pages valid requests with X-Total-Count', async () => {
		const { data, error } = await serviceClient().auth.admin.listUsers({ page: 1, perPage: 1 });
		expect(error).toBeNull();
		expect(data.users).toHaveLength(1);
		expect((data as { total: number }).total).toBeGreaterThanOrEqual(1);
	});
});

describe('auth fidelity: disabled providers', () => {
	it('answers /authorize for a disabled OAuth provider with "Unsupported provider: provider is not enabled"', async () => {
		const res = await authFetch('/authorize?provider=github');
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ code: 400, error_code: 'validation_failed', msg: 'Unsupported provider: provider is not enabled' });
		const unknown = await authFetch('/authorize?provider=nope');
		expect(unknown.status).toBe(400);
		expect((await unknown.json()).msg).toBe('Unsupported provider: Provider nope could not be found');
	});

	it('answers an ID token sign-in with a disabled provider with provider_disabled', async () => {
		const { error } = await anonClient().auth.signInWithIdToken({ provider: 'google', token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' });
		expect(error).toMatchObject({ name: 'AuthApiError', status: 400, code: 'provider_disabled', message: 'Provider (issuer "https://accounts.google.com") is not enabled' });
	});

	it('answers a phone password sign-in with phone_provider_disabled', async () => {
		const { error } = await anonClient().auth.signInWithPassword({ phone: '+34600000000', password: 'whatever-password' });
		expect(error).toMatchObject({ name: 'AuthApiError', status: 422, code: 'phone_provider_disabled', message: 'Phone logins are disabled' });
	});

	it('answers phone sign-ups and phone codes with 400 phone_provider_disabled', async () => {
		const signUp = await anonClient().auth.signUp({ phone: '+34600000001', password: password() });
		expect(signUp.error).toMatchObject({ name: 'AuthApiError', status: 400, code: 'phone_provider_disabled', message: 'Phone signups are disabled' });
		const code = await anonClient().auth.signInWithOtp({ phone: '+34600000002' });
		expect(code.error).toMatchObject({ name: 'AuthApiError', status: 400, code: 'phone_provider_disabled', message: 'Unsupported phone provider' });
	});

	it('answers SSO with 404 saml_provider_disabled', async () => {
		const { error } = await anonClient().auth.signInWithSSO({ domain: 'example.test' });
		expect(error).toMatchObject({ name: 'AuthApiError', status: 404, code: 'saml_provider_disabled', message: 'SAML 2.0 is disabled' });
	});

	it('answers the web3 grant with web3_provider_disabled and an unknown grant with unsupported_grant_type', async () => {
		const web3 = await authFetch('/token?grant_type=web3', { method: 'POST', body: JSON.stringify({ chain: 'solana', message: 'x', signature: 'y' }) });
		expect(web3.status).toBe(422);
		expect(await web3.json()).toEqual({ code: 422, error_code: 'web3_provider_disabled', msg: 'Web3 provider is disabled' });
		const bogus = await authFetch('/token?grant_type=bogus', { method: 'POST', body: '{}' });
		expect(bogus.status).toBe(400);
		expect(await bogus.json()).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'unsupported_grant_type' });
	});
});

// GoTrue's auth.users after all its migrations (00_init_auth_schema … 20240214120130_add_is_anonymous_column).
const GOTRUE_USER_COLUMNS = [
	'instance_id', 'id', 'aud', 'role', 'email', 'encrypted_password', 'email_confirmed_at', 'invited_at', 'confirmation_token', 'confirmation_sent_at',
	'recovery_token', 'recovery_sent_at', 'email_change_token_new', 'email_change', 'email_change_sent_at', 'last_sign_in_at', 'raw_app_meta_data',
	'raw_user_meta_data', 'is_super_admin', 'created_at', 'updated_at', 'phone', 'phone_confirmed_at', 'phone_change', 'phone_change_token',
	'phone_change_sent_at', 'confirmed_at', 'email_change_token_current', 'email_change_confirm_status', 'banned_until', 'reauthentication_token',
	'reauthentication_sent_at', 'is_sso_user', 'deleted_at', 'is_anonymous',
];

describe.skipIf(!fixtureDbUrl())('auth fidelity: auth.users as GoTrue lays it out (needs a database URL)', () => {
	it("has GoTrue's columns, its partial unique index on email and RLS on", async () => {
		const db = new pg.Client({ connectionString: fixtureDbUrl() });
		await db.connect();
		try {
			const { rows } = await db.query<{ column_name: string; is_generated: string }>(
				`select column_name, is_generated from information_schema.columns where table_schema = 'auth' and table_name = 'users'`,
			);
			expect(rows.map((r) => r.column_name).sort()).toEqual(expect.arrayContaining([...GOTRUE_USER_COLUMNS].sort()));
			expect(rows.find((r) => r.column_name === 'confirmed_at')?.is_generated).toBe('ALWAYS');
			const indexes = (await db.query<{ indexname: string; indexdef: string }>(`select indexname, indexdef from pg_indexes where schemaname = 'auth' and tablename = 'users'`)).rows;
			expect(indexes.find((i) => i.indexname === 'users_email_partial_key')?.indexdef).toMatch(/UNIQUE INDEX .* \(email\) WHERE \(is_sso_user = false\)/);
			expect(indexes.map((i) => i.indexname)).not.toContain('users_email_key');
			expect(indexes.map((i) => i.indexname)).toEqual(expect.arrayContaining(['confirmation_token_idx', 'recovery_token_idx', 'reauthentication_token_idx', 'users_is_anonymous_idx']));
			expect((await db.query(`select relrowsecurity from pg_class where oid = 'auth.users'::regclass`)).rows[0].relrowsecurity).toBe(true);
		} finally {
			await db.end();
		}
	});

	it('lets an SSO account share an address with a regular account, as GoTrue does', async () => {
		const email = uniqueEmail('sso-twin');
		const created = await serviceClient().auth.admin.createUser({ email, password: password(), email_confirm: true });
		expect(created.error).toBeNull();
		const db = new pg.Client({ connectionString: fixtureDbUrl() });
		await db.connect();
		try {
			await db.query('begin');
			await db.query(`insert into auth.users (instance_id, id, aud, role, email, is_sso_user, created_at, updated_at) values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', $1, true, now(), now())`, [email]);
			await expect(db.query(`insert into auth.users (instance_id, id, aud, role, email, created_at, updated_at) values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', $1, now(), now())`, [email])).rejects.toMatchObject({ code: '23505', constraint: 'users_email_partial_key' });
		} finally {
			await db.query('rollback').catch(() => {});
			await db.end();
		}
	});
});
