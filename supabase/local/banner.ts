// What the stack prints when it is ready: where everything is, the keys, the demo accounts and
// whether the demo history is loaded.
import type { StackConfig } from './config.ts';
import type { Stack } from './stack-types.ts';

function line(label: string, value: string) {
	console.log(`  ${label.padEnd(18)} ${value}`);
}

async function demoAccounts(stack: Stack): Promise<{ email: string; role: string; organisation: string | null }[]> {
	const { rows } = await stack.admin.query(`
		select u.email, coalesce(s.role, m.role) as role, o.name as organisation
		from auth.users u
		left join public.staff s on s.user_id = u.id
		left join public.memberships m on m.user_id = u.id
		left join public.organisations o on o.id = m.organisation_id
		where u.email like '%@demo.mostrador.test'
		order by o.name nulls last, (s.role is null) desc, m.role, u.email`);
	return rows;
}

/** How many tickets the demo history holds (supabase/local/demo/ marks them with its idempotency keys). */
async function demoHistory(stack: Stack): Promise<number> {
	const { rows } = await stack.admin.query<{ n: number }>(`select count(*)::int as n from public.tickets where idempotency_key like 'demo-%'`);
	return rows[0].n;
}

export async function printBanner(stack: Stack, ms: number): Promise<void> {
	const c: StackConfig = stack.config;
	console.log(`\nMostrador local stack ready in ${(ms / 1000).toFixed(1)} s\n`);
	line('API URL', c.apiUrl);
	line('REST', `${c.apiUrl}/rest/v1`);
	line('Auth', `${c.apiUrl}/auth/v1`);
	line('Storage', `${c.apiUrl}/storage/v1`);
	line('Functions', `${c.apiUrl}/functions/v1/<name>`);
	line('Mailbox', `${c.apiUrl}/_mail`);
	line('SMTP (inbound)', `${c.host}:${c.smtp.port} → mailbox + functions/v1/inbound-email`);
	line('Support address', c.email.supportAddress);
	line('Database', stack.dbUrl.replace(/:[^:@/]+@/, ':postgres@'));
	line('JWT secret', c.jwtSecret);
	line('anon key', c.anonKey);
	line('service_role key', c.serviceRoleKey);
	line('Publishable key', c.publishableKey);
	line('Secret key', c.secretKey);
	line('Data', c.databaseUrl ? `${c.storage.dir} (database: DATABASE_URL)` : c.dataDir);
	const demo = await demoAccounts(stack).catch(() => []);
	if (demo.length) {
		console.log('\n  Demo accounts (password: mostrador-demo; or sign in by e-mail code and read it at /_mail)');
		for (const d of demo) line(d.role, `${d.email}${d.organisation ? `  — ${d.organisation}` : ''}`);
		const history = await demoHistory(stack).catch(() => 0);
		console.log(
			history
				? `\n  Demo history: ${history} tickets over the last six months, downloads, comments and an alert (supabase/local/demo/;\n  loaded on a fresh database unless MOSTRADOR_DEMO=off; \`npm run stack -- --reset\` rebuilds the data with it dated from today)`
				: '\n  No demo history (MOSTRADOR_DEMO=off, or the database predates it): `npm run stack -- --reset` rebuilds the data with it',
		);
	}
	console.log('');
}

