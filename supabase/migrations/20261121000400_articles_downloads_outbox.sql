-- Comments on and feedback for articles, versioned downloads with their visibility and log, and the
-- notification outbox the functions drain. Same conventions as the identity and tickets migrations.
-- * Articles: comments, votes and deflections only on articles that exist; the seed (generated from
--   content/docs) lists them.
-- * Article comments: readers get display names through article_comment_thread (the widgets
--   migration), never author ids (anyone may sign up, so withholding them from anon alone would
--   withhold nothing); staff moderate through comments_for_moderation; who hid a comment is nobody's
--   business through the API (hidden_at says that it was).

-- Articles -----------------------------------------------------------------------------------------

-- The published articles, by the slug the site gives each page (Starlight's entry id: the file's path
-- under content/docs without extension; en/… for English). Written by the seed generated from
-- content (npm run seed:generate); read by anyone.
create table public.articles (
	slug text primary key check (slug ~ '^[a-z0-9]+([/-][a-z0-9]+)*$' and char_length(slug) <= 300),
	title text not null check (char_length(title) between 1 and 300),
	lang text not null check (lang in ('es', 'en'))
);
alter table public.articles enable row level security;
create policy "Anyone reads the published articles" on public.articles for select to anon, authenticated using (true);
revoke insert, update, delete, truncate, references, trigger on public.articles from anon, authenticated;

create function private.require_article(slug text) returns void language plpgsql stable security definer set search_path = '' as $$
begin
	if slug is null or char_length(slug) > 300 or slug !~ '^[a-z0-9/-]+$' then
		perform private.fail('invalid_article', 'An article is named by its slug, e.g. guias/integracion-ldap.', 'P0001', 'article');
	end if;
	if not exists (select 1 from public.articles a where a.slug = require_article.slug) then
		perform private.fail('article_not_found', 'No published article has this slug.', 'PT404', 'article');
	end if;
end $$;

-- Article comments ---------------------------------------------------------------------------------

create table public.article_comments (
	id uuid primary key default gen_random_uuid(),
	article_slug text not null check (article_slug ~ '^[a-z0-9/-]+$'),
	author_id uuid not null references public.profiles (id) on delete cascade,
	-- Plain text; the site escapes it when rendering.
	body text not null check (char_length(body) between 1 and 5000),
	created_at timestamptz not null default now(),
	edited_at timestamptz,
	hidden_at timestamptz,
	hidden_by uuid references public.profiles (id) on delete set null
);
create index article_comments_article on public.article_comments (article_slug, created_at);
create index article_comments_author on public.article_comments (author_id);
create index article_comments_hidden_by on public.article_comments (hidden_by);
alter table public.article_comments enable row level security;

create policy "Anyone reads visible comments, authors their own, staff all"
	on public.article_comments for select to anon, authenticated
	using (hidden_at is null or author_id = (select auth.uid()) or (select private.is_staff()));
revoke insert, update, delete, truncate on public.article_comments from anon, authenticated;
-- Every column but the author's id and who hid a comment.
revoke select on public.article_comments from anon, authenticated;
grant select (id, article_slug, body, created_at, edited_at, hidden_at) on public.article_comments to anon;
grant select (id, article_slug, body, created_at, edited_at, hidden_at) on public.article_comments to authenticated;

create function public.post_comment(article text, body text) returns public.article_comments
language plpgsql security definer set search_path = '' as $$
declare c public.article_comments;
begin
	if (select auth.uid()) is null then perform private.fail('not_signed_in', 'Sign in to comment.', '42501'); end if;
	perform private.require_article(article);
	if body is null or char_length(btrim(body)) not between 1 and 5000 then
		perform private.fail('invalid_comment', 'A comment has 1 to 5000 characters.', 'P0001', 'body');
	end if;
	insert into public.article_comments (article_slug, author_id, body) values (article, (select auth.uid()), btrim(body)) returning * into c;
	return c;
end $$;

-- Authors may correct their comment for 15 minutes after posting it.
create function public.edit_comment(comment uuid, body text) returns public.article_comments
language plpgsql security definer set search_path = '' as $$
declare c public.article_comments;
begin
	select * into c from public.article_comments where id = comment for update;
	if not found then perform private.fail('comment_not_found', null, 'PT404'); end if;
	if c.author_id is distinct from (select auth.uid()) then perform private.fail('not_author', 'Only the author edits a comment.', '42501'); end if;
	if c.hidden_at is not null then perform private.fail('comment_hidden', 'A hidden comment cannot be edited.'); end if;
	if c.created_at < now() - interval '15 minutes' then perform private.fail('edit_window_closed', 'Comments can be edited for 15 minutes.'); end if;
	update public.article_comments set body = trim(edit_comment.body), edited_at = now() where id = comment returning * into c;
	return c;
end $$;

create function public.hide_comment(comment uuid, hidden boolean default true) returns public.article_comments
language plpgsql security definer set search_path = '' as $$
declare c public.article_comments;
begin
	perform private.require_staff();
	update public.article_comments
	set hidden_at = case when hidden then now() end, hidden_by = case when hidden then (select auth.uid()) end
	where id = comment returning * into c;
	if not found then perform private.fail('comment_not_found', null, 'PT404'); end if;
	return c;
end $$;

-- The comments staff moderate, newest first, with the author's name and e-mail (staff read profiles);
-- nothing for anyone else. Filters, order and limit apply to the result as to a table.
create function public.comments_for_moderation()
returns table (id uuid, article_slug text, body text, created_at timestamptz, edited_at timestamptz, hidden_at timestamptz, author_name text, author_email text)
language sql stable security definer set search_path = '' as $$
	select c.id, c.article_slug, c.body, c.created_at, c.edited_at, c.hidden_at, nullif(btrim(p.full_name), ''), p.email
	from public.article_comments c left join public.profiles p on p.id = c.author_id
	where (select private.is_staff())
	order by c.created_at desc
$$;

-- Article feedback ---------------------------------------------------------------------------------

create table public.article_votes (
	id uuid primary key default gen_random_uuid(),
	article_slug text not null check (article_slug ~ '^[a-z0-9/-]+$'),
	user_id uuid references public.profiles (id) on delete cascade,
	-- For anonymous readers: a hash the caller derives from its session; never the address itself.
	anon_key text check (char_length(anon_key) between 16 and 128),
	helpful boolean not null,
	reason text check (char_length(reason) <= 500),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	unique (article_slug, user_id),
	check ((user_id is null) <> (anon_key is null))
);
create index article_votes_user on public.article_votes (user_id);
create index article_votes_anon on public.article_votes (anon_key, created_at) where anon_key is not null;
alter table public.article_votes enable row level security;

create policy "Staff read votes, users their own"
	on public.article_votes for select to authenticated
	using (user_id = (select auth.uid()) or (select private.is_staff()));
revoke all on public.article_votes from anon;
revoke insert, update, delete, truncate on public.article_votes from authenticated;

-- One vote per signed-in user per article (a new call changes it); anonymous votes need a key and
-- are limited to one per article a day and five an hour.
create function public.vote_article(article text, helpful boolean, reason text default null, anon_key text default null) returns void
language plpgsql security definer set search_path = '' as $$
declare uid uuid := (select auth.uid());
begin
	perform private.require_article(article);
	if helpful is null then perform private.fail('invalid_vote', 'helpful is true or false.', 'P0001', 'helpful'); end if;
	if reason is not null and char_length(reason) > 500 then perform private.fail('too_long', 'At most 500 characters.', 'P0001', 'reason'); end if;
	if uid is not null then
		insert into public.article_votes (article_slug, user_id, helpful, reason) values (article, uid, helpful, reason)
		on conflict (article_slug, user_id) do update set helpful = excluded.helpful, reason = excluded.reason, updated_at = now();
		return;
	end if;
	if anon_key is null or char_length(anon_key) not between 16 and 128 then perform private.fail('anon_key_required', 'Anonymous votes need a session key.'); end if;
	perform pg_advisory_xact_lock(hashtext(anon_key));
	if exists (select 1 from public.article_votes v where v.anon_key = vote_article.anon_key and v.article_slug = article and v.created_at > now() - interval '1 day')
		or (select count(*) from public.article_votes v where v.anon_key = vote_article.anon_key and v.created_at > now() - interval '1 hour') >= 5 then
		perform private.fail('rate_limited', 'Too many anonymous votes; try again later.');
	end if;
	insert into public.article_votes (article_slug, anon_key, helpful, reason) values (article, anon_key, helpful, reason);
end $$;

create function public.article_feedback_summary(article text) returns table (helpful bigint, not_helpful bigint)
language sql stable security definer set search_path = '' as $$
	select count(*) filter (where v.helpful), count(*) filter (where not v.helpful)
	from public.article_votes v where v.article_slug = article
$$;

-- Downloads ----------------------------------------------------------------------------------------

create table public.download_items (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9-]+$'),
	name text not null check (char_length(name) between 1 and 200),
	kind text not null check (kind in ('software', 'document', 'tool')),
	product_id text references public.products (id),
	-- public: anyone; members: anyone in a customer organisation; contract: organisations with a
	-- contract in force.
	visibility text not null check (visibility in ('public', 'members', 'contract')),
	description text not null default '',
	created_at timestamptz not null default now()
);
create index download_items_product on public.download_items (product_id);

create table public.download_versions (
	id uuid primary key default gen_random_uuid(),
	item_id uuid not null references public.download_items (id) on delete cascade,
	version text not null check (char_length(version) between 1 and 50),
	notes text not null default '',
	-- Object name in the `downloads` bucket: <item id>/<file>
	storage_path text not null unique,
	sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
	size_bytes bigint not null check (size_bytes >= 0),
	support_status text not null default 'current' check (support_status in ('current', 'supported', 'retiring', 'end-of-life')),
	published_by uuid references public.profiles (id) on delete set null,
	published_at timestamptz not null default now(),
	unique (item_id, version)
);
create index download_versions_published_by on public.download_versions (published_by);

create table public.download_log (
	id bigint generated always as identity primary key,
	version_id uuid not null references public.download_versions (id) on delete cascade,
	user_id uuid references public.profiles (id) on delete set null,
	at timestamptz not null default now()
);
create index download_log_version on public.download_log (version_id);
create index download_log_user on public.download_log (user_id);

alter table public.download_items enable row level security;
alter table public.download_versions enable row level security;
alter table public.download_log enable row level security;

create function private.can_download(item uuid) returns boolean language sql stable security definer set search_path = '' as $$
	select case i.visibility
		when 'public' then true
		when 'members' then private.is_staff() or exists (select 1 from public.memberships m where m.user_id = (select auth.uid()))
		else private.is_staff() or exists (
			select 1 from public.memberships m where m.user_id = (select auth.uid()) and private.contract_active(m.organisation_id)
		)
	end
	from public.download_items i where i.id = item
$$;
revoke execute on function private.can_download(uuid) from public;
grant execute on function private.can_download(uuid) to anon, authenticated, service_role;

create policy "Everyone sees the download catalogue"
	on public.download_items for select to anon, authenticated using (true);
create policy "Everyone sees version metadata of the items in the catalogue"
	on public.download_versions for select to anon, authenticated using (true);
create policy "Staff read the download log, users their own downloads"
	on public.download_log for select to authenticated
	using (user_id = (select auth.uid()) or (select private.is_staff()));
revoke insert, update, delete, truncate on public.download_items, public.download_versions, public.download_log from anon, authenticated;
revoke select on public.download_log from anon;

insert into storage.buckets (id, name, public, file_size_limit)
values ('downloads', 'downloads', false, 2147483648)
on conflict (id) do nothing;

-- The policies on storage.objects for both private buckets, attachments (the tickets migration) and
-- downloads: one per role and operation.

-- Which objects a caller may read: attachments of their organisations, never their internal/ folder
-- (staff: all), and the files of download items they may fetch. One function, so each role has one
-- select policy.
create function private.object_visible(bucket text, name text) returns boolean language sql stable security definer set search_path = '' as $$
	select case bucket
		when 'attachments' then private.is_staff()
			or ((storage.foldername(name))[1] in (select o::text from private.my_organisations() o) and (storage.foldername(name))[2] is distinct from 'internal')
		when 'downloads' then case
			when (storage.foldername(name))[1] ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
			then coalesce(private.can_download(((storage.foldername(name))[1])::uuid), false)
			else false
		end
		else false
	end
$$;
revoke execute on function private.object_visible(text, text) from public;
grant execute on function private.object_visible(text, text) to anon, authenticated, service_role;

create policy "Anonymous readers fetch the files of public downloads"
	on storage.objects for select to anon
	using (private.object_visible(bucket_id, name));
create policy "Members read their organisation's attachments and the downloads they may fetch, staff read all"
	on storage.objects for select to authenticated
	using (private.object_visible(bucket_id, name));
create policy "Staff replace download files"
	on storage.objects for update to authenticated
	using (bucket_id = 'downloads' and (select private.is_staff()))
	with check (bucket_id = 'downloads' and (select private.is_staff()));
create policy "Members upload into their organisation's folder, staff upload attachments and downloads"
	on storage.objects for insert to authenticated
	with check (
		(bucket_id = 'attachments' and ((select private.is_staff())
			or ((storage.foldername(name))[1] in (select o::text from private.my_organisations() o) and (storage.foldername(name))[2] is distinct from 'internal')))
		or (bucket_id = 'downloads' and (select private.is_staff()))
	);
create policy "Staff delete attachments and downloads"
	on storage.objects for delete to authenticated
	using (bucket_id in ('attachments', 'downloads') and (select private.is_staff()));

create function public.publish_download_version(item uuid, version text, notes text, storage_path text, sha256 text, size_bytes bigint, support_status text default 'current')
returns public.download_versions language plpgsql security definer set search_path = '' as $$
declare v public.download_versions;
begin
	perform private.require_staff();
	if not exists (select 1 from public.download_items where id = item) then perform private.fail('item_not_found', null, 'PT404'); end if;
	if split_part(storage_path, '/', 1) <> item::text then perform private.fail('path_outside_item', 'Files go under the item''s folder.'); end if;
	if exists (select 1 from public.download_versions d where d.item_id = item and d.version = publish_download_version.version) then
		perform private.fail('version_exists', 'This version is already published.');
	end if;
	insert into public.download_versions (item_id, version, notes, storage_path, sha256, size_bytes, support_status, published_by)
	values (item, version, coalesce(notes, ''), storage_path, lower(sha256), size_bytes, support_status, (select auth.uid()))
	returning * into v;
	return v;
end $$;

-- Logs a download and returns the object to sign; refuses those who may not download it.
create function public.record_download(version_id uuid) returns text
language plpgsql security definer set search_path = '' as $$
declare v public.download_versions;
begin
	select * into v from public.download_versions d where d.id = version_id;
	if not found then perform private.fail('version_not_found', null, 'PT404'); end if;
	if not coalesce(private.can_download(v.item_id), false) then
		perform private.fail('not_allowed', 'Sign in with an account of a customer organisation to download this file.', '42501');
	end if;
	insert into public.download_log (version_id, user_id) values (v.id, (select auth.uid()));
	return v.storage_path;
end $$;

-- Outbox -------------------------------------------------------------------------------------------

create table public.notifications (
	id uuid primary key default gen_random_uuid(),
	template text not null check (template ~ '^[a-z_]+$'),
	recipient_user_id uuid references public.profiles (id) on delete cascade,
	recipient_email text,
	locale text not null default 'es' check (locale in ('es', 'en')),
	payload jsonb not null default '{}',
	status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed', 'dead')),
	attempts int not null default 0 check (attempts >= 0),
	next_attempt_at timestamptz not null default now(),
	last_error text,
	-- Makes queueing idempotent: the same event never notifies twice.
	dedupe_key text unique,
	created_at timestamptz not null default now(),
	sent_at timestamptz,
	check (recipient_user_id is not null or recipient_email is not null)
);
create index notifications_recipient on public.notifications (recipient_user_id);
-- Due rows, including claims whose lease has run out (the notify migration).
create index notifications_due on public.notifications (next_attempt_at) where status in ('queued', 'failed', 'sending');
-- Service role only: RLS on, no policy for anyone else.
alter table public.notifications enable row level security;
revoke all on public.notifications from anon, authenticated;

-- Resolves a problem and, when asked, tells the requesters of its linked open tickets, once.
create function public.resolve_problem(problem uuid, notify boolean default true) returns public.problems
language plpgsql security definer set search_path = '' as $$
declare p public.problems;
begin
	perform private.require_staff();
	update public.problems set status = 'resolved', resolved_at = coalesce(resolved_at, now())
	where id = problem returning * into p;
	if not found then perform private.fail('problem_not_found', null, 'PT404'); end if;
	if notify then
		insert into public.notifications (template, recipient_user_id, locale, payload, dedupe_key)
		select 'problem_resolved', t.requester_id, pr.locale,
			jsonb_build_object('problem', p.id, 'title', p.title, 'ticket', t.id, 'number', t.number, 'kb_article', p.kb_article),
			'problem_resolved:' || p.id || ':' || t.id
		from public.tickets t join public.profiles pr on pr.id = t.requester_id
		where t.problem_id = p.id and t.status <> 'closed'
		on conflict (dedupe_key) do nothing;
	end if;
	return p;
end $$;

revoke execute on function private.require_article(text) from public;
grant execute on function private.require_article(text) to anon, authenticated, service_role;
revoke execute on function
	public.post_comment(text, text), public.edit_comment(uuid, text), public.hide_comment(uuid, boolean),
	public.comments_for_moderation(), public.vote_article(text, boolean, text, text), public.article_feedback_summary(text),
	public.publish_download_version(uuid, text, text, text, text, bigint, text), public.record_download(uuid),
	public.resolve_problem(uuid, boolean)
from public;
revoke execute on function
	public.post_comment(text, text), public.edit_comment(uuid, text), public.hide_comment(uuid, boolean),
	public.comments_for_moderation(), public.publish_download_version(uuid, text, text, text, text, bigint, text),
	public.resolve_problem(uuid, boolean)
from anon;
grant execute on function public.vote_article(text, boolean, text, text), public.article_feedback_summary(text), public.record_download(uuid)
to anon, authenticated, service_role;
grant execute on function
	public.post_comment(text, text), public.edit_comment(uuid, text), public.hide_comment(uuid, boolean),
	public.comments_for_moderation(), public.publish_download_version(uuid, text, text, text, text, bigint, text),
	public.resolve_problem(uuid, boolean)
to authenticated, service_role;

-- Closing grants for every table so far ------------------------------------------------------------
-- Supabase's default privileges give the API roles ALL on public tables, including TRUNCATE (which
-- ignores RLS), TRIGGER and REFERENCES: none of them is for API callers.
revoke truncate, trigger, references on all tables in schema public from anon, authenticated;
