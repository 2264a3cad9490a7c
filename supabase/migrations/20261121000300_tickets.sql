-- Tickets, their messages (public replies and internal notes), an append-only event log from which
-- the SLA state can be rebuilt, attachments in a private Storage bucket under the organisation's
-- folder, and ITIL problems. Customers and staff only read these tables; every change goes through
-- the RPCs at the end, which check who may do what and keep the status machine.
--
-- The staff-only fields of a ticket (assignee_id, level, problem_id, the facts the event log keeps
-- internal) are withheld from `authenticated` by COLUMN privileges. Why columns rather than a customer
-- view: RLS decides rows and customers and staff share the role, so a view over a table customers can
-- still read would hide nothing, and a view that reads past RLS is a security-definer view (the
-- advisor's error). Staff read the three fields through agent_queue (the agent migration), which takes
-- them from ticket_staff_fields, a staff-only projection of them. Every other column is granted by
-- name: a column added later is invisible to the API until a migration grants it. Functions a
-- customer may call that return a ticket row blank the three fields (private.customer_ticket), and the
-- reply token, which only the service role reads (the e-mail channel).

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
	-- The sub-address of the ticket's reply address (soporte+t<token>@domain, _shared/email/addresses.ts):
	-- unguessable, so a mail to it can only come from someone who received one of the ticket's mails.
	-- Readable by the service role only (not in the column grant below).
	reply_token text not null unique default encode(extensions.gen_random_bytes(16), 'hex') check (reply_token ~ '^[a-f0-9]{32}$'),
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
	-- For the SLA sweep (the sla_enforcement migration): a change that moves an SLA clock flags the
	-- ticket; sla_next_check_at says when the sweep must look at it next even when nothing changes (a
	-- deadline, an auto-close reminder, an auto-close).
	sla_dirty boolean not null default false,
	sla_next_check_at timestamptz,
	auto_close_reminded_at timestamptz,
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
-- A sweep over many open tickets reads only those that need it.
create index tickets_sla_next_check on public.tickets (sla_next_check_at) where status <> 'closed';
create index tickets_sla_dirty on public.tickets (id) where sla_dirty and status <> 'closed';

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

-- Members who follow an organisation ticket they did not open: they get its public updates by e-mail
-- (the notify migration's queueing), as the requester does. Set with follow_ticket only.
create table public.ticket_followers (
	ticket_id uuid not null references public.tickets (id) on delete cascade,
	user_id uuid not null references public.profiles (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (ticket_id, user_id)
);
create index ticket_followers_user on public.ticket_followers (user_id);

alter table public.problems enable row level security;
alter table public.tickets enable row level security;
alter table public.ticket_messages enable row level security;
alter table public.ticket_attachments enable row level security;
alter table public.ticket_events enable row level security;
alter table public.ticket_followers enable row level security;

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

create policy "People see which tickets they follow" on public.ticket_followers for select to authenticated using (user_id = (select auth.uid()));

revoke all on public.problems, public.tickets, public.ticket_messages, public.ticket_attachments, public.ticket_events, public.ticket_followers from anon;
revoke insert, update, delete, truncate on public.problems, public.tickets, public.ticket_messages, public.ticket_attachments, public.ticket_events, public.ticket_followers from authenticated;
revoke usage, select, update on sequence public.ticket_number_seq from anon, authenticated;

-- Tickets: every column but the staff-only ones, by name.
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
create trigger tickets_project_staff_fields after insert or update of assignee_id, level, problem_id on public.tickets
	for each row execute function private.project_ticket_staff_fields();

-- A ticket row as a customer may see it.
create function private.customer_ticket(t public.tickets) returns public.tickets
language plpgsql stable security definer set search_path = '' as $$
begin
	if private.is_staff() or (select auth.role()) is not distinct from 'service_role' then return t; end if;
	t.assignee_id := null;
	t.level := null;
	t.problem_id := null;
	t.reply_token := null;
	return t;
end $$;

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

-- Every change of a tracked field becomes an event, with its old and new value. The level a ticket is
-- worked at is support's business, like its assignee and its problem: those changes are internal.
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
create trigger tickets_after_write after insert or update on public.tickets for each row execute function private.ticket_after_write();

create function private.message_after_insert() returns trigger language plpgsql security definer set search_path = '' as $$
begin
	perform private.log_event(new.ticket_id, 'message_added', jsonb_build_object('message', new.id, 'visibility', new.visibility), new.visibility);
	return new;
end $$;
create trigger ticket_messages_after_insert after insert on public.ticket_messages for each row execute function private.message_after_insert();

-- Storage: attachments live in a private bucket, under the organisation's folder. -----------------
-- Customers' files go under <organisation id>/…, staff-only files under <organisation id>/internal/….

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('attachments', 'attachments', false, 26214400, array[
	'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/csv', 'application/zip',
	'video/mp4', 'video/webm', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/json', 'application/xml'
])
on conflict (id) do nothing;

-- Who reads, uploads and deletes its objects: the storage.objects policies of the articles, downloads
-- and outbox migration, one per role and operation for both private buckets.

-- RPCs --------------------------------------------------------------------------------------------

-- The ticket, locked, if the caller may act on it; "not found" otherwise, so a ticket of another
-- organisation is indistinguishable from one that does not exist.
create function private.ticket_for_update(ticket uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	select * into t from public.tickets where id = ticket for update;
	if not found or not (private.is_staff() or private.is_member(t.organisation_id) or (select auth.role()) is not distinct from 'service_role') then
		perform private.fail('ticket_not_found', 'There is no such ticket, or it belongs to another organisation.', 'PT404');
	end if;
	return t;
end $$;

create function private.require_staff() returns void language plpgsql security definer set search_path = '' as $$
begin
	if not private.is_staff() then perform private.fail('staff_only', 'Only support staff can do this.', '42501'); end if;
end $$;

-- Attachments: one way to link uploaded files ------------------------------------------------------

-- Links `files` (a JSON array of {storage_path, file_name}) to a ticket's message, for the ticket form,
-- the customer's reply (reply_with_attachments) and the agent's reply (agent_reply). Each object must
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

-- Opening a ticket ---------------------------------------------------------------------------------

-- The organisation's monthly quota as it stands: the calendar month in the programme's time zone
-- (unused tickets never carry over) from its first instant (starts_at) to the day the count starts
-- again (renews_on); every ticket of the organisation created in it counts, whoever opened it and
-- whatever became of it. monthly_quota and remaining are null for an unlimited plan. The one
-- definition of the window: create_ticket refuses by it, my_ticket_quota answers with it, and the
-- tickets function reads the renewal day of a refusal from my_ticket_quota.
create function private.quota_window(org uuid,
	out monthly_quota int, out used int, out remaining int, out starts_at timestamptz, out renews_on date, out timezone text)
language sql stable security definer set search_path = '' as $$
	select pl.monthly_quota, n.used, case when pl.monthly_quota is not null then greatest(pl.monthly_quota - n.used, 0) end,
		m.local_month at time zone p.timezone, (m.local_month + interval '1 month')::date, p.timezone
	from public.organisations o
	join public.programmes p on p.id = o.programme_id
	join public.plans pl on pl.programme_id = o.programme_id and pl.id = o.plan_id
	cross join lateral (select date_trunc('month', now() at time zone p.timezone) as local_month) m
	cross join lateral (
		select count(*)::int as used from public.tickets t
		where t.organisation_id = o.id and t.created_at >= m.local_month at time zone p.timezone
	) n
	where o.id = org
$$;

-- Whether `requester` may open a ticket for `org` now: a member of it, an authorized contact (or
-- coordinator), under a contract in force on the programme's calendar day, with quota left. Refuses
-- with the first reason that applies, in that order.
create function private.may_open_ticket(org public.organisations, requester uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare quota record;
begin
	if not exists (select 1 from public.memberships m where m.organisation_id = org.id and m.user_id = requester) then
		perform private.fail('not_a_member', 'The requester does not belong to this organisation.', '42501');
	end if;
	if not exists (select 1 from public.memberships m where m.organisation_id = org.id and m.user_id = requester and m.role in ('authorized_contact', 'coordinator')) then
		perform private.fail('not_authorized_contact', 'Only authorized contacts open tickets.', '42501');
	end if;
	select * into quota from private.quota_window(org.id);
	if not private.contract_active(org.id, (now() at time zone quota.timezone)::date) then
		perform private.fail('contract_inactive', 'The organisation has no support contract in force.');
	end if;
	if quota.remaining = 0 then
		perform private.fail('quota_exceeded', format('The plan includes %s tickets a month.', quota.monthly_quota));
	end if;
end $$;

-- The receipt to the customer and the alert to support for a ticket just opened, queued with it
-- (notify sends them). Level-1 agents and leads hear of every new ticket; admins and level-2
-- specialists when it is escalated.
create function private.queue_ticket_opened(created public.tickets) returns void
language plpgsql security definer set search_path = '' as $$
declare
	org public.organisations;
	requester_profile public.profiles;
	severity_label jsonb;
	first_response_target int;
begin
	select * into org from public.organisations o where o.id = created.organisation_id;
	select * into requester_profile from public.profiles p where p.id = created.requester_id;
	select s -> 'label' into severity_label
	from public.programmes p, jsonb_array_elements(p.document -> 'severities') s
	where p.id = created.programme_id and s ->> 'key' = created.severity_key;
	select t.first_response_minutes into first_response_target from public.sla_targets t
	where t.programme_id = created.programme_id and t.plan_id = created.plan_id and t.severity_key = created.severity_key;
	insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
	values ('ticket_received', created.requester_id, requester_profile.locale, jsonb_build_object(
		'ticket', created.id, 'number', created.number, 'subject', created.subject,
		'severity', coalesce(severity_label, jsonb_build_object('es', created.severity_key, 'en', created.severity_key)),
		'first_response_due', created.first_response_due_at, 'first_response_minutes', first_response_target, 'timezone', org.timezone),
		'ticket_received:' || created.id)
	on conflict (dedupe_key) do nothing;
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
end $$;

-- Creates a ticket for a requester, with its first message (the description), attachments, due times
-- and the notifications of its opening, in one transaction. Called by the `tickets` edge function
-- (service role) after it has verified the caller and computed the SLA targets from the instant it
-- opens the ticket at (opened_at, which becomes the ticket's creation time). It re-checks that the
-- requester may open it (private.may_open_ticket), the severity, and the product and version by name
-- (a foreign-key violation would be a 409 with no field); the attachments go through attach_files. A
-- retried call with the same idempotency key returns the ticket created the first time.
create function public.create_ticket(ticket jsonb) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare
	requester uuid;
	org public.organisations;
	existing public.tickets;
	created public.tickets;
	first_message uuid;
	opened timestamptz;
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
	if coalesce(ticket ->> 'organisation_id', '') !~ '^[0-9a-fA-F-]{36}$' then perform private.fail('organisation_not_found', null, 'PT404', 'organisation_id'); end if;
	-- Locked, so that two tickets opened at once for one organisation are counted against its quota one after the other.
	select * into org from public.organisations where id = (ticket ->> 'organisation_id')::uuid for update;
	if not found then perform private.fail('organisation_not_found', null, 'PT404', 'organisation_id'); end if;
	perform private.may_open_ticket(org, requester);
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
	perform private.queue_ticket_opened(created);
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
-- mostrador.message_kind makes the message's mail an info_requested (the notify migration).
create function public.request_customer_info(ticket uuid, body text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	perform private.require_staff();
	perform set_config('mostrador.message_kind', 'request_info', true);
	perform public.reply_to_ticket(ticket, body, false);
	perform set_config('mostrador.message_kind', '', true);
	update public.tickets set status = 'pending_customer' where id = ticket returning * into t;
	return t;
end $$;

-- Staff propose a solution; the ticket waits for the customer to confirm it (the mail is a solution_proposed).
create function public.resolve_ticket(ticket uuid, body text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	perform private.require_staff();
	perform set_config('mostrador.message_kind', 'resolve', true);
	perform public.reply_to_ticket(ticket, body, false);
	perform set_config('mostrador.message_kind', '', true);
	update public.tickets set status = 'resolved' where id = ticket returning * into t;
	return t;
end $$;

-- The customer confirms the solution and the ticket closes. The ticket comes back as the customer may see it.
create function public.confirm_resolution(ticket uuid) returns public.tickets
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

-- The customer says the solution did not work: back to the queue, with their reason (whose mail to
-- support is a customer_reopened). The ticket comes back as the customer may see it.
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
	return private.customer_ticket(t);
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

-- Follows (true) or stops following (false) a ticket of one of the caller's organisations; answers
-- whether they follow it now. Its requester hears of it anyway, so following changes nothing for them.
-- Idempotent: following twice is following.
create function public.follow_ticket(ticket uuid, follow boolean) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
	me uuid := (select auth.uid());
	t public.tickets;
begin
	if me is null then perform private.fail('not_signed_in', null, '42501'); end if;
	if follow is null then perform private.fail('invalid_input', 'follow is true or false.', 'P0001', 'follow'); end if;
	select * into t from public.tickets where id = follow_ticket.ticket;
	if not found or not private.is_member(t.organisation_id) then perform private.fail('ticket_not_found', null, 'PT404'); end if;
	if follow then
		insert into public.ticket_followers (ticket_id, user_id) values (t.id, me) on conflict do nothing;
	else
		delete from public.ticket_followers f where f.ticket_id = t.id and f.user_id = me;
	end if;
	return follow;
end $$;

revoke execute on function
	public.follow_ticket(uuid, boolean),
	public.create_ticket(jsonb), public.reply_to_ticket(uuid, text, boolean), public.request_customer_info(uuid, text),
	public.resolve_ticket(uuid, text), public.confirm_resolution(uuid), public.reopen_ticket(uuid, text), public.close_ticket(uuid),
	public.assign_ticket(uuid, uuid), public.change_severity(uuid, text), public.change_level(uuid, int),
	public.create_problem(text, text, text), public.link_problem(uuid, uuid), public.record_known_error(uuid, text)
from public, anon;
revoke execute on function public.create_ticket(jsonb) from authenticated;
grant execute on function public.create_ticket(jsonb) to service_role;
grant execute on function public.follow_ticket(uuid, boolean) to authenticated;
grant execute on function
	public.reply_to_ticket(uuid, text, boolean), public.request_customer_info(uuid, text), public.resolve_ticket(uuid, text),
	public.confirm_resolution(uuid), public.reopen_ticket(uuid, text), public.close_ticket(uuid), public.assign_ticket(uuid, uuid),
	public.change_severity(uuid, text), public.change_level(uuid, int), public.create_problem(text, text, text),
	public.link_problem(uuid, uuid), public.record_known_error(uuid, text)
to authenticated, service_role;

-- The private helpers of this migration: those the policies, the triggers and the staff's RPCs call may
-- be executed by the API roles; ticket_for_update by the service role only (it locks and returns a
-- whole ticket); the event writer, the file linker, the staff-fields projection and the helpers of
-- create_ticket by nobody but the owner, whose security-definer functions call them.
revoke execute on function
	private.forbid_change(), private.actor_kind(), private.status_transition_allowed(text, text), private.ticket_before_update(),
	private.ticket_after_write(), private.message_after_insert(), private.require_staff(), private.ticket_for_update(uuid),
	private.project_ticket_staff_fields(), private.customer_ticket(public.tickets),
	private.attach_files(public.tickets, uuid, jsonb, text, text, uuid, int), private.quota_window(uuid),
	private.may_open_ticket(public.organisations, uuid), private.queue_ticket_opened(public.tickets)
from public;
grant execute on function
	private.forbid_change(), private.actor_kind(), private.status_transition_allowed(text, text), private.ticket_before_update(),
	private.ticket_after_write(), private.message_after_insert(), private.require_staff()
to anon, authenticated, service_role;
grant execute on function private.customer_ticket(public.tickets) to authenticated, service_role;
grant execute on function private.ticket_for_update(uuid) to service_role;
