// Edge Functions through supabase-js's functions.invoke, against the fixtures in
// tests/contract/functions (deploy them, contract-public with --no-verify-jwt, to run this against a
// real Supabase). What only the local stand-in can show — its error bodies, the wall-clock limit, boot
// failures, Kong's key mapping — is skipped there.
import { describe, expect, it, inject } from 'vitest';
import { createClient, FunctionsHttpError } from '@supabase/supabase-js';
import { anonClient, local, signedInUser, url } from './client.ts';
import { signJwt } from '../../supabase/local/jwt.ts';
import { CLI_PUBLISHABLE_KEY } from '../../supabase/local/config.ts';

const onlyLocal = !local();
const fn = (path: string) => `${url()}/functions/v1/${path}`;

interface Echo {
	method: string;
	path: string;
	query: Record<string, string>;
	authorization: string | null;
	apikey: string | null;
	contentType: string | null;
	custom: string | null;
	body: { json?: unknown; text?: string; bytes?: number[] } | null;
	env: Record<string, boolean>;
	supabaseUrl: string;
	waitUntil: string;
	mainModule: boolean;
}

/** The response behind a FunctionsHttpError, for its status and body. */
function failure(error: unknown): Response {
	expect(error).toBeInstanceOf(FunctionsHttpError);
	return (error as FunctionsHttpError).context as Response;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await work();
	return { ms: Math.round(performance.now() - start), value };
}

describe('functions: invoking', () => {
	it('passes verify_jwt with the anon key and hands the function the request and the project environment', async () => {
		const supabase = anonClient();
		const cold = await timed(() => supabase.functions.invoke<Echo>('contract-echo', { body: { ticket: 42, tags: ['a', 'b'] }, headers: { 'x-custom': 'hola' } }));
		const warm = await timed(() => supabase.functions.invoke<Echo>('contract-echo', { body: { again: true } }));
		console.log(`functions: first call (cold start where local) ${cold.ms} ms, warm call ${warm.ms} ms`);
		const { data, error } = cold.value;
		expect(error).toBeNull();
		expect(data).toMatchObject({
			method: 'POST',
			path: '/contract-echo',
			query: {},
			authorization: `Bearer ${inject('anonKey')}`,
			apikey: inject('anonKey'),
			contentType: 'application/json',
			custom: 'hola',
			body: { json: { ticket: 42, tags: ['a', 'b'] } },
			supabaseUrl: url(),
			waitUntil: 'function',
		});
		for (const name of ['SUPABASE_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY', 'SUPABASE_DB_URL']) expect(data!.env[name], name).toBe(true);
		expect(warm.value.data?.body).toEqual({ json: { again: true } });
	});

	it.skipIf(onlyLocal)('runs the function as the main module with only the platform environment, not the shell’s', async () => {
		const { data } = await anonClient().functions.invoke<Echo>('contract-echo');
		expect(data!.mainModule).toBe(true);
		expect(data!.env).toEqual({
			SUPABASE_URL: true,
			SUPABASE_ANON_KEY: true,
			SUPABASE_SERVICE_ROLE_KEY: true,
			SUPABASE_DB_URL: true,
			SUPABASE_PUBLISHABLE_KEYS: true,
			SUPABASE_SECRET_KEYS: true,
			HOME: false,
			PATH: false,
		});
	});

	it('passes a signed-in user’s access token through to the function', async () => {
		const user = await signedInUser('fn');
		const token = (await user.client.auth.getSession()).data.session!.access_token;
		const { data, error } = await user.client.functions.invoke<Echo>('contract-echo', { method: 'PUT', body: 'plain words' });
		expect(error).toBeNull();
		expect(data).toMatchObject({ method: 'PUT', authorization: `Bearer ${token}`, contentType: 'text/plain', body: { text: 'plain words' } });
	});

	it('sends binary bodies byte for byte, both ways', async () => {
		const bytes = new Uint8Array(256 * 1024);
		for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) % 256;
		const supabase = anonClient();
		const seen = await supabase.functions.invoke<Echo>('contract-echo', { body: new Blob([bytes.slice(0, 300)]) });
		expect(seen.error).toBeNull();
		expect(seen.data!.contentType).toBe('application/octet-stream');
		expect(seen.data!.body).toEqual({ bytes: Array.from(bytes.slice(0, 300)) });
		const mirrored = await supabase.functions.invoke<Blob>('contract-echo?mirror', { body: new Blob([bytes]) });
		expect(mirrored.error).toBeNull();
		expect(mirrored.data).toBeInstanceOf(Blob);
		expect(new Uint8Array(await mirrored.data!.arrayBuffer())).toEqual(bytes);
	});

	it('routes sub-paths and query strings to the function under /<name>', async () => {
		const { data, error } = await anonClient().functions.invoke<Echo>('contract-echo/tickets/7?sort=desc&q=caf%C3%A9', { method: 'GET' });
		expect(error).toBeNull();
		expect(data).toMatchObject({ method: 'GET', path: '/contract-echo/tickets/7', query: { sort: 'desc', q: 'café' }, body: null });
	});

	it('serves concurrent invocations of one function at the same time', async () => {
		const supabase = anonClient();
		const results = await Promise.all(Array.from({ length: 10 }, (_, i) => supabase.functions.invoke<Echo>('contract-echo', { body: { i } })));
		results.forEach((r, i) => {
			expect(r.error).toBeNull();
			expect(r.data!.body).toEqual({ json: { i } });
		});
	});
});

describe('functions: verify_jwt', () => {
	it('refuses a request without Authorization', async () => {
		const res = await fetch(fn('contract-echo'), { method: 'POST' });
		expect(res.status).toBe(401);
		if (local()) expect(await res.json()).toEqual({ msg: 'Error: Missing authorization header' });
	});

	it('refuses a JWT signed with another secret', async () => {
		const forged = await signJwt({ role: 'service_role', iss: 'supabase-demo', exp: Math.floor(Date.now() / 1000) + 3600 }, 'not-the-project-secret-not-the-project-secret');
		const { data, error } = await anonClient().functions.invoke('contract-echo', { headers: { Authorization: `Bearer ${forged}` } });
		expect(data).toBeNull();
		const res = failure(error);
		expect(res.status).toBe(401);
		if (local()) expect(await res.json()).toEqual({ msg: 'Invalid JWT' });
	});

	it.skipIf(onlyLocal)('refuses an Authorization header that is not a Bearer token', async () => {
		const res = await fetch(fn('contract-echo'), { method: 'POST', headers: { Authorization: `Token ${inject('anonKey')}` } });
		expect(res.status).toBe(401);
		expect(await res.json()).toEqual({ msg: "Error: Auth header is not 'Bearer {token}'" });
	});

	it('lets anyone call a function with verify_jwt = false', async () => {
		const res = await fetch(fn('contract-public'));
		expect(res.status).toBe(200);
		expect(await res.text()).toBe('public GET no authorization');
	});

	it.skipIf(onlyLocal)('sees the gateway’s Authorization: the JWT behind an apikey or a publishable key', async () => {
		const apikeyOnly = await fetch(fn('contract-echo'), { headers: { apikey: inject('anonKey') } });
		expect(apikeyOnly.status).toBe(200);
		expect(apikeyOnly.headers.get('x-echo')).toBe('yes');
		expect(((await apikeyOnly.json()) as Echo).authorization).toBe(`Bearer ${inject('anonKey')}`);
		const publishable = createClient(url(), CLI_PUBLISHABLE_KEY, { auth: { persistSession: false } });
		const { data, error } = await publishable.functions.invoke<Echo>('contract-echo');
		expect(error).toBeNull();
		expect(data).toMatchObject({ authorization: `Bearer ${inject('anonKey')}`, apikey: CLI_PUBLISHABLE_KEY });
	});
});

describe('functions: calling the API from a function', () => {
	it('reaches the REST API with supabase-js from npm, as the caller', async () => {
		const user = await signedInUser('fn-db');
		const asUser = await user.client.functions.invoke<{ rows: { id: string }[]; error: unknown }>('contract-db');
		expect(asUser.error).toBeNull();
		expect(asUser.data).toEqual({ rows: [{ id: user.id }], error: null });
		// Anonymous callers have no grant on profiles: the function's query runs as them, not as a service.
		const asAnon = await anonClient().functions.invoke<{ rows: unknown; error: { code: string } | null }>('contract-db');
		expect(asAnon.error).toBeNull();
		expect(asAnon.data!.rows).toBeNull();
		expect(asAnon.data!.error?.code).toBe('42501');
	});
});

describe('functions: failures', () => {
	it('answers 500 when the handler throws, and the function keeps serving', async () => {
		const supabase = anonClient();
		const { data, error } = await supabase.functions.invoke('contract-throws');
		expect(data).toBeNull();
		const res = failure(error);
		expect(res.status).toBe(500);
		if (local()) expect(await res.json()).toEqual({ code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' });
		const again = await supabase.functions.invoke('contract-throws/ok');
		expect(again).toMatchObject({ data: { ok: true }, error: null });
	});

	it('answers 404 "Function not found" for a function that does not exist', async () => {
		for (const name of ['contract-missing', '_shared', 'bad.name']) {
			const { error } = await anonClient().functions.invoke(name);
			const res = failure(error);
			expect(res.status, name).toBe(404);
			if (local()) expect(await res.text(), name).toBe('Function not found');
		}
	});

	it.skipIf(onlyLocal)('answers 503 BOOT_ERROR when the function cannot load, and the rest carries on', async () => {
		const { error } = await anonClient().functions.invoke('contract-boot-error');
		const res = failure(error);
		expect(res.status).toBe(503);
		expect(await res.json()).toEqual({ code: 'BOOT_ERROR', message: 'Worker failed to boot (please check logs)' });
		expect((await anonClient().functions.invoke('contract-echo')).error).toBeNull();
	});

	it.skipIf(onlyLocal)('cuts off a hanging function at the time limit and restarts its worker', async () => {
		const supabase = anonClient();
		const first = await supabase.functions.invoke<{ bootedAt: number }>('contract-hangs/quick');
		expect(first.error).toBeNull();
		const started = Date.now();
		const { error } = await supabase.functions.invoke('contract-hangs');
		const elapsed = Date.now() - started;
		const res = failure(error);
		expect(res.status).toBe(504);
		expect(await res.json()).toEqual({ message: 'The upstream server is timing out' });
		// The harness sets the limit to 3 s.
		expect(elapsed).toBeGreaterThanOrEqual(2900);
		expect(elapsed).toBeLessThan(6000);
		const next = await supabase.functions.invoke<{ bootedAt: number }>('contract-hangs/quick');
		expect(next.error).toBeNull();
		expect(next.data!.bootedAt).toBeGreaterThan(first.data!.bootedAt);
		expect(next.data!.bootedAt).toBeGreaterThanOrEqual(started);
	});
});
