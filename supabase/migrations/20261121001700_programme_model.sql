-- What the five seed programmes need of the programme tables (content/support/programmes/, schema in
-- supabase/functions/_shared/programme.ts):
-- * a programme may take no customer tickets at all (a foundation whose help is its community and its
--   partners): customer_tickets false, and may_open_ticket refuses with tickets_not_offered;
-- * a plan may promise no times (best effort): no sla_targets rows, best_effort true;
-- * auto-close, commitments and a default severity are optional (null: the programme has none);
-- * a plan may let every member open tickets (who_may_open 'members'), not only authorized contacts;
-- * a plan included for some months after go-live (or after the contract starts) is enforced:
--   may_open_ticket refuses with plan_period_ended, naming the last day it was included.

alter table public.programmes
	add column customer_tickets boolean not null default true,
	alter column default_severity drop not null,
	alter column auto_close_days drop not null,
	alter column auto_close_reminder_days drop not null,
	alter column first_response_commitment drop not null,
	alter column escalation_commitment drop not null;
alter table public.programmes add constraint programmes_auto_close_both
	check ((auto_close_days is null) = (auto_close_reminder_days is null));

alter table public.plans
	add column best_effort boolean not null default false,
	add column who_may_open text not null default 'authorized_contacts' check (who_may_open in ('authorized_contacts', 'members')),
	add column included_after text check (included_after in ('go_live', 'contract_start'));
alter table public.plans add constraint plans_included_period_whole
	check ((included_months is null) = (included_after is null));

-- The last day an organisation's plan is included, when the plan is included for some months only
-- (after go-live, or after the contract starts); null when the plan has no such limit or the day it
-- counts from is not known yet (no go-live date: the implementation is still running).
create function private.plan_included_until(org public.organisations) returns date
language sql stable security definer set search_path = '' as $$
	select (case pl.included_after when 'go_live' then org.go_live when 'contract_start' then org.contract_start end
		+ make_interval(months => pl.included_months) - interval '1 day')::date
	from public.plans pl
	where pl.programme_id = org.programme_id and pl.id = org.plan_id and pl.included_months is not null
$$;

-- Whether `requester` may open a ticket for `org` now: a member of the organisation; the programme
-- takes customer tickets; an authorized contact (or coordinator) unless the plan lets every member open
-- them; under a contract in force on the programme's calendar day; within the months the plan is
-- included; with quota left. Refuses with the first reason that applies, in that order.
create or replace function private.may_open_ticket(org public.organisations, requester uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
	quota record;
	pl public.plans;
	today date;
	included_until date;
begin
	-- Membership first: someone outside the organisation learns nothing of its programme.
	if not exists (select 1 from public.memberships m where m.organisation_id = org.id and m.user_id = requester) then
		perform private.fail('not_a_member', 'The requester does not belong to this organisation.', '42501');
	end if;
	-- Both checks fail closed: a programme or plan row that is missing (null) takes no tickets and
	-- lets authorized contacts only.
	if not coalesce((select p.customer_tickets from public.programmes p where p.id = org.programme_id), false) then
		perform private.fail('tickets_not_offered', 'This support programme takes no tickets: help comes from the community and partners.', '42501');
	end if;
	select * into pl from public.plans p where p.programme_id = org.programme_id and p.id = org.plan_id;
	if pl.who_may_open is distinct from 'members' and not exists (
		select 1 from public.memberships m where m.organisation_id = org.id and m.user_id = requester and m.role in ('authorized_contact', 'coordinator')
	) then
		perform private.fail('not_authorized_contact', 'Only authorized contacts open tickets.', '42501');
	end if;
	select * into quota from private.quota_window(org.id);
	today := (now() at time zone quota.timezone)::date;
	if not private.contract_active(org.id, today) then
		perform private.fail('contract_inactive', 'The organisation has no support contract in force.');
	end if;
	included_until := private.plan_included_until(org);
	if included_until < today then
		-- The detail is the last day included, alone: the tickets function hands it to the form as it is.
		perform private.fail('plan_period_ended', included_until::text);
	end if;
	if quota.remaining = 0 then
		perform private.fail('quota_exceeded', format('The plan includes %s tickets a month.', quota.monthly_quota));
	end if;
end $$;

-- Helpers of create_ticket: run by the owner's security-definer functions only, as in the tickets migration.
revoke execute on function private.plan_included_until(public.organisations), private.may_open_ticket(public.organisations, uuid) from public;
