// Who may and who may not: every table and RPC, for anonymous readers, members, authorized contacts
// and coordinators of organisation A, a member of organisation B, support staff and the service role.
// Cases run in order over one world, so later cases see what earlier ones did (noted where it matters).
import { describe, expect, it } from 'vitest';
import { anon, service, testDb, type Actor } from './harness.ts';
import { createWorld, ticketPayload } from './fixtures.ts';

const db = await testDb();
const w = await createWorld(db);
const outsider = await db.user('outsider@example.com');

/** A number: the statement succeeds and returns that many rows. A string: it fails with a message containing it. */
type Outcome = number | string;
type Case = [name: string, actor: Actor, sql: string, params: unknown[], outcome: Outcome];

const DENIED = 'permission denied';
const RLS = 'row-level security';
const A = w.orgA;
const B = w.orgB;
const tA = w.ticketA;

const cases: Case[] = [
	// profiles
	['anon cannot read profiles', anon, 'select * from public.profiles', [], DENIED],
	['a member of A sees themself and their colleagues', w.memberA, 'select * from public.profiles', [], 3],
	['a member of B sees only B people', w.memberB, 'select * from public.profiles', [], 2],
	['an agent sees every profile', w.agent, 'select * from public.profiles', [], 9],
	['a user changes their own name', w.memberA, `update public.profiles set full_name = 'Ana' where id = $1 returning id`, [w.memberA.id], 1],
	["a user cannot change a colleague's profile", w.memberA, `update public.profiles set full_name = 'X' where id = $1 returning id`, [w.contactA.id], 0],
	['a user cannot change their e-mail in the profile', w.memberA, `update public.profiles set email = 'x@example.com' where id = $1`, [w.memberA.id], 'profile_field_readonly'],
	['nobody inserts profiles by hand', w.memberA, `insert into public.profiles (id) values ($1)`, [w.memberA.id], DENIED],
	// staff
	['customers do not see the staff list', w.coordA, 'select * from public.staff', [], 0],
	['staff see the staff list', w.agent, 'select * from public.staff', [], 3],
	['an agent cannot add staff', w.agent, `insert into public.staff (user_id, role) values ($1, 'admin')`, [w.memberB.id], RLS],
	['an agent cannot promote themself', w.agent, `update public.staff set role = 'admin' where user_id = $1 returning user_id`, [w.agent.id], 0],
	['an admin changes a staff level', w.admin, `update public.staff set level = 1 where user_id = $1 returning user_id`, [w.agent.id], 1],
	['a customer cannot remove staff', w.coordA, 'delete from public.staff returning user_id', [], 0],
	// organisations
	['anon cannot read organisations', anon, 'select * from public.organisations', [], DENIED],
	['a member of A sees only A', w.memberA, 'select * from public.organisations', [], 1],
	['a member of B does not see A', w.memberB, 'select * from public.organisations where id = $1', [A], 0],
	['staff see every organisation', w.agent, 'select * from public.organisations', [], 2],
	['a coordinator cannot change the contract', w.coordA, `update public.organisations set contract_end = '2030-01-01' where id = $1 returning id`, [A], 0],
	['an admin changes an organisation', w.admin, `update public.organisations set name = 'Organización A' where id = $1 returning id`, [A], 1],
	['a customer cannot create organisations', w.coordA, `insert into public.organisations (name, programme_id, plan_id, contract_start, timezone) values ('X', 'estandar-extendido', 'estandar', '2026-01-01', 'UTC')`, [], RLS],
	['an agent (not admin) cannot create organisations', w.agent, `insert into public.organisations (name, programme_id, plan_id, contract_start, timezone) values ('X', 'estandar-extendido', 'estandar', '2026-01-01', 'UTC')`, [], RLS],
	// memberships
	['a member of A sees the members of A', w.memberA, 'select * from public.memberships', [], 3],
	['a member of B sees the members of B', w.memberB, 'select * from public.memberships', [], 2],
	['staff see every membership', w.agent, 'select * from public.memberships', [], 5],
	['a member cannot add people to their organisation', w.memberA, `insert into public.memberships (organisation_id, user_id) values ($1, $2)`, [A, outsider.id], RLS],
	['a member of B cannot add themself to A', w.memberB, `insert into public.memberships (organisation_id, user_id) values ($1, $2)`, [A, w.memberB.id], RLS],
	['a coordinator changes a role in their organisation', w.coordA, `update public.memberships set role = 'member' where organisation_id = $1 and user_id = $2 returning user_id`, [A, w.memberA.id], 1],
	['a member of B cannot change roles in A', w.memberB, `update public.memberships set role = 'coordinator' where organisation_id = $1 returning user_id`, [A], 0],
	['a member cannot remove a colleague', w.memberA, 'delete from public.memberships where user_id = $1 returning user_id', [w.coordA.id], 0],
	// invitations
	['a coordinator creates an invitation code', w.coordA, 'select public.create_invitation($1) as code', [A], 1],
	['a plain member cannot invite', w.memberA, 'select public.create_invitation($1)', [A], 'not_allowed'],
	['a coordinator of A cannot invite into B', w.coordA, 'select public.create_invitation($1)', [B], 'not_allowed'],
	['anon cannot invite', anon, 'select public.create_invitation($1)', [A], DENIED],
	['an admin invites into any organisation', w.admin, 'select public.create_invitation($1)', [B], 1],
	["the coordinator sees their organisation's invitations", w.coordA, 'select * from public.invitations', [], 1],
	["a member does not see the organisation's invitations", w.memberA, 'select * from public.invitations', [], 0],
	['an admin sees every invitation', w.admin, 'select * from public.invitations', [], 2],
	['nobody inserts invitations by hand', w.coordA, `insert into public.invitations (organisation_id, code_hash, expires_at) values ($1, 'x', now())`, [A], DENIED],
	['a wrong code joins nothing', outsider, `select public.join_organisation('AAAA-BBBB-CCCC')`, [], 'invitation_not_found'],
	['anon cannot join', anon, `select public.join_organisation('AAAA-BBBB-CCCC')`, [], DENIED],
	// tickets
	['anon cannot read tickets', anon, 'select * from public.tickets', [], DENIED],
	["a plain member sees their organisation's ticket", w.memberA, 'select * from public.tickets', [], 1],
	["an authorized contact sees their organisation's ticket", w.contactA, 'select * from public.tickets', [], 1],
	["a member of B does not see A's ticket", w.memberB, 'select * from public.tickets where id = $1', [tA], 0],
	['a member of B sees B\'s ticket', w.memberB, 'select * from public.tickets', [], 1],
	['someone in no organisation sees no ticket', outsider, 'select * from public.tickets', [], 0],
	['staff see every ticket', w.agent, 'select * from public.tickets', [], 2],
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
	// events
	['a customer sees no internal event (assignment, problem link, note)', w.memberA, `select * from public.ticket_events where ticket_id = $1 and (visibility = 'internal' or kind in ('assigned', 'problem_linked'))`, [tA], 0],
	['a customer sees the public history', w.memberA, `select * from public.ticket_events where ticket_id = $1 and kind in ('created', 'message_added', 'first_response', 'status_changed')`, [tA], 5],
	['staff see the internal events', w.agent, `select * from public.ticket_events where ticket_id = $1 and visibility = 'internal'`, [tA], 3],
	["a member of B sees none of A's history", w.memberB, 'select * from public.ticket_events where ticket_id = $1', [tA], 0],
	['staff cannot rewrite history', w.agent, `update public.ticket_events set kind = 'x'`, [], DENIED],
	['the service role cannot rewrite history either', service, `update public.ticket_events set kind = 'x'`, [], 'append_only'],
	['the service role cannot delete history', service, 'delete from public.ticket_events', [], 'append_only'],
	// attachments
	['a member of A sees the public attachment only', w.memberA, 'select * from public.ticket_attachments', [], 1],
	['staff see both attachments', w.agent, 'select * from public.ticket_attachments', [], 2],
	["a member of B sees none of A's attachments", w.memberB, 'select * from public.ticket_attachments', [], 0],
	['customers cannot insert attachment records', w.contactA, `insert into public.ticket_attachments (ticket_id, storage_path, file_name, mime_type, size_bytes) values ($1, 'x', 'x', 'x', 1)`, [tA], DENIED],
	// storage: attachments bucket
	["a member of A reads A's public attachment file, not the internal one", w.memberA, `select * from storage.objects where bucket_id = 'attachments'`, [], 1],
	['staff read every attachment file', w.agent, `select * from storage.objects where bucket_id = 'attachments'`, [], 2],
	["a member of B reads none of A's files", w.memberB, `select * from storage.objects where bucket_id = 'attachments'`, [], 0],
	['anon reads no attachment', anon, `select * from storage.objects where bucket_id = 'attachments'`, [], 0],
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
	['anon reads visible comments', anon, 'select * from public.article_comments', [], 1],
	["nobody edits someone else's comment", w.memberB, `select public.edit_comment(id, 'x') from public.article_comments`, [], 'not_author'],
	['the author edits their comment', w.memberA, `select public.edit_comment(id, 'Faltó el puerto 636 (LDAPS).') from public.article_comments`, [], 1],
	['a reader cannot hide comments', w.memberA, 'select public.hide_comment(id) from public.article_comments', [], 'staff_only'],
	['staff hide a comment', w.agent, 'select public.hide_comment(id) from public.article_comments', [], 1],
	['anon no longer sees the hidden comment', anon, 'select * from public.article_comments', [], 0],
	['another reader no longer sees it', w.memberB, 'select * from public.article_comments', [], 0],
	['the author still sees their hidden comment', w.memberA, 'select * from public.article_comments', [], 1],
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
	['the service role reads the outbox', service, 'select * from public.notifications', [], 0],
	['anon reads the published plans', anon, 'select * from public.plans', [], 5],
	['anon reads the SLA targets', anon, `select * from public.sla_targets where programme_id = 'estandar-extendido'`, [], 8],
	['nobody changes the programme through the API', w.admin, `update public.sla_targets set first_response_minutes = 1`, [], DENIED],
	['nobody adds plans through the API', w.coordA, `insert into public.plans (programme_id, id, name, calendar_id, channels) values ('implementacion', 'x', 'x', 'lunes-a-viernes', '{web}')`, [], DENIED],
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
