// The support team as admins manage it (the operators migration): the staff with their names and
// addresses, pending invitations with their expiry, invite_staff (a mail with a single-use link the
// invitee accepts on the account page, signed in with that address: nobody is made staff here),
// set_staff_role, deactivate_staff and revoke_staff_invitation. The database keeps the last admin and
// refuses deactivating oneself.
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { call, type Result } from '../../shared/backend.ts';

export type StaffRole = 'agent' | 'lead' | 'admin';
export const STAFF_ROLES: StaffRole[] = ['agent', 'lead', 'admin'];
export type Level = 1 | 2;

export interface StaffMember {
	user_id: string;
	role: StaffRole;
	level: Level;
	profile: { full_name: string | null; email: string | null } | null;
}

export interface StaffInvitation {
	id: string;
	email: string;
	role: StaffRole;
	level: Level;
	invited_at: string;
	/** When its link stops working; a past one still shows (invite again to send a new link). */
	expires_at: string;
}

export function listStaff(client: SupabaseClient): Promise<Result<StaffMember[]>> {
	return call(() => client.from('staff').select('user_id, role, level, profile:profiles!user_id(full_name, email)').order('created_at')) as Promise<Result<StaffMember[]>>; // role, level: checked text and int
}

export function listInvitations(client: SupabaseClient): Promise<Result<StaffInvitation[]>> {
	return call(() =>
		client.from('staff_invitations').select('id, email, role, level, invited_at, expires_at').is('accepted_at', null).is('revoked_at', null).order('invited_at', { ascending: false }),
	) as Promise<Result<StaffInvitation[]>>;
}

export interface InviteAnswer {
	invitation: string;
	email: string;
	role: StaffRole;
	level: Level;
	expires_at: string;
}

export function inviteStaff(client: SupabaseClient, email: string, role: StaffRole, level: Level): Promise<Result<InviteAnswer>> {
	return call(() => client.rpc('invite_staff', { email, role, level })) as Promise<Result<InviteAnswer>>; // jsonb, typed Json
}

export function setStaffRole(client: SupabaseClient, member: string, role: StaffRole, level: Level): Promise<Result<Pick<StaffMember, 'user_id'>>> {
	return call(() => client.rpc('set_staff_role', { member, role, level }));
}

export function deactivateStaff(client: SupabaseClient, member: string): Promise<Result<Pick<StaffMember, 'user_id'>>> {
	return call(() => client.rpc('deactivate_staff', { member }));
}

export function revokeStaffInvitation(client: SupabaseClient, invitation: string): Promise<Result<Pick<StaffInvitation, 'id'>>> {
	return call(() => client.rpc('revoke_staff_invitation', { invitation }));
}
