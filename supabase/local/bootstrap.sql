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
	email varchar(255) unique,
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
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

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
