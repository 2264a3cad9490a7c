// Organisations as admins manage them: the list, creating one (create_organisation), its plan's limit
// of authorized contacts, its invitation codes (create_invitation returns the code once; only its hash
// is stored; revoke_invitation) and its members with their roles (set_membership_role; the memberships
// trigger keeps the plan's limit and refuses with authorized_contacts_limit).
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { call, type Result } from '../../shared/backend.ts';
import type { OrganisationRow } from '../../shared/organisation.ts';

export type MemberRole = 'member' | 'authorized_contact' | 'coordinator';
export const MEMBER_ROLES: MemberRole[] = ['member', 'authorized_contact', 'coordinator'];

export type Organisation = OrganisationRow;

export interface Invitation {
	id: string;
	role: 'member' | 'authorized_contact';
	expires_at: string;
	max_uses: number | null;
	uses: number;
	revoked_at: string | null;
	created_at: string;
}

export interface Member {
	user_id: string;
	role: MemberRole;
	created_at: string;
	profile: { full_name: string | null; email: string | null } | null;
}

const ORGANISATION = 'id, name, programme_id, plan_id, contract_start, contract_end, timezone';

export function listOrganisations(client: SupabaseClient): Promise<Result<Organisation[]>> {
	return call(() => client.from('organisations').select(ORGANISATION).order('name'));
}

export function getOrganisation(client: SupabaseClient, id: string): Promise<Result<Organisation | null>> {
	return call(() => client.from('organisations').select(ORGANISATION).eq('id', id).maybeSingle());
}

export interface NewOrganisation {
	name: string;
	programme: string;
	plan: string;
	contract_start: string;
	contract_end: string | null;
	timezone: string;
}

export function createOrganisation(client: SupabaseClient, o: NewOrganisation): Promise<Result<Organisation>> {
	return call(() => client.rpc('create_organisation', { ...o, contract_end: o.contract_end ?? undefined }));
}

/** The plan's cap on people who may open tickets; null: unlimited. */
export async function contactLimit(client: SupabaseClient, o: Organisation): Promise<Result<number | null>> {
	const result = await call(() => client.from('plans').select('authorized_contacts').eq('programme_id', o.programme_id).eq('id', o.plan_id).maybeSingle());
	return result.ok ? { ok: true, data: (result.data as { authorized_contacts: number | null } | null)?.authorized_contacts ?? null } : result;
}

export function listInvitations(client: SupabaseClient, organisation: string): Promise<Result<Invitation[]>> {
	return call(() =>
		client.from('invitations').select('id, role, expires_at, max_uses, uses, revoked_at, created_at').eq('organisation_id', organisation).order('created_at', { ascending: false }),
	) as Promise<Result<Invitation[]>>; // role: text with a check constraint, which the generated types read as string
}

export function createInvitation(client: SupabaseClient, organisation: string, role: Invitation['role'], validDays: number, maxUses: number | null): Promise<Result<string>> {
	return call(() => client.rpc('create_invitation', { organisation, role, valid_days: validDays, max_uses: maxUses ?? undefined }));
}

export function revokeInvitation(client: SupabaseClient, invitation: string): Promise<Result<Pick<Invitation, 'id' | 'revoked_at'>>> {
	return call(() => client.rpc('revoke_invitation', { invitation }));
}

export function listMembers(client: SupabaseClient, organisation: string): Promise<Result<Member[]>> {
	return call(() =>
		client.from('memberships').select('user_id, role, created_at, profile:profiles!user_id(full_name, email)').eq('organisation_id', organisation).order('created_at'),
	) as Promise<Result<Member[]>>;
}

export function setRole(client: SupabaseClient, organisation: string, member: string, role: MemberRole): Promise<Result<Pick<Member, 'user_id'>>> {
	return call(() => client.rpc('set_membership_role', { organisation, member, role }));
}

/** Removes a member (admins anyone; the database refuses the rest). */
export function removeMember(client: SupabaseClient, organisation: string, member: string): Promise<Result<Pick<Member, 'user_id'>>> {
	return call(() => client.rpc('remove_member', { organisation, member }));
}
