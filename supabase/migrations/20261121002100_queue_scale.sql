-- Scale (issue 16): the agent queue and the customers' lists in index time at 100,000 tickets.
-- Measured before at 100,000 tickets (20,000 open in one organisation, 300,000 messages): the queue
-- took 552 ms (a sequential scan, one message aggregate per ticket, a sort on a computed expression),
-- an organisation's list 85 ms plus 29 ms for its exact count, a subject search 120 ms.
-- * What the queue sorts by and shows is stored, not computed per read:
--   - tickets.next_due_at, a stored generated column with the rule agent_queue computed (only a
--     running clock, new or open, owes anything; the first-response deadline until the first
--     response): Postgres keeps it with every write, whoever writes, so it cannot drift from the due
--     times, and a partial index can serve the queue's order.
--   - tickets.public_messages: customers read the public thread anyway, so its length is granted.
--   - ticket_staff_fields.internal_notes and last_message_at (over notes too): staff-only, as the time
--     of the last message would tell a customer when an internal note was written.
--   Statement triggers on ticket_messages keep the counts (one update per statement, whatever its
--   size); no code path needs a last agent message time (the queue shows last_customer_message_at and
--   last_message_at), so none is kept.
-- * agent_queue reads those columns (no per-ticket aggregate). The queue asks for open tickets and for
--   recently closed ones in two requests (src/islands/agent/queue-data.ts), each served by its own
--   partial index: an OR of the two cannot follow one index's order, and the closed tickets, which
--   owe nothing, sort among themselves by creation only. The second is only needed when the open
--   tickets with a deadline do not fill the page.
-- * The customers' list (src/islands/tickets/list-query.ts): indexes in its order (organisation or
--   requester, newest first, number), which the list now names its organisations to use.
-- * The list's search (subject contains the text, or the number is it) is search_tickets, an RPC over a
--   trigram index, rather than a REST filter: under RLS a REST read could never use that index. A
--   policy's quals run before the caller's, and a caller's qual may only become an index condition
--   if it is leakproof (it cannot leak rows the policy hides through an error); ilike is not, and
--   only a superuser can mark a function leakproof. search_tickets checks membership itself and
--   answers ticket ids only (the list then reads the page's tickets under RLS), newest first, at most
--   1,001 of them, so the list can say "más de 1000". pg_trgm lives in extensions, as on Supabase.

alter table public.tickets
	add column next_due_at timestamptz generated always as (
		case when status in ('new', 'open') then least(
			case when first_response_at is null then first_response_due_at end,
			next_update_due_at, next_escalation_due_at, resolution_due_at
		) end
	) stored,
	add column public_messages int not null default 0 check (public_messages >= 0);
grant select (next_due_at, public_messages) on public.tickets to authenticated;

alter table public.ticket_staff_fields
	add column internal_notes int not null default 0 check (internal_notes >= 0),
	add column last_message_at timestamptz;

-- The counts, per statement: a bulk insert of messages costs one update per table, not one per row.
create function private.count_messages_added() returns trigger language plpgsql security definer set search_path = '' as $$
begin
	update public.tickets t set public_messages = t.public_messages + a.n
	from (select ticket_id, count(*)::int as n from added where visibility = 'public' group by ticket_id) a
	where t.id = a.ticket_id;
	update public.ticket_staff_fields f set internal_notes = f.internal_notes + a.n, last_message_at = greatest(f.last_message_at, a.last_at)
	from (select ticket_id, count(*) filter (where visibility = 'internal')::int as n, max(created_at) as last_at from added group by ticket_id) a
	where f.ticket_id = a.ticket_id;
	return null;
end $$;
create trigger ticket_messages_count_added after insert on public.ticket_messages
	referencing new table as added for each statement execute function private.count_messages_added();

-- Messages are not deleted or edited through the API; a ticket's deletion or a profile's (author set
-- null) still passes here, so whatever changed is counted again from the messages themselves.
create function private.recount_messages(ids uuid[]) returns void language sql security definer set search_path = '' as $$
	update public.tickets t set public_messages = c.n
	from (select u.id, (select count(*)::int from public.ticket_messages m where m.ticket_id = u.id and m.visibility = 'public') as n
		from unnest(ids) u(id)) c
	where t.id = c.id and t.public_messages <> c.n;
	update public.ticket_staff_fields f set internal_notes = c.n, last_message_at = c.last_at
	from (select u.id, (select count(*)::int from public.ticket_messages m where m.ticket_id = u.id and m.visibility = 'internal') as n,
			(select max(m.created_at) from public.ticket_messages m where m.ticket_id = u.id) as last_at
		from unnest(ids) u(id)) c
	where f.ticket_id = c.id and (f.internal_notes, f.last_message_at) is distinct from (c.n, c.last_at);
$$;
create function private.count_messages_removed() returns trigger language plpgsql security definer set search_path = '' as $$
begin
	perform private.recount_messages(array(select distinct ticket_id from removed));
	return null;
end $$;
create function private.count_messages_changed() returns trigger language plpgsql security definer set search_path = '' as $$
begin
	perform private.recount_messages(array(select ticket_id from removed union select ticket_id from added));
	return null;
end $$;
create trigger ticket_messages_count_removed after delete on public.ticket_messages
	referencing old table as removed for each statement execute function private.count_messages_removed();
create trigger ticket_messages_count_changed after update on public.ticket_messages
	referencing old table as removed new table as added for each statement execute function private.count_messages_changed();

revoke execute on function
	private.count_messages_added(), private.recount_messages(uuid[]), private.count_messages_removed(), private.count_messages_changed()
from public;

-- The counts of the messages already written. The tickets' own triggers stay off for this one update:
-- a count taken afterwards is no change anyone made (no updated_at, no SLA flag).
alter table public.tickets disable trigger user;
update public.tickets t set public_messages = m.n
from (select ticket_id, count(*)::int as n from public.ticket_messages where visibility = 'public' group by ticket_id) m
where t.id = m.ticket_id;
alter table public.tickets enable trigger user;
update public.ticket_staff_fields f set internal_notes = m.n, last_message_at = m.last_at
from (select ticket_id, count(*) filter (where visibility = 'internal')::int as n, max(created_at) as last_at from public.ticket_messages group by ticket_id) m
where f.ticket_id = m.ticket_id;

-- The same view, over the stored columns; its columns keep their names, types and order. Its joins are
-- left joins, which for staff (the only readers it answers) are the inner joins they were: every ticket
-- has its organisation and requester (foreign keys), staff read every organisation and profile, and
-- every ticket its staff-only projection (the tickets migration's trigger). Why: each joined table's
-- RLS filter is estimated to keep half its rows, so with inner joins the planner expected a few
-- thousand rows where there are twenty thousand and sorted them all rather than walk the index and
-- stop at the page; a left join keeps the ticket estimate, and the queue reads 1,000 rows of the index.
create or replace view public.agent_queue with (security_invoker = true) as
select
	t.id, t.number, t.subject, t.status, t.severity_key, t.programme_id, t.plan_id, f.level, t.channel,
	t.environment, t.product_id, t.version, t.organisation_id, o.name as organisation_name,
	o.timezone as organisation_timezone, t.requester_id,
	coalesce(nullif(btrim(rp.full_name), ''), rp.email) as requester_name, rp.email as requester_email,
	f.assignee_id, coalesce(nullif(btrim(ap.full_name), ''), ap.email) as assignee_name, f.problem_id,
	t.created_at, t.updated_at, t.first_response_at, t.first_response_due_at, t.next_update_due_at,
	t.next_escalation_due_at, t.resolution_due_at, t.first_response_breached_at, t.update_breached_at,
	t.escalation_breached_at, t.resolution_breached_at, t.paused_since, t.resolved_at, t.closed_at, t.sla_dirty,
	t.last_customer_message_at, t.next_due_at,
	t.public_messages::bigint as public_messages, f.internal_notes::bigint as internal_notes, f.last_message_at
from public.tickets t
left join public.organisations o on o.id = t.organisation_id
left join public.profiles rp on rp.id = t.requester_id
left join public.ticket_staff_fields f on f.ticket_id = t.id
left join public.profiles ap on ap.id = f.assignee_id
where (select private.is_staff());

-- The queue's two reads: open tickets by nearest deadline (none last), then oldest; closed ones by
-- when they closed (the last 30 days), sorted by creation among the few found.
create index tickets_queue_open on public.tickets (next_due_at, created_at) where status <> 'closed';
create index tickets_queue_closed on public.tickets (closed_at) where status = 'closed';

-- The customers' list, newest first then by number: by organisation ("Tickets de mi organización",
-- and the monthly quota's count), by requester ("Mis tickets"); these replace the narrower ones.
drop index public.tickets_organisation;
create index tickets_organisation on public.tickets (organisation_id, created_at desc, number desc);
drop index public.tickets_requester;
create index tickets_requester on public.tickets (requester_id, created_at desc, number desc);

-- The search. A member searches their organisations' tickets (only those they opened for "Mis
-- tickets"), staff every ticket; the status and severity filters apply before the cap, so the ids are
-- the first ones of the whole answer. The user's % and _ are literal; digits alone ("1042", "#1042")
-- also find that number.
create extension if not exists pg_trgm with schema extensions;
create index tickets_subject_trgm on public.tickets using gin (subject extensions.gin_trgm_ops);

create function public.search_tickets(q text, mine boolean default false, status text default null, severity text default null)
returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
declare
	me uuid := (select auth.uid());
	term text := btrim(coalesce(q, ''));
	wanted bigint := case when term ~ '^#?[0-9]{1,12}$' then ltrim(term, '#')::bigint end;
	pattern text := '%' || replace(replace(replace(term, '\', '\\'), '%', '\%'), '_', '\_') || '%';
	orgs uuid[];
begin
	if me is null then perform private.fail('not_signed_in', null, '42501'); end if;
	if char_length(term) not between 1 and 200 then
		perform private.fail('invalid_search', 'The search has 1 to 200 characters.', 'P0001', 'q');
	end if;
	if wanted is not null then pattern := '%' || wanted || '%'; end if;
	-- Staff read every ticket (the tickets policy); anyone else their organisations'. Two statements,
	-- so that neither carries an OR no index can follow.
	if private.is_staff() then
		return query select t.id from public.tickets t
		where (t.subject ilike pattern or (wanted is not null and t.number = wanted)) and (not mine or t.requester_id = me)
			and (search_tickets.status is null or t.status = search_tickets.status) and (severity is null or t.severity_key = severity)
		order by t.created_at desc, t.number desc limit 1001;
	else
		orgs := array(select private.my_organisations());
		return query select t.id from public.tickets t
		where t.organisation_id = any (orgs) and (t.subject ilike pattern or (wanted is not null and t.number = wanted)) and (not mine or t.requester_id = me)
			and (search_tickets.status is null or t.status = search_tickets.status) and (severity is null or t.severity_key = severity)
		order by t.created_at desc, t.number desc limit 1001;
	end if;
end $$;
revoke execute on function public.search_tickets(text, boolean, text, text) from public, anon;
grant execute on function public.search_tickets(text, boolean, text, text) to authenticated, service_role;
