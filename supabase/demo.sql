-- Demo accounts for local development (`npm run dev`, `npm run stack`): two customer organisations,
-- one on each programme, each with an authorized contact and a plain member, plus an agent, a lead
-- and an admin. Every password is `mostrador-demo`. Applied after seed.sql on a fresh local database
-- (config.toml [db.seed]); never pushed to a hosted project. The stack prints these at start-up.

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
	('00000000-0000-4000-a000-000000000007', 'admin@demo.mostrador.test', 'Elena Vargas', 'es')
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

insert into public.organisations (id, name, programme_id, plan_id, contract_start, contract_end, go_live, timezone) values
	('00000000-0000-4000-b000-000000000001', 'Municipio de San Pedro (demo)', 'estandar-extendido', 'estandar', '2026-01-01', '2027-12-31', null, 'America/Mexico_City'),
	('00000000-0000-4000-b000-000000000002', 'Cooperativa Andina (demo)', 'implementacion', 'mensual', '2026-06-01', null, '2026-09-01', 'America/Bogota')
on conflict (id) do nothing;

insert into public.memberships (organisation_id, user_id, role) values
	('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000001', 'coordinator'),
	('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000002', 'member'),
	('00000000-0000-4000-b000-000000000002', '00000000-0000-4000-a000-000000000003', 'coordinator'),
	('00000000-0000-4000-b000-000000000002', '00000000-0000-4000-a000-000000000004', 'member')
on conflict do nothing;

insert into public.staff (user_id, role, level) values
	('00000000-0000-4000-a000-000000000005', 'agent', 1),
	('00000000-0000-4000-a000-000000000006', 'lead', 2),
	('00000000-0000-4000-a000-000000000007', 'admin', 2)
on conflict (user_id) do nothing;
