// One transaction on the superuser pool, as GoTrue runs each request's writes in one transaction as
// supabase_auth_admin: commit when fn resolves, roll back when it throws.
import type pg from 'pg';

export type Tx = pg.PoolClient;

export async function inTransaction<T>(pool: pg.Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
	const client = await pool.connect();
	let broken = false;
	try {
		await client.query('begin');
		try {
			const result = await fn(client);
			await client.query('commit');
			return result;
		} catch (e) {
			await client.query('rollback').catch(() => (broken = true));
			throw e;
		}
	} finally {
		client.release(broken);
	}
}
