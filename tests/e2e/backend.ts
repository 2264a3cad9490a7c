// The local stack as the browser tests use it: people and organisations made through the service role
// (supabase-js from Node, as an admin would), and a signed-in browser without going through the
// sign-in form (tests/e2e/sign-in.spec.ts covers that): the session supabase-js keeps in localStorage
// is put there before the page loads.
import type { Page } from '@playwright/test';
import { createClient, type Session, type SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { STACK_URL } from './stack.ts';

const ANON_KEY =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const SERVICE_KEY =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';
const options = { auth: { persistSession: false, autoRefreshToken: false } };

export const admin = (): SupabaseClient => createClient(STACK_URL, SERVICE_KEY, options);
export const anon = (): SupabaseClient => createClient(STACK_URL, ANON_KEY, options);

export interface Person {
	id: string;
	email: string;
	password: string;
	name: string;
	/** supabase-js signed in as this person, for setting things up from the test. */
	client: SupabaseClient;
	session: Session;
}

/** A confirmed user with a password, signed in. */
export async function person(name: string, locale: 'es' | 'en' = 'es'): Promise<Person> {
	const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}-${randomUUID().slice(0, 8)}@example.test`;
	const password = `pw-${randomUUID()}`;
	const created = await admin().auth.admin.createUser({ email, password, email_confirm: true, user_metadata: { full_name: name, locale } });
	if (created.error) throw created.error;
	const client = createClient(STACK_URL, ANON_KEY, options);
	const signed = await client.auth.signInWithPassword({ email, password });
	if (signed.error) throw signed.error;
	return { id: created.data.user!.id, email, password, name, client, session: signed.data.session! };
}

/** An organisation on a plan of the active programme, with its people in the given roles. */
export async function organisation(
	name: string,
	people: { person: Person; role: 'member' | 'authorized_contact' | 'coordinator' }[],
	plan = 'estandar',
): Promise<string> {
	const { data, error } = await admin()
		.from('organisations')
		.insert({ name: `${name} ${randomUUID().slice(0, 4)}`, programme_id: 'estandar-extendido', plan_id: plan, contract_start: '2026-01-01', timezone: 'America/Mexico_City' })
		.select('id')
		.single();
	if (error) throw error;
	if (people.length) {
		const m = await admin()
			.from('memberships')
			.insert(people.map((p) => ({ organisation_id: data.id, user_id: p.person.id, role: p.role })));
		if (m.error) throw m.error;
	}
	return data.id;
}

/** Makes `who` support staff. */
export async function staff(who: Person, role: 'agent' | 'lead' | 'admin' = 'agent', level: 1 | 2 = 1): Promise<void> {
	const { error } = await admin().from('staff').insert({ user_id: who.id, role, level });
	if (error) throw error;
}

/** The browser starts signed in as `who` (the session supabase-js would have stored). */
export async function signInAs(page: Page, who: Person): Promise<void> {
	const key = `sb-${new URL(STACK_URL).hostname.split('.')[0]}-auth-token`;
	await page.addInitScript(([k, v]) => window.localStorage.setItem(k, v), [key, JSON.stringify(who.session)] as const);
}

/** The newest e-mail to `to` in the stack's mailbox. */
export async function latestMail(to: string): Promise<{ subject: string; text: string; html: string | null } | undefined> {
	const res = await fetch(`${STACK_URL}/_mail?format=json&to=${encodeURIComponent(to)}`);
	return (await res.json())[0];
}
