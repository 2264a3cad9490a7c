// Once per test run: the Supabase API the contract suite drives. By default a fresh local stack
// (supabase/local) on free ports with its data under tests/.tmp; with SUPABASE_URL,
// SUPABASE_ANON_KEY and SUPABASE_SERVICE_ROLE_KEY set, a real Supabase instead (see README,
// "Checking the local stack against Supabase").
import type { TestProject } from 'vitest/node';
import { chmodSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { loadConfig, type StackConfig } from '../../supabase/local/config.ts';
import { startStack, type Stack } from '../../supabase/local/stack.ts';
import { PortTakenError } from '../../supabase/local/postmaster.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		supabaseUrl: string;
		anonKey: string;
		serviceRoleKey: string;
		/** JSON mailbox listing (/_mail?format=json) or a Mailpit API, when there is one. */
		mailUrl: string | null;
		/** True against the local stand-in, where local-only checks (timeouts, restarts) run too. */
		localStack: boolean;
		jwtSecret: string;
		/** Superuser connection to the local stack's database (local only; '' against Supabase). */
		dbUrl: string;
		/** The local stack's inbound SMTP port (local only; 0 against Supabase). */
		smtpPort: number;
	}
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

/**
 * Starts a stack of a test's own on free ports, choosing them again when one was taken in between:
 * a port is only free until someone binds it, and the suite's other stacks bind ports of their own
 * (API, database, SMTP) at the same time.
 */
export async function startStackOnFreePorts(configure: (ports: { port: number; dbPort: number }) => Promise<StackConfig>, opts: Parameters<typeof startStack>[1]): Promise<Stack> {
	for (let attempt = 1; ; attempt++) {
		const config = await configure({ port: await freePort(), dbPort: await freePort() });
		try {
			return await startStack(config, opts);
		} catch (e) {
			if (!(e instanceof PortTakenError) || attempt >= 3) throw e;
		}
	}
}

export default async function setup(project: TestProject) {
	const env = process.env;
	if (env.SUPABASE_URL && env.SUPABASE_ANON_KEY && env.SUPABASE_SERVICE_ROLE_KEY) {
		project.provide('supabaseUrl', env.SUPABASE_URL);
		project.provide('anonKey', env.SUPABASE_ANON_KEY);
		project.provide('serviceRoleKey', env.SUPABASE_SERVICE_ROLE_KEY);
		project.provide('mailUrl', env.MAILPIT_URL ?? null);
		project.provide('localStack', false);
		project.provide('jwtSecret', env.SUPABASE_JWT_SECRET ?? '');
		project.provide('dbUrl', '');
		project.provide('smtpPort', 0);
		return;
	}
	const base = join(process.cwd(), 'tests/.tmp');
	mkdirSync(base, { recursive: true });
	const dir = mkdtempSync(join(base, 'stack-'));
	// mkdtemp makes it private; as root, Postgres runs as another user that must reach its data.
	chmodSync(dir, 0o755);
	const config = await loadConfig(env, {
		port: await freePort(),
		dataDir: join(dir, 'data'),
		functionsDirs: [join(process.cwd(), 'tests/contract/functions')],
		functionTimeoutMs: 3000,
		smtpPort: await freePort(),
	});
	config.dbPort = await freePort();
	// The reports function waits seconds between attempts at the site's feed; functions time out at 3 s here.
	config.functions.env = { REPORTS_FEED_RETRY_DELAYS_MS: '100,200' };
	// Tests sign many addresses in quickly; the per-address limit is checked by its own test.
	config.auth.maxFrequency = 2;
	// The whole suite signs in from one address; the per-IP limits have their own test.
	config.auth.rateLimit = { signInSignUps: 100_000, tokenVerifications: 100_000, tokenRefresh: 100_000 };
	const stack = await startStack(config, { reset: true, log: env.STACK_LOG ? console.log : undefined });
	project.provide('supabaseUrl', config.apiUrl);
	project.provide('anonKey', config.anonKey);
	project.provide('serviceRoleKey', config.serviceRoleKey);
	project.provide('mailUrl', `${config.apiUrl}/_mail?format=json`);
	project.provide('localStack', true);
	project.provide('jwtSecret', config.jwtSecret);
	project.provide('dbUrl', stack.dbUrl);
	project.provide('smtpPort', config.smtp.port);
	return async () => {
		await stack.stop();
		rmSync(dir, { recursive: true, force: true });
	};
}
