// The local PostgREST stand-in picks up DDL applied while it runs (a migration during `npm run dev`):
// a table, a column or a function it has not seen yet is found after one schema-cache reload, as
// PostgREST finds them after NOTIFY pgrst. Local only: it needs the database itself.
import { describe, it, expect, inject, afterAll } from 'vitest';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { anonClient, local } from './client.ts';

const suffix = randomUUID().slice(0, 8);
const table = `rest_reload_${suffix}`;
const fn = `rest_reload_double_${suffix}`;

async function sql(text: string): Promise<void> {
	const client = new pg.Client({ connectionString: inject('dbUrl') });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

/** Repeats `attempt` until it has no error: reloads are allowed at most once a second. */
async function eventually<T extends { error: unknown }>(attempt: () => PromiseLike<T>, ms = 4000): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const result = await attempt();
		if (!result.error || Date.now() > deadline) return result;
		await new Promise((r) => setTimeout(r, 200));
	}
}

describe.skipIf(!local())('rest: schema cache reload', () => {
	afterAll(async () => {
		if (!local()) return;
		await sql(`drop table if exists public.${table}; drop function if exists public.${fn}(int);`);
	});

	it('finds a table, then a new column, created while running', async () => {
		const anon = anonClient();
		const before = await anon.from(table).select('*');
		expect(before.error).toMatchObject({ code: 'PGRST205' });
		await sql(`create table public.${table} (id int primary key, label text); insert into public.${table} values (1, 'one');`);
		const found = await eventually(() => anon.from(table).select('*'));
		expect(found.error).toBeNull();
		expect(found.data).toEqual([{ id: 1, label: 'one' }]);
		await sql(`alter table public.${table} add column note text not null default 'noted'`);
		const column = await eventually(() => anon.from(table).select('id, note'));
		expect(column.error).toBeNull();
		expect(column.data).toEqual([{ id: 1, note: 'noted' }]);
	});

	it('finds a function created while running', async () => {
		const anon = anonClient();
		await sql(`create function public.${fn}(n int) returns int language sql immutable as 'select n * 2'`);
		const called = await eventually(() => anon.rpc(fn, { n: 21 }));
		expect(called.error).toBeNull();
		expect(called.data).toBe(42);
	});
});
