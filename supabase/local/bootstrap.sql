-- Stand-in for what a Supabase platform database has before the project's migrations run: the API
-- roles, auth.users with auth.uid()/auth.role()/auth.jwt(), storage.buckets/objects with their path
-- helpers, the extensions schema, and the default privileges Supabase grants on public. It follows the
-- definitions of supabase/postgres and supabase/storage as they behave, not their every column.
-- Used by the test harness and the local stack; never pushed to a hosted project (it already has all this).
-- Idempotent: safe to run on a database that already has it.

do $$
begin
	if not exists (select from pg_roles where rolname = 'anon') then create role anon nologin noinherit; end if;
	if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated nologin noinherit; end if;
	if not exists (select from pg_roles where rolname = 'service_role') then create role service_role nologin noinherit bypassrls; end if;
	if not exists (select from pg_roles where rolname = 'authenticator') then create role authenticator login noinherit; end if;
end $$;
grant anon, authenticated, service_role to authenticator;

create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;
create extension if not exists pgcrypto with schema extensions;

-- Supabase grants the API roles everything on what public will hold; RLS and explicit revokes decide.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;

-- auth ----------------------------------------------------------------------------------------------
create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
	instance_id uuid,
	id uuid primary key default gen_random_uuid(),
	aud varchar(255) default 'authenticated',
	role varchar(255) default 'authenticated',
	email varchar(255),
	encrypted_password varchar(255),
	email_confirmed_at timestamptz,
	last_sign_in_at timestamptz,
	raw_app_meta_data jsonb not null default '{}',
	raw_user_meta_data jsonb not null default '{}',
	is_anonymous boolean not null default false,
	banned_until timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	deleted_at timestamptz
);
grant select on auth.users to service_role;

create or replace function auth.uid() returns uuid language sql stable as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.sub', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
	)::uuid
$$;

create or replace function auth.role() returns text language sql stable as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.role', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
	)::text
$$;

create or replace function auth.email() returns text language sql stable as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.email', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
	)::text
$$;

create or replace function auth.jwt() returns jsonb language sql stable as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim', true), ''),
		nullif(current_setting('request.jwt.claims', true), '')
	)::jsonb
$$;
grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt() to anon, authenticated, service_role;

-- What GoTrue (supabase/auth migrations) adds to auth.users and the tables it keeps beside it. The
-- local auth service (supabase/local/auth) writes them as GoTrue does, through the superuser pool
-- (GoTrue connects as supabase_auth_admin); the API roles get nothing here.
alter table auth.users
	add column if not exists confirmation_token varchar(255) default '',
	add column if not exists confirmation_sent_at timestamptz,
	add column if not exists recovery_token varchar(255) default '',
	add column if not exists recovery_sent_at timestamptz,
	add column if not exists email_change_token_new varchar(255) default '',
	add column if not exists email_change varchar(255) default '',
	add column if not exists email_change_sent_at timestamptz,
	add column if not exists email_change_token_current varchar(255) default '',
	add column if not exists email_change_confirm_status smallint default 0 check (email_change_confirm_status between 0 and 2),
	add column if not exists invited_at timestamptz,
	add column if not exists is_super_admin boolean,
	add column if not exists phone text unique default null,
	add column if not exists phone_confirmed_at timestamptz,
	add column if not exists phone_change text default '',
	add column if not exists phone_change_token varchar(255) default '',
	add column if not exists phone_change_sent_at timestamptz,
	add column if not exists reauthentication_token varchar(255) default '',
	add column if not exists reauthentication_sent_at timestamptz,
	add column if not exists is_sso_user boolean not null default false;
-- Generated as in GoTrue: a user counts as confirmed once any of their addresses is.
alter table auth.users add column if not exists confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored;
alter table auth.users alter column raw_app_meta_data set default '{"provider": "email", "providers": ["email"]}';
-- GoTrue's indexes on auth.users. The address is unique only among non-SSO users
-- (20221215195500_modify_users_email_unique_index drops users_email_key for users_email_partial_key);
-- e-mail token columns are unique while they hold a hash (20220429102000_add_unique_idx).
do $$
begin
	if exists (select from pg_constraint where conname = 'users_email_key' and conrelid = 'auth.users'::regclass) then
		alter table auth.users drop constraint users_email_key;
	end if;
end $$;
create unique index if not exists users_email_partial_key on auth.users (email) where (is_sso_user = false);
comment on index auth.users_email_partial_key is 'Auth: A partial unique index that applies only when is_sso_user is false';
create index if not exists users_instance_id_email_idx on auth.users using btree (instance_id, lower(email));
create index if not exists users_instance_id_idx on auth.users using btree (instance_id);
create index if not exists users_is_anonymous_idx on auth.users using btree (is_anonymous);
create unique index if not exists confirmation_token_idx on auth.users using btree (confirmation_token) where confirmation_token !~ '^[0-9 ]*$';
create unique index if not exists recovery_token_idx on auth.users using btree (recovery_token) where recovery_token !~ '^[0-9 ]*$';
create unique index if not exists email_change_token_current_idx on auth.users using btree (email_change_token_current) where email_change_token_current !~ '^[0-9 ]*$';
create unique index if not exists email_change_token_new_idx on auth.users using btree (email_change_token_new) where email_change_token_new !~ '^[0-9 ]*$';
create unique index if not exists reauthentication_token_idx on auth.users using btree (reauthentication_token) where reauthentication_token !~ '^[0-9 ]*$';
comment on table auth.users is 'Auth: Stores user login data within a secure schema.';
comment on column auth.users.is_sso_user is 'Auth: Set this column to true when the account comes from SSO. These accounts can have duplicate emails.';
-- 20240612123726_enable_rls_update_grants: RLS on (no policies); only BYPASSRLS roles and the owner read it.
alter table auth.users enable row level security;

do $$
begin
	if not exists (select from pg_type where typname = 'aal_level' and typnamespace = 'auth'::regnamespace) then
		create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
	end if;
	if not exists (select from pg_type where typname = 'one_time_token_type' and typnamespace = 'auth'::regnamespace) then
		create type auth.one_time_token_type as enum ('confirmation_token', 'reauthentication_token', 'recovery_token', 'email_change_token_new', 'email_change_token_current', 'phone_change_token');
	end if;
end $$;

create table if not exists auth.identities (
	provider_id text not null,
	user_id uuid not null references auth.users (id) on delete cascade,
	identity_data jsonb not null,
	provider text not null,
	last_sign_in_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	email text generated always as (lower(identity_data ->> 'email')) stored,
	id uuid primary key default gen_random_uuid(),
	unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);

create table if not exists auth.sessions (
	id uuid primary key,
	user_id uuid not null references auth.users (id) on delete cascade,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	factor_id uuid,
	aal auth.aal_level not null default 'aal1',
	not_after timestamptz,
	refreshed_at timestamptz,
	user_agent text,
	ip inet,
	tag text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

-- One row per way the session was authenticated: the access token's amr claim.
create table if not exists auth.mfa_amr_claims (
	session_id uuid not null references auth.sessions (id) on delete cascade,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	authentication_method text not null,
	id uuid primary key default gen_random_uuid(),
	unique (session_id, authentication_method)
);

create table if not exists auth.refresh_tokens (
	instance_id uuid,
	id bigserial primary key,
	token varchar(255) unique,
	user_id varchar(255),
	revoked boolean not null default false,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	parent varchar(255),
	session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);

-- The latest link/code per user and kind: issuing another replaces it, so older codes stop working.
create table if not exists auth.one_time_tokens (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null references auth.users (id) on delete cascade,
	token_type auth.one_time_token_type not null,
	token_hash text not null check (char_length(token_hash) > 0),
	relates_to text not null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	unique (user_id, token_type)
);
create index if not exists one_time_tokens_token_hash_idx on auth.one_time_tokens using hash (token_hash);
-- As on auth.users (GoTrue 20240612123726): RLS on every auth table, no policies.
alter table auth.identities enable row level security;
alter table auth.sessions enable row level security;
alter table auth.mfa_amr_claims enable row level security;
alter table auth.refresh_tokens enable row level security;
alter table auth.one_time_tokens enable row level security;

-- storage -------------------------------------------------------------------------------------------
create schema if not exists storage;
grant usage on schema storage to anon, authenticated, service_role;

create table if not exists storage.buckets (
	id text primary key,
	name text not null unique,
	owner uuid,
	public boolean not null default false,
	file_size_limit bigint,
	allowed_mime_types text[],
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);

create table if not exists storage.objects (
	id uuid primary key default gen_random_uuid(),
	bucket_id text references storage.buckets (id),
	name text,
	owner uuid,
	owner_id text,
	metadata jsonb,
	user_metadata jsonb,
	path_tokens text[] generated always as (string_to_array(name, '/')) stored,
	version text,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	last_accessed_at timestamptz not null default now(),
	unique (bucket_id, name)
);
-- Columns later Storage migrations added (0018 owner_id, 0011 avif_autodetection, 0044 type) and its API returns.
alter table storage.buckets add column if not exists owner_id text;
alter table storage.buckets add column if not exists avif_autodetection boolean default false;
alter table storage.buckets add column if not exists type text not null default 'STANDARD';
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

-- Storage keeps objects.updated_at current itself (migration 0010).
create or replace function storage.update_updated_at_column() returns trigger language plpgsql as $$
begin
	new.updated_at = now();
	return new;
end $$;
create or replace trigger update_objects_updated_at before update on storage.objects
	for each row execute function storage.update_updated_at_column();

-- What the API is doing ('storage.object.upload', 'storage.object.list'...), for policies (migration 0024).
create or replace function storage.operation() returns text language plpgsql stable as $$
begin
	return current_setting('storage.operation', true);
end $$;
grant execute on function storage.operation() to anon, authenticated, service_role;

-- The path helpers storage policies use: 'org/123/a.png' → {org,123}, 'a.png', 'png'.
create or replace function storage.foldername(name text) returns text[] language plpgsql immutable as $$
declare _parts text[];
begin
	select string_to_array(name, '/') into _parts;
	return _parts[1 : array_length(_parts, 1) - 1];
end $$;

create or replace function storage.filename(name text) returns text language plpgsql immutable as $$
declare _parts text[];
begin
	select string_to_array(name, '/') into _parts;
	return _parts[array_length(_parts, 1)];
end $$;

create or replace function storage.extension(name text) returns text language plpgsql immutable as $$
declare _parts text[]; _filename text;
begin
	select string_to_array(name, '/') into _parts;
	select _parts[array_length(_parts, 1)] into _filename;
	return reverse(split_part(reverse(_filename), '.', 1));
end $$;
grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text) to anon, authenticated, service_role;

-- migrations are tracked as the Supabase CLI tracks them
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
	version text primary key,
	statements text[],
	name text
);

-- pg_cron, pg_net and Vault, as far as migrations use them ---------------------------------------------
-- A hosted project has the real extensions; here the same calls record what to run, and the local
-- stack's scheduler (supabase/local/cron.ts) runs the jobs and sends the queued HTTP requests after
-- commit, as pg_net does. Migrations enable the extensions only where they exist:
--   create extension if not exists pg_cron  -- guarded by pg_available_extensions
create schema if not exists cron;
create table if not exists cron.job (
	jobid bigserial primary key,
	schedule text not null,
	command text not null,
	nodename text not null default 'localhost',
	nodeport int not null default 5432,
	database text not null default current_database(),
	username text not null default current_user,
	active boolean not null default true,
	jobname text unique
);
create table if not exists cron.job_run_details (
	jobid bigint,
	runid bigserial primary key,
	job_pid int,
	database text,
	username text,
	command text,
	status text,
	return_message text,
	start_time timestamptz,
	end_time timestamptz
);

-- Same signatures as pg_cron: scheduling a name again replaces its schedule and command.
create or replace function cron.schedule(job_name text, schedule text, command text) returns bigint language sql as $$
	insert into cron.job (jobname, schedule, command) values (job_name, schedule, command)
	on conflict (jobname) do update set schedule = excluded.schedule, command = excluded.command, active = true
	returning jobid
$$;
create or replace function cron.schedule(schedule text, command text) returns bigint language sql as $$
	insert into cron.job (schedule, command) values (schedule, command) returning jobid
$$;
create or replace function cron.unschedule(job_name text) returns boolean language plpgsql as $$
begin
	delete from cron.job where jobname = job_name;
	if not found then raise exception 'could not find valid entry for job ''%''', job_name; end if;
	return true;
end $$;
create or replace function cron.unschedule(job_id bigint) returns boolean language plpgsql as $$
begin
	delete from cron.job where jobid = job_id;
	if not found then raise exception 'could not find valid entry for job %', job_id; end if;
	return true;
end $$;

create schema if not exists net;
create table if not exists net.http_request_queue (
	id bigserial primary key,
	method text not null,
	url text not null,
	headers jsonb not null default '{}',
	body bytea,
	timeout_milliseconds int not null default 5000
);
create table if not exists net._http_response (
	id bigint,
	status_code int,
	content_type text,
	headers jsonb,
	content text,
	timed_out boolean,
	error_msg text,
	created timestamptz not null default now()
);
create or replace function net.http_post(url text, body jsonb default '{}'::jsonb, params jsonb default '{}'::jsonb, headers jsonb default '{"Content-Type": "application/json"}'::jsonb, timeout_milliseconds int default 5000) returns bigint language sql as $$
	insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
	values ('POST', url || case when params = '{}'::jsonb then '' else '?' || (select string_agg(key || '=' || value, '&') from jsonb_each_text(params)) end,
		coalesce(headers, '{}'::jsonb), convert_to(coalesce(body, '{}'::jsonb)::text, 'UTF8'), timeout_milliseconds)
	returning id
$$;
create or replace function net.http_get(url text, params jsonb default '{}'::jsonb, headers jsonb default '{}'::jsonb, timeout_milliseconds int default 5000) returns bigint language sql as $$
	insert into net.http_request_queue (method, url, headers, timeout_milliseconds)
	values ('GET', url || case when params = '{}'::jsonb then '' else '?' || (select string_agg(key || '=' || value, '&') from jsonb_each_text(params)) end,
		coalesce(headers, '{}'::jsonb), timeout_milliseconds)
	returning id
$$;

create schema if not exists vault;
create table if not exists vault.secrets (
	id uuid primary key default gen_random_uuid(),
	name text unique,
	description text not null default '',
	secret text not null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create or replace view vault.decrypted_secrets as
	select id, name, description, secret, secret as decrypted_secret, created_at, updated_at from vault.secrets;
create or replace function vault.create_secret(new_secret text, new_name text default null, new_description text default '') returns uuid language sql as $$
	insert into vault.secrets (secret, name, description) values (new_secret, new_name, new_description) returning id
$$;
create or replace function vault.update_secret(secret_id uuid, new_secret text default null, new_name text default null, new_description text default null) returns void language sql as $$
	update vault.secrets set secret = coalesce(new_secret, secret), name = coalesce(new_name, name),
		description = coalesce(new_description, description), updated_at = now() where id = secret_id
$$;
-- Like the platform: only the database owner schedules jobs, sends requests and reads secrets.
revoke all on schema cron, net, vault from public;
revoke all on all functions in schema cron, net, vault from public;
