-- The reports (supabase/functions/reports): a weekly e-mail to every member about their organisation's
-- week and a monthly report to each coordinator, both queued through the notification outbox, and the
-- printable monthly report (/soporte/informe/). What they need from the database is one read,
-- organisation_activity, and two schedules. SLA figures come from sla_attainment itself (the function
-- asks it as the coordinator, the page as the signed-in reader), so the report and the dashboard never
-- disagree. Same conventions as the earlier migrations.
--
-- public.organisation_activity(organisation uuid, from_day date, to_day date) returns jsonb
--
-- Who may ask: the service role (the reports function), support staff, and the organisation's
-- coordinators. Anyone else signed in gets 'forbidden', also for an organisation that does not exist
-- (staff and the service role get 'organisation_not_found'); anon may not call it at all. The period
-- is whole days, from_day to to_day inclusive, as local days in the programme's time zone (the zone
-- sla_attainment counts months in, so a month's tickets here are the tickets of its attainment rows);
-- from_day <= to_day ('invalid_range'), at most 92 days ('range_too_long').
--
-- The answer:
--   organisation  {id, name, programme_id, plan_id, timezone}: timezone is the programme's, the one the
--                 days are read in.
--   from, to      the days asked for.
--   opened        tickets created in the period, oldest first: {number, subject, severity, severity_label
--                 ({es, en}), status, product_id, created_at}.
--   closed        tickets closed in the period, oldest first: {number, subject, severity, severity_label,
--                 close_reason, closed_at}.
--   downloads     versions published in the period of the download items the organisation may fetch
--                 (public and members' items always, contract items when its contract was in force that
--                 day), oldest first: {item, name, kind, product_id, version, support_status, published_at}.

-- A severity's label in both languages from the programme document, {es, en}; the key when the
-- document has none (as create_ticket writes it into the receipt).
create function private.severity_label(document jsonb, severity text) returns jsonb
language sql immutable set search_path = '' as $$
	select coalesce(
		(select case jsonb_typeof(s -> 'label') when 'string' then jsonb_build_object('es', s -> 'label') else s -> 'label' end
		from jsonb_array_elements(document -> 'severities') s where s ->> 'key' = severity limit 1),
		jsonb_build_object('es', severity, 'en', severity)
	)
$$;

create function public.organisation_activity(organisation uuid, from_day date, to_day date)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
	service boolean := (select auth.role()) is not distinct from 'service_role';
	org public.organisations;
	prog public.programmes;
	starts timestamptz;
	ends timestamptz;
begin
	if not service and (select auth.uid()) is null then perform private.fail('not_signed_in', null, '42501'); end if;
	if not (service or private.is_staff()) then
		-- member_role() is null for outsiders and for organisations that do not exist: same answer for both.
		if private.member_role(organisation) is distinct from 'coordinator' then
			perform private.fail('forbidden', 'Only support staff and the organisation''s coordinators see its reports.', '42501');
		end if;
	end if;
	select * into org from public.organisations o where o.id = organisation;
	if not found then perform private.fail('organisation_not_found', 'There is no such organisation.', 'PT404'); end if;
	if from_day is null or to_day is null or from_day > to_day then
		perform private.fail('invalid_range', 'from_day and to_day are required, from_day not after to_day.');
	end if;
	if to_day - from_day >= 92 then perform private.fail('range_too_long', 'At most 92 days at a time.'); end if;
	select * into prog from public.programmes p where p.id = org.programme_id;
	starts := from_day::timestamp at time zone prog.timezone;
	ends := (to_day + 1)::timestamp at time zone prog.timezone;

	return jsonb_build_object(
		'organisation', jsonb_build_object('id', org.id, 'name', org.name, 'programme_id', org.programme_id, 'plan_id', org.plan_id, 'timezone', prog.timezone),
		'from', from_day,
		'to', to_day,
		'opened', coalesce((
			select jsonb_agg(jsonb_build_object(
				'number', t.number, 'subject', t.subject, 'severity', t.severity_key, 'severity_label', private.severity_label(prog.document, t.severity_key),
				'status', t.status, 'product_id', t.product_id, 'created_at', t.created_at
			) order by t.created_at, t.number)
			from public.tickets t
			where t.organisation_id = org.id and t.created_at >= starts and t.created_at < ends
		), '[]'::jsonb),
		'closed', coalesce((
			select jsonb_agg(jsonb_build_object(
				'number', t.number, 'subject', t.subject, 'severity', t.severity_key, 'severity_label', private.severity_label(prog.document, t.severity_key),
				'close_reason', t.close_reason, 'closed_at', t.closed_at
			) order by t.closed_at, t.number)
			from public.tickets t
			where t.organisation_id = org.id and t.status = 'closed' and t.closed_at >= starts and t.closed_at < ends
		), '[]'::jsonb),
		'downloads', coalesce((
			select jsonb_agg(jsonb_build_object(
				'item', i.slug, 'name', i.name, 'kind', i.kind, 'product_id', i.product_id, 'version', v.version,
				'support_status', v.support_status, 'published_at', v.published_at
			) order by v.published_at, i.slug, v.version)
			from public.download_versions v join public.download_items i on i.id = v.item_id
			where v.published_at >= starts and v.published_at < ends
				and (i.visibility in ('public', 'members')
					or private.contract_active(org.id, (v.published_at at time zone prog.timezone)::date))
		), '[]'::jsonb)
	);
end $$;

-- Schedules --------------------------------------------------------------------------------------
-- The weekly e-mail goes out on Mondays at 08:00 and the monthly report on the 1st at 08:00 in Mexico
-- City (the example programmes' office hours; UTC-6 all year since 2022). pg_cron counts in UTC, so
-- both run at 14:00 UTC: 08:00 in Mexico City, 09:00 in Bogotá. Each run covers the previous whole
-- week or month in each programme's time zone; rerunning one (or calling the function with
-- {"kind": "weekly", "week_of": "YYYY-MM-DD"}) queues nothing twice, thanks to the dedupe keys.
-- Same Supabase Cron + pg_net + Vault call as the SLA sweep's (…_schedules.sql), with a body.

do $$
declare
	call text := $call$
		select net.http_post(
			url := (select decrypted_secret from vault.decrypted_secrets where name = 'project_url') || '/functions/v1/reports',
			headers := jsonb_build_object(
				'Content-Type', 'application/json',
				'Authorization', 'Bearer ' || (select decrypted_secret from vault.decrypted_secrets where name = 'service_role_key')
			),
			body := '{"kind": "%s"}'::jsonb,
			timeout_milliseconds := 120000
		)
	$call$;
begin
	if to_regprocedure('cron.schedule(text,text,text)') is null or to_regprocedure('net.http_post(text,jsonb,jsonb,jsonb,integer)') is null
		or to_regclass('vault.decrypted_secrets') is null then
		raise notice 'pg_cron, pg_net or Vault is not available: the weekly and monthly reports are not scheduled';
		return;
	end if;
	perform cron.schedule('weekly-digest', '0 14 * * 1', format(call, 'weekly'));
	perform cron.schedule('monthly-report', '0 14 1 * *', format(call, 'monthly'));
end $$;

revoke execute on function private.severity_label(jsonb, text) from public;
grant execute on function private.severity_label(jsonb, text) to authenticated, service_role;
revoke execute on function public.organisation_activity(uuid, date, date) from public, anon;
grant execute on function public.organisation_activity(uuid, date, date) to authenticated, service_role;
