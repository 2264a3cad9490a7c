// `npm run admin:create -- --email ana@empresa.mx [--name "Ana Pérez"]`: makes a person an admin of
// the support team — the first one of a fresh project, who then adds everyone else from /admin/.
// Against the local stack by default; against a hosted project with SUPABASE_URL and
// SUPABASE_SERVICE_ROLE_KEY (Dashboard → Project Settings → API) in the environment. It creates the
// account when there is none (confirmed, without a password: they sign in with a magic link or code
// on the site's /cuenta/) and makes it staff with the admin role; run again, it changes nothing.
// Exit codes: 0 done (or already so), 2 a wrong argument or missing setting, 1 the project refused.
import { parseArgs } from 'node:util';
import { createClient } from '@supabase/supabase-js';
import type { Database } from '#shared/database.types.ts';
import { loadConfig } from '../../supabase/local/config.ts';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function usage(problem: string): never {
	console.error(`admin:create: ${problem}\nusage: npm run admin:create -- --email <address> [--name "<full name>"]\n(hosted project: set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY)`);
	process.exit(2);
}

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } }, strict: false });
const email = typeof values.email === 'string' ? values.email.trim().toLowerCase() : '';
const name = typeof values.name === 'string' ? values.name.trim() : '';
if (!EMAIL.test(email)) usage(email ? `"${email}" is not an e-mail address` : '--email is required');

const hosted = process.env.SUPABASE_URL?.trim();
const local = hosted ? null : await loadConfig();
const url = hosted || local!.apiUrl;
const key = process.env.SUPABASE_SERVICE_ROLE_KEY?.trim() || (local ? local.serviceRoleKey : '');
if (!key) usage('SUPABASE_SERVICE_ROLE_KEY is required with SUPABASE_URL');

const db = createClient<Database>(url, key, { auth: { persistSession: false, autoRefreshToken: false } });

/** The account with this address: created when there is none. */
async function account(): Promise<{ id: string; created: boolean }> {
	const created = await db.auth.admin.createUser({ email, email_confirm: true, user_metadata: name ? { full_name: name } : {} });
	if (!created.error) return { id: created.data.user.id, created: true };
	if (created.error.code !== 'email_exists') throw new Error(`creating the account: ${created.error.message}`);
	// Found through the profiles the sign-up trigger keeps, one row per account.
	const { data, error } = await db.from('profiles').select('id').ilike('email', email).maybeSingle();
	if (error || !data) throw new Error(`finding the account of ${email}: ${error?.message ?? 'no profile'}`);
	return { id: data.id, created: false };
}

try {
	const who = await account();
	const { data: before, error: readError } = await db.from('staff').select('role').eq('user_id', who.id).maybeSingle();
	if (readError) throw new Error(`reading the staff: ${readError.message}`);
	if (before?.role === 'admin') {
		console.log(`${email} is already an admin: nothing to do.`);
		process.exit(0);
	}
	// Admins answer at the second level too; the level only matters to an agent's queue.
	const { error } = await db.from('staff').upsert({ user_id: who.id, role: 'admin', level: 2 });
	if (error) throw new Error(`making ${email} an admin: ${error.message}`);
	console.log(
		`${email} is now an admin${before ? ` (was ${before.role})` : ''}${who.created ? '; the account was created' : ''}.\n` +
			`They sign in on the site's /cuenta/ with a link or code sent to that address, then add the team from /admin/.`,
	);
} catch (e) {
	console.error(`admin:create: ${(e as Error).message} (${url})`);
	process.exit(1);
}
