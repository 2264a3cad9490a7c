-- Tickets, their messages (public replies and internal notes), an append-only event log from which
-- the SLA state can be rebuilt, attachments in a private Storage bucket under the organisation's
-- folder, and ITIL problems. Customers and staff only read these tables; every change goes through
-- the RPCs at the end, which check who may do what and keep the status machine.

create table public.problems (
	id uuid primary key default gen_random_uuid(),
	title text not null check (char_length(title) between 3 and 200),
	description text not null default '' check (char_length(description) <= 20000),
	status text not null default 'open' check (status in ('open', 'known_error', 'resolved')),
	-- Slug of the knowledge-base article that documents the known error, e.g. base-de-conocimiento/indice-desactualizado
	kb_article text check (kb_article ~ '^[a-z0-9/-]+$'),
	created_by uuid references public.profiles (id) on delete set null,
	created_at timestamptz not null default now(),
	resolved_at timestamptz,
	check ((status = 'resolved') = (resolved_at is not null))
);
create index problems_created_by on public.problems (created_by);

create sequence public.ticket_number_seq start 1001;

create table public.tickets (
	id uuid primary key default gen_random_uuid(),
	-- What people say on the phone: "el ticket 1042".
	number bigint not null unique default nextval('public.ticket_number_seq'),
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	requester_id uuid not null references public.profiles (id),
	programme_id text not null,
	plan_id text not null,
	severity_key text not null,
	subject text not null check (char_length(subject) between 3 and 200),
	description text not null check (char_length(description) between 1 and 20000),
	-- Who and what the problem stops, in the customer's words.
	impact text check (char_length(impact) <= 2000),
	environment text not null check (environment in ('production', 'test')),
	product_id text references public.products (id),
	version text,
	steps text check (char_length(steps) <= 20000),
	affected_user text check (char_length(affected_user) <= 200),
	-- Slug of the article the ticket was filed from.
	source_article text check (source_article ~ '^[a-z0-9/-]+$'),
	channel text not null default 'web' check (channel in ('web', 'email', 'phone', 'chat')),
	status text not null default 'new' check (status in ('new', 'open', 'pending_customer', 'resolved', 'closed')),
	level int not null default 1 check (level in (1, 2)),
	assignee_id uuid references public.staff (user_id) on delete set null,
	problem_id uuid references public.problems (id) on delete set null,
	idempotency_key text check (char_length(idempotency_key) between 8 and 100),
	-- SLA: due times computed by the engine in business time, first response, pauses, breaches.
	first_response_due_at timestamptz,
	next_update_due_at timestamptz,
	next_escalation_due_at timestamptz,
	resolution_due_at timestamptz,
	first_response_at timestamptz,
	paused_since timestamptz,
	paused_seconds bigint not null default 0 check (paused_seconds >= 0),
	-- Each breach is stamped with the deadline that was missed, not with when a job noticed.
	first_response_breached_at timestamptz,
	update_breached_at timestamptz,
	escalation_breached_at timestamptz,
	resolution_breached_at timestamptz,
	last_customer_message_at timestamptz,
	resolved_at timestamptz,
	closed_at timestamptz,
	close_reason text check (close_reason in ('confirmed_by_customer', 'no_customer_reply', 'staff')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	unique (requester_id, idempotency_key),
	foreign key (programme_id, plan_id) references public.plans (programme_id, id),
	foreign key (programme_id, severity_key) references public.severities (programme_id, key),
	foreign key (product_id, version) references public.product_versions (product_id, version),
	check ((status = 'closed') = (close_reason is not null and closed_at is not null)),
	check ((status in ('pending_customer', 'resolved')) = (paused_since is not null))
);
create index tickets_organisation on public.tickets (organisation_id, created_at desc);
create index tickets_requester on public.tickets (requester_id);
create index tickets_assignee on public.tickets (assignee_id);
create index tickets_problem on public.tickets (problem_id);
create index tickets_plan on public.tickets (programme_id, plan_id);
create index tickets_severity on public.tickets (programme_id, severity_key);
create index tickets_product_version on public.tickets (product_id, version);
create index tickets_open_due on public.tickets (first_response_due_at) where status <> 'closed';

create table public.ticket_messages (
	id uuid primary key default gen_random_uuid(),
	ticket_id uuid not null references public.tickets (id) on delete cascade,
	-- null: written by the system (auto-close notices and the like)
	author_id uuid references public.profiles (id) on delete set null,
	visibility text not null default 'public' check (visibility in ('public', 'internal')),
	body text not null check (char_length(body) between 1 and 20000),
	created_at timestamptz not null default now()
);
create index ticket_messages_ticket on public.ticket_messages (ticket_id, created_at);
create index ticket_messages_author on public.ticket_messages (author_id);

create table public.ticket_attachments (
	id uuid primary key default gen_random_uuid(),
	ticket_id uuid not null references public.tickets (id) on delete cascade,
	message_id uuid references public.ticket_messages (id) on delete cascade,
	-- Object name in the `attachments` bucket: <organisation id>/<ticket id>/<file>, or
	-- <organisation id>/internal/<ticket id>/<file> for staff-only files.
	storage_path text not null unique,
	file_name text not null check (char_length(file_name) between 1 and 255),
	mime_type text not null,
	size_bytes bigint not null check (size_bytes between 0 and 26214400),
	visibility text not null default 'public' check (visibility in ('public', 'internal')),
	uploaded_by uuid references public.profiles (id) on delete set null,
	created_at timestamptz not null default now()
);
create index ticket_attachments_ticket on public.ticket_attachments (ticket_id);
create index ticket_attachments_message on public.ticket_attachments (message_id);
create index ticket_attachments_uploaded_by on public.ticket_attachments (uploaded_by);

-- Every change to a ticket, in order. Append-only: never updated, never deleted.
create table public.ticket_events (
	id bigint generated always as identity primary key,
	ticket_id uuid not null references public.tickets (id) on delete cascade,
	actor_id uuid references public.profiles (id) on delete set null,
	actor_kind text not null check (actor_kind in ('customer', 'staff', 'system')),
	-- created, status_changed, severity_changed, level_changed, assigned, problem_linked,
	-- message_added, due_times_set, breached, …
	kind text not null check (kind ~ '^[a-z_]+$'),
	data jsonb not null default '{}',
	visibility text not null default 'public' check (visibility in ('public', 'internal')),
	at timestamptz not null default now()
);
create index ticket_events_ticket on public.ticket_events (ticket_id, id);
create index ticket_events_actor on public.ticket_events (actor_id);

alter table public.problems enable row level security;
alter table public.tickets enable row level security;
alter table public.ticket_messages enable row level security;
alter table public.ticket_attachments enable row level security;
alter table public.ticket_events enable row level security;

-- Policies: read only; writes go through the RPCs below. ----------------------------------------

create policy "Staff see problems" on public.problems for select to authenticated using ((select private.is_staff()));

create policy "Members see their organisations' tickets, staff see all"
	on public.tickets for select to authenticated
	using (organisation_id in (select private.my_organisations()) or (select private.is_staff()));

create policy "Members see public messages of their organisations' tickets, staff see all"
	on public.ticket_messages for select to authenticated
	using (
		(select private.is_staff())
		or (visibility = 'public' and ticket_id in (select id from public.tickets where organisation_id in (select private.my_organisations())))
	);

create policy "Members see public attachments of their organisations' tickets, staff see all"
	on public.ticket_attachments for select to authenticated
	using (
		(select private.is_staff())
		or (visibility = 'public' and ticket_id in (select id from public.tickets where organisation_id in (select private.my_organisations())))
	);

create policy "Members see the public history of their organisations' tickets, staff see all"
	on public.ticket_events for select to authenticated
	using (
		(select private.is_staff())
		or (visibility = 'public' and ticket_id in (select id from public.tickets where organisation_id in (select private.my_organisations())))
	);

revoke all on public.problems, public.tickets, public.ticket_messages, public.ticket_attachments, public.ticket_events from anon;
revoke insert, update, delete, truncate on public.problems, public.tickets, public.ticket_messages, public.ticket_attachments, public.ticket_events from authenticated;
revoke usage, select, update on sequence public.ticket_number_seq from anon, authenticated;

-- The event log and the status machine ------------------------------------------------------------

create function private.forbid_change() returns trigger language plpgsql set search_path = '' as $$
begin
	perform private.fail('append_only', format('%s is append-only', tg_table_name), '42501');
	return null;
end $$;
create trigger ticket_events_append_only before update or delete on public.ticket_events
	for each row execute function private.forbid_change();
-- TRUNCATE fires no row trigger: refuse it too, or the whole log could be wiped in one statement.
create trigger ticket_events_no_truncate before truncate on public.ticket_events
	for each statement execute function private.forbid_change();

create function private.actor_kind() returns text language sql stable security definer set search_path = '' as $$
	select case
		when (select auth.uid()) is null then 'system'
		when exists (select 1 from public.staff where user_id = (select auth.uid())) then 'staff'
		else 'customer'
	end
$$;

-- The acting person is the signed-in caller, or, when the service role acts for a customer (the
-- tickets function creating their ticket), the one it names in mostrador.acting_for.
create function private.log_event(ticket uuid, kind text, data jsonb default '{}', visibility text default 'public') returns void
language sql security definer set search_path = '' as $$
	insert into public.ticket_events (ticket_id, actor_id, actor_kind, kind, data, visibility)
	select ticket, coalesce((select auth.uid()), acting_for), case when acting_for is not null and (select auth.uid()) is null then 'customer' else private.actor_kind() end, kind, data, visibility
	from (select nullif(current_setting('mostrador.acting_for', true), '')::uuid as acting_for) a
$$;
-- Only the triggers (security definer, as the owner) write events: functions are executable by PUBLIC
-- by default, and this one would let any caller write any event into any ticket's history.
revoke execute on function private.log_event(uuid, text, jsonb, text) from public;

-- Which status may follow which: a resolved ticket reopens or closes, a closed one stays closed.
create function private.status_transition_allowed(from_status text, to_status text) returns boolean
language sql immutable set search_path = '' as $$
	select (from_status, to_status) in (
		('new', 'open'), ('new', 'pending_customer'), ('new', 'resolved'), ('new', 'closed'),
		('open', 'pending_customer'), ('open', 'resolved'), ('open', 'closed'),
		('pending_customer', 'open'), ('pending_customer', 'resolved'), ('pending_customer', 'closed'),
		('resolved', 'open'), ('resolved', 'closed')
	)
$$;

-- Keeps the status machine, the SLA pause clock and the timestamps, whoever updates the row.
create function private.ticket_before_update() returns trigger language plpgsql set search_path = '' as $$
declare waiting boolean;
begin
	new.updated_at := now();
	if new.status is distinct from old.status then
		if not private.status_transition_allowed(old.status, new.status) then
			perform private.fail('invalid_status_transition', format('A ticket cannot go from %s to %s.', old.status, new.status));
		end if;
		-- The clock stops while the ticket waits on the customer (a question, or a solution to confirm).
		waiting := new.status in ('pending_customer', 'resolved');
		if waiting and old.paused_since is null then
			new.paused_since := now();
		elsif not waiting and old.paused_since is not null then
			new.paused_seconds := old.paused_seconds + floor(extract(epoch from now() - old.paused_since))::bigint;
			new.paused_since := null;
		end if;
		if new.status = 'resolved' then new.resolved_at := now(); end if;
		if new.status = 'open' and old.status = 'resolved' then new.resolved_at := null; end if;
		if new.status = 'closed' then new.closed_at := now(); end if;
	end if;
	return new;
end $$;
create trigger tickets_before_update before update on public.tickets for each row execute function private.ticket_before_update();

-- Every change of a tracked field becomes an event, with its old and new value.
create function private.ticket_after_write() returns trigger language plpgsql security definer set search_path = '' as $$
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
		perform private.log_event(new.id, 'level_changed', jsonb_build_object('from', old.level, 'to', new.level));
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
create trigger tickets_after_write after insert or update on public.tickets for each row execute function private.ticket_after_write();

create function private.message_after_insert() returns trigger language plpgsql security definer set search_path = '' as $$
begin
	perform private.log_event(new.ticket_id, 'message_added', jsonb_build_object('message', new.id, 'visibility', new.visibility), new.visibility);
	return new;
end $$;
create trigger ticket_messages_after_insert after insert on public.ticket_messages for each row execute function private.message_after_insert();

-- Storage: attachments live in a private bucket, under the organisation's folder. -----------------

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('attachments', 'attachments', false, 26214400, array[
	'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/csv', 'application/zip',
	'video/mp4', 'video/webm', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/json', 'application/xml'
])
on conflict (id) do nothing;

create policy "Members read their organisation's public attachments, staff read all"
	on storage.objects for select to authenticated
	using (
		bucket_id = 'attachments' and (
			(select private.is_staff())
			or ((storage.foldername(name))[1] in (select o::text from private.my_organisations() o) and (storage.foldername(name))[2] <> 'internal')
		)
	);
create policy "Members upload into their organisation's folder, staff anywhere"
	on storage.objects for insert to authenticated
	with check (
		bucket_id = 'attachments' and (
			(select private.is_staff())
			or ((storage.foldername(name))[1] in (select o::text from private.my_organisations() o) and (storage.foldername(name))[2] <> 'internal')
		)
	);
create policy "Staff delete attachments"
	on storage.objects for delete to authenticated
	using (bucket_id = 'attachments' and (select private.is_staff()));

-- RPCs --------------------------------------------------------------------------------------------

-- The ticket, locked, if the caller may act on it; "not found" otherwise, so a ticket of another
-- organisation is indistinguishable from one that does not exist.
create function private.ticket_for_update(ticket uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	select * into t from public.tickets where id = ticket for update;
	if not found or not (private.is_staff() or private.is_member(t.organisation_id) or (select auth.role()) is not distinct from 'service_role') then
		perform private.fail('ticket_not_found', 'There is no such ticket, or it belongs to another organisation.', 'P0002');
	end if;
	return t;
end $$;

create function private.require_staff() returns void language plpgsql security definer set search_path = '' as $$
begin
	if not private.is_staff() then perform private.fail('staff_only', 'Only support staff can do this.', '42501'); end if;
end $$;

-- Creates a ticket for a requester, with its first message (the description), attachments and due times, in one
-- transaction. Called by the `tickets` edge function (service role) after it has verified the caller
-- and computed the SLA targets; it re-checks membership, authorized contact, contract and quota.
-- A retried call with the same idempotency key returns the ticket created the first time.
create function public.create_ticket(ticket jsonb) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare
	requester uuid := (ticket ->> 'requester_id')::uuid;
	org public.organisations;
	pl public.plans;
	prog public.programmes;
	existing public.tickets;
	created public.tickets;
	month_start timestamptz;
	used int;
	att jsonb;
	first_message uuid;
begin
	if (select auth.role()) is distinct from 'service_role' then
		perform private.fail('service_role_only', 'Tickets are created through the tickets function.', '42501');
	end if;
	if requester is null then perform private.fail('requester_required'); end if;
	if ticket ->> 'idempotency_key' is not null then
		select * into existing from public.tickets where requester_id = requester and idempotency_key = ticket ->> 'idempotency_key';
		if found then return existing; end if;
	end if;
	select * into org from public.organisations where id = (ticket ->> 'organisation_id')::uuid for update;
	if not found then perform private.fail('organisation_not_found'); end if;
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
		perform private.fail('invalid_severity');
	end if;
	perform set_config('mostrador.acting_for', requester::text, true);
	insert into public.tickets (
		organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, impact, environment,
		product_id, version, steps, affected_user, source_article, channel, idempotency_key,
		first_response_due_at, next_update_due_at, next_escalation_due_at, resolution_due_at
	) values (
		org.id, requester, org.programme_id, org.plan_id, ticket ->> 'severity', ticket ->> 'subject', ticket ->> 'description',
		ticket ->> 'impact', coalesce(ticket ->> 'environment', 'production'), ticket ->> 'product_id', ticket ->> 'version',
		ticket ->> 'steps', ticket ->> 'affected_user', ticket ->> 'source_article', coalesce(ticket ->> 'channel', 'web'),
		ticket ->> 'idempotency_key', (ticket ->> 'first_response_due_at')::timestamptz, (ticket ->> 'next_update_due_at')::timestamptz,
		(ticket ->> 'next_escalation_due_at')::timestamptz, (ticket ->> 'resolution_due_at')::timestamptz
	) returning * into created;
	update public.tickets set last_customer_message_at = created.created_at where id = created.id returning * into created;
	-- The description opens the public thread, so the thread reads the same from its first message on.
	insert into public.ticket_messages (ticket_id, author_id, body) values (created.id, requester, created.description) returning id into first_message;
	for att in select * from jsonb_array_elements(coalesce(ticket -> 'attachments', '[]')) loop
		if split_part(att ->> 'storage_path', '/', 1) <> org.id::text or split_part(att ->> 'storage_path', '/', 2) = 'internal' then
			perform private.fail('attachment_outside_folder', 'Attachments go under the organisation''s folder.');
		end if;
		insert into public.ticket_attachments (ticket_id, message_id, storage_path, file_name, mime_type, size_bytes, uploaded_by)
		values (created.id, first_message, att ->> 'storage_path', att ->> 'file_name', att ->> 'mime_type', (att ->> 'size_bytes')::bigint, requester);
	end loop;
	perform set_config('mostrador.acting_for', '', true);
	return created;
end $$;

-- A reply. Customers (any member of the organisation) write public replies; a reply to a ticket
-- waiting on them puts it back in the queue. Staff write public replies or internal notes; the first
-- public staff reply is the first response.
create function public.reply_to_ticket(ticket uuid, body text, internal boolean default false) returns public.ticket_messages
language plpgsql security definer set search_path = '' as $$
declare
	t public.tickets := private.ticket_for_update(ticket);
	staff boolean := private.is_staff();
	m public.ticket_messages;
begin
	if t.status = 'closed' then perform private.fail('ticket_closed', 'A closed ticket takes no more replies; open a new one.'); end if;
	if internal and not staff then perform private.fail('staff_only', 'Only support staff write internal notes.', '42501'); end if;
	insert into public.ticket_messages (ticket_id, author_id, visibility, body)
	values (t.id, (select auth.uid()), case when internal then 'internal' else 'public' end, body) returning * into m;
	if not staff then
		update public.tickets set last_customer_message_at = now(),
			status = case when status in ('pending_customer', 'resolved') then 'open' else status end
		where id = t.id;
	elsif not internal then
		update public.tickets set
			first_response_at = coalesce(first_response_at, now()),
			status = case when status = 'new' then 'open' else status end
		where id = t.id;
	end if;
	return m;
end $$;

-- Staff ask the customer for information: a public message, and the ticket waits on the customer.
create function public.request_customer_info(ticket uuid, body text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	perform private.require_staff();
	perform public.reply_to_ticket(ticket, body, false);
	update public.tickets set status = 'pending_customer' where id = ticket returning * into t;
	return t;
end $$;

-- Staff propose a solution; the ticket waits for the customer to confirm it.
create function public.resolve_ticket(ticket uuid, body text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	perform private.require_staff();
	perform public.reply_to_ticket(ticket, body, false);
	update public.tickets set status = 'resolved' where id = ticket returning * into t;
	return t;
end $$;

-- The customer confirms the solution and the ticket closes.
create function public.confirm_resolution(ticket uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets := private.ticket_for_update(ticket);
begin
	if private.is_staff() or not private.is_member(t.organisation_id) then
		perform private.fail('customer_only', 'The customer confirms the solution.', '42501');
	end if;
	if t.status <> 'resolved' then perform private.fail('not_resolved', 'Only a resolved ticket can be confirmed.'); end if;
	update public.tickets set status = 'closed', close_reason = 'confirmed_by_customer' where id = ticket returning * into t;
	return t;
end $$;

-- The customer says the solution did not work: back to the queue, with their reason.
create function public.reopen_ticket(ticket uuid, body text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets := private.ticket_for_update(ticket);
begin
	if private.is_staff() or not private.is_member(t.organisation_id) then
		perform private.fail('customer_only', 'The customer reopens a ticket.', '42501');
	end if;
	if t.status <> 'resolved' then perform private.fail('not_resolved', 'Only a resolved ticket can be reopened.'); end if;
	insert into public.ticket_messages (ticket_id, author_id, body) values (ticket, (select auth.uid()), body);
	update public.tickets set status = 'open', last_customer_message_at = now() where id = ticket returning * into t;
	return t;
end $$;

-- Staff close a ticket without the customer's confirmation.
create function public.close_ticket(ticket uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	perform private.require_staff();
	t := private.ticket_for_update(ticket);
	-- closed → closed is no transition, so the trigger would let close_reason be rewritten unlogged.
	if t.status = 'closed' then perform private.fail('ticket_closed'); end if;
	update public.tickets set status = 'closed', close_reason = 'staff' where id = ticket returning * into t;
	return t;
end $$;

create function public.assign_ticket(ticket uuid, assignee uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	perform private.require_staff();
	perform private.ticket_for_update(ticket);
	if assignee is not null and not exists (select 1 from public.staff where user_id = assignee) then
		perform private.fail('assignee_not_staff', 'Tickets are assigned to support staff.');
	end if;
	update public.tickets set assignee_id = assignee where id = ticket returning * into t;
	return t;
end $$;

-- Changes the severity. The SLA engine recomputes due times from the event log afterwards.
create function public.change_severity(ticket uuid, severity text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	perform private.require_staff();
	t := private.ticket_for_update(ticket);
	if t.status = 'closed' then perform private.fail('ticket_closed'); end if;
	if not exists (select 1 from public.severities where programme_id = t.programme_id and key = severity) then
		perform private.fail('invalid_severity');
	end if;
	update public.tickets set severity_key = severity where id = ticket returning * into t;
	return t;
end $$;

create function public.change_level(ticket uuid, level int) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	perform private.require_staff();
	t := private.ticket_for_update(ticket);
	if level not in (1, 2) then perform private.fail('invalid_level'); end if;
	update public.tickets set level = change_level.level where id = ticket returning * into t;
	return t;
end $$;

create function public.create_problem(title text, description text default '', kb_article text default null) returns public.problems
language plpgsql security definer set search_path = '' as $$
declare p public.problems;
begin
	perform private.require_staff();
	insert into public.problems (title, description, kb_article, created_by)
	values (title, coalesce(description, ''), kb_article, (select auth.uid())) returning * into p;
	return p;
end $$;

create function public.link_problem(ticket uuid, problem uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	perform private.require_staff();
	perform private.ticket_for_update(ticket);
	if problem is not null and not exists (select 1 from public.problems where id = problem) then
		perform private.fail('problem_not_found');
	end if;
	update public.tickets set problem_id = problem where id = ticket returning * into t;
	return t;
end $$;

-- Records the known error of a problem (and the KB article that documents it).
create function public.record_known_error(problem uuid, kb_article text) returns public.problems
language plpgsql security definer set search_path = '' as $$
declare p public.problems;
begin
	perform private.require_staff();
	update public.problems set status = 'known_error', kb_article = record_known_error.kb_article
	where id = problem and status <> 'resolved' returning * into p;
	if not found then perform private.fail('problem_not_found'); end if;
	return p;
end $$;

revoke execute on function
	public.create_ticket(jsonb), public.reply_to_ticket(uuid, text, boolean), public.request_customer_info(uuid, text),
	public.resolve_ticket(uuid, text), public.confirm_resolution(uuid), public.reopen_ticket(uuid, text), public.close_ticket(uuid),
	public.assign_ticket(uuid, uuid), public.change_severity(uuid, text), public.change_level(uuid, int),
	public.create_problem(text, text, text), public.link_problem(uuid, uuid), public.record_known_error(uuid, text)
from public, anon;
revoke execute on function public.create_ticket(jsonb) from authenticated;
grant execute on function public.create_ticket(jsonb) to service_role;
grant execute on function
	public.reply_to_ticket(uuid, text, boolean), public.request_customer_info(uuid, text), public.resolve_ticket(uuid, text),
	public.confirm_resolution(uuid), public.reopen_ticket(uuid, text), public.close_ticket(uuid), public.assign_ticket(uuid, uuid),
	public.change_severity(uuid, text), public.change_level(uuid, int), public.create_problem(text, text, text),
	public.link_problem(uuid, uuid), public.record_known_error(uuid, text)
to authenticated, service_role;
