-- What the ticket form needs beyond the `tickets` function: deflections (a knowledge-base article the
-- customer says solved the problem while they were writing the ticket, so no ticket was needed) and
-- the monthly quota the form shows before sending. Same conventions as the identity and tickets
-- migrations: RLS on, writes through security-definer RPCs whose errors are stable codes.

-- Deflections --------------------------------------------------------------------------------------

create table public.deflections (
	id bigint generated always as identity primary key,
	-- The article that answered, as its slug: base-de-conocimiento/indice-desactualizado, en/…
	article_slug text not null check (article_slug ~ '^[a-z0-9/-]+$' and char_length(article_slug) <= 300),
	-- What the customer had typed, cut to 200 characters: enough to learn what people look for,
	-- not a copy of their problem.
	query text not null default '' check (char_length(query) <= 200),
	user_id uuid references public.profiles (id) on delete set null,
	-- For anonymous readers: a key the caller derives from its session (as for article votes).
	anon_key text check (char_length(anon_key) between 16 and 128),
	created_at timestamptz not null default now(),
	check (user_id is null or anon_key is null)
);
create index deflections_article on public.deflections (article_slug, created_at);
create index deflections_user on public.deflections (user_id, created_at);
create index deflections_anon on public.deflections (anon_key, created_at) where anon_key is not null;
alter table public.deflections enable row level security;
-- No policy: nobody reads or writes the table through the API; record_deflection() writes it and
-- reports read it with the service role.
revoke all on public.deflections from anon, authenticated;

-- Records that `article` (a published one) answered what the caller was typing (`query`). One
-- deflection per caller and article a day (a second click changes nothing and returns false); at most
-- ten a caller an hour (rate_limited). Signed-in callers are counted by their id, anonymous ones by
-- their anon_key.
create function public.record_deflection(article text, query text default '', anon_key text default null) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
	uid uuid := (select auth.uid());
	caller_key text := case when uid is null then record_deflection.anon_key end;
begin
	perform private.require_article(article);
	if uid is null and (caller_key is null or char_length(caller_key) not between 16 and 128) then
		perform private.fail('anon_key_required', 'Anonymous callers need a session key of 16 to 128 characters.');
	end if;
	-- Concurrent clicks of one caller queue here, so the checks below see each other's rows.
	perform pg_advisory_xact_lock(hashtext('deflection:' || coalesce(uid::text, caller_key)));
	if exists (
		select 1 from public.deflections d
		where (d.user_id = uid or d.anon_key = caller_key) and d.article_slug = article and d.created_at > now() - interval '1 day'
	) then
		return false;
	end if;
	if (select count(*) from public.deflections d where (d.user_id = uid or d.anon_key = caller_key) and d.created_at > now() - interval '1 hour') >= 10 then
		perform private.fail('rate_limited', 'Too many deflections in an hour; try again later.');
	end if;
	insert into public.deflections (article_slug, query, user_id, anon_key)
	values (article, left(coalesce(btrim(regexp_replace(query, '\s+', ' ', 'g')), ''), 200), uid, caller_key);
	return true;
end $$;

-- Monthly quota ------------------------------------------------------------------------------------

-- The organisation's tickets this calendar month, counted exactly as create_ticket counts them (both
-- read private.quota_window: the month in the programme's time zone; every ticket of the
-- organisation, whoever opened it): the plan's quota (null: unlimited), how many are used, how many
-- remain (null: unlimited) and the day the count starts again. Members of the organisation, staff and
-- the service role (the tickets function, for the renewal day of a refusal) only; everyone else gets
-- not_a_member, whether or not the organisation exists.
create function public.my_ticket_quota(organisation uuid)
returns table (monthly_quota int, used int, remaining int, renews_on date, timezone text)
language plpgsql stable security definer set search_path = '' as $$
declare service boolean := (select auth.role()) is not distinct from 'service_role';
begin
	if (select auth.uid()) is null and not service then
		perform private.fail('not_signed_in', 'Sign in to see your organisation''s tickets.', '42501');
	end if;
	if not exists (select 1 from public.organisations o where o.id = organisation)
		or not (private.is_member(organisation) or private.is_staff() or service) then
		perform private.fail('not_a_member', 'The caller does not belong to this organisation.', '42501');
	end if;
	return query select w.monthly_quota, w.used, w.remaining, w.renews_on, w.timezone from private.quota_window(organisation) w;
end $$;

revoke execute on function public.record_deflection(text, text, text), public.my_ticket_quota(uuid) from public;
revoke execute on function public.my_ticket_quota(uuid) from anon;
grant execute on function public.record_deflection(text, text, text) to anon, authenticated, service_role;
grant execute on function public.my_ticket_quota(uuid) to authenticated, service_role;
