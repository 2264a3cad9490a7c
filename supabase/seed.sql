-- Generated from content/support by `npm run seed:generate`. Do not edit: change the YAML and regenerate.

update public.programmes set active = false where active;
insert into public.programmes (id, name, timezone, customer_tickets, default_severity, auto_close_days, auto_close_reminder_days, first_response_commitment, escalation_commitment, supported_majors, eol_notice_months, document, active) values
	('comunidad', 'Soporte comunitario', 'America/Mexico_City', false, null, null, null, null, null, 2, 6, '{"id":"comunidad","name":{"es":"Soporte comunitario","en":"Community support"},"description":{"es":"La documentación es la primera línea de soporte; la comunidad ayuda con el mejor esfuerzo y los socios del ecosistema ofrecen soporte profesional.","en":"Documentation is the first line of support; the community helps on a best-effort basis and ecosystem partners offer professional support."},"timezone":"America/Mexico_City","customerTickets":false,"severities":[],"calendars":[],"plans":[],"rules":{"escalationChain":[]},"versionPolicy":{"supportedMajors":2,"eolNoticeMonths":6},"community":{"expectations":{"es":"La comunidad y la fundación responden con el mejor esfuerzo, sin garantías de tiempo ni de solución. Para tiempos de respuesta garantizados, acude a un socio.","en":"The community and the foundation answer on a best-effort basis, with no guarantee of time or solution. For guaranteed response times, go to a partner."},"channels":[{"kind":"forum","name":{"es":"Foros oficiales","en":"Official forums"},"url":"https://foro.mxos.example/","description":{"es":"El lugar principal para preguntas técnicas, debates y soluciones archivadas.","en":"The main place for technical questions, discussions and archived solutions."}},{"kind":"mailing-list","name":{"es":"Listas de correo","en":"Mailing lists"},"url":"https://listas.mxos.example/","description":{"es":"Discusiones técnicas específicas y anuncios.","en":"Specific technical discussions and announcements."}},{"kind":"chat","name":{"es":"Chat en Telegram y Matrix","en":"Telegram and Matrix chat"},"url":"https://chat.mxos.example/","description":{"es":"Consultas rápidas entre miembros de la comunidad; no es un canal de soporte formal.","en":"Quick questions between community members; not a formal support channel."}},{"kind":"tracker","name":{"es":"Reporte de errores","en":"Bug tracker"},"url":"https://errores.mxos.example/","description":{"es":"El canal oficial para reportar errores del software al equipo de desarrollo.","en":"The official channel to report software bugs to the development team."}},{"kind":"wiki","name":{"es":"Wiki de la comunidad","en":"Community wiki"},"url":"https://wiki.mxos.example/","description":{"es":"Tutoriales, trucos y soluciones aportadas por la comunidad.","en":"Tutorials, tips and solutions contributed by the community."}}]},"partners":[{"id":"norte-sistemas","name":"Norte Sistemas","url":"https://norte-sistemas.example/","description":{"es":"Contratos con SLA para gobierno y grandes empresas, con mesa de ayuda 24/7.","en":"SLA contracts for government and large companies, with a 24/7 service desk."},"regions":[{"es":"Nuevo León y Coahuila","en":"Nuevo León and Coahuila"}],"offers":["sla","24x7","tickets","phone","portal","onsite"]},{"id":"bajio-abierto","name":"Bajío Abierto","url":"https://bajio-abierto.example/","description":{"es":"Soporte para pymes por tickets y teléfono en horario de oficina, y capacitación.","en":"Support for small businesses by ticket and phone in office hours, and training."},"regions":[{"es":"Guanajuato, Querétaro y Jalisco","en":"Guanajuato, Querétaro and Jalisco"}],"offers":["sla","tickets","phone","training"]},{"id":"sureste-libre","name":"Sureste Libre","url":"https://sureste-libre.example/","description":{"es":"Migraciones, asistencia remota o en sitio y portal de clientes.","en":"Migrations, remote or on-site assistance and a customer portal."},"regions":[{"es":"Yucatán, Campeche y Quintana Roo","en":"Yucatán, Campeche and Quintana Roo"}],"offers":["tickets","portal","onsite"]}],"certification":{"name":{"es":"Certificación Básica MxOS","en":"MxOS Basic Certification"},"description":{"es":"Valida los conocimientos fundamentales para usar y administrar MxOS, y eleva la calidad del soporte que ofrecen la comunidad y los socios.","en":"Validates the fundamentals of using and administering MxOS, and raises the quality of the support the community and partners give."},"price":"free","format":{"es":"Autodidacta, en línea, a tu ritmo","en":"Self-study, online, at your own pace"},"topics":[{"es":"Instalación y configuración","en":"Installation and configuration"},{"es":"Uso diario del escritorio","en":"Everyday desktop use"},{"es":"Tareas de administración comunes","en":"Common administration tasks"}],"url":"https://certificacion.mxos.example/"}}'::jsonb, false)
on conflict (id) do update set name = excluded.name, timezone = excluded.timezone, customer_tickets = excluded.customer_tickets, default_severity = excluded.default_severity, auto_close_days = excluded.auto_close_days, auto_close_reminder_days = excluded.auto_close_reminder_days, first_response_commitment = excluded.first_response_commitment, escalation_commitment = excluded.escalation_commitment, supported_majors = excluded.supported_majors, eol_notice_months = excluded.eol_notice_months, document = excluded.document, active = excluded.active;


delete from public.holidays where programme_id = 'comunidad';




delete from public.sla_targets where programme_id = 'comunidad';


delete from public.escalation_steps where programme_id = 'comunidad';


insert into public.programmes (id, name, timezone, customer_tickets, default_severity, auto_close_days, auto_close_reminder_days, first_response_commitment, escalation_commitment, supported_majors, eol_notice_months, document, active) values
	('estandar-extendido', 'Programa de soporte estándar y extendido', 'America/Mexico_City', true, 'P3', 10, 3, 95, 90, 2, 6, '{"id":"estandar-extendido","name":{"es":"Programa de soporte estándar y extendido","en":"Standard and extended support programme"},"description":{"es":"Póliza anual por sistema con soporte electrónico, telefónico y derecho a nuevas versiones.","en":"Annual policy per system with electronic and phone support and the right to new versions."},"timezone":"America/Mexico_City","customerTickets":true,"severities":[{"key":"P1","label":{"es":"Prioridad 1 — sistema productivo caído","en":"Priority 1 — production down"},"description":{"es":"Todos los usuarios están bloqueados y no pueden continuar con su trabajo.","en":"Every user is blocked and cannot keep working."},"criteria":{"usersAffected":{"min":100,"max":100},"environment":"production","canContinueWorking":false,"examples":[{"es":"Nadie puede iniciar sesión en la aplicación.","en":"Nobody can sign in to the application."},{"es":"Un error fatal impide usar cualquier función del sistema.","en":"A fatal error prevents using any function."}]}},{"key":"P2","label":{"es":"Prioridad 2 — impacto serio","en":"Priority 2 — serious impact"},"description":{"es":"Afecta a más de la mitad de los usuarios, que de algún modo pueden seguir trabajando.","en":"More than half of the users are affected but can somehow keep working."},"criteria":{"usersAffected":{"min":50},"environment":"production","canContinueWorking":true,"examples":[{"es":"La firma de oficios falla para la mayoría de las áreas.","en":"Signing fails for most departments."}]}},{"key":"P3","label":{"es":"Prioridad 3 — impacto medio","en":"Priority 3 — medium impact"},"description":{"es":"Un caso aislado que afecta a algunos usuarios (entre el 10 % y el 50 %) sin impedirles trabajar.","en":"An isolated case affecting some users (10 % to 50 %) without stopping their work."},"criteria":{"usersAffected":{"min":10,"max":50},"environment":"production","canContinueWorking":true,"examples":[{"es":"Un reporte tarda varios minutos en generarse para un área.","en":"A report takes minutes to build for one department."}]}},{"key":"P4","label":{"es":"Prioridad 4 — impacto bajo","en":"Priority 4 — low impact"},"description":{"es":"Afecta a menos del 10 % de los usuarios, o sucede en un ambiente que no es productivo (desarrollo, pruebas).","en":"Affects fewer than 10 % of users, or happens outside production (development, test)."},"criteria":{"usersAffected":{"max":10},"environment":"any","canContinueWorking":true,"examples":[{"es":"Un error de ortografía en una pantalla.","en":"A typo on a screen."},{"es":"Una falla en el ambiente de pruebas.","en":"A failure in the test environment."}]}}],"defaultSeverity":"P3","calendars":[{"id":"oficina-cdmx","name":{"es":"Horario de oficina, Ciudad de México","en":"Office hours, Mexico City"},"timezone":"America/Mexico_City","hours":{"mon":[["09:00","18:00"]],"tue":[["09:00","18:00"]],"wed":[["09:00","18:00"]],"thu":[["09:00","18:00"]],"fri":[["09:00","18:00"]]},"holidays":[{"date":"2026-01-01","name":"Año Nuevo"},{"date":"2026-02-02","name":"Día de la Constitución"},{"date":"2026-03-16","name":"Natalicio de Benito Juárez"},{"date":"2026-04-02","name":"Jueves Santo"},{"date":"2026-04-03","name":"Viernes Santo"},{"date":"2026-05-01","name":"Día del Trabajo"},{"date":"2026-09-16","name":"Día de la Independencia"},{"date":"2026-11-02","name":"Día de Muertos"},{"date":"2026-11-16","name":"Día de la Revolución"},{"date":"2026-12-12","name":"Día de la Virgen de Guadalupe"},{"date":"2026-12-25","name":"Navidad"},{"date":"2027-01-01","name":"Año Nuevo"},{"date":"2027-02-01","name":"Día de la Constitución"},{"date":"2027-03-15","name":"Natalicio de Benito Juárez"},{"date":"2027-03-25","name":"Jueves Santo"},{"date":"2027-03-26","name":"Viernes Santo"},{"date":"2027-05-01","name":"Día del Trabajo"},{"date":"2027-09-16","name":"Día de la Independencia"},{"date":"2027-11-02","name":"Día de Muertos"},{"date":"2027-11-15","name":"Día de la Revolución"},{"date":"2027-12-12","name":"Día de la Virgen de Guadalupe"},{"date":"2027-12-25","name":"Navidad"}]},{"id":"siempre","name":{"es":"24 horas, 365 días","en":"24/7/365"},"timezone":"America/Mexico_City","hours":{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]},"holidays":[]}],"plans":[{"id":"estandar","name":{"es":"Soporte estándar","en":"Standard support"},"description":{"es":"Llamadas y tickets ilimitados en horario de oficina, de lunes a viernes, sin días festivos de la Ciudad de México.","en":"Unlimited calls and tickets in office hours, Monday to Friday, Mexico City holidays excluded."},"calendar":"oficina-cdmx","targets":{"P1":{"firstResponse":240,"update":120,"escalation":240},"P2":{"firstResponse":480,"update":240,"escalation":480},"P3":{"firstResponse":1440,"update":540,"escalation":1080},"P4":{"firstResponse":2520,"update":1080,"escalation":2160}},"quota":"unlimited","authorizedContacts":2,"whoMayOpen":"authorized-contacts","channels":[{"kind":"web"},{"kind":"email"},{"kind":"phone"}],"includes":[{"es":"Derecho a nuevas versiones mayores y menores","en":"Right to new major and minor versions"},{"es":"Alertas técnicas activas","en":"Active technical alerts"}]},{"id":"extendido","name":{"es":"Soporte extendido","en":"Extended support"},"description":{"es":"Todo lo del estándar, a cualquier hora del día o de la noche, los 365 días del año.","en":"Everything in Standard, at any hour of day or night, 365 days a year."},"calendar":"siempre","targets":{"P1":{"firstResponse":240,"update":120,"escalation":240},"P2":{"firstResponse":480,"update":240,"escalation":480},"P3":{"firstResponse":1440,"update":720,"escalation":1440},"P4":{"firstResponse":2520,"update":1440,"escalation":2880}},"quota":"unlimited","authorizedContacts":4,"whoMayOpen":"authorized-contacts","channels":[{"kind":"web"},{"kind":"email"},{"kind":"phone"},{"kind":"remote"}],"includes":[{"es":"Derecho a nuevas versiones mayores y menores","en":"Right to new major and minor versions"},{"es":"Alertas técnicas activas","en":"Active technical alerts"},{"es":"2 días preagendados al año para mantenimientos fuera de horario","en":"2 pre-booked days a year for out-of-hours maintenance"}]}],"rules":{"autoClose":{"afterDays":10,"reminderDaysBefore":3},"escalationChain":[{"key":"nivel-1","label":{"es":"Nivel 1 — mesa de soporte","en":"Level 1 — service desk"},"role":"agent","level":1},{"key":"nivel-2","label":{"es":"Nivel 2 — especialistas","en":"Level 2 — specialists"},"role":"agent","level":2},{"key":"gerencia","label":{"es":"Gerencia de soporte","en":"Support management"},"role":"lead"}]},"commitments":{"firstResponseOnTime":95,"escalationOnTime":90},"versionPolicy":{"supportedMajors":2,"eolNoticeMonths":6},"partners":[]}'::jsonb, true)
on conflict (id) do update set name = excluded.name, timezone = excluded.timezone, customer_tickets = excluded.customer_tickets, default_severity = excluded.default_severity, auto_close_days = excluded.auto_close_days, auto_close_reminder_days = excluded.auto_close_reminder_days, first_response_commitment = excluded.first_response_commitment, escalation_commitment = excluded.escalation_commitment, supported_majors = excluded.supported_majors, eol_notice_months = excluded.eol_notice_months, document = excluded.document, active = excluded.active;

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

insert into public.plans (programme_id, id, name, calendar_id, monthly_quota, authorized_contacts, channels, included_months, included_after, best_effort, who_may_open) values
	('estandar-extendido', 'estandar', 'Soporte estándar', 'oficina-cdmx', null, 2, array['web', 'email', 'phone']::text[], null, null, false, 'authorized_contacts'),
	('estandar-extendido', 'extendido', 'Soporte extendido', 'siempre', null, 4, array['web', 'email', 'phone', 'remote']::text[], null, null, false, 'authorized_contacts')
on conflict (programme_id, id) do update set name = excluded.name, calendar_id = excluded.calendar_id, monthly_quota = excluded.monthly_quota, authorized_contacts = excluded.authorized_contacts, channels = excluded.channels, included_months = excluded.included_months, included_after = excluded.included_after, best_effort = excluded.best_effort, who_may_open = excluded.who_may_open;

delete from public.sla_targets where programme_id = 'estandar-extendido';

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

insert into public.programmes (id, name, timezone, customer_tickets, default_severity, auto_close_days, auto_close_reminder_days, first_response_commitment, escalation_commitment, supported_majors, eol_notice_months, document, active) values
	('implementacion', 'Soporte posterior a la implementación', 'America/Bogota', true, 'media', 10, 3, 95, 90, 2, 6, '{"id":"implementacion","name":{"es":"Soporte posterior a la implementación","en":"Post-implementation support"},"timezone":"America/Bogota","customerTickets":true,"severities":[{"key":"alta","label":{"es":"Alta","en":"High"},"description":{"es":"El proceso está detenido para todos o para un área completa.","en":"The process is stopped for everyone or for a whole department."},"criteria":{"usersAffected":{"min":50},"environment":"production","canContinueWorking":false,"examples":[{"es":"No se pueden emitir facturas.","en":"Invoices cannot be issued."}]}},{"key":"media","label":{"es":"Media","en":"Medium"},"description":{"es":"Una función falla pero existe una forma de continuar.","en":"A function fails but there is a way to keep going."},"criteria":{"environment":"production","canContinueWorking":true,"examples":[{"es":"Un reporte sale con totales incorrectos.","en":"A report shows wrong totals."}]}},{"key":"baja","label":{"es":"Baja","en":"Low"},"description":{"es":"Dudas de uso, mejoras o fallas en ambientes de prueba.","en":"How-to questions, improvements or failures in test environments."},"criteria":{"environment":"any","canContinueWorking":true,"examples":[{"es":"¿Cómo se configura un nuevo diario contable?","en":"How do I set up a new journal?"}]}}],"defaultSeverity":"media","calendars":[{"id":"lunes-a-viernes","name":{"es":"De lunes a viernes, 8:00 a 18:00","en":"Monday to Friday, 8:00 to 18:00"},"timezone":"America/Bogota","hours":{"mon":[["08:00","18:00"]],"tue":[["08:00","18:00"]],"wed":[["08:00","18:00"]],"thu":[["08:00","18:00"]],"fri":[["08:00","18:00"]]},"holidays":[{"date":"2026-01-01","name":"Año Nuevo"},{"date":"2026-05-01","name":"Día del Trabajo"},{"date":"2026-07-20","name":"Día de la Independencia"},{"date":"2026-08-07","name":"Batalla de Boyacá"},{"date":"2026-12-08","name":"Inmaculada Concepción"},{"date":"2026-12-25","name":"Navidad"},{"date":"2027-01-01","name":"Año Nuevo"},{"date":"2027-05-01","name":"Día del Trabajo"},{"date":"2027-07-20","name":"Día de la Independencia"},{"date":"2027-08-07","name":"Batalla de Boyacá"},{"date":"2027-12-08","name":"Inmaculada Concepción"},{"date":"2027-12-25","name":"Navidad"}]},{"id":"lunes-a-domingo","name":{"es":"De lunes a domingo, 8:00 a 18:00","en":"Monday to Sunday, 8:00 to 18:00"},"timezone":"America/Bogota","hours":{"mon":[["08:00","18:00"]],"tue":[["08:00","18:00"]],"wed":[["08:00","18:00"]],"thu":[["08:00","18:00"]],"fri":[["08:00","18:00"]],"sat":[["08:00","18:00"]],"sun":[["08:00","18:00"]]},"holidays":[]}],"plans":[{"id":"mensual","name":{"es":"Soporte mensual","en":"Monthly support"},"description":{"es":"Incluido durante los seis meses posteriores a la puesta en marcha. Guía y resolución de dudas; no incluye operación, configuración ni instalación de módulos.","en":"Included for six months after go-live. Guidance and answers; no operation, configuration or module installs."},"calendar":"lunes-a-viernes","targets":{"alta":{"firstResponse":1440,"update":600,"escalation":1200},"media":{"firstResponse":2160,"update":1200,"escalation":1800},"baja":{"firstResponse":2880}},"quota":{"perMonth":40},"authorizedContacts":3,"whoMayOpen":"authorized-contacts","channels":[{"kind":"web"},{"kind":"email"}],"includedPeriod":{"months":6,"after":"go-live"},"includes":[]},{"id":"preferencial","name":{"es":"Preferencial","en":"Preferential"},"description":{"es":"Se contrata en cualquier momento y por el tiempo que se desee. Sin límite de tickets.","en":"Bought at any time for as long as wanted. Unlimited tickets."},"calendar":"lunes-a-domingo","targets":{"alta":{"firstResponse":180,"update":120,"escalation":240},"media":{"firstResponse":270,"update":240,"escalation":480},"baja":{"firstResponse":360}},"quota":"unlimited","authorizedContacts":5,"whoMayOpen":"authorized-contacts","channels":[{"kind":"web"},{"kind":"email"},{"kind":"phone"},{"kind":"chat"}],"includes":[]},{"id":"acompanamiento","name":{"es":"Acompañamiento","en":"Accompaniment"},"description":{"es":"Como Preferencial, con visita presencial dos días por semana durante toda la implementación.","en":"Like Preferential, with on-site visits two days a week throughout the implementation."},"calendar":"lunes-a-domingo","targets":{"alta":{"firstResponse":60,"update":60,"escalation":120},"media":{"firstResponse":120,"update":120,"escalation":240},"baja":{"firstResponse":180}},"quota":"unlimited","authorizedContacts":"unlimited","whoMayOpen":"authorized-contacts","channels":[{"kind":"web"},{"kind":"email"},{"kind":"phone"},{"kind":"chat"},{"kind":"onsite"}],"includes":[{"es":"Visita presencial 2 días por semana","en":"On-site visit 2 days a week"}]}],"rules":{"autoClose":{"afterDays":10,"reminderDaysBefore":3},"escalationChain":[{"key":"nivel-1","label":{"es":"Nivel 1 — mesa de ayuda","en":"Level 1 — help desk"},"role":"agent","level":1},{"key":"nivel-2","label":{"es":"Nivel 2 — consultores funcionales","en":"Level 2 — functional consultants"},"role":"agent","level":2},{"key":"gerencia","label":{"es":"Gerencia de proyectos","en":"Project management"},"role":"lead"}]},"commitments":{"firstResponseOnTime":95,"escalationOnTime":90},"versionPolicy":{"supportedMajors":2,"eolNoticeMonths":6},"partners":[]}'::jsonb, false)
on conflict (id) do update set name = excluded.name, timezone = excluded.timezone, customer_tickets = excluded.customer_tickets, default_severity = excluded.default_severity, auto_close_days = excluded.auto_close_days, auto_close_reminder_days = excluded.auto_close_reminder_days, first_response_commitment = excluded.first_response_commitment, escalation_commitment = excluded.escalation_commitment, supported_majors = excluded.supported_majors, eol_notice_months = excluded.eol_notice_months, document = excluded.document, active = excluded.active;

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

insert into public.plans (programme_id, id, name, calendar_id, monthly_quota, authorized_contacts, channels, included_months, included_after, best_effort, who_may_open) values
	('implementacion', 'mensual', 'Soporte mensual', 'lunes-a-viernes', 40, 3, array['web', 'email']::text[], 6, 'go_live', false, 'authorized_contacts'),
	('implementacion', 'preferencial', 'Preferencial', 'lunes-a-domingo', null, 5, array['web', 'email', 'phone', 'chat']::text[], null, null, false, 'authorized_contacts'),
	('implementacion', 'acompanamiento', 'Acompañamiento', 'lunes-a-domingo', null, null, array['web', 'email', 'phone', 'chat', 'onsite']::text[], null, null, false, 'authorized_contacts')
on conflict (programme_id, id) do update set name = excluded.name, calendar_id = excluded.calendar_id, monthly_quota = excluded.monthly_quota, authorized_contacts = excluded.authorized_contacts, channels = excluded.channels, included_months = excluded.included_months, included_after = excluded.included_after, best_effort = excluded.best_effort, who_may_open = excluded.who_may_open;

delete from public.sla_targets where programme_id = 'implementacion';

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

insert into public.programmes (id, name, timezone, customer_tickets, default_severity, auto_close_days, auto_close_reminder_days, first_response_commitment, escalation_commitment, supported_majors, eol_notice_months, document, active) values
	('membresia', 'Membresía de soporte', 'Europe/Madrid', true, 'media', null, null, null, null, 2, 6, '{"id":"membresia","name":{"es":"Membresía de soporte","en":"Support membership"},"description":{"es":"Portal de soporte gratuito para los clientes con contrato de mantenimiento, con membresía por código de invitación y sin límite de usuarios.","en":"Free support portal for customers with a maintenance contract, with a membership joined by invitation code and no limit of users."},"timezone":"Europe/Madrid","customerTickets":true,"severities":[{"key":"alta","label":{"es":"Alta","en":"High"},"description":{"es":"Incidencias o problemas que dejan el sistema con prestaciones inaceptables e impiden la producción.","en":"Incidents or problems that leave the system performing unacceptably and stop production."},"criteria":{"environment":"production","canContinueWorking":false,"examples":[{"es":"El servidor de expedientes no arranca.","en":"The records server does not start."}]}},{"key":"media","label":{"es":"Media","en":"Medium"},"description":{"es":"Necesita resolverse en poco tiempo; la producción sigue con los procedimientos degradados previstos, pero no puede sostenerse mucho tiempo así.","en":"Needs a fix soon; production goes on with the planned degraded procedures, but cannot go on like that for long."},"criteria":{"environment":"production","canContinueWorking":true,"examples":[{"es":"Los escaneos se suben a mano porque la carga automática falla.","en":"Scans are uploaded by hand because the automatic upload fails."}]}},{"key":"baja","label":{"es":"Baja","en":"Low"},"description":{"es":"Una consulta o petición de mejora cuya resolución no afecta a la operación del sistema.","en":"A question or an improvement request whose resolution does not affect the system''s operation."},"criteria":{"environment":"any","canContinueWorking":true,"examples":[{"es":"¿Se puede añadir un campo al formulario de alta?","en":"Can a field be added to the sign-up form?"}]}}],"defaultSeverity":"media","calendars":[{"id":"oficina-madrid","name":{"es":"Horario de oficina, Madrid","en":"Office hours, Madrid"},"timezone":"Europe/Madrid","hours":{"mon":[["09:00","14:00"],["15:00","18:00"]],"tue":[["09:00","14:00"],["15:00","18:00"]],"wed":[["09:00","14:00"],["15:00","18:00"]],"thu":[["09:00","14:00"],["15:00","18:00"]],"fri":[["09:00","15:00"]]},"holidays":[]}],"plans":[{"id":"mantenimiento","name":{"es":"Contrato de mantenimiento","en":"Maintenance contract"},"description":{"es":"Acceso gratuito al portal mientras el contrato de mantenimiento esté vigente. Sin límite de usuarios ni de incidencias.","en":"Free access to the portal while the maintenance contract is in force. No limit of users or incidents."},"calendar":"oficina-madrid","targets":"best-effort","quota":"unlimited","authorizedContacts":"unlimited","whoMayOpen":"members","channels":[{"kind":"web","how":{"es":"Desde el portal, en el momento en que se produce la incidencia, con capturas, fotos o vídeos","en":"From the portal, the moment the incident happens, with screenshots, photos or videos"}},{"kind":"remote","how":{"es":"Conexión remota, siempre con la autorización del usuario","en":"Remote connection, always with the user''s authorization"}},{"kind":"onsite","how":{"es":"Un técnico se desplaza cuando la conexión remota no basta","en":"A technician comes on site when a remote session is not enough"}}],"includes":[{"es":"Documentación del proyecto sin coste","en":"Project documentation at no cost"},{"es":"Descargas de software y plantillas con control de versiones","en":"Software and template downloads with version control"},{"es":"Correo semanal de novedades e informe mensual al coordinador","en":"Weekly news e-mail and monthly report to the coordinator"}]}],"rules":{"escalationChain":[{"key":"primera-linea","label":{"es":"Primera línea — base de conocimiento","en":"First line — knowledge base"},"role":"agent","level":1},{"key":"remota","label":{"es":"Conexión remota autorizada por el usuario","en":"Remote session authorized by the user"},"role":"agent","level":2},{"key":"presencial","label":{"es":"Asistencia presencial","en":"On-site assistance"},"role":"lead"}]},"versionPolicy":{"supportedMajors":2,"eolNoticeMonths":6},"partners":[]}'::jsonb, false)
on conflict (id) do update set name = excluded.name, timezone = excluded.timezone, customer_tickets = excluded.customer_tickets, default_severity = excluded.default_severity, auto_close_days = excluded.auto_close_days, auto_close_reminder_days = excluded.auto_close_reminder_days, first_response_commitment = excluded.first_response_commitment, escalation_commitment = excluded.escalation_commitment, supported_majors = excluded.supported_majors, eol_notice_months = excluded.eol_notice_months, document = excluded.document, active = excluded.active;

insert into public.calendars (programme_id, id, name, timezone, hours) values
	('membresia', 'oficina-madrid', 'Horario de oficina, Madrid', 'Europe/Madrid', '{"mon":[["09:00","14:00"],["15:00","18:00"]],"tue":[["09:00","14:00"],["15:00","18:00"]],"wed":[["09:00","14:00"],["15:00","18:00"]],"thu":[["09:00","14:00"],["15:00","18:00"]],"fri":[["09:00","15:00"]]}'::jsonb)
on conflict (programme_id, id) do update set name = excluded.name, timezone = excluded.timezone, hours = excluded.hours;

delete from public.holidays where programme_id = 'membresia';


insert into public.severities (programme_id, key, position, label, description, criteria) values
	('membresia', 'alta', 1, 'Alta', 'Incidencias o problemas que dejan el sistema con prestaciones inaceptables e impiden la producción.', '{"environment":"production","canContinueWorking":false,"examples":[{"es":"El servidor de expedientes no arranca.","en":"The records server does not start."}]}'::jsonb),
	('membresia', 'media', 2, 'Media', 'Necesita resolverse en poco tiempo; la producción sigue con los procedimientos degradados previstos, pero no puede sostenerse mucho tiempo así.', '{"environment":"production","canContinueWorking":true,"examples":[{"es":"Los escaneos se suben a mano porque la carga automática falla.","en":"Scans are uploaded by hand because the automatic upload fails."}]}'::jsonb),
	('membresia', 'baja', 3, 'Baja', 'Una consulta o petición de mejora cuya resolución no afecta a la operación del sistema.', '{"environment":"any","canContinueWorking":true,"examples":[{"es":"¿Se puede añadir un campo al formulario de alta?","en":"Can a field be added to the sign-up form?"}]}'::jsonb)
on conflict (programme_id, key) do update set position = excluded.position, label = excluded.label, description = excluded.description, criteria = excluded.criteria;

insert into public.plans (programme_id, id, name, calendar_id, monthly_quota, authorized_contacts, channels, included_months, included_after, best_effort, who_may_open) values
	('membresia', 'mantenimiento', 'Contrato de mantenimiento', 'oficina-madrid', null, null, array['web', 'remote', 'onsite']::text[], null, null, true, 'members')
on conflict (programme_id, id) do update set name = excluded.name, calendar_id = excluded.calendar_id, monthly_quota = excluded.monthly_quota, authorized_contacts = excluded.authorized_contacts, channels = excluded.channels, included_months = excluded.included_months, included_after = excluded.included_after, best_effort = excluded.best_effort, who_may_open = excluded.who_may_open;

delete from public.sla_targets where programme_id = 'membresia';


delete from public.escalation_steps where programme_id = 'membresia';

insert into public.escalation_steps (programme_id, position, key, label, role, level) values
	('membresia', 1, 'primera-linea', 'Primera línea — base de conocimiento', 'agent', 1),
	('membresia', 2, 'remota', 'Conexión remota autorizada por el usuario', 'agent', 2),
	('membresia', 3, 'presencial', 'Asistencia presencial', 'lead', null)
on conflict (programme_id, position) do update set key = excluded.key, label = excluded.label, role = excluded.role, level = excluded.level;

insert into public.programmes (id, name, timezone, customer_tickets, default_severity, auto_close_days, auto_close_reminder_days, first_response_commitment, escalation_commitment, supported_majors, eol_notice_months, document, active) values
	('soporte-nativo', 'Soporte nativo', 'America/Mexico_City', true, 'normal', null, null, 95, 90, 2, 6, '{"id":"soporte-nativo","name":{"es":"Soporte nativo","en":"Native support"},"description":{"es":"Soporte incluido en todos nuestros productos, con acuerdo de nivel de servicio según la gravedad de cada incidente.","en":"Support included with every product, with a service level agreement by the severity of each incident."},"timezone":"America/Mexico_City","customerTickets":true,"severities":[{"key":"critico","label":{"es":"Crítico","en":"Critical"},"description":{"es":"El sistema es inoperable, no funciona, se perdieron datos o el negocio está detenido, o el impacto amenaza la productividad.","en":"The system is inoperable, down, data was lost or the business is stopped, or the impact threatens productivity."},"criteria":{"environment":"production","canContinueWorking":false,"examples":[{"es":"Nadie puede registrar ventas desde esta mañana.","en":"Nobody has been able to record sales since this morning."},{"es":"Se borraron los pedidos de ayer.","en":"Yesterday''s orders were deleted."}]}},{"key":"alto","label":{"es":"Alto","en":"High"},"description":{"es":"El impacto es alto; la producción continúa con deficiencias y hay una solución alternativa.","en":"The impact is high; production goes on with shortcomings and there is a workaround."},"criteria":{"environment":"production","canContinueWorking":true,"examples":[{"es":"Las facturas salen, pero hay que reenviarlas a mano.","en":"Invoices go out, but must be resent by hand."}]}},{"key":"normal","label":{"es":"Normal","en":"Normal"},"description":{"es":"Sin impacto importante en el sistema; problemas de interfaz, peticiones de nuevas características o preguntas de uso.","en":"No significant impact on the system; user interface problems, feature requests or how-to questions."},"criteria":{"environment":"any","canContinueWorking":true,"examples":[{"es":"Un botón aparece cortado en la pantalla de clientes.","en":"A button is cut off on the customers screen."},{"es":"¿Se puede exportar el reporte a Excel?","en":"Can the report be exported to Excel?"}]}}],"defaultSeverity":"normal","calendars":[{"id":"siempre","name":{"es":"Todas las horas, todos los días","en":"Around the clock, every day"},"timezone":"America/Mexico_City","hours":{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]},"holidays":[]}],"plans":[{"id":"nativo","name":{"es":"Soporte nativo","en":"Native support"},"description":{"es":"Incluido en todos los productos. El nivel 1 atiende, busca en la base de conocimiento y escala al siguiente nivel cuando hace falta.","en":"Included with every product. Level 1 answers, searches the knowledge base and escalates to the next level when needed."},"calendar":"siempre","targets":{"critico":{"firstResponse":30,"update":120,"escalation":240},"alto":{"firstResponse":120,"update":240,"escalation":480},"normal":{"firstResponse":240,"update":1440,"escalation":2880}},"quota":"unlimited","authorizedContacts":"unlimited","whoMayOpen":"authorized-contacts","channels":[{"kind":"phone","how":{"es":"Recomendado para incidentes críticos: +52 55 5000 0000","en":"Recommended for critical incidents: +52 55 5000 0000"},"url":"tel:+525550000000"},{"kind":"email","how":{"es":"Incidentes altos y normales","en":"High and normal incidents"}},{"kind":"web","how":{"es":"Cualquier incidente, desde este portal","en":"Any incident, from this portal"}}],"includes":[]}],"rules":{"escalationChain":[{"key":"nivel-1","label":{"es":"Nivel 1 — ingenieros de primera línea","en":"Level 1 — front-line engineers"},"role":"agent","level":1},{"key":"nivel-2","label":{"es":"Nivel 2 — ingenieros especialistas","en":"Level 2 — specialist engineers"},"role":"agent","level":2},{"key":"gerencia","label":{"es":"Gerencia de soporte","en":"Support management"},"role":"lead"}]},"commitments":{"firstResponseOnTime":95,"escalationOnTime":90},"versionPolicy":{"supportedMajors":2,"eolNoticeMonths":6},"partners":[]}'::jsonb, false)
on conflict (id) do update set name = excluded.name, timezone = excluded.timezone, customer_tickets = excluded.customer_tickets, default_severity = excluded.default_severity, auto_close_days = excluded.auto_close_days, auto_close_reminder_days = excluded.auto_close_reminder_days, first_response_commitment = excluded.first_response_commitment, escalation_commitment = excluded.escalation_commitment, supported_majors = excluded.supported_majors, eol_notice_months = excluded.eol_notice_months, document = excluded.document, active = excluded.active;

insert into public.calendars (programme_id, id, name, timezone, hours) values
	('soporte-nativo', 'siempre', 'Todas las horas, todos los días', 'America/Mexico_City', '{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]}'::jsonb)
on conflict (programme_id, id) do update set name = excluded.name, timezone = excluded.timezone, hours = excluded.hours;

delete from public.holidays where programme_id = 'soporte-nativo';


insert into public.severities (programme_id, key, position, label, description, criteria) values
	('soporte-nativo', 'critico', 1, 'Crítico', 'El sistema es inoperable, no funciona, se perdieron datos o el negocio está detenido, o el impacto amenaza la productividad.', '{"environment":"production","canContinueWorking":false,"examples":[{"es":"Nadie puede registrar ventas desde esta mañana.","en":"Nobody has been able to record sales since this morning."},{"es":"Se borraron los pedidos de ayer.","en":"Yesterday''s orders were deleted."}]}'::jsonb),
	('soporte-nativo', 'alto', 2, 'Alto', 'El impacto es alto; la producción continúa con deficiencias y hay una solución alternativa.', '{"environment":"production","canContinueWorking":true,"examples":[{"es":"Las facturas salen, pero hay que reenviarlas a mano.","en":"Invoices go out, but must be resent by hand."}]}'::jsonb),
	('soporte-nativo', 'normal', 3, 'Normal', 'Sin impacto importante en el sistema; problemas de interfaz, peticiones de nuevas características o preguntas de uso.', '{"environment":"any","canContinueWorking":true,"examples":[{"es":"Un botón aparece cortado en la pantalla de clientes.","en":"A button is cut off on the customers screen."},{"es":"¿Se puede exportar el reporte a Excel?","en":"Can the report be exported to Excel?"}]}'::jsonb)
on conflict (programme_id, key) do update set position = excluded.position, label = excluded.label, description = excluded.description, criteria = excluded.criteria;

insert into public.plans (programme_id, id, name, calendar_id, monthly_quota, authorized_contacts, channels, included_months, included_after, best_effort, who_may_open) values
	('soporte-nativo', 'nativo', 'Soporte nativo', 'siempre', null, null, array['phone', 'email', 'web']::text[], null, null, false, 'authorized_contacts')
on conflict (programme_id, id) do update set name = excluded.name, calendar_id = excluded.calendar_id, monthly_quota = excluded.monthly_quota, authorized_contacts = excluded.authorized_contacts, channels = excluded.channels, included_months = excluded.included_months, included_after = excluded.included_after, best_effort = excluded.best_effort, who_may_open = excluded.who_may_open;

delete from public.sla_targets where programme_id = 'soporte-nativo';

insert into public.sla_targets (programme_id, plan_id, severity_key, first_response_minutes, update_minutes, escalation_minutes, resolution_minutes) values
	('soporte-nativo', 'nativo', 'critico', 30, 120, 240, null),
	('soporte-nativo', 'nativo', 'alto', 120, 240, 480, null),
	('soporte-nativo', 'nativo', 'normal', 240, 1440, 2880, null)
on conflict (programme_id, plan_id, severity_key) do update set first_response_minutes = excluded.first_response_minutes, update_minutes = excluded.update_minutes, escalation_minutes = excluded.escalation_minutes, resolution_minutes = excluded.resolution_minutes;

delete from public.escalation_steps where programme_id = 'soporte-nativo';

insert into public.escalation_steps (programme_id, position, key, label, role, level) values
	('soporte-nativo', 1, 'nivel-1', 'Nivel 1 — ingenieros de primera línea', 'agent', 1),
	('soporte-nativo', 2, 'nivel-2', 'Nivel 2 — ingenieros especialistas', 'agent', 2),
	('soporte-nativo', 3, 'gerencia', 'Gerencia de soporte', 'lead', null)
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
