// Who may and who may not: every table and RPC, for anonymous readers, members, authorized contacts
// and coordinators of organisation A, a member of organisation B, support staff and the service role.
// Cases run in order over one world, so later cases see what earlier ones did (noted where it matters).
import { describe, expect, it } from 'vitest';
import { anon, service, testDb, type Actor } from './harness.ts';
import { addMember, createOrganisation, createTicket, createWorld, ticketPayload } from './fixtures.ts';

const db = await testDb();
const w = await createWorld(db);
const outsider = await db.user('outsider@example.com');
// Real ids for the refusal rows of the operators functions: a call on an id nobody holds would fail
// before the caller is judged, or never run at all, and prove nothing.
const [pendingChange] = await db.as(w.admin, `select id from public.change_organisation_plan($1, 'estandar-extendido', 'estandar', current_date + 3)`, [w.orgB]);
const [pendingInvitation] = await db.as(w.admin, `select (public.invite_staff('pendiente@example.com', 'agent') ->> 'invitation')::uuid as id`);
/** The token mailed for an invitation (notifications are the service role's; the test reads them as superuser). */
const mailedToken = async (address: string) =>
	(await db.admin.query(`select payload ->> 'token' as token from public.notifications where template = 'staff_invited' and recipient_email = $1 order by created_at desc limit 1`, [address])).rows[0].token as string;

/** A number: the statement succeeds and returns that many rows. A string: it fails with a message containing it. */
type Outcome = number | string;
type Case = [name: string, actor: Actor, sql: string, params: unknown[], outcome: Outcome];

const DENIED = 'permission denied';
const RLS = 'row-level security';
const A = w.orgA;
const B = w.orgB;
const tA = w.ticketA;
/** What a customer may select of a ticket: every column but the staff-only ones. */
const CUSTOMER_TICKET = 'id, number, subject, status, severity_key, requester_id, created_at, first_response_due_at, resolution_due_at, closed_at';

const cases: Case[] = [
	// profiles
	['anon cannot read profiles', anon, 'select * from public.profiles', [], DENIED],
	['a member of A sees only their own profile (with its e-mail)', w.memberA, 'select email from public.profiles', [], 1],
	['a member of B sees only their own profile', w.memberB, 'select * from public.profiles', [], 1],
	["a member cannot read a colleague's e-mail", w.memberA, 'select email from public.profiles where id = $1', [w.contactA.id], 0],
	["a member learns their colleagues' names, not their e-mails", w.memberA, 'select * from public.display_names($1)', [[w.memberA.id, w.contactA.id, w.coordA.id]], 3],
	['display names carry no e-mail', w.memberA, 'select email from public.display_names($1)', [[w.contactA.id]], 'column "email" does not exist'],
	["a member gets no name for a person of another organisation", w.memberA, 'select * from public.display_names($1)', [[w.memberB.id, w.contactB.id]], 0],
	['a customer gets no name for support staff', w.memberA, 'select * from public.display_names($1)', [[w.agent.id, w.admin.id]], 0],
	['staff get anyone\'s name', w.agent, 'select * from public.display_names($1)', [[w.memberA.id, w.memberB.id, w.admin.id]], 3],
	['anon cannot ask for names', anon, 'select * from public.display_names($1)', [[w.memberA.id]], DENIED],
	["a member learns who may open tickets in their organisation", w.memberA, 'select * from public.organisation_contacts($1)', [A], 2],
	["an outsider learns nothing of another organisation's contacts", w.memberB, 'select * from public.organisation_contacts($1)', [A], 0],
	['the contacts list carries no e-mail', w.memberA, 'select email from public.organisation_contacts($1)', [A], 'column "email" does not exist'],
	['an agent sees every profile', w.agent, 'select * from public.profiles', [], 9],
	['a user changes their own name', w.memberA, `update public.profiles set full_name = 'Ana' where id = $1 returning id`, [w.memberA.id], 1],
	["a user cannot change a colleague's profile", w.memberA, `update public.profiles set full_name = 'X' where id = $1 returning id`, [w.contactA.id], 0],
	['a user cannot change their e-mail in the profile', w.memberA, `update public.profiles set email = 'x@example.com' where id = $1`, [w.memberA.id], 'profile_field_readonly'],
	['a user cannot backdate their profile', w.memberA, `update public.profiles set created_at = '2000-01-01' where id = $1`, [w.memberA.id], 'profile_field_readonly'],
	['a member cannot truncate memberships (TRUNCATE ignores RLS)', w.memberA, 'truncate public.memberships cascade', [], DENIED],
	['staff cannot truncate tickets', w.agent, 'truncate public.tickets cascade', [], DENIED],
	['anon cannot truncate the catalogue', anon, 'truncate public.download_items cascade', [], DENIED],
	['callers cannot write events through the private helper', w.memberB, `select private.log_event($1, 'status_changed')`, [w.ticketA], DENIED],
	['nobody inserts profiles by hand', w.memberA, `insert into public.profiles (id) values ($1)`, [w.memberA.id], DENIED],
	['a coordinator of A sees only their own profile', w.coordA, 'select * from public.profiles', [], 1],
	["a member of B cannot look up a person of A", w.memberB, 'select * from public.profiles where id = $1', [w.memberA.id], 0],
	['an admin sees every profile', w.admin, 'select * from public.profiles', [], 9],
	['anon cannot change profiles', anon, `update public.profiles set full_name = 'X'`, [], DENIED],
	['nobody deletes profiles through the API', w.admin, 'delete from public.profiles where id = $1', [w.memberA.id], DENIED],
	// staff
	['customers do not see the staff list', w.coordA, 'select * from public.staff', [], 0],
	['staff see the staff list', w.agent, 'select * from public.staff', [], 3],
	['an agent cannot add staff', w.agent, `insert into public.staff (user_id, role) values ($1, 'admin')`, [w.memberB.id], DENIED],
	['an agent cannot promote themself', w.agent, `update public.staff set role = 'admin' where user_id = $1 returning user_id`, [w.agent.id], DENIED],
	['even an admin changes staff only through set_staff_role (the last admin stays)', w.admin, `update public.staff set level = 1 where user_id = $1 returning user_id`, [w.agent.id], DENIED],
	['a customer cannot remove staff', w.coordA, 'delete from public.staff returning user_id', [], DENIED],
	['anon cannot read the staff list', anon, 'select * from public.staff', [], DENIED],
	['a lead (not admin) cannot change staff', w.lead, `update public.staff set level = 2 where user_id = $1 returning user_id`, [w.agent.id], DENIED],
	['an agent cannot remove staff', w.agent, 'delete from public.staff where user_id = $1 returning user_id', [w.lead.id], DENIED],
	['even an admin removes staff only through deactivate_staff', w.admin, 'delete from public.staff where user_id = $1 returning user_id', [w.lead.id], DENIED],
	// organisations
	['anon cannot read organisations', anon, 'select * from public.organisations', [], DENIED],
	['a member of A sees only A', w.memberA, 'select * from public.organisations', [], 1],
	['a member of B does not see A', w.memberB, 'select * from public.organisations where id = $1', [A], 0],
	['staff see every organisation', w.agent, 'select * from public.organisations', [], 2],
	['a coordinator cannot change the contract', w.coordA, `update public.organisations set contract_end = '2030-01-01' where id = $1 returning id`, [A], DENIED],
	['even an admin changes an organisation only through the functions (the plan change record)', w.admin, `update public.organisations set plan_id = 'extendido' where id = $1 returning id`, [A], DENIED],
	['a customer cannot create organisations', w.coordA, `insert into public.organisations (name, programme_id, plan_id, contract_start, timezone) values ('X', 'estandar-extendido', 'estandar', '2026-01-01', 'UTC')`, [], DENIED],
	['an agent (not admin) cannot create organisations', w.agent, `insert into public.organisations (name, programme_id, plan_id, contract_start, timezone) values ('X', 'estandar-extendido', 'estandar', '2026-01-01', 'UTC')`, [], DENIED],
	['an authorized contact of A sees only A', w.contactA, 'select * from public.organisations', [], 1],
	['an agent (not admin) cannot change an organisation', w.agent, `update public.organisations set plan_id = 'extendido' where id = $1 returning id`, [A], DENIED],
	['a coordinator cannot delete their organisation', w.coordA, 'delete from public.organisations where id = $1 returning id', [A], DENIED],
	['nobody deletes organisations through the API', w.admin, 'delete from public.organisations where id = $1 returning id', [A], DENIED],
	// memberships
	['a member of A sees the members of A', w.memberA, 'select * from public.memberships', [], 3],
	['a member of B sees the members of B', w.memberB, 'select * from public.memberships', [], 2],
	['staff see every membership', w.agent, 'select * from public.memberships', [], 5],
	['a member cannot add people to their organisation', w.memberA, `insert into public.memberships (organisation_id, user_id) values ($1, $2)`, [A, outsider.id], DENIED],
	['a member of B cannot add themself to A', w.memberB, `insert into public.memberships (organisation_id, user_id) values ($1, $2)`, [A, w.memberB.id], DENIED],
	['a coordinator cannot insert a person into their organisation by REST', w.coordA, `insert into public.memberships (organisation_id, user_id, role) values ($1, $2, 'coordinator')`, [A, outsider.id], DENIED],
	['a coordinator cannot change a role by REST', w.coordA, `update public.memberships set role = 'coordinator' where organisation_id = $1 and user_id = $2 returning user_id`, [A, w.memberA.id], DENIED],
	["a coordinator cannot move a membership to another person or organisation", w.coordA, 'update public.memberships set user_id = $2 where organisation_id = $1 and user_id = $3', [A, outsider.id, w.memberA.id], DENIED],
	['a coordinator cannot delete memberships by REST', w.coordA, 'delete from public.memberships where organisation_id = $1 and user_id = $2', [A, w.memberA.id], DENIED],
	['even the service role cannot move a membership', service, 'update public.memberships set organisation_id = $1 where user_id = $2', [B, w.memberA.id], 'membership_key_readonly'],
	['a coordinator changes a member to authorized contact through the function, within the plan', w.coordA, `select public.set_membership_role($1, $2, 'authorized_contact')`, [A, w.memberA.id], 'authorized_contacts_limit'],
	['a coordinator cannot make a coordinator', w.coordA, `select public.set_membership_role($1, $2, 'coordinator')`, [A, w.memberA.id], 'coordinator_role_admin_only'],
	['a coordinator cannot unmake themself', w.coordA, `select public.set_membership_role($1, $2, 'member')`, [A, w.coordA.id], 'coordinator_role_admin_only'],
	['a member of B cannot change roles in A', w.memberB, `select public.set_membership_role($1, $2, 'member')`, [A, w.contactA.id], 'not_allowed'],
	['a member cannot remove a colleague', w.memberA, 'select public.remove_member($1, $2)', [A, w.coordA.id], 'membership_not_found'],
	["a member of B does not see who belongs to A", w.memberB, 'select * from public.memberships where organisation_id = $1', [A], 0],
	['an agent (not admin) cannot change memberships', w.agent, `select public.set_membership_role($1, $2, 'coordinator')`, [B, w.memberB.id], 'not_allowed'],
	['an agent (not admin) cannot remove members', w.agent, 'select public.remove_member($1, $2)', [B, w.memberB.id], 'membership_not_found'],
	["a coordinator of A cannot remove B's people", w.coordA, 'select public.remove_member($1, $2)', [B, w.memberB.id], 'membership_not_found'],
	['a coordinator cannot add an existing account (admins only; others use codes)', w.coordA, `select public.add_member($1, 'outsider@example.com')`, [A], 'admin_only'],
	['anon cannot remove members', anon, 'select public.remove_member($1, $2)', [A, w.memberA.id], DENIED],
	// invitations
	['a coordinator creates an invitation code', w.coordA, 'select public.create_invitation($1) as code', [A], 1],
	['a plain member cannot invite', w.memberA, 'select public.create_invitation($1)', [A], 'not_allowed'],
	['a coordinator of A cannot invite into B', w.coordA, 'select public.create_invitation($1)', [B], 'not_allowed'],
	['anon cannot invite', anon, 'select public.create_invitation($1)', [A], DENIED],
	['an admin invites into any organisation', w.admin, 'select public.create_invitation($1)', [B], 1],
	["the coordinator sees their organisation's invitations", w.coordA, 'select id, uses, max_uses, expires_at, revoked_at from public.invitations', [], 1],
	["nobody reads an invitation's code hash, not even its coordinator", w.coordA, 'select code_hash from public.invitations', [], DENIED],
	["a member does not see the organisation's invitations", w.memberA, 'select id from public.invitations', [], 0],
	['an admin sees every invitation', w.admin, 'select id from public.invitations', [], 2],
	['nobody inserts invitations by hand', w.coordA, `insert into public.invitations (organisation_id, code_hash, expires_at) values ($1, 'x', now())`, [A], DENIED],
	["a member of B does not see A's invitations", w.memberB, 'select id from public.invitations where organisation_id = $1', [A], 0],
	['an agent (not admin) does not see invitations', w.agent, 'select id from public.invitations', [], 0],
	['a coordinator cannot invite a coordinator', w.coordA, `select public.create_invitation($1, 'coordinator')`, [A], 'invalid_role'],
	['a member cannot revoke an invitation', w.memberA, `select public.revoke_invitation((select id from public.invitations where organisation_id = $1 limit 1))`, [A], 'invitation_not_found'],
	['a coordinator cannot un-revoke or refill an invitation by REST', w.coordA, 'update public.invitations set revoked_at = null, uses = 0, max_uses = null where organisation_id = $1', [A], DENIED],
	["a coordinator cannot replace an invitation's code hash", w.coordA, `update public.invitations set code_hash = '\\x00' where organisation_id = $1`, [A], DENIED],
	["a coordinator of A cannot revoke B's invitation", w.coordA, 'select public.revoke_invitation(id) from (select id from public.invitations where organisation_id = $1) i', [B], 0],
	['a coordinator revokes their invitation, and the answer carries no code hash', w.coordA, 'select 1 from public.invitations i, public.revoke_invitation(i.id) r where i.organisation_id = $1 and r.revoked_at is not null and r.code_hash is null', [A], 1],
	['nobody calls the private ticket locker through the API', w.contactA, 'select private.ticket_for_update($1)', [tA], DENIED],
	['nobody deletes invitations through the API', w.admin, 'delete from public.invitations', [], DENIED],
	['a wrong code joins nothing', outsider, `select public.join_organisation('AAAA-BBBB-CCCC')`, [], 'invitation_not_found'],
	['anon cannot join', anon, `select public.join_organisation('AAAA-BBBB-CCCC')`, [], DENIED],
	// tickets
	['anon cannot read tickets', anon, 'select * from public.tickets', [], DENIED],
	["a plain member sees their organisation's ticket", w.memberA, `select ${CUSTOMER_TICKET} from public.tickets`, [], 1],
	["an authorized contact sees their organisation's ticket", w.contactA, `select ${CUSTOMER_TICKET} from public.tickets`, [], 1],
	["a member of B does not see A's ticket", w.memberB, 'select id from public.tickets where id = $1', [tA], 0],
	['a member of B sees B\'s ticket', w.memberB, 'select id from public.tickets', [], 1],
	['someone in no organisation sees no ticket', outsider, 'select id from public.tickets', [], 0],
	['staff see every ticket', w.agent, 'select id from public.tickets', [], 2],
	["a coordinator sees their organisation's ticket", w.coordA, 'select id from public.tickets', [], 1],
	['an admin sees every ticket', w.admin, 'select id from public.tickets', [], 2],
	["a customer cannot read the ticket's assignee", w.contactA, 'select assignee_id from public.tickets', [], DENIED],
	["a customer cannot read the ticket's level", w.coordA, 'select level from public.tickets', [], DENIED],
	["a customer cannot read the ticket's problem", w.memberA, 'select problem_id from public.tickets', [], DENIED],
	['a customer cannot select every column (that would include the staff-only ones)', w.memberA, 'select * from public.tickets', [], DENIED],
	['a customer cannot filter on the assignee either', w.memberA, 'select id from public.tickets where assignee_id is not null', [], DENIED],
	['a customer reads nothing of the staff-only projection', w.contactA, 'select * from public.ticket_staff_fields', [], 0],
	['anon cannot read the staff-only projection', anon, 'select * from public.ticket_staff_fields', [], DENIED],
	['nobody writes the projection through the API', w.agent, `update public.ticket_staff_fields set level = 2`, [], DENIED],
	['staff read the projection: one row a ticket', w.agent, 'select ticket_id from public.ticket_staff_fields', [], 2],
	["the projection holds each ticket's own assignee, level and problem", service, 'select 1 from public.tickets t join public.ticket_staff_fields f on f.ticket_id = t.id where (t.assignee_id, t.level, t.problem_id) is not distinct from (f.assignee_id, f.level, f.problem_id)', [], 2],
	['a customer gets nothing from the queue', w.coordA, 'select assignee_id from public.agent_queue', [], 0],
	['staff read assignee, level and problem through the queue', w.agent, 'select assignee_id, level, problem_id from public.agent_queue where id = $1 and assignee_id is not null and problem_id is not null', [tA], 1],
	['the service role sees every ticket', service, 'select * from public.tickets', [], 2],
	['customers cannot insert tickets directly', w.contactA, `insert into public.tickets (organisation_id) values ($1)`, [A], DENIED],
	['customers cannot update tickets directly', w.contactA, `update public.tickets set subject = 'x'`, [], DENIED],
	['staff cannot update tickets directly either', w.agent, `update public.tickets set status = 'closed'`, [], DENIED],
	['customers cannot delete tickets', w.coordA, 'delete from public.tickets', [], DENIED],
	['an authorized contact cannot call create_ticket (only the tickets function can)', w.contactA, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(A, w.contactA.id))], DENIED],
	['anon cannot call create_ticket', anon, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(A, w.contactA.id))], DENIED],
	['the service role refuses a plain member as requester', service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(A, w.memberA.id))], 'not_authorized_contact'],
	["the service role refuses a requester from another organisation", service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(A, w.memberB.id))], 'not_a_member'],
	['the service role refuses an unknown severity', service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(A, w.contactA.id, { severity: 'alta' }))], 'invalid_severity'],
	['the service role refuses attachments outside the folder', service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(A, w.contactA.id, { attachments: [{ storage_path: `${B}/x.png`, file_name: 'x.png', mime_type: 'image/png', size_bytes: 1 }] }))], 'attachment_outside_folder'],
	// messages
	['a member of A sees the description and the public reply, not the internal note', w.memberA, 'select * from public.ticket_messages where ticket_id = $1', [tA], 2],
	['no internal message reaches a customer at all', w.coordA, `select * from public.ticket_messages where visibility = 'internal'`, [], 0],
	['staff see the internal note', w.agent, 'select * from public.ticket_messages where ticket_id = $1', [tA], 3],
	["a member of B sees none of A's messages", w.memberB, 'select * from public.ticket_messages where ticket_id = $1', [tA], 0],
	['customers cannot insert messages directly', w.memberA, `insert into public.ticket_messages (ticket_id, body) values ($1, 'x')`, [tA], DENIED],
	['anon cannot read messages', anon, 'select * from public.ticket_messages', [], DENIED],
	['an authorized contact sees no internal note', w.contactA, `select * from public.ticket_messages where visibility = 'internal'`, [], 0],
	['staff cannot insert messages directly', w.agent, `insert into public.ticket_messages (ticket_id, body, visibility) values ($1, 'x', 'internal')`, [tA], DENIED],
	// events
	['a customer sees no internal event (assignment, problem link, note)', w.memberA, `select * from public.ticket_events where ticket_id = $1 and (visibility = 'internal' or kind in ('assigned', 'problem_linked'))`, [tA], 0],
	['a customer sees the public history', w.memberA, `select * from public.ticket_events where ticket_id = $1 and kind in ('created', 'message_added', 'first_response', 'status_changed')`, [tA], 5],
	['staff see the internal events', w.agent, `select * from public.ticket_events where ticket_id = $1 and visibility = 'internal'`, [tA], 3],
	["a member of B sees none of A's history", w.memberB, 'select * from public.ticket_events where ticket_id = $1', [tA], 0],
	['a coordinator sees no assignment or problem link', w.coordA, `select * from public.ticket_events where kind in ('assigned', 'problem_linked')`, [], 0],
	['an authorized contact sees no event of the internal note', w.contactA, `select * from public.ticket_events where visibility = 'internal'`, [], 0],
	['anon cannot read history', anon, 'select * from public.ticket_events', [], DENIED],
	['customers cannot write history', w.memberA, `insert into public.ticket_events (ticket_id, actor_kind, kind) values ($1, 'customer', 'status_changed')`, [tA], DENIED],
	['staff cannot write history directly', w.agent, `insert into public.ticket_events (ticket_id, actor_kind, kind) values ($1, 'staff', 'status_changed')`, [tA], DENIED],
	["nobody forges an event through the private helper, not even into another organisation's ticket", w.memberB, `select private.log_event($1, 'status_changed', '{"to": "closed"}', 'public')`, [tA], DENIED],
	['anon cannot forge an event either', anon, `select private.log_event($1, 'status_changed', '{"to": "closed"}', 'public')`, [tA], DENIED],
	['the service role cannot truncate history', service, 'truncate public.ticket_events', [], 'append_only'],
	['staff cannot rewrite history', w.agent, `update public.ticket_events set kind = 'x'`, [], DENIED],
	['the service role cannot rewrite history either', service, `update public.ticket_events set kind = 'x'`, [], 'append_only'],
	['the service role cannot delete history', service, 'delete from public.ticket_events', [], 'append_only'],
	// attachments
	['a member of A sees the public attachment only', w.memberA, 'select * from public.ticket_attachments', [], 1],
	['staff see both attachments', w.agent, 'select * from public.ticket_attachments', [], 2],
	["a member of B sees none of A's attachments", w.memberB, 'select * from public.ticket_attachments', [], 0],
	['customers cannot insert attachment records', w.contactA, `insert into public.ticket_attachments (ticket_id, storage_path, file_name, mime_type, size_bytes) values ($1, 'x', 'x', 'x', 1)`, [tA], DENIED],
	['an authorized contact sees no internal attachment', w.contactA, `select * from public.ticket_attachments where visibility = 'internal'`, [], 0],
	['a coordinator sees no internal attachment', w.coordA, `select * from public.ticket_attachments where visibility = 'internal'`, [], 0],
	['anon cannot read attachment records', anon, 'select * from public.ticket_attachments', [], DENIED],
	['staff cannot insert attachment records directly', w.agent, `insert into public.ticket_attachments (ticket_id, storage_path, file_name, mime_type, size_bytes) values ($1, 'y', 'y', 'y', 1)`, [tA], DENIED],
	// storage: attachments bucket
	["a member of A reads A's public attachment file, not the internal one", w.memberA, `select * from storage.objects where bucket_id = 'attachments'`, [], 1],
	['staff read every attachment file', w.agent, `select * from storage.objects where bucket_id = 'attachments'`, [], 2],
	["a member of B reads none of A's files", w.memberB, `select * from storage.objects where bucket_id = 'attachments'`, [], 0],
	['anon reads no attachment', anon, `select * from storage.objects where bucket_id = 'attachments'`, [], 0],
	['a coordinator cannot fetch the internal file even by its exact name', w.coordA, 'select * from storage.objects where name = $1', [`${A}/internal/t/registro.txt`], 0],
	['an authorized contact reads the public file by its name', w.contactA, 'select * from storage.objects where name = $1', [`${A}/t/captura.png`], 1],
	['a coordinator cannot upload into the internal folder', w.coordA, `insert into storage.objects (bucket_id, name) values ('attachments', $1)`, [`${A}/internal/t/x.png`], RLS],
	['a member cannot rename or overwrite a file', w.memberA, `update storage.objects set name = $1 where bucket_id = 'attachments' returning id`, [`${A}/t/otro.png`], 0],
	["a member uploads into their organisation's folder", w.memberA, `insert into storage.objects (bucket_id, name) values ('attachments', $1) returning id`, [`${A}/t/pantalla.png`], 1],
	['a member cannot upload into the internal folder', w.memberA, `insert into storage.objects (bucket_id, name) values ('attachments', $1)`, [`${A}/internal/x.png`], RLS],
	["a member of B cannot upload into A's folder", w.memberB, `insert into storage.objects (bucket_id, name) values ('attachments', $1)`, [`${A}/t/x.png`], RLS],
	['anon cannot upload', anon, `insert into storage.objects (bucket_id, name) values ('attachments', $1)`, [`${A}/t/y.png`], RLS],
	['a member cannot delete files', w.memberA, `delete from storage.objects where bucket_id = 'attachments' returning id`, [], 0],
	['staff delete an attachment file', w.agent, `delete from storage.objects where name = $1 returning id`, [`${A}/t/pantalla.png`], 1],
	['staff upload into the internal folder', w.agent, `insert into storage.objects (bucket_id, name) values ('attachments', $1) returning id`, [`${A}/internal/t/volcado.txt`], 1],
	// ticket RPCs (in order: the ticket moves through its life)
	["a member of B cannot reply to A's ticket", w.memberB, `select public.reply_to_ticket($1, 'hola')`, [tA], 'ticket_not_found'],
	["any member of A replies to A's ticket", w.memberA, `select public.reply_to_ticket($1, 'Sigue pasando.')`, [tA], 1],
	['a customer cannot write internal notes', w.memberA, `select public.reply_to_ticket($1, 'x', true)`, [tA], 'staff_only'],
	['anon cannot reply', anon, `select public.reply_to_ticket($1, 'x')`, [tA], DENIED],
	['a customer cannot ask themself for information', w.memberA, `select public.request_customer_info($1, 'x')`, [tA], 'staff_only'],
	['staff ask the customer for information', w.agent, `select (public.request_customer_info($1, '¿Qué usuario?')).status`, [tA], 1],
	['a customer cannot resolve', w.contactA, `select public.resolve_ticket($1, 'x')`, [tA], 'staff_only'],
	['a customer cannot assign', w.coordA, 'select public.assign_ticket($1, $2)', [tA, w.agent.id], 'staff_only'],
	['a customer cannot change severity', w.coordA, `select public.change_severity($1, 'P1')`, [tA], 'staff_only'],
	['a customer cannot change level', w.coordA, 'select public.change_level($1, 2)', [tA], 'staff_only'],
	['staff cannot set an unknown severity', w.agent, `select public.change_severity($1, 'P9')`, [tA], 'invalid_severity'],
	['staff change the severity', w.agent, `select public.change_severity($1, 'P2')`, [tA], 1],
	['staff raise the level', w.lead, 'select public.change_level($1, 2)', [tA], 1],
	['a ticket is assigned to staff only', w.agent, 'select public.assign_ticket($1, $2)', [tA, w.memberA.id], 'assignee_not_staff'],
	['a customer cannot link a problem', w.coordA, 'select public.link_problem($1, $2)', [tA, w.problem], 'staff_only'],
	['a customer cannot create a problem', w.coordA, `select public.create_problem('x y z')`, [], 'staff_only'],
	['a customer cannot record a known error', w.coordA, `select public.record_known_error($1, 'base-de-conocimiento/x')`, [w.problem], 'staff_only'],
	['staff record the known error with its article', w.agent, `select public.record_known_error($1, 'base-de-conocimiento/indice-desactualizado')`, [w.problem], 1],
	['staff cannot confirm for the customer', w.agent, 'select public.confirm_resolution($1)', [tA], 'customer_only'],
	['a ticket that is not resolved cannot be confirmed', w.memberA, 'select public.confirm_resolution($1)', [tA], 'not_resolved'],
	['staff resolve the ticket', w.agent, `select public.resolve_ticket($1, 'Reconstruye el índice.')`, [tA], 1],
	["a member of B cannot confirm A's ticket", w.memberB, 'select public.confirm_resolution($1)', [tA], 'ticket_not_found'],
	['any member of A confirms the solution', w.memberA, `select (public.confirm_resolution($1)).close_reason`, [tA], 1],
	['a closed ticket takes no more replies', w.memberA, `select public.reply_to_ticket($1, 'x')`, [tA], 'ticket_closed'],
	['a closed ticket cannot be reopened', w.memberA, `select public.reopen_ticket($1, 'x')`, [tA], 'not_resolved'],
	// problems
	['customers do not see problems', w.coordA, 'select * from public.problems', [], 0],
	['staff see problems', w.agent, 'select * from public.problems', [], 1],
	['customers cannot insert problems', w.coordA, `insert into public.problems (title) values ('xyz')`, [], DENIED],
	['a customer cannot resolve a problem', w.coordA, 'select public.resolve_problem($1)', [w.problem], 'staff_only'],
	// comments
	['anon cannot comment', anon, `select public.post_comment('guias/integracion-ldap', 'Hola')`, [], DENIED],
	['a signed-in reader comments', w.memberA, `select public.post_comment('guias/integracion-ldap', 'Faltó el puerto 636.')`, [], 1],
	['anon reads visible comments', anon, 'select id, body, created_at from public.article_comments', [], 1],
	['anon cannot read comment authors\' ids', anon, 'select author_id from public.article_comments', [], DENIED],
	['nobody reads who hid a comment through the API', w.memberA, 'select hidden_by from public.article_comments', [], DENIED],
	["a signed-in reader cannot read comment authors' ids either (anyone may sign up)", w.memberB, 'select author_id from public.article_comments', [], DENIED],
	['staff moderate comments with their authors through comments_for_moderation', w.agent, 'select author_name, author_email from public.comments_for_moderation()', [], 1],
	['customers get nothing from comments_for_moderation', w.memberA, 'select * from public.comments_for_moderation()', [], 0],
	['anon cannot call comments_for_moderation', anon, 'select * from public.comments_for_moderation()', [], DENIED],
	['staff do not read it either (hidden_at says it was hidden)', w.agent, 'select hidden_by from public.article_comments', [], DENIED],
	['a reader cannot comment on an article that does not exist', w.memberA, `select public.post_comment('guias/no-existe', 'Hola')`, [], 'article_not_found'],
	['a reader cannot comment on a 10,000-character slug', w.memberA, 'select public.post_comment($1, \'Hola\')', ['a'.repeat(10000)], 'invalid_article'],
	['anon cannot vote for an article that does not exist', anon, `select public.vote_article('guias/no-existe', true, null, 'sesion-0123456789abcdef')`, [], 'article_not_found'],
	["nobody edits someone else's comment", w.memberB, `select public.edit_comment(id, 'x') from public.article_comments`, [], 'not_author'],
	['the author edits their comment', w.memberA, `select public.edit_comment(id, 'Faltó el puerto 636 (LDAPS).') from public.article_comments`, [], 1],
	['a reader cannot hide comments', w.memberA, 'select public.hide_comment(id) from public.article_comments', [], 'staff_only'],
	['staff hide a comment', w.agent, 'select public.hide_comment(id) from public.article_comments', [], 1],
	['anon no longer sees the hidden comment', anon, 'select id from public.article_comments', [], 0],
	['another reader no longer sees it', w.memberB, 'select id from public.article_comments', [], 0],
	['the author still sees their hidden comment', w.memberA, 'select id from public.article_comments', [], 1],
	['a hidden comment cannot be edited', w.memberA, `select public.edit_comment(id, 'x') from public.article_comments`, [], 'comment_hidden'],
	['nobody writes comments directly', w.memberA, `insert into public.article_comments (article_slug, author_id, body) values ('x', $1, 'x')`, [w.memberA.id], DENIED],
	// votes
	['a signed-in reader votes', w.memberA, `select public.vote_article('guias/integracion-ldap', true)`, [], 1],
	['voting again changes the vote, never adds one', w.memberA, `select public.vote_article('guias/integracion-ldap', false, 'Incompleto')`, [], 1],
	['the reader sees their single vote', w.memberA, 'select * from public.article_votes', [], 1],
	['anon must give a session key', anon, `select public.vote_article('guias/integracion-ldap', true)`, [], 'anon_key_required'],
	['anon votes with a session key', anon, `select public.vote_article('guias/integracion-ldap', true, null, 'k-0123456789abcdef')`, [], 1],
	['the same anonymous key cannot vote twice on an article', anon, `select public.vote_article('guias/integracion-ldap', true, null, 'k-0123456789abcdef')`, [], 'rate_limited'],
	['anon cannot read raw votes', anon, 'select * from public.article_votes', [], DENIED],
	["a reader does not see others' votes", w.memberB, 'select * from public.article_votes', [], 0],
	['staff read every vote', w.agent, 'select * from public.article_votes', [], 2],
	['anyone reads the summary', anon, `select * from public.article_feedback_summary('guias/integracion-ldap') where helpful = 1 and not_helpful = 1`, [], 1],
	// downloads
	['anon sees the download catalogue', anon, 'select * from public.download_items', [], 3],
	['anon sees version metadata', anon, 'select * from public.download_versions', [], 3],
	['anon downloads a public file', anon, 'select public.record_download($1)', [w.versions.public], 1],
	['anon cannot download a members-only file', anon, 'select public.record_download($1)', [w.versions.members], 'not_allowed'],
	['someone in no organisation cannot download a members-only file', outsider, 'select public.record_download($1)', [w.versions.members], 'not_allowed'],
	['someone in no organisation cannot download a contract file', outsider, 'select public.record_download($1)', [w.versions.contract], 'not_allowed'],
	['a member downloads a members-only file', w.memberA, 'select public.record_download($1)', [w.versions.members], 1],
	['a member of an organisation under contract downloads a contract file', w.memberB, 'select public.record_download($1)', [w.versions.contract], 1],
	['anon reads only the public file from storage', anon, `select * from storage.objects where bucket_id = 'downloads'`, [], 1],
	['a member reads every file they may download', w.memberA, `select * from storage.objects where bucket_id = 'downloads'`, [], 3],
	['someone in no organisation reads only the public file', outsider, `select * from storage.objects where bucket_id = 'downloads'`, [], 1],
	['a customer cannot upload downloads', w.coordA, `insert into storage.objects (bucket_id, name) values ('downloads', $1)`, [`${w.items.public}/x.zip`], RLS],
	['staff upload downloads', w.agent, `insert into storage.objects (bucket_id, name) values ('downloads', $1) returning id`, [`${w.items.public}/setup-1.1.zip`], 1],
	['a customer cannot publish a version', w.coordA, `select public.publish_download_version($1, '1.1', '', $2, $3, 1)`, [w.items.public, `${w.items.public}/setup-1.1.zip`, 'b'.repeat(64)], 'staff_only'],
	['a version is published once', w.agent, `select public.publish_download_version($1, '1.0', '', $2, $3, 1)`, [w.items.public, `${w.items.public}/otra.zip`, 'b'.repeat(64)], 'version_exists'],
	['staff publish a version', w.agent, `select public.publish_download_version($1, '1.1', 'Correcciones', $2, $3, 1)`, [w.items.public, `${w.items.public}/setup-1.1.zip`, 'b'.repeat(64)], 1],
	['nobody writes the catalogue directly', w.agent, `insert into public.download_items (slug, name, kind, visibility) values ('x', 'x', 'tool', 'public')`, [], DENIED],
	['a user sees their own downloads', w.memberA, 'select * from public.download_log', [], 1],
	['staff see every download', w.agent, 'select * from public.download_log', [], 3],
	['anon cannot read the download log', anon, 'select * from public.download_log', [], DENIED],
	// outbox and programme
	['customers cannot read the outbox', w.coordA, 'select * from public.notifications', [], DENIED],
	['staff cannot read the outbox through the API', w.agent, 'select * from public.notifications', [], DENIED],
	// The world's two tickets queued one receipt each.
	['the service role reads the outbox', service, `select * from public.notifications where template = 'ticket_received'`, [], 2],
	['anon reads the published plans', anon, 'select * from public.plans', [], 7],
	['anon reads the SLA targets', anon, `select * from public.sla_targets where programme_id = 'estandar-extendido'`, [], 8],
	['nobody changes the programme through the API', w.admin, `update public.sla_targets set first_response_minutes = 1`, [], DENIED],
	['anon reads the product versions', anon, `select 1 from public.product_versions where product_id = 'quetzal-docs' and version = '5.1'`, [], 1],
	['a customer cannot add a product version', w.coordA, `insert into public.product_versions (product_id, version, released) values ('quetzal-docs', '9.9', '2026-01-01')`, [], DENIED],
	['staff cannot retire a version through the API', w.admin, `delete from public.product_versions where product_id = 'quetzal-docs'`, [], DENIED],
	['anon reads the escalation chain', anon, `select 1 from public.escalation_steps where programme_id = 'estandar-extendido'`, [], 3],
	['nobody rewrites the escalation chain through the API', w.lead, `update public.escalation_steps set role = 'agent'`, [], DENIED],
	['nobody adds plans through the API', w.coordA, `insert into public.plans (programme_id, id, name, calendar_id, channels) values ('implementacion', 'x', 'x', 'lunes-a-viernes', '{web}')`, [], DENIED],
	// the e-mail channel: the inbound-email function's log and rules are the service role's alone
	['anon cannot read the inbound mail log', anon, 'select * from public.inbound_emails', [], DENIED],
	['a customer sees nothing of the inbound mail log', w.contactA, 'select * from public.inbound_emails', [], 0],
	['a member of B sees nothing of the inbound mail log', w.memberB, 'select * from public.inbound_emails', [], 0],
	['staff read the inbound mail log', w.agent, 'select * from public.inbound_emails', [], 0],
	['nobody writes the inbound mail log through the API', w.agent, `insert into public.inbound_emails (message_id) values ('x@y')`, [], DENIED],
	['a customer cannot mark a mail as processed', w.contactA, `update public.inbound_emails set outcome = 'dropped'`, [], DENIED],
	['nobody reads the auto-reply ledger through the API', w.admin, 'select * from public.inbound_auto_replies', [], DENIED],
	['anon cannot read the auto-reply ledger', anon, 'select * from public.inbound_auto_replies', [], DENIED],
	['a customer cannot reset the auto-reply ledger', w.memberA, 'delete from public.inbound_auto_replies', [], DENIED],
	['anon cannot log an inbound mail', anon, `select public.inbound_email_begin('x@y', 'a@example.com')`, [], DENIED],
	['a customer cannot log an inbound mail', w.contactA, `select public.inbound_email_begin('x@y', 'a@example.com')`, [], DENIED],
	["a customer cannot look up a sender's memberships", w.memberB, 'select public.inbound_sender($1)', ['contact.a@example.com'], DENIED],
	['staff cannot look up a sender either (the function does)', w.agent, 'select public.inbound_sender($1)', ['contact.a@example.com'], DENIED],
	["a member of B cannot add a mail reply to A's ticket", w.memberB, `select public.add_email_reply('x@y', $1, 'x', null, $2)`, [w.memberB.id, tA], DENIED],
	["a member of A cannot add a mail reply as a colleague", w.memberA, `select public.add_email_reply('x@y', $1, 'x', null, $2)`, [w.contactA.id, tA], DENIED],
	["a customer cannot claim someone's uploads", w.memberA, `select public.claim_inbound_files($1, '[]')`, [w.memberA.id], DENIED],
	['a customer cannot link tickets as follow-ups', w.contactA, 'select public.link_follow_up($1, $2, $3)', ['x@y', tA, w.ticketB], DENIED],
	['anon cannot queue automatic answers', anon, `select public.inbound_email_unknown_sender('x@y', 'soporte@example.com')`, [], DENIED],
	['a customer cannot queue an automatic answer', w.memberA, 'select public.inbound_email_not_authorized($1, $2)', ['x@y', A], DENIED],
	['staff cannot queue a refusal mail', w.agent, `select public.inbound_email_refuse('x@y', 'too_large')`, [], DENIED],
	['a customer cannot queue a notice of unverified mail', w.memberA, `select public.inbound_email_unverified('x@y')`, [], DENIED],
	["staff cannot look up which ticket a logged mail went to (the function does)", w.agent, `select public.inbound_thread_ticket(array['x@y'])`, [], DENIED],
	['a customer cannot finish an inbound mail', w.coordA, `select public.inbound_email_finish('x@y', 'dropped')`, [], DENIED],
	['nobody calls the e-mail channel helpers through the API', w.agent, `select private.finish_inbound('x@y', 'dropped')`, [], DENIED],
	['the service role reads the inbound mail log', service, 'select * from public.inbound_emails', [], 0],
	// operators (the operators migration): organisation dates, plan changes, staff; admins only
	['an admin sets contract and go-live dates', w.admin, `select id from public.set_organisation_dates($1, '2026-01-01', null, null)`, [A], 1],
	['a coordinator cannot set their contract dates', w.coordA, `select public.set_organisation_dates($1, '2026-01-01', '2030-12-31', null)`, [A], 'admin_only'],
	['an agent cannot set contract dates', w.agent, `select public.set_organisation_dates($1, '2026-01-01', null, null)`, [A], 'admin_only'],
	['a lead cannot set contract dates', w.lead, `select public.set_organisation_dates($1, '2026-01-01', null, null)`, [A], 'admin_only'],
	['anon cannot set contract dates', anon, `select public.set_organisation_dates($1, '2026-01-01', null, null)`, [A], DENIED],
	['a member reads the last day their plan is included', w.memberA, 'select public.included_until($1)', [A], 1],
	["a member of B learns nothing of A's plan", w.memberB, 'select public.included_until($1)', [A], 'organisation_not_found'],
	['staff read any organisation\'s last included day', w.agent, 'select public.included_until($1)', [B], 1],
	['anon cannot ask for the last included day', anon, 'select public.included_until($1)', [A], DENIED],
	['a coordinator cannot change their plan', w.coordA, `select public.change_organisation_plan($1, 'estandar-extendido', 'extendido', current_date + 1)`, [A], 'admin_only'],
	['a member cannot change the plan', w.memberA, `select public.change_organisation_plan($1, 'estandar-extendido', 'extendido', current_date + 1)`, [A], 'admin_only'],
	['an agent cannot change a plan', w.agent, `select public.change_organisation_plan($1, 'estandar-extendido', 'extendido', current_date + 1)`, [A], 'admin_only'],
	['a lead cannot change a plan', w.lead, `select public.change_organisation_plan($1, 'estandar-extendido', 'extendido', current_date + 1)`, [A], 'admin_only'],
	['anon cannot change a plan', anon, `select public.change_organisation_plan($1, 'estandar-extendido', 'extendido', current_date + 1)`, [A], DENIED],
	['an admin schedules a plan change', w.admin, `select id from public.change_organisation_plan($1, 'estandar-extendido', 'extendido', current_date + 2)`, [A], 1],
	['admins read the plan changes (one on A, one on B)', w.admin, 'select id from public.organisation_plan_changes', [], 2],
	['an agent does not see plan changes', w.agent, 'select id from public.organisation_plan_changes', [], 0],
	['a coordinator does not see their plan changes', w.coordA, 'select id from public.organisation_plan_changes', [], 0],
	['anon cannot read plan changes', anon, 'select id from public.organisation_plan_changes', [], DENIED],
	['nobody writes plan changes directly, not even an admin', w.admin, 'update public.organisation_plan_changes set effective_from = current_date', [], DENIED],
	['nobody deletes plan changes through the API', w.admin, 'delete from public.organisation_plan_changes', [], DENIED],
	['a lead cannot cancel a plan change', w.lead, 'select public.cancel_plan_change($1)', [pendingChange.id], 'admin_only'],
	['an agent cannot cancel a plan change', w.agent, 'select public.cancel_plan_change($1)', [pendingChange.id], 'admin_only'],
	['a coordinator cannot cancel a plan change', w.coordA, 'select public.cancel_plan_change($1)', [pendingChange.id], 'admin_only'],
	['an admin cancels the pending plan changes', w.admin, 'select c.id from public.organisation_plan_changes x, public.cancel_plan_change(x.id) c where c.cancelled_at is not null', [], 2],
	['anon cannot cancel plan changes', anon, 'select public.cancel_plan_change($1)', [pendingChange.id], DENIED],
	['nobody applies due plan changes through the API', w.admin, 'select private.apply_due_plan_changes()', [], DENIED],
	['nobody applies one plan change through the API', w.admin, 'select private.apply_plan_change(x) from public.organisation_plan_changes x', [], DENIED],
	['an agent cannot invite staff', w.agent, `select public.invite_staff('nuevo@example.com', 'admin')`, [], 'admin_only'],
	['a lead cannot invite staff', w.lead, `select public.invite_staff('nuevo@example.com', 'agent')`, [], 'admin_only'],
	['a coordinator cannot invite staff', w.coordA, `select public.invite_staff('nuevo@example.com', 'agent')`, [], 'admin_only'],
	['a member cannot make themself staff', w.memberA, `select public.invite_staff('member.a@example.com', 'admin')`, [], 'admin_only'],
	['anon cannot invite staff', anon, `select public.invite_staff('nuevo@example.com', 'agent')`, [], DENIED],
	['an admin invites an address with no account', w.admin, `select public.invite_staff('nuevo@example.com', 'agent')`, [], 1],
	['admins read the staff invitations', w.admin, 'select id from public.staff_invitations', [], 2],
	["not even admins read an invitation token's hash", w.admin, 'select token_hash from public.staff_invitations', [], DENIED],
	['a lead does not see staff invitations', w.lead, 'select id from public.staff_invitations', [], 0],
	['a customer does not see staff invitations', w.contactA, 'select id from public.staff_invitations', [], 0],
	['anon cannot read staff invitations', anon, 'select id from public.staff_invitations', [], DENIED],
	['nobody writes staff invitations directly', w.admin, `insert into public.staff_invitations (email, role) values ('x@example.com', 'admin')`, [], DENIED],
	['nobody accepts a staff invitation by hand', w.memberB, `update public.staff_invitations set accepted_at = now()`, [], DENIED],
	['anon cannot accept a staff invitation', anon, `select public.accept_staff_invitation('0')`, [], DENIED],
	['a signed-in person without the mailed token is refused', w.memberA, `select public.accept_staff_invitation($1)`, ['0'.repeat(48)], 'staff_invitation_invalid'],
	['staff without the token are refused too', w.agent, `select public.accept_staff_invitation('')`, [], 'staff_invitation_invalid'],
	['anon cannot look at a staff invitation', anon, `select * from public.staff_invitation('0')`, [], DENIED],
	['a signed-in person learns nothing of an invitation without its token', w.memberB, 'select * from public.staff_invitation($1)', ['0'.repeat(48)], 'staff_invitation_invalid'],
	["the mailed token does not show the invitation to someone signed in with another address", w.memberA, 'select * from public.staff_invitation($1)', [await mailedToken('pendiente@example.com')], 'staff_invitation_other_address'],
	["nor lets them accept it", w.memberA, 'select public.accept_staff_invitation($1)', [await mailedToken('pendiente@example.com')], 'staff_invitation_other_address'],
	['nobody calls the invitation check through the API', w.memberA, `select private.staff_invitation_of_caller('0')`, [], DENIED],
	['an agent cannot revoke a staff invitation', w.agent, 'select public.revoke_staff_invitation($1)', [pendingInvitation.id], 'admin_only'],
	['a lead cannot revoke a staff invitation', w.lead, 'select public.revoke_staff_invitation($1)', [pendingInvitation.id], 'admin_only'],
	['a member cannot revoke a staff invitation', w.memberA, 'select public.revoke_staff_invitation($1)', [pendingInvitation.id], 'admin_only'],
	['anon cannot revoke a staff invitation', anon, 'select public.revoke_staff_invitation($1)', [pendingInvitation.id], DENIED],
	['an admin revokes the staff invitations', w.admin, 'select r.id from public.staff_invitations i, public.revoke_staff_invitation(i.id) r where r.revoked_at is not null', [], 2],
	['an agent cannot promote themself through the function', w.agent, `select public.set_staff_role($1, 'admin', 2)`, [w.agent.id], 'admin_only'],
	['a lead cannot change roles', w.lead, `select public.set_staff_role($1, 'agent', 1)`, [w.agent.id], 'admin_only'],
	['a coordinator cannot change staff roles', w.coordA, `select public.set_staff_role($1, 'lead', 1)`, [w.agent.id], 'admin_only'],
	['anon cannot change staff roles', anon, `select public.set_staff_role($1, 'lead', 1)`, [w.agent.id], DENIED],
	['an admin changes a staff level through the function', w.admin, `select user_id from public.set_staff_role($1, 'agent', 1)`, [w.agent.id], 1],
	['the last admin cannot step down', w.admin, `select public.set_staff_role($1, 'lead', 2)`, [w.admin.id], 'last_admin'],
	['an agent cannot deactivate staff', w.agent, 'select public.deactivate_staff($1)', [w.lead.id], 'admin_only'],
	['a lead cannot deactivate staff', w.lead, 'select public.deactivate_staff($1)', [w.agent.id], 'admin_only'],
	['a member cannot deactivate staff', w.memberA, 'select public.deactivate_staff($1)', [w.agent.id], 'admin_only'],
	['anon cannot deactivate staff', anon, 'select public.deactivate_staff($1)', [w.agent.id], DENIED],
	['an admin cannot deactivate themself', w.admin, 'select public.deactivate_staff($1)', [w.admin.id], 'staff_self'],
	['nobody calls the admin lock through the API', w.admin, 'select private.lock_admins()', [], DENIED],
];

describe('security matrix', () => {
	it.each(cases.map((c, i) => [i + 1, ...c] as const))('%i. %s', async (_i, _name, actor, sql, params, outcome) => {
		if (typeof outcome === 'number') {
			const rows = await db.as(actor, sql, params);
			expect(rows).toHaveLength(outcome);
		} else {
			const error = await db.fails(actor, sql, params);
			expect(error?.message ?? 'succeeded').toContain(outcome);
		}
	});
});

// Every ticket RPC for every caller. 'ok' runs on a fresh ticket (new, or resolved where the RPC needs
// it) and checks the change it made; an error leaves the shared ticket exactly as it was.
describe('ticket RPCs, caller by caller', () => {
	const callers = { anon, memberA: w.memberA, contactA: w.contactA, coordA: w.coordA, memberB: w.memberB, agent: w.agent, admin: w.admin, service } as const;
	type Caller = keyof typeof callers;
	const OK = 'ok';
	const NF = 'ticket_not_found';
	const STAFF = 'staff_only';
	const CUSTOMER = 'customer_only';
	interface Rpc {
		sql: string;
		params?: unknown[];
		start: 'new' | 'resolved';
		/** One value, read as superuser, that the call changes. */
		effect: string;
		expected: unknown;
		/** anon, memberA, contactA, coordA, memberB, agent, admin, service; null: not a meaningful caller. */
		outcomes: (string | null)[];
	}
	const rpcs: Record<string, Rpc> = {
		'reply_to_ticket (public)': {
			sql: `select public.reply_to_ticket($1, 'Un dato más')`, start: 'new',
			effect: `select count(*)::int as v from public.ticket_messages where ticket_id = $1 and body = 'Un dato más' and visibility = 'public'`, expected: 1,
			outcomes: [DENIED, OK, OK, OK, NF, OK, OK, null],
		},
		'reply_to_ticket (internal note)': {
			sql: `select public.reply_to_ticket($1, 'Nota interna', true)`, start: 'new',
			effect: `select count(*)::int as v from public.ticket_messages where ticket_id = $1 and visibility = 'internal'`, expected: 1,
			outcomes: [DENIED, STAFF, STAFF, STAFF, NF, OK, OK, STAFF],
		},
		request_customer_info: {
			sql: `select public.request_customer_info($1, '¿Qué versión?')`, start: 'new',
			effect: 'select status as v from public.tickets where id = $1', expected: 'pending_customer',
			outcomes: [DENIED, STAFF, STAFF, STAFF, STAFF, OK, OK, STAFF],
		},
		resolve_ticket: {
			sql: `select public.resolve_ticket($1, 'Solución')`, start: 'new',
			effect: 'select status as v from public.tickets where id = $1', expected: 'resolved',
			outcomes: [DENIED, STAFF, STAFF, STAFF, STAFF, OK, OK, STAFF],
		},
		close_ticket: {
			sql: 'select public.close_ticket($1)', start: 'new',
			effect: `select status || '/' || close_reason as v from public.tickets where id = $1`, expected: 'closed/staff',
			outcomes: [DENIED, STAFF, STAFF, STAFF, STAFF, OK, OK, STAFF],
		},
		assign_ticket: {
			sql: 'select public.assign_ticket($1, $2)', params: [w.lead.id], start: 'new',
			effect: 'select assignee_id as v from public.tickets where id = $1', expected: w.lead.id,
			outcomes: [DENIED, STAFF, STAFF, STAFF, STAFF, OK, OK, STAFF],
		},
		change_severity: {
			sql: `select public.change_severity($1, 'P1')`, start: 'new',
			effect: 'select severity_key as v from public.tickets where id = $1', expected: 'P1',
			outcomes: [DENIED, STAFF, STAFF, STAFF, STAFF, OK, OK, STAFF],
		},
		change_level: {
			sql: 'select public.change_level($1, 2)', start: 'new',
			effect: 'select level as v from public.tickets where id = $1', expected: 2,
			outcomes: [DENIED, STAFF, STAFF, STAFF, STAFF, OK, OK, STAFF],
		},
		link_problem: {
			sql: 'select public.link_problem($1, $2)', params: [w.problem], start: 'new',
			effect: 'select problem_id as v from public.tickets where id = $1', expected: w.problem,
			outcomes: [DENIED, STAFF, STAFF, STAFF, STAFF, OK, OK, STAFF],
		},
		confirm_resolution: {
			sql: 'select public.confirm_resolution($1)', start: 'resolved',
			effect: `select status || '/' || coalesce(close_reason, '-') as v from public.tickets where id = $1`, expected: 'closed/confirmed_by_customer',
			outcomes: [DENIED, OK, OK, OK, NF, CUSTOMER, CUSTOMER, CUSTOMER],
		},
		reopen_ticket: {
			sql: `select public.reopen_ticket($1, 'No funcionó')`, start: 'resolved',
			effect: 'select status as v from public.tickets where id = $1', expected: 'open',
			outcomes: [DENIED, OK, OK, OK, NF, CUSTOMER, CUSTOMER, CUSTOMER],
		},
	};
	const names = Object.keys(callers) as Caller[];
	const grid = Object.entries(rpcs).flatMap(([rpc, spec]) =>
		names.flatMap((caller, i) => (spec.outcomes[i] === null ? [] : [[rpc, caller, spec.outcomes[i]!] as const])),
	);

	const shared: Record<'new' | 'resolved', string> = { new: '', resolved: '' };
	async function fresh(start: 'new' | 'resolved') {
		const t = await createTicket(db, A, w.contactA.id, { subject: `Ticket de la matriz (${start})` });
		if (start === 'resolved') await db.as(w.agent, `select public.resolve_ticket($1, 'Propuesta')`, [t]);
		return t;
	}
	async function effect(spec: Rpc, t: string) {
		return (await db.admin.query(spec.effect, [t])).rows[0].v;
	}

	it.each(grid)('%s called by %s: %s', async (rpc, caller, outcome) => {
		const spec = rpcs[rpc];
		if (outcome === OK) {
			const t = await fresh(spec.start);
			await db.as(callers[caller], spec.sql, [t, ...(spec.params ?? [])]);
			expect(await effect(spec, t)).toEqual(spec.expected);
		} else {
			shared[spec.start] ||= await fresh(spec.start);
			const t = shared[spec.start];
			const before = await effect(spec, t);
			const error = await db.fails(callers[caller], spec.sql, [t, ...(spec.params ?? [])]);
			expect(error?.message ?? 'succeeded').toContain(outcome);
			expect(await effect(spec, t)).toEqual(before);
		}
	});

	it.each([
		['reply_to_ticket', `select public.reply_to_ticket($1, 'x')`],
		['confirm_resolution', 'select public.confirm_resolution($1)'],
		['reopen_ticket', `select public.reopen_ticket($1, 'x')`],
	])("%s: a member of B cannot tell A's ticket from one that does not exist", async (_rpc, sql) => {
		const ofA = await db.fails(w.memberB, sql, [tA]);
		const missing = await db.fails(w.memberB, sql, ['00000000-0000-4000-8000-000000000000']);
		expect(ofA).toEqual({ message: 'ticket_not_found', code: 'PT404' });
		expect(missing).toEqual(ofA);
	});

	it.each([
		['create_problem', 'an agent', w.agent, `select (public.create_problem('Lentitud en reportes')).status as v`, [], 'open'],
		['create_problem', 'an admin', w.admin, `select (public.create_problem('Falla de firma')).status as v`, [], 'open'],
		['create_problem', 'anon', anon, `select public.create_problem('Nada')`, [], DENIED],
		['create_problem', 'an authorized contact of A', w.contactA, `select public.create_problem('Nada')`, [], STAFF],
		['create_problem', 'a member of B', w.memberB, `select public.create_problem('Nada')`, [], STAFF],
		['record_known_error', 'an admin', w.admin, `select (public.record_known_error($1, 'base-de-conocimiento/indice')).status as v`, [w.problem], 'known_error'],
		['record_known_error', 'anon', anon, `select public.record_known_error($1, 'x')`, [w.problem], DENIED],
		['record_known_error', 'a member of B', w.memberB, `select public.record_known_error($1, 'x')`, [w.problem], STAFF],
		['record_known_error', 'an agent', w.agent, `select public.record_known_error(gen_random_uuid(), 'x')`, [], 'problem_not_found'],
		['create_ticket', 'an agent', w.agent, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(A, w.contactA.id))], DENIED],
		['create_ticket', 'an admin', w.admin, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(A, w.contactA.id))], DENIED],
		['create_ticket', 'a coordinator of A', w.coordA, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(A, w.coordA.id))], DENIED],
		['create_ticket', 'the service role', service, `select (public.create_ticket($1)).status as v`, [JSON.stringify(ticketPayload(A, w.coordA.id))], 'new'],
	] as const)('%s called by %s', async (_rpc, _who, actor, sql, params, outcome) => {
		if (outcome === DENIED || outcome === STAFF || outcome === 'problem_not_found') {
			expect((await db.fails(actor, sql, [...params]))?.message).toContain(outcome);
		} else {
			expect((await db.as(actor, sql, [...params]))[0].v).toBe(outcome);
		}
	});

	it('staff get ticket_not_found for a ticket that does not exist', async () => {
		expect((await db.fails(w.agent, 'select public.close_ticket(gen_random_uuid())'))?.message).toBe('ticket_not_found');
	});
});

// Cases that change who belongs where; they run last, so the counts above stay as they are.
describe('changing the people', () => {
	const ticketsOf = async (actor: Actor) => (await db.as(actor, 'select organisation_id from public.tickets')).map((r) => r.organisation_id);

	it('an admin adds a person who has an account, who then sees its tickets; adding again changes nothing', async () => {
		const u = await db.user();
		expect(await ticketsOf(u)).toEqual([]);
		expect(await db.as(w.admin, `select role from public.add_member($1, $2)`, [A, u.email])).toEqual([{ role: 'member' }]);
		expect(new Set(await ticketsOf(u))).toEqual(new Set([A]));
		expect(await db.as(w.admin, `select role from public.add_member($1, $2, 'authorized_contact')`, [A, u.email])).toEqual([{ role: 'member' }]);
		expect(await db.fails(w.admin, `select public.add_member($1, 'nadie@example.com')`, [A])).toEqual({ message: 'person_not_found', code: 'PT404' });
	});

	it('a coordinator of A cannot add a person to B, by REST or by function', async () => {
		const u = await db.user();
		expect((await db.fails(w.coordA, 'insert into public.memberships (organisation_id, user_id) values ($1, $2)', [B, u.id]))?.message).toContain(DENIED);
		expect((await db.fails(w.coordA, 'select public.add_member($1, $2)', [B, u.email]))?.message).toBe('admin_only');
	});

	it('joining with a code makes the person a member of that organisation only', async () => {
		const [{ code }] = await db.as(w.coordA, 'select public.create_invitation($1) as code', [A]);
		const u = await db.user();
		expect(await db.as(u, 'select public.join_organisation($1) as org', [code])).toEqual([{ org: A }]);
		expect(await db.as(u, 'select organisation_id, role from public.memberships where user_id = $1', [u.id])).toEqual([{ organisation_id: A, role: 'member' }]);
		expect(new Set(await ticketsOf(u))).toEqual(new Set([A]));
	});

	it('a member leaves their organisation and loses its tickets', async () => {
		const u = await db.user();
		await db.admin.query('insert into public.memberships (organisation_id, user_id) values ($1, $2)', [B, u.id]);
		expect((await ticketsOf(u)).length).toBeGreaterThan(0);
		expect(await db.as(u, 'select organisation_id from public.remove_member($1, $2)', [B, u.id])).toEqual([{ organisation_id: B }]);
		expect(await ticketsOf(u)).toEqual([]);
		expect((await db.fails(u, `select public.reply_to_ticket($1, 'x')`, [w.ticketB]))?.message).toBe('ticket_not_found');
	});

	it('a coordinator removes a member of their organisation, not a co-coordinator; an admin removes anyone', async () => {
		const org = await createOrganisation(db, 'Organización con dos coordinadores', 'extendido');
		const [coord, u, co] = [await db.user(), await db.user(), await db.user()];
		await addMember(db, org, coord.id, 'coordinator');
		await addMember(db, org, u.id);
		await addMember(db, org, co.id, 'coordinator');
		expect(await db.as(coord, 'select user_id from public.remove_member($1, $2)', [org, u.id])).toEqual([{ user_id: u.id }]);
		expect(await db.fails(coord, 'select public.remove_member($1, $2)', [org, co.id])).toEqual({ message: 'coordinator_remove_admin_only', code: '42501' });
		expect(await db.fails(coord, 'select public.remove_member($1, $2)', [org, u.id])).toEqual({ message: 'membership_not_found', code: 'PT404' });
		expect(await db.as(w.admin, 'select user_id from public.remove_member($1, $2)', [org, co.id])).toEqual([{ user_id: co.id }]);
		expect(await db.as(coord, 'select user_id from public.remove_member($1, $2)', [org, coord.id])).toEqual([{ user_id: coord.id }]);
	});

	it('the authorized-contact limit holds on every path: the function, a join by code, an admin adding', async () => {
		const org = await createOrganisation(db, 'Organización con límite');
		const people = [await db.user(), await db.user(), await db.user()];
		for (const p of people.slice(0, 2)) await addMember(db, org, p.id, 'authorized_contact');
		const third = people[2];
		expect((await db.fails(w.admin, `select public.add_member($1, $2, 'authorized_contact')`, [org, third.email]))?.message).toBe('authorized_contacts_limit');
		const [{ code }] = await db.as(w.admin, `select public.create_invitation($1, 'authorized_contact') as code`, [org]);
		expect((await db.fails(third, 'select public.join_organisation($1)', [code]))?.message).toBe('authorized_contacts_limit');
		await addMember(db, org, third.id);
		expect((await db.fails(w.admin, `select public.set_membership_role($1, $2, 'authorized_contact')`, [org, third.id]))?.message).toBe('authorized_contacts_limit');
		expect((await db.admin.query(`select count(*)::int as n from public.memberships where organisation_id = $1 and role <> 'member'`, [org])).rows[0].n).toBe(2);
	});

	it('an admin makes someone staff, who then sees every ticket and internal note; removed, they see only their own again', async () => {
		const u = await db.user();
		expect(await db.as(u, `select * from public.ticket_messages where visibility = 'internal'`)).toEqual([]);
		expect(await db.as(w.admin, `select public.invite_staff($1, 'agent') ->> 'role' as role`, [u.email])).toEqual([{ role: 'agent' }]);
		// The invitation alone grants nothing; the mailed token, presented by that person, does.
		expect(await db.as(u, `select * from public.ticket_messages where visibility = 'internal'`)).toEqual([]);
		expect(await db.as(u, 'select role from public.accept_staff_invitation($1)', [await mailedToken(u.email!)])).toEqual([{ role: 'agent' }]);
		expect((await db.as(u, `select * from public.ticket_messages where visibility = 'internal'`)).length).toBeGreaterThan(0);
		expect(new Set(await ticketsOf(u))).toEqual(new Set([A, B]));
		expect(await db.as(w.admin, 'select user_id from public.deactivate_staff($1)', [u.id])).toHaveLength(1);
		expect(await ticketsOf(u)).toEqual([]);
	});
});

describe('staff-only ticket fields', () => {
	it('authenticated may read every column of tickets but the staff-only ones (a new column needs its grant)', async () => {
		const { rows } = await db.admin.query(
			`select a.attname as name, has_column_privilege('authenticated', 'public.tickets'::regclass, a.attnum, 'select') as granted
			from pg_attribute a where a.attrelid = 'public.tickets'::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
		);
		expect(rows.filter((r) => !r.granted).map((r) => r.name)).toEqual(['reply_token', 'level', 'assignee_id', 'problem_id']);
	});

	it('a function a customer calls returns the ticket without assignee, level or problem', async () => {
		const t = await createTicket(db, A, w.contactA.id);
		await db.as(w.agent, 'select public.assign_ticket($1, $2)', [t, w.agent.id]);
		await db.as(w.agent, 'select public.change_level($1, 2)', [t]);
		await db.as(w.agent, `select public.resolve_ticket($1, 'Listo')`, [t]);
		const [reopened] = await db.as(w.contactA, `select * from public.reopen_ticket($1, 'Sigue fallando')`, [t]);
		expect(reopened).toMatchObject({ id: t, status: 'open', assignee_id: null, level: null, problem_id: null });
		await db.as(w.agent, `select public.resolve_ticket($1, 'Ahora sí')`, [t]);
		const [closed] = await db.as(w.contactA, 'select * from public.confirm_resolution($1)', [t]);
		expect(closed).toMatchObject({ status: 'closed', assignee_id: null, level: null });
		expect(await db.count(w.contactA, `select 1 from public.ticket_events where ticket_id = $1 and kind in ('level_changed', 'assigned', 'problem_linked')`, [t])).toBe(0);
		expect(await db.count(w.agent, `select 1 from public.ticket_events where ticket_id = $1 and kind = 'level_changed' and visibility = 'internal'`, [t])).toBe(1);
		expect(await db.as(w.agent, 'select assignee_id, level, problem_id from public.agent_queue where id = $1', [t])).toEqual([{ assignee_id: w.agent.id, level: 2, problem_id: null }]);
	});
});

describe('private.fail: refusals PostgREST answers with a 4xx', () => {
	const raise = async (sql: string) => {
		try {
			await db.admin.query(sql);
			return null;
		} catch (e) {
			const { message, code, hint } = e as { message: string; code: string; hint?: string };
			return { message, code, hint: hint ?? null };
		}
	};

	it.each([
		[`select private.fail('invalid_title')`, { message: 'invalid_title', code: 'P0001', hint: null }],
		[`select private.fail('ticket_not_found', null, 'P0002')`, { message: 'ticket_not_found', code: 'PT404', hint: null }],
		[`select private.fail('problem_not_found')`, { message: 'problem_not_found', code: 'PT404', hint: null }],
		[`select private.fail('staff_only', null, '42501')`, { message: 'staff_only', code: '42501', hint: null }],
		[`select private.fail('invalid_product', 'x', 'P0001', 'product_id')`, { message: 'invalid_product', code: 'P0001', hint: 'product_id' }],
	])('%s', async (sql, expected) => {
		expect(await raise(sql)).toEqual(expected);
	});
});
