-- The support programme (content/support) as tables: seed.sql is generated from the YAML by
-- `npm run seed:generate`, never typed by hand. Everyone may read it (the docs publish it); only the
-- service role writes it.

create table public.programmes (
	id text primary key check (id ~ '^[a-z0-9-]+$'),
	name text not null,
	timezone text not null,
	default_severity text not null,
	auto_close_days int not null check (auto_close_days > 0),
	auto_close_reminder_days int not null check (auto_close_reminder_days >= 0),
	first_response_commitment numeric not null check (first_response_commitment between 0 and 100),
	escalation_commitment numeric not null check (escalation_commitment between 0 and 100),
	supported_majors int not null check (supported_majors > 0),
	eol_notice_months int not null check (eol_notice_months >= 0),
	-- The whole validated programme, as the engine's schema parses it (supabase/functions/_shared/programme.ts).
	document jsonb not null,
	active boolean not null default false,
	check (auto_close_reminder_days < auto_close_days)
);
create unique index programmes_one_active on public.programmes (active) where active;

create table public.calendars (
	programme_id text not null references public.programmes (id) on delete cascade,
	id text not null,
	name text not null,
	timezone text not null,
	-- {"mon": [["09:00","18:00"]], …}: the engine's Calendar.hours
	hours jsonb not null,
	primary key (programme_id, id)
);

create table public.holidays (
	programme_id text not null,
	calendar_id text not null,
	day date not null,
	name text not null,
	primary key (programme_id, calendar_id, day),
	foreign key (programme_id, calendar_id) references public.calendars (programme_id, id) on delete cascade
);

create table public.severities (
	programme_id text not null references public.programmes (id) on delete cascade,
	key text not null,
	position int not null,
	label text not null,
	description text not null,
	criteria jsonb not null,
	primary key (programme_id, key)
);

create table public.plans (
	programme_id text not null references public.programmes (id) on delete cascade,
	id text not null,
	name text not null,
	calendar_id text not null,
	-- null: unlimited
	monthly_quota int check (monthly_quota > 0),
	authorized_contacts int check (authorized_contacts > 0),
	channels text[] not null,
	included_months int check (included_months > 0),
	primary key (programme_id, id),
	foreign key (programme_id, calendar_id) references public.calendars (programme_id, id)
);
create index plans_calendar on public.plans (programme_id, calendar_id);

create table public.sla_targets (
	programme_id text not null,
	plan_id text not null,
	severity_key text not null,
	first_response_minutes int not null check (first_response_minutes > 0),
	update_minutes int check (update_minutes > 0),
	escalation_minutes int check (escalation_minutes > 0),
	resolution_minutes int check (resolution_minutes > 0),
	primary key (programme_id, plan_id, severity_key),
	foreign key (programme_id, plan_id) references public.plans (programme_id, id) on delete cascade,
	foreign key (programme_id, severity_key) references public.severities (programme_id, key) on delete cascade
);
create index sla_targets_severity on public.sla_targets (programme_id, severity_key);

create table public.escalation_steps (
	programme_id text not null references public.programmes (id) on delete cascade,
	position int not null,
	key text not null,
	label text not null,
	role text not null check (role in ('agent', 'lead', 'admin')),
	level int check (level in (1, 2)),
	primary key (programme_id, position)
);

create table public.products (
	id text primary key check (id ~ '^[a-z0-9-]+$'),
	name text not null,
	kind text not null check (kind in ('software', 'tool'))
);

create table public.product_versions (
	product_id text not null references public.products (id) on delete cascade,
	version text not null check (version ~ '^\d+\.\d+(\.\d+)?$'),
	released date not null,
	eol_announced date,
	eol date,
	primary key (product_id, version),
	check (eol is null or eol_announced is not null)
);

do $$
declare t text;
begin
	foreach t in array array['programmes', 'calendars', 'holidays', 'severities', 'plans', 'sla_targets', 'escalation_steps', 'products', 'product_versions'] loop
		execute format('alter table public.%I enable row level security', t);
		execute format('create policy "Anyone can read the %s" on public.%I for select to anon, authenticated using (true)', replace(t, '_', ' '), t);
		execute format('revoke insert, update, delete, truncate on public.%I from anon, authenticated', t);
	end loop;
end $$;
