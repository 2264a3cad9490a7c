-- Generated from content/support by `npm run seed:generate`. Do not edit: change the YAML and regenerate.

update public.programmes set active = false where active;
insert into public.programmes (id, name, timezone, default_severity, auto_close_days, auto_close_reminder_days, first_response_commitment, escalation_commitment, supported_majors, eol_notice_months, document, active) values
	('estandar-extendido', 'Programa de soporte estándar y extendido', 'America/Mexico_City', 'P3', 10, 3, 95, 90, 2, 6, '{"id":"estandar-extendido","name":{"es":"Programa de soporte estándar y extendido","en":"Standard and extended support programme"},"description":{"es":"Póliza anual por sistema con soporte electrónico, telefónico y derecho a nuevas versiones.","en":"Annual policy per system with electronic and phone support and the right to new versions."},"timezone":"America/Mexico_City","severities":[{"key":"P1","label":{"es":"Prioridad 1 — sistema productivo caído","en":"Priority 1 — production down"},"description":{"es":"Todos los usuarios están bloqueados y no pueden continuar con su trabajo.","en":"Every user is blocked and cannot keep working."},"criteria":{"usersAffected":{"min":100,"max":100},"environment":"production","canContinueWorking":false,"examples":[{"es":"Nadie puede iniciar sesión en la aplicación.","en":"Nobody can sign in to the application."},{"es":"Un error fatal impide usar cualquier función del sistema.","en":"A fatal error prevents using any function."}]}},{"key":"P2","label":{"es":"Prioridad 2 — impacto serio","en":"Priority 2 — serious impact"},"description":{"es":"Afecta a más de la mitad de los usuarios, que de algún modo pueden seguir trabajando.","en":"More than half of the users are affected but can somehow keep working."},"criteria":{"usersAffected":{"min":50},"environment":"production","canContinueWorking":true,"examples":[{"es":"La firma de oficios falla para la mayoría de las áreas.","en":"Signing fails for most departments."}]}},{"key":"P3","label":{"es":"Prioridad 3 — impacto medio","en":"Priority 3 — medium impact"},"description":{"es":"Un caso aislado que afecta a algunos usuarios (entre el 10 % y el 50 %) sin impedirles trabajar.","en":"An isolated case affecting some users (10 % to 50 %) without stopping their work."},"criteria":{"usersAffected":{"min":10,"max":50},"environment":"production","canContinueWorking":true,"examples":[{"es":"Un reporte tarda varios minutos en generarse para un área.","en":"A report takes minutes to build for one department."}]}},{"key":"P4","label":{"es":"Prioridad 4 — impacto bajo","en":"Priority 4 — low impact"},"description":{"es":"Afecta a menos del 10 % de los usuarios, o sucede en un ambiente que no es productivo (desarrollo, pruebas).","en":"Affects fewer than 10 % of users, or happens outside production (development, test)."},"criteria":{"usersAffected":{"max":10},"environment":"any","canContinueWorking":true,"examples":[{"es":"Un error de ortografía en una pantalla.","en":"A typo on a screen."},{"es":"Una falla en el ambiente de pruebas.","en":"A failure in the test environment."}]}}],"defaultSeverity":"P3","calendars":[{"id":"oficina-cdmx","name":{"es":"Horario de oficina, Ciudad de México","en":"Office hours, Mexico City"},"timezone":"America/Mexico_City","hours":{"mon":[["09:00","18:00"]],"tue":[["09:00","18:00"]],"wed":[["09:00","18:00"]],"thu":[["09:00","18:00"]],"fri":[["09:00","18:00"]]},"holidays":[{"date":"2026-01-01","name":"Año Nuevo"},{"date":"2026-02-02","name":"Día de la Constitución"},{"date":"2026-03-16","name":"Natalicio de Benito Juárez"},{"date":"2026-04-02","name":"Jueves Santo"},{"date":"2026-04-03","name":"Viernes Santo"},{"date":"2026-05-01","name":"Día del Trabajo"},{"date":"2026-09-16","name":"Día de la Independencia"},{"date":"2026-11-02","name":"Día de Muertos"},{"date":"2026-11-16","name":"Día de la Revolución"},{"date":"2026-12-12","name":"Día de la Virgen de Guadalupe"},{"date":"2026-12-25","name":"Navidad"},{"date":"2027-01-01","name":"Año Nuevo"},{"date":"2027-02-01","name":"Día de la Constitución"},{"date":"2027-03-15","name":"Natalicio de Benito Juárez"},{"date":"2027-03-25","name":"Jueves Santo"},{"date":"2027-03-26","name":"Viernes Santo"},{"date":"2027-05-01","name":"Día del Trabajo"},{"date":"2027-09-16","name":"Día de la Independencia"},{"date":"2027-11-02","name":"Día de Muertos"},{"date":"2027-11-15","name":"Día de la Revolución"},{"date":"2027-12-12","name":"Día de la Virgen de Guadalupe"},{"date":"2027-12-25","name":"Navidad"}]},{"id":"siempre","name":{"es":"24 horas, 365 días","en":"24/7/365"},"timezone":"America/Mexico_City","hours":{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]},"holidays":[]}],"plans":[{"id":"estandar","name":{"es":"Soporte estándar","en":"Standard support"},"description":{"es":"Llamadas y tickets ilimitados en horario de oficina, de lunes a viernes, sin días festivos de la Ciudad de México.","en":"Unlimited calls and tickets in office hours, Monday to Friday, Mexico City holidays excluded."},"calendar":"oficina-cdmx","targets":{"P1":{"firstResponse":240,"update":120,"escalation":240},"P2":{"firstResponse":480,"update":240,"escalation":480},"P3":{"firstResponse":1440,"update":540,"escalation":1080},"P4":{"firstResponse":2520,"update":1080,"escalation":2160}},"quota":"unlimited","authorizedContacts":2,"channels":["web","email","phone"],"includes":[{"es":"Derecho a nuevas versiones mayores y menores","en":"Right to new major and minor versions"},{"es":"Alertas técnicas activas","en":"Active technical alerts"}]},{"id":"extendido","name":{"es":"Soporte extendido","en":"Extended support"},"description":{"es":"Todo lo del estándar, a cualquier hora del día o de la noche, los 365 días del año.","en":"Everything in Standard, at any hour of day or night, 365 days a year."},"calendar":"siempre","targets":{"P1":{"firstResponse":240,"update":120,"escalation":240},"P2":{"firstResponse":480,"update":240,"escalation":480},"P3":{"firstResponse":1440,"update":720,"escalation":1440},"P4":{"firstResponse":2520,"update":1440,"escalation":2880}},"quota":"unlimited","authorizedContacts":4,"channels":["web","email","phone","remote"],"includes":[{"es":"Derecho a nuevas versiones mayores y menores","en":"Right to new major and minor versions"},{"es":"Alertas técnicas activas","en":"Active technical alerts"},{"es":"2 días preagendados al año para mantenimientos fuera de horario","en":"2 pre-booked days a year for out-of-hours maintenance"}]}],"rules":{"autoClose":{"afterDays":10,"reminderDaysBefore":3},"escalationChain":[{"key":"nivel-1","label":{"es":"Nivel 1 — mesa de soporte","en":"Level 1 — service desk"},"role":"agent","level":1},{"key":"nivel-2","label":{"es":"Nivel 2 — especialistas","en":"Level 2 — specialists"},"role":"agent","level":2},{"key":"gerencia","label":{"es":"Gerencia de soporte","en":"Support management"},"role":"lead"}]},"commitments":{"firstResponseOnTime":95,"escalationOnTime":90},"versionPolicy":{"supportedMajors":2,"eolNoticeMonths":6}}'::jsonb, true)
on conflict (id) do update set name = excluded.name, timezone = excluded.timezone, default_severity = excluded.default_severity, auto_close_days = excluded.auto_close_days, auto_close_reminder_days = excluded.auto_close_reminder_days, first_response_commitment = excluded.first_response_commitment, escalation_commitment = excluded.escalation_commitment, supported_majors = excluded.supported_majors, eol_notice_months = excluded.eol_notice_months, document = excluded.document, active = excluded.active;

insert into public.calendars (programme_id, id, name, timezone, hours) values
	('estandar-extendido', 'oficina-cdmx', 'Horario de oficina, Ciudad de México', 'America/Mexico_City', '{"mon":[["09:00","18:00"]],"tue":[["09:00","18:00"]],"wed":[["09:00","18:00"]],"thu":[["09:00","18:00"]],"fri":[["09:00","18:00"]]}'::jsonb),
	('estandar-extendido', 'siempre', '24 horas, 365 días', 'America/Mexico_City', '{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]}'::jsonb)
on conflict (programme_id, id) do update set name = excluded.name, timezone = excluded.timezone, hours = excluded.hours;

delete from public.holidays where programme_id = 'estandar-extendido';

insert into public.holidays (programme_id, calendar_id, day, name) values
	('estandar-extendido', 'oficina-cdmx', '2026-01-01', 'Año Nuevo'),
	('estandar-extendido', 'oficina-cdmx', '2026-02-02', 'Día de la Constitución'),
	('estandar-extendido', 'oficina-cdmx', '2026-03-16', 'Natalicio de Benito Juárez'),
	('estandar-extendido', 'oficina-cdmx', '2026-04-02', 'Jueves Santo'),
	('estandar-extendido', 'oficina-cdmx', '2026-04-03', 'Viernes Santo'),
	('estandar-extendido', 'oficina-cdmx', '2026-05-01', 'Día del Trabajo'),
	('estandar-extendido', 'oficina-cdmx', '2026-09-16', 'Día de la Independencia'),
	('estandar-extendido', 'oficina-cdmx', '2026-11-02', 'Día de Muertos'),
	('estandar-extendido', 'oficina-cdmx', '2026-11-16', 'Día de la Revolución'),
	('estandar-extendido', 'oficina-cdmx', '2026-12-12', 'Día de la Virgen de Guadalupe'),
	('estandar-extendido', 'oficina-cdmx', '2026-12-25', 'Navidad'),
	('estandar-extendido', 'oficina-cdmx', '2027-01-01', 'Año Nuevo'),
	('estandar-extendido', 'oficina-cdmx', '2027-02-01', 'Día de la Constitución'),
	('estandar-extendido', 'oficina-cdmx', '2027-03-15', 'Natalicio de Benito Juárez'),
	('estandar-extendido', 'oficina-cdmx', '2027-03-25', 'Jueves Santo'),
	('estandar-extendido', 'oficina-cdmx', '2027-03-26', 'Viernes Santo'),
	('estandar-extendido', 'oficina-cdmx', '2027-05-01', 'Día del Trabajo'),
	('estandar-extendido', 'oficina-cdmx', '2027-09-16', 'Día de la Independencia'),
	('estandar-extendido', 'oficina-cdmx', '2027-11-02', 'Día de Muertos'),
	('estandar-extendido', 'oficina-cdmx', '2027-11-15', 'Día de la Revolución'),
	('estandar-extendido', 'oficina-cdmx', '2027-12-12', 'Día de la Virgen de Guadalupe'),
	('estandar-extendido', 'oficina-cdmx', '2027-12-25', 'Navidad')
on conflict (programme_id, calendar_id, day) do update set name = excluded.name;

insert into public.severities (programme_id, key, position, label, description, criteria) values
	('estandar-extendido', 'P1', 1, 'Prioridad 1 — sistema productivo caído', 'Todos los usuarios están bloqueados y no pueden continuar con su trabajo.', '{"usersAffected":{"min":100,"max":100},"environment":"production","canContinueWorking":false,"examples":[{"es":"Nadie puede iniciar sesión en la aplicación.","en":"Nobody can sign in to the application."},{"es":"Un error fatal impide usar cualquier función del sistema.","en":"A fatal error prevents using any function."}]}'::jsonb),
	('estandar-extendido', 'P2', 2, 'Prioridad 2 — impacto serio', 'Afecta a más de la mitad de los usuarios, que de algún modo pueden seguir trabajando.', '{"usersAffected":{"min":50},"environment":"production","canContinueWorking":true,"examples":[{"es":"La firma de oficios falla para la mayoría de las áreas.","en":"Signing fails for most departments."}]}'::jsonb),
	('estandar-extendido', 'P3', 3, 'Prioridad 3 — impacto medio', 'Un caso aislado que afecta a algunos usuarios (entre el 10 % y el 50 %) sin impedirles trabajar.', '{"usersAffected":{"min":10,"max":50},"environment":"production","canContinueWorking":true,"examples":[{"es":"Un reporte tarda varios minutos en generarse para un área.","en":"A report takes minutes to build for one department."}]}'::jsonb),
	('estandar-extendido', 'P4', 4, 'Prioridad 4 — impacto bajo', 'Afecta a menos del 10 % de los usuarios, o sucede en un ambiente que no es productivo (desarrollo, pruebas).', '{"usersAffected":{"max":10},"environment":"any","canContinueWorking":true,"examples":[{"es":"Un error de ortografía en una pantalla.","en":"A typo on a screen."},{"es":"Una falla en el ambiente de pruebas.","en":"A failure in the test environment."}]}'::jsonb)
on conflict (programme_id, key) do update set position = excluded.position, label = excluded.label, description = excluded.description, criteria = excluded.criteria;

insert into public.plans (programme_id, id, name, calendar_id, monthly_quota, authorized_contacts, channels, included_months) values
	('estandar-extendido', 'estandar', 'Soporte estándar', 'oficina-cdmx', null, 2, array['web', 'email', 'phone']::text[], null),
	('estandar-extendido', 'extendido', 'Soporte extendido', 'siempre', null, 4, array['web', 'email', 'phone', 'remote']::text[], null)
on conflict (programme_id, id) do update set name = excluded.name, calendar_id = excluded.calendar_id, monthly_quota = excluded.monthly_quota, authorized_contacts = excluded.authorized_contacts, channels = excluded.channels, included_months = excluded.included_months;

insert into public.sla_targets (programme_id, plan_id, severity_key, first_response_minutes, update_minutes, escalation_minutes, resolution_minutes) values
	('estandar-extendido', 'estandar', 'P1', 240, 120, 240, null),
	('estandar-extendido', 'estandar', 'P2', 480, 240, 480, null),
	('estandar-extendido', 'estandar', 'P3', 1440, 540, 1080, null),
	('estandar-extendido', 'estandar', 'P4', 2520, 1080, 2160, null),
	('estandar-extendido', 'extendido', 'P1', 240, 120, 240, null),
	('estandar-extendido', 'extendido', 'P2', 480, 240, 480, null),
	('estandar-extendido', 'extendido', 'P3', 1440, 720, 1440, null),
	('estandar-extendido', 'extendido', 'P4', 2520, 1440, 2880, null)
on conflict (programme_id, plan_id, severity_key) do update set first_response_minutes = excluded.first_response_minutes, update_minutes = excluded.update_minutes, escalation_minutes = excluded.escalation_minutes, resolution_minutes = excluded.resolution_minutes;

delete from public.escalation_steps where programme_id = 'estandar-extendido';

insert into public.escalation_steps (programme_id, position, key, label, role, level) values
	('estandar-extendido', 1, 'nivel-1', 'Nivel 1 — mesa de soporte', 'agent', 1),
	('estandar-extendido', 2, 'nivel-2', 'Nivel 2 — especialistas', 'agent', 2),
	('estandar-extendido', 3, 'gerencia', 'Gerencia de soporte', 'lead', null)
on conflict (programme_id, position) do update set key = excluded.key, label = excluded.label, role = excluded.role, level = excluded.level;

insert into public.programmes (id, name, timezone, default_severity, auto_close_days, auto_close_reminder_days, first_response_commitment, escalation_commitment, supported_majors, eol_notice_months, document, active) values
	('implementacion', 'Soporte posterior a la implementación', 'America/Bogota', 'media', 10, 3, 95, 90, 2, 6, '{"id":"implementacion","name":{"es":"Soporte posterior a la implementación","en":"Post-implementation support"},"timezone":"America/Bogota","severities":[{"key":"alta","label":{"es":"Alta","en":"High"},"description":{"es":"El proceso está detenido para todos o para un área completa.","en":"The process is stopped for everyone or for a whole department."},"criteria":{"usersAffected":{"min":50},"environment":"production","canContinueWorking":false,"examples":[{"es":"No se pueden emitir facturas.","en":"Invoices cannot be issued."}]}},{"key":"media","label":{"es":"Media","en":"Medium"},"description":{"es":"Una función falla pero existe una forma de continuar.","en":"A function fails but there is a way to keep going."},"criteria":{"environment":"production","canContinueWorking":true,"examples":[{"es":"Un reporte sale con totales incorrectos.","en":"A report shows wrong totals."}]}},{"key":"baja","label":{"es":"Baja","en":"Low"},"description":{"es":"Dudas de uso, mejoras o fallas en ambientes de prueba.","en":"How-to questions, improvements or failures in test environments."},"criteria":{"environment":"any","canContinueWorking":true,"examples":[{"es":"¿Cómo se configura un nuevo diario contable?","en":"How do I set up a new journal?"}]}}],"defaultSeverity":"media","calendars":[{"id":"lunes-a-viernes","name":{"es":"De lunes a viernes, 8:00 a 18:00","en":"Monday to Friday, 8:00 to 18:00"},"timezone":"America/Bogota","hours":{"mon":[["08:00","18:00"]],"tue":[["08:00","18:00"]],"wed":[["08:00","18:00"]],"thu":[["08:00","18:00"]],"fri":[["08:00","18:00"]]},"holidays":[{"date":"2026-01-01","name":"Año Nuevo"},{"date":"2026-05-01","name":"Día del Trabajo"},{"date":"2026-07-20","name":"Día de la Independencia"},{"date":"2026-08-07","name":"Batalla de Boyacá"},{"date":"2026-12-08","name":"Inmaculada Concepción"},{"date":"2026-12-25","name":"Navidad"},{"date":"2027-01-01","name":"Año Nuevo"},{"date":"2027-05-01","name":"Día del Trabajo"},{"date":"2027-07-20","name":"Día de la Independencia"},{"date":"2027-08-07","name":"Batalla de Boyacá"},{"date":"2027-12-08","name":"Inmaculada Concepción"},{"date":"2027-12-25","name":"Navidad"}]},{"id":"lunes-a-domingo","name":{"es":"De lunes a domingo, 8:00 a 18:00","en":"Monday to Sunday, 8:00 to 18:00"},"timezone":"America/Bogota","hours":{"mon":[["08:00","18:00"]],"tue":[["08:00","18:00"]],"wed":[["08:00","18:00"]],"thu":[["08:00","18:00"]],"fri":[["08:00","18:00"]],"sat":[["08:00","18:00"]],"sun":[["08:00","18:00"]]},"holidays":[]}],"plans":[{"id":"mensual","name":{"es":"Soporte mensual","en":"Monthly support"},"description":{"es":"Incluido durante los seis meses posteriores a la puesta en marcha. Guía y resolución de dudas; no incluye operación, configuración ni instalación de módulos.","en":"Included for six months after go-live. Guidance and answers; no operation, configuration or module installs."},"calendar":"lunes-a-viernes","targets":{"alta":{"firstResponse":1440,"update":600,"escalation":1200},"media":{"firstResponse":2160,"update":1200,"escalation":1800},"baja":{"firstResponse":2880}},"quota":{"perMonth":40},"authorizedContacts":3,"channels":["web","email"],"includedPeriod":{"months":6,"after":"go-live"},"includes":[]},{"id":"preferencial","name":{"es":"Preferencial","en":"Preferential"},"description":{"es":"Se contrata en cualquier momento y por el tiempo que se desee. Sin límite de tickets.","en":"Bought at any time for as long as wanted. Unlimited tickets."},"calendar":"lunes-a-domingo","targets":{"alta":{"firstResponse":180,"update":120,"escalation":240},"media":{"firstResponse":270,"update":240,"escalation":480},"baja":{"firstResponse":360}},"quota":"unlimited","authorizedContacts":5,"channels":["web","email","phone","chat"],"includes":[]},{"id":"acompanamiento","name":{"es":"Acompañamiento","en":"Accompaniment"},"description":{"es":"Como Preferencial, con visita presencial dos días por semana durante toda la implementación.","en":"Like Preferential, with on-site visits two days a week throughout the implementation."},"calendar":"lunes-a-domingo","targets":{"alta":{"firstResponse":60,"update":60,"escalation":120},"media":{"firstResponse":120,"update":120,"escalation":240},"baja":{"firstResponse":180}},"quota":"unlimited","authorizedContacts":"unlimited","channels":["web","email","phone","chat","onsite"],"includes":[{"es":"Visita presencial 2 días por semana","en":"On-site visit 2 days a week"}]}],"rules":{"autoClose":{"afterDays":10,"reminderDaysBefore":3},"escalationChain":[{"key":"nivel-1","label":{"es":"Nivel 1 — mesa de ayuda","en":"Level 1 — help desk"},"role":"agent","level":1},{"key":"nivel-2","label":{"es":"Nivel 2 — consultores funcionales","en":"Level 2 — functional consultants"},"role":"agent","level":2},{"key":"gerencia","label":{"es":"Gerencia de proyectos","en":"Project management"},"role":"lead"}]},"commitments":{"firstResponseOnTime":95,"escalationOnTime":90},"versionPolicy":{"supportedMajors":2,"eolNoticeMonths":6}}'::jsonb, false)
on conflict (id) do update set name = excluded.name, timezone = excluded.timezone, default_severity = excluded.default_severity, auto_close_days = excluded.auto_close_days, auto_close_reminder_days = excluded.auto_close_reminder_days, first_response_commitment = excluded.first_response_commitment, escalation_commitment = excluded.escalation_commitment, supported_majors = excluded.supported_majors, eol_notice_months = excluded.eol_notice_months, document = excluded.document, active = excluded.active;

insert into public.calendars (programme_id, id, name, timezone, hours) values
	('implementacion', 'lunes-a-viernes', 'De lunes a viernes, 8:00 a 18:00', 'America/Bogota', '{"mon":[["08:00","18:00"]],"tue":[["08:00","18:00"]],"wed":[["08:00","18:00"]],"thu":[["08:00","18:00"]],"fri":[["08:00","18:00"]]}'::jsonb),
	('implementacion', 'lunes-a-domingo', 'De lunes a domingo, 8:00 a 18:00', 'America/Bogota', '{"mon":[["08:00","18:00"]],"tue":[["08:00","18:00"]],"wed":[["08:00","18:00"]],"thu":[["08:00","18:00"]],"fri":[["08:00","18:00"]],"sat":[["08:00","18:00"]],"sun":[["08:00","18:00"]]}'::jsonb)
on conflict (programme_id, id) do update set name = excluded.name, timezone = excluded.timezone, hours = excluded.hours;

delete from public.holidays where programme_id = 'implementacion';

insert into public.holidays (programme_id, calendar_id, day, name) values
	('implementacion', 'lunes-a-viernes', '2026-01-01', 'Año Nuevo'),
	('implementacion', 'lunes-a-viernes', '2026-05-01', 'Día del Trabajo'),
	('implementacion', 'lunes-a-viernes', '2026-07-20', 'Día de la Independencia'),
	('implementacion', 'lunes-a-viernes', '2026-08-07', 'Batalla de Boyacá'),
	('implementacion', 'lunes-a-viernes', '2026-12-08', 'Inmaculada Concepción'),
	('implementacion', 'lunes-a-viernes', '2026-12-25', 'Navidad'),
	('implementacion', 'lunes-a-viernes', '2027-01-01', 'Año Nuevo'),
	('implementacion', 'lunes-a-viernes', '2027-05-01', 'Día del Trabajo'),
	('implementacion', 'lunes-a-viernes', '2027-07-20', 'Día de la Independencia'),
	('implementacion', 'lunes-a-viernes', '2027-08-07', 'Batalla de Boyacá'),
	('implementacion', 'lunes-a-viernes', '2027-12-08', 'Inmaculada Concepción'),
	('implementacion', 'lunes-a-viernes', '2027-12-25', 'Navidad')
on conflict (programme_id, calendar_id, day) do update set name = excluded.name;

insert into public.severities (programme_id, key, position, label, description, criteria) values
	('implementacion', 'alta', 1, 'Alta', 'El proceso está detenido para todos o para un área completa.', '{"usersAffected":{"min":50},"environment":"production","canContinueWorking":false,"examples":[{"es":"No se pueden emitir facturas.","en":"Invoices cannot be issued."}]}'::jsonb),
	('implementacion', 'media', 2, 'Media', 'Una función falla pero existe una forma de continuar.', '{"environment":"production","canContinueWorking":true,"examples":[{"es":"Un reporte sale con totales incorrectos.","en":"A report shows wrong totals."}]}'::jsonb),
	('implementacion', 'baja', 3, 'Baja', 'Dudas de uso, mejoras o fallas en ambientes de prueba.', '{"environment":"any","canContinueWorking":true,"examples":[{"es":"¿Cómo se configura un nuevo diario contable?","en":"How do I set up a new journal?"}]}'::jsonb)
on conflict (programme_id, key) do update set position = excluded.position, label = excluded.label, description = excluded.description, criteria = excluded.criteria;

insert into public.plans (programme_id, id, name, calendar_id, monthly_quota, authorized_contacts, channels, included_months) values
	('implementacion', 'mensual', 'Soporte mensual', 'lunes-a-viernes', 40, 3, array['web', 'email']::text[], 6),
	('implementacion', 'preferencial', 'Preferencial', 'lunes-a-domingo', null, 5, array['web', 'email', 'phone', 'chat']::text[], null),
	('implementacion', 'acompanamiento', 'Acompañamiento', 'lunes-a-domingo', null, null, array['web', 'email', 'phone', 'chat', 'onsite']::text[], null)
on conflict (programme_id, id) do update set name = excluded.name, calendar_id = excluded.calendar_id, monthly_quota = excluded.monthly_quota, authorized_contacts = excluded.authorized_contacts, channels = excluded.channels, included_months = excluded.included_months;

insert into public.sla_targets (programme_id, plan_id, severity_key, first_response_minutes, update_minutes, escalation_minutes, resolution_minutes) values
	('implementacion', 'mensual', 'alta', 1440, 600, 1200, null),
	('implementacion', 'mensual', 'media', 2160, 1200, 1800, null),
	('implementacion', 'mensual', 'baja', 2880, null, null, null),
	('implementacion', 'preferencial', 'alta', 180, 120, 240, null),
	('implementacion', 'preferencial', 'media', 270, 240, 480, null),
	('implementacion', 'preferencial', 'baja', 360, null, null, null),
	('implementacion', 'acompanamiento', 'alta', 60, 60, 120, null),
	('implementacion', 'acompanamiento', 'media', 120, 120, 240, null),
	('implementacion', 'acompanamiento', 'baja', 180, null, null, null)
on conflict (programme_id, plan_id, severity_key) do update set first_response_minutes = excluded.first_response_minutes, update_minutes = excluded.update_minutes, escalation_minutes = excluded.escalation_minutes, resolution_minutes = excluded.resolution_minutes;

delete from public.escalation_steps where programme_id = 'implementacion';

insert into public.escalation_steps (programme_id, position, key, label, role, level) values
	('implementacion', 1, 'nivel-1', 'Nivel 1 — mesa de ayuda', 'agent', 1),
	('implementacion', 2, 'nivel-2', 'Nivel 2 — consultores funcionales', 'agent', 2),
	('implementacion', 3, 'gerencia', 'Gerencia de proyectos', 'lead', null)
on conflict (programme_id, position) do update set key = excluded.key, label = excluded.label, role = excluded.role, level = excluded.level;

insert into public.products (id, name, kind) values
	('quetzal-docs', 'Quetzal Docs', 'software'),
	('quetzal-firma', 'Quetzal Firma', 'software'),
	('cargador', 'Quetzal Cargador', 'tool')
on conflict (id) do update set name = excluded.name, kind = excluded.kind;

insert into public.product_versions (product_id, version, released, eol_announced, eol) values
	('quetzal-docs', '3.4', '2024-02-12', '2026-03-02', '2026-09-30'),
	('quetzal-docs', '4.0', '2025-01-20', null, null),
	('quetzal-docs', '4.1', '2025-06-16', null, null),
	('quetzal-docs', '4.2', '2025-11-03', null, null),
	('quetzal-docs', '5.0', '2026-04-20', null, null),
	('quetzal-docs', '5.1', '2026-09-14', null, null),
	('quetzal-firma', '2.0', '2025-03-03', null, null),
	('quetzal-firma', '2.1', '2025-10-06', null, null),
	('quetzal-firma', '3.0', '2026-07-06', null, null),
	('cargador', '1.0', '2025-05-05', null, null),
	('cargador', '1.1', '2026-02-09', null, null)
on conflict (product_id, version) do update set released = excluded.released, eol_announced = excluded.eol_announced, eol = excluded.eol;

delete from public.articles where slug not in ('alertas/cargador-no-se-autentica-con-docs-5-1', 'alertas/rotacion-certificado-raiz-tsa', 'alertas/vulnerabilidad-critica-visor-de-documentos', 'base-de-conocimiento/carga-falla-archivos-mayores-2-gb', 'base-de-conocimiento/cargador-csv-utf8-con-bom', 'base-de-conocimiento/conversion-pdfa-tiempo-agotado', 'base-de-conocimiento/firmas-sin-sello-de-tiempo', 'base-de-conocimiento/hora-incorrecta-en-bitacora', 'base-de-conocimiento/indice-desactualizado', 'base-de-conocimiento/ldap-omite-usuarios-con-enie', 'base-de-conocimiento/notificaciones-llegan-a-spam', 'base-de-conocimiento/ocr-no-reconoce-acentos', 'empezar/instalacion', 'empezar/primeros-pasos', 'empezar/requisitos', 'en', 'en/preguntas-frecuentes/soporte', 'en/soporte/como-abrir-un-buen-ticket', 'en/soporte/comunidad', 'en/soporte/niveles-de-soporte', 'en/soporte/prioridades', 'en/soporte/tiempos-de-respuesta', 'guias/flujos-de-aprobacion', 'guias/integracion-ldap', 'guias/respaldos-y-restauracion', 'guias/usuarios-y-permisos', 'index', 'mantenimiento/actualizar-a-5-1', 'mantenimiento/tareas-periodicas', 'manual/arquitectura', 'manual/configuracion', 'notas-de-version/quetzal-docs-5-0', 'notas-de-version/quetzal-docs-5-1', 'notas-de-version/quetzal-firma-3-0', 'preguntas-frecuentes/administracion', 'preguntas-frecuentes/soporte', 'preguntas-frecuentes/uso', 'solucion-de-problemas/errores-al-firmar', 'solucion-de-problemas/la-aplicacion-esta-lenta', 'solucion-de-problemas/no-puedo-iniciar-sesion', 'soporte/certificacion', 'soporte/como-abrir-un-buen-ticket', 'soporte/comunidad', 'soporte/niveles-de-soporte', 'soporte/politica-de-versiones', 'soporte/prioridades', 'soporte/socios', 'soporte/tiempos-de-respuesta', 'tutoriales/carga-masiva', 'tutoriales/firmar-un-oficio', 'tutoriales/primer-expediente');

insert into public.articles (slug, title, lang) values
	('alertas/cargador-no-se-autentica-con-docs-5-1', 'Quetzal Cargador no podía autenticarse contra Quetzal Docs 5.1', 'es'),
	('alertas/rotacion-certificado-raiz-tsa', 'Cambio del certificado raíz del servicio de sellado de tiempo de Quetzal', 'es'),
	('alertas/vulnerabilidad-critica-visor-de-documentos', 'QZ-2026-07: vulnerabilidad crítica en el visor de documentos de Quetzal Docs 4.2 y 5.0', 'es'),
	('base-de-conocimiento/carga-falla-archivos-mayores-2-gb', 'La carga de archivos de más de 2 GB falla detrás de un proxy inverso', 'es'),
	('base-de-conocimiento/cargador-csv-utf8-con-bom', 'Quetzal Cargador 1.0 rechaza los CSV guardados en UTF-8 con BOM', 'es'),
	('base-de-conocimiento/conversion-pdfa-tiempo-agotado', 'La conversión a PDF/A agota el tiempo de espera en documentos grandes', 'es'),
	('base-de-conocimiento/firmas-sin-sello-de-tiempo', 'Las firmas se generan sin sello de tiempo tras renovar el certificado de la TSA', 'es'),
	('base-de-conocimiento/hora-incorrecta-en-bitacora', 'La bitácora de auditoría muestra las horas con una hora de diferencia', 'es'),
	('base-de-conocimiento/indice-desactualizado', 'La búsqueda no encuentra documentos recientes después de actualizar a 5.1', 'es'),
	('base-de-conocimiento/ldap-omite-usuarios-con-enie', 'La sincronización con LDAP omite a los usuarios con ñ o acentos en el nombre', 'es'),
	('base-de-conocimiento/notificaciones-llegan-a-spam', 'Los correos de notificación llegan a la carpeta de correo no deseado', 'es'),
	('base-de-conocimiento/ocr-no-reconoce-acentos', 'El OCR no reconoce las letras acentuadas en PDF escaneados', 'es'),
	('empezar/instalacion', 'Instalación de Quetzal Docs 5.1', 'es'),
	('empezar/primeros-pasos', 'Primeros pasos en Quetzal Docs', 'es'),
	('empezar/requisitos', 'Requisitos del sistema', 'es'),
	('en', 'Quetzal Support Center', 'en'),
	('en/preguntas-frecuentes/soporte', 'Support FAQ', 'en'),
	('en/soporte/como-abrir-un-buen-ticket', 'How to open a good ticket', 'en'),
	('en/soporte/comunidad', 'Community channels', 'en'),
	('en/soporte/niveles-de-soporte', 'Support levels', 'en'),
	('en/soporte/prioridades', 'Priorities', 'en'),
	('en/soporte/tiempos-de-respuesta', 'Response times', 'en'),
	('guias/flujos-de-aprobacion', 'Flujos de aprobación', 'es'),
	('guias/integracion-ldap', 'Integración con LDAP y Active Directory', 'es'),
	('guias/respaldos-y-restauracion', 'Respaldos y restauración', 'es'),
	('guias/usuarios-y-permisos', 'Usuarios, grupos y permisos', 'es'),
	('index', 'Centro de soporte Quetzal', 'es'),
	('mantenimiento/actualizar-a-5-1', 'Actualizar a Quetzal Docs 5.1', 'es'),
	('mantenimiento/tareas-periodicas', 'Tareas de mantenimiento periódicas', 'es'),
	('manual/arquitectura', 'Arquitectura de Quetzal Docs', 'es'),
	('manual/configuracion', 'Referencia de configuración (docs.yaml)', 'es'),
	('notas-de-version/quetzal-docs-5-0', 'Notas de la versión Quetzal Docs 5.0', 'es'),
	('notas-de-version/quetzal-docs-5-1', 'Notas de la versión Quetzal Docs 5.1', 'es'),
	('notas-de-version/quetzal-firma-3-0', 'Notas de la versión Quetzal Firma 3.0', 'es'),
	('preguntas-frecuentes/administracion', 'Preguntas frecuentes de administración', 'es'),
	('preguntas-frecuentes/soporte', 'Preguntas frecuentes sobre el servicio de soporte', 'es'),
	('preguntas-frecuentes/uso', 'Preguntas frecuentes de uso', 'es'),
	('solucion-de-problemas/errores-al-firmar', 'Errores al firmar documentos', 'es'),
	('solucion-de-problemas/la-aplicacion-esta-lenta', 'La aplicación está lenta', 'es'),
	('solucion-de-problemas/no-puedo-iniciar-sesion', 'No puedo iniciar sesión en Quetzal Docs', 'es'),
	('soporte/certificacion', 'Certificación Quetzal Fundamentos', 'es'),
	('soporte/como-abrir-un-buen-ticket', 'Cómo abrir un buen ticket', 'es'),
	('soporte/comunidad', 'Canales de la comunidad', 'es'),
	('soporte/niveles-de-soporte', 'Niveles de soporte', 'es'),
	('soporte/politica-de-versiones', 'Política de soporte de versiones', 'es'),
	('soporte/prioridades', 'Prioridades', 'es'),
	('soporte/socios', 'Directorio de socios', 'es'),
	('soporte/tiempos-de-respuesta', 'Tiempos de respuesta', 'es'),
	('tutoriales/carga-masiva', 'Carga masiva de documentos con Quetzal Cargador', 'es'),
	('tutoriales/firmar-un-oficio', 'Firmar un oficio con Quetzal Firma', 'es'),
	('tutoriales/primer-expediente', 'Crear su primer expediente', 'es')
on conflict (slug) do update set title = excluded.title, lang = excluded.lang;
