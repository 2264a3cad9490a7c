-- The jobs that enforce the SLA with nobody watching: every minute, the SLA sweep (due times,
-- breaches, escalation, auto-close) and the notification outbox, each an HTTP call to its edge
-- function with the service role key — Supabase Cron (pg_cron + pg_net) with the project URL and key
-- read from Vault, as Supabase documents for scheduling functions. A hosted project stores those two
-- secrets once (README, "Going live", step 7); the local stack stores them itself and runs these same jobs.
-- Where pg_cron, pg_net or Vault are missing (a plain Postgres), nothing is scheduled.

do $$
begin
	if exists (select from pg_available_extensions where name = 'pg_cron') then
		create extension if not exists pg_cron with schema pg_catalog;
	end if;
	if exists (select from pg_available_extensions where name = 'pg_net') then
		create extension if not exists pg_net with schema extensions;
	end if;
end $$;

do $$
declare
	call text := $call$
		select net.http_post(
			url := (select decrypted_secret from vault.decrypted_secrets where name = 'project_url') || '/functions/v1/%s',
			headers := jsonb_build_object(
				'Content-Type', 'application/json',
				'Authorization', 'Bearer ' || (select decrypted_secret from vault.decrypted_secrets where name = 'service_role_key')
			),
			body := '{}'::jsonb,
			timeout_milliseconds := 55000
		)
	$call$;
begin
	if to_regprocedure('cron.schedule(text,text,text)') is null or to_regprocedure('net.http_post(text,jsonb,jsonb,jsonb,integer)') is null
		or to_regclass('vault.decrypted_secrets') is null then
		raise notice 'pg_cron, pg_net or Vault is not available: the SLA sweep and the notifications are not scheduled';
		return;
	end if;
	perform cron.schedule('sla-sweep', '* * * * *', format(call, 'sla-sweep'));
	perform cron.schedule('notify', '* * * * *', format(call, 'notify'));
end $$;
