-- People, customer organisations and their contracts, memberships, invitation codes, support staff.
-- Tables live in public with RLS on every one (one policy per operation, named as a sentence);
-- helpers that need to see past RLS live in the unexposed `private` schema, security definer with an
-- empty search_path; what the API may call is a deliberate grant (see README, "Database").
--
-- The tenant boundary starts here. It was first written as a later migration that redefined what the
-- earlier ones had created; nothing was deployed yet, so each of its rules now lives with the tables
-- and functions it guards (here, the tickets, articles, widgets, agent and admin migrations), defined
-- once in its final form:
-- * Memberships and invitations change only through security-definer functions (basejump's way):
--   join_organisation and create_invitation below; set_membership_role, remove_member, add_member and
--   revoke_invitation in the admin migration. `authenticated` keeps no insert/update/delete on either
--   table, so a coordinator cannot promote, move or insert people, nor rewrite an invitation's
--   counters or hash. The plan's authorized-contact limit is a trigger on every insert and update, and
--   a membership's organisation and person never change (delete and add instead).
-- * Profiles: a person's row (with the e-mail) is read by that person and by staff only. Colleagues'
--   and comment authors' display names come through functions that return names, never e-mails or rows
--   (display_names, organisation_contacts here; article_comment_thread for comments).
-- * Every refusal is a 4xx: see private.fail.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

-- Raises an error the UI can translate: the message is a stable code, the detail is for people, the
-- hint names the field the error belongs to, for forms to put the message next to it. PostgREST
-- answers 500 for every SQLSTATE of class P0 but P0001, so the not-found state, and any *_not_found
-- code, is raised as PT404 (PostgREST's "PTxyz → HTTP xyz").
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

create table public.profiles (
	id uuid primary key references auth.users (id) on delete cascade,
	full_name text check (char_length(full_name) <= 200),
	email text,
	locale text not null default 'es' check (locale in ('es', 'en')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);

-- Accounts are found by address (an admin adding a member, a mail coming in), case-insensitively.
create index profiles_email on public.profiles (lower(email));

create table public.staff (
	user_id uuid primary key references public.profiles (id) on delete cascade,
	role text not null check (role in ('agent', 'lead', 'admin')),
	level int not null default 1 check (level in (1, 2)),
	created_at timestamptz not null default now()
);

create table public.organisations (
	id uuid primary key default gen_random_uuid(),
	name text not null check (char_length(name) between 1 and 200),
	programme_id text not null,
	plan_id text not null,
	contract_start date not null,
	contract_end date,
	-- Go-live of the implementation, where a plan is included for some months after it.
	go_live date,
	timezone text not null,
	created_at timestamptz not null default now(),
	foreign key (programme_id, plan_id) references public.plans (programme_id, id),
	check (contract_end is null or contract_end >= contract_start)
);
create index organisations_plan on public.organisations (programme_id, plan_id);

create table public.memberships (
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	user_id uuid not null references public.profiles (id) on delete cascade,
	-- member: sees and answers the organisation's tickets; authorized_contact: may also open them;
	-- coordinator: an authorized contact who also manages the membership and gets the monthly report.
	role text not null default 'member' check (role in ('member', 'authorized_contact', 'coordinator')),
	created_at timestamptz not null default now(),
	primary key (organisation_id, user_id)
);
create index memberships_user on public.memberships (user_id);

create table public.invitations (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	-- sha256 of the code; the code itself is shown once, to whoever created it.
	code_hash bytea not null unique,
	role text not null default 'member' check (role in ('member', 'authorized_contact')),
	expires_at timestamptz not null,
	max_uses int check (max_uses > 0),
	uses int not null default 0 check (uses >= 0),
	revoked_at timestamptz,
	created_by uuid references public.profiles (id) on delete set null,
	created_at timestamptz not null default now(),
	check (max_uses is null or uses <= max_uses)
);
create index invitations_organisation on public.invitations (organisation_id);
create index invitations_created_by on public.invitations (created_by);

alter table public.profiles enable row level security;
alter table public.staff enable row level security;
alter table public.organisations enable row level security;
alter table public.memberships enable row level security;
alter table public.invitations enable row level security;

-- Helpers for policies (security definer so they can read memberships and staff past RLS) ---------

-- The account with this e-mail address, compared case-insensitively (profiles_email); a row of nulls
-- when there is none. Called by security-definer functions only.
create function private.profile_by_email(address text) returns public.profiles
language sql stable security definer set search_path = '' as $$
	select * from public.profiles where lower(email) = lower(btrim(address)) order by created_at limit 1
$$;

create function private.is_staff() returns boolean language sql stable security definer set search_path = '' as $$
	select exists (select 1 from public.staff where user_id = (select auth.uid()))
$$;

create function private.staff_role() returns text language sql stable security definer set search_path = '' as $$
	select role from public.staff where user_id = (select auth.uid())
$$;

create function private.is_admin() returns boolean language sql stable security definer set search_path = '' as $$
	select coalesce((select role = 'admin' from public.staff where user_id = (select auth.uid())), false)
$$;

create function private.member_role(org uuid) returns text language sql stable security definer set search_path = '' as $$
	select role from public.memberships where organisation_id = org and user_id = (select auth.uid())
$$;

create function private.is_member(org uuid) returns boolean language sql stable security definer set search_path = '' as $$
	select exists (select 1 from public.memberships where organisation_id = org and user_id = (select auth.uid()))
$$;

-- The organisations the caller belongs to, for `organisation_id in (select private.my_organisations())`.
create function private.my_organisations() returns setof uuid language sql stable security definer set search_path = '' as $$
	select organisation_id from public.memberships where user_id = (select auth.uid())
$$;

create function private.shares_organisation(other uuid) returns boolean language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.memberships a join public.memberships b using (organisation_id)
		where a.user_id = (select auth.uid()) and b.user_id = other
	)
$$;

create function private.contract_active(org uuid, on_day date default current_date) returns boolean language sql stable security definer set search_path = '' as $$
	select exists (
		select 1 from public.organisations o
		where o.id = org and o.contract_start <= on_day and (o.contract_end is null or o.contract_end >= on_day)
	)
$$;

revoke all on all functions in schema private from public;
grant execute on all functions in schema private to anon, authenticated, service_role;

-- Policies ----------------------------------------------------------------------------------------

create policy "Users see their own profile, staff see all"
	on public.profiles for select to authenticated
	using (id = (select auth.uid()) or (select private.is_staff()));
create policy "Users update their own profile"
	on public.profiles for update to authenticated
	using (id = (select auth.uid())) with check (id = (select auth.uid()));

create policy "Staff see the staff list"
	on public.staff for select to authenticated using ((select private.is_staff()));
create policy "Admins add staff" on public.staff for insert to authenticated with check ((select private.is_admin()));
create policy "Admins change staff" on public.staff for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins remove staff" on public.staff for delete to authenticated using ((select private.is_admin()));

create policy "Members see their organisations, staff see all"
	on public.organisations for select to authenticated
	using (id in (select private.my_organisations()) or (select private.is_staff()));
create policy "Admins create organisations" on public.organisations for insert to authenticated with check ((select private.is_admin()));
create policy "Admins change organisations" on public.organisations for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins delete organisations" on public.organisations for delete to authenticated using ((select private.is_admin()));

create policy "Members see the members of their organisations, staff see all"
	on public.memberships for select to authenticated
	using (organisation_id in (select private.my_organisations()) or (select private.is_staff()));
-- No insert, update or delete policy: memberships change through the functions named at the top.

create policy "Admins and the organisation's coordinators see its invitations"
	on public.invitations for select to authenticated
	using ((select private.is_admin()) or (select private.member_role(organisation_id)) = 'coordinator');
-- Invitations are created through create_invitation(), which hashes the code, and revoked through
-- revoke_invitation().
revoke all on public.profiles, public.staff, public.organisations, public.memberships, public.invitations from anon;
revoke insert, delete, truncate on public.profiles from authenticated;
revoke insert, update, delete, truncate, references, trigger on public.memberships from authenticated;
revoke insert, update, delete, truncate, references, trigger on public.invitations from authenticated;
-- The code's hash stays in the database: 48 random bits are too few to show even hashed.
revoke select on public.invitations from authenticated;
grant select (id, organisation_id, role, expires_at, max_uses, uses, revoked_at, created_by, created_at) on public.invitations to authenticated;

-- Triggers ----------------------------------------------------------------------------------------

-- A profile for every new auth user.
create function private.handle_new_user() returns trigger language plpgsql security definer set search_path = '' as $$
begin
	insert into public.profiles (id, email, full_name, locale)
	values (
		new.id,
		new.email,
		nullif(new.raw_user_meta_data ->> 'full_name', ''),
		case when new.raw_user_meta_data ->> 'locale' = 'en' then 'en' else 'es' end
	);
	return new;
end $$;
create trigger on_auth_user_created after insert on auth.users for each row execute function private.handle_new_user();

-- The plan caps how many people may open tickets (authorized contacts and coordinators), whatever
-- changes in a membership.
create function private.check_authorized_contacts() returns trigger language plpgsql security definer set search_path = '' as $$
declare
	cap int;
	current_count int;
begin
	if new.role = 'member' then return new; end if;
	select p.authorized_contacts into cap
	from public.organisations o join public.plans p on p.programme_id = o.programme_id and p.id = o.plan_id
	where o.id = new.organisation_id;
	if cap is null then return new; end if;
	perform 1 from public.organisations where id = new.organisation_id for update;
	select count(*) into current_count from public.memberships
	where organisation_id = new.organisation_id and role <> 'member' and user_id <> new.user_id;
	if current_count >= cap then
		perform private.fail('authorized_contacts_limit', format('The plan allows %s authorized contacts.', cap));
	end if;
	return new;
end $$;
create trigger memberships_authorized_contacts before insert or update on public.memberships
	for each row execute function private.check_authorized_contacts();

create function private.membership_key_readonly() returns trigger language plpgsql set search_path = '' as $$
begin
	if new.organisation_id <> old.organisation_id or new.user_id <> old.user_id then
		perform private.fail('membership_key_readonly', 'A membership never moves to another person or organisation; remove it and add a new one.', '42501');
	end if;
	return new;
end $$;
create trigger memberships_key_readonly before update of organisation_id, user_id on public.memberships
	for each row execute function private.membership_key_readonly();

create function private.touch_updated_at() returns trigger language plpgsql set search_path = '' as $$
begin
	new.updated_at := now();
	return new;
end $$;
create trigger profiles_updated_at before update on public.profiles for each row execute function private.touch_updated_at();

-- Profiles: users may change their name and language, nothing else.
create function private.guard_profile() returns trigger language plpgsql set search_path = '' as $$
begin
	if current_user in ('authenticated', 'anon') and (new.id <> old.id or new.email is distinct from old.email or new.created_at <> old.created_at) then
		perform private.fail('profile_field_readonly', 'Only the name and the language can be changed.', '42501');
	end if;
	return new;
end $$;
create trigger profiles_guard before update on public.profiles for each row execute function private.guard_profile();

-- RPCs --------------------------------------------------------------------------------------------

-- Creates an invitation code for an organisation (admins, or its coordinators) and returns the code,
-- which is stored only as its hash.
create function public.create_invitation(organisation uuid, role text default 'member', valid_days int default 14, max_uses int default null)
returns text language plpgsql security definer set search_path = '' as $$
declare code text;
begin
	if (select auth.uid()) is null then perform private.fail('not_signed_in', null, '42501'); end if;
	-- member_role() is null for outsiders: compare with `is not distinct from`, or null would let them through.
	if not (private.is_admin() or private.member_role(organisation) is not distinct from 'coordinator') then
		perform private.fail('not_allowed', 'Only admins and the organisation''s coordinators invite.', '42501');
	end if;
	if role not in ('member', 'authorized_contact') then perform private.fail('invalid_role'); end if;
	if valid_days not between 1 and 365 then perform private.fail('invalid_validity', 'An invitation is valid for 1 to 365 days.'); end if;
	if max_uses is not null and max_uses < 1 then perform private.fail('invalid_max_uses'); end if;
	code := upper(encode(extensions.gen_random_bytes(6), 'hex'));
	code := substr(code, 1, 4) || '-' || substr(code, 5, 4) || '-' || substr(code, 9, 4);
	insert into public.invitations (organisation_id, code_hash, role, expires_at, max_uses, created_by)
	values (organisation, extensions.digest(code, 'sha256'), role, now() + make_interval(days => valid_days), max_uses, (select auth.uid()));
	return code;
end $$;

-- Joins the caller to the organisation of an invitation code.
create function public.join_organisation(code text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
	inv public.invitations;
	uid uuid := (select auth.uid());
begin
	if uid is null then perform private.fail('not_signed_in', null, '42501'); end if;
	select * into inv from public.invitations
	where code_hash = extensions.digest(upper(trim(code)), 'sha256') for update;
	if not found then perform private.fail('invitation_not_found', 'No invitation has this code.'); end if;
	if inv.revoked_at is not null then perform private.fail('invitation_revoked', 'This invitation was revoked.'); end if;
	if inv.expires_at <= now() then perform private.fail('invitation_expired', 'This invitation has expired.'); end if;
	if inv.max_uses is not null and inv.uses >= inv.max_uses then perform private.fail('invitation_used_up', 'This invitation has been used as many times as allowed.'); end if;
	if exists (select 1 from public.memberships where organisation_id = inv.organisation_id and user_id = uid) then
		return inv.organisation_id;
	end if;
	insert into public.memberships (organisation_id, user_id, role) values (inv.organisation_id, uid, inv.role);
	update public.invitations set uses = uses + 1 where id = inv.id;
	return inv.organisation_id;
end $$;

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

-- Grants -------------------------------------------------------------------------------------------

-- The trigger functions as the helpers above (the API roles may execute them; a trigger function
-- cannot be called directly anyway); the membership key guard has no grant at all.
revoke execute on function private.handle_new_user(), private.check_authorized_contacts(), private.touch_updated_at(),
	private.guard_profile(), private.membership_key_readonly(), private.profile_by_email(text) from public;
grant execute on function private.handle_new_user(), private.check_authorized_contacts(), private.touch_updated_at(),
	private.guard_profile() to anon, authenticated, service_role;
revoke execute on function
	public.create_invitation(uuid, text, int, int), public.join_organisation(text), public.display_names(uuid[]),
	public.organisation_contacts(uuid)
from public, anon;
grant execute on function
	public.create_invitation(uuid, text, int, int), public.join_organisation(text), public.display_names(uuid[]),
	public.organisation_contacts(uuid)
to authenticated, service_role;
