// supabase-js clients for the contract suite, the way the site and the functions create them.
import { inject } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const url = () => inject('supabaseUrl');
export const local = () => inject('localStack');

const options = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };

export function anonClient(): SupabaseClient {
	return createClient(url(), inject('anonKey'), options);
}

/** The service role: bypasses RLS, may call the auth admin API. */
export function serviceClient(): SupabaseClient {
	return createClient(url(), inject('serviceRoleKey'), options);
}

/**
 * A superuser connection string for fixtures of a test's own (tables, functions): the stand-in's
 * database, or SUPABASE_DB_URL for a real project; '' without one, and the tests that need it skip.
 */
export const fixtureDbUrl = () => (local() ? inject('dbUrl') : (process.env.SUPABASE_DB_URL ?? ''));

/** Runs SQL on the fixture database, on a connection of its own. */
export async function fixtureSql(text: string): Promise<void> {
	const client = new pg.Client({ connectionString: fixtureDbUrl() });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

/** Repeats `attempt` until it has no error: a schema-cache reload is not instant (NOTIFY, or a miss). */
export async function eventually<T extends { error: unknown }>(attempt: () => PromiseLike<T>, ms = 8000): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const result = await attempt();
		if (!result.error || Date.now() > deadline) return result;
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** A raw PostgREST request with the service key, for headers supabase-js does not show. */
export function serviceRest(path: string, init: RequestInit = {}): Promise<Response> {
	const key = inject('serviceRoleKey');
	const headers = new Headers(init.headers);
	headers.set('apikey', key);
	headers.set('authorization', `Bearer ${key}`);
	if (init.body !== undefined) headers.set('content-type', 'application/json');
	return fetch(`${url()}/rest/v1${path}`, { ...init, headers });
}

export function uniqueEmail(tag = 'user'): string {
	return `${tag}-${randomUUID().slice(0, 8)}@example.test`;
}

export interface TestUser {
	id: string;
	email: string;
	password: string;
	client: SupabaseClient;
}

/** A confirmed user created through the admin API and signed in with their password. */
export async function signedInUser(tag = 'user', metadata: Record<string, unknown> = {}): Promise<TestUser> {
	const email = uniqueEmail(tag);
	const password = `pw-${randomUUID()}`;
	const admin = serviceClient();
	const created = await admin.auth.admin.createUser({ email, password, email_confirm: true, user_metadata: metadata });
	if (created.error) throw created.error;
	const client = anonClient();
	const signed = await client.auth.signInWithPassword({ email, password });
	if (signed.error) throw signed.error;
	return { id: created.data.user!.id, email, password, client };
}

export interface CaughtMail {
	to: string;
	subject: string;
	text: string;
	html: string | null;
}

/** The newest mail to `to` in the stack's mailbox (polls briefly: mail is written as it is sent). */
export async function latestMail(to: string, timeoutMs = 3000): Promise<CaughtMail | undefined> {
	const mailUrl = inject('mailUrl');
	if (!mailUrl) return undefined;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const u = new URL(mailUrl);
		u.searchParams.set('to', to);
		const list = (await (await fetch(u)).json()) as CaughtMail[];
		if (list.length) return list[0];
		if (Date.now() > deadline) return undefined;
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The 6-digit code and the verify link in an auth e-mail. */
export function parseAuthMail(mail: CaughtMail): { code?: string; link?: string } {
	const body = mail.text + ' ' + (mail.html ?? '');
	const code = /\b(\d{6})\b/.exec(body)?.[1];
	const link = /(https?:\/\/[^\s"'<>]+\/auth\/v1\/verify\?[^\s"'<>]+)/.exec(body)?.[1]?.replaceAll('&amp;', '&');
	return { code, link };
}
