// `npm run admin:create` against the stack (or a real project) as an operator runs it on a fresh
// project: it creates the account and makes it an admin; run again it changes nothing; it promotes an
// existing account; it refuses a bad address, or a hosted URL without the service key, with exit 2.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { serviceClient, signedInUser, uniqueEmail, url } from './client.ts';

const service = serviceClient();
const made: string[] = [];

function run(args: string[], env: Record<string, string | undefined> = { SUPABASE_URL: url(), SUPABASE_SERVICE_ROLE_KEY: inject('serviceRoleKey') }) {
	const r = spawnSync(process.execPath, ['src/cli/admin-create.ts', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
	return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const staffOf = async (email: string) => {
	const { data: p } = await service.from('profiles').select('id').eq('email', email).maybeSingle();
	if (p) made.push(p.id);
	return p ? (await service.from('staff').select('role, level').eq('user_id', p.id).maybeSingle()).data : null;
};

afterAll(async () => {
	for (const id of new Set(made)) {
		await service.from('staff').delete().eq('user_id', id);
		await service.auth.admin.deleteUser(id);
	}
});

describe('npm run admin:create', () => {
	it('creates the first admin’s account and makes it an admin; a second run changes nothing', async () => {
		const email = uniqueEmail('first-admin');
		const first = run(['--email', email, '--name', 'Ana Pérez']);
		expect(first.status, first.out).toBe(0);
		expect(first.out).toContain(`${email} is now an admin; the account was created.`);
		expect(await staffOf(email)).toEqual({ role: 'admin', level: 2 });
		const { data: profile } = await service.from('profiles').select('full_name').eq('email', email).single();
		expect(profile).toEqual({ full_name: 'Ana Pérez' });
		const again = run(['--email', email.toUpperCase()]);
		expect(again.status, again.out).toBe(0);
		expect(again.out).toContain('is already an admin: nothing to do.');
	});

	it('promotes an account that exists, saying what it was', async () => {
		const agent = await signedInUser('to-promote');
		made.push(agent.id);
		await service.from('staff').insert({ user_id: agent.id, role: 'agent', level: 1 });
		const r = run(['--email', agent.email]);
		expect(r.status, r.out).toBe(0);
		expect(r.out).toContain('(was agent)');
		expect(await staffOf(agent.email)).toEqual({ role: 'admin', level: 2 });
	});

	it('refuses a wrong address, or a hosted URL without the service key, with exit 2 and nothing done', async () => {
		const bad = run(['--email', 'no-es-un-correo']);
		expect(bad).toMatchObject({ status: 2 });
		expect(bad.out).toContain('"no-es-un-correo" is not an e-mail address');
		const email = uniqueEmail('no-key');
		const keyless = run(['--email', email], { SUPABASE_URL: url() });
		expect(keyless).toMatchObject({ status: 2 });
		expect(keyless.out).toContain('SUPABASE_SERVICE_ROLE_KEY is required');
		expect(await staffOf(email)).toBeNull();
	});
});
