-- The SLA dashboard (/soporte/sla/) charts attainment and breaches per month from public.sla_attainment,
-- and the volume of tickets per month by product and by channel from this function. Same conventions
-- and the same permission rules as sla_attainment, so the dashboard's figures agree with it.
--
-- public.ticket_volume(from_month date, to_month date, organisation uuid default null)
--
-- Who may ask: support staff, for every organisation or one ('organisation_not_found' for one that
-- does not exist); a coordinator, for the organisations they coordinate (with none named: all of
-- those). Anyone else signed in gets 'forbidden', also for an organisation that does not exist; anon
-- and the service role may not call it at all. The range is whole months as in sla_attainment
-- ('invalid_range', 'range_too_long' beyond 36 months).
--
-- One row per month × product × channel that has tickets, ordered by month, product (none last) and
-- channel. The month is the one, in the programme's time zone, in which the ticket was created (as in
-- sla_attainment, so a month's ticket count is the sum of its attainment rows' tickets).
--   organisation_id  the organisation named, else null: the sum over every organisation the caller may see.
--   product_id       the ticket's product, null for tickets about no product in particular.
--   channel          web, email, phone or chat.

create function public.ticket_volume(from_month date, to_month date, organisation uuid default null)
returns table (
	month date,
	organisation_id uuid,
	product_id text,
	channel text,
	tickets int
)
language plpgsql stable security definer set search_path = '' as $$
declare
	staff boolean;
	coordinated uuid[];
	first_month date;
	last_month date;
begin
	select s.staff, s.coordinated, s.first_month, s.last_month into staff, coordinated, first_month, last_month
	from private.sla_report_scope(organisation, from_month, to_month, 'ticket volumes') s;

	return query
	select
		(date_trunc('month', t.created_at at time zone p.timezone))::date as bucket,
		organisation as org,
		t.product_id as product,
		t.channel as via,
		count(*)::int
	from public.tickets t
	join public.programmes p on p.id = t.programme_id
	where case
			when organisation is not null then t.organisation_id = organisation
			when staff then true
			else t.organisation_id = any (coordinated)
		end
		and t.created_at >= first_month::timestamp at time zone p.timezone
		and t.created_at < (last_month + interval '1 month') at time zone p.timezone
	group by bucket, product, via
	order by bucket, product nulls last, via;
end $$;

revoke execute on function public.ticket_volume(date, date, uuid) from public, anon, service_role;
grant execute on function public.ticket_volume(date, date, uuid) to authenticated;
