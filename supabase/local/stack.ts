// The local stack: a real PostgreSQL (embedded, or DATABASE_URL) with the platform bootstrap, the
// project's tracked migrations and the seed, and one HTTP server on 127.0.0.1:54321 that routes
// /rest/v1, /auth/v1, /storage/v1 and /functions/v1 like the CLI's Kong gateway, plus the mailbox, and
// an SMTP port on 127.0.0.1 that takes mail in (smtp.ts).
import pg from 'pg';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { existsSync, mkdirSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, seed, startPostgres } from './db.ts';
import { assertPortFree, clearDataFolder, PortTakenError, StartError } from './postmaster.ts';
import { type StackConfig } from './config.ts';
import { apiKeyRefusal, corsHeaders, json, withoutApiKeyParam, type Ctx, type Service } from './http.ts';
import { createMailbox, mailService } from './mail.ts';
import { restService } from './rest/index.ts';
import { authService } from './auth/index.ts';
import { storageService } from './storage/index.ts';
import { functionsService } from './functions.ts';
import { createScheduler } from './cron.ts';
import { startInboundSmtp, type InboundSmtp } from './smtp.ts';
import type { Stack } from './stack-types.ts';
import { demoOrganisationsPresent, loadDemo } from './demo/index.ts';

export type { Stack } from './stack-types.ts';

export interface StartOptions {
	/** Drop the data folder first and rebuild from bootstrap, migrations and seed. */
	reset?: boolean;
	/** Start the cron scheduler (off for `--tick` and tests that tick by hand). */
	schedule?: boolean;
	log?: (line: string) => void;
	/** Postgres server output, for debugging. */
	dbLog?: boolean;
	/**
	 * On a fresh database, load the demo history (supabase/local/demo/) after the seed: what `npm run
	 * stack` and `npm run dev` do unless MOSTRADOR_DEMO=off. Off by default, so tests' stacks start with
	 * demo.sql's accounts and nothing else.
	 */
	demo?: boolean;
}

const AUTHENTICATOR_PASSWORD = 'postgres';

async function prepareDatabase(url: string, config: StackConfig, log: (l: string) => void, demo: boolean): Promise<{ seeded: boolean; applied: string[] }> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const hasMigrations = (await client.query(`select to_regclass('supabase_migrations.schema_migrations') is not null as ok`)).rows[0].ok;
		const before = hasMigrations ? Number((await client.query('select count(*) from supabase_migrations.schema_migrations')).rows[0].count) : 0;
		const applied = await migrate(client, config.migrationsDir);
		await client.query(readFileSync(join(import.meta.dirname, 'stack.sql'), 'utf8'));
		// The API pool logs in as authenticator, which may only become the API roles (as in Supabase).
		await client.query(`alter role authenticator with login password '${AUTHENTICATOR_PASSWORD}'`);
		// What cron jobs read to call the functions (vault secrets a hosted project sets once by hand).
		for (const [name, secret] of [
			['project_url', config.apiUrl],
			['service_role_key', config.serviceRoleKey],
			['anon_key', config.anonKey],
		]) {
			await client.query('insert into vault.secrets (name, secret) values ($1, $2) on conflict (name) do update set secret = excluded.secret', [name, secret]);
		}
		const seeded = before === 0;
		if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
		if (seeded) await seed(client);
		// Only on the database the seed just filled, and only onto demo.sql's organisations.
		// A demo that fails to load (its own transaction, rolled back) leaves a working stack without it.
		if (seeded && demo && (await demoOrganisationsPresent(client))) {
			const started = performance.now();
			try {
				const d = await loadDemo(client, { storageDir: config.storage.dir });
				log(`demo loaded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${d.tickets} tickets, ${d.comments} comments, ${d.votes} votes, ${d.downloadVersions} download versions, ${d.alerts} alert`);
			} catch (e) {
				log(`the demo history did not load, the stack runs without it: ${(e as Error).message}`);
			}
		}
		return { seeded, applied };
	} finally {
		await client.end();
	}
}

function withUser(url: string, user: string, password: string): string {
	const u = new URL(url);
	u.username = user;
	u.password = password;
	return u.href;
}

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
	const headers = new Headers();
	for (const [k, v] of Object.entries(req.headers)) {
		if (v === undefined) continue;
		for (const x of Array.isArray(v) ? v : [v]) headers.append(k, x);
	}
	const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
	return new Request(new URL(req.url ?? '/', base), {
		method: req.method,
		headers,
		body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
		// @ts-expect-error Node's fetch needs this for streamed bodies
		duplex: 'half',
	});
}

async function send(res: ServerResponse, response: Response, head: boolean): Promise<void> {
	const headers: Record<string, string | string[]> = {};
	response.headers.forEach((v, k) => {
		if (k === 'set-cookie') return;
		headers[k] = v;
	});
	const cookies = response.headers.getSetCookie();
	if (cookies.length) headers['set-cookie'] = cookies;
	res.writeHead(response.status, headers);
	if (!response.body || head) {
		res.end();
		await response.body?.cancel().catch(() => {});
		return;
	}
	const reader = response.body.getReader();
	res.on('close', () => reader.cancel().catch(() => {}));
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		if (!res.write(value)) await new Promise((r) => res.once('drain', r));
	}
	res.end();
}

/** The gateway rule the CLI templates into Kong: which bearer token reaches the services. */
export function gatewayToken(req: Request, config: StackConfig): string | undefined {
	const auth = /^bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1]?.trim();
	if (auth && !auth.startsWith('sb_')) return auth;
	const key = req.headers.get('apikey');
	if (!key) return undefined;
	if (key === config.secretKey) return config.serviceRoleKey;
	if (key === config.publishableKey) return config.anonKey;
	return key;
}

/** What `npm run stack` / `npm run dev` print when the stack does not start: one line, never a bare value. */
export function startFailureMessage(e: unknown): string {
	if (e instanceof StartError) return e.message;
	if (e instanceof Error) return `The local stack did not start: ${e.message.replace(/\s+/g, ' ').trim()}`;
	return `The local stack did not start, and its error says no more than ${String(e)}.`;
}

const smtpPortTaken = (port: number) =>
	new PortTakenError(port, `Port ${port}, where the stack takes mail in over SMTP, is taken by another program (another Supabase stack, a mail catcher?): stop it, or set MOSTRADOR_SMTP_PORT to another port.`);

const apiPortTaken = (port: number) =>
	new PortTakenError(port, `Port ${port} is taken by another program (another Supabase stack?): stop it, or set MOSTRADOR_STACK_PORT to another port.`);

export async function startStack(config: StackConfig, opts: StartOptions = {}): Promise<Stack> {
	const log = opts.log ?? (() => {});
	const dbDir = join(config.dataDir, 'db');
	// Checked before PostgreSQL starts, so that a taken port costs no database start and stop.
	await assertPortFree(config.port, config.host).catch((e) => {
		throw e instanceof PortTakenError ? apiPortTaken(config.port) : e;
	});
	if (config.smtp.port) {
		await assertPortFree(config.smtp.port, config.host).catch((e) => {
			throw e instanceof PortTakenError ? smtpPortTaken(config.smtp.port) : e;
		});
	}
	if (opts.reset && !config.databaseUrl) {
		// A PostgreSQL still running on the old data would survive the delete and keep the port.
		await clearDataFolder(dbDir, log);
		rmSync(config.dataDir, { recursive: true, force: true });
	}
	mkdirSync(config.dataDir, { recursive: true });
	// As root, Postgres runs as another user that must reach its data folder.
	chmodSync(config.dataDir, 0o755);
	mkdirSync(config.storage.dir, { recursive: true });

	let dbUrl = config.databaseUrl;
	let stopDb = async () => {};
	if (!dbUrl) {
		try {
			const server = await startPostgres({ dataDir: dbDir, port: config.dbPort, log: opts.dbLog, notes: log });
			dbUrl = server.url;
			stopDb = server.stop;
		} catch (e) {
			if (e instanceof PortTakenError && e.port === config.dbPort) {
				throw new StartError(`Port ${config.dbPort}, which the stack's PostgreSQL listens on, is taken by another program (another Supabase stack?): stop it, or set MOSTRADOR_DB_PORT to another port.`);
			}
			throw e;
		}
	} else if (opts.reset) {
		log('DATABASE_URL is set: --reset leaves that database alone');
	}
	try {
		return await serveStack(config, opts, log, dbUrl, stopDb);
	} catch (e) {
		// Nothing is left running when the start fails half-way (a migration, the port taken meanwhile).
		await stopDb().catch(() => {});
		throw (e as NodeJS.ErrnoException)?.code === 'EADDRINUSE' ? apiPortTaken(config.port) : e;
	}
}

async function serveStack(config: StackConfig, opts: StartOptions, log: (line: string) => void, dbUrl: string, stopDb: () => Promise<void>): Promise<Stack> {
	const prepared = await prepareDatabase(dbUrl, config, log, opts.demo ?? false);
	const admin = new pg.Pool({ connectionString: dbUrl, max: 10 });
	const api = new pg.Pool({ connectionString: withUser(dbUrl, 'authenticator', AUTHENTICATOR_PASSWORD), max: 20 });
	let stopped = false;
	// On Ctrl-C PostgreSQL hears the signal too and closes the connections itself: no news when stopping.
	for (const pool of [admin, api]) pool.on('error', (e) => stopped || log(`database connection lost: ${e.message}`));
	const mail = createMailbox(admin, log);

	const stack = { config, api, admin, mail, log, dbUrl } as Stack;
	stack.cron = createScheduler(stack);
	const services: Service[] = [restService(stack), authService(stack), storageService(stack), functionsService(stack), mailService(), stack.cron.service];

	const server: Server = createServer(async (req, res) => {
		let request: Request | undefined;
		try {
			request = await toRequest(req, config.apiUrl);
			const url = new URL(request.url);
			// The mailbox holds sign-in codes and the scheduler runs jobs: no web page may read them
			// cross-origin, so they get no CORS headers at all.
			const local = url.pathname.startsWith('/_');
			const cors = local ? {} : corsHeaders(request);
			let response: Response;
			if (request.method === 'OPTIONS') response = new Response(null, { status: local ? 403 : 204 });
			else {
				const service = services.find((s) => url.pathname === s.prefix || url.pathname.startsWith(s.prefix + '/'));
				if (!service) response = url.pathname === '/' ? json({ name: 'mostrador local stack', services: services.map((s) => s.prefix) }) : json({ message: 'no Route matched with those values' }, 404);
				else {
					// Supabase's gateway refuses /rest/v1 and /auth/v1 without one of the project's API keys.
					const refused = apiKeyRefusal(request, url, config);
					if (refused) response = refused;
					else {
						const ctx: Ctx = { stack, url: withoutApiKeyParam(url), path: url.pathname.slice(service.prefix.length) || '/', token: gatewayToken(request, config), ip: req.socket.remoteAddress ?? '' };
						response = await service.handle(request, ctx);
					}
				}
			}
			for (const [k, v] of Object.entries(cors)) if (!response.headers.has(k)) response.headers.set(k, v);
			if (!response.headers.has('x-content-type-options')) response.headers.set('x-content-type-options', 'nosniff');
			await send(res, response, req.method === 'HEAD');
		} catch (e) {
			log(`${req.method} ${req.url}: ${(e as Error).stack ?? e}`);
			if (!res.headersSent) {
				res.writeHead(500, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
				res.end(JSON.stringify({ code: 'internal_error', message: (e as Error).message }));
			} else res.destroy();
		}
	});
	try {
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(config.port, config.host, () => resolve());
		});
	} catch (e) {
		await Promise.all(services.map((s) => s.stop?.())).catch(() => {});
		await Promise.all([api.end(), admin.end()]).catch(() => {});
		throw e;
	}
	let smtp: InboundSmtp;
	try {
		smtp = await startInboundSmtp(stack);
	} catch (e) {
		server.closeAllConnections();
		await new Promise((r) => server.close(r));
		await Promise.all(services.map((s) => s.stop?.())).catch(() => {});
		await Promise.all([api.end(), admin.end()]).catch(() => {});
		throw (e as NodeJS.ErrnoException)?.code === 'EADDRINUSE' ? smtpPortTaken(config.smtp.port) : e;
	}
	// Port 0 asked the system for one: the stack's config says which it got.
	config.smtp.port = smtp.port;
	if (opts.schedule) stack.cron.start();

	stack.stop = async () => {
		if (stopped) return;
		stopped = true;
		stack.cron.stop();
		await smtp.stop();
		await Promise.all(services.map((s) => s.stop?.()));
		server.closeAllConnections();
		await new Promise((r) => server.close(r));
		await Promise.all([api.end(), admin.end()]);
		await stopDb();
	};
	(stack as Stack & { seeded: boolean }).seeded = prepared.seeded;
	return stack;
}

export function dataExists(config: StackConfig): boolean {
	return existsSync(join(config.dataDir, 'db', 'PG_VERSION'));
}
