-- What readers looked for and did not find (issue 17, the knowledge-gap report). Searches are counted,
-- never logged: one row per day, language and normalised query holding counters only — no user id,
-- no IP address, no session key, no time of day. The site sends them with the publishable key (a
-- reader may opt out in the browser; the privacy notice says so); record_search is the only writer.
-- Staff read the report through knowledge_gaps(), which joins these counters with what the portal
-- already knows: deflections ("sí, lo resolvió") and article votes ("no me ayudó").
-- Flooding is bounded without knowing who calls: a query's counters stop at a ceiling, and new
-- queries stop being taken after a few thousand a day (the report is about the common ones).

create table public.search_stats (
	day date not null default (now() at time zone 'utc')::date,
	lang text not null check (lang in ('es', 'en')),
	-- Lower-cased, spaces collapsed, at most 100 characters (private.search_query).
	query text not null check (char_length(query) between 1 and 100),
	searches integer not null default 0 check (searches >= 0),
	-- Searches that found nothing.
	no_result integer not null default 0 check (no_result >= 0),
	-- Results opened from this query.
	clicks integer not null default 0 check (clicks >= 0),
	-- Tickets filed in the visit after this search.
	tickets integer not null default 0 check (tickets >= 0),
	-- Tickets whose subject (this query) matched no article in the form's suggestions.
	unmatched_tickets integer not null default 0 check (unmatched_tickets >= 0),
	primary key (day, lang, query)
);
alter table public.search_stats enable row level security;
-- No policy: read by knowledge_gaps() (staff) and written by record_search() only.
revoke all on public.search_stats from anon, authenticated;

-- How often each article was offered as a suggestion by the ticket form, per day: the denominator of
-- its deflection rate.
create table public.suggestion_stats (
	day date not null default (now() at time zone 'utc')::date,
	article_slug text not null check (article_slug ~ '^[a-z0-9/-]+$' and char_length(article_slug) <= 300),
	shown integer not null default 0 check (shown >= 0),
	primary key (day, article_slug)
);
alter table public.suggestion_stats enable row level security;
revoke all on public.suggestion_stats from anon, authenticated;

/** A query as it is counted: lower-cased, blanks collapsed, trimmed, cut to 100 characters; null when empty. */
create function private.search_query(q text) returns text language sql immutable set search_path = '' as $$
	-- Cut before the work (a megabyte of text costs nothing) and trimmed after the cut (no trailing blank).
	select nullif(btrim(left(regexp_replace(lower(btrim(left(coalesce(q, ''), 1000))), '\s+', ' ', 'g'), 100)), '')
$$;
revoke all on function private.search_query(text) from public;

-- Counts one event of a reader's search. `event`:
--   search  — a search ran and found `results` articles (0: a search with no result);
--   click   — a result of `query` was opened;
--   ticket  — a ticket was filed after searching `query` in the same visit;
--   suggest — the ticket form had offered `articles` for the subject `query` when the customer either
--             said one solved it or filed the ticket (`filed` = true); filed with none offered, the
--             subject is counted as unmatched. Counted at that moment, not as the subject is typed, so
--             half-typed subjects never count and "shown" is the deflection rate's true denominator.
-- ticket and suggest come only from signed-in customers (only they file tickets or see the form), so
-- an anonymous caller cannot forge them. Returns whether it was counted: false for an empty query, a
-- query at its ceiling (1,000 a day: more than any real question gets), or a new query once the day's
-- quota of new queries is used up (5,000 from anonymous callers; signed-in callers have their own
-- 20,000, so anonymous flooding cannot blind the report to customers). Suggestions shown are counted
-- whatever the quotas, so the deflection rate's denominator never stops while its numerator goes on.
-- Bad input is refused with a code. Nothing here knows who calls: a determined anonymous flood can
-- still fill its quota or push a phrase up; the gateway's rate limits are the answer to that.
create function public.record_search(event text, query text, lang text default 'es', results integer default null, articles text[] default '{}', filed boolean default false) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
	q text := private.search_query(query);
	today date := (now() at time zone 'utc')::date;
	ceiling constant integer := 1000;
	signed_in boolean := (select auth.uid()) is not null;
	new_queries_a_day integer := case when (select auth.uid()) is not null then 20000 else 5000 end;
	slug text;
begin
	if event is null or event not in ('search', 'click', 'ticket', 'suggest') then
		perform private.fail('invalid_event', 'event is search, click, ticket or suggest.', 'P0001', 'event');
	end if;
	if lang is null or lang not in ('es', 'en') then perform private.fail('invalid_lang', 'lang is es or en.', 'P0001', 'lang'); end if;
	if results is not null and results < 0 then perform private.fail('invalid_results', null, 'P0001', 'results'); end if;
	if coalesce(cardinality(articles), 0) > 10 then perform private.fail('too_many_articles', 'At most 10 suggestions.', 'P0001', 'articles'); end if;
	if event in ('ticket', 'suggest') and not signed_in then perform private.fail('not_signed_in', null, '42501'); end if;
	if q is null then return false; end if;
	if event = 'suggest' and coalesce(cardinality(articles), 0) > 0 then
		foreach slug in array articles loop
			perform private.require_article(slug);
		end loop;
		insert into public.suggestion_stats as t (day, article_slug, shown)
		select today, a, 1 from unnest(articles) a group by a
		on conflict (day, article_slug) do update set shown = least(t.shown + 1, ceiling * 100);
	end if;
	if not exists (select 1 from public.search_stats s where s.day = today and s.lang = record_search.lang and s.query = q) then
		if (select count(*) from public.search_stats s where s.day = today) >= new_queries_a_day then return false; end if;
		insert into public.search_stats (day, lang, query) values (today, record_search.lang, q) on conflict do nothing;
	end if;
	update public.search_stats s set
		searches = s.searches + (event = 'search')::int,
		no_result = s.no_result + (event = 'search' and results is not distinct from 0)::int,
		clicks = s.clicks + (event = 'click')::int,
		tickets = s.tickets + (event = 'ticket')::int,
		unmatched_tickets = s.unmatched_tickets + (event = 'suggest' and filed is true and coalesce(cardinality(articles), 0) = 0)::int
	where s.day = today and s.lang = record_search.lang and s.query = q
		and greatest(s.searches, s.clicks, s.tickets, s.unmatched_tickets) < ceiling;
	return found;
end $$;
revoke all on function public.record_search(text, text, text, integer, text[], boolean) from public;
grant execute on function public.record_search(text, text, text, integer, text[], boolean) to anon, authenticated, service_role;

-- The knowledge-gap report for staff over the last `days` days (1–366): the searches with no result,
-- the searches with results nobody opened, the searches followed by a ticket, the ticket subjects the
-- form matched with no article, the deflection rate (suggestions offered vs "sí, lo resolvió") per
-- article and overall, and the articles most often voted "no me ayudó". Twenty of each, most first.
create function public.knowledge_gaps(days integer default 30) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
	since date;
	result jsonb;
begin
	perform private.require_staff();
	if days is null or days not between 1 and 366 then perform private.fail('invalid_days', 'days is 1 to 366.', 'P0001', 'days'); end if;
	since := (now() at time zone 'utc')::date - (days - 1);
	with q as (
		select s.query, s.lang, sum(s.searches)::int as searches, sum(s.no_result)::int as no_result, sum(s.clicks)::int as clicks,
			sum(s.tickets)::int as tickets, sum(s.unmatched_tickets)::int as unmatched_tickets
		from public.search_stats s where s.day >= since group by s.query, s.lang
	), shown as (
		select s.article_slug, sum(s.shown)::int as shown from public.suggestion_stats s where s.day >= since group by s.article_slug
	), solved as (
		select d.article_slug, count(*)::int as solved from public.deflections d where d.created_at >= since group by d.article_slug
	), deflection as (
		select coalesce(sh.article_slug, so.article_slug) as slug, coalesce(sh.shown, 0) as shown, coalesce(so.solved, 0) as solved
		from shown sh full join solved so on so.article_slug = sh.article_slug
	), votes as (
		select v.article_slug as slug, count(*) filter (where not v.helpful)::int as not_helpful, count(*) filter (where v.helpful)::int as helpful
		from public.article_votes v where v.updated_at >= since group by v.article_slug
	)
	select jsonb_build_object(
		'days', days,
		'searches', coalesce((select sum(searches) from q), 0),
		'no_result', coalesce((select jsonb_agg(x) from (select query, lang, no_result as count from q where no_result > 0 order by no_result desc, query limit 20) x), '[]'),
		'no_click', coalesce((select jsonb_agg(x) from (select query, lang, searches - no_result as count from q where searches > no_result and clicks = 0 order by searches - no_result desc, query limit 20) x), '[]'),
		'followed_by_ticket', coalesce((select jsonb_agg(x) from (select query, lang, tickets as count from q where tickets > 0 order by tickets desc, query limit 20) x), '[]'),
		'unmatched_tickets', coalesce((select jsonb_agg(x) from (select query, lang, unmatched_tickets as count from q where unmatched_tickets > 0 order by unmatched_tickets desc, query limit 20) x), '[]'),
		'deflection', jsonb_build_object(
			'shown', coalesce((select sum(shown) from deflection), 0),
			'solved', coalesce((select sum(solved) from deflection), 0),
			'articles', coalesce((select jsonb_agg(x) from (
				select d.slug, a.title, d.shown, d.solved from deflection d left join public.articles a on a.slug = d.slug
				order by d.shown desc, d.solved desc, d.slug limit 20) x), '[]')
		),
		'not_helpful', coalesce((select jsonb_agg(x) from (
			select v.slug, a.title, v.not_helpful, v.helpful from votes v left join public.articles a on a.slug = v.slug
			where v.not_helpful > 0 order by v.not_helpful desc, v.slug limit 20) x), '[]')
	) into result;
	return result;
end $$;
revoke all on function public.knowledge_gaps(integer) from public, anon;
grant execute on function public.knowledge_gaps(integer) to authenticated;
