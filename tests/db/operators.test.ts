// Operators without SQL (supabase/migrations/20261121001800_operators.sql): organisations on any
// programme that takes tickets, their contract and go-live dates, plan and programme changes (today or
// later, open tickets kept or moved), the included-months rule's last day, and the support team
// (invite, role and level, deactivate). Each function: admins may; agents, leads, coordinators,
// members and anon may not. Cases run in order over one database.
import { describe, expect, it } from 'vitest';
import { anon, service, testDb } from './harness.ts';
import { createOrganisation, createPerson, createTicket } from './fixtures.ts';
import { evaluateSla, type SlaEvent } from '#shared/sla.ts';
import { slaRulesOf } from '#shared/sla-programme.ts';
import { loadProgramme } from '../../src/lib/support-data.ts';

const db = await testDb();
const { message } = db;
const DENIED = 'permission denied';

const orgA = await createOrganisation(db, 'Operadores A');
const orgB = await createOrganisation(db, 'Operadores B');
const memberA = await createPerson(db, orgA);
const contactA = await createPerson(db, orgA, 'authorized_contact');
const coordA = await createPerson(db, orgA, 'coordinator');
const contactB = await createPerson(db, orgB, 'authorized_contact');
const agent = await createPerson(db, null, 'member', 'agent');
const lead = await createPerson(db, null, 'member', 'lead');
const admin = await createPerson(db, null, 'member', 'admin');

const ORG = 'select * from public.create_organisation($1, $2, $3, $4, $5, $6)';
const DATES = 'select * from public.set_organisation_dates($1, $2, $3, $4)';
const CHANGE = 'select * from public.change_organisation_plan($1, $2, $3, $4, $5)';
const CANCEL = 'select * from public.cancel_plan_change($1)';
const UNTIL = 'select public.included_until($1) as until';
const INVITE = 'select public.invite_staff($1, $2, $3) as r';
const ROLE = 'select * from public.set_staff_role($1, $2, $3)';
const DEACTIVATE = 'select * from public.deactivate_staff($1)';
const REVOKE = 'select * from public.revoke_staff_invitation($1)';

/** The organisation's calendar day, `days` from today (its time zone is America/Mexico_City). */
const day = async (days = 0) =>
	(await db.admin.query(`select ((now() at time zone 'America/Mexico_City')::date + $1::int)::text as d`, [days])).rows[0].d as string;
const orgRow = async (id: string) => (await db.admin.query('select * from public.organisations where id = $1', [id])).rows[0];
const ticketRow = async (id: string) => (await db.admin.query('select plan_id, programme_id, severity_key, sla_dirty from public.tickets where id = $1', [id])).rows[0];

const notAdmins = [
	['an agent', agent],
	['a lead', lead],
	['a coordinator', coordA],
	['a member', memberA],
] as const;

describe('who may call the operators functions', () => {
	const calls: [string, string, () => Promise<unknown[]>][] = [
		['create_organisation', ORG, async () => ['X', 'estandar-extendido', 'estandar', '2026-01-01', null, null]],
		['set_organisation_dates', DATES, async () => [orgA, '2026-01-01', null, null]],
		['change_organisation_plan', CHANGE, async () => [orgA, 'estandar-extendido', 'extendido', await day(), false]],
		['cancel_plan_change', CANCEL, async () => ['00000000-0000-0000-0000-000000000000']],
		['invite_staff', INVITE, async () => ['nuevo@example.com', 'agent', 1]],
		['set_staff_role', ROLE, async () => [agent.id, 'lead', 2]],
		['deactivate_staff', DEACTIVATE, async () => [agent.id]],
		['revoke_staff_invitation', REVOKE, async () => ['00000000-0000-0000-0000-000000000000']],
	];
	for (const [name, sql, args] of calls) {
		it.each(notAdmins)(`%s cannot call ${name}`, async (_, who) => {
			expect(await message(who, sql, await args())).toBe('admin_only');
		});
		it(`anon cannot call ${name}`, async () => {
			expect(await message(anon, sql, await args())).toContain(DENIED);
		});
	}

	it('nobody writes the plan changes, the staff invitations, the staff or the organisations directly', async () => {
		expect(await message(admin, `insert into public.organisation_plan_changes (organisation_id, from_programme_id, from_plan_id, to_programme_id, to_plan_id, effective_from) values ($1, 'estandar-extendido', 'estandar', 'estandar-extendido', 'extendido', current_date)`, [orgA])).toContain(DENIED);
		expect(await message(admin, `insert into public.staff_invitations (email, role) values ('x@example.com', 'admin')`)).toContain(DENIED);
		expect(await message(admin, `update public.staff set role = 'agent' where user_id = $1`, [admin.id])).toContain(DENIED);
		expect(await message(admin, `update public.organisations set plan_id = 'extendido' where id = $1`, [orgA])).toContain(DENIED);
	});
});

describe('organisations', () => {
	it('an admin creates one on any programme that takes tickets', async () => {
		const [o] = await db.as(admin, ORG, ['Implementa S.A.', 'implementacion', 'mensual', '2026-01-01', null, null]);
		expect(o).toMatchObject({ programme_id: 'implementacion', plan_id: 'mensual', timezone: 'America/Bogota' });
		const [m] = await db.as(admin, ORG, ['Miembros S.L.', 'membresia', (await db.admin.query(`select id from public.plans where programme_id = 'membresia' limit 1`)).rows[0].id, '2026-01-01', null, null]);
		expect(m).toMatchObject({ programme_id: 'membresia', timezone: 'Europe/Madrid' });
	});

	it('refuses a programme that takes no tickets, naming the field', async () => {
		// comunidad (the seed's) has no plans at all: nothing to pick.
		expect(await message(admin, ORG, ['Comunidad S.A.', 'comunidad', 'cualquiera', '2026-01-01', null, null])).toBe('plan_not_found');
		// A programme with plans that stops taking tickets (this test database only).
		await db.admin.query(`update public.programmes set customer_tickets = false where id = 'membresia'`);
		try {
			const plan = (await db.admin.query(`select id from public.plans where programme_id = 'membresia' limit 1`)).rows[0].id;
			expect(await db.fails(admin, ORG, ['Sin tickets S.A.', 'membresia', plan, '2026-01-01', null, null])).toMatchObject({ message: 'programme_without_tickets', code: 'P0001' });
			expect(await message(admin, CHANGE, [orgA, 'membresia', plan, await day(), false])).toBe('programme_without_tickets');
		} finally {
			await db.admin.query(`update public.programmes set customer_tickets = true where id = 'membresia'`);
		}
	});

	it('sets the contract dates and go-live; a renewal is a later end date', async () => {
		const [o] = await db.as(admin, DATES, [orgA, '2026-01-01', '2026-12-31', '2026-03-01']);
		expect(o).toMatchObject({ id: orgA });
		const row = await orgRow(orgA);
		expect([row.contract_end, row.go_live].map((d: Date) => d.toISOString().slice(0, 10))).toEqual(['2026-12-31', '2026-03-01']);
		await db.as(admin, DATES, [orgA, '2026-01-01', '2027-12-31', '2026-03-01']);
		expect((await orgRow(orgA)).contract_end.toISOString().slice(0, 10)).toBe('2027-12-31');
		await db.as(admin, DATES, [orgA, '2026-01-01', null, null]);
		expect((await orgRow(orgA)).contract_end).toBeNull();
	});

	it.each([
		['no start', [null, null, null], 'contract_start_required', 'contract_start'],
		['an end before the start', ['2026-05-01', '2026-04-30', null], 'invalid_contract_dates', 'contract_end'],
		['go-live before the start', ['2026-05-01', null, '2026-04-01'], 'invalid_go_live', 'go_live'],
	])('refuses %s with a 4xx code next to its field', async (_, dates, code, field) => {
		const client = await db.admin.connect();
		try {
			await client.query('begin');
			await client.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`, [JSON.stringify({ role: 'authenticated', sub: admin.id })]);
			await expect(client.query(DATES, [orgA, ...dates])).rejects.toMatchObject({ message: code, code: 'P0001', hint: field });
		} finally {
			await client.query('rollback');
			client.release();
		}
	});

	it('refuses an organisation that does not exist with a 404', async () => {
		expect(await db.fails(admin, DATES, ['00000000-0000-0000-0000-000000000000', '2026-01-01', null, null])).toMatchObject({ message: 'organisation_not_found', code: 'PT404' });
	});
});

describe('plan changes', () => {
	let openTicket = '';

	it('today: applies at once; open tickets keep the plan they were opened under', async () => {
		openTicket = await createTicket(db, orgA, contactA.id);
		const [c] = await db.as(admin, CHANGE, [orgA, 'estandar-extendido', 'extendido', await day(), false]);
		expect(c).toMatchObject({ from_plan_id: 'estandar', to_plan_id: 'extendido', retarget_open: false, requested_by: admin.id, retargeted_tickets: 0 });
		expect(c.applied_at).not.toBeNull();
		expect((await orgRow(orgA)).plan_id).toBe('extendido');
		expect(await ticketRow(openTicket)).toMatchObject({ plan_id: 'estandar' });
		// The next ticket is opened under the new plan.
		expect(await ticketRow(await createTicket(db, orgA, contactA.id))).toMatchObject({ plan_id: 'extendido' });
	});

	it('a retry returns the same change, never a second one', async () => {
		const args = [orgA, 'estandar-extendido', 'extendido', await day(), false];
		const [again] = await db.as(admin, CHANGE, args);
		const { rows } = await db.admin.query('select id from public.organisation_plan_changes where organisation_id = $1', [orgA]);
		expect(rows.map((r) => r.id)).toEqual([again.id]);
	});

	it('today with open tickets: each moves to the new plan with a plan_changed event, flagged for the sweep', async () => {
		// openTicket is on estandar, the second on extendido: moving the organisation back to estandar
		// moves the second ticket only.
		const second = (await db.admin.query(`select id from public.tickets where organisation_id = $1 and id <> $2`, [orgA, openTicket])).rows[0].id;
		await db.admin.query('update public.tickets set sla_dirty = false where organisation_id = $1', [orgA]);
		const [c] = await db.as(admin, CHANGE, [orgA, 'estandar-extendido', 'estandar', await day(), true]);
		expect(c.retargeted_tickets).toBe(1);
		expect(await ticketRow(second)).toMatchObject({ plan_id: 'estandar', severity_key: 'P3', sla_dirty: true });
		expect(await ticketRow(openTicket)).toMatchObject({ plan_id: 'estandar', sla_dirty: false });
		const events = (await db.admin.query(`select data, actor_kind from public.ticket_events where ticket_id = $1 and kind = 'plan_changed'`, [second])).rows;
		expect(events).toEqual([{ data: { from: 'extendido', to: 'estandar' }, actor_kind: 'staff' }]);
	});

	it('the engine reads the moved ticket from its log as the sweep does: the new plan from the change instant on', async () => {
		// P3: 1440 minutes on both plans, office minutes on Estándar (days), wall-clock minutes on Extendido (one day).
		const ticket = await createTicket(db, orgA, contactA.id);
		const events = async () =>
			(await db.admin.query<SlaEvent>('select id, kind, at, actor_kind, visibility, data from public.ticket_events where ticket_id = $1 order by id', [ticket])).rows;
		const rules = slaRulesOf(loadProgramme('estandar-extendido'));
		const now = new Date(Date.now() + 60_000);
		const before = evaluateSla({ ...rules, events: await events(), now });
		expect(before.plan).toBe('estandar');
		await db.as(admin, CHANGE, [orgA, 'estandar-extendido', 'extendido', await day(), true]);
		const after = evaluateSla({ ...rules, events: await events(), now });
		// Extendido runs every hour of every day, Estándar office hours only: the deadline moves.
		expect(after.plan).toBe('extendido');
		expect(after.firstResponse.due?.getTime()).not.toBe(before.firstResponse.due?.getTime());
		// Back to where the other cases expect the organisation (its open tickets follow again).
		await db.as(admin, CHANGE, [orgA, 'estandar-extendido', 'estandar', await day(), true]);
	});

	it('a later day: stored, not applied until the day comes (the cron job applies it)', async () => {
		const when = await day(3);
		const [c] = await db.as(admin, CHANGE, [orgB, 'estandar-extendido', 'extendido', when, false]);
		expect(c.applied_at).toBeNull();
		expect((await orgRow(orgB)).plan_id).toBe('estandar');
		expect((await db.admin.query('select private.apply_due_plan_changes() as n')).rows[0].n).toBe(0);
		expect((await db.admin.query(`select private.apply_due_plan_changes(now() + interval '4 days') as n`)).rows[0].n).toBe(1);
		expect((await orgRow(orgB)).plan_id).toBe('extendido');
		expect((await db.admin.query('select applied_at from public.organisation_plan_changes where id = $1', [c.id])).rows[0].applied_at).not.toBeNull();
	});

	it('one change that cannot apply does not hold up the others: its failure is recorded, and the next run applies it', async () => {
		const broken = await createOrganisation(db, 'Roto S.A.');
		const sound = await createOrganisation(db, 'Sano S.A.');
		const when = await day(1);
		const [bad] = await db.as(admin, CHANGE, [broken, 'estandar-extendido', 'extendido', when, false]);
		await db.as(admin, CHANGE, [sound, 'estandar-extendido', 'extendido', when, false]);
		// A constraint the broken organisation's row breaks, checked on its next update (NOT VALID): the
		// older change, first in the run, fails.
		await db.admin.query(`alter table public.organisations add constraint operators_test_broken check (name <> 'Roto S.A.') not valid`);
		try {
			expect((await db.admin.query(`select private.apply_due_plan_changes(now() + interval '2 days') as n`)).rows[0].n).toBe(1);
		} finally {
			await db.admin.query('alter table public.organisations drop constraint operators_test_broken');
		}
		expect((await orgRow(sound)).plan_id).toBe('extendido');
		expect((await orgRow(broken)).plan_id).toBe('estandar');
		const failed = (await db.admin.query('select applied_at, failed_at, failure from public.organisation_plan_changes where id = $1', [bad.id])).rows[0];
		expect(failed).toMatchObject({ applied_at: null, failed_at: expect.any(Date), failure: expect.stringMatching(/^23514: .*operators_test_broken/) });
		expect((await db.admin.query(`select private.apply_due_plan_changes(now() + interval '2 days') as n`)).rows[0].n).toBe(1);
		expect((await orgRow(broken)).plan_id).toBe('extendido');
	});

	it('the job locks the organisation before its change, as an admin does: an organisation held by an admin is left for the next run, never waited on', async () => {
		const org = await createOrganisation(db, 'Ocupada S.A.');
		await db.as(admin, CHANGE, [org, 'estandar-extendido', 'extendido', await day(1), false]);
		const holder = await db.admin.connect();
		const job = await db.admin.connect();
		try {
			// What change_organisation_plan and set_organisation_dates take first.
			await holder.query('begin');
			await holder.query('select 1 from public.organisations where id = $1 for update', [org]);
			// Were the job to lock the change and then wait for the organisation, an admin's next step
			// (updating that change) would close the cycle; here it does not wait at all.
			await job.query(`set statement_timeout = '3s'`);
			expect((await job.query(`select private.apply_due_plan_changes(now() + interval '2 days') as n`)).rows[0].n).toBe(0);
			await holder.query('commit');
			expect((await job.query(`select private.apply_due_plan_changes(now() + interval '2 days') as n`)).rows[0].n).toBe(1);
			await job.query('reset statement_timeout');
		} finally {
			await holder.query('rollback').catch(() => undefined);
			holder.release();
			job.release();
		}
		expect((await orgRow(org)).plan_id).toBe('extendido');
	});

	it('a newer change supersedes a pending one; a pending change can be cancelled, an applied one cannot', async () => {
		const [first] = await db.as(admin, CHANGE, [orgB, 'estandar-extendido', 'estandar', await day(5), false]);
		const [second] = await db.as(admin, CHANGE, [orgB, 'estandar-extendido', 'estandar', await day(6), false]);
		expect((await db.admin.query('select cancelled_at from public.organisation_plan_changes where id = $1', [first.id])).rows[0].cancelled_at).not.toBeNull();
		const [cancelled] = await db.as(admin, CANCEL, [second.id]);
		expect(cancelled.cancelled_at).not.toBeNull();
		const applied = (await db.admin.query('select id from public.organisation_plan_changes where organisation_id = $1 and applied_at is not null', [orgB])).rows[0].id;
		expect(await message(admin, CANCEL, [applied])).toBe('plan_change_applied');
		expect(await db.fails(admin, CANCEL, ['00000000-0000-0000-0000-000000000000'])).toMatchObject({ message: 'plan_change_not_found', code: 'PT404' });
	});

	it.each([
		['a day in the past', async () => [orgB, 'estandar-extendido', 'estandar', await day(-1), false], 'invalid_effective_date'],
		['no day', async () => [orgB, 'estandar-extendido', 'estandar', null, false], 'invalid_effective_date'],
		['an unknown plan', async () => [orgB, 'estandar-extendido', 'oro', await day(), false], 'plan_not_found'],
		['the plan it is on', async () => [orgB, 'estandar-extendido', 'extendido', await day(1), false], 'plan_unchanged'],
		['open tickets moved to another programme', async () => [orgB, 'implementacion', 'preferencial', await day(), true], 'retarget_other_programme'],
		['an organisation that does not exist', async () => ['00000000-0000-0000-0000-000000000000', 'estandar-extendido', 'estandar', await day(), false], 'organisation_not_found'],
	])('refuses %s', async (_, args, code) => {
		expect(await message(admin, CHANGE, await args())).toBe(code);
	});

	it('another programme, open tickets kept: they keep their programme, plan and severity', async () => {
		const kept = await createTicket(db, orgB, contactB.id);
		const [c] = await db.as(admin, CHANGE, [orgB, 'implementacion', 'preferencial', await day(), false]);
		expect(c).toMatchObject({ from_programme_id: 'estandar-extendido', to_programme_id: 'implementacion', to_plan_id: 'preferencial' });
		expect(await orgRow(orgB)).toMatchObject({ programme_id: 'implementacion', plan_id: 'preferencial' });
		expect(await ticketRow(kept)).toMatchObject({ programme_id: 'estandar-extendido', plan_id: 'extendido', severity_key: 'P3' });
	});

	it('admins read the record; nobody else does', async () => {
		expect(await db.count(admin, 'select id from public.organisation_plan_changes')).toBeGreaterThan(3);
		for (const [, who] of notAdmins) expect(await db.count(who, 'select id from public.organisation_plan_changes')).toBe(0);
		expect(await message(anon, 'select id from public.organisation_plan_changes')).toContain(DENIED);
	});
});

describe('the included months of a plan', () => {
	it('moved to a plan included six months after go-live: the last day shows, and tickets after it are refused naming it', async () => {
		await db.as(admin, DATES, [orgA, '2025-01-01', null, '2025-02-15']);
		await db.as(admin, CHANGE, [orgA, 'implementacion', 'mensual', await day(), false]);
		expect((await db.as(admin, UNTIL, [orgA]))[0].until.toISOString().slice(0, 10)).toBe('2025-08-14');
		expect((await db.as(memberA, UNTIL, [orgA]))[0].until.toISOString().slice(0, 10)).toBe('2025-08-14');
		const f = await db.fails(service, 'select public.create_ticket($1)', [JSON.stringify({ organisation_id: orgA, requester_id: contactA.id, severity: 'media', subject: 'Fuera de plazo', description: 'Una consulta después del periodo incluido.', environment: 'production', product_id: 'quetzal-docs', version: '5.1' })]);
		expect(f?.message).toBe('plan_period_ended');
		const detail = await (async () => {
			try {
				await db.admin.query(`select private.may_open_ticket(o, $2) from public.organisations o where o.id = $1`, [orgA, contactA.id]);
			} catch (e) {
				return (e as { detail: string }).detail;
			}
		})();
		expect(detail).toBe('2025-08-14');
	});

	it('a later go-live moves the last day, and tickets are taken again', async () => {
		const golive = await day(-10);
		await db.as(admin, DATES, [orgA, '2025-01-01', null, golive]);
		const until = (await db.as(admin, UNTIL, [orgA]))[0].until as Date;
		expect(until.getTime()).toBeGreaterThan(Date.now());
		await db.admin.query(`select private.may_open_ticket(o, $2) from public.organisations o where o.id = $1`, [orgA, contactA.id]);
	});

	it('no such limit: null; outsiders learn nothing; anon cannot ask', async () => {
		expect((await db.as(admin, UNTIL, [orgB]))[0].until).toBeNull();
		expect(await message(contactB, UNTIL, [orgA])).toBe('organisation_not_found');
		expect(await message(anon, UNTIL, [orgA])).toContain(DENIED);
	});
});

describe('the support team', () => {
	const ACCEPT = 'select * from public.accept_staff_invitation($1)';
	const mails = async (address: string) =>
		(await db.admin.query(`select recipient_user_id, recipient_email, locale, payload from public.notifications where template = 'staff_invited' and recipient_email = $1 order by created_at`, [address])).rows;
	/** The token in the newest invitation mail to `address`, as its reader finds it in the link. */
	const mailedToken = async (address: string) => (await mails(address)).at(-1)!.payload.token as string;
	const isStaff = async (id: string) => (await db.admin.query('select role, level from public.staff where user_id = $1', [id])).rows;
	/** A person who signed up with a password (auto-confirmed: enable_confirmations = false), signed in with it. */
	const passwordSignUp = async (address: string) => {
		const { rows } = await db.admin.query(
			`insert into auth.users (email, encrypted_password, email_confirmed_at) values ($1, extensions.crypt('secreto', extensions.gen_salt('bf', 4)), now()) returning id`,
			[address],
		);
		return { role: 'authenticated' as const, id: rows[0].id as string, email: address };
	};
	/** Runs `sql` as `who` with a session signed in by `method` (the JWT's amr claim). */
	const signedInBy = async (who: { id: string; email: string }, method: 'password' | 'otp', sql: string, params: unknown[], session?: string) => {
		const client = await db.admin.connect();
		try {
			await client.query('begin');
			const claims = { role: 'authenticated', sub: who.id, email: who.email, aud: 'authenticated', session_id: session, amr: [{ method, timestamp: Math.floor(Date.now() / 1000) }] };
			await client.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`, [JSON.stringify(claims)]);
			const { rows } = await client.query(sql, params);
			await client.query('commit');
			return { rows, error: null };
		} catch (e) {
			await client.query('rollback');
			return { rows: [], error: (e as { message: string }).message };
		} finally {
			client.release();
		}
	};

	it('an invitation grants nothing by itself: a mail with a single-use link, to the address, account or not', async () => {
		const person = await createPerson(db, null);
		const [{ r }] = await db.as(admin, INVITE, [person.email!.toUpperCase(), 'lead', 2]);
		expect(r).toMatchObject({ invitation: expect.any(String), email: person.email, role: 'lead', level: 2 });
		expect(new Date(r.expires_at).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
		expect(await isStaff(person.id)).toEqual([]);
		const [mail] = await mails(person.email!);
		expect(mail).toMatchObject({ recipient_user_id: null, recipient_email: person.email, locale: 'es', payload: { role: 'lead', level: 2, valid_days: 7 } });
		expect(mail.payload.token).toMatch(/^[0-9a-f]{48}$/);
		// Only the token's hash is stored, and nobody reads even that through the API.
		const stored = (await db.admin.query('select token_hash from public.staff_invitations where id = $1', [r.invitation])).rows[0].token_hash as Buffer;
		expect(stored.toString('hex')).not.toContain(mail.payload.token);
		expect(await message(admin, 'select token_hash from public.staff_invitations')).toContain(DENIED);
		// Before accepting, they see what they are invited to; nothing changes.
		expect(await db.as(person, 'select role, level from public.staff_invitation($1)', [mail.payload.token])).toEqual([{ role: 'lead', level: 2 }]);
		expect(await isStaff(person.id)).toEqual([]);
		// The right person with the mailed token joins, once; a retry answers the same.
		const [s] = await db.as(person, ACCEPT, [mail.payload.token]);
		expect(s).toMatchObject({ user_id: person.id, role: 'lead', level: 2 });
		expect((await db.as(person, ACCEPT, [mail.payload.token]))[0]).toMatchObject({ user_id: person.id, role: 'lead' });
		expect((await db.admin.query('select accepted_by from public.staff_invitations where id = $1', [r.invitation])).rows[0].accepted_by).toBe(person.id);
		// Now on the team: inviting them again is refused.
		expect(await message(admin, INVITE, [person.email, 'agent', 1])).toBe('already_staff');
	});

	it('an attacker who signs up with a password on the invited address (confirmed at once) does not become staff', async () => {
		// Invited first, signed up after: the old trigger on auth.users would have made them admin.
		const address = 'new.hire@corp.example';
		await db.as(admin, INVITE, [address, 'admin', 2]);
		const attacker = await passwordSignUp(address);
		expect(await isStaff(attacker.id)).toEqual([]);
		// Without the token they have nothing to present; a guess is refused like any bad link.
		expect(await db.fails(attacker, ACCEPT, ['0'.repeat(48)])).toMatchObject({ message: 'staff_invitation_invalid', code: 'P0001' });
		expect(await isStaff(attacker.id)).toEqual([]);
		// Signed up before the invitation: inviting still grants nothing.
		const early = await passwordSignUp('early.bird@corp.example');
		await db.as(admin, INVITE, ['early.bird@corp.example', 'lead', 2]);
		expect(await isStaff(early.id)).toEqual([]);
		// The address's owner, who gets the mail, signs in by e-mail code into that account (the
		// stranger still holding a session) and accepts: the stranger's password and sessions end there.
		const token = await mailedToken('early.bird@corp.example');
		const sessions = (await db.admin.query(`insert into auth.sessions (id, user_id) values (gen_random_uuid(), $1), (gen_random_uuid(), $1) returning id`, [early.id])).rows.map((r) => r.id as string);
		const passwordWorks = async () =>
			(await db.admin.query(`select encrypted_password = extensions.crypt('secreto', encrypted_password) as ok from auth.users where id = $1`, [early.id])).rows[0].ok;
		expect(await passwordWorks()).toBe(true);
		const owner = await signedInBy(early, 'otp', ACCEPT, [token], sessions[1]);
		expect(owner.rows).toMatchObject([{ user_id: early.id, role: 'lead' }]);
		expect(await passwordWorks()).toBe(false);
		expect((await db.admin.query('select id from auth.sessions where user_id = $1', [early.id])).rows.map((r) => r.id)).toEqual([sessions[1]]);
		// Someone who signs in with their own password and accepts keeps it.
		await db.as(admin, INVITE, ['con.clave@corp.example', 'agent', 1]);
		const keeper = await passwordSignUp('con.clave@corp.example');
		const [kept] = (await signedInBy(keeper, 'password', ACCEPT, [await mailedToken('con.clave@corp.example')])).rows;
		expect(kept).toMatchObject({ user_id: keeper.id, role: 'agent' });
		expect((await db.admin.query(`select encrypted_password = extensions.crypt('secreto', encrypted_password) as ok from auth.users where id = $1`, [keeper.id])).rows[0].ok).toBe(true);
	});

	it('someone holding the token but signed in with another address is refused', async () => {
		await db.as(admin, INVITE, ['destino@example.com', 'agent', 1]);
		const token = await mailedToken('destino@example.com');
		const other = await createPerson(db, null);
		expect(await db.fails(other, ACCEPT, [token])).toMatchObject({ message: 'staff_invitation_other_address', code: '42501' });
		expect(await isStaff(other.id)).toEqual([]);
		// The token is still good for its owner, who has no account yet and signs up by e-mail.
		const owner = await db.user('destino@example.com');
		expect((await db.as(owner, ACCEPT, [token]))[0]).toMatchObject({ user_id: owner.id, role: 'agent', level: 1 });
		// Used: nobody else gets anything from it, not even the same address on another account.
		expect(await message(other, ACCEPT, [token])).toBe('staff_invitation_invalid');
		expect(await message(anon, ACCEPT, [token])).toContain(DENIED);
	});

	it('an expired, a revoked or a superseded link is refused with the same code', async () => {
		const [{ r }] = await db.as(admin, INVITE, ['caducada@example.com', 'agent', 1]);
		const token = await mailedToken('caducada@example.com');
		const person = await db.user('caducada@example.com');
		await db.admin.query(`update public.staff_invitations set expires_at = now() - interval '1 second' where id = $1`, [r.invitation]);
		expect(await message(person, ACCEPT, [token])).toBe('staff_invitation_invalid');
		// Inviting again sends a new link (the same invitation, renewed); the old link stays dead.
		const [{ r: again }] = await db.as(admin, INVITE, ['caducada@example.com', 'lead', 1]);
		expect(again.invitation).toBe(r.invitation);
		const fresh = await mailedToken('caducada@example.com');
		expect(fresh).not.toBe(token);
		expect(await mails('caducada@example.com')).toHaveLength(2);
		expect(await message(person, ACCEPT, [token])).toBe('staff_invitation_invalid');
		const [inv] = await db.as(admin, REVOKE, [r.invitation]);
		expect(inv.revoked_at).not.toBeNull();
		expect(inv.token_hash).toBeNull();
		await db.as(admin, REVOKE, [r.invitation]);
		expect(await message(person, ACCEPT, [fresh])).toBe('staff_invitation_invalid');
		expect(await isStaff(person.id)).toEqual([]);
		expect(await db.fails(admin, REVOKE, ['00000000-0000-0000-0000-000000000000'])).toMatchObject({ message: 'staff_invitation_not_found', code: 'PT404' });
	});

	it('two admins inviting the same address at once: one invitation, no unique violation', async () => {
		const second = await createPerson(db, null, 'member', 'admin');
		const answers = await Promise.all([db.fails(admin, INVITE, ['a.la.vez@example.com', 'agent', 1]), db.fails(second, INVITE, ['a.la.vez@example.com', 'lead', 1])]);
		expect(answers).toEqual([null, null]);
		expect((await db.admin.query(`select count(*)::int as n from public.staff_invitations where email = 'a.la.vez@example.com'`)).rows[0].n).toBe(1);
		await db.as(admin, DEACTIVATE, [second.id]);
	});

	it('nobody calls accept_staff_invitation signed out, and a signed-in stranger learns nothing', async () => {
		expect(await message(anon, ACCEPT, ['x'])).toContain(DENIED);
		expect(await message(memberA, ACCEPT, [''])).toBe('staff_invitation_invalid');
		expect(await message(memberA, ACCEPT, [null])).toBe('staff_invitation_invalid');
	});

	it.each([
		['a malformed address', ['no-es-correo', 'agent', 1], 'invalid_email'],
		['an unknown role', ['x@example.com', 'owner', 1], 'invalid_role'],
		['a level 3', ['x@example.com', 'agent', 3], 'invalid_level'],
	])('refuses %s', async (_, args, code) => {
		expect(await message(admin, INVITE, args)).toBe(code);
	});

	it('changes role and level; never leaves the team without an admin', async () => {
		const [s] = await db.as(admin, ROLE, [agent.id, 'lead', 2]);
		expect(s).toMatchObject({ role: 'lead', level: 2 });
		expect(await message(admin, ROLE, [admin.id, 'agent', 1])).toBe('last_admin');
		expect(await message(admin, ROLE, [memberA.id, 'agent', 1])).toBe('staff_not_found');
		expect(await message(admin, ROLE, [agent.id, 'boss', 1])).toBe('invalid_role');
	});

	it('deactivates staff (their tickets go back to the queue), never oneself, never the last admin', async () => {
		const ticket = await createTicket(db, orgB, contactB.id, { severity: 'media' }); // orgB is on implementacion by now
		await db.as(lead, 'select public.assign_ticket($1, $2)', [ticket, lead.id]);
		const [gone] = await db.as(admin, DEACTIVATE, [lead.id]);
		expect(gone).toMatchObject({ user_id: lead.id, role: 'lead' });
		expect((await db.admin.query('select assignee_id from public.tickets where id = $1', [ticket])).rows[0].assignee_id).toBeNull();
		expect(await message(lead, 'select public.assign_ticket($1, $2)', [ticket, lead.id])).toBe('staff_only');
		expect(await message(admin, DEACTIVATE, [admin.id])).toBe('staff_self');
		expect(await message(admin, DEACTIVATE, [lead.id])).toBe('staff_not_found');
		// With two admins one may take the other off; the one left is the last.
		const second = await createPerson(db, null, 'member', 'admin');
		await db.as(second, DEACTIVATE, [admin.id]);
		expect(await message(second, ROLE, [second.id, 'agent', 1])).toBe('last_admin');
	});
});
