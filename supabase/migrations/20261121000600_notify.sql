-- The notification outbox: what a ticket's events queue in it, and draining it.
--
-- Queueing (the first half). Every event of a ticket that needs someone's action reaches that person by
-- e-mail, queued in the transaction of the event itself, once (a dedupe_key naming the event and the
-- recipient), never to whoever acted, in the recipient's language (profiles.locale). The templates and
-- their payloads are in supabase/functions/_shared/email/templates.ts; every payload names the ticket
-- (`ticket`, its id), which threads its mails. Besides the opening (create_ticket's
-- private.queue_ticket_opened) and what the SLA sweep queues (reminders, escalations, ticket_auto_closed):
-- * A public staff message tells the requester: `info_requested` when it asks them for information
--   (request_customer_info, agent_reply 'request_info'), `solution_proposed` when it proposes a solution
--   to confirm or reopen (resolve_ticket, agent_reply 'resolve'), `ticket_reply` otherwise. Internal
--   notes tell no one.
-- * A customer's public message after the first (the first is the description, which the opening
--   tells) tells the staff who answer for the ticket: `customer_reopened` when it is written on a
--   resolved ticket, which it sends back to the queue (reopen_ticket with the customer's reason, or any
--   reply: reply_to_ticket reopens a resolved ticket too, and so does an answer by e-mail),
--   `customer_replied` otherwise. Those staff are its assignee or, while nobody has it, the agents of
--   its level (its leads when that level has no agent).
-- * A ticket that closes tells `ticket_closed` (who closed it and why) to its requester and to the
--   organisation's members who wrote a public message on it; and, when the customer confirmed the
--   solution, `customer_confirmed` to the staff who answer for it. On an automatic close the requester
--   gets the sweep's `ticket_auto_closed` instead, so each person gets one mail per close.
-- The staff RPCs say what a message is for in the transaction-local setting mostrador.message_kind
-- ('request_info', 'resolve'), set around the message they write and cleared after it; a staff message
-- written without it (reply_to_ticket, agent_reply 'reply') is a reply.
--
-- Draining (the second half, supabase/functions/notify): claiming due rows so that two runs at once
-- never take the same one, and recording how each attempt ended. Only the service role calls these;
-- the function decides retries and dead letters (notify/retry.ts), the database keeps them consistent.
-- Same conventions as the earlier migrations.

-- Queueing ----------------------------------------------------------------------------------------

-- The staff who answer for a ticket: its assignee; while nobody has it, the agents of its level, or
-- its leads when that level has no agent. Never `actor`.
create function private.ticket_staff_recipients(t public.tickets, actor uuid) returns table (user_id uuid, locale text)
language sql stable security definer set search_path = '' as $$
	select p.id, p.locale from public.profiles p
	where p.id is distinct from actor and p.id in (
		select t.assignee_id where t.assignee_id is not null
		union all
		select s.user_id from public.staff s where t.assignee_id is null and s.role = 'agent' and s.level = t.level
		union all
		select s.user_id from public.staff s
		where t.assignee_id is null and s.role = 'lead'
			and not exists (select 1 from public.staff a where a.role = 'agent' and a.level = t.level)
	)
$$;

-- Whether a person is (still) a member of an organisation: a follower who left hears nothing more.
create function private.is_member_of(person uuid, org uuid) returns boolean
language sql stable security definer set search_path = '' as $$
	select exists (select 1 from public.memberships m where m.user_id = person and m.organisation_id = org)
$$;

-- The customers who took part in a ticket: its requester, the members of its organisation who wrote a
-- public message on it, and those who follow it — all of them still members. Never `actor`.
create function private.ticket_participants(t public.tickets, actor uuid) returns table (user_id uuid, locale text)
language sql stable security definer set search_path = '' as $$
	select p.id, p.locale from public.profiles p
	where p.id is distinct from actor and (
		(p.id = t.requester_id and private.is_member_of(p.id, t.organisation_id))
		or p.id in (
			select m.author_id from public.ticket_messages m
			join public.memberships ms on ms.user_id = m.author_id and ms.organisation_id = t.organisation_id
			where m.ticket_id = t.id and m.visibility = 'public'
		)
		or p.id in (select f.user_id from public.ticket_followers f where f.ticket_id = t.id and private.is_member_of(f.user_id, t.organisation_id))
	)
$$;

-- A customer as staff read them in a mail: "Ana Pérez <ana@cliente.mx>", or the e-mail alone.
create function private.person_for_staff(person uuid) returns text
language sql stable security definer set search_path = '' as $$
	select coalesce(
		nullif(btrim(p.full_name), '') || coalesce(' <' || p.email || '>', ''),
		p.email,
		'—'
	) from (select 1) one left join public.profiles p on p.id = person
$$;

-- Someone's name as customers read it in a mail (never an e-mail address); null when they gave none.
create function private.person_name(person uuid) returns text
language sql stable security definer set search_path = '' as $$
	select nullif(btrim(p.full_name), '') from public.profiles p where p.id = person
$$;

-- The days a ticket waits on the customer before it closes by itself (the programme's auto-close).
create function private.auto_close_days(t public.tickets) returns int
language sql stable security definer set search_path = '' as $$
	select (p.document #>> '{rules,autoClose,afterDays}')::int from public.programmes p where p.id = t.programme_id
$$;

-- A public message: to the requester when support wrote it, to the staff who answer for the ticket
-- when a customer did. The author is who acted.
create function private.queue_message_mail() returns trigger language plpgsql security definer set search_path = '' as $$
declare
	t public.tickets;
	kind text := coalesce(current_setting('mostrador.message_kind', true), '');
	template text;
	base jsonb;
begin
	if new.visibility <> 'public' or new.author_id is null then return null; end if;
	select * into t from public.tickets where id = new.ticket_id;
	if not found or t.status = 'closed' then return null; end if;
	base := jsonb_build_object('ticket', t.id, 'number', t.number, 'subject', t.subject, 'body', left(new.body, 20000));
	if exists (select 1 from public.staff s where s.user_id = new.author_id) then
		template := case kind when 'request_info' then 'info_requested' when 'resolve' then 'solution_proposed' else 'ticket_reply' end;
		insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
		select template, r.id, r.locale,
			base || case when template = 'ticket_reply'
				then jsonb_build_object('author', coalesce(private.person_name(new.author_id), 'Soporte'))
				else jsonb_build_object('author', private.person_name(new.author_id), 'closes_after_days', private.auto_close_days(t))
			end,
			template || ':' || new.id
		-- A requester who has left the organisation no longer reads the ticket, nor hears of it.
		from public.profiles r where r.id = t.requester_id and r.id <> new.author_id and private.is_member_of(r.id, t.organisation_id)
		on conflict (dedupe_key) do nothing;
		-- Its followers read every public answer as news (the request and the proposal ask the requester).
		insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
		select 'ticket_reply', r.id, r.locale, base || jsonb_build_object('author', coalesce(private.person_name(new.author_id), 'Soporte')),
			'ticket_reply:' || new.id || ':' || r.id
		from public.ticket_followers f join public.profiles r on r.id = f.user_id
		where f.ticket_id = t.id and r.id not in (t.requester_id, new.author_id) and private.is_member_of(r.id, t.organisation_id)
		on conflict (dedupe_key) do nothing;
	else
		-- The ticket's first message is its description: the opening already told support.
		if not exists (select 1 from public.ticket_messages m where m.ticket_id = t.id and m.id <> new.id) then return null; end if;
		template := case when t.status = 'resolved' then 'customer_reopened' else 'customer_replied' end;
		insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
		select template, r.user_id, r.locale,
			base || jsonb_build_object('author', private.person_for_staff(new.author_id), 'organisation', o.name),
			template || ':' || new.id || ':' || r.user_id
		from private.ticket_staff_recipients(t, new.author_id) r
		join public.organisations o on o.id = t.organisation_id
		on conflict (dedupe_key) do nothing;
	end if;
	return null;
end $$;
create trigger ticket_messages_queue_mail after insert on public.ticket_messages for each row execute function private.queue_message_mail();

-- A ticket that closes. Who acted: the signed-in caller, or the customer the service role acts for;
-- nobody for the sweep's automatic close.
create function private.queue_close_mail() returns trigger language plpgsql security definer set search_path = '' as $$
declare
	actor uuid := coalesce((select auth.uid()), nullif(current_setting('mostrador.acting_for', true), '')::uuid);
	automatic boolean := new.close_reason = 'no_customer_reply';
begin
	if new.close_reason = 'confirmed_by_customer' then
		insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
		select 'customer_confirmed', r.user_id, r.locale, jsonb_build_object(
			'ticket', new.id, 'number', new.number, 'subject', new.subject,
			'author', private.person_for_staff(actor), 'organisation', o.name),
			'customer_confirmed:' || new.id || ':' || r.user_id
		from private.ticket_staff_recipients(new, actor) r
		join public.organisations o on o.id = new.organisation_id
		on conflict (dedupe_key) do nothing;
	end if;
	insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
	select 'ticket_closed', r.user_id, r.locale, jsonb_build_object(
		'ticket', new.id, 'number', new.number, 'subject', new.subject, 'reason', new.close_reason,
		'by', case when not automatic then private.person_name(actor) end,
		'days', case when automatic then private.auto_close_days(new) end),
		'ticket_closed:' || new.id || ':' || r.user_id
	from private.ticket_participants(new, actor) r
	-- The sweep tells the requester of an automatic close itself (ticket_auto_closed).
	where not (automatic and r.user_id = new.requester_id)
	on conflict (dedupe_key) do nothing;
	return null;
end $$;
create trigger tickets_queue_close_mail after update of status on public.tickets
	for each row when (new.status = 'closed' and old.status is distinct from 'closed') execute function private.queue_close_mail();

revoke execute on function
	private.ticket_staff_recipients(public.tickets, uuid), private.ticket_participants(public.tickets, uuid), private.is_member_of(uuid, uuid),
	private.person_for_staff(uuid), private.person_name(uuid), private.auto_close_days(public.tickets),
	private.queue_message_mail(), private.queue_close_mail()
from public;

-- Draining ----------------------------------------------------------------------------------------


-- A claim marks the row 'sending' and leases it: next_attempt_at becomes the lease's end. A run that
-- died mid-send leaves its claims behind; once the lease has run out the row is due again (which is
-- why the outbox's notifications_due index covers 'sending' rows too).

-- Claims up to `batch` due notifications, oldest due first, skipping rows another run holds, and
-- counts the attempt each claim starts. The recipient's address, name and language come from their
-- profile when the row names a user. A lapsed claim that already used its last attempt is dead: it may
-- have been sent (the run died after sending), and it will not be sent again.
create function public.claim_notifications(batch int, max_attempts int default 5, lease_seconds int default 600)
returns table (id uuid, template text, locale text, payload jsonb, attempts int, email text, full_name text)
language plpgsql security definer set search_path = '' as $$
begin
	if batch is null or batch not between 1 and 500 then perform private.fail('invalid_batch', 'batch must be from 1 to 500.'); end if;
	if max_attempts is null or max_attempts < 1 then perform private.fail('invalid_max_attempts', 'max_attempts must be at least 1.'); end if;
	if lease_seconds is null or lease_seconds not between 10 and 3600 then perform private.fail('invalid_lease', 'lease_seconds must be from 10 to 3600.'); end if;

	update public.notifications n
	set status = 'dead', last_error = 'the last attempt did not finish (its run stopped before recording the outcome)'
	where n.status = 'sending' and n.next_attempt_at <= now() and n.attempts >= max_attempts;

	return query
	with due as (
		select n.id from public.notifications n
		where n.status in ('queued', 'failed', 'sending') and n.next_attempt_at <= now()
		order by n.next_attempt_at, n.created_at, n.id
		limit batch
		for update skip locked
	), claimed as (
		update public.notifications n
		set status = 'sending', attempts = n.attempts + 1, next_attempt_at = now() + make_interval(secs => lease_seconds)
		from due where n.id = due.id
		returning n.id, n.template, n.locale, n.payload, n.attempts, n.recipient_user_id, n.recipient_email, n.created_at
	)
	select c.id, c.template, coalesce(p.locale, c.locale), c.payload, c.attempts,
		case when c.recipient_user_id is null then c.recipient_email else coalesce(p.email, c.recipient_email) end,
		p.full_name
	from claimed c left join public.profiles p on p.id = c.recipient_user_id
	order by c.created_at, c.id;
end $$;

-- Records how a claimed attempt ended: sent, failed (due again at retry_at) or dead. `attempt` is the
-- attempts count the claim returned; if it no longer matches, the claim lapsed and another run took
-- the row over, and this outcome is not recorded.
create function public.finish_notification(notification uuid, attempt int, outcome text, error text default null, retry_at timestamptz default null)
returns void
language plpgsql security definer set search_path = '' as $$
begin
	if outcome is null or outcome not in ('sent', 'failed', 'dead') then perform private.fail('invalid_outcome', 'outcome is sent, failed or dead.'); end if;
	if outcome <> 'sent' and nullif(trim(error), '') is null then perform private.fail('error_required', 'A failure needs its reason.'); end if;
	if outcome = 'failed' and retry_at is null then perform private.fail('retry_at_required', 'A failed attempt needs the time of the next one.'); end if;
	update public.notifications n
	set status = outcome,
		sent_at = case when outcome = 'sent' then now() end,
		last_error = case when outcome = 'sent' then null else left(error, 2000) end,
		next_attempt_at = case when outcome = 'failed' then retry_at else n.next_attempt_at end
	where n.id = notification and n.status = 'sending' and n.attempts = attempt;
	if not found then perform private.fail('claim_lost', 'The notification is not claimed by this attempt any more.', 'PT404'); end if;
end $$;

revoke execute on function public.claim_notifications(int, int, int), public.finish_notification(uuid, int, text, text, timestamptz) from public, anon, authenticated;
grant execute on function public.claim_notifications(int, int, int), public.finish_notification(uuid, int, text, text, timestamptz) to service_role;
