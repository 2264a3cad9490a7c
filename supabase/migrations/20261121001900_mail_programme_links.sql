-- The customer's mails name the ticket's programme (issue 14, item 3, second part): a customer on
-- another programme than the site's active one reads their own promises, so the mails that state a
-- time or the automatic close link the terms page of the ticket's programme, /soporte/programas/<id>/
-- (supabase/functions/_shared/email/templates.ts builds the link from the payload's `programme`).
-- Redefined here, each as in its migration with `programme` added to the customer's payloads:
-- * private.queue_ticket_opened (tickets migration): ticket_received, which states the first-response
--   time or says that none is promised;
-- * private.queue_message_mail (notify migration): info_requested and solution_proposed, which state
--   the auto-close days when the programme has an auto-close;
-- * private.queue_close_mail (notify migration): ticket_closed, which states the days of an automatic close.
-- The sweep's auto_close_reminder and ticket_auto_closed carry it from sweep-plan.ts.
-- Staff mails are left as they are: staff do not need the customer's terms to act.
-- ticket_received also says whether the plan's clock runs around the clock (`around_the_clock`: a
-- calendar open every hour of every day, with no holidays, as soporte-nativo's), so "30 minutes" is
-- not told as "30 minutes of business time" where every minute counts.
-- Privileges of replaced functions are kept (create or replace), so the earlier revokes still hold.

create or replace function private.queue_ticket_opened(created public.tickets) returns void
language plpgsql security definer set search_path = '' as $$
declare
	org public.organisations;
	requester_profile public.profiles;
	severity_label jsonb;
	first_response_target int;
	around_the_clock boolean;
begin
	select * into org from public.organisations o where o.id = created.organisation_id;
	select * into requester_profile from public.profiles p where p.id = created.requester_id;
	select s -> 'label' into severity_label
	from public.programmes p, jsonb_array_elements(p.document -> 'severities') s
	where p.id = created.programme_id and s ->> 'key' = created.severity_key;
	select t.first_response_minutes into first_response_target from public.sla_targets t
	where t.programme_id = created.programme_id and t.plan_id = created.plan_id and t.severity_key = created.severity_key;
	select (select count(*) from jsonb_each(c.hours) d where d.value = '[["00:00", "24:00"]]'::jsonb) = 7
		and not exists (select 1 from public.holidays h where h.programme_id = c.programme_id and h.calendar_id = c.id)
	into around_the_clock
	from public.plans pl join public.calendars c on c.programme_id = pl.programme_id and c.id = pl.calendar_id
	where pl.programme_id = created.programme_id and pl.id = created.plan_id;
	insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
	values ('ticket_received', created.requester_id, requester_profile.locale, jsonb_build_object(
		'ticket', created.id, 'number', created.number, 'subject', created.subject,
		'severity', coalesce(severity_label, jsonb_build_object('es', created.severity_key, 'en', created.severity_key)),
		'first_response_due', created.first_response_due_at, 'first_response_minutes', first_response_target, 'timezone', org.timezone,
		'around_the_clock', coalesce(around_the_clock, false), 'programme', created.programme_id),
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

create or replace function private.queue_message_mail() returns trigger language plpgsql security definer set search_path = '' as $$
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
				-- closes_after_days is null where the programme closes nothing by itself: the mail then says nothing of a close.
				else jsonb_build_object('author', private.person_name(new.author_id), 'closes_after_days', private.auto_close_days(t), 'programme', t.programme_id)
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

create or replace function private.queue_close_mail() returns trigger language plpgsql security definer set search_path = '' as $$
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
		'days', case when automatic then private.auto_close_days(new) end,
		'programme', new.programme_id),
		'ticket_closed:' || new.id || ':' || r.user_id
	from private.ticket_participants(new, actor) r
	-- The sweep tells the requester of an automatic close itself (ticket_auto_closed).
	where not (automatic and r.user_id = new.requester_id)
	on conflict (dedupe_key) do nothing;
	return null;
end $$;
