// Per test file: a fresh database cloned from the migrated template, and ways to run SQL as a given
// user the way PostgREST does (a transaction with `set local role` and request.jwt.claims).
import { inject, afterAll } from 'vitest';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { databaseUrl } from '../../supabase/local/db.ts';

export type Role = 'anon' | 'authenticated' | 'service_role';
export interface Actor {
	role: Role;
	/** auth.users id, for authenticated actors. */
	id?: string;
	email?: string;
}

export const anon: Actor = { role: 'anon' };
export const service: Actor = { role: 'service_role' };

export interface TestDb {
	/** Superuser pool: set up fixtures, inspect results. */
	admin: pg.Pool;
	/** Runs `sql` as `actor` in one transaction, committed; returns the rows. */
	as<R extends pg.QueryResultRow = any>(actor: Actor, sql: string, params?: unknown[]): Promise<R[]>;
	/** How many rows `sql` returns as `actor`. */
	count(actor: Actor, sql: string, params?: unknown[]): Promise<number>;
	/** The error message `sql` fails with as `actor`, or 'succeeded'. */
	message(actor: Actor, sql: string, params?: unknown[]): Promise<string>;
	/** Like `as` but resolves to the error's message and code, or null when the statement succeeded. */
	fails(actor: Actor, sql: string, params?: unknown[]): Promise<{ message: string; code: string } | null>;
	/** Creates an auth user (and, through the trigger, their profile); returns them as an actor. */
	user(email?: string, meta?: Record<string, unknown>): Promise<Actor & { id: string }>;
}

export async function testDb(): Promise<TestDb> {
	const server = inject('pgServerUrl');
	const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
	const root = new pg.Client({ connectionString: server });
	await root.connect();
	await root.query(`create database ${name} template ${inject('pgTemplate')}`);
	await root.end();
	const admin = new pg.Pool({ connectionString: databaseUrl(server, name), max: 4 });
	// pool.end() can resolve before its idle connections are gone; the forced drop in afterAll then
	// terminates them (57P01), which an idle client reports as an 'error' event with no listener: an
	// unhandled error in a run whose tests all passed. Only that termination is expected here.
	admin.on('error', (e: Error & { code?: string }) => {
		if (e.code !== '57P01') throw e;
	});

	async function as<R extends pg.QueryResultRow>(actor: Actor, sql: string, params: unknown[] = []): Promise<R[]> {
		const client = await admin.connect();
		try {
			await client.query('begin');
			const claims = { role: actor.role, ...(actor.id ? { sub: actor.id, email: actor.email, aud: 'authenticated' } : {}) };
			await client.query(`select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)`, [JSON.stringify(claims), actor.role]);
			const result = await client.query<R>(sql, params);
			await client.query('commit');
			return result.rows;
		} catch (e) {
			await client.query('rollback');
			throw e;
		} finally {
			client.release();
		}
	}

	afterAll(async () => {
		await admin.end();
		const r = new pg.Client({ connectionString: server });
		await r.connect();
		await r.query(`drop database if exists ${name} with (force)`);
		await r.end();
	});

	async function fails(actor: Actor, sql: string, params?: unknown[]) {
		try {
			await as(actor, sql, params);
			return null;
		} catch (e) {
			const err = e as { message: string; code: string };
			return { message: err.message, code: err.code };
		}
	}

	return {
		admin,
		as,
		fails,
		count: async (actor, sql, params) => (await as(actor, sql, params)).length,
		message: async (actor, sql, params) => (await fails(actor, sql, params))?.message ?? 'succeeded',
		async user(email = `${randomUUID().slice(0, 8)}@example.com`, meta = {}) {
			const { rows } = await admin.query<{ id: string }>('insert into auth.users (email, raw_user_meta_data, email_confirmed_at) values ($1, $2, now()) returning id', [email, meta]);
			return { role: 'authenticated', id: rows[0].id, email };
		},
	};
}
