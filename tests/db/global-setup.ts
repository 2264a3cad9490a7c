// Once per test run: a throwaway PostgreSQL 17, and a template database with the platform bootstrap,
// every migration and the seed. Each test file clones the template (tests/db/harness.ts).
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { chmodSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { migrate, seed, startPostgres, databaseUrl, SEED } from '../../supabase/local/db.ts';

export const TEMPLATE = 'mostrador_template';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgServerUrl: string;
		pgTemplate: string;
	}
}

export default async function setup(project: TestProject) {
	const base = join(process.cwd(), 'tests/.tmp');
	mkdirSync(base, { recursive: true });
	const dir = mkdtempSync(join(base, 'pg-'));
	// mkdtemp makes it private; as root, Postgres runs as another user that must reach its data.
	chmodSync(dir, 0o755);
	const server = await startPostgres({ dataDir: join(dir, 'data'), port: await freePort(), persistent: false });
	const admin = new pg.Client({ connectionString: server.url });
	await admin.connect();
	await admin.query(`create database ${TEMPLATE}`);
	const client = new pg.Client({ connectionString: databaseUrl(server.url, TEMPLATE) });
	await client.connect();
	try {
		await migrate(client);
		// The programme data only: the db tests build their own people and organisations.
		await seed(client, [SEED]);
	} finally {
		await client.end();
		await admin.end();
	}
	project.provide('pgServerUrl', server.url);
	project.provide('pgTemplate', TEMPLATE);
	return async () => {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	};
}
