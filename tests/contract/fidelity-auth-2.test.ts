// Auth fidelity (issue 15, item 4): refresh-token families as GoTrue v2.189 handles them
// (internal/tokens/service.go RefreshTokenGrant, models/refresh_token.go RevokeTokenFamily and
// GrantRefreshTokenSwap), with config.toml's enable_refresh_token_rotation = true and
// refresh_token_reuse_interval = 10. Runs unchanged against a real project; the checks that read
// auth.refresh_tokens need a database URL (the local stack's, or SUPABASE_DB_URL).
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { readToml } from '../../supabase/local/config.ts';
import { anonClient, fixtureDbUrl, serviceClient, uniqueEmail } from './client.ts';

const toml = readToml();
const REUSE_INTERVAL_S: number = toml.auth?.refresh_token_reuse_interval ?? 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function revokedOf(tokens: string[]): Promise<Record<string, boolean>> {
	const client = new pg.Client({ connectionString: fixtureDbUrl() });
	await client.connect();
	try {
		const { rows } = await client.query<{ token: string; revoked: boolean }>('select token, revoked from auth.refresh_tokens where token = any($1)', [tokens]);
		return Object.fromEntries(rows.map((r) => [r.token, r.revoked]));
	} finally {
		await client.end();
	}
}

/** A fresh confirmed user signed in: the first refresh token of a new session. */
async function firstToken(): Promise<string> {
	const email = uniqueEmail('family');
	const pw = `pw-${randomUUID()}`;
	expect((await serviceClient().auth.admin.createUser({ email, password: pw, email_confirm: true })).error).toBeNull();
	const { data, error } = await anonClient().auth.signInWithPassword({ email, password: pw });
	expect(error).toBeNull();
	return data.session!.refresh_token;
}

async function refresh(token: string) {
	return anonClient().auth.refreshSession({ refresh_token: token });
}

describe('auth fidelity: refresh-token families', () => {
	it('swaps an older revoked token within the reuse interval for a new token of its own (not the active one)', async () => {
		const a = await firstToken();
		const b = (await refresh(a)).data.session!.refresh_token;
		const c = (await refresh(b)).data.session!.refresh_token;
		const reused = await refresh(a);
		expect(reused.error).toBeNull();
		const d = reused.data.session!.refresh_token;
		expect(d).not.toBe(c);
		expect(d).not.toBe(b);
		// The parent of the active token still gets the active token back.
		const again = await refresh(b);
		expect(again.error).toBeNull();
		expect((await refresh(d)).error).toBeNull();
	});

	it(
		'revokes the whole session family when a revoked token is reused after the interval, answering refresh_token_already_used',
		{ timeout: (REUSE_INTERVAL_S * 2 + 20) * 1000 },
		async () => {
			const a = await firstToken();
			const b = (await refresh(a)).data.session!.refresh_token;
			const c = (await refresh(b)).data.session!.refresh_token;
			await sleep((REUSE_INTERVAL_S + 1) * 1000);
			const { data, error } = await refresh(a);
			expect(data.session).toBeNull();
			expect(error?.status).toBe(400);
			expect(error?.code).toBe('refresh_token_already_used');
			expect(error?.message).toBe('Invalid Refresh Token: Already Used');
			if (fixtureDbUrl()) expect(await revokedOf([a, b, c])).toEqual({ [a]: true, [b]: true, [c]: true });
			// The active token was revoked with the family: once the interval has passed it is refused too.
			await sleep((REUSE_INTERVAL_S + 1) * 1000);
			const late = await refresh(c);
			expect(late.error?.code).toBe('refresh_token_already_used');
		},
	);
});
