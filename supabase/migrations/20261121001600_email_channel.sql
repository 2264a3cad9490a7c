-- The e-mail channel: what the `inbound-email` function does with a message, as rules the database
-- keeps. Every function here is for the service role only (the function is the one caller; a customer
-- never calls them) and is security definer with an empty search_path.
--
-- * inbound_emails: one row per Message-ID, so a message delivered twice is processed once. Its outcome
--   starts as 'received' and is set once (first writer wins); a row left at 'received' by a crash is
--   processed again on the next delivery, and every effect of processing is itself keyed by the
--   Message-ID (the ticket's idempotency key, the reply's log row, the notifications' dedupe keys).
-- * inbound_email_begin also keeps the per-sender rate limit: a sender past it is logged, nothing else.
--   Mail logged as 'unverified' does not count: anyone can write someone's address in a From, and a
--   flood of forgeries must not silence the real person.
-- * Acting as a person needs an authenticated sender (a DMARC pass from our receiving server, the
--   function's screen): mail that is not is logged 'unverified' and nothing else, except that a known
--   person is told, at their profile address, at most once a day (inbound_email_unverified).
-- * inbound_sender: what the function must know about a sender in one call; whether they may open a
--   ticket is private.may_open_ticket's answer, the same rule create_ticket refuses by.
-- * add_email_reply: a customer's e-mailed answer becomes a public reply through reply_with_attachments,
--   called as the sender, so the status machine, SLA flags and attachment rules are the web reply's. A
--   closed ticket takes no more replies (reply_to_ticket) and a resolved one is reopened by the answer
--   (what the ticket page's reopen does); the programme's auto-close rule is what ends that window. For a
--   closed ticket the function opens a follow-up (create_ticket, through the shared opener) and links it
--   with link_follow_up.
-- * Auto-replies (email_not_authorized, email_unknown_sender, email_refused, email_unverified) go out at
--   most once per address, kind and day (inbound_auto_replies), so a mail loop or a flood costs one mail
--   a day per address; and at most `per_hour` of all kinds together in an hour (the function's
--   INBOUND_AUTO_REPLIES_PER_HOUR): past it they are only logged.
-- * inbound_thread_ticket: the ticket a mail we logged was taken into, so a colleague's reply-all to the
--   customer's original mail (which names that mail, not one of ours) answers its ticket.

-- A ticket opened by an e-mail to a ticket that was already closed names the one it follows.
alter table public.tickets add column follow_up_of uuid references public.tickets (id) on delete set null;
create index tickets_follow_up_of on public.tickets (follow_up_of);
grant select (follow_up_of) on public.tickets to authenticated;

create table public.inbound_emails (
	id uuid primary key default gen_random_uuid(),
	-- Without angle brackets; a message without one is named by its content's hash (the function).
	message_id text not null unique check (char_length(message_id) between 1 and 998),
	-- The From address, lowercased; null when the message has none.
	sender text check (char_length(sender) <= 320),
	recipients text[] not null default '{}',
	subject text not null default '' check (char_length(subject) <= 998),
	outcome text not null default 'received' check (outcome in (
		'received', 'ticket_opened', 'reply_added', 'ticket_reopened', 'follow_up_opened', 'reply_refused',
		'not_authorized', 'unknown_sender', 'not_for_us', 'dropped', 'refused', 'rate_limited', 'unverified')),
	ticket_id uuid references public.tickets (id) on delete set null,
	-- Why: the screen's reason, the refusal's code, what was left out.
	reason text check (char_length(reason) <= 2000),
	received_at timestamptz not null default now(),
	processed_at timestamptz
);
create index inbound_emails_ticket on public.inbound_emails (ticket_id);
create index inbound_emails_sender on public.inbound_emails (sender, received_at desc);

-- Which automatic answers went to which address on which day (UTC): at most one of each kind; and
-- when, for the cap on all of them in an hour.
create table public.inbound_auto_replies (
	address text not null check (char_length(address) between 3 and 320),
	day date not null,
	kind text not null check (kind in ('email_not_authorized', 'email_unknown_sender', 'email_refused', 'email_unverified')),
	message_id text not null,
	created_at timestamptz not null default now(),
	primary key (address, day, kind)
);
create index inbound_auto_replies_recent on public.inbound_auto_replies (created_at);

alter table public.inbound_emails enable row level security;
alter table public.inbound_auto_replies enable row level security;
-- Support may look at what arrived (why did my mail not open a ticket?); customers read their tickets.
create policy "Staff read the inbound mail log" on public.inbound_emails for select to authenticated using ((select private.is_staff()));
revoke all on public.inbound_emails, public.inbound_auto_replies from anon;
revoke all on public.inbound_auto_replies from authenticated;
revoke insert, update, delete, truncate, references, trigger on public.inbound_emails from authenticated;

create function private.require_service_role() returns void language plpgsql stable security definer set search_path = '' as $$
begin
	if (select auth.role()) is distinct from 'service_role' then
		perform private.fail('service_role_only', 'Only the inbound-email function does this.', '42501');
	end if;
end $$;

-- Sets the outcome of a message still 'received'; returns the row as it stands either way.
create function private.finish_inbound(message text, result text, ticket uuid default null, why text default null)
returns public.inbound_emails
language plpgsql security definer set search_path = '' as $$
declare r public.inbound_emails;
begin
	update public.inbound_emails set outcome = result, ticket_id = coalesce(ticket, ticket_id), reason = left(why, 2000), processed_at = now()
	where message_id = message and outcome = 'received' returning * into r;
	if not found then select * into r from public.inbound_emails where message_id = message; end if;
	if not found then perform private.fail('ticket_not_found', 'No inbound message has this id.', 'PT404'); end if;
	return r;
end $$;

-- Logs a message (once per Message-ID) and answers with its row: outcome 'received' means "process
-- it"; anything else means it was processed already (or is past the sender's limit: 'rate_limited',
-- more than per_hour messages from the address in the last hour).
create function public.inbound_email_begin(message_id text, sender text, recipients text[] default '{}', subject text default '', per_hour int default 30)
returns public.inbound_emails
language plpgsql security definer set search_path = '' as $$
declare
	r public.inbound_emails;
	address text := nullif(lower(btrim(sender)), '');
begin
	perform private.require_service_role();
	if coalesce(btrim(message_id), '') = '' or char_length(message_id) > 998 then
		perform private.fail('invalid_input', 'message_id is 1 to 998 characters.', 'P0001', 'message_id');
	end if;
	insert into public.inbound_emails as e (message_id, sender, recipients, subject)
	values (btrim(inbound_email_begin.message_id), left(address, 320), coalesce(recipients, '{}'), left(coalesce(subject, ''), 998))
	on conflict on constraint inbound_emails_message_id_key do nothing
	returning * into r;
	if not found then
		select * into r from public.inbound_emails e where e.message_id = btrim(inbound_email_begin.message_id);
		return r;
	end if;
	if address is not null and (
		select count(*) from public.inbound_emails e where e.sender = address and e.received_at > now() - interval '1 hour' and e.id <> r.id
			and e.outcome <> 'unverified'
	) >= greatest(per_hour, 1) then
		r := private.finish_inbound(r.message_id, 'rate_limited', null, format('more than %s messages in an hour', per_hour));
	end if;
	return r;
end $$;

-- The outcome of a message that needed nothing else (dropped, not for us, opened, …).
create function public.inbound_email_finish(message_id text, outcome text, ticket uuid default null, reason text default null)
returns public.inbound_emails
language plpgsql security definer set search_path = '' as $$
begin
	perform private.require_service_role();
	if outcome not in ('ticket_opened', 'not_authorized', 'unknown_sender', 'not_for_us', 'dropped', 'reply_refused') then
		perform private.fail('invalid_outcome', 'Replies, follow-ups, refusals and limits set their own outcome.');
	end if;
	return private.finish_inbound(message_id, outcome, ticket, reason);
end $$;

-- Who the sender of a mail is to us: their profile, each membership with its role, and whether they
-- may open a ticket there now (may_open_ticket's answer: null, or the code it refuses with).
create function public.inbound_sender(address text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
	p public.profiles;
	o public.organisations;
	member record;
	refusal text;
	orgs jsonb := '[]';
begin
	perform private.require_service_role();
	p := private.profile_by_email(address);
	if p.id is null then return jsonb_build_object('user_id', null, 'memberships', '[]'::jsonb); end if;
	for member in select mm.organisation_id, mm.role from public.memberships mm join public.organisations oo on oo.id = mm.organisation_id
		where mm.user_id = p.id order by oo.name, oo.id loop
		select * into o from public.organisations where id = member.organisation_id;
		refusal := null;
		-- The rule create_ticket refuses by, asked without opening anything: its refusal code, or none.
		begin
			perform private.may_open_ticket(o, p.id);
		exception when others then
			refusal := sqlerrm;
		end;
		orgs := orgs || jsonb_build_object('organisation_id', o.id, 'organisation_name', o.name, 'role', member.role,
			'may_open', refusal is null, 'refusal', refusal);
	end loop;
	return jsonb_build_object('user_id', p.id, 'locale', p.locale, 'full_name', p.full_name,
		'staff', exists (select 1 from public.staff s where s.user_id = p.id), 'memberships', orgs);
end $$;

-- Files the function uploaded (as the service role, so with no owner) become the sender's, which is
-- what private.attach_files asks of a file before it links it. Only ownerless objects of the
-- attachments bucket, under a folder of an organisation the sender belongs to.
create function private.claim_inbound_files(sender uuid, files jsonb) returns void
language sql security definer set search_path = '' as $$
	update storage.objects o set owner = sender, owner_id = sender::text
	where o.bucket_id = 'attachments' and o.owner is null and o.owner_id is null
		and o.name in (select f ->> 'storage_path' from jsonb_array_elements(case when jsonb_typeof(files) = 'array' then files else '[]' end) f)
		and split_part(o.name, '/', 1) in (select m.organisation_id::text from public.memberships m where m.user_id = sender)
$$;

create function public.claim_inbound_files(sender uuid, files jsonb default '[]') returns void
language plpgsql security definer set search_path = '' as $$
begin
	perform private.require_service_role();
	perform private.claim_inbound_files(sender, files);
end $$;

-- A customer's e-mailed answer to a ticket (found by its reply token, or by id from the thread's
-- References): a public reply by the sender with the files the function uploaded to
-- <organisation>/<ticket>/. Answers {outcome, ticket, message}: reply_added, ticket_reopened,
-- reply_refused (ticket_not_found, not_a_member), follow_up_needed (closed: nothing stored yet), or the
-- outcome recorded before for this Message-ID.
create function public.add_email_reply(message_id text, sender uuid, body text, token text default null, ticket uuid default null, attachments jsonb default '[]')
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
	r public.inbound_emails;
	t public.tickets;
	claims text := current_setting('request.jwt.claims', true);
	m public.ticket_messages;
	result text;
begin
	perform private.require_service_role();
	select * into r from public.inbound_emails e where e.message_id = add_email_reply.message_id for update;
	if not found then perform private.fail('ticket_not_found', 'Log the message with inbound_email_begin first.', 'PT404'); end if;
	if r.outcome <> 'received' then
		return jsonb_build_object('outcome', r.outcome, 'ticket', r.ticket_id, 'duplicate', true);
	end if;
	select * into t from public.tickets x
	where (token is not null and x.reply_token = lower(token)) or (token is null and x.id = ticket) for update;
	if not found then
		r := private.finish_inbound(r.message_id, 'reply_refused', null, 'ticket_not_found');
		return jsonb_build_object('outcome', r.outcome, 'reason', 'ticket_not_found');
	end if;
	-- Whoever knows the reply address is not enough: the sender must be one of the organisation's people.
	if sender is null or not exists (select 1 from public.memberships mm where mm.organisation_id = t.organisation_id and mm.user_id = sender) then
		r := private.finish_inbound(r.message_id, 'reply_refused', t.id, 'not_a_member');
		return jsonb_build_object('outcome', r.outcome, 'ticket', t.id, 'reason', 'not_a_member');
	end if;
	if t.status = 'closed' then
		return jsonb_build_object('outcome', 'follow_up_needed', 'ticket', t.id, 'organisation', t.organisation_id, 'subject', t.subject, 'number', t.number);
	end if;
	result := case when t.status = 'resolved' then 'ticket_reopened' else 'reply_added' end;
	perform private.claim_inbound_files(sender, attachments);
	-- The reply is the sender's own, written as the ticket page writes it: as them.
	perform set_config('request.jwt.claims', jsonb_build_object('sub', sender, 'role', 'authenticated')::text, true);
	m := public.reply_with_attachments(t.id, body, coalesce(attachments, '[]'));
	perform set_config('request.jwt.claims', coalesce(claims, ''), true);
	r := private.finish_inbound(r.message_id, result, t.id, null);
	return jsonb_build_object('outcome', result, 'ticket', t.id, 'message', m.id);
end $$;

-- Links the follow-up the function opened for a mail to a closed ticket, and logs the outcome.
create function public.link_follow_up(message_id text, ticket uuid, previous uuid) returns public.inbound_emails
language plpgsql security definer set search_path = '' as $$
begin
	perform private.require_service_role();
	update public.tickets t set follow_up_of = previous
	where t.id = ticket and t.follow_up_of is null and previous <> ticket
		and t.organisation_id = (select p.organisation_id from public.tickets p where p.id = previous);
	if not found and not exists (select 1 from public.tickets t where t.id = ticket and t.follow_up_of = previous) then
		perform private.fail('ticket_not_found', 'Both tickets must exist in one organisation.', 'PT404');
	end if;
	return private.finish_inbound(message_id, 'follow_up_opened', ticket, 'follows ' || previous);
end $$;

-- The automatic answers. Each logs the message's outcome and queues its mail (notify sends it) unless
-- this address already had one of that kind today, or `per_hour` automatic answers of any kind went
-- out in the last hour (then the log's reason says so, and nothing is sent). Answers whether a mail
-- was queued (or had been, for a redelivery of the message answered today).
create function private.queue_auto_reply(message text, address text, template text, locale text, payload jsonb, per_hour int default 60, recipient uuid default null)
returns boolean
language plpgsql security definer set search_path = '' as $$
declare
	a text := lower(btrim(address));
	today date := (now() at time zone 'UTC')::date;
begin
	if exists (select 1 from public.inbound_auto_replies x where x.address = a and x.kind = template and x.day = today) then
		-- A redelivery of the message that was answered today still counts as answered.
		return exists (select 1 from public.inbound_auto_replies x where x.address = a and x.kind = template and x.day = today and x.message_id = message);
	end if;
	-- One at a time, so that the hourly count is exact under concurrent deliveries.
	perform pg_advisory_xact_lock(hashtext('mostrador.inbound_auto_replies'));
	if (select count(*) from public.inbound_auto_replies x where x.created_at > now() - interval '1 hour') >= greatest(coalesce(per_hour, 60), 0) then
		update public.inbound_emails e set reason = left(concat_ws('; ', e.reason, format('no automatic answer: more than %s in an hour', per_hour)), 2000)
		where e.message_id = message;
		return false;
	end if;
	insert into public.inbound_auto_replies (address, day, kind, message_id) values (a, today, template, message) on conflict do nothing;
	if not found then
		return exists (select 1 from public.inbound_auto_replies x where x.address = a and x.kind = template and x.day = today and x.message_id = message);
	end if;
	insert into public.notifications (template, recipient_user_id, recipient_email, locale, payload, dedupe_key)
	values (template, recipient, a, case when locale in ('es', 'en') then locale else 'es' end, payload, template || ':' || message)
	on conflict (dedupe_key) do nothing;
	return true;
end $$;

-- A member who may not open tickets learns who can: the names of the organisation's authorized
-- contacts and coordinators (names only, as organisation_contacts gives them to members).
create function public.inbound_email_not_authorized(message_id text, organisation uuid, per_hour int default 60) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
	r public.inbound_emails;
	p public.profiles;
	payload jsonb;
begin
	perform private.require_service_role();
	r := private.finish_inbound(message_id, 'not_authorized', null, 'not_authorized_contact');
	p := private.profile_by_email(r.sender);
	if r.sender is null or not exists (select 1 from public.memberships m where m.organisation_id = organisation and m.user_id = p.id) then
		perform private.fail('not_a_member', 'The sender does not belong to this organisation.', '42501');
	end if;
	select jsonb_build_object('organisation', o.name, 'contacts', coalesce((
		select jsonb_agg(c.name order by c.name) from (
			select coalesce(nullif(btrim(pp.full_name), ''), null) as name from public.memberships m join public.profiles pp on pp.id = m.user_id
			where m.organisation_id = o.id and m.role in ('authorized_contact', 'coordinator')
		) c where c.name is not null), '[]'::jsonb))
	into payload from public.organisations o where o.id = organisation;
	return private.queue_auto_reply(r.message_id, r.sender, 'email_not_authorized', p.locale, payload, per_hour);
end $$;

-- An address we do not know: the log row, and at most one answer a day pointing at the portal.
create function public.inbound_email_unknown_sender(message_id text, support_address text, portal_url text default null, per_hour int default 60) returns boolean
language plpgsql security definer set search_path = '' as $$
declare r public.inbound_emails;
begin
	perform private.require_service_role();
	r := private.finish_inbound(message_id, 'unknown_sender', null, null);
	if r.sender is null then return false; end if;
	if (private.profile_by_email(r.sender)).id is not null then
		perform private.fail('invalid_input', 'The sender has an account.', 'P0001', 'sender');
	end if;
	return private.queue_auto_reply(r.message_id, r.sender, 'email_unknown_sender', 'es',
		jsonb_strip_nulls(jsonb_build_object('support_address', support_address, 'portal_url', portal_url)), per_hour);
end $$;

-- A message from an authenticated sender that we cannot take as it is: too large, too many or too
-- large attachments (the screen), or a person who may open tickets in several organisations (a mail
-- names none: they choose it on the portal; `organisations` names them). The sender is told why.
create function public.inbound_email_refuse(message_id text, reason text, "limit" text default null, organisations text[] default null, per_hour int default 60)
returns boolean
language plpgsql security definer set search_path = '' as $$
declare
	r public.inbound_emails;
	p public.profiles;
begin
	perform private.require_service_role();
	if reason is null or reason not in ('too_large', 'too_many_attachments', 'attachment_too_large', 'several_organisations') then
		perform private.fail('invalid_input', 'reason is too_large, too_many_attachments, attachment_too_large or several_organisations.', 'P0001', 'reason');
	end if;
	r := private.finish_inbound(message_id, 'refused', null, reason);
	if r.sender is null then return false; end if;
	p := private.profile_by_email(r.sender);
	return private.queue_auto_reply(r.message_id, r.sender, 'email_refused', coalesce(p.locale, 'es'),
		jsonb_strip_nulls(jsonb_build_object('reason', reason, 'limit', "limit", 'subject', r.subject,
			'organisations', case when reason = 'several_organisations' then to_jsonb(organisations[1:20]) end)), per_hour);
end $$;

-- A mail whose sender is not authenticated (no DMARC pass from our receiving server): logged as
-- 'unverified' with the screen's reason, nothing opened or posted. When its From is a person we know,
-- that person, at their profile's address (never the mail's), hears once a day that a mail in their
-- name could not be verified; the notice quotes nothing of the mail. An unknown address hears nothing.
create function public.inbound_email_unverified(message_id text, reason text default null, per_hour int default 60) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
	r public.inbound_emails;
	p public.profiles;
begin
	perform private.require_service_role();
	r := private.finish_inbound(message_id, 'unverified', null, coalesce(reason, 'unauthenticated'));
	if r.outcome <> 'unverified' or r.sender is null then return false; end if;
	p := private.profile_by_email(r.sender);
	if p.id is null or p.email is null then return false; end if;
	return private.queue_auto_reply(r.message_id, lower(p.email), 'email_unverified', p.locale, '{}'::jsonb, per_hour, p.id);
end $$;

-- The ticket a logged mail was taken into (opened, answered, reopened or followed up), for the first
-- of `message_ids` (In-Reply-To, then References newest first) that has one; null when none has.
create function public.inbound_thread_ticket(message_ids text[]) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare found_ticket uuid;
begin
	perform private.require_service_role();
	select e.ticket_id into found_ticket
	from unnest(coalesce(message_ids, '{}')) with ordinality as ids(id, pos)
	join public.inbound_emails e on e.message_id = ids.id
	where e.ticket_id is not null and e.outcome in ('ticket_opened', 'reply_added', 'ticket_reopened', 'follow_up_opened')
	order by ids.pos limit 1;
	return found_ticket;
end $$;

revoke execute on function
	public.inbound_email_begin(text, text, text[], text, int), public.inbound_email_finish(text, text, uuid, text),
	public.inbound_sender(text), public.claim_inbound_files(uuid, jsonb),
	public.add_email_reply(text, uuid, text, text, uuid, jsonb), public.link_follow_up(text, uuid, uuid),
	public.inbound_email_not_authorized(text, uuid, int), public.inbound_email_unknown_sender(text, text, text, int),
	public.inbound_email_refuse(text, text, text, text[], int), public.inbound_email_unverified(text, text, int),
	public.inbound_thread_ticket(text[]),
	private.require_service_role(), private.finish_inbound(text, text, uuid, text), private.claim_inbound_files(uuid, jsonb),
	private.queue_auto_reply(text, text, text, text, jsonb, int, uuid)
from public, anon, authenticated;
grant execute on function
	public.inbound_email_begin(text, text, text[], text, int), public.inbound_email_finish(text, text, uuid, text),
	public.inbound_sender(text), public.claim_inbound_files(uuid, jsonb),
	public.add_email_reply(text, uuid, text, text, uuid, jsonb), public.link_follow_up(text, uuid, uuid),
	public.inbound_email_not_authorized(text, uuid, int), public.inbound_email_unknown_sender(text, text, text, int),
	public.inbound_email_refuse(text, text, text, text[], int), public.inbound_email_unverified(text, text, int),
	public.inbound_thread_ticket(text[])
to service_role;
