-- Draining the notification outbox (supabase/functions/notify): claiming due rows so that two runs at
-- once never take the same one, and recording how each attempt ended. Only the service role calls
-- these; the function decides retries and dead letters (notify/retry.ts), the database keeps them
-- consistent. Same conventions as the earlier migrations.

-- A claim marks the row 'sending' and leases it: next_attempt_at becomes the lease's end. A run that
-- died mid-send leaves its claims behind; once the lease has run out the row is due again (which is
-- why the outbox's notifications_due index covers 'sending' rows too).

-- Claims up to `batch` due notifications, oldest due first, skipping rows another run holds, and
-- counts the attempt each claim starts. The recipient's address, name and language come from their
-- profile when the row names a user. A lapsed claim that already used its last attempt is dead: it may
-- have been sent (the run died after sending), and it will not be sent again.
create function public.claim_notifications(batch int, max_attempts int default 5, lease_seconds int default 600)
returns table (id uuid, template text, locale text, payload jsonb, attempts int, email text, full_name text)
language plpgsql security definer set search_path = '' as $$
begin
	if batch is null or batch not between 1 and 500 then perform private.fail('invalid_batch', 'batch must be from 1 to 500.'); end if;
	if max_attempts is null or max_attempts < 1 then perform private.fail('invalid_max_attempts', 'max_attempts must be at least 1.'); end if;
	if lease_seconds is null or lease_seconds not between 10 and 3600 then perform private.fail('invalid_lease', 'lease_seconds must be from 10 to 3600.'); end if;

	update public.notifications n
	set status = 'dead', last_error = 'the last attempt did not finish (its run stopped before recording the outcome)'
	where n.status = 'sending' and n.next_attempt_at <= now() and n.attempts >= max_attempts;

	return query
	with due as (
		select n.id from public.notifications n
		where n.status in ('queued', 'failed', 'sending') and n.next_attempt_at <= now()
		order by n.next_attempt_at, n.created_at, n.id
		limit batch
		for update skip locked
	), claimed as (
		update public.notifications n
		set status = 'sending', attempts = n.attempts + 1, next_attempt_at = now() + make_interval(secs => lease_seconds)
		from due where n.id = due.id
		returning n.id, n.template, n.locale, n.payload, n.attempts, n.recipient_user_id, n.recipient_email, n.created_at
	)
	select c.id, c.template, coalesce(p.locale, c.locale), c.payload, c.attempts,
		case when c.recipient_user_id is null then c.recipient_email else coalesce(p.email, c.recipient_email) end,
		p.full_name
	from claimed c left join public.profiles p on p.id = c.recipient_user_id
	order by c.created_at, c.id;
end $$;

-- Records how a claimed attempt ended: sent, failed (due again at retry_at) or dead. `attempt` is the
-- attempts count the claim returned; if it no longer matches, the claim lapsed and another run took
-- the row over, and this outcome is not recorded.
create function public.finish_notification(notification uuid, attempt int, outcome text, error text default null, retry_at timestamptz default null)
returns void
language plpgsql security definer set search_path = '' as $$
begin
	if outcome is null or outcome not in ('sent', 'failed', 'dead') then perform private.fail('invalid_outcome', 'outcome is sent, failed or dead.'); end if;
	if outcome <> 'sent' and nullif(trim(error), '') is null then perform private.fail('error_required', 'A failure needs its reason.'); end if;
	if outcome = 'failed' and retry_at is null then perform private.fail('retry_at_required', 'A failed attempt needs the time of the next one.'); end if;
	update public.notifications n
	set status = outcome,
		sent_at = case when outcome = 'sent' then now() end,
		last_error = case when outcome = 'sent' then null else left(error, 2000) end,
		next_attempt_at = case when outcome = 'failed' then retry_at else n.next_attempt_at end
	where n.id = notification and n.status = 'sending' and n.attempts = attempt;
	if not found then perform private.fail('claim_lost', 'The notification is not claimed by this attempt any more.', 'PT404'); end if;
end $$;

revoke execute on function public.claim_notifications(int, int, int), public.finish_notification(uuid, int, text, text, timestamptz) from public, anon, authenticated;
grant execute on function public.claim_notifications(int, int, int), public.finish_notification(uuid, int, text, text, timestamptz) to service_role;
