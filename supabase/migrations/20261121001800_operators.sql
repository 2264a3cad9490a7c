-- Operators without SQL (/admin/): everything an admin used to need the SQL editor for, as
-- security-definer functions that check who calls, refuse with stable codes and leave a record.
-- * Organisations: created only on a programme that takes customer tickets; contract start and end
--   (a renewal is a new end date) and go-live changed through set_organisation_dates; the last day a
--   plan included for some months is shown through included_until.
-- * Plan or programme changes, effective from a date: organisation_plan_changes keeps who asked,
--   when, from what, to what, from which day and whether open tickets follow. A change effective today
--   (in the organisation's time zone) applies at once; a later one is applied by
--   private.apply_due_plan_changes, which a cron job runs every minute (the same scheduler that runs
--   the SLA sweep: pg_cron on a hosted project, supabase/local/cron.ts locally). Why a job and not
--   "evaluate at read time": every reader of organisations.plan_id (may_open_ticket, create_ticket,
--   the tickets function's due times, RLS-read pages) would have to learn the rule; a job keeps one
--   source of truth, at the cost of at most a minute after the organisation's midnight.
-- * Support staff: invited by e-mail with a single-use link valid for 7 days; the person becomes staff
--   only by opening that link signed in with that address (accept_staff_invitation). Never by the
--   address alone: sign-ups are confirmed at once (enable_confirmations = false), so an account with
--   an address proves nothing about who reads its mail. Role and level changed, deactivated; never the
--   last admin, never oneself. Direct writes to staff and organisations are
--   withdrawn from the API: each would skip these rules (the last admin, the plan change record).

-- Direct writes that would skip the rules ------------------------------------------------------------

drop policy "Admins add staff" on public.staff;
drop policy "Admins change staff" on public.staff;
drop policy "Admins remove staff" on public.staff;
drop policy "Admins create organisations" on public.organisations;
drop policy "Admins change organisations" on public.organisations;
drop policy "Admins delete organisations" on public.organisations;
revoke insert, update, delete, truncate, references, trigger on public.staff, public.organisations from authenticated;

-- Organisations --------------------------------------------------------------------------------------

-- As before (the admin migration), and a programme that takes no customer tickets is refused: an
-- organisation on it could never open one, which is a mistake, not a choice.
create or replace function public.create_organisation(name text, programme text, plan text, contract_start date, contract_end date default null, timezone text default null)
returns public.organisations language plpgsql security definer set search_path = '' as $$
declare
	o public.organisations;
	clean_name text := trim(name);
	zone text := nullif(trim(timezone), '');
begin
	perform private.require_admin();
	if clean_name is null or char_length(clean_name) not between 1 and 200 then perform private.fail('invalid_name', 'A name of 1 to 200 characters.', 'P0001', 'name'); end if;
	if not exists (select 1 from public.plans p where p.programme_id = programme and p.id = plan) then
		perform private.fail('plan_not_found', 'The programme has no such plan.', 'PT404', 'plan');
	end if;
	if not (select p.customer_tickets from public.programmes p where p.id = programme) then
		perform private.fail('programme_without_tickets', 'This programme takes no customer tickets: no organisation is placed on it.', 'P0001', 'programme');
	end if;
	if contract_start is null then perform private.fail('contract_start_required', null, 'P0001', 'contract_start'); end if;
	if contract_end is not null and contract_end < contract_start then
		perform private.fail('invalid_contract_dates', 'The contract cannot end before it starts.', 'P0001', 'contract_end');
	end if;
	if zone is null then select p.timezone into zone from public.programmes p where p.id = programme; end if;
	if not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = zone) then
		perform private.fail('invalid_timezone', 'An IANA time zone, e.g. America/Mexico_City.', 'P0001', 'timezone');
	end if;
	if exists (select 1 from public.organisations x where lower(x.name) = lower(clean_name)) then
		perform private.fail('organisation_exists', 'An organisation with this name exists.', 'P0001', 'name');
	end if;
	insert into public.organisations (name, programme_id, plan_id, contract_start, contract_end, timezone)
	values (clean_name, programme, plan, contract_start, contract_end, zone)
	returning * into o;
	return o;
end $$;

-- Sets an organisation's contract start and end and its go-live date (admins), all three at once as
-- the form shows them: a renewal is a later end date, an open-ended contract has none. Go-live, from
-- which a plan included for some months counts, is not before the contract starts. Setting the same
-- dates again changes nothing.
create function public.set_organisation_dates(organisation uuid, contract_start date, contract_end date default null, go_live date default null)
returns public.organisations language plpgsql security definer set search_path = '' as $$
declare o public.organisations;
begin
	perform private.require_admin();
	select * into o from public.organisations x where x.id = organisation for update;
	if not found then perform private.fail('organisation_not_found', null, 'PT404'); end if;
	if contract_start is null then perform private.fail('contract_start_required', null, 'P0001', 'contract_start'); end if;
	if contract_end is not null and contract_end < contract_start then
		perform private.fail('invalid_contract_dates', 'The contract cannot end before it starts.', 'P0001', 'contract_end');
	end if;
	if go_live is not null and go_live < contract_start then
		perform private.fail('invalid_go_live', 'Go-live cannot come before the contract starts.', 'P0001', 'go_live');
	end if;
	update public.organisations x
	set contract_start = set_organisation_dates.contract_start, contract_end = set_organisation_dates.contract_end, go_live = set_organisation_dates.go_live
	where x.id = organisation
	returning * into o;
	return o;
end $$;

-- The last day the organisation's plan is included (private.plan_included_until, which may_open_ticket
-- enforces), for its people and for staff; null when the plan has no such limit or go-live is not set.
create function public.included_until(organisation uuid) returns date
language plpgsql stable security definer set search_path = '' as $$
declare o public.organisations;
begin
	if (select auth.uid()) is null then perform private.fail('not_signed_in', null, '42501'); end if;
	select * into o from public.organisations x where x.id = organisation;
	if not found or not (private.is_staff() or private.is_member(organisation)) then
		perform private.fail('organisation_not_found', null, 'PT404');
	end if;
	return private.plan_included_until(o);
end $$;

-- Plan and programme changes ----------------------------------------------------------------------

create table public.organisation_plan_changes (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	from_programme_id text not null,
	from_plan_id text not null,
	to_programme_id text not null,
	to_plan_id text not null,
	-- The organisation's calendar day (its time zone) from which the new plan is in force.
	effective_from date not null,
	-- Whether the tickets open when it applies move to the new plan too (same programme only).
	retarget_open boolean not null default false,
	requested_by uuid references public.profiles (id) on delete set null,
	requested_at timestamptz not null default now(),
	applied_at timestamptz,
	-- How many open tickets moved when it applied (0 when retarget_open is false).
	retargeted_tickets int check (retargeted_tickets >= 0),
	-- A pending change is cancelled by the admin, or superseded by a newer change of the organisation.
	cancelled_at timestamptz,
	-- The last time the cron job could not apply it, and why (SQLSTATE: message). It stays pending and
	-- is tried again on the next run; the other organisations' changes are applied regardless.
	failed_at timestamptz,
	failure text check (char_length(failure) <= 2000),
	foreign key (to_programme_id, to_plan_id) references public.plans (programme_id, id),
	check (applied_at is null or cancelled_at is null)
);
create index organisation_plan_changes_organisation on public.organisation_plan_changes (organisation_id, requested_at desc);
create index organisation_plan_changes_due on public.organisation_plan_changes (effective_from) where applied_at is null and cancelled_at is null;
create index organisation_plan_changes_requested_by on public.organisation_plan_changes (requested_by);
create index organisation_plan_changes_plan on public.organisation_plan_changes (to_programme_id, to_plan_id);
alter table public.organisation_plan_changes enable row level security;
create policy "Admins see plan changes"
	on public.organisation_plan_changes for select to authenticated using ((select private.is_admin()));
revoke all on public.organisation_plan_changes from anon;
revoke insert, update, delete, truncate, references, trigger on public.organisation_plan_changes from authenticated;

-- Applies one pending change: the organisation moves to the new plan, so every ticket opened from now
-- on is opened under it (create_ticket and the tickets function read the organisation's plan).
-- Open tickets keep the plan, calendar and targets they were opened under, unless the change says
-- retarget_open: then each ticket that is not closed moves to the new plan (same programme; see
-- change_organisation_plan). Moving tickets.plan_id is what the SLA engine understands: the tickets
-- trigger logs a 'plan_changed' event and flags the ticket, and the sweep rebuilds its state from the
-- log, where a plan change switches calendar and targets from the change instant on — the business
-- time already spent is kept, nothing is recomputed as if the ticket had always been on the new plan.
create function private.apply_plan_change(change public.organisation_plan_changes) returns public.organisation_plan_changes
language plpgsql security definer set search_path = '' as $$
declare
	moved int := 0;
	done public.organisation_plan_changes;
begin
	update public.organisations o set programme_id = change.to_programme_id, plan_id = change.to_plan_id where o.id = change.organisation_id;
	if change.retarget_open then
		update public.tickets t set plan_id = change.to_plan_id
		where t.organisation_id = change.organisation_id and t.status <> 'closed'
			and t.programme_id = change.to_programme_id and t.plan_id <> change.to_plan_id;
		get diagnostics moved = row_count;
	end if;
	update public.organisation_plan_changes c set applied_at = now(), retargeted_tickets = moved where c.id = change.id returning * into done;
	return done;
end $$;

-- Applies every pending change whose day has come in its organisation's time zone, oldest first; run
-- by the cron job below (and by tests with a later `at`). Returns how many it applied.
-- Locks in the order change_organisation_plan does — the organisation, then its change — so the two
-- never wait on each other in a cycle (a deadlock would fail the admin's request with a 500). An
-- organisation an admin is changing right now is left for the next run (skip locked), and so is a
-- change another run holds. Each change applies in its own subtransaction: one that fails (a bad row,
-- a trigger's refusal) is rolled back alone, its failure recorded on it, and the run goes on.
create function private.apply_due_plan_changes(at timestamptz default now()) returns int
language plpgsql security definer set search_path = '' as $$
declare
	due record;
	c public.organisation_plan_changes;
	n int := 0;
begin
	for due in
		select x.id, x.organisation_id from public.organisation_plan_changes x join public.organisations o on o.id = x.organisation_id
		where x.applied_at is null and x.cancelled_at is null and x.effective_from <= (at at time zone o.timezone)::date
		order by x.effective_from, x.requested_at
	loop
		begin
			perform 1 from public.organisations o where o.id = due.organisation_id for update skip locked;
			if found then
				-- Still pending once the organisation is ours (an admin may have cancelled or superseded it).
				select * into c from public.organisation_plan_changes x
				where x.id = due.id and x.applied_at is null and x.cancelled_at is null
				for update skip locked;
				if found then
					perform private.apply_plan_change(c);
					n := n + 1;
				end if;
			end if;
		exception when others then
			update public.organisation_plan_changes x set failed_at = now(), failure = left(sqlstate || ': ' || sqlerrm, 2000) where x.id = due.id;
		end;
	end loop;
	return n;
end $$;

-- Moves an organisation to a plan (of its programme or another), from `effective_from` on (admins):
-- today or later in the organisation's time zone; today applies at once, a later day when it comes.
-- A newer change supersedes one still pending. `retarget_open` moves the open tickets too, and only
-- within the programme: a ticket's severity, calendar and whole event log belong to its programme
-- (the engine replays a ticket on its own programme's rules), so a change to another programme is
-- refused with retarget_other_programme rather than mapping severities across programmes — the
-- tickets keep their programme and severity, valid by construction, and run to the end on the terms
-- they were opened under. Asking for the same change again (a retry) returns the first one.
create function public.change_organisation_plan(organisation uuid, programme text, plan text, effective_from date, retarget_open boolean default false)
returns public.organisation_plan_changes language plpgsql security definer set search_path = '' as $$
declare
	o public.organisations;
	c public.organisation_plan_changes;
	today date;
begin
	perform private.require_admin();
	select * into o from public.organisations x where x.id = organisation for update;
	if not found then perform private.fail('organisation_not_found', null, 'PT404'); end if;
	if not exists (select 1 from public.plans p where p.programme_id = programme and p.id = plan) then
		perform private.fail('plan_not_found', 'The programme has no such plan.', 'PT404', 'plan');
	end if;
	if not (select p.customer_tickets from public.programmes p where p.id = programme) then
		perform private.fail('programme_without_tickets', 'This programme takes no customer tickets: no organisation is placed on it.', 'P0001', 'programme');
	end if;
	today := (now() at time zone o.timezone)::date;
	if effective_from is null or effective_from < today then
		perform private.fail('invalid_effective_date', format('From today (%s) on, in the organisation''s time zone.', today), 'P0001', 'effective_from');
	end if;
	if coalesce(retarget_open, false) and programme <> o.programme_id then
		perform private.fail('retarget_other_programme', 'Open tickets stay on their programme; a change of programme applies to new tickets only.', 'P0001', 'retarget_open');
	end if;
	-- A retry: the same change, pending, or applied and still in force.
	select * into c from public.organisation_plan_changes x
	where x.organisation_id = organisation and x.to_programme_id = programme and x.to_plan_id = plan
		and x.effective_from = change_organisation_plan.effective_from and x.retarget_open = coalesce(change_organisation_plan.retarget_open, false)
		and x.cancelled_at is null
		and (x.applied_at is null or (o.programme_id, o.plan_id) = (programme, plan))
	order by x.requested_at desc limit 1;
	if found then return c; end if;
	if (o.programme_id, o.plan_id) = (programme, plan) and not exists (
		select 1 from public.organisation_plan_changes x where x.organisation_id = organisation and x.applied_at is null and x.cancelled_at is null
	) then
		perform private.fail('plan_unchanged', 'The organisation is on this plan already.', 'P0001', 'plan');
	end if;
	-- The organisation is locked above, before any of its changes: the order the cron job keeps.
	update public.organisation_plan_changes x set cancelled_at = now()
	where x.organisation_id = organisation and x.applied_at is null and x.cancelled_at is null;
	insert into public.organisation_plan_changes (organisation_id, from_programme_id, from_plan_id, to_programme_id, to_plan_id, effective_from, retarget_open, requested_by)
	values (organisation, o.programme_id, o.plan_id, programme, plan, effective_from, coalesce(retarget_open, false), (select auth.uid()))
	returning * into c;
	if effective_from = today then c := private.apply_plan_change(c); end if;
	return c;
end $$;

-- Cancels a change still pending (admins); cancelling twice is harmless; an applied one is history.
create function public.cancel_plan_change(change uuid) returns public.organisation_plan_changes
language plpgsql security definer set search_path = '' as $$
declare c public.organisation_plan_changes;
begin
	perform private.require_admin();
	select * into c from public.organisation_plan_changes x where x.id = change for update;
	if not found then perform private.fail('plan_change_not_found', null, 'PT404'); end if;
	if c.applied_at is not null then perform private.fail('plan_change_applied', 'This change is in force already; schedule another one to undo it.'); end if;
	if c.cancelled_at is null then
		update public.organisation_plan_changes x set cancelled_at = now() where x.id = c.id returning * into c;
	end if;
	return c;
end $$;

do $$
begin
	if to_regprocedure('cron.schedule(text,text,text)') is null then
		raise notice 'pg_cron is not available: future plan changes are not scheduled';
		return;
	end if;
	perform cron.schedule('plan-changes', '* * * * *', 'select private.apply_due_plan_changes()');
end $$;

-- Support staff -----------------------------------------------------------------------------------

-- Invitations to join the support team. The address alone never makes anyone staff: sign-ups are
-- confirmed at once (config.toml, enable_confirmations = false), so whoever guesses an address could
-- hold an account with it. What grants staff is a random token mailed to the address (the link
-- /cuenta/?equipo=<token>), presented by a person signed in with that same address: the token proves
-- they read that mailbox, the address that the invitation is theirs. Only the token's sha256 is
-- stored, as for organisation invitation codes (the identity migration); single use; 7 days. One
-- pending invitation per address: inviting again sends a new link and the old one stops working.
create table public.staff_invitations (
	id uuid primary key default gen_random_uuid(),
	email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 320),
	role text not null check (role in ('agent', 'lead', 'admin')),
	level int not null default 1 check (level in (1, 2)),
	-- sha256 of the token in the mailed link; the token itself is only in the mail.
	token_hash bytea not null unique,
	expires_at timestamptz not null,
	invited_by uuid references public.profiles (id) on delete set null,
	invited_at timestamptz not null default now(),
	accepted_at timestamptz,
	accepted_by uuid references public.profiles (id) on delete set null,
	revoked_at timestamptz,
	check (accepted_at is null or revoked_at is null)
);
-- Pending: neither accepted nor revoked (an expired one too, until it is sent again or revoked).
create unique index staff_invitations_pending on public.staff_invitations (lower(email)) where accepted_at is null and revoked_at is null;
create index staff_invitations_invited_by on public.staff_invitations (invited_by);
create index staff_invitations_accepted_by on public.staff_invitations (accepted_by);
alter table public.staff_invitations enable row level security;
create policy "Admins see staff invitations"
	on public.staff_invitations for select to authenticated using ((select private.is_admin()));
revoke all on public.staff_invitations from anon;
revoke insert, update, delete, truncate, references, trigger on public.staff_invitations from authenticated;
-- Not even admins read the token's hash: every column but it.
revoke select on public.staff_invitations from authenticated;
grant select (id, email, role, level, expires_at, invited_by, invited_at, accepted_at, accepted_by, revoked_at) on public.staff_invitations to authenticated;

-- Serialises the checks on the number of admins: two admins demoting each other at once must not
-- leave none. Taken before require_admin(), so a caller being demoted at this moment is judged on
-- the committed outcome and cannot finish one more privileged action.
create function private.lock_admins() returns int language sql security definer set search_path = '' as $$
	select count(*)::int from (select 1 from public.staff s where s.role = 'admin' for update) a
$$;

-- Invites an e-mail address to the support team as agent, lead or admin with a level (admins): a
-- pending invitation with a new token, valid 7 days, and a mail (staff_invited) to that address with
-- the link — whether or not an account with it exists; nobody becomes staff here. Inviting again an
-- address with a pending invitation (expired or not, a retry, or two admins at once) updates that
-- invitation: role and level as asked now, a new token and expiry, a new mail; the old link stops
-- working. Someone already on the team is refused: their role is changed in the list.
-- Answers {invitation, email, role, level, expires_at}.
create function public.invite_staff(email text, role text, level int default 1) returns jsonb
language plpgsql security definer set search_path = '' as $$
-- `email` in the conflict target below is the column (the argument is read as invite_staff.email).
#variable_conflict use_column
declare
	address text := lower(btrim(invite_staff.email));
	token text := encode(extensions.gen_random_bytes(24), 'hex');
	lang text;
	inv public.staff_invitations;
begin
	perform private.require_admin();
	if address is null or address !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' or char_length(address) > 320 then
		perform private.fail('invalid_email', 'An e-mail address, e.g. ana@example.com.', 'P0001', 'email');
	end if;
	if role is null or role not in ('agent', 'lead', 'admin') then perform private.fail('invalid_role', null, 'P0001', 'role'); end if;
	if level is null or level not in (1, 2) then perform private.fail('invalid_level', null, 'P0001', 'level'); end if;
	-- Only to refuse a pointless invitation and to write in the account's language: nothing is granted
	-- by this lookup (auth.users.email is the address the person signs in with).
	if exists (select 1 from auth.users u join public.staff s on s.user_id = u.id where lower(u.email) = address) then
		perform private.fail('already_staff', 'This person is support staff already; change their role in the list.', 'P0001', 'email');
	end if;
	select p.locale into lang from auth.users u join public.profiles p on p.id = u.id where lower(u.email) = address order by u.created_at limit 1;
	-- on conflict: a concurrent invitation of the same address updates the one that won, never a 23505.
	insert into public.staff_invitations as i (email, role, level, token_hash, expires_at, invited_by)
	values (address, invite_staff.role, invite_staff.level, extensions.digest(token, 'sha256'), now() + interval '7 days', (select auth.uid()))
	on conflict (lower(email)) where accepted_at is null and revoked_at is null do update
	set role = excluded.role, level = excluded.level, token_hash = excluded.token_hash, expires_at = excluded.expires_at,
		invited_by = excluded.invited_by, invited_at = now()
	returning * into inv;
	-- To the address, never to an account: the mail is the proof. The token is in the payload only
	-- (notifications are the service role's alone), the dedupe key names the token's hash, not the token.
	insert into public.notifications (template, recipient_email, locale, payload, dedupe_key)
	values ('staff_invited', address, coalesce(lang, 'es'),
		jsonb_build_object('role', inv.role, 'level', inv.level, 'token', token, 'valid_days', 7),
		'staff_invited:' || inv.id || ':' || left(encode(inv.token_hash, 'hex'), 16))
	on conflict (dedupe_key) do nothing;
	return jsonb_build_object('invitation', inv.id, 'email', inv.email, 'role', inv.role, 'level', inv.level, 'expires_at', inv.expires_at);
end $$;

-- The pending invitation a signed-in caller presents the mailed token of, locked, or a refusal:
-- with one code whatever the reason (so a guesser learns nothing), a token that is not one, expired,
-- used, or revoked — staff_invitation_invalid; a caller signed in with another address than the
-- invited one — staff_invitation_other_address.
create function private.staff_invitation_of_caller(token text) returns public.staff_invitations
language plpgsql security definer set search_path = '' as $$
declare
	me uuid := (select auth.uid());
	inv public.staff_invitations;
	person auth.users;
begin
	if me is null then perform private.fail('not_signed_in', null, '42501'); end if;
	select * into inv from public.staff_invitations i
	where i.token_hash = extensions.digest(lower(coalesce(btrim(token), '')), 'sha256') for update;
	if inv.id is null or inv.accepted_at is not null or inv.revoked_at is not null or inv.expires_at <= now() then
		perform private.fail('staff_invitation_invalid', 'This link is not valid: it may have expired, been used or been withdrawn.', 'P0001', 'token');
	end if;
	select * into person from auth.users u where u.id = me;
	if person.email is null or lower(person.email) <> lower(inv.email) then
		perform private.fail('staff_invitation_other_address', 'Sign in with the address the invitation was sent to.', '42501', 'token');
	end if;
	return inv;
end $$;

-- What the mailed link invites the caller to (anyone signed in), before they accept: the role and
-- level, and until when; refused as accept_staff_invitation would refuse it. Changes nothing.
create function public.staff_invitation(token text) returns table (role text, level int, expires_at timestamptz)
language plpgsql security definer set search_path = '' as $$
declare inv public.staff_invitations;
begin
	inv := private.staff_invitation_of_caller(token);
	return query select inv.role, inv.level, inv.expires_at;
end $$;

-- Accepts a staff invitation with the token from its mail (anyone signed in): the caller becomes
-- staff with the invitation's role and level (or has them, when staff already), and the invitation is
-- used. Refusals: private.staff_invitation_of_caller. A retry by the person who accepted it answers
-- their staff row again (while they are still staff).
-- Accepted from a session that did not sign in with the account's password (an e-mail link or code,
-- the usual way), the account's password is replaced by a random one nobody knows — what GoTrue gives
-- an account created by e-mail sign-in — and its other sessions end. Sign-ups are confirmed at once,
-- so a stranger may have created this account with the invited address before its owner, who then
-- signs into it by e-mail: the stranger's password and sessions must not come with staff access.
create function public.accept_staff_invitation(token text) returns public.staff
language plpgsql security definer set search_path = '' as $$
declare
	me uuid := (select auth.uid());
	inv public.staff_invitations;
	s public.staff;
begin
	if me is not null then
		select s2.* into s from public.staff_invitations i join public.staff s2 on s2.user_id = i.accepted_by
		where i.token_hash = extensions.digest(lower(coalesce(btrim(token), '')), 'sha256') and i.accepted_by = me;
		if found then return s; end if;
	end if;
	inv := private.staff_invitation_of_caller(token);
	-- An admin accepting a lesser role must not leave the team without one.
	perform private.lock_admins();
	select * into s from public.staff x where x.user_id = me for update;
	if found and s.role = 'admin' and inv.role <> 'admin' and (select count(*) from public.staff x where x.role = 'admin') <= 1 then
		perform private.fail('last_admin', 'The support team keeps at least one admin.', 'P0001', 'token');
	end if;
	insert into public.staff as x (user_id, role, level) values (me, inv.role, inv.level)
	on conflict (user_id) do update set role = excluded.role, level = excluded.level
	returning * into s;
	update public.staff_invitations i set accepted_at = now(), accepted_by = me where i.id = inv.id;
	if not exists (
		select 1 from jsonb_array_elements(coalesce((select auth.jwt()) -> 'amr', '[]'::jsonb)) a where a ->> 'method' = 'password'
	) then
		update auth.users u set encrypted_password = extensions.crypt(encode(extensions.gen_random_bytes(32), 'hex'), extensions.gen_salt('bf', 10)), updated_at = now()
		where u.id = me;
		delete from auth.sessions x where x.user_id = me and x.id is distinct from nullif((select auth.jwt()) ->> 'session_id', '')::uuid;
	end if;
	return s;
end $$;

-- Withdraws a pending staff invitation (admins): its link stops working; twice is harmless. Answers
-- the invitation without its token's hash.
create function public.revoke_staff_invitation(invitation uuid) returns public.staff_invitations
language plpgsql security definer set search_path = '' as $$
declare inv public.staff_invitations;
begin
	perform private.require_admin();
	select * into inv from public.staff_invitations i where i.id = invitation for update;
	if not found then perform private.fail('staff_invitation_not_found', null, 'PT404'); end if;
	if inv.accepted_at is null and inv.revoked_at is null then
		update public.staff_invitations i set revoked_at = now() where i.id = inv.id returning * into inv;
	end if;
	inv.token_hash := null;
	return inv;
end $$;

-- Sets a staff member's role and level (admins). The last admin stays an admin.
create function public.set_staff_role(member uuid, role text, level int) returns public.staff
language plpgsql security definer set search_path = '' as $$
declare s public.staff;
begin
	-- The admins' rows first, then whether the caller is one (see lock_admins).
	perform private.lock_admins();
	perform private.require_admin();
	if role is null or role not in ('agent', 'lead', 'admin') then perform private.fail('invalid_role', null, 'P0001', 'role'); end if;
	if level is null or level not in (1, 2) then perform private.fail('invalid_level', null, 'P0001', 'level'); end if;
	select * into s from public.staff x where x.user_id = member for update;
	if not found then perform private.fail('staff_not_found', null, 'PT404'); end if;
	if s.role = 'admin' and set_staff_role.role <> 'admin' and (select count(*) from public.staff x where x.role = 'admin') <= 1 then
		perform private.fail('last_admin', 'The support team keeps at least one admin.', 'P0001', 'role');
	end if;
	if (s.role, s.level) is distinct from (set_staff_role.role, set_staff_role.level) then
		update public.staff x set role = set_staff_role.role, level = set_staff_role.level where x.user_id = member returning * into s;
	end if;
	return s;
end $$;

-- Takes a person off the support team (admins): their staff row goes, so they lose staff access and
-- their assigned tickets return to the queue (tickets.assignee_id is set null); their account, the
-- messages they wrote and the event log (which recorded them as staff when they acted) stay. Never
-- oneself (another admin does it), never the last admin.
create function public.deactivate_staff(member uuid) returns public.staff
language plpgsql security definer set search_path = '' as $$
declare s public.staff;
begin
	-- The admins' rows first, then whether the caller is one (see lock_admins).
	perform private.lock_admins();
	perform private.require_admin();
	if member = (select auth.uid()) then perform private.fail('staff_self', 'Another admin takes you off the team.', '42501'); end if;
	select * into s from public.staff x where x.user_id = member for update;
	if not found then perform private.fail('staff_not_found', null, 'PT404'); end if;
	if s.role = 'admin' and (select count(*) from public.staff x where x.role = 'admin') <= 1 then
		perform private.fail('last_admin', 'The support team keeps at least one admin.');
	end if;
	delete from public.staff x where x.user_id = member;
	return s;
end $$;

-- Grants ------------------------------------------------------------------------------------------

revoke execute on function
	private.apply_plan_change(public.organisation_plan_changes),
	private.apply_due_plan_changes(timestamptz),
	private.lock_admins(),
	private.staff_invitation_of_caller(text)
from public;
revoke execute on function
	public.set_organisation_dates(uuid, date, date, date),
	public.included_until(uuid),
	public.change_organisation_plan(uuid, text, text, date, boolean),
	public.cancel_plan_change(uuid),
	public.invite_staff(text, text, int),
	public.revoke_staff_invitation(uuid),
	public.staff_invitation(text),
	public.accept_staff_invitation(text),
	public.set_staff_role(uuid, text, int),
	public.deactivate_staff(uuid)
from public, anon;
grant execute on function
	public.set_organisation_dates(uuid, date, date, date),
	public.included_until(uuid),
	public.change_organisation_plan(uuid, text, text, date, boolean),
	public.cancel_plan_change(uuid),
	public.invite_staff(text, text, int),
	public.revoke_staff_invitation(uuid),
	public.staff_invitation(text),
	public.accept_staff_invitation(text),
	public.set_staff_role(uuid, text, int),
	public.deactivate_staff(uuid)
to authenticated, service_role;
