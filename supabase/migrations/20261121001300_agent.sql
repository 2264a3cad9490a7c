-- The agent console (/agente/, src/islands/agent): what the queue and the ticket workspace need
-- beyond the ticket RPCs of 20261121000300_tickets.sql.
-- * agent_queue: one row per ticket with the names an agent reads in a queue (organisation, requester,
--   assignee), the thread's counts and the nearest deadline not yet met, so the queue is one request
--   ordered by the database. Security invoker, and empty for anyone but staff: customers already read
--   their organisation's tickets, but not as a queue with the assignee's name. The staff-only fields
--   (level, assignee, problem) come from ticket_staff_fields, as `authenticated` may not select them
--   from tickets (the tickets migration).
-- * take_ticket: "Tomar". Refuses a ticket another agent already has (two agents pressing "t" at the
--   same instant must not both think it is theirs); assign_ticket stays the way to hand one over.
-- * agent_reply: a public reply, an internal note, a request for information or a proposed solution,
--   with the files the agent uploaded, in one transaction. Public files go under
--   <organisation>/<ticket>/…, files of an internal note under <organisation>/internal/<ticket>/…,
--   which customers can neither read nor list (the storage policies of the articles, downloads and
--   outbox migration); the files are linked by private.attach_files.
--   The text goes through reply_to_ticket, so first response, SLA flags and the customer's e-mail stay
--   in one place; mostrador.message_kind tells that e-mail what the message is for (a question, a
--   solution: the notify migration).
-- * staff_reopen_ticket: support takes back a ticket waiting on the customer (resolved, or pending
--   their answer), with the reason as an internal note; reopen_ticket is the customer's.
-- * create_problem_for_ticket: a problem opened from a ticket, linked to it in the same transaction.

create view public.agent_queue with (security_invoker = true) as
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
	-- Only a running clock has a deadline: waiting on the customer, resolved or closed, nothing is owed.
	-- A first-response deadline counts until the first response, whether or not a sweep has run since.
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

create function public.take_ticket(ticket uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	perform private.require_staff();
	t := private.ticket_for_update(ticket);
	if t.status = 'closed' then perform private.fail('ticket_closed'); end if;
	if t.assignee_id = (select auth.uid()) then return t; end if;
	if t.assignee_id is not null then
		perform private.fail('ticket_taken', 'Another agent has this ticket; assign it to hand it over.');
	end if;
	update public.tickets set assignee_id = (select auth.uid()) where id = ticket returning * into t;
	return t;
end $$;

create function public.agent_reply(ticket uuid, body text, action text default 'reply', attachments jsonb default '[]')
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
	perform set_config('mostrador.message_kind', case when action in ('request_info', 'resolve') then action else '' end, true);
	m := public.reply_to_ticket(ticket, body, internal);
	perform set_config('mostrador.message_kind', '', true);
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

create function public.staff_reopen_ticket(ticket uuid, body text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
	perform private.require_staff();
	t := private.ticket_for_update(ticket);
	if t.status not in ('pending_customer', 'resolved') then
		perform private.fail('not_reopenable', 'Only a ticket waiting on the customer goes back to the queue.');
	end if;
	perform public.reply_to_ticket(ticket, body, true);
	update public.tickets set status = 'open' where id = ticket returning * into t;
	return t;
end $$;

create function public.create_problem_for_ticket(ticket uuid, title text, description text default '') returns public.problems
language plpgsql security definer set search_path = '' as $$
declare p public.problems;
begin
	perform private.require_staff();
	perform private.ticket_for_update(ticket);
	if title is null or char_length(btrim(title)) not between 3 and 200 then
		perform private.fail('invalid_title', 'A problem''s title has 3 to 200 characters.');
	end if;
	p := public.create_problem(btrim(title), description);
	update public.tickets set problem_id = p.id where id = ticket;
	return p;
end $$;

revoke all on public.agent_queue from anon;
revoke insert, update, delete, truncate, trigger, references on public.agent_queue from authenticated;
grant select on public.agent_queue to authenticated, service_role;

revoke execute on function
	public.take_ticket(uuid), public.agent_reply(uuid, text, text, jsonb), public.staff_reopen_ticket(uuid, text),
	public.create_problem_for_ticket(uuid, text, text)
from public, anon;
grant execute on function
	public.take_ticket(uuid), public.agent_reply(uuid, text, text, jsonb), public.staff_reopen_ticket(uuid, text),
	public.create_problem_for_ticket(uuid, text, text)
to authenticated, service_role;
