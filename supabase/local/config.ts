// The local stack's settings: supabase/config.toml (as `supabase start` reads it) plus environment
// overrides. Defaults match the Supabase CLI's local stack — port 54321, its well-known JWT secret and
// the anon / service_role keys derived from it — so guides and tools written for the CLI work here.
import { parse } from 'smol-toml';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { signJwt } from './jwt.ts';

export const SUPABASE_DIR = resolve(import.meta.dirname, '..');
/** The Supabase CLI's local JWT secret (apps/cli-go/pkg/config/apikeys.go). */
export const CLI_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
/** Opaque keys the CLI hard-codes locally; the gateway maps them to the JWT keys. */
export const CLI_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const CLI_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

export interface FunctionConfig {
	verifyJwt: boolean;
}

export interface StackConfig {
	host: string;
	port: number;
	/** Public URL of the API gateway, e.g. http://127.0.0.1:54321 */
	apiUrl: string;
	jwtSecret: string;
	anonKey: string;
	serviceRoleKey: string;
	publishableKey: string;
	secretKey: string;
	/** Where Postgres data, stored objects and function caches live (git-ignored). */
	dataDir: string;
	/** A Postgres server to use instead of the embedded one. */
	databaseUrl?: string;
	dbPort: number;
	/** supabase/migrations, unless a test points elsewhere. */
	migrationsDir: string;
	api: { schemas: string[]; extraSearchPath: string[]; maxRows: number };
	auth: {
		siteUrl: string;
		redirectUrls: string[];
		jwtExpiry: number;
		refreshTokenRotation: boolean;
		refreshTokenReuseInterval: number;
		enableSignup: boolean;
		/** enable_confirmations = false → sign-ups are confirmed at once (GOTRUE_MAILER_AUTOCONFIRM). */
		autoconfirm: boolean;
		otpLength: number;
		otpExpiry: number;
		/** Minimum seconds between two e-mails to the same address. */
		maxFrequency: number;
		/** Requests per 5 minutes per IP address, as GoTrue's [auth.rate_limit] counts them. */
		rateLimit: { signInSignUps: number; tokenVerifications: number; tokenRefresh: number };
	};
	storage: { fileSizeLimit: number; dir: string };
	/**
	 * The inbound SMTP port (smtp.ts): MOSTRADOR_SMTP_PORT, else the API port + 4 (54325, where the
	 * CLI's mail catcher takes SMTP). 0 lets the system pick one; the stack writes the port it got here.
	 */
	smtp: { port: number; maxSize: number };
	/**
	 * What the e-mail channel needs, given to functions when supabase/functions/.env does not set it
	 * (functions/env.ts). A hosted project sets the same names with `supabase secrets set`.
	 */
	email: { supportAddress: string; inboundSecret: string; authservId: string; siteUrl: string; siteName: string };
	functions: {
		/** Folders holding <name>/index.ts, searched in order. */
		dirs: string[];
		config: Record<string, FunctionConfig>;
		/** A request that takes longer gets a 504 and its worker is restarted. */
		timeoutMs: number;
		/**
		 * Settings of this stack's own for every function, under supabase/functions/.env's (which wins):
		 * a test stack shortens waits that its short timeout would cut (the contract suite's global setup).
		 */
		env: Record<string, string>;
	};
}

function duration(v: unknown, fallback: number): number {
	if (typeof v === 'number') return v;
	if (typeof v !== 'string') return fallback;
	const m = /^(\d+)\s*(ms|s|m|h)?$/.exec(v.trim());
	if (!m) return fallback;
	const n = Number(m[1]);
	return { ms: n / 1000, s: n, m: n * 60, h: n * 3600 }[m[2] ?? 's']!;
}

function bytes(v: unknown, fallback: number): number {
	if (typeof v === 'number') return v;
	if (typeof v !== 'string') return fallback;
	const m = /^(\d+)\s*(B|KB|MB|GB|KiB|MiB|GiB)?$/i.exec(v.trim());
	if (!m) return fallback;
	const unit = (m[2] ?? 'B').toLowerCase();
	const k = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 }[unit]!;
	return Number(m[1]) * k;
}

/** The legacy API keys: HS256 JWTs with exactly the payload the CLI signs. */
export function apiKey(role: 'anon' | 'service_role', secret: string): Promise<string> {
	return signJwt({ iss: 'supabase-demo', role, exp: 1983812996 }, secret);
}

/**
 * What `env(NAME)` in config.toml means on this machine when NAME is not set: the values an operator
 * puts in supabase/.env for a hosted project (supabase/.env.example), here for the local dev server
 * (4321) and the preview the browser tests use (4329).
 */
export const LOCAL_ENV: Readonly<Record<string, string>> = {
	SITE_URL: 'http://127.0.0.1:4321',
	ADDITIONAL_REDIRECT_URLS: 'http://localhost:4321,http://127.0.0.1:4329,http://127.0.0.1:4321/**,http://localhost:4321/**,http://127.0.0.1:4329/**',
};

/**
 * config.toml as the Supabase CLI reads it: a string that is exactly `env(NAME)` becomes the
 * variable's value when it is set and not empty (the CLI leaves the text as it is otherwise; here
 * LOCAL_ENV fills in).
 */
export function readToml(file = join(SUPABASE_DIR, 'config.toml'), env: NodeJS.ProcessEnv = process.env): Record<string, any> {
	if (!existsSync(file)) return {};
	const resolveEnv = (v: unknown): unknown => {
		if (typeof v === 'string') return v.replace(/^env\((.*)\)$/, (text, name: string) => env[name] || LOCAL_ENV[name] || text);
		if (Array.isArray(v)) return v.map(resolveEnv);
		if (v && typeof v === 'object' && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveEnv(x)]));
		return v;
	};
	return resolveEnv(parse(readFileSync(file, 'utf8'))) as Record<string, any>;
}

/** The local support address, in the demo accounts' domain. */
export const LOCAL_SUPPORT_ADDRESS = 'soporte@demo.mostrador.test';
/** A fixed, public value: it only guards the stack's own hand-off of received mail on this machine. */
export const LOCAL_INBOUND_EMAIL_SECRET = 'mostrador-local-inbound-email-secret';
/**
 * The authserv-id the stack's SMTP port writes in the Authentication-Results it adds to every mail it
 * hands over (smtp.ts), and functions' INBOUND_AUTHSERV_ID by default: the local stand-in for the
 * receiving provider, whose DMARC verdict is the only one inbound-email trusts.
 */
export const LOCAL_INBOUND_AUTHSERV_ID = 'mx.local.mostrador.test';

/**
 * The site's name as the docs site shows it: the Spanish title of Starlight in astro.config.mjs (read
 * as text, since importing the config would load Astro). "Mostrador" if it cannot be found.
 */
export function siteTitle(file = join(SUPABASE_DIR, '..', 'astro.config.mjs')): string {
	if (!existsSync(file)) return 'Mostrador';
	const text = readFileSync(file, 'utf8');
	const m = /\btitle:\s*(?:\{\s*es:\s*)?(['"])((?:(?!\1).)+)\1/.exec(text.slice(text.indexOf('starlight(')));
	return m?.[2] ?? 'Mostrador';
}

export async function loadConfig(
	env: NodeJS.ProcessEnv = process.env,
	overrides: Partial<Pick<StackConfig, 'port' | 'dataDir' | 'databaseUrl'>> & { functionsDirs?: string[]; functionTimeoutMs?: number; smtpPort?: number } = {},
): Promise<StackConfig> {
	const toml = readToml(undefined, env);
	const host = '127.0.0.1';
	const port = overrides.port ?? Number(env.MOSTRADOR_STACK_PORT ?? toml.api?.port ?? 54321);
	const apiUrl = `http://${host}:${port}`;
	const jwtSecret = env.JWT_SECRET ?? CLI_JWT_SECRET;
	const dataDir = resolve(overrides.dataDir ?? env.MOSTRADOR_STACK_DATA ?? join(SUPABASE_DIR, 'local/data'));
	const fnConfig: Record<string, FunctionConfig> = {};
	for (const [name, c] of Object.entries<any>(toml.functions ?? {})) fnConfig[name] = { verifyJwt: c?.verify_jwt !== false };
	// The SMTP port sits 4 above the API port, as in the CLI's layout (54321 → 54325), so a stack moved
	// with MOSTRADOR_STACK_PORT moves it too; a stack on a port its caller chose in code (tests,
	// benches) takes any free one. Either way MOSTRADOR_SMTP_PORT, or the caller, can say which.
	const smtpPort = overrides.smtpPort ?? Number(env.MOSTRADOR_SMTP_PORT ?? (overrides.port !== undefined ? 0 : port + 4));
	const siteUrl: string = toml.auth?.site_url ?? LOCAL_ENV.SITE_URL;
	const extraDirs = (env.MOSTRADOR_FUNCTIONS_DIRS ?? '').split(':').filter(Boolean).map((d) => resolve(d));
	return {
		host,
		port,
		apiUrl,
		jwtSecret,
		anonKey: env.ANON_KEY ?? await apiKey('anon', jwtSecret),
		serviceRoleKey: env.SERVICE_ROLE_KEY ?? await apiKey('service_role', jwtSecret),
		publishableKey: env.PUBLISHABLE_KEY ?? CLI_PUBLISHABLE_KEY,
		secretKey: env.SECRET_KEY ?? CLI_SECRET_KEY,
		dataDir,
		databaseUrl: overrides.databaseUrl ?? env.DATABASE_URL,
		dbPort: Number(env.MOSTRADOR_DB_PORT ?? toml.db?.port ?? 54322),
		migrationsDir: join(SUPABASE_DIR, 'migrations'),
		api: {
			schemas: toml.api?.schemas ?? ['public'],
			extraSearchPath: toml.api?.extra_search_path ?? ['public', 'extensions'],
			maxRows: toml.api?.max_rows ?? 1000,
		},
		auth: {
			siteUrl,
			// GoTrue takes its allow list as one comma-separated string (the CLI joins this array with
			// commas), so one env(…) entry may hold several URLs.
			redirectUrls: (toml.auth?.additional_redirect_urls ?? []).flatMap((u: string) => u.split(',').map((s) => s.trim()).filter(Boolean)),
			jwtExpiry: toml.auth?.jwt_expiry ?? 3600,
			refreshTokenRotation: toml.auth?.enable_refresh_token_rotation ?? true,
			refreshTokenReuseInterval: toml.auth?.refresh_token_reuse_interval ?? 10,
			enableSignup: (toml.auth?.enable_signup ?? true) && (toml.auth?.email?.enable_signup ?? true),
			autoconfirm: !(toml.auth?.email?.enable_confirmations ?? false),
			otpLength: toml.auth?.email?.otp_length ?? 6,
			otpExpiry: toml.auth?.email?.otp_expiry ?? 3600,
			maxFrequency: duration(env.MOSTRADOR_AUTH_MAX_FREQUENCY ?? toml.auth?.email?.max_frequency, 1),
			// MOSTRADOR_AUTH_RATE_LIMIT sets all three at once (the browser tests sign many people in).
			rateLimit: {
				signInSignUps: Number(env.MOSTRADOR_AUTH_RATE_LIMIT ?? toml.auth?.rate_limit?.sign_in_sign_ups ?? 30),
				tokenVerifications: Number(env.MOSTRADOR_AUTH_RATE_LIMIT ?? toml.auth?.rate_limit?.token_verifications ?? 30),
				tokenRefresh: Number(env.MOSTRADOR_AUTH_RATE_LIMIT ?? toml.auth?.rate_limit?.token_refresh ?? 150),
			},
		},
		storage: { fileSizeLimit: bytes(toml.storage?.file_size_limit, 50 * 1024 ** 2), dir: join(dataDir, 'storage') },
		// 25 MB: what the common providers take in (and more than a support ticket's mail needs).
		smtp: { port: smtpPort, maxSize: 25 * 1024 ** 2 },
		email: { supportAddress: LOCAL_SUPPORT_ADDRESS, inboundSecret: LOCAL_INBOUND_EMAIL_SECRET, authservId: LOCAL_INBOUND_AUTHSERV_ID, siteUrl, siteName: siteTitle() },
		functions: {
			dirs: [...(overrides.functionsDirs ?? []), join(SUPABASE_DIR, 'functions'), ...extraDirs],
			config: fnConfig,
			timeoutMs: overrides.functionTimeoutMs ?? Number(env.MOSTRADOR_FUNCTION_TIMEOUT_MS ?? 150_000),
			env: {},
		},
	};
}
