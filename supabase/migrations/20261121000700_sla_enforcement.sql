-- SLA enforcement: what the tickets function and the SLA sweep (supabase/functions/tickets and
-- sla-sweep) need from the database.
-- * create_ticket takes the instant the tickets function computed the due times from (opened_at, within
--   two minutes of the database clock) as the ticket's creation time, and queues the receipt to the
--   customer and the new-ticket alert to support in the same transaction.
-- * The ticket's `created` event carries that same instant, so the SLA rebuilt from the event log
--   agrees with the due times stored at creation.
-- * Every change that moves an SLA clock (status, severity, plan, level, a public message) flags the
--   ticket (sla_dirty) for the sweep; sla_next_check_at says when the sweep must look at it next even
--   when nothing changes (a deadline, an auto-close reminder, an auto-close). Both are indexed so a
--   sweep over many open tickets reads only those that need it.
-- * A public staff reply queues `ticket_reply` to the requester.

alter table public.tickets
	add column sla_dirty boolean not null default false,
	add column sla_next_check_at timestamptz,
	add column auto_close_reminded_at timestamptz;
create index tickets_sla_next_check on public.tickets (sla_next_check_at) where status <> 'closed';
create index tickets_sla_dirty on public.tickets (id) where sla_dirty and status <> 'closed';

-- The sweep writes through a connection that sets mostrador.sweep; its own changes do not re-flag.
create function private.flag_sla_change() returns trigger language plpgsql set search_path = '' as $$
begin
	if tg_op = 'INSERT' then
		new.sla_next_check_at := least(new.first_response_due_at, new.next_escalation_due_at, new.resolution_due_at);
		return new;
	end if;
	if coalesce(current_setting('mostrador.sweep', true), '') = 'on' then return new; end if;
	if (new.status, new.severity_key, new.plan_id, new.level, new.first_response_at)
		is distinct from (old.status, old.severity_key, old.plan_id, old.level, old.first_response_at) then
		new.sla_dirty := true;
	end if;
	return new;
end $$;
create trigger tickets_flag_sla before insert or update on public.tickets for each row execute function private.flag_sla_change();

create function private.message_flags_sla() returns trigger language plpgsql security definer set search_path = '' as $$
declare
	t public.tickets;
	author public.profiles;
begin
	-- Only public replies from support move a clock (first response, customer updates); a customer's
	-- reply on a waiting ticket changes its status, which flags it anyway.
	if new.visibility <> 'public' or not exists (select 1 from public.staff where user_id = new.author_id) then return new; end if;
	update public.tickets set sla_dirty = true where id = new.ticket_id and status <> 'closed' returning * into t;
	-- ...and reaches the customer by e-mail.
	if found then
		select * into author from public.profiles where id = new.author_id;
		insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
		select 'ticket_reply', t.requester_id, p.locale, jsonb_build_object(
			'ticket', t.id, 'number', t.number, 'subject', t.subject,
			'author', coalesce(nullif(author.full_name, ''), 'Soporte'), 'body', left(new.body, 20000)),
			'ticket_reply:' || new.id
		from public.profiles p where p.id = t.requester_id
		on conflict (dedupe_key) do nothing;
	end if;
	return new;
end $$;
create trigger ticket_messages_flag_sla after insert on public.ticket_messages for each row execute function private.message_flags_sla();

-- The `created` event happens when the ticket says it was created (see create_ticket's opened_at), and
-- what the sweep changes happens at the instant it evaluated the ticket at (mostrador.event_at), so
-- the log it leaves rebuilds to exactly the due times it wrote.
create function private.created_event_at() returns trigger language plpgsql security definer set search_path = '' as $$
begin
	if new.kind = 'created' then
		select created_at into new.at from public.tickets where id = new.ticket_id;
	elsif coalesce(current_setting('mostrador.event_at', true), '') <> '' then
		new.at := current_setting('mostrador.event_at', true)::timestamptz;
	end if;
	return new;
end $$;
create trigger ticket_events_created_at before insert on public.ticket_events for each row execute function private.created_event_at();

create or replace function public.create_ticket(ticket jsonb) returns public.tickets
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
	opened timestamptz := coalesce((ticket ->> 'opened_at')::timestamptz, now());
	requester_profile public.profiles;
	severity_label jsonb;
	first_response_target int;
begin
	if (select auth.role()) is distinct from 'service_role' then
		perform private.fail('service_role_only', 'Tickets are created through the tickets function.', '42501');
	end if;
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
	for att in select * from jsonb_array_elements(coalesce(ticket -> 'attachments', '[]')) loop
		if split_part(att ->> 'storage_path', '/', 1) <> org.id::text or split_part(att ->> 'storage_path', '/', 2) = 'internal' then
			perform private.fail('attachment_outside_folder', 'Attachments go under the organisation''s folder.');
		end if;
		insert into public.ticket_attachments (ticket_id, message_id, storage_path, file_name, mime_type, size_bytes, uploaded_by)
		values (created.id, first_message, att ->> 'storage_path', att ->> 'file_name', att ->> 'mime_type', (att ->> 'size_bytes')::bigint, requester);
	end loop;
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

revoke execute on function private.flag_sla_change(), private.message_flags_sla(), private.created_event_at() from public;
revoke execute on function public.create_ticket(jsonb) from public, anon, authenticated;
grant execute on function public.create_ticket(jsonb) to service_role;
