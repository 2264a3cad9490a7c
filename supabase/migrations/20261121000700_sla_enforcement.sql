-- SLA enforcement: what the tickets function and the SLA sweep (supabase/functions/tickets and
-- sla-sweep) need from the database.
-- * create_ticket (the tickets migration) takes the instant the tickets function computed the due
--   times from (opened_at, within two minutes of the database clock) as the ticket's creation time,
--   and queues the receipt to the customer and the new-ticket alert to support in the same transaction.
-- * The ticket's `created` event carries that same instant, so the SLA rebuilt from the event log
--   agrees with the due times stored at creation.
-- * Every change that moves an SLA clock (status, severity, plan, level, a public message) flags the
--   ticket (sla_dirty) for the sweep; sla_next_check_at says when the sweep must look at it next even
--   when nothing changes (a deadline, an auto-close reminder, an auto-close). Both are columns of the
--   tickets table (with auto_close_reminded_at), indexed there so a sweep over many open tickets reads
--   only those that need it; the triggers that keep them are here.
-- * The mails of a ticket's events (a staff reply to the requester, and the rest) are queued by the
--   triggers of the notify migration.

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
begin
	-- Only public replies from support move a clock (first response, customer updates); a customer's
	-- reply on a waiting ticket changes its status, which flags it anyway.
	if new.visibility <> 'public' or not exists (select 1 from public.staff where user_id = new.author_id) then return new; end if;
	update public.tickets set sla_dirty = true where id = new.ticket_id and status <> 'closed';
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

revoke execute on function private.flag_sla_change(), private.message_flags_sla(), private.created_event_at() from public;
