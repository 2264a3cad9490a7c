-- Demo accounts for local development (`npm run dev`, `npm run stack`): one customer organisation on
-- each programme that takes tickets, each with a coordinator, an authorized contact and a plain
-- member, plus the support team (an agent, a level-2 specialist, a lead and an admin). Every password
-- is `mostrador-demo`. Applied after seed.sql on a fresh local database (config.toml [db.seed]); never
-- pushed to a hosted project. The stack prints these at start-up. The history that shows the product
-- (tickets, comments, downloads, an alert) is generated on top by supabase/local/demo/, which names
-- these same ids (supabase/local/demo/cast.ts).
--
-- Contract dates count from the day the database is created, so the demo works on any date: every
-- contract is in force, and the Monthly plan's months after go-live are not over.

insert into auth.users (id, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
select id::uuid, email, extensions.crypt('mostrador-demo', extensions.gen_salt('bf', 10)), now(),
	'{"provider": "email", "providers": ["email"]}'::jsonb, jsonb_build_object('full_name', full_name, 'locale', locale)
from (values
	('00000000-0000-4000-a000-000000000001', 'contacto.sanpedro@demo.mostrador.test', 'Lucía Herrera', 'es'),
	('00000000-0000-4000-a000-000000000002', 'miembro.sanpedro@demo.mostrador.test', 'Tomás Ibarra', 'es'),
	('00000000-0000-4000-a000-000000000003', 'contacto.andina@demo.mostrador.test', 'Valentina Rojas', 'es'),
	('00000000-0000-4000-a000-000000000004', 'miembro.andina@demo.mostrador.test', 'Andrés Gómez', 'en'),
	('00000000-0000-4000-a000-000000000005', 'agente@demo.mostrador.test', 'Paula Méndez', 'es'),
	('00000000-0000-4000-a000-000000000006', 'lider@demo.mostrador.test', 'Ricardo Salas', 'es'),
	('00000000-0000-4000-a000-000000000007', 'admin@demo.mostrador.test', 'Elena Vargas', 'es'),
	('00000000-0000-4000-a000-000000000008', 'autorizado.sanpedro@demo.mostrador.test', 'Jorge Treviño', 'es'),
	('00000000-0000-4000-a000-000000000009', 'autorizado.andina@demo.mostrador.test', 'Camila Duarte', 'es'),
	('00000000-0000-4000-a000-000000000010', 'contacto.norte@demo.mostrador.test', 'Mariana Cárdenas', 'es'),
	('00000000-0000-4000-a000-000000000011', 'autorizado.norte@demo.mostrador.test', 'Héctor Villarreal', 'es'),
	('00000000-0000-4000-a000-000000000012', 'miembro.norte@demo.mostrador.test', 'Sofía Garza', 'es'),
	('00000000-0000-4000-a000-000000000013', 'contacto.alcala@demo.mostrador.test', 'Pilar Navarro', 'es'),
	('00000000-0000-4000-a000-000000000014', 'autorizado.alcala@demo.mostrador.test', 'Daniel Ortega', 'es'),
	('00000000-0000-4000-a000-000000000015', 'miembro.alcala@demo.mostrador.test', 'Emma Wilson', 'en'),
	('00000000-0000-4000-a000-000000000016', 'especialista@demo.mostrador.test', 'Iván Castillo', 'es')
) as demo (id, email, full_name, locale)
on conflict (id) do nothing;

-- GoTrue keeps an e-mail identity per user; the local auth service does too.
do $$
begin
	if to_regclass('auth.identities') is not null then
		insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
		select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true, 'phone_verified', false), 'email', null, now(), now()
		from auth.users u
		where u.email like '%@demo.mostrador.test'
			and not exists (select from auth.identities i where i.user_id = u.id and i.provider = 'email');
	end if;
end $$;

-- San Pedro's contract began last January and runs to the end of next year; Andina went live three
-- months ago (its Monthly plan is included for six months after go-live); Norte and Alcalá have
-- contracts without an end.
insert into public.organisations (id, name, programme_id, plan_id, contract_start, contract_end, go_live, timezone) values
	('00000000-0000-4000-b000-000000000001', 'Municipio de San Pedro (demo)', 'estandar-extendido', 'estandar',
		date_trunc('year', current_date - interval '1 year')::date, (date_trunc('year', current_date + interval '2 years') - interval '1 day')::date, null, 'America/Mexico_City'),
	('00000000-0000-4000-b000-000000000002', 'Cooperativa Andina (demo)', 'implementacion', 'mensual',
		date_trunc('month', current_date - interval '7 months')::date, null, date_trunc('month', current_date - interval '3 months')::date, 'America/Bogota'),
	('00000000-0000-4000-b000-000000000003', 'Hospital del Norte (demo)', 'soporte-nativo', 'nativo',
		date_trunc('month', current_date - interval '1 year')::date, null, null, 'America/Monterrey'),
	('00000000-0000-4000-b000-000000000004', 'Ayuntamiento de Alcalá (demo)', 'membresia', 'mantenimiento',
		date_trunc('month', current_date - interval '1 year')::date, null, null, 'Europe/Madrid')
on conflict (id) do nothing;

insert into public.memberships (organisation_id, user_id, role) values
	('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000001', 'coordinator'),
	('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000008', 'authorized_contact'),
	('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000002', 'member'),
	('00000000-0000-4000-b000-000000000002', '00000000-0000-4000-a000-000000000003', 'coordinator'),
	('00000000-0000-4000-b000-000000000002', '00000000-0000-4000-a000-000000000009', 'authorized_contact'),
	('00000000-0000-4000-b000-000000000002', '00000000-0000-4000-a000-000000000004', 'member'),
	('00000000-0000-4000-b000-000000000003', '00000000-0000-4000-a000-000000000010', 'coordinator'),
	('00000000-0000-4000-b000-000000000003', '00000000-0000-4000-a000-000000000011', 'authorized_contact'),
	('00000000-0000-4000-b000-000000000003', '00000000-0000-4000-a000-000000000012', 'member'),
	('00000000-0000-4000-b000-000000000004', '00000000-0000-4000-a000-000000000013', 'coordinator'),
	('00000000-0000-4000-b000-000000000004', '00000000-0000-4000-a000-000000000014', 'authorized_contact'),
	('00000000-0000-4000-b000-000000000004', '00000000-0000-4000-a000-000000000015', 'member')
on conflict do nothing;

insert into public.staff (user_id, role, level) values
	('00000000-0000-4000-a000-000000000005', 'agent', 1),
	('00000000-0000-4000-a000-000000000016', 'agent', 2),
	('00000000-0000-4000-a000-000000000006', 'lead', 2),
	('00000000-0000-4000-a000-000000000007', 'admin', 2)
on conflict (user_id) do nothing;
