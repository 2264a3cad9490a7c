// Organisations as admins manage them: the list, creating one (create_organisation), its plan's limit
// of authorized contacts, its invitation codes (create_invitation returns the code once; only its hash
// is stored; revoke_invitation) and its members with their roles (set_membership_role; the memberships
// trigger keeps the plan's limit and refuses with authorized_contacts_limit).
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { call, type Result } from '../../shared/backend.ts';
import type { OrganisationRow } from '../../shared/organisation.ts';

export type MemberRole = 'member' | 'authorized_contact' | 'coordinator';
export const MEMBER_ROLES: MemberRole[] = ['member', 'authorized_contact', 'coordinator'];

/** go_live: the implementation's go-live, from which a plan included for some months counts. */
export type Organisation = OrganisationRow & { go_live?: string | null };

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

const ORGANISATION = 'id, name, programme_id, plan_id, contract_start, contract_end, go_live, timezone';

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

// Contract, go-live and plan changes (the operators migration) ---------------------------------------

export interface OrganisationDates {
	contract_start: string;
	contract_end: string | null;
	go_live: string | null;
}

/** Sets the contract's first and last day and go-live, all three as the form shows them. */
export function setDates(client: SupabaseClient, organisation: string, d: OrganisationDates): Promise<Result<Organisation>> {
	return call(() =>
		client.rpc('set_organisation_dates', { organisation, contract_start: d.contract_start, contract_end: d.contract_end ?? undefined, go_live: d.go_live ?? undefined }),
	);
}

/** The last day the organisation's plan is included (a plan included for some months); null: no such limit. */
export function includedUntil(client: SupabaseClient, organisation: string): Promise<Result<string | null>> {
	return call(() => client.rpc('included_until', { organisation }));
}

export interface PlanChange {
	id: string;
	from_programme_id: string;
	from_plan_id: string;
	to_programme_id: string;
	to_plan_id: string;
	effective_from: string;
	retarget_open: boolean;
	requested_at: string;
	applied_at: string | null;
	retargeted_tickets: number | null;
	cancelled_at: string | null;
	/** The last failed attempt of the cron job to apply it (it stays pending and is tried again). */
	failed_at: string | null;
	failure: string | null;
}

const PLAN_CHANGE = 'id, from_programme_id, from_plan_id, to_programme_id, to_plan_id, effective_from, retarget_open, requested_at, applied_at, retargeted_tickets, cancelled_at, failed_at, failure';

export function listPlanChanges(client: SupabaseClient, organisation: string): Promise<Result<PlanChange[]>> {
	return call(() => client.from('organisation_plan_changes').select(PLAN_CHANGE).eq('organisation_id', organisation).order('requested_at', { ascending: false }).limit(20));
}

export interface NewPlanChange {
	programme: string;
	plan: string;
	effective_from: string;
	retarget_open: boolean;
}

export function changePlan(client: SupabaseClient, organisation: string, c: NewPlanChange): Promise<Result<PlanChange>> {
	return call(() => client.rpc('change_organisation_plan', { organisation, ...c }));
}

export function cancelPlanChange(client: SupabaseClient, change: string): Promise<Result<PlanChange>> {
	return call(() => client.rpc('cancel_plan_change', { change }));
}
