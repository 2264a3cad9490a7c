// supabase-js clients for the contract suite, the way the site and the functions create them.
import { inject } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';

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
