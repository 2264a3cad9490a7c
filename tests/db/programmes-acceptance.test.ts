// Issue 14's acceptance, the database's half: what each seed programme promises about who may open
// tickets, how many, for how long, who sees them and how attainment is measured, with the real seed
// (supabase/seed.sql from content/support) in real Postgres. Due times are computed the way the
// tickets function computes them (open-ticket.ts: the shared SLA engine on the programme's own file);
// the engine's arithmetic per programme is tests/unit/programmes-acceptance.test.ts.
import { describe, expect, it } from 'vitest';
import { evaluateSla } from '#shared/sla.ts';
import { slaRulesOf } from '#shared/sla-programme.ts';
import { renderNotification } from '#shared/email/templates.ts';
import { loadProgramme } from '../../src/lib/support-data.ts';
import { service, testDb, type Actor } from './harness.ts';
import { addMember, addStaff, createOrganisation, ticketPayload } from './fixtures.ts';

const db = await testDb();
const agent = await db.user('agente.aceptacion@example.com');
await addStaff(db, agent.id, 'agent');
const admin = await db.user('admin.aceptacion@example.com');
await addStaff(db, admin.id, 'admin', 2);

/** The due times the tickets function sends for a ticket opened now (open-ticket.ts). */
function dueTimes(programme: string, plan: string, severity: string, now = new Date()) {
	const sla = evaluateSla({
		...slaRulesOf(loadProgramme(programme)),
		now,
		events: [{ kind: 'created', at: now, actor_kind: 'customer', data: { status: 'new', severity, plan, level: 1 } }],
	});
	const iso = (d: Date | null) => d?.toISOString() ?? null;
	return {
		opened_at: now.toISOString(),
		first_response_due_at: iso(sla.firstResponse.due),
		next_update_due_at: iso(sla.nextUpdate.due),
		next_escalation_due_at: iso(sla.nextEscalation.due),
		resolution_due_at: iso(sla.resolution.due),
	};
}

/** create_ticket as the tickets function calls it: the service role, the engine's due times. */
async function openTicket(org: string, requester: string, programme: string, plan: string, severity: string, extra: Record<string, unknown> = {}) {
	const payload = ticketPayload(org, requester, { severity, product_id: null, version: null, ...dueTimes(programme, plan, severity), ...extra });
	// `select * from f()`, not `select (f()).*`, which would call create_ticket once per column.
	const [row] = await db.as(service, 'select * from public.create_ticket($1)', [JSON.stringify(payload)]);
	return row as { id: string; number: number; created_at: Date; first_response_due_at: Date | null; next_update_due_at: Date | null; next_escalation_due_at: Date | null; resolution_due_at: Date | null };
}

/** The refusal create_ticket answers with: its code (the message) and its detail. */
async function refusal(org: string, requester: string, severity: string): Promise<{ message: string; detail: string } | null> {
	try {
		await db.as(service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(org, requester, { severity, product_id: null, version: null }))]);
		return null;
	} catch (e) {
		const err = e as { message: string; detail: string };
		return { message: err.message, detail: err.detail };
	}
}

async function person(org: string, role = 'member'): Promise<Actor & { id: string }> {
	const u = await db.user();
	await addMember(db, org, u.id, role);
	return u;
}

const notification = async (template: string, ticket: string) =>
	(await db.admin.query(`select payload from public.notifications where template = $1 and payload ->> 'ticket' = $2`, [template, ticket])).rows.map((r) => r.payload);

/** YYYY-MM-DD of a UTC date. */
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('000 comunidad: the foundation takes no tickets', () => {
	it('the seed has the programme with customer tickets off and no plan at all', async () => {
		const { rows } = await db.admin.query(`select p.customer_tickets, (select count(*)::int from public.plans pl where pl.programme_id = p.id) as plans from public.programmes p where p.id = 'comunidad'`);
		expect(rows).toEqual([{ customer_tickets: false, plans: 0 }]);
	});

	it('no organisation can be placed on it: there is no plan to name', async () => {
		// Directly, the plan's foreign key refuses any plan name …
		await expect(createOrganisation(db, 'Usuarios de MxOS', 'comunidad', 'comunidad')).rejects.toMatchObject({ code: '23503' });
		// … and through the admin's function, the refusal has a name.
		expect(await db.fails(admin, `select public.create_organisation('Usuarios de MxOS', 'comunidad', 'basico', '2026-01-01')`)).toMatchObject({ message: 'plan_not_found' });
		expect((await db.admin.query(`select count(*)::int as n from public.organisations where programme_id = 'comunidad'`)).rows[0].n).toBe(0);
	});

	it('and were one there, may_open_ticket would refuse its tickets (tickets_not_offered) to its members only: an outsider learns nothing of the programme', async () => {
		// An organisation row that cannot be stored, handed to the rule as create_ticket would (owner
		// only): a real organisation's id, so its people are members, on the comunidad programme.
		const org = await createOrganisation(db, 'Usuarios de MxOS');
		const coordinator = await person(org, 'coordinator');
		const outsider = await db.user();
		const mayOpen = (programme: string, requester: string) =>
			db.admin
				.query(
					`select private.may_open_ticket(jsonb_populate_record(o, jsonb_build_object('programme_id', $2::text, 'plan_id', 'ninguno')), $3) from public.organisations o where o.id = $1`,
					[org, programme, requester],
				)
				.then(() => null)
				.catch((e) => ({ message: e.message, code: e.code }));
		expect(await mayOpen('comunidad', coordinator.id)).toEqual({ message: 'tickets_not_offered', code: '42501' });
		expect(await mayOpen('comunidad', outsider.id)).toEqual({ message: 'not_a_member', code: '42501' });
		// A programme the database does not know takes no tickets either (fails closed, not open).
		expect(await mayOpen('no-existe', coordinator.id)).toEqual({ message: 'tickets_not_offered', code: '42501' });
	});

	it('a plan the database does not know lets authorized contacts only (fails closed)', async () => {
		const org = await createOrganisation(db, 'Plan desconocido');
		const member = await person(org, 'member');
		const err = await db.admin
			.query(`select private.may_open_ticket(jsonb_populate_record(o, '{"plan_id": "ninguno"}'), $2) from public.organisations o where o.id = $1`, [org, member.id])
			.catch((e) => e);
		expect(err).toMatchObject({ message: 'not_authorized_contact', code: '42501' });
	});
});

describe('001 implementacion: Monthly (40 a month, 6 months after go-live), Preferential and Accompaniment', () => {
	it('refuses the 41st ticket of the month with quota_exceeded, and last month’s tickets do not count', async () => {
		const org = await createOrganisation(db, 'Distribuidora Andina', 'mensual', 'implementacion');
		await db.admin.query(`update public.organisations set go_live = current_date - interval '1 month' where id = $1`, [org]);
		const contact = await person(org, 'authorized_contact');
		for (let i = 1; i <= 40; i++) await openTicket(org, contact.id, 'implementacion', 'mensual', 'media', { subject: `Consulta ${i}` });
		expect(await refusal(org, contact.id, 'media')).toMatchObject({ message: 'quota_exceeded', detail: 'The plan includes 40 tickets a month.' });
		// The same 40 tickets a month earlier (the month in Bogotá, the programme's zone): this month starts afresh.
		await db.admin.query(`update public.tickets set created_at = created_at - interval '1 month' where organisation_id = $1`, [org]);
		expect(await refusal(org, contact.id, 'media')).toBeNull();
	});

	it('refuses the Monthly plan after its 6 included months, naming the last included day', async () => {
		const now = new Date();
		// Go-live on the 1st, seven months ago: included until the last day of the month before last.
		const goLive = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 7, 1));
		const lastIncluded = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 0));
		const org = await createOrganisation(db, 'Textiles del Cauca', 'mensual', 'implementacion');
		await db.admin.query(`update public.organisations set go_live = $2 where id = $1`, [org, day(goLive)]);
		const contact = await person(org, 'authorized_contact');
		expect(await refusal(org, contact.id, 'media')).toEqual({ message: 'plan_period_ended', detail: day(lastIncluded) });

		// Two months after go-live the plan is still included.
		const recent = await createOrganisation(db, 'Café de la Sierra', 'mensual', 'implementacion');
		await db.admin.query(`update public.organisations set go_live = $2 where id = $1`, [recent, day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, now.getUTCDate())))]);
		const other = await person(recent, 'authorized_contact');
		expect(await refusal(recent, other.id, 'media')).toBeNull();

		// Preferential is bought for as long as wanted: a go-live long ago limits nothing.
		const bought = await createOrganisation(db, 'Lácteos del Valle', 'preferencial', 'implementacion');
		await db.admin.query(`update public.organisations set go_live = $2 where id = $1`, [bought, day(goLive)]);
		const third = await person(bought, 'authorized_contact');
		expect(await refusal(bought, third.id, 'alta')).toBeNull();
	});

	it('stores the due times the engine computes on the Preferential plan (Monday to Sunday)', async () => {
		const org = await createOrganisation(db, 'Ferretería Bolívar', 'preferencial', 'implementacion');
		const contact = await person(org, 'authorized_contact');
		const t = await openTicket(org, contact.id, 'implementacion', 'preferencial', 'alta');
		// The ticket is created at the instant the due times were computed from (opened_at).
		expect(t.first_response_due_at?.toISOString()).toBe(dueTimes('implementacion', 'preferencial', 'alta', t.created_at).first_response_due_at);
		expect(t.first_response_due_at).not.toBeNull();
	});
});

describe('002 soporte-nativo: attainment against 95 % first responses and 90 % escalations', () => {
	it('reports the programme’s commitments and measures each Critical ticket against 30 minutes', async () => {
		const org = await createOrganisation(db, 'Comercial Tepeyac', 'nativo', 'soporte-nativo');
		const contact = await person(org, 'authorized_contact');
		const onTime = await openTicket(org, contact.id, 'soporte-nativo', 'nativo', 'critico');
		// 30 minutes of the clock after the ticket was created, whatever the hour or day …
		expect(onTime.first_response_due_at!.getTime() - onTime.created_at.getTime()).toBe(30 * 60_000);
		// … which the receipt tells as plain time (the calendar is 24×7), linking the programme's terms.
		expect(await notification('ticket_received', onTime.id)).toEqual([
			expect.objectContaining({ first_response_minutes: 30, around_the_clock: true, programme: 'soporte-nativo' }),
		]);
		await db.as(agent, `select public.reply_to_ticket($1, 'Lo revisamos ahora mismo.')`, [onTime.id]);
		// A second Critical ticket opened 31 minutes ago and still unanswered: its 30 minutes have passed.
		const late = await openTicket(org, contact.id, 'soporte-nativo', 'nativo', 'critico');
		await db.admin.query(`update public.tickets set created_at = created_at - interval '31 minutes', first_response_due_at = first_response_due_at - interval '31 minutes' where id = $1`, [late.id]);

		const rows = await db.as(
			agent,
			`select * from public.sla_attainment((now() at time zone 'America/Mexico_City')::date, (now() at time zone 'America/Mexico_City')::date, $1)`,
			[org],
		);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			programme_id: 'soporte-nativo',
			plan_id: 'nativo',
			severity_key: 'critico',
			tickets: 2,
			first_responses_measured: 2,
			first_responses_on_time: 1,
			first_response_rate: '0.5000',
			first_response_commitment: '95',
			escalation_commitment: '90',
			first_response_met: false,
		});
	});
});

// The membership of 003, made once: its coordinator's invitation code is the one everyone uses.
const membership = await createOrganisation(db, 'Ayuntamiento de Almagro', 'mantenimiento', 'membresia', '2026-01-01');
const membershipCoordinator = await person(membership, 'coordinator');
const [membershipCode] = await db.as(membershipCoordinator, `select public.create_invitation($1, 'member', 30) as code`, [membership]);

describe('003 membresia: one invitation code for everyone, every member opens and takes part, best effort', () => {
	const org = membership;
	const code = membershipCode;

	it('one invitation code lets any number of people join', async () => {
		const joiners = await Promise.all(Array.from({ length: 12 }, () => db.user()));
		for (const u of joiners) expect((await db.as(u, 'select public.join_organisation($1) as org', [code.code]))[0].org).toBe(org);
		const { rows } = await db.admin.query(`select count(*)::int as n from public.memberships where organisation_id = $1 and role = 'member'`, [org]);
		expect(rows[0].n).toBe(12);
		// The code has no cap: it counts its uses and still takes more.
		expect((await db.admin.query(`select uses, max_uses from public.invitations where organisation_id = $1`, [org])).rows).toEqual([{ uses: 12, max_uses: null }]);
	});

	it('every member opens tickets, and every member sees and answers the organisation’s open tickets', async () => {
		const [ana, luis] = await Promise.all([db.user(), db.user()]);
		for (const u of [ana, luis]) await db.as(u, 'select public.join_organisation($1)', [code.code]);
		expect((await db.admin.query(`select role from public.memberships where user_id = $1`, [ana.id])).rows[0].role).toBe('member');
		const t = await openTicket(org, ana.id, 'membresia', 'mantenimiento', 'alta');
		expect(await db.count(luis, 'select 1 from public.tickets where id = $1', [t.id])).toBe(1);
		expect(await db.fails(luis, `select public.reply_to_ticket($1, 'A mí también me pasa desde el lunes.')`, [t.id])).toBeNull();
		const thread = await db.as(ana, 'select author_id from public.ticket_messages where ticket_id = $1 order by created_at', [t.id]);
		expect(thread.map((m) => m.author_id)).toEqual([ana.id, luis.id]);
		// On a plan where only authorized contacts open tickets, the same plain member would be refused.
		const contactsOnly = await createOrganisation(db, 'Diputación de Ciudad Real', 'estandar', 'estandar-extendido');
		const plain = await person(contactsOnly);
		expect((await refusal(contactsOnly, plain.id, 'P3'))?.message).toBe('not_authorized_contact');
	});

	it('a ticket has no due time where none is promised, and its receipt says so', async () => {
		const member = await db.user();
		await db.as(member, 'select public.join_organisation($1)', [code.code]);
		const t = await openTicket(org, member.id, 'membresia', 'mantenimiento', 'alta');
		expect(t).toMatchObject({ first_response_due_at: null, next_update_due_at: null, next_escalation_due_at: null, resolution_due_at: null });
		const [received] = await notification('ticket_received', t.id);
		expect(received).toMatchObject({ first_response_due: null, first_response_minutes: null, programme: 'membresia', timezone: 'America/Mexico_City' });
		for (const lang of ['es', 'en'] as const) {
			const mail = renderNotification('ticket_received', received, { lang, site: 'https://soporte.example.es' });
			if (!mail.ok) throw new Error(mail.error);
			expect(mail.email.text).not.toMatch(/null|Invalid Date|undefined|NaN/);
			expect(mail.email.text).toContain(lang === 'es' ? 'sin tiempo comprometido' : 'no time promised');
			expect(mail.email.text).toContain(`https://soporte.example.es${lang === 'en' ? '/en' : ''}/soporte/programas/membresia/`);
		}
		// Nor is it measured: attainment has no first response or escalation to judge, and no commitment.
		const [row] = await db.as(agent, `select * from public.sla_attainment(current_date, current_date, $1)`, [org]);
		expect(row).toMatchObject({ programme_id: 'membresia', first_responses_measured: 0, escalations_measured: 0, first_response_commitment: null, escalation_commitment: null, met: null });
	});

	it('asking the member for information says nothing of an automatic close', async () => {
		const member = await db.user();
		await db.as(member, 'select public.join_organisation($1)', [code.code]);
		const t = await openTicket(org, member.id, 'membresia', 'mantenimiento', 'media');
		await db.as(agent, `select public.request_customer_info($1, '¿Desde qué equipo escanean?')`, [t.id]);
		const [asked] = await notification('info_requested', t.id);
		expect(asked).toMatchObject({ closes_after_days: null, programme: 'membresia' });
		const mail = renderNotification('info_requested', asked, { lang: 'es', site: 'https://soporte.example.es' });
		if (!mail.ok) throw new Error(mail.error);
		expect(mail.email.text).not.toMatch(/cerraremos|cerrará|null/);
		expect(mail.email.text).toContain('/soporte/programas/membresia/');
		// Support closes it (nothing closes by itself here): the requester's mail names the programme too.
		await db.as(agent, 'select public.close_ticket($1)', [t.id]);
		expect(await notification('ticket_closed', t.id)).toEqual([expect.objectContaining({ reason: 'staff', days: null, programme: 'membresia' })]);
	});
});

describe('004 estandar-extendido: authorized contacts 2 on Standard, 4 on Extended', () => {
	for (const [plan, cap] of [['estandar', 2], ['extendido', 4]] as const) {
		it(`${plan}: ${cap} authorized contacts, the next one refused`, async () => {
			const org = await createOrganisation(db, `Secretaría ${plan}`, plan, 'estandar-extendido');
			for (let i = 0; i < cap; i++) await person(org, 'authorized_contact');
			await expect(person(org, 'authorized_contact')).rejects.toThrow('authorized_contacts_limit');
			// Plain members are not counted: anyone may still join as a member.
			await expect(person(org)).resolves.toBeTruthy();
		});
	}

	it('the ticket’s receipt links the programme’s own terms, with the first-response time', async () => {
		const org = await createOrganisation(db, 'Tribunal Electoral', 'estandar', 'estandar-extendido');
		const contact = await person(org, 'authorized_contact');
		const t = await openTicket(org, contact.id, 'estandar-extendido', 'estandar', 'P1');
		const [received] = await notification('ticket_received', t.id);
		// Office hours with holidays: business time.
		expect(received).toMatchObject({ programme: 'estandar-extendido', first_response_minutes: 240, around_the_clock: false });
		expect(received.first_response_due).not.toBeNull();
	});
});
