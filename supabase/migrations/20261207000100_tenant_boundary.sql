-- The tenant boundary, closed where plain REST writes and reads could cross it, and every refusal a 4xx.
--
-- * Memberships and invitations change only through security-definer functions (basejump's way):
--   join by code (join_organisation), change a role (set_membership_role), remove a member or leave
--   (remove_member), add a person who already has an account (add_member, admins only), revoke an
--   invitation (revoke_invitation). `authenticated` keeps no insert/update/delete on either table, so
--   a coordinator can no longer promote, move or insert people, nor rewrite an invitation's counters or
--   hash. The plan's authorized-contact limit is a trigger on every insert and update, and a
--   membership's organisation and person never change (delete and add instead).
-- * Profiles: a person's row (with the e-mail) is read by that person and by staff only. Colleagues'
--   and comment authors' display names come through functions that return names, never e-mails or rows.
-- * Tickets: the staff-only fields (assignee_id, level, problem_id, the facts the event log keeps
--   internal; level_changed joins them here) are withheld from `authenticated` by COLUMN privileges.
--   Why columns rather than a customer view: RLS decides rows and customers and staff share the role,
--   so a view over a table customers can still read would hide nothing, and a view that reads past RLS
--   is a security-definer view (the advisor's error). Staff read the three fields through agent_queue,
--   which takes them from ticket_staff_fields, a staff-only projection of them. Every other column is
--   granted by name below: a column added later is invisible to the API until a migration grants it.
--   Functions a customer may call that return a ticket row blank the three fields.
-- * Article comments: readers get display names through article_comment_thread, never author ids
--   (anyone may sign up, so withholding them from anon alone would withhold nothing); staff moderate
--   through comments_for_moderation; who hid a comment is nobody's business through the API
--   (hidden_at says that it was).
-- * Not-found errors: PostgREST answers 500 for every SQLSTATE of class P0 but P0001, so private.fail
--   turns the not-found state, and any *_not_found code, into PT404 (PostgREST's "PTxyz → HTTP xyz"),
--   and takes the field an error belongs to as the hint, for forms to put the message next to it.
-- * Articles: comments, votes and deflections only on articles that exist; the seed (generated from
--   content/docs) lists them.
-- * Attachments: one helper (private.attach_files) links uploaded files for the ticket form, the
--   customer's reply and the agent's reply: the object must exist in the bucket under the right folder
--   (no "", "." or ".." segment), have been uploaded by the person attaching it, and its size and type
--   are the ones Storage recorded.

-- Errors -------------------------------------------------------------------------------------------

drop function private.fail(text, text, text);
create function private.fail(code text, detail text default null, state text default 'P0001', field text default null) returns void
language plpgsql set search_path = '' as $$
declare
	-- P0002 ("no data found") would reach the client as a 500; PT404 is PostgREST's own 404. Every
	-- *_not_found refusal is a 404, whichever state its call site named.
	errstate text := case
		when state = 'P0002' then 'PT404'
		when state = 'P0001' and code like '%\_not\_found' then 'PT404'
		else state
	end;
begin
	-- RAISE refuses a null option, so the hint is given only when there is a field.
	if field is null then
		raise exception using message = code, detail = coalesce(detail, code), errcode = errstate;
	end if;
	raise exception using message = code, detail = coalesce(detail, code), hint = field, errcode = errstate;
end $$;
revoke all on function private.fail(text, text, text, text) from public;
grant execute on function private.fail(text, text, text, text) to anon, authenticated, service_role;

-- Memberships --------------------------------------------------------------------------------------

drop policy "Admins and coordinators add members" on public.memberships;
drop policy "Admins and coordinators change roles" on public.memberships;
drop policy "Admins and coordinators remove members, members leave" on public.memberships;
revoke insert, update, delete, truncate, references, trigger on public.memberships from authenticated, anon;

-- The limit is checked whatever changes: before, only a change of role fired it.
drop trigger memberships_authorized_contacts on public.memberships;
create trigger memberships_authorized_contacts before insert or update on public.memberships
	for each row execute function private.check_authorized_contacts();

create function private.membership_key_readonly() returns trigger language plpgsql set search_path = '' as $$
begin
	if new.organisation_id <> old.organisation_id or new.user_id <> old.user_id then
		perform private.fail('membership_key_readonly', 'A membership never moves to another person or organisation; remove it and add a new one.', '42501');
	end if;
	return new;
end $$;
revoke all on function private.membership_key_readonly() from public;
create trigger memberships_key_readonly before update of organisation_id, user_id on public.memberships
	for each row execute function private.membership_key_readonly();

-- Removes a member. Anyone may leave; an admin removes anyone; a coordinator removes members and
-- authorized contacts of their organisation, not a co-coordinator (only an admin unmakes one). A
-- membership the caller may not manage is "not found", like one that does not exist.
create function public.remove_member(organisation uuid, member uuid) returns public.memberships
language plpgsql security definer set search_path = '' as $$
declare
	m public.memberships;
	uid uuid := (select auth.uid());
begin
	if uid is null then perform private.fail('not_signed_in', null, '42501'); end if;
	select * into m from public.memberships x where x.organisation_id = organisation and x.user_id = member for update;
	if not found or not (member = uid or private.is_admin() or private.member_role(organisation) is not distinct from 'coordinator') then
		perform private.fail('membership_not_found', 'This person is not a member of the organisation.', 'P0002');
	end if;
	if member <> uid and not private.is_admin() and m.role = 'coordinator' then
		perform private.fail('coordinator_remove_admin_only', 'Only an admin removes a coordinator.', '42501');
	end if;
	delete from public.memberships x where x.organisation_id = organisation and x.user_id = member;
	return m;
end $$;

-- Adds a person who already has an account to an organisation (admins). Everyone else joins with an
-- invitation code. Adding someone already there returns their membership unchanged.
create function public.add_member(organisation uuid, email text, role text default 'member') returns public.memberships
language plpgsql security definer set search_path = '' as $$
declare
	m public.memberships;
	person uuid;
begin
	perform private.require_admin();
	if role is null or role not in ('member', 'authorized_contact', 'coordinator') then perform private.fail('invalid_role', null, 'P0001', 'role'); end if;
	if not exists (select 1 from public.organisations o where o.id = organisation) then
		perform private.fail('organisation_not_found', null, 'P0002');
	end if;
	select p.id into person from public.profiles p where lower(p.email) = lower(btrim(add_member.email));
	if person is null then
		perform private.fail('person_not_found', 'Nobody has an account with this e-mail; send them an invitation code.', 'P0002', 'email');
	end if;
	select * into m from public.memberships x where x.organisation_id = organisation and x.user_id = person;
	if found then return m; end if;
	insert into public.memberships (organisation_id, user_id, role) values (organisation, person, add_member.role) returning * into m;
	return m;
end $$;

-- Invitations ---------------------------------------------------------------------------------------

drop policy "Admins and coordinators revoke invitations" on public.invitations;
revoke update, insert, delete, truncate, references, trigger on public.invitations from authenticated, anon;
-- The code's hash stays in the database: 48 random bits are too few to show even hashed.
revoke select on public.invitations from authenticated;
grant select (id, organisation_id, role, expires_at, max_uses, uses, revoked_at, created_by, created_at) on public.invitations to authenticated;

-- Revoking answers with the invitation, never with its code's hash (a function's result is not held
-- to column privileges).
create or replace function public.revoke_invitation(invitation uuid) returns public.invitations
language plpgsql security definer set search_path = '' as $$
declare inv public.invitations;
begin
	if (select auth.uid()) is null then perform private.fail('not_signed_in', null, '42501'); end if;
	select * into inv from public.invitations i where i.id = invitation for update;
	if not found or not (private.is_admin() or private.member_role(inv.organisation_id) is not distinct from 'coordinator') then
		perform private.fail('invitation_not_found', 'No invitation of yours has this id.', 'P0002');
	end if;
	if inv.revoked_at is null then
		update public.invitations set revoked_at = now() where id = inv.id returning * into inv;
	end if;
	inv.code_hash := null;
	return inv;
end $$;

-- Profiles ------------------------------------------------------------------------------------------

drop policy "Users see their own profile, staff see all, members see their colleagues" on public.profiles;
create policy "Users see their own profile, staff see all"
	on public.profiles for select to authenticated
	using (id = (select auth.uid()) or (select private.is_staff()));

-- Display names (never e-mails) of the people the caller may know: themself and the people they share
-- an organisation with; staff know everyone. Support staff are not named to customers: the site says
-- "Soporte" for them, as the event log tells which messages support wrote.
create function public.display_names(people uuid[]) returns table (id uuid, name text)
language sql stable security definer set search_path = '' as $$
	select p.id, nullif(btrim(p.full_name), '')
	from public.profiles p
	where p.id = any (people)
		and cardinality(people) <= 200
		and (p.id = (select auth.uid()) or (select private.is_staff())
			or (private.shares_organisation(p.id) and not exists (select 1 from public.staff s where s.user_id = p.id)))
$$;

-- The people of an organisation who may open tickets, for a member who may not and must ask them:
-- names and roles only.
create function public.organisation_contacts(organisation uuid) returns table (user_id uuid, name text, role text)
language sql stable security definer set search_path = '' as $$
	select m.user_id, nullif(btrim(p.full_name), ''), m.role
	from public.memberships m join public.profiles p on p.id = m.user_id
	where m.organisation_id = organisation and m.role in ('authorized_contact', 'coordinator')
		and (private.is_member(organisation) or private.is_staff())
	order by m.role desc, p.full_name
$$;

-- Tickets: staff-only fields ---------------------------------------------------------------------------

revoke select on public.tickets from authenticated;
grant select (
	id, number, organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, impact,
	environment, product_id, version, steps, affected_user, source_article, channel, status, idempotency_key,
	first_response_due_at, next_update_due_at, next_escalation_due_at, resolution_due_at, first_response_at,
	paused_since, paused_seconds, first_response_breached_at, update_breached_at, escalation_breached_at,
	resolution_breached_at, last_customer_message_at, resolved_at, closed_at, close_reason, created_at, updated_at,
	sla_next_check_at, sla_dirty, auto_close_reminded_at
) on public.tickets to authenticated;

-- The staff-only fields, readable by staff under RLS: a projection of the ticket's own columns, which
-- stay the ones every function writes and the SLA sweep reads, kept by one trigger in the same
-- transaction. Why a table: a security-definer function called per row of the queue costs ~90 µs a
-- row (its search_path is set and reset each call), 1.6 s for 20,000 tickets against 30 ms before,
-- and one returning every ticket's fields makes each queue read scan them all; a table is indexed.
create table public.ticket_staff_fields (
	ticket_id uuid primary key references public.tickets (id) on delete cascade,
	assignee_id uuid,
	level int not null,
	problem_id uuid
);
create index ticket_staff_fields_assignee on public.ticket_staff_fields (assignee_id);
create index ticket_staff_fields_problem on public.ticket_staff_fields (problem_id);
alter table public.ticket_staff_fields enable row level security;
create policy "Staff see the staff-only ticket fields" on public.ticket_staff_fields for select to authenticated using ((select private.is_staff()));
revoke all on public.ticket_staff_fields from anon;
revoke insert, update, delete, truncate, references, trigger on public.ticket_staff_fields from authenticated;

create function private.project_ticket_staff_fields() returns trigger language plpgsql security definer set search_path = '' as $$
begin
	insert into public.ticket_staff_fields (ticket_id, assignee_id, level, problem_id)
	values (new.id, new.assignee_id, new.level, new.problem_id)
	on conflict (ticket_id) do update set assignee_id = excluded.assignee_id, level = excluded.level, problem_id = excluded.problem_id;
	return null;
end $$;
revoke all on function private.project_ticket_staff_fields() from public;
create trigger tickets_project_staff_fields after insert or update of assignee_id, level, problem_id on public.tickets
	for each row execute function private.project_ticket_staff_fields();
insert into public.ticket_staff_fields (ticket_id, assignee_id, level, problem_id)
select id, assignee_id, level, problem_id from public.tickets;

-- A ticket row as a customer may see it.
create function private.customer_ticket(t public.tickets) returns public.tickets
language plpgsql stable security definer set search_path = '' as $$
begin
	if private.is_staff() or (select auth.role()) is not distinct from 'service_role' then return t; end if;
	t.assignee_id := null;
	t.level := null;
	t.problem_id := null;
	return t;
end $$;
revoke all on function private.customer_ticket(public.tickets) from public;
grant execute on function private.customer_ticket(public.tickets) to authenticated, service_role;

create or replace view public.agent_queue with (security_invoker = true) as
select
	t.id, t.number, t.subject, t.status, t.severity_key, t.programme_id, t.plan_id, f.level, t.channel,
	t.environment, t.product_id, t.version, t.organisation_id, o.name as organisation_name,
	o.timezone as organisation_timezone, t.requester_id,
	coalesce(nullif(btrim(rp.full_name), ''), rp.email) as requester_name, rp.email as requester_email,
	f.assignee_id, coalesce(nullif(btrim(ap.full_name), ''), ap.email) as assignee_name, f.problem_id,
	t.created_at, t.updated_at, t.first_response_at, t.first_response_due_at, t.next_update_due_at,
	t.next_escalation_due_at, t.resolution_due_at, t.first_response_breached_at, t.update_breached_at,
	t.escalation_breached_at, t.resolution_breached_at, t.paused_since, t.resolved_at, t.closed_at, t.sla_dirty,
	t.last_customer_message_at,
	case when t.status in ('new', 'open') then least(
		case when t.first_response_at is null then t.first_response_due_at end,
		t.next_update_due_at, t.next_escalation_due_at, t.resolution_due_at
	) end as next_due_at,
	m.public_messages, m.internal_notes, m.last_message_at
from public.tickets t
join public.organisations o on o.id = t.organisation_id
join public.profiles rp on rp.id = t.requester_id
join public.ticket_staff_fields f on f.ticket_id = t.id
left join public.profiles ap on ap.id = f.assignee_id
cross join lateral (
	select count(*) filter (where visibility = 'public') as public_messages,
		count(*) filter (where visibility = 'internal') as internal_notes,
		max(created_at) as last_message_at
	from public.ticket_messages where ticket_id = t.id
) m
where (select private.is_staff());

create or replace function public.confirm_resolution(ticket uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets := private.ticket_for_update(ticket);
begin
	if private.is_staff() or not private.is_member(t.organisation_id) then
		perform private.fail('customer_only', 'The customer confirms the solution.', '42501');
	end if;
	if t.status <> 'resolved' then perform private.fail('not_resolved', 'Only a resolved ticket can be confirmed.'); end if;
	update public.tickets set status = 'closed', close_reason = 'confirmed_by_customer' where id = ticket returning * into t;
	return private.customer_ticket(t);
end $$;

create or replace function public.reopen_ticket(ticket uuid, body text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets := private.ticket_for_update(ticket);
begin
	if private.is_staff() or not private.is_member(t.organisation_id) then
		perform private.fail('customer_only', 'The customer reopens a ticket.', '42501');
	end if;
	if t.status <> 'resolved' then perform private.fail('not_resolved', 'Only a resolved ticket can be reopened.'); end if;
	insert into public.ticket_messages (ticket_id, author_id, body) values (ticket, (select auth.uid()), body);
	update public.tickets set status = 'open', last_customer_message_at = now() where id = ticket returning * into t;
	return private.customer_ticket(t);
end $$;

-- The level a ticket is worked at is support's business, like its assignee: its changes are internal.
create or replace function private.ticket_after_write() returns trigger language plpgsql security definer set search_path = '' as $$
begin
	if tg_op = 'INSERT' then
		perform private.log_event(new.id, 'created', jsonb_build_object(
			'status', new.status, 'severity', new.severity_key, 'plan', new.plan_id, 'programme', new.programme_id,
			'level', new.level, 'first_response_due_at', new.first_response_due_at, 'next_update_due_at', new.next_update_due_at,
			'next_escalation_due_at', new.next_escalation_due_at, 'resolution_due_at', new.resolution_due_at));
		return new;
	end if;
	if new.status is distinct from old.status then
		perform private.log_event(new.id, 'status_changed', jsonb_build_object('from', old.status, 'to', new.status, 'close_reason', new.close_reason));
	end if;
	if new.severity_key is distinct from old.severity_key then
		perform private.log_event(new.id, 'severity_changed', jsonb_build_object('from', old.severity_key, 'to', new.severity_key));
	end if;
	if new.plan_id is distinct from old.plan_id then
		perform private.log_event(new.id, 'plan_changed', jsonb_build_object('from', old.plan_id, 'to', new.plan_id));
	end if;
	if new.level is distinct from old.level then
		perform private.log_event(new.id, 'level_changed', jsonb_build_object('from', old.level, 'to', new.level), 'internal');
	end if;
	if new.assignee_id is distinct from old.assignee_id then
		perform private.log_event(new.id, 'assigned', jsonb_build_object('from', old.assignee_id, 'to', new.assignee_id), 'internal');
	end if;
	if new.problem_id is distinct from old.problem_id then
		perform private.log_event(new.id, 'problem_linked', jsonb_build_object('from', old.problem_id, 'to', new.problem_id), 'internal');
	end if;
	if new.first_response_at is distinct from old.first_response_at then
		perform private.log_event(new.id, 'first_response', jsonb_build_object('at', new.first_response_at));
	end if;
	if (new.first_response_due_at, new.next_update_due_at, new.next_escalation_due_at, new.resolution_due_at)
		is distinct from (old.first_response_due_at, old.next_update_due_at, old.next_escalation_due_at, old.resolution_due_at) then
		perform private.log_event(new.id, 'due_times_set', jsonb_build_object(
			'first_response_due_at', new.first_response_due_at, 'next_update_due_at', new.next_update_due_at,
			'next_escalation_due_at', new.next_escalation_due_at, 'resolution_due_at', new.resolution_due_at));
	end if;
	if new.first_response_breached_at is distinct from old.first_response_breached_at and new.first_response_breached_at is not null then
		perform private.log_event(new.id, 'breached', jsonb_build_object('target', 'first_response', 'deadline', new.first_response_breached_at));
	end if;
	if new.update_breached_at is distinct from old.update_breached_at and new.update_breached_at is not null then
		perform private.log_event(new.id, 'breached', jsonb_build_object('target', 'update', 'deadline', new.update_breached_at));
	end if;
	if new.escalation_breached_at is distinct from old.escalation_breached_at and new.escalation_breached_at is not null then
		perform private.log_event(new.id, 'breached', jsonb_build_object('target', 'escalation', 'deadline', new.escalation_breached_at));
	end if;
	if new.resolution_breached_at is distinct from old.resolution_breached_at and new.resolution_breached_at is not null then
		perform private.log_event(new.id, 'breached', jsonb_build_object('target', 'resolution', 'deadline', new.resolution_breached_at));
	end if;
	return new;
end $$;

-- Past level changes become internal too. The log is append-only; this one correction of visibility
-- (never of what happened) is made with its guard set aside for the statement.
alter table public.ticket_events disable trigger ticket_events_append_only;
update public.ticket_events set visibility = 'internal' where kind = 'level_changed' and visibility = 'public';
alter table public.ticket_events enable trigger ticket_events_append_only;

-- Article comments ------------------------------------------------------------------------------------

revoke select on public.article_comments from anon, authenticated;
grant select (id, article_slug, body, created_at, edited_at, hidden_at) on public.article_comments to anon;
grant select (id, article_slug, body, created_at, edited_at, hidden_at) on public.article_comments to authenticated;

-- The comments staff moderate, newest first, with the author's name and e-mail (staff read profiles);
-- nothing for anyone else. Filters, order and limit apply to the result as to a table.
create function public.comments_for_moderation()
returns table (id uuid, article_slug text, body text, created_at timestamptz, edited_at timestamptz, hidden_at timestamptz, author_name text, author_email text)
language sql stable security definer set search_path = '' as $$
	select c.id, c.article_slug, c.body, c.created_at, c.edited_at, c.hidden_at, nullif(btrim(p.full_name), ''), p.email
	from public.article_comments c left join public.profiles p on p.id = c.author_id
	where (select private.is_staff())
	order by c.created_at desc
$$;
revoke execute on function public.comments_for_moderation() from public, anon;
grant execute on function public.comments_for_moderation() to authenticated, service_role;

-- The author's display name and whether the caller wrote the comment, so the thread (security invoker,
-- under the comments' select policy) never reads author_id itself.
drop function public.article_comment_thread(text);
drop function private.comment_author(uuid);
create function private.comment_author(comment uuid) returns table (name text, staff boolean, mine boolean)
language sql stable security definer set search_path = '' as $$
	select p.full_name, exists (select 1 from public.staff s where s.user_id = c.author_id), c.author_id = (select auth.uid())
	from public.article_comments c join public.profiles p on p.id = c.author_id
	where c.id = comment
		and (c.hidden_at is null or c.author_id = (select auth.uid()) or (select private.is_staff()))
$$;
revoke execute on function private.comment_author(uuid) from public;
grant execute on function private.comment_author(uuid) to anon, authenticated, service_role;

create function public.article_comment_thread(article text)
returns table (
	id uuid,
	body text,
	created_at timestamptz,
	edited_at timestamptz,
	hidden_at timestamptz,
	author_name text,
	author_is_staff boolean,
	mine boolean,
	editable_until timestamptz,
	moderator boolean
)
language sql stable security invoker set search_path = '' as $$
	select c.id, c.body, c.created_at, c.edited_at, c.hidden_at, a.name, coalesce(a.staff, false),
		coalesce(a.mine, false),
		case when a.mine and c.hidden_at is null then c.created_at + interval '15 minutes' end,
		(select private.is_staff())
	from public.article_comments c
	left join lateral private.comment_author(c.id) a on true
	where c.article_slug = article
	order by c.created_at, c.id
$$;
revoke execute on function public.article_comment_thread(text) from public;
grant execute on function public.article_comment_thread(text) to anon, authenticated, service_role;

-- Articles ----------------------------------------------------------------------------------------------

-- The published articles, by the slug the site gives each page (Starlight's entry id: the file's path
-- under content/docs without extension; en/… for English). Written by the seed generated from
-- content (npm run seed:generate); read by anyone.
create table public.articles (
	slug text primary key check (slug ~ '^[a-z0-9]+([/-][a-z0-9]+)*$' and char_length(slug) <= 300),
	title text not null check (char_length(title) between 1 and 300),
	lang text not null check (lang in ('es', 'en'))
);
alter table public.articles enable row level security;
create policy "Anyone reads the published articles" on public.articles for select to anon, authenticated using (true);
revoke insert, update, delete, truncate, references, trigger on public.articles from anon, authenticated;

create function private.require_article(slug text) returns void language plpgsql stable security definer set search_path = '' as $$
begin
	if slug is null or char_length(slug) > 300 or slug !~ '^[a-z0-9/-]+$' then
		perform private.fail('invalid_article', 'An article is named by its slug, e.g. guias/integracion-ldap.', 'P0001', 'article');
	end if;
	if not exists (select 1 from public.articles a where a.slug = require_article.slug) then
		perform private.fail('article_not_found', 'No published article has this slug.', 'P0002', 'article');
	end if;
end $$;
revoke all on function private.require_article(text) from public;
grant execute on function private.require_article(text) to anon, authenticated, service_role;

create or replace function public.post_comment(article text, body text) returns public.article_comments
language plpgsql security definer set search_path = '' as $$
declare c public.article_comments;
begin
	if (select auth.uid()) is null then perform private.fail('not_signed_in', 'Sign in to comment.', '42501'); end if;
	perform private.require_article(article);
	if body is null or char_length(btrim(body)) not between 1 and 5000 then
		perform private.fail('invalid_comment', 'A comment has 1 to 5000 characters.', 'P0001', 'body');
	end if;
	insert into public.article_comments (article_slug, author_id, body) values (article, (select auth.uid()), btrim(body)) returning * into c;
	return c;
end $$;

create or replace function public.vote_article(article text, helpful boolean, reason text default null, anon_key text default null) returns void
language plpgsql security definer set search_path = '' as $$
declare uid uuid := (select auth.uid());
begin
	perform private.require_article(article);
	if helpful is null then perform private.fail('invalid_vote', 'helpful is true or false.', 'P0001', 'helpful'); end if;
	if reason is not null and char_length(reason) > 500 then perform private.fail('too_long', 'At most 500 characters.', 'P0001', 'reason'); end if;
	if uid is not null then
		insert into public.article_votes (article_slug, user_id, helpful, reason) values (article, uid, helpful, reason)
		on conflict (article_slug, user_id) do update set helpful = excluded.helpful, reason = excluded.reason, updated_at = now();
		return;
	end if;
	if anon_key is null or char_length(anon_key) not between 16 and 128 then perform private.fail('anon_key_required', 'Anonymous votes need a session key.'); end if;
	perform pg_advisory_xact_lock(hashtext(anon_key));
	if exists (select 1 from public.article_votes v where v.anon_key = vote_article.anon_key and v.article_slug = article and v.created_at > now() - interval '1 day')
		or (select count(*) from public.article_votes v where v.anon_key = vote_article.anon_key and v.created_at > now() - interval '1 hour') >= 5 then
		perform private.fail('rate_limited', 'Too many anonymous votes; try again later.');
	end if;
	insert into public.article_votes (article_slug, anon_key, helpful, reason) values (article, anon_key, helpful, reason);
end $$;

create or replace function public.record_deflection(article text, query text default '', anon_key text default null) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
	uid uuid := (select auth.uid());
	caller_key text := case when uid is null then record_deflection.anon_key end;
begin
	perform private.require_article(article);
	if uid is null and (caller_key is null or char_length(caller_key) not between 16 and 128) then
		perform private.fail('anon_key_required', 'Anonymous callers need a session key of 16 to 128 characters.');
	end if;
	-- Concurrent clicks of one caller queue here, so the checks below see each other's rows.
	perform pg_advisory_xact_lock(hashtext('deflection:' || coalesce(uid::text, caller_key)));
	if exists (
		select 1 from public.deflections d
		where (d.user_id = uid or d.anon_key = caller_key) and d.article_slug = article and d.created_at > now() - interval '1 day'
	) then
		return false;
	end if;
	if (select count(*) from public.deflections d where (d.user_id = uid or d.anon_key = caller_key) and d.created_at > now() - interval '1 hour') >= 10 then
		perform private.fail('rate_limited', 'Too many deflections in an hour; try again later.');
	end if;
	insert into public.deflections (article_slug, query, user_id, anon_key)
	values (article, left(coalesce(btrim(regexp_replace(query, '\s+', ' ', 'g')), ''), 200), uid, caller_key);
	return true;
end $$;

-- Attachments: one way to link uploaded files ------------------------------------------------------

-- Links `files` (a JSON array of {storage_path, file_name}) to a ticket's message. Each object must
-- lie under `folder` (<organisation>/ for the ticket form, which uploads to <organisation>/<draft>/<file>
-- before the ticket exists: depth 2; <organisation>/<ticket>/ for public replies and
-- <organisation>/internal/<ticket>/ for notes: depth 1), at most `depth` segments below it, none of
-- them empty, "." or "..", and for public files never in internal/; exist in the attachments bucket;
-- have been uploaded by `uploader` themself (a path alone must never let anyone claim a file someone
-- else put there); and keep to the bucket's type and size limits as Storage recorded them. The client's own claims of type and size are ignored. The hint names the file
-- (attachments.N) for the form.
create function private.attach_files(ticket public.tickets, message uuid, files jsonb, folder text, visibility text, uploader uuid, depth int default 1) returns void
language plpgsql security definer set search_path = '' as $$
declare
	bucket storage.buckets;
	att jsonb;
	i int := -1;
	path text;
	rest text;
	fname text;
	obj storage.objects;
	mime text;
	size bigint;
begin
	if jsonb_typeof(coalesce(files, '[]')) <> 'array' then perform private.fail('invalid_attachments', 'attachments is a JSON array.', 'P0001', 'attachments'); end if;
	if jsonb_array_length(coalesce(files, '[]')) > 10 then
		perform private.fail('too_many_attachments', 'At most 10 files.', 'P0001', 'attachments');
	end if;
	select * into bucket from storage.buckets b where b.id = 'attachments';
	for att in select * from jsonb_array_elements(coalesce(files, '[]')) loop
		i := i + 1;
		if jsonb_typeof(att) <> 'object' then perform private.fail('invalid_attachments', null, 'P0001', 'attachments.' || i); end if;
		path := att ->> 'storage_path';
		fname := btrim(coalesce(att ->> 'file_name', ''));
		rest := substr(path, char_length(folder) + 1);
		if path is null or char_length(path) > 1024 or left(path, char_length(folder)) <> folder or rest = ''
			or exists (select 1 from unnest(string_to_array(rest, '/')) s where s in ('', '.', '..'))
			or cardinality(string_to_array(rest, '/')) > depth
			or (visibility = 'public' and split_part(path, '/', 2) = 'internal') then
			perform private.fail('attachment_outside_folder', format('Files go under %s.', folder), 'P0001', 'attachments.' || i);
		end if;
		if char_length(fname) not between 1 and 255 or fname ~ '[[:cntrl:]]' then
			perform private.fail('invalid_file_name', null, 'P0001', 'attachments.' || i);
		end if;
		select * into obj from storage.objects o where o.bucket_id = 'attachments' and o.name = path;
		if not found or coalesce(obj.owner_id, obj.owner::text) is distinct from uploader::text then
			perform private.fail('attachment_not_uploaded', 'Upload the file before attaching it.', 'P0001', 'attachments.' || i);
		end if;
		if exists (select 1 from public.ticket_attachments a where a.storage_path = path) then
			perform private.fail('attachment_already_attached', 'That file is already attached.', 'P0001', 'attachments.' || i);
		end if;
		mime := nullif(obj.metadata ->> 'mimetype', '');
		size := (obj.metadata ->> 'size')::bigint;
		if mime is null or (bucket.allowed_mime_types is not null and not (mime = any (bucket.allowed_mime_types))) then
			perform private.fail('attachment_type_not_allowed', null, 'P0001', 'attachments.' || i);
		end if;
		if size is null or size < 0 or size > coalesce(bucket.file_size_limit, 26214400) then
			perform private.fail('attachment_too_large', null, 'P0001', 'attachments.' || i);
		end if;
		insert into public.ticket_attachments (ticket_id, message_id, storage_path, file_name, mime_type, size_bytes, visibility, uploaded_by)
		values (ticket.id, message, path, fname, mime, size, visibility, uploader);
	end loop;
end $$;
revoke all on function private.attach_files(public.tickets, uuid, jsonb, text, text, uuid, int) from public;

create or replace function public.reply_with_attachments(ticket uuid, body text, attachments jsonb default '[]')
returns public.ticket_messages
language plpgsql security definer set search_path = '' as $$
declare
	t public.tickets := private.ticket_for_update(ticket);
	m public.ticket_messages;
begin
	m := public.reply_to_ticket(ticket, body, false);
	perform private.attach_files(t, m.id, attachments, t.organisation_id || '/' || t.id || '/', 'public', (select auth.uid()));
	return m;
end $$;

create or replace function public.agent_reply(ticket uuid, body text, action text default 'reply', attachments jsonb default '[]')
returns public.ticket_messages
language plpgsql security definer set search_path = '' as $$
declare
	t public.tickets;
	internal boolean := action = 'note';
	m public.ticket_messages;
begin
	perform private.require_staff();
	t := private.ticket_for_update(ticket);
	if action is null or action not in ('reply', 'note', 'request_info', 'resolve') then
		perform private.fail('invalid_action', 'action is reply, note, request_info or resolve.');
	end if;
	m := public.reply_to_ticket(ticket, body, internal);
	-- An internal note's files stay in the staff-only folder; a public reply's in the ticket's folder.
	perform private.attach_files(t, m.id, attachments,
		case when internal then t.organisation_id || '/internal/' || t.id || '/' else t.organisation_id || '/' || t.id || '/' end,
		case when internal then 'internal' else 'public' end, (select auth.uid()));
	-- Same moves as request_customer_info and resolve_ticket, after the message they come with.
	if action = 'request_info' then
		update public.tickets set status = 'pending_customer' where id = ticket;
	elsif action = 'resolve' then
		update public.tickets set status = 'resolved' where id = ticket;
	end if;
	return m;
end $$;

-- create_ticket: the product and version checked by name (a foreign-key violation would be a 409 with
-- no field), the attachments through attach_files, everything else as in 20261121000700.
create or replace function public.create_ticket(ticket jsonb) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare
	requester uuid;
	org public.organisations;
	pl public.plans;
	prog public.programmes;
	existing public.tickets;
	created public.tickets;
	month_start timestamptz;
	used int;
	first_message uuid;
	opened timestamptz;
	requester_profile public.profiles;
	severity_label jsonb;
	first_response_target int;
begin
	if (select auth.role()) is distinct from 'service_role' then
		perform private.fail('service_role_only', 'Tickets are created through the tickets function.', '42501');
	end if;
	if jsonb_typeof(ticket) is distinct from 'object' then perform private.fail('invalid_ticket', 'ticket is a JSON object.'); end if;
	begin
		requester := (ticket ->> 'requester_id')::uuid;
		opened := coalesce((ticket ->> 'opened_at')::timestamptz, now());
	exception when invalid_text_representation or invalid_datetime_format or datetime_field_overflow then
		perform private.fail('invalid_ticket', 'requester_id is a uuid and opened_at an instant.');
	end;
	if requester is null then perform private.fail('requester_required'); end if;
	-- The tickets function computes the due times from the instant it opens the ticket at, so that
	-- instant is the ticket's creation time; it may only be a moment away from the database's clock.
	if abs(extract(epoch from opened - now())) > 120 then
		perform private.fail('opened_at_out_of_range', 'opened_at must be within two minutes of now.');
	end if;
	if ticket ->> 'idempotency_key' is not null then
		select * into existing from public.tickets where requester_id = requester and idempotency_key = ticket ->> 'idempotency_key';
		if found then return existing; end if;
	end if;
	if coalesce(ticket ->> 'organisation_id', '') !~ '^[0-9a-fA-F-]{36}$' then perform private.fail('organisation_not_found', null, 'P0002', 'organisation_id'); end if;
	select * into org from public.organisations where id = (ticket ->> 'organisation_id')::uuid for update;
	if not found then perform private.fail('organisation_not_found', null, 'P0002', 'organisation_id'); end if;
	if not exists (select 1 from public.memberships where organisation_id = org.id and user_id = requester) then
		perform private.fail('not_a_member', 'The requester does not belong to this organisation.', '42501');
	end if;
	if not exists (select 1 from public.memberships where organisation_id = org.id and user_id = requester and role in ('authorized_contact', 'coordinator')) then
		perform private.fail('not_authorized_contact', 'Only authorized contacts open tickets.', '42501');
	end if;
	select * into prog from public.programmes where id = org.programme_id;
	if not (org.contract_start <= (now() at time zone prog.timezone)::date and (org.contract_end is null or org.contract_end >= (now() at time zone prog.timezone)::date)) then
		perform private.fail('contract_inactive', 'The organisation has no support contract in force.');
	end if;
	select * into pl from public.plans where programme_id = org.programme_id and id = org.plan_id;
	if pl.monthly_quota is not null then
		-- Calendar month in the programme's time zone; unused tickets never carry over.
		month_start := date_trunc('month', now() at time zone prog.timezone) at time zone prog.timezone;
		select count(*) into used from public.tickets where organisation_id = org.id and created_at >= month_start;
		if used >= pl.monthly_quota then
			perform private.fail('quota_exceeded', format('The plan includes %s tickets a month.', pl.monthly_quota));
		end if;
	end if;
	if not exists (select 1 from public.severities where programme_id = org.programme_id and key = ticket ->> 'severity') then
		perform private.fail('invalid_severity', null, 'P0001', 'severity');
	end if;
	if ticket ->> 'product_id' is not null and not exists (select 1 from public.products p where p.id = ticket ->> 'product_id') then
		perform private.fail('invalid_product', 'No product has this id.', 'P0001', 'product_id');
	end if;
	if ticket ->> 'version' is not null and not exists (
		select 1 from public.product_versions v where v.product_id = ticket ->> 'product_id' and v.version = ticket ->> 'version'
	) then
		perform private.fail('invalid_version', 'The product has no such version.', 'P0001', 'version');
	end if;
	perform set_config('mostrador.acting_for', requester::text, true);
	insert into public.tickets (
		organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, impact, environment,
		product_id, version, steps, affected_user, source_article, channel, idempotency_key,
		first_response_due_at, next_update_due_at, next_escalation_due_at, resolution_due_at, created_at
	) values (
		org.id, requester, org.programme_id, org.plan_id, ticket ->> 'severity', ticket ->> 'subject', ticket ->> 'description',
		ticket ->> 'impact', coalesce(ticket ->> 'environment', 'production'), ticket ->> 'product_id', ticket ->> 'version',
		ticket ->> 'steps', ticket ->> 'affected_user', ticket ->> 'source_article', coalesce(ticket ->> 'channel', 'web'),
		ticket ->> 'idempotency_key', (ticket ->> 'first_response_due_at')::timestamptz, (ticket ->> 'next_update_due_at')::timestamptz,
		(ticket ->> 'next_escalation_due_at')::timestamptz, (ticket ->> 'resolution_due_at')::timestamptz, opened
	) returning * into created;
	update public.tickets set last_customer_message_at = created.created_at where id = created.id returning * into created;
	-- The description opens the public thread, so the thread reads the same from its first message on.
	insert into public.ticket_messages (ticket_id, author_id, body) values (created.id, requester, created.description) returning id into first_message;
	perform private.attach_files(created, first_message, ticket -> 'attachments', org.id || '/', 'public', requester, 2);
	perform set_config('mostrador.acting_for', '', true);

	-- The receipt to the customer and the alert to support, queued with the ticket (notify sends them).
	select * into requester_profile from public.profiles where id = requester;
	select s -> 'label' into severity_label from jsonb_array_elements(prog.document -> 'severities') s where s ->> 'key' = created.severity_key;
	select first_response_minutes into first_response_target from public.sla_targets
	where programme_id = created.programme_id and plan_id = created.plan_id and severity_key = created.severity_key;
	insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
	values ('ticket_received', requester, requester_profile.locale, jsonb_build_object(
		'ticket', created.id, 'number', created.number, 'subject', created.subject,
		'severity', coalesce(severity_label, jsonb_build_object('es', created.severity_key, 'en', created.severity_key)),
		'first_response_due', created.first_response_due_at, 'first_response_minutes', first_response_target, 'timezone', org.timezone),
		'ticket_received:' || created.id)
	on conflict (dedupe_key) do nothing;
	-- Level-1 agents and leads hear of every new ticket; admins and level-2 specialists when escalated.
	insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
	select 'ticket_new_for_agents', s.user_id, p.locale, jsonb_build_object(
		'ticket', created.id, 'number', created.number, 'subject', created.subject,
		'severity', coalesce(severity_label, jsonb_build_object('es', created.severity_key, 'en', created.severity_key)),
		'organisation', org.name,
		'requester', coalesce(nullif(requester_profile.full_name, ''), requester_profile.email) || coalesce(' <' || requester_profile.email || '>', ''),
		'first_response_due', created.first_response_due_at, 'timezone', org.timezone),
		'ticket_new_for_agents:' || created.id || ':' || s.user_id
	from public.staff s join public.profiles p on p.id = s.user_id
	where (s.role = 'agent' and s.level = 1) or s.role = 'lead'
	on conflict (dedupe_key) do nothing;
	return created;
end $$;

-- Grants ------------------------------------------------------------------------------------------------

revoke execute on function
	public.remove_member(uuid, uuid), public.add_member(uuid, text, text), public.display_names(uuid[]),
	public.organisation_contacts(uuid)
from public, anon;
grant execute on function
	public.remove_member(uuid, uuid), public.add_member(uuid, text, text), public.display_names(uuid[]),
	public.organisation_contacts(uuid)
to authenticated, service_role;
revoke execute on function public.create_ticket(jsonb) from public, anon, authenticated;
grant execute on function public.create_ticket(jsonb) to service_role;

-- Functions in `private` run for the API only when a migration grants them (policies and invoker
-- views need theirs); PostgreSQL's default of EXECUTE for PUBLIC let later helpers through, among them
-- ticket_for_update, which locks and returns a whole ticket.
alter default privileges in schema private revoke execute on functions from public;
revoke execute on function private.ticket_for_update(uuid) from public, anon, authenticated;
