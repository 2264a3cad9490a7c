-- Publishing and organisations for the support team (/admin/): registering download items, telling
-- the organisations an alert concerns (and that it is resolved), and the organisation tools (create
-- one with its plan and contract, revoke invitation codes, set who may open tickets, add and remove
-- members: memberships and invitations change only through these functions and the identity
-- migration's join_organisation and create_invitation). Same conventions as the identity and tickets
-- migrations: writes through security-definer RPCs that check who calls and raise stable codes;
-- tables readable under RLS; grants explicit at the end.

create function private.require_admin() returns void language plpgsql security definer set search_path = '' as $$
begin
	if not private.is_admin() then perform private.fail('admin_only', 'Only administrators can do this.', '42501'); end if;
end $$;
revoke all on function private.require_admin() from public;
grant execute on function private.require_admin() to anon, authenticated, service_role;

-- Download items ------------------------------------------------------------------------------------

-- Registers an item of the download catalogue; its versions are published with
-- publish_download_version (through the publish-download function, which checks the file's sha256).
create function public.create_download_item(slug text, name text, kind text, visibility text, product text default null, description text default '')
returns public.download_items language plpgsql security definer set search_path = '' as $$
declare
	i public.download_items;
	clean_slug text := lower(trim(slug));
	clean_name text := trim(name);
begin
	perform private.require_staff();
	if clean_slug is null or clean_slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$' or char_length(clean_slug) > 100 then
		perform private.fail('invalid_slug', 'Lower-case letters, digits and dashes, e.g. "quetzal-docs-servidor".');
	end if;
	if clean_name is null or char_length(clean_name) not between 1 and 200 then perform private.fail('invalid_name', 'A name of 1 to 200 characters.'); end if;
	if kind is null or kind not in ('software', 'document', 'tool') then perform private.fail('invalid_kind'); end if;
	if visibility is null or visibility not in ('public', 'members', 'contract') then perform private.fail('invalid_visibility'); end if;
	if product is not null and not exists (select 1 from public.products p where p.id = product) then
		perform private.fail('product_not_found', null, 'PT404');
	end if;
	if char_length(coalesce(description, '')) > 5000 then perform private.fail('invalid_description', 'At most 5000 characters.'); end if;
	if exists (select 1 from public.download_items d where d.slug = clean_slug) then
		perform private.fail('download_slug_taken', 'Another item already has this slug.');
	end if;
	insert into public.download_items (slug, name, kind, visibility, product_id, description)
	values (clean_slug, clean_name, kind, visibility, product, trim(coalesce(description, '')))
	returning * into i;
	return i;
end $$;

-- Alert notifications -------------------------------------------------------------------------------

-- Each time the team tells organisations about a technical alert (an article of type alert in the
-- docs) or that it is resolved: which article, to whom, and how many people were queued an e-mail.
create table public.alert_notices (
	id uuid primary key default gen_random_uuid(),
	article_slug text not null check (article_slug ~ '^[a-z0-9/-]+$'),
	state text not null check (state in ('published', 'resolved')),
	severity text not null check (severity in ('critical', 'high', 'medium', 'low')),
	product_id text references public.products (id),
	versions text[] not null default '{}',
	-- chosen: organisations picked by hand; affected: found by the product and versions
	audience text not null check (audience in ('chosen', 'affected')),
	organisation_ids uuid[] not null,
	-- People queued an e-mail by this notice (not counting those already told about this state).
	recipients int not null check (recipients >= 0),
	sent_by uuid references public.profiles (id) on delete set null,
	sent_at timestamptz not null default now()
);
create index alert_notices_article on public.alert_notices (article_slug, sent_at desc);
create index alert_notices_product on public.alert_notices (product_id);
create index alert_notices_sent_by on public.alert_notices (sent_by);
alter table public.alert_notices enable row level security;
create policy "Staff see the alert notices"
	on public.alert_notices for select to authenticated using ((select private.is_staff()));
revoke all on public.alert_notices from anon;
revoke insert, update, delete, truncate, trigger, references on public.alert_notices from authenticated;

-- The organisations an alert concerns: those with a ticket about the product in one of the versions,
-- or whose people downloaded a version of one of the product's items in those versions ("5.1.2"
-- counts for "5.1"). No versions: any version of the product.
create function private.organisations_affected(product text, versions text[]) returns setof uuid
language sql stable security definer set search_path = '' as $$
	select o.id from public.organisations o
	where exists (
		select 1 from public.tickets t
		where t.organisation_id = o.id and t.product_id = product
			and (cardinality(versions) = 0 or t.version = any (versions))
	) or exists (
		select 1 from public.download_log l
		join public.download_versions dv on dv.id = l.version_id
		join public.download_items di on di.id = dv.item_id
		join public.memberships m on m.user_id = l.user_id and m.organisation_id = o.id
		where di.product_id = product
			and (cardinality(versions) = 0 or exists (select 1 from unnest(versions) v where dv.version = v or dv.version like v || '.%'))
	)
$$;
revoke all on function private.organisations_affected(text, text[]) from public;
grant execute on function private.organisations_affected(text, text[]) to authenticated, service_role;

-- Queues the alert_published e-mail (supabase/functions/_shared/email/templates.ts) for every member
-- of the organisations named, or, with none named, of those the alert's product and versions concern;
-- `resolved` tells them the alert no longer applies. Each person is told once per alert and state.
create function public.publish_alert_notification(
	article text,
	title text,
	severity text,
	product text default null,
	versions text[] default '{}',
	organisation_ids uuid[] default null,
	resolved boolean default false,
	title_en text default null
) returns public.alert_notices
language plpgsql security definer set search_path = '' as $$
declare
	notice public.alert_notices;
	targets uuid[];
	wanted text[] := coalesce(versions, '{}');
	state text := case when coalesce(resolved, false) then 'resolved' else 'published' end;
	product_name text;
	queued int;
begin
	perform private.require_staff();
	if article is null or article !~ '^[a-z0-9]+(/[a-z0-9-]+)*$' then perform private.fail('invalid_article', 'The slug of an alert article, e.g. alertas/rotacion-certificado.'); end if;
	if title is null or char_length(trim(title)) not between 1 and 300 then perform private.fail('invalid_title'); end if;
	if title_en is not null and char_length(trim(title_en)) not between 1 and 300 then perform private.fail('invalid_title'); end if;
	if severity is null or severity not in ('critical', 'high', 'medium', 'low') then perform private.fail('invalid_severity'); end if;
	if product is not null then
		select p.name into product_name from public.products p where p.id = product;
		if not found then perform private.fail('product_not_found', null, 'PT404'); end if;
	end if;
	if exists (select 1 from unnest(wanted) v where v is null or v !~ '^\d+\.\d+(\.\d+)?$') then perform private.fail('invalid_versions'); end if;

	if organisation_ids is not null and cardinality(organisation_ids) > 0 then
		select array_agg(distinct o.id) into targets from public.organisations o where o.id = any (organisation_ids);
		if coalesce(cardinality(targets), 0) <> (select count(distinct x) from unnest(organisation_ids) x) then
			perform private.fail('organisation_not_found', 'One of the organisations does not exist.', 'PT404');
		end if;
	else
		if product is null then perform private.fail('audience_required', 'Name the organisations, or the product whose users should be told.'); end if;
		select array_agg(a) into targets from private.organisations_affected(product, wanted) a;
		if targets is null then perform private.fail('no_affected_organisations', 'No organisation has tickets or downloads of this product in these versions.'); end if;
	end if;

	insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
	select 'alert_published', pr.id, pr.locale,
		jsonb_build_object(
			'article', article,
			'title', case when title_en is null then to_jsonb(trim(title)) else jsonb_build_object('es', trim(title), 'en', trim(title_en)) end,
			'severity', severity,
			'state', state,
			'product', product_name,
			'versions', to_jsonb(wanted)
		),
		'alert_published:' || article || ':' || state || ':' || pr.id
	from public.profiles pr
	where pr.id in (select m.user_id from public.memberships m where m.organisation_id = any (targets))
	on conflict (dedupe_key) do nothing;
	get diagnostics queued = row_count;

	insert into public.alert_notices (article_slug, state, severity, product_id, versions, audience, organisation_ids, recipients, sent_by)
	values (
		article, state, severity, product, wanted,
		case when organisation_ids is not null and cardinality(organisation_ids) > 0 then 'chosen' else 'affected' end,
		targets, queued, (select auth.uid())
	)
	returning * into notice;
	return notice;
end $$;

-- Organisations ------------------------------------------------------------------------------------

-- Creates a customer organisation on a plan of a programme with its contract dates (admins). The
-- time zone defaults to the programme's; a second organisation with the same name is refused, which
-- also keeps a double submit from creating two.
create function public.create_organisation(name text, programme text, plan text, contract_start date, contract_end date default null, timezone text default null)
returns public.organisations language plpgsql security definer set search_path = '' as $$
declare
	o public.organisations;
	clean_name text := trim(name);
	zone text := nullif(trim(timezone), '');
begin
	perform private.require_admin();
	if clean_name is null or char_length(clean_name) not between 1 and 200 then perform private.fail('invalid_name', 'A name of 1 to 200 characters.'); end if;
	if not exists (select 1 from public.plans p where p.programme_id = programme and p.id = plan) then
		perform private.fail('plan_not_found', 'The programme has no such plan.', 'PT404');
	end if;
	if contract_start is null then perform private.fail('contract_start_required'); end if;
	if contract_end is not null and contract_end < contract_start then
		perform private.fail('invalid_contract_dates', 'The contract cannot end before it starts.');
	end if;
	if zone is null then select p.timezone into zone from public.programmes p where p.id = programme; end if;
	if not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = zone) then
		perform private.fail('invalid_timezone', 'An IANA time zone, e.g. America/Mexico_City.');
	end if;
	if exists (select 1 from public.organisations x where lower(x.name) = lower(clean_name)) then
		perform private.fail('organisation_exists', 'An organisation with this name exists.');
	end if;
	insert into public.organisations (name, programme_id, plan_id, contract_start, contract_end, timezone)
	values (clean_name, programme, plan, contract_start, contract_end, zone)
	returning * into o;
	return o;
end $$;

-- Revokes an invitation code (admins, or the organisation's coordinators); revoking twice is harmless.
-- An invitation the caller may not manage is "not found", like one that does not exist. It answers
-- with the invitation, never with its code's hash (a function's result is not held to column
-- privileges).
create function public.revoke_invitation(invitation uuid) returns public.invitations
language plpgsql security definer set search_path = '' as $$
declare inv public.invitations;
begin
	if (select auth.uid()) is null then perform private.fail('not_signed_in', null, '42501'); end if;
	select * into inv from public.invitations i where i.id = invitation for update;
	if not found or not (private.is_admin() or private.member_role(inv.organisation_id) is not distinct from 'coordinator') then
		perform private.fail('invitation_not_found', 'No invitation of yours has this id.', 'PT404');
	end if;
	if inv.revoked_at is null then
		update public.invitations set revoked_at = now() where id = inv.id returning * into inv;
	end if;
	inv.code_hash := null;
	return inv;
end $$;

-- Sets a member's role (admins, or the organisation's coordinators). The plan's limit on people who
-- may open tickets is kept by the memberships trigger (authorized_contacts_limit). Coordinators manage
-- members and authorized contacts; only an admin makes or unmakes a coordinator.
create function public.set_membership_role(organisation uuid, member uuid, role text) returns public.memberships
language plpgsql security definer set search_path = '' as $$
declare m public.memberships;
begin
	if (select auth.uid()) is null then perform private.fail('not_signed_in', null, '42501'); end if;
	if not (private.is_admin() or private.member_role(organisation) is not distinct from 'coordinator') then
		perform private.fail('not_allowed', 'Only admins and the organisation''s coordinators change roles.', '42501');
	end if;
	if role is null or role not in ('member', 'authorized_contact', 'coordinator') then perform private.fail('invalid_role'); end if;
	select * into m from public.memberships x where x.organisation_id = organisation and x.user_id = member for update;
	if not found then perform private.fail('membership_not_found', 'This person is not a member of the organisation.', 'PT404'); end if;
	if not private.is_admin() and 'coordinator' in (role, m.role) then
		perform private.fail('coordinator_role_admin_only', 'Only an admin makes or unmakes a coordinator.', '42501');
	end if;
	if m.role is distinct from role then
		update public.memberships x set role = set_membership_role.role
		where x.organisation_id = organisation and x.user_id = member returning * into m;
	end if;
	return m;
end $$;

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
		perform private.fail('membership_not_found', 'This person is not a member of the organisation.', 'PT404');
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
		perform private.fail('organisation_not_found', null, 'PT404');
	end if;
	person := (private.profile_by_email(add_member.email)).id;
	if person is null then
		perform private.fail('person_not_found', 'Nobody has an account with this e-mail; send them an invitation code.', 'PT404', 'email');
	end if;
	select * into m from public.memberships x where x.organisation_id = organisation and x.user_id = person;
	if found then return m; end if;
	insert into public.memberships (organisation_id, user_id, role) values (organisation, person, add_member.role) returning * into m;
	return m;
end $$;

revoke execute on function
	public.create_download_item(text, text, text, text, text, text),
	public.publish_alert_notification(text, text, text, text, text[], uuid[], boolean, text),
	public.create_organisation(text, text, text, date, date, text),
	public.revoke_invitation(uuid),
	public.set_membership_role(uuid, uuid, text),
	public.remove_member(uuid, uuid),
	public.add_member(uuid, text, text)
from public, anon;
grant execute on function
	public.create_download_item(text, text, text, text, text, text),
	public.publish_alert_notification(text, text, text, text, text[], uuid[], boolean, text),
	public.create_organisation(text, text, text, date, date, text),
	public.revoke_invitation(uuid),
	public.set_membership_role(uuid, uuid, text),
	public.remove_member(uuid, uuid),
	public.add_member(uuid, text, text)
to authenticated, service_role;
