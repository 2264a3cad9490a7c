-- The reader's trail on a ticket (issue 17): what the customer searched for and which articles they
-- opened in the visit before filing, kept in their browser until then (src/lib/reader-trail.ts) and
-- sent once the ticket exists, so the agent reads "Antes de abrir el ticket buscó… y leyó…". Nothing
-- is stored for a reader who does not file. Staff read it; the requester wrote it; nobody else sees it.

create table public.ticket_trails (
	ticket_id uuid primary key references public.tickets (id) on delete cascade,
	-- The searches, oldest first: at most 10 of at most 100 characters.
	searches text[] not null default '{}' check (cardinality(searches) <= 10),
	-- The articles opened, oldest first, as slugs of published articles: at most 10.
	articles text[] not null default '{}' check (cardinality(articles) <= 10),
	created_at timestamptz not null default now()
);
alter table public.ticket_trails enable row level security;
create policy "Staff read trails" on public.ticket_trails for select to authenticated using ((select private.is_staff()));
revoke all on public.ticket_trails from anon;
revoke insert, update, delete, truncate, references, trigger on public.ticket_trails from authenticated;

-- Records the trail of a ticket the caller opened, within an hour of opening it, once (a second call
-- changes nothing and returns false). Searches are normalised as the search counters are (lower case,
-- blanks collapsed, 100 characters) and empty ones dropped; articles must be published ones (unknown
-- slugs are dropped: an article may have been unpublished since it was read).
create function public.record_ticket_trail(ticket uuid, searches text[] default '{}', articles text[] default '{}') returns boolean
language plpgsql security definer set search_path = '' as $$
declare
	t public.tickets;
	clean_searches text[];
	clean_articles text[];
begin
	if (select auth.uid()) is null then perform private.fail('not_signed_in', null, '42501'); end if;
	if coalesce(cardinality(searches), 0) > 10 or coalesce(cardinality(articles), 0) > 10 then
		perform private.fail('trail_too_long', 'At most 10 searches and 10 articles.', 'P0001', 'trail');
	end if;
	select * into t from public.tickets where id = ticket;
	if not found or t.requester_id is distinct from (select auth.uid()) then perform private.fail('ticket_not_found', null, 'PT404'); end if;
	if t.created_at < now() - interval '1 hour' then perform private.fail('trail_too_late', 'The trail is sent when the ticket is opened.', 'P0001', 'trail'); end if;
	select coalesce(array_agg(q order by n), '{}') into clean_searches
	from (select private.search_query(s) as q, min(n) as n from unnest(coalesce(searches, '{}')) with ordinality u(s, n) group by 1) x where q is not null;
	select coalesce(array_agg(a.slug order by u.n), '{}') into clean_articles
	from (select s, min(n) as n from unnest(coalesce(articles, '{}')) with ordinality v(s, n) group by s) u
	join public.articles a on a.slug = u.s;
	insert into public.ticket_trails (ticket_id, searches, articles) values (ticket, clean_searches, clean_articles)
	on conflict (ticket_id) do nothing;
	return found;
end $$;
revoke all on function public.record_ticket_trail(uuid, text[], text[]) from public, anon;
grant execute on function public.record_ticket_trail(uuid, text[], text[]) to authenticated;
