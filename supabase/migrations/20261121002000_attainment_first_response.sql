-- First responses are judged by the ticket's breach stamp, not only by its due time. The sweep writes
-- a ticket's due times from the SLA evaluation, which owes nothing once a countdown is met: after the
-- first public answer first_response_due_at is null, so the rule "measured when it has a due" left
-- every answered ticket unmeasured (the demo history showed it: 27 answered tickets, none counted).
-- Now a first response is measured when the ticket's plan and severity have a first-response target
-- and the outcome is known (answered, breached, or its due passed), and it is on time when it was
-- answered by the due still recorded, or, with none recorded (met), with no breach stamped. A
-- best-effort plan (no target) is never measured, except for a breach stamped on the ticket: a ticket
-- retargeted to such a plan (or to one with another target) keeps the breach it had. The rest of sla_attainment is unchanged (20261121000500).

create or replace function public.sla_attainment(from_month date, to_month date, organisation uuid default null, per_organisation boolean default false)
returns table (
	month date,
	organisation_id uuid,
	programme_id text,
	plan_id text,
	severity_key text,
	tickets int,
	first_responses_measured int,
	first_responses_on_time int,
	first_response_rate numeric,
	updates_measured int,
	updates_on_time int,
	update_rate numeric,
	escalations_measured int,
	escalations_on_time int,
	escalation_rate numeric,
	first_response_commitment numeric,
	escalation_commitment numeric,
	first_response_met boolean,
	escalation_met boolean,
	met boolean
)
language plpgsql stable security definer set search_path = '' as $$
declare
	staff boolean;
	coordinated uuid[];
	first_month date;
	last_month date;
begin
	select s.staff, s.coordinated, s.first_month, s.last_month into staff, coordinated, first_month, last_month
	from private.sla_report_scope(organisation, from_month, to_month, 'SLA attainment') s;

	return query
	with graded as (
		select
			(date_trunc('month', t.created_at at time zone p.timezone))::date as bucket,
			case when organisation is not null or per_organisation then t.organisation_id end as org,
			t.programme_id as programme,
			t.plan_id as plan,
			t.severity_key as severity,
			sev.position as severity_position,
			p.first_response_commitment as fr_commitment,
			p.escalation_commitment as esc_commitment,
			-- A stamped breach counts whatever the current plan's target: a ticket moved to a plan
			-- without one (retarget_open) keeps the breach it had on the plan it was opened under.
			t.first_response_breached_at is not null
				or (target.first_response_minutes is not null and (t.first_response_at is not null or t.first_response_due_at <= now())) as fr_measured,
			t.first_response_at is not null and case
				when t.first_response_due_at is not null then t.first_response_at <= t.first_response_due_at
				else t.first_response_breached_at is null
			end as fr_on_time,
			up.breached as up_breached,
			up.breached or (target.update_minutes is not null and t.first_response_at is not null) as up_measured,
			esc.breached as esc_breached,
			esc.breached or target.escalation_minutes is not null as esc_measured
		from public.tickets t
		join public.programmes p on p.id = t.programme_id
		join public.severities sev on sev.programme_id = t.programme_id and sev.key = t.severity_key
		left join public.sla_targets target
			on target.programme_id = t.programme_id and target.plan_id = t.plan_id and target.severity_key = t.severity_key
		left join lateral (
			select
				coalesce(bool_or(e.data ->> 'target' = 'update'), false) as update_breached,
				coalesce(bool_or(e.data ->> 'target' = 'escalation'), false) as escalation_breached
			from public.ticket_events e where e.ticket_id = t.id and e.kind = 'breached'
		) logged on true
		cross join lateral (select logged.update_breached or t.update_breached_at is not null as breached) up
		cross join lateral (select logged.escalation_breached or t.escalation_breached_at is not null as breached) esc
		where case
				when organisation is not null then t.organisation_id = organisation
				when staff then true
				else t.organisation_id = any (coordinated)
			end
			and t.created_at >= first_month::timestamp at time zone p.timezone
			and t.created_at < (last_month + interval '1 month') at time zone p.timezone
	),
	counted as (
		select
			g.bucket, g.org, g.programme, g.plan, g.severity, g.severity_position, g.fr_commitment, g.esc_commitment,
			count(*)::int as n,
			(count(*) filter (where g.fr_measured))::int as fr_measured,
			(count(*) filter (where g.fr_measured and g.fr_on_time))::int as fr_on_time,
			(count(*) filter (where g.up_measured))::int as up_measured,
			(count(*) filter (where g.up_measured and not g.up_breached))::int as up_on_time,
			(count(*) filter (where g.esc_measured))::int as esc_measured,
			(count(*) filter (where g.esc_measured and not g.esc_breached))::int as esc_on_time
		from graded g
		group by g.bucket, g.org, g.programme, g.plan, g.severity, g.severity_position, g.fr_commitment, g.esc_commitment
	),
	judged as (
		select c.*,
			case when c.fr_measured > 0 then c.fr_on_time * 100 >= c.fr_commitment * c.fr_measured end as fr_met,
			case when c.esc_measured > 0 then c.esc_on_time * 100 >= c.esc_commitment * c.esc_measured end as esc_met
		from counted c
	)
	select
		j.bucket, j.org, j.programme, j.plan, j.severity, j.n,
		j.fr_measured, j.fr_on_time, round(j.fr_on_time::numeric / nullif(j.fr_measured, 0), 4),
		j.up_measured, j.up_on_time, round(j.up_on_time::numeric / nullif(j.up_measured, 0), 4),
		j.esc_measured, j.esc_on_time, round(j.esc_on_time::numeric / nullif(j.esc_measured, 0), 4),
		j.fr_commitment, j.esc_commitment, j.fr_met, j.esc_met,
		case when j.fr_met is null and j.esc_met is null then null else coalesce(j.fr_met, true) and coalesce(j.esc_met, true) end
	from judged j
	order by j.bucket, j.org nulls first, j.programme, j.plan, j.severity_position;
end $$;

revoke execute on function public.sla_attainment(date, date, uuid, boolean) from public, anon, service_role;
grant execute on function public.sla_attainment(date, date, uuid, boolean) to authenticated;
