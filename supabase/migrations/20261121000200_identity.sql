-- People, customer organisations and their contracts, memberships, invitation codes, support staff.
-- Tables live in public with RLS on every one (one policy per operation, named as a sentence);
-- helpers that need to see past RLS live in the unexposed `private` schema, security definer with an
-- empty search_path; what the API may call is a deliberate grant (see README, "Database").

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

-- Raises an error the UI can translate: the message is a stable code, the detail is for people.
create function private.fail(code text, detail text default null, state text default 'P0001') returns void
language plpgsql set search_path = '' as $$
begin
	raise exception using message = code, detail = coalesce(detail, code), errcode = state;
end $$;

create table public.profiles (
	id uuid primary key references auth.users (id) on delete cascade,
	full_name text check (char_length(full_name) <= 200),
	email text,
	locale text not null default 'es' check (locale in ('es', 'en')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);

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

create policy "Users see their own profile, staff see all, members see their colleagues"
	on public.profiles for select to authenticated
	using (id = (select auth.uid()) or (select private.is_staff()) or (select private.shares_organisation(id)));
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
create policy "Admins and coordinators add members"
	on public.memberships for insert to authenticated
	with check ((select private.is_admin()) or (select private.member_role(organisation_id)) = 'coordinator');
create policy "Admins and coordinators change roles"
	on public.memberships for update to authenticated
	using ((select private.is_admin()) or (select private.member_role(organisation_id)) = 'coordinator')
	with check ((select private.is_admin()) or (select private.member_role(organisation_id)) = 'coordinator');
create policy "Admins and coordinators remove members, members leave"
	on public.memberships for delete to authenticated
	using (user_id = (select auth.uid()) or (select private.is_admin()) or (select private.member_role(organisation_id)) = 'coordinator');

create policy "Admins and the organisation's coordinators see its invitations"
	on public.invitations for select to authenticated
	using ((select private.is_admin()) or (select private.member_role(organisation_id)) = 'coordinator');
create policy "Admins and coordinators revoke invitations"
	on public.invitations for update to authenticated
	using ((select private.is_admin()) or (select private.member_role(organisation_id)) = 'coordinator')
	with check ((select private.is_admin()) or (select private.member_role(organisation_id)) = 'coordinator');
-- Invitations are created through create_invitation(), which hashes the code.
revoke insert, delete, truncate on public.invitations from anon, authenticated;
revoke all on public.profiles, public.staff, public.organisations, public.memberships, public.invitations from anon;
revoke insert, delete, truncate on public.profiles from authenticated;

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

-- The plan caps how many people may open tickets (authorized contacts and coordinators).
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
create trigger memberships_authorized_contacts before insert or update of role on public.memberships
	for each row execute function private.check_authorized_contacts();

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

revoke execute on function public.create_invitation(uuid, text, int, int), public.join_organisation(text) from public, anon;
grant execute on function public.create_invitation(uuid, text, int, int), public.join_organisation(text) to authenticated, service_role;
