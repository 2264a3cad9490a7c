-- SLA attainment per month: how many first responses, customer updates and escalations were on time,
-- against the programme's commitments ("95 % of first responses on time"). Read from the SLA stamps
-- the sweep keeps on each ticket and from the append-only event log, which remembers every breach
-- even when a stamp is later reset. Same conventions as the identity and tickets migrations.
--
-- public.sla_attainment(from_month date, to_month date, organisation uuid default null,
--                       per_organisation boolean default false)
--
-- Who may ask: support staff, for every organisation or one; a coordinator, for the organisations they
-- coordinate (with no organisation named: all of those). Anyone else signed in gets 'forbidden', also
-- for an organisation that does not exist; anon may not call it at all. The range is whole months:
-- any day of a month means that month, from_month <= to_month ('invalid_range'), at most 36 months
-- ('range_too_long').
--
-- One row per month × programme × plan × severity that has tickets; a month without tickets has no
-- row. Counts add up across rows (totals are sums of counts); rates do not.
--   month            first day of the month, in the programme's time zone, in which the ticket was
--                    created: a ticket created 2026-10-31 23:30 in Mexico City (2026-11-01 05:30Z) is
--                    an October ticket. All of a ticket's figures count in that month, whenever they
--                    happen, so a month's figures settle once its tickets are closed.
--   organisation_id  the organisation named; with none, each organisation when per_organisation, else
--                    null: the sum over every organisation the caller may see.
--   plan, severity   the ticket's current ones: a regraded ticket counts entirely under its new
--                    severity, as the SLA evaluation recomputes its due times with it.
--   first responses  judged by the ticket's stamps. Measured once the outcome is known: the ticket has
--                    a first-response due and either its first response or a due that has passed (a
--                    due still ahead with no answer, or no due at all, is not measured yet). On time:
--                    answered at or before the due. The due is the current severity's, so a breach
--                    logged under the severity a ticket had before being regraded does not count.
--   updates          judged by breaches: a 'breached' event for 'update' in the log or the ticket's
--                    update_breached_at stamp (the sweep writes both). Measured for tickets whose plan
--                    and severity have an update target once the cadence has started (with the first
--                    response), and for any ticket with such a breach. On time: never breached.
--   escalations      the same with the 'escalation' breach; the count runs from creation, so every
--                    ticket with an escalation target is measured.
--   rates            on_time / measured, rounded to 4 decimals (0..1); null when nothing was measured.
--   commitments      the programme's, in percent (95 and 90). first_response_met and escalation_met
--                    compare the exact fraction with them (null when nothing was measured); met is
--                    true when every measured commitment is met, null when neither was measured.

-- Who may read SLA figures and for which whole months, shared by sla_attainment and the dashboard's
-- ticket_volume: support staff, for every organisation or one ('organisation_not_found'); a
-- coordinator, for the organisations they coordinate ('forbidden' otherwise, also for one that does
-- not exist); months from_month..to_month, at most 36 ('invalid_range', 'range_too_long'). `what`
-- names the figures in the refusal's detail.
create function private.sla_report_scope(organisation uuid, from_month date, to_month date, what text,
	out staff boolean, out coordinated uuid[], out first_month date, out last_month date)
language plpgsql stable security definer set search_path = '' as $$
declare
	uid uuid := (select auth.uid());
begin
	staff := private.is_staff();
	if uid is null then perform private.fail('not_signed_in', null, '42501'); end if;
	if staff then
		if organisation is not null and not exists (select 1 from public.organisations o where o.id = organisation) then
			perform private.fail('organisation_not_found', 'There is no such organisation.', 'PT404');
		end if;
	else
		select array_agg(m.organisation_id) into coordinated
		from public.memberships m where m.user_id = uid and m.role = 'coordinator';
		-- Outsiders get the same answer whether or not the organisation exists.
		if coordinated is null or (organisation is not null and not organisation = any (coordinated)) then
			perform private.fail('forbidden', 'Only support staff and the organisation''s coordinators see ' || what || '.', '42501');
		end if;
	end if;
	if from_month is null or to_month is null then
		perform private.fail('invalid_range', 'Both from_month and to_month are required.');
	end if;
	first_month := date_trunc('month', from_month)::date;
	last_month := date_trunc('month', to_month)::date;
	if first_month > last_month then
		perform private.fail('invalid_range', 'from_month must not be after to_month.');
	end if;
	if last_month >= (first_month + interval '36 months')::date then
		perform private.fail('range_too_long', 'At most 36 months at a time.');
	end if;
end $$;
revoke execute on function private.sla_report_scope(uuid, date, date, text) from public;

create function public.sla_attainment(from_month date, to_month date, organisation uuid default null, per_organisation boolean default false)
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
			t.first_response_due_at is not null and (t.first_response_at is not null or t.first_response_due_at <= now()) as fr_measured,
			coalesce(t.first_response_at <= t.first_response_due_at, false) as fr_on_time,
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
