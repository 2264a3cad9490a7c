// supabase/.env.example names every variable supabase/config.toml reads with env(…) (README, "Going
// live", step 6): `supabase config push` sends the literal text of an unset one as the setting.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LOCAL_ENV, readToml } from '../../supabase/local/config.ts';

const toml = readFileSync('supabase/config.toml', 'utf8');
const example = readFileSync('supabase/.env.example', 'utf8');
const readByConfig = new Set([...toml.matchAll(/^[^#\n]*"env\(([A-Z][A-Z0-9_]*)\)"/gm)].map((m) => m[1]));
const listed = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

describe('supabase/.env.example', () => {
	it('names every env(…) of config.toml, and nothing else', () => {
		expect(readByConfig).toContain('SITE_URL');
		expect([...readByConfig].sort()).toEqual([...listed].sort());
	});

	it('gives each a non-empty example value', () => {
		for (const m of example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)) if (!['SMTP_USER', 'SMTP_PASS'].includes(m[1])) expect(m[2].trim(), m[1]).not.toBe('');
	});
});

describe('env(…) in config.toml as the local stack reads it', () => {
	it('takes the variable when set, and the local value when not', () => {
		expect(readToml(undefined, { SITE_URL: 'https://soporte.example.com' }).auth.site_url).toBe('https://soporte.example.com');
		expect(readToml(undefined, {}).auth.site_url).toBe(LOCAL_ENV.SITE_URL);
		expect(readToml(undefined, { SITE_URL: '' }).auth.site_url).toBe(LOCAL_ENV.SITE_URL);
	});

	it('leaves an env(…) with no local value as written, as the CLI does', () => {
		expect(readToml(undefined, {}).auth.email.smtp.host).toBe('env(SMTP_HOST)');
	});
});
