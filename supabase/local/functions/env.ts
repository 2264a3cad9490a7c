// The environment a function sees, as the Supabase CLI's `functions serve` builds it
// (apps/cli-go/internal/functions/serve/serve.go, templates/main.ts): the project's URL and keys, the
// database URL, then every entry of supabase/functions/.env. Nothing else of this Node process leaks in,
// so a function that works here does not silently depend on the developer's shell. One addition the CLI
// does not make: the e-mail channel's settings (emailDefaults) when .env leaves them out, so a fresh
// checkout threads, signs and receives mail without a .env at all.
import { existsSync, readFileSync } from 'node:fs';
import type { StackConfig } from '../config.ts';

export interface WorkerEnvInput {
	config: StackConfig;
	dbUrl: string;
	/** supabase/functions/.env, read when present. */
	envFile: string;
	/** Where Deno keeps its compile cache, and the function's scratch folder. */
	denoDir: string;
	tmpDir: string;
	log(line: string): void;
}

/**
 * Parses a dotenv file the way godotenv (which the CLI uses) reads the common cases: `KEY=value`,
 * `export KEY=value`, single quotes taken literally, double quotes with \n escapes, `#` comments.
 */
export function parseDotenv(text: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line || line.startsWith('#')) continue;
		const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
		if (!m) continue;
		let value = m[2];
		const single = /^'([^']*)'/.exec(value);
		const double = /^"((?:[^"\\]|\\.)*)"/.exec(value);
		if (single) value = single[1];
		else if (double) value = double[1].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
		else value = value.replace(/\s+#.*$/, '').trim();
		out[m[1]] = value;
	}
	return out;
}

/**
 * What the e-mail functions read, with the stack's local values: the support address (and its domain,
 * for reply addresses and message ids), the secret the stack's SMTP port hands received mail over
 * with, the authserv-id of the Authentication-Results that port adds (the only verdict inbound-email
 * trusts), and the site the mails link to and are signed with.
 */
export function emailDefaults(config: StackConfig): Record<string, string> {
	return {
		SUPPORT_ADDRESS: config.email.supportAddress,
		INBOUND_EMAIL_SECRET: config.email.inboundSecret,
		INBOUND_AUTHSERV_ID: config.email.authservId,
		SITE_URL: config.email.siteUrl,
		SITE_NAME: config.email.siteName,
	};
}

/** One variable as functions in that folder see it: the .env's value, else the stack's default. */
export function functionEnvValue(config: StackConfig, envFile: string, name: string): string | undefined {
	const fromFile = existsSync(envFile) ? parseDotenv(readFileSync(envFile, 'utf8'))[name] : undefined;
	return fromFile ?? emailDefaults(config)[name];
}

export function workerEnv(input: WorkerEnvInput): Record<string, string> {
	const { config } = input;
	const env: Record<string, string> = {
		// What Deno itself needs: its cache and a temp folder (Deno.makeTempDir honours TMPDIR).
		DENO_DIR: input.denoDir,
		TMPDIR: input.tmpDir,
		NO_COLOR: '1',
	};
	if (existsSync(input.envFile)) {
		for (const [k, v] of Object.entries(parseDotenv(readFileSync(input.envFile, 'utf8')))) {
			// The CLI refuses these too: the platform owns the SUPABASE_ namespace.
			if (k.startsWith('SUPABASE_')) input.log(`functions: ${input.envFile}: skipping ${k} (names starting with SUPABASE_ are reserved)`);
			else env[k] = v;
		}
	}
	for (const [k, v] of Object.entries({ ...emailDefaults(config), ...config.functions.env })) env[k] ??= v;
	Object.assign(env, {
		// Locally the CLI gives functions the internal gateway (http://kong:8000); here the gateway is
		// this process, reachable on loopback at the same address the browser uses.
		SUPABASE_URL: config.apiUrl,
		SUPABASE_ANON_KEY: config.anonKey,
		SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
		SUPABASE_DB_URL: input.dbUrl,
		SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: config.publishableKey }),
		SUPABASE_SECRET_KEYS: JSON.stringify({ default: config.secretKey }),
	});
	return env;
}
