// What the form reads from the backend as the signed-in customer (RLS decides what they see): their
// organisations and role in each, the organisation's programme (the very document the tickets
// function computes due times from), the month's quota, and who the authorized contacts are.
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { Programme } from '#shared/programme.ts';
import type { Contact, Organisation, OrganisationContext, Quota } from './types.ts';

/** The backend could not be reached or answered with an error the customer cannot fix. */
export class BackendUnavailable extends Error {}

function check<T>(result: { data: T | null; error: { message: string } | null }): T {
	if (result.error || result.data === null) throw new BackendUnavailable(result.error?.message ?? 'no data');
	return result.data;
}

export async function myOrganisations(client: SupabaseClient, userId: string): Promise<Organisation[]> {
	const rows = check(
		await client.from('memberships').select('role, organisations(id, name, programme_id, plan_id, timezone)').eq('user_id', userId),
	) as { role: Organisation['role']; organisations: Omit<Organisation, 'role'> | null }[];
	return rows
		.filter((r) => r.organisations)
		.map((r) => ({ ...r.organisations!, role: r.role }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const programmes = new Map<string, Promise<Programme>>();

function programmeDocument(client: SupabaseClient, id: string): Promise<Programme> {
	let p = programmes.get(id);
	if (!p) {
		const loading = Promise.resolve(client.from('programmes').select('document').eq('id', id).single())
			// jsonb to the generated types; the seed writes the programme document content/support validates.
			.then((r) => check(r).document as unknown as Programme);
		loading.catch(() => programmes.delete(id));
		programmes.set(id, loading);
		p = loading;
	}
	return p;
}

async function quotaOf(client: SupabaseClient, organisation: string): Promise<Quota | null> {
	const { data, error } = await client.rpc('my_ticket_quota', { organisation }).single();
	return error ? null : (data as Quota);
}

export async function organisationContext(client: SupabaseClient, organisation: Organisation): Promise<OrganisationContext> {
	const [programme, quota] = await Promise.all([programmeDocument(client, organisation.programme_id), quotaOf(client, organisation.id)]);
	return { organisation, programme, quota };
}

/** The people of the organisation who may open tickets (authorized contacts and coordinators). */
export async function authorizedContacts(client: SupabaseClient, organisation: string): Promise<Contact[]> {
	// Names only: colleagues' e-mail addresses are theirs (organisation_contacts never returns them).
	const { data } = await client.rpc('organisation_contacts', { organisation });
	return ((data ?? []) as { name: string | null }[]).map((m) => ({ name: m.name }));
}
