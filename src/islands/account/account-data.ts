// Who the signed-in person is, read with their own session so RLS decides what they see: their
// profile, the organisations they belong to with each one's plan and contract, and their staff role
// if they have one (the staff list is visible to staff only, so for everyone else it comes back empty).
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { OrganisationRow } from '../shared/organisation.ts';

export type MemberRole = 'member' | 'authorized_contact' | 'coordinator';
export type StaffRole = 'agent' | 'lead' | 'admin';

export interface Profile {
	fullName: string | null;
	email: string | null;
	locale: 'es' | 'en';
}

export interface Membership {
	organisationId: string;
	organisationName: string;
	role: MemberRole;
	programmeId: string;
	planId: string;
	/** The plan's name as the database has it (Spanish); the page may know a translation. */
	planName: string;
	contractStart: string;
	contractEnd: string | null;
	timezone: string;
}

export interface AccountData {
	profile: Profile;
	memberships: Membership[];
	staff: { role: StaffRole; level: number } | null;
}

/** A failed read, with the HTTP status (0 when the backend was not reached). */
export class AccountReadError extends Error {
	readonly status: number;
	readonly code: string;
	constructor(error: { message: string; code?: string }, status: number) {
		super(error.message);
		this.name = 'AccountReadError';
		this.status = status;
		this.code = error.code ?? '';
	}
}

function check<T>(res: { data: T; error: { message: string; code?: string } | null; status: number }): T {
	if (res.error) throw new AccountReadError(res.error, res.status);
	return res.data;
}

export async function loadAccount(client: SupabaseClient, userId: string): Promise<AccountData> {
	const [profileRes, membershipsRes, staffRes] = await Promise.all([
		client.from('profiles').select('full_name, email, locale').eq('id', userId).maybeSingle(),
		client
			.from('memberships')
			.select('role, organisations(id, name, programme_id, plan_id, contract_start, contract_end, timezone)')
			.eq('user_id', userId),
		client.from('staff').select('role, level').eq('user_id', userId).maybeSingle(),
	]);
	const profile = check(profileRes);
	const rows = check(membershipsRes) as { role: MemberRole; organisations: OrganisationRow | null }[];
	const staff = check(staffRes);

	const organisations = rows.filter((r) => r.organisations);
	const planIds = [...new Set(organisations.map((r) => r.organisations!.plan_id))];
	const planNames = new Map<string, string>();
	if (planIds.length) {
		const plans = check(await client.from('plans').select('programme_id, id, name').in('id', planIds));
		for (const p of plans ?? []) planNames.set(`${p.programme_id}/${p.id}`, p.name);
	}

	const memberships = organisations
		.map(({ role, organisations: o }): Membership => ({
			organisationId: o!.id,
			organisationName: o!.name,
			role,
			programmeId: o!.programme_id,
			planId: o!.plan_id,
			planName: planNames.get(`${o!.programme_id}/${o!.plan_id}`) ?? o!.plan_id,
			contractStart: o!.contract_start,
			contractEnd: o!.contract_end,
			timezone: o!.timezone,
		}))
		.sort((a, b) => a.organisationName.localeCompare(b.organisationName));

	return {
		profile: {
			fullName: profile?.full_name ?? null,
			email: profile?.email ?? null,
			locale: profile?.locale === 'en' ? 'en' : 'es',
		},
		memberships,
		staff: staff ? { role: staff.role as StaffRole, level: staff.level } : null,
	};
}
