// Contract of /auth/v1 as supabase-js drives it (GoTrue v2.189): sign-up, password and e-mail code
// sign-in, links, refresh-token rotation, the user endpoints, logout and the admin API. Runs against
// the local stand-in and, unchanged, against a Supabase started from this project's config.toml.
import { describe, expect, it, inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { readToml } from '../../supabase/local/config.ts';
import { anonClient, latestMail, local, serviceClient, signedInUser, uniqueEmail, url } from './client.ts';

const toml = readToml();
const SITE_URL: string = toml.auth.site_url;
const REUSE_INTERVAL_S: number = toml.auth?.refresh_token_reuse_interval ?? 10;
const hasMail = () => !!inject('mailUrl');

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const password = () => `pw-${randomUUID()}`;

/** A raw call to /auth/v1 with the anon key, for what supabase-js cannot show (statuses, headers, redirects). */
function raw(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
	return fetch(`${url()}/auth/v1${path}`, {
		redirect: 'manual',
		...init,
		headers: { apikey: inject('anonKey'), authorization: `Bearer ${inject('anonKey')}`, 'content-type': 'application/json', ...init.headers },
	});
}

/** The code and the verify link of the newest auth mail to `to`. */
async function authMail(to: string) {
	const mail = await latestMail(to);
	expect(mail, `a mail to ${to}`).toBeDefined();
	const code = /Tu código: (\d{6})/.exec(mail!.text)?.[1];
	const link = /(https?:\/\/\S+\/auth\/v1\/verify\?\S+)/.exec(mail!.text)?.[1];
	expect(code).toMatch(/^\d{6}$/);
	expect(link).toBeDefined();
	return { mail: mail!, code: code!, link: link!, tokenHash: new URL(link!).searchParams.get('token')! };
}

async function adminUser(opts: { confirmed?: boolean; metadata?: Record<string, unknown> } = {}) {
	const email = uniqueEmail('auth');
	const pw = password();
	const { data, error } = await serviceClient().auth.admin.createUser({ email, password: pw, email_confirm: opts.confirmed ?? true, user_metadata: opts.metadata });
	expect(error).toBeNull();
	return { id: data.user!.id, email, password: pw };
}

async function signIn(email: string, pw: string): Promise<{ client: SupabaseClient; access: string; refresh: string }> {
	const client = anonClient();
	const { data, error } = await client.auth.signInWithPassword({ email, password: pw });
	expect(error).toBeNull();
	return { client, access: data.session!.access_token, refresh: data.session!.refresh_token };
}

describe('sign-up and password sign-in', () => {
	it('signs a new address up and returns a session whose token carries GoTrue claims', async () => {
		const email = uniqueEmail('signup');
		const client = anonClient();
		const { data, error } = await client.auth.signUp({ email, password: password(), options: { data: { full_name: 'Ana Pérez', locale: 'en' } } });
		expect(error).toBeNull();
		const { session, user } = data;
		expect(session).not.toBeNull();
		expect(session!.token_type).toBe('bearer');
		expect(session!.expires_in).toBe(toml.auth?.jwt_expiry ?? 3600);
		expect(session!.refresh_token.length).toBeGreaterThanOrEqual(12);
		expect(user!.email).toBe(email);
		expect(user!.aud).toBe('authenticated');
		expect(user!.role).toBe('authenticated');
		expect(user!.email_confirmed_at).toBeTruthy();
		expect(user!.app_metadata).toMatchObject({ provider: 'email', providers: ['email'] });
		expect(user!.user_metadata).toMatchObject({ full_name: 'Ana Pérez', locale: 'en', email_verified: true });
		expect(user!.identities).toHaveLength(1);
		expect(user!.identities![0]).toMatchObject({ provider: 'email', user_id: user!.id, id: user!.id, identity_data: { sub: user!.id, email } });

		const claims = claimsOf(session!.access_token);
		expect(claims).toMatchObject({ sub: user!.id, aud: 'authenticated', role: 'authenticated', email, aal: 'aal1', is_anonymous: false });
		expect(claims.iss).toBe(`${url()}/auth/v1`);
		expect(claims.exp - claims.iat).toBe(session!.expires_in);
		expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(claims.amr[0].method).toBe('password');
		expect(claims.user_metadata.full_name).toBe('Ana Pérez');

		// The project's trigger made the profile from the sign-up data, and the token works on /rest/v1.
		const profile = await client.from('profiles').select('id, email, full_name, locale').eq('id', user!.id).single();
		expect(profile.error).toBeNull();
		expect(profile.data).toEqual({ id: user!.id, email, full_name: 'Ana Pérez', locale: 'en' });
	});

	it('refuses a second sign-up for a registered address with 422 user_already_exists', async () => {
		const { email } = await adminUser();
		const { data, error } = await anonClient().auth.signUp({ email, password: password() });
		expect(error?.status).toBe(422);
		expect(error?.code).toBe('user_already_exists');
		expect(error?.message).toBe('User already registered');
		expect(data.session).toBeNull();
	});

	it('rejects a short password as weak_password with its reasons', async () => {
		const { error } = await anonClient().auth.signUp({ email: uniqueEmail('weak'), password: '123' });
		expect(error?.status).toBe(422);
		expect(error?.code).toBe('weak_password');
		expect(error?.name).toBe('AuthWeakPasswordError');
		// AuthWeakPasswordError carries `reasons`, which the AuthError type supabase-js answers with leaves out.
		expect((error as unknown as { reasons: string[] }).reasons).toEqual(['length']);
	});

	it('rejects a malformed address with 400 validation_failed', async () => {
		const { error } = await anonClient().auth.signUp({ email: 'not-an-address', password: password() });
		expect(error?.status).toBe(400);
		expect(error?.code).toBe('validation_failed');
		expect(error?.message).toBe('Unable to validate email address: invalid format');
	});

	it('answers 500 unexpected_failure when the database refuses the new user (the profile trigger fails)', async () => {
		const res = await raw('/signup', {
			method: 'POST',
			headers: { 'x-supabase-api-version': '2024-01-01' },
			body: JSON.stringify({ email: uniqueEmail('trigger'), password: password(), data: { full_name: 'x'.repeat(201) } }),
		});
		expect(res.status).toBe(500);
		expect(await res.json()).toMatchObject({ code: 'unexpected_failure', message: 'Database error saving new user' });
	});

	it('signs in with the right password and stamps last_sign_in_at', async () => {
		const { email, password: pw, id } = await adminUser();
		const { data, error } = await anonClient().auth.signInWithPassword({ email, password: pw });
		expect(error).toBeNull();
		expect(data.user!.id).toBe(id);
		expect(data.user!.last_sign_in_at).toBeTruthy();
		expect(claimsOf(data.session!.access_token).amr[0].method).toBe('password');
	});

	it('answers a wrong password with 400 invalid_credentials', async () => {
		const { email } = await adminUser();
		const { data, error } = await anonClient().auth.signInWithPassword({ email, password: 'wrong-password' });
		expect(error?.status).toBe(400);
		expect(error?.code).toBe('invalid_credentials');
		expect(error?.message).toBe('Invalid login credentials');
		expect(data.session).toBeNull();
	});

	it('answers an unknown address exactly like a wrong password', async () => {
		const { error } = await anonClient().auth.signInWithPassword({ email: uniqueEmail('nobody'), password: 'whatever-password' });
		expect(error?.status).toBe(400);
		expect(error?.code).toBe('invalid_credentials');
		expect(error?.message).toBe('Invalid login credentials');
	});

	it('refuses a password sign-in before the address is confirmed (400 email_not_confirmed)', async () => {
		const { email, password: pw } = await adminUser({ confirmed: false });
		const { error } = await anonClient().auth.signInWithPassword({ email, password: pw });
		expect(error?.status).toBe(400);
		expect(error?.code).toBe('email_not_confirmed');
	});
});

describe('e-mail codes and links', () => {
	it.skipIf(!hasMail())('mails one message with both the link and the 6-digit code', async () => {
		const { email } = await adminUser();
		const { error } = await anonClient().auth.signInWithOtp({ email, options: { emailRedirectTo: `${SITE_URL}/cuenta` } });
		expect(error).toBeNull();
		const { mail, link } = await authMail(email);
		expect(mail.to).toBe(email);
		expect(mail.subject).toBe('Tu enlace y código para entrar en Mostrador');
		expect(mail.html).toContain('Tu código:');
		expect(mail.html).toContain('English:');
		const u = new URL(link);
		expect(`${u.origin}${u.pathname}`).toBe(`${url()}/auth/v1/verify`);
		expect(u.searchParams.get('type')).toBe('magiclink');
		expect(u.searchParams.get('redirect_to')).toBe(`${SITE_URL}/cuenta`);
		expect(u.searchParams.get('token')).toMatch(/^[0-9a-f]{56}$/);
	});

	it.skipIf(!hasMail())('verifies the code into a session that works on /rest/v1, once', async () => {
		const { email, id } = await adminUser();
		const client = anonClient();
		expect((await client.auth.signInWithOtp({ email })).error).toBeNull();
		const { code } = await authMail(email);

		const { data, error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
		expect(error).toBeNull();
		expect(data.user!.id).toBe(id);
		expect(claimsOf(data.session!.access_token).amr[0].method).toBe('otp');
		const own = await client.from('profiles').select('id, email').eq('id', id).single();
		expect(own.error).toBeNull();
		expect(own.data).toEqual({ id, email });

		const again = await anonClient().auth.verifyOtp({ email, token: code, type: 'email' });
		expect(again.error?.status).toBe(403);
		expect(again.error?.code).toBe('otp_expired');
		expect(again.error?.message).toBe('Token has expired or is invalid');
	});

	it.skipIf(!hasMail())('rejects a wrong code with 403 otp_expired', async () => {
		const { email } = await adminUser();
		expect((await anonClient().auth.signInWithOtp({ email })).error).toBeNull();
		const { code } = await authMail(email);
		const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
		const { error } = await anonClient().auth.verifyOtp({ email, token: wrong, type: 'email' });
		expect(error?.status).toBe(403);
		expect(error?.code).toBe('otp_expired');
	});

	it.skipIf(!hasMail())('verifies the link token_hash, once', async () => {
		const { email, id } = await adminUser();
		expect((await anonClient().auth.signInWithOtp({ email })).error).toBeNull();
		const { tokenHash } = await authMail(email);
		const { data, error } = await anonClient().auth.verifyOtp({ token_hash: tokenHash, type: 'magiclink' });
		expect(error).toBeNull();
		expect(data.user!.id).toBe(id);
		const again = await anonClient().auth.verifyOtp({ token_hash: tokenHash, type: 'magiclink' });
		expect(again.error?.status).toBe(403);
		expect(again.error?.code).toBe('otp_expired');
		expect(again.error?.message).toBe('Email link is invalid or has expired');
	});

	it.skipIf(!hasMail())('signs an unknown address up through the code and confirms it', async () => {
		const email = uniqueEmail('otpnew');
		expect((await anonClient().auth.signInWithOtp({ email, options: { data: { locale: 'en' } } })).error).toBeNull();
		const { code } = await authMail(email);
		const { data, error } = await anonClient().auth.verifyOtp({ email, token: code, type: 'email' });
		expect(error).toBeNull();
		expect(data.user!.email).toBe(email);
		expect(data.user!.email_confirmed_at).toBeTruthy();
		expect(data.user!.user_metadata).toMatchObject({ locale: 'en' });
	});

	it('refuses an unknown address when shouldCreateUser is false (422 otp_disabled)', async () => {
		const { error } = await anonClient().auth.signInWithOtp({ email: uniqueEmail('nocreate'), options: { shouldCreateUser: false } });
		expect(error?.status).toBe(422);
		expect(error?.code).toBe('otp_disabled');
		expect(error?.message).toBe('Signups not allowed for otp');
	});

	it('throttles a second mail to the same address (429 over_email_send_rate_limit)', async () => {
		const { email } = await adminUser();
		expect((await anonClient().auth.signInWithOtp({ email })).error).toBeNull();
		const { error } = await anonClient().auth.signInWithOtp({ email });
		expect(error?.status).toBe(429);
		expect(error?.code).toBe('over_email_send_rate_limit');
		expect(error?.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/);
	});

	it.skipIf(!local())('makes only the newest code valid once another one is sent', async () => {
		const { email } = await adminUser();
		expect((await anonClient().auth.signInWithOtp({ email })).error).toBeNull();
		const first = await authMail(email);
		await sleep(2100); // the harness's max_frequency
		expect((await anonClient().auth.signInWithOtp({ email })).error).toBeNull();
		const second = await authMail(email);
		expect(second.code === first.code && second.tokenHash === first.tokenHash).toBe(false);
		const old = await anonClient().auth.verifyOtp({ email, token: first.code, type: 'email' });
		expect(old.error?.code).toBe('otp_expired');
		const fresh = await anonClient().auth.verifyOtp({ email, token: second.code, type: 'email' });
		expect(fresh.error).toBeNull();
	});

	it.skipIf(!hasMail())('sends a recovery mail whose code signs the user in', async () => {
		const { email, id } = await adminUser();
		expect((await anonClient().auth.resetPasswordForEmail(email)).error).toBeNull();
		const { mail, code, link } = await authMail(email);
		expect(mail.subject).toBe('Restablece tu contraseña de Mostrador');
		expect(new URL(link).searchParams.get('type')).toBe('recovery');
		const { data, error } = await anonClient().auth.verifyOtp({ email, token: code, type: 'recovery' });
		expect(error).toBeNull();
		expect(data.user!.id).toBe(id);
	});

	it('answers a recovery request for an unknown address like a known one', async () => {
		const { error } = await anonClient().auth.resetPasswordForEmail(uniqueEmail('ghost'));
		expect(error).toBeNull();
	});
});

describe('GET /verify (the e-mail link)', () => {
	async function magicLink(redirectTo: string) {
		const { email, id } = await adminUser();
		const { data, error } = await serviceClient().auth.admin.generateLink({ type: 'magiclink', email, options: { redirectTo } });
		expect(error).toBeNull();
		return { id, link: data.properties!.action_link };
	}

	it('redirects 303 to redirect_to with the session in the fragment', async () => {
		const target = `${SITE_URL}/cuenta`;
		const { id, link } = await magicLink(target);
		const res = await fetch(link, { redirect: 'manual' });
		expect(res.status).toBe(303);
		const location = res.headers.get('location')!;
		expect(location.startsWith(`${target}#`)).toBe(true);
		const fragment = new URLSearchParams(location.split('#')[1]);
		expect(fragment.get('token_type')).toBe('bearer');
		expect(fragment.get('type')).toBe('magiclink');
		expect(Number(fragment.get('expires_in'))).toBe(toml.auth?.jwt_expiry ?? 3600);
		expect(Number(fragment.get('expires_at'))).toBeGreaterThan(Date.now() / 1000);
		expect(fragment.get('refresh_token')).toBeTruthy();
		const { data, error } = await anonClient().auth.getUser(fragment.get('access_token')!);
		expect(error).toBeNull();
		expect(data.user!.id).toBe(id);
	});

	it('redirects a used link to an error fragment', async () => {
		const target = `${SITE_URL}/cuenta`;
		const { link } = await magicLink(target);
		expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
		const res = await fetch(link, { redirect: 'manual' });
		expect(res.status).toBe(303);
		const location = res.headers.get('location')!;
		expect(location.split('#')[0]).toBe(target);
		const fragment = new URLSearchParams(location.split('#')[1]);
		expect(fragment.get('error')).toBe('access_denied');
		expect(fragment.get('error_code')).toBe('otp_expired');
		expect(fragment.get('error_description')).toBe('Email link is invalid or has expired');
		expect(fragment.has('access_token')).toBe(false);
	});

	it('falls back to site_url when redirect_to is not allowed', async () => {
		const { link } = await magicLink('https://evil.example.test/steal');
		const res = await fetch(link, { redirect: 'manual' });
		expect(res.status).toBe(303);
		const location = res.headers.get('location')!;
		expect(location.startsWith(SITE_URL)).toBe(true);
		expect(location).not.toContain('evil.example.test');
		expect(new URLSearchParams(location.split('#')[1]).get('access_token')).toBeTruthy();
	});
});

describe('refresh tokens', () => {
	it('rotates: a refresh gives new tokens that work', async () => {
		const { email, password: pw, id } = await adminUser();
		const { client, refresh, access } = await signIn(email, pw);
		const { data, error } = await client.auth.refreshSession({ refresh_token: refresh });
		expect(error).toBeNull();
		expect(data.session!.refresh_token).not.toBe(refresh);
		expect(claimsOf(data.session!.access_token).session_id).toBe(claimsOf(access).session_id);
		const user = await anonClient().auth.getUser(data.session!.access_token);
		expect(user.data.user!.id).toBe(id);
	});

	it('gives the current token back for the parent of the active one (the client lost the answer)', async () => {
		const { email, password: pw } = await adminUser();
		const { refresh } = await signIn(email, pw);
		const first = await anonClient().auth.refreshSession({ refresh_token: refresh });
		expect(first.error).toBeNull();
		const again = await anonClient().auth.refreshSession({ refresh_token: refresh });
		expect(again.error).toBeNull();
		expect(again.data.session!.refresh_token).toBe(first.data.session!.refresh_token);
	});

	it('accepts an older revoked token within the reuse interval', async () => {
		const { email, password: pw } = await adminUser();
		const { refresh: a } = await signIn(email, pw);
		const b = (await anonClient().auth.refreshSession({ refresh_token: a })).data.session!.refresh_token;
		expect((await anonClient().auth.refreshSession({ refresh_token: b })).error).toBeNull();
		const reused = await anonClient().auth.refreshSession({ refresh_token: a });
		expect(reused.error).toBeNull();
		expect(reused.data.session!.access_token).toBeTruthy();
	});

	it('refuses an older revoked token after the reuse interval (400 refresh_token_already_used)', { timeout: (REUSE_INTERVAL_S + 15) * 1000 }, async () => {
		const { email, password: pw } = await adminUser();
		const { refresh: a } = await signIn(email, pw);
		const b = (await anonClient().auth.refreshSession({ refresh_token: a })).data.session!.refresh_token;
		expect((await anonClient().auth.refreshSession({ refresh_token: b })).error).toBeNull();
		await sleep((REUSE_INTERVAL_S + 1) * 1000);
		const { error } = await anonClient().auth.refreshSession({ refresh_token: a });
		expect(error?.status).toBe(400);
		expect(error?.code).toBe('refresh_token_already_used');
		expect(error?.message).toBe('Invalid Refresh Token: Already Used');
	});

	it('answers an unknown token with 400 refresh_token_not_found', async () => {
		const { error } = await anonClient().auth.refreshSession({ refresh_token: 'nonexistent1' });
		expect(error?.status).toBe(400);
		expect(error?.code).toBe('refresh_token_not_found');
		expect(error?.message).toBe('Invalid Refresh Token: Refresh Token Not Found');
	});
});

describe('the signed-in user', () => {
	it('reads the user behind the access token', async () => {
		const user = await signedInUser('me', { full_name: 'Luis' });
		const { data, error } = await user.client.auth.getUser();
		expect(error).toBeNull();
		expect(data.user).toMatchObject({ id: user.id, email: user.email, user_metadata: { full_name: 'Luis' } });
		expect(data.user!.identities?.[0]?.provider).toBe('email');
	});

	it('refuses the anon key on /user (403 bad_jwt: no sub)', async () => {
		const { error } = await anonClient().auth.getUser(inject('anonKey'));
		expect(error?.status).toBe(403);
		expect(error?.code).toBe('bad_jwt');
	});

	it('refuses a token signed with another secret (403 bad_jwt)', async () => {
		const user = await signedInUser('forged');
		const token = (await user.client.auth.getSession()).data.session!.access_token;
		const [h, p] = token.split('.');
		const { error } = await anonClient().auth.getUser(`${h}.${p}.${Buffer.from('not-the-signature').toString('base64url')}`);
		expect(error?.status).toBe(403);
		expect(error?.code).toBe('bad_jwt');
	});

	it('merges user_metadata and removes keys set to null', async () => {
		const user = await signedInUser('meta', { full_name: 'Old', team: 'x' });
		const { data, error } = await user.client.auth.updateUser({ data: { full_name: 'Nueva', locale: 'en', team: null } });
		expect(error).toBeNull();
		expect(data.user!.user_metadata).toMatchObject({ full_name: 'Nueva', locale: 'en' });
		expect(data.user!.user_metadata).not.toHaveProperty('team');
		const fresh = await user.client.auth.getUser();
		expect(fresh.data.user!.user_metadata).toMatchObject({ full_name: 'Nueva', locale: 'en' });
	});

	it('changes the password', async () => {
		const user = await signedInUser('pw');
		const next = password();
		expect((await user.client.auth.updateUser({ password: next })).error).toBeNull();
		expect((await anonClient().auth.signInWithPassword({ email: user.email, password: next })).error).toBeNull();
		expect((await anonClient().auth.signInWithPassword({ email: user.email, password: user.password })).error?.code).toBe('invalid_credentials');
	});

	it('refuses the same password again (422 same_password)', async () => {
		const user = await signedInUser('samepw');
		const { error } = await user.client.auth.updateUser({ password: user.password });
		expect(error?.status).toBe(422);
		expect(error?.code).toBe('same_password');
	});
});

describe('logout', () => {
	it('ends the session: the old access token gets 403 session_not_found, the refresh token is gone', async () => {
		const { email, password: pw } = await adminUser();
		const { client, access, refresh } = await signIn(email, pw);
		expect((await client.auth.signOut()).error).toBeNull();

		const res = await raw('/user', { headers: { authorization: `Bearer ${access}`, 'x-supabase-api-version': '2024-01-01' } });
		expect(res.status).toBe(403);
		expect(await res.json()).toEqual({ code: 'session_not_found', message: 'Session from session_id claim in JWT does not exist' });
		const { error } = await anonClient().auth.getUser(access);
		expect(error?.name).toBe('AuthSessionMissingError');

		const refreshed = await anonClient().auth.refreshSession({ refresh_token: refresh });
		expect(refreshed.error?.code).toBe('refresh_token_not_found');
	});

	it('global sign-out ends every session of the user', async () => {
		const { email, password: pw } = await adminUser();
		const one = await signIn(email, pw);
		const two = await signIn(email, pw);
		expect((await one.client.auth.signOut({ scope: 'global' })).error).toBeNull();
		expect((await anonClient().auth.getUser(two.access)).error?.name).toBe('AuthSessionMissingError');
	});

	it('scope others keeps this session and ends the rest; scope local ends only this one', async () => {
		const { email, password: pw } = await adminUser();
		const one = await signIn(email, pw);
		const two = await signIn(email, pw);
		const three = await signIn(email, pw);
		expect((await one.client.auth.signOut({ scope: 'others' })).error).toBeNull();
		expect((await anonClient().auth.getUser(one.access)).error).toBeNull();
		expect((await anonClient().auth.getUser(two.access)).error?.name).toBe('AuthSessionMissingError');
		expect((await anonClient().auth.getUser(three.access)).error?.name).toBe('AuthSessionMissingError');

		const four = await signIn(email, pw);
		expect((await four.client.auth.signOut({ scope: 'local' })).error).toBeNull();
		expect((await anonClient().auth.getUser(four.access)).error?.name).toBe('AuthSessionMissingError');
		expect((await anonClient().auth.getUser(one.access)).error).toBeNull();
	});
});

describe('admin API', () => {
	it('refuses the anon key (403 not_admin)', async () => {
		const { error } = await anonClient().auth.admin.listUsers();
		expect(error?.status).toBe(403);
		expect(error?.code).toBe('not_admin');
		expect(error?.message).toBe('User not allowed');
	});

	it("refuses a signed-in user's token (403 not_admin)", async () => {
		const user = await signedInUser('notadmin');
		const token = (await user.client.auth.getSession()).data.session!.access_token;
		const res = await raw('/admin/users', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ email: uniqueEmail('x') }) });
		expect(res.status).toBe(403);
		expect(res.headers.get('x-sb-error-code')).toBe('not_admin');
	});

	it.skipIf(!local())('answers 401 without any key or bearer token (the gateway refuses it before GoTrue)', async () => {
		// Supabase's gateway turns the apikey into the bearer GoTrue sees, so no request reaches GoTrue's
		// own no_authorization answer: without a key the gateway refuses it (tests/contract/fidelity-rest.test.ts).
		const res = await fetch(`${url()}/auth/v1/admin/users`, { headers: { 'x-supabase-api-version': '2024-01-01' } });
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ message: 'No API key found in request' });
	});

	it('creates users and refuses a taken address (422 email_exists)', async () => {
		const admin = serviceClient();
		const email = uniqueEmail('admin');
		const created = await admin.auth.admin.createUser({ email, password: password(), email_confirm: true, user_metadata: { full_name: 'Eva' }, app_metadata: { plan: 'pro' } });
		expect(created.error).toBeNull();
		expect(created.data.user).toMatchObject({ email, user_metadata: { full_name: 'Eva' }, app_metadata: { provider: 'email', providers: ['email'], plan: 'pro' } });
		expect(created.data.user!.email_confirmed_at).toBeTruthy();
		const again = await admin.auth.admin.createUser({ email, password: password() });
		expect(again.error?.status).toBe(422);
		expect(again.error?.code).toBe('email_exists');
	});

	it('lists users in pages with the total', async () => {
		await adminUser();
		await adminUser();
		const { data, error } = await serviceClient().auth.admin.listUsers({ page: 1, perPage: 1 });
		expect(error).toBeNull();
		expect(data.users).toHaveLength(1);
		// GoTrue's pagination fields, which supabase-js adds to the answer but not to its type.
		expect((data as unknown as { total: number }).total).toBeGreaterThanOrEqual(2);
		expect((data as unknown as { nextPage: number | null }).nextPage).toBe(2);
	});

	it('reads one user and answers 404 user_not_found for an unknown id', async () => {
		const { id, email } = await adminUser();
		const found = await serviceClient().auth.admin.getUserById(id);
		expect(found.data.user).toMatchObject({ id, email });
		const missing = await serviceClient().auth.admin.getUserById(randomUUID());
		expect(missing.error?.status).toBe(404);
		expect(missing.error?.code).toBe('user_not_found');
	});

	it('updates metadata and bans a user from signing in', async () => {
		const { id, email, password: pw } = await adminUser();
		const updated = await serviceClient().auth.admin.updateUserById(id, { user_metadata: { locale: 'en' }, ban_duration: '24h' });
		expect(updated.error).toBeNull();
		expect(updated.data.user!.user_metadata).toMatchObject({ locale: 'en' });
		expect(new Date(updated.data.user!.banned_until!).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
		const { error } = await anonClient().auth.signInWithPassword({ email, password: pw });
		expect(error?.status).toBe(400);
		expect(error?.code).toBe('user_banned');
		expect((await serviceClient().auth.admin.updateUserById(id, { ban_duration: 'none' })).error).toBeNull();
		expect((await anonClient().auth.signInWithPassword({ email, password: pw })).error).toBeNull();
	});

	it("deletes a user: their token then gets 403 user_not_found and their profile is gone", async () => {
		const user = await signedInUser('deleted');
		const token = (await user.client.auth.getSession()).data.session!.access_token;
		expect((await serviceClient().auth.admin.deleteUser(user.id)).error).toBeNull();
		const { error } = await anonClient().auth.getUser(token);
		expect(error?.status).toBe(403);
		expect(error?.code).toBe('user_not_found');
		expect((await anonClient().auth.signInWithPassword({ email: user.email, password: user.password })).error?.code).toBe('invalid_credentials');
		const profile = await serviceClient().from('profiles').select('id').eq('id', user.id);
		expect(profile.data).toEqual([]);
	});
});

describe('admin generate_link', () => {
	it('returns a magic link and code for an existing user without sending mail', async () => {
		const { email, id } = await adminUser();
		const { data, error } = await serviceClient().auth.admin.generateLink({ type: 'magiclink', email, options: { redirectTo: `${SITE_URL}/cuenta` } });
		expect(error).toBeNull();
		expect(data.user!.id).toBe(id);
		expect(data.properties).toMatchObject({ verification_type: 'magiclink', redirect_to: `${SITE_URL}/cuenta` });
		expect(data.properties!.email_otp).toMatch(/^\d{6}$/);
		expect(data.properties!.hashed_token).toMatch(/^[0-9a-f]{56}$/);
		expect(data.properties!.action_link).toContain(`/auth/v1/verify?token=${data.properties!.hashed_token}&type=magiclink&redirect_to=`);
		if (hasMail()) expect(await latestMail(email, 300)).toBeUndefined();

		const verified = await anonClient().auth.verifyOtp({ email, token: data.properties!.email_otp, type: 'magiclink' });
		expect(verified.error).toBeNull();
		expect(verified.data.user!.id).toBe(id);
	});

	it('signs a new address up with a signup link that confirms it', async () => {
		const email = uniqueEmail('gensignup');
		const pw = password();
		const { data, error } = await serviceClient().auth.admin.generateLink({ type: 'signup', email, password: pw });
		expect(error).toBeNull();
		expect(data.properties!.verification_type).toBe('signup');
		expect(data.user!.email_confirmed_at).toBeFalsy();
		const verified = await anonClient().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'signup' });
		expect(verified.error).toBeNull();
		expect(verified.data.user!.email_confirmed_at).toBeTruthy();
		expect((await anonClient().auth.signInWithPassword({ email, password: pw })).error).toBeNull();
	});

	it('invites a new address; the invite link signs them in', async () => {
		const email = uniqueEmail('invite');
		const { data, error } = await serviceClient().auth.admin.generateLink({ type: 'invite', email, options: { data: { full_name: 'Invitada' } } });
		expect(error).toBeNull();
		expect(data.user!.invited_at).toBeTruthy();
		expect(data.properties!.verification_type).toBe('invite');
		const verified = await anonClient().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'invite' });
		expect(verified.error).toBeNull();
		expect(verified.data.user!.user_metadata).toMatchObject({ full_name: 'Invitada' });
	});

	it('answers 404 user_not_found for a recovery link to an unknown address', async () => {
		const { error } = await serviceClient().auth.admin.generateLink({ type: 'recovery', email: uniqueEmail('unknown') });
		expect(error?.status).toBe(404);
		expect(error?.code).toBe('user_not_found');
	});
});

describe('wire format', () => {
	it('answers errors as {code, message} with the version echoed and x-sb-error-code', async () => {
		const res = await raw('/token?grant_type=password', {
			method: 'POST',
			headers: { 'x-supabase-api-version': '2024-01-01' },
			body: JSON.stringify({ email: uniqueEmail('nobody'), password: 'nope-nope' }),
		});
		expect(res.status).toBe(400);
		expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(res.headers.get('x-sb-error-code')).toBe('invalid_credentials');
		expect(await res.json()).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
	});

	it('answers the legacy shape {code: status, error_code, msg} without the version header', async () => {
		const res = await raw('/token?grant_type=password', { method: 'POST', body: JSON.stringify({ email: uniqueEmail('nobody'), password: 'nope-nope' }) });
		expect(res.status).toBe(400);
		expect(res.headers.get('x-sb-error-code')).toBe('invalid_credentials');
		expect(await res.json()).toMatchObject({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
	});

	it('refuses an unknown grant type', async () => {
		const res = await raw('/token?grant_type=magic', { method: 'POST', headers: { 'x-supabase-api-version': '2024-01-01' }, body: '{}' });
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ code: 'invalid_credentials', message: 'unsupported_grant_type' });
	});

	it('publishes its settings: e-mail on, sign-ups open', async () => {
		const res = await raw('/settings');
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.external.email).toBe(true);
		expect(body.disable_signup).toBe(false);
	});
});
