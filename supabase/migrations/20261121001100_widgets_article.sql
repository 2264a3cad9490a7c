-- The comments widget reads an article's thread with each author's display name. Profiles are private
-- (only the person and staff read them), so the name comes from a helper that looks
-- past RLS for one comment at a time and only for a comment the caller may already read. The thread
-- itself is security invoker: the select policy on article_comments still decides which comments
-- each caller sees (visible ones; authors also their hidden ones; staff all).

-- The display name of a comment's author (never the e-mail address), whether they are support staff
-- and whether the caller wrote the comment, so the thread (security invoker, under the comments'
-- select policy) never reads author_id itself, which readers may not select; nothing when the caller
-- may not read the comment.
create function private.comment_author(comment uuid) returns table (name text, staff boolean, mine boolean)
language sql stable security definer set search_path = '' as $$
	select p.full_name, exists (select 1 from public.staff s where s.user_id = c.author_id), c.author_id = (select auth.uid())
	from public.article_comments c join public.profiles p on p.id = c.author_id
	where c.id = comment
		and (c.hidden_at is null or c.author_id = (select auth.uid()) or (select private.is_staff()))
$$;
revoke execute on function private.comment_author(uuid) from public;
grant execute on function private.comment_author(uuid) to anon, authenticated, service_role;

-- An article's comments, oldest first, as the caller may see them: `mine` and `editable_until` (the
-- 15-minute window edit_comment enforces) tell the widget what to offer the author, `moderator`
-- whether to offer hiding.
create function public.article_comment_thread(article text)
returns table (
	id uuid,
	body text,
	created_at timestamptz,
	edited_at timestamptz,
	hidden_at timestamptz,
	author_name text,
	author_is_staff boolean,
	mine boolean,
	editable_until timestamptz,
	moderator boolean
)
language sql stable security invoker set search_path = '' as $$
	select c.id, c.body, c.created_at, c.edited_at, c.hidden_at, a.name, coalesce(a.staff, false),
		coalesce(a.mine, false),
		case when a.mine and c.hidden_at is null then c.created_at + interval '15 minutes' end,
		(select private.is_staff())
	from public.article_comments c
	left join lateral private.comment_author(c.id) a on true
	where c.article_slug = article
	order by c.created_at, c.id
$$;
revoke execute on function public.article_comment_thread(text) from public;
grant execute on function public.article_comment_thread(text) to anon, authenticated, service_role;
