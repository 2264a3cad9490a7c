// The business rules the database keeps: monthly quota, authorized-contact limit, the status machine,
// the pause clock, idempotent creation, contracts, invitation codes, and the event log.
import { describe, expect, it } from 'vitest';
import { service, testDb } from './harness.ts';
import { addMember, addStaff, createOrganisation, createTicket, publishArticles, range, ticketPayload, uploadAttachment } from './fixtures.ts';

const db = await testDb();
await publishArticles(db, [...range(5, (i) => `guias/articulo-${i}`), 'guias/otro']);
const agent = await db.user('agente@example.com');
await addStaff(db, agent.id, 'agent');

async function contactIn(plan: string, programme: string) {
	const org = await createOrganisation(db, `Org ${plan}`, plan, programme);
	const contact = await db.user();
	await addMember(db, org, contact.id, 'authorized_contact');
	return { org, contact };
}

const statusOf = async (t: string) => (await db.admin.query('select status from public.tickets where id = $1', [t])).rows[0].status;
const ticketRow = async (t: string) => (await db.admin.query('select * from public.tickets where id = $1', [t])).rows[0];
const countTickets = async (org: string) => (await db.admin.query('select count(*)::int as n from public.tickets where organisation_id = $1', [org])).rows[0].n;

/** Moves paused_since back, past the triggers (this transaction only), as if the customer had taken that long. */
async function rewindPause(t: string, interval: string) {
	const c = await db.admin.connect();
	try {
		await c.query('begin');
		await c.query('set local session_replication_role = replica');
		await c.query('update public.tickets set paused_since = paused_since - $2::interval where id = $1', [t, interval]);
		await c.query('commit');
	} finally {
		c.release();
	}
}

/** n tickets of a Monthly-plan organisation, stored directly (as create_ticket would) at `at` (an SQL expression). */
async function monthlyTickets(org: string, requester: string, n: number, at = 'now()', status = 'new') {
	await db.admin.query(
		`insert into public.tickets (organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, environment, status, close_reason, closed_at, created_at)
		select $1, $2, 'implementacion', 'mensual', 'media', 'Consulta ' || g, 'x', 'production', $4,
			case when $4 = 'closed' then 'staff' end, case when $4 = 'closed' then now() end, ${at}
		from generate_series(1, $3) g`,
		[org, requester, n, status],
	);
}
const BOGOTA_MONTH_START = `(date_trunc('month', now() at time zone 'America/Bogota') at time zone 'America/Bogota')`;

describe('monthly quota (40 tickets a month, not cumulative, on the Monthly plan)', () => {
	it('refuses the 41st ticket of the month and accepts it in the next month', async () => {
		const { org, contact } = await contactIn('mensual', 'implementacion');
		const payload = (i: number) => JSON.stringify(ticketPayload(org, contact.id, { severity: 'media', subject: `Consulta ${i}` }));
		// 40 tickets this month (created directly, as the RPC would, to keep the test fast) …
		await db.admin.query(
			`insert into public.tickets (organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, environment)
			select $1, $2, 'implementacion', 'mensual', 'media', 'Consulta ' || g, 'x', 'production' from generate_series(1, 39) g`,
			[org, contact.id],
		);
		await db.as(service, 'select public.create_ticket($1)', [payload(40)]);
		// … and the 41st is refused.
		expect((await db.fails(service, 'select public.create_ticket($1)', [payload(41)]))?.message).toBe('quota_exceeded');
		// Move this month's tickets to last month (in Bogotá time): the quota renews, unused ones never carry over.
		await db.admin.query(`update public.tickets set created_at = date_trunc('month', now() at time zone 'America/Bogota') at time zone 'America/Bogota' - interval '1 second' where organisation_id = $1`, [org]);
		expect(await db.fails(service, 'select public.create_ticket($1)', [payload(41)])).toBeNull();
	});

	it('counts the month in the programme time zone: a ticket just before local midnight belongs to the previous month', async () => {
		const { org, contact } = await contactIn('mensual', 'implementacion');
		await db.admin.query(
			`insert into public.tickets (organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, environment, created_at)
			select $1, $2, 'implementacion', 'mensual', 'media', 'Consulta ' || g, 'x', 'production',
				(date_trunc('month', now() at time zone 'America/Bogota') at time zone 'America/Bogota') - interval '1 minute'
			from generate_series(1, 40) g`,
			[org, contact.id],
		);
		// 40 tickets one minute before the local month began (already this month in UTC): none count now.
		expect(await db.fails(service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(org, contact.id, { severity: 'media' }))])).toBeNull();
	});

	it('counts from local midnight on the 1st: 40 tickets a minute after it use up the month', async () => {
		const { org, contact } = await contactIn('mensual', 'implementacion');
		await monthlyTickets(org, contact.id, 40, `${BOGOTA_MONTH_START} + interval '1 minute'`);
		expect((await db.fails(service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(org, contact.id, { severity: 'media' }))]))?.message).toBe('quota_exceeded');
		expect(await countTickets(org)).toBe(40);
	});

	it('closed tickets still count, and the quota is per organisation', async () => {
		const full = await contactIn('mensual', 'implementacion');
		const other = await contactIn('mensual', 'implementacion');
		await monthlyTickets(full.org, full.contact.id, 40, 'now()', 'closed');
		expect((await db.fails(service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(full.org, full.contact.id, { severity: 'media' }))]))?.message).toBe('quota_exceeded');
		expect(await db.fails(service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(other.org, other.contact.id, { severity: 'media' }))])).toBeNull();
	});

	it('a retry of the 40th ticket returns it instead of quota_exceeded; a new submission is refused', async () => {
		const { org, contact } = await contactIn('mensual', 'implementacion');
		await monthlyTickets(org, contact.id, 39);
		const fortieth = JSON.stringify(ticketPayload(org, contact.id, { severity: 'media', idempotency_key: 'cuadragesimo-0040' }));
		const [first] = await db.as(service, 'select (public.create_ticket($1)).id', [fortieth]);
		const [retry] = await db.as(service, 'select (public.create_ticket($1)).id', [fortieth]);
		expect(retry.id).toBe(first.id);
		const another = JSON.stringify(ticketPayload(org, contact.id, { severity: 'media', idempotency_key: 'cuadragesimo-0041' }));
		expect((await db.fails(service, 'select public.create_ticket($1)', [another]))?.message).toBe('quota_exceeded');
		expect(await countTickets(org)).toBe(40);
	});

	it('an unlimited plan has no quota', async () => {
		const { org, contact } = await contactIn('preferencial', 'implementacion');
		await db.admin.query(
			`insert into public.tickets (organisation_id, requester_id, programme_id, plan_id, severity_key, subject, description, environment)
			select $1, $2, 'implementacion', 'preferencial', 'media', 'Consulta ' || g, 'x', 'production' from generate_series(1, 60) g`,
			[org, contact.id],
		);
		expect(await db.fails(service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(org, contact.id, { severity: 'media' }))])).toBeNull();
	});
});

describe('authorized contacts (Standard allows 2)', () => {
	it('refuses a third authorized contact, by insert or by promotion', async () => {
		const org = await createOrganisation(db, 'Org contactos');
		const [a, b, c] = await Promise.all([db.user(), db.user(), db.user()]);
		await addMember(db, org, a.id, 'authorized_contact');
		await addMember(db, org, b.id, 'coordinator');
		await expect(addMember(db, org, c.id, 'authorized_contact')).rejects.toThrow('authorized_contacts_limit');
		await addMember(db, org, c.id, 'member');
		await expect(db.admin.query(`update public.memberships set role = 'authorized_contact' where user_id = $1`, [c.id])).rejects.toThrow('authorized_contacts_limit');
		// Demoting one frees the place.
		await db.admin.query(`update public.memberships set role = 'member' where user_id = $1`, [a.id]);
		await db.admin.query(`update public.memberships set role = 'authorized_contact' where user_id = $1`, [c.id]);
	});
});

describe('authorized contacts: the cap of each plan', () => {
	it.each([
		['estandar', 'estandar-extendido', 2],
		['extendido', 'estandar-extendido', 4],
		['mensual', 'implementacion', 3],
		['preferencial', 'implementacion', 5],
	])('%s allows %i (coordinators included), and any number of plain members', async (plan, programme, cap) => {
		const org = await createOrganisation(db, `Org ${plan}`, plan, programme);
		const people = await Promise.all(Array.from({ length: cap + 4 }, () => db.user()));
		await addMember(db, org, people[0].id, 'coordinator');
		for (const p of people.slice(1, cap)) await addMember(db, org, p.id, 'authorized_contact');
		await expect(addMember(db, org, people[cap].id, 'authorized_contact')).rejects.toThrow('authorized_contacts_limit');
		await expect(addMember(db, org, people[cap].id, 'coordinator')).rejects.toThrow('authorized_contacts_limit');
		for (const p of people.slice(cap)) await addMember(db, org, p.id, 'member');
		const { rows } = await db.admin.query(`select count(*) filter (where role <> 'member')::int as contacts, count(*)::int as everyone from public.memberships where organisation_id = $1`, [org]);
		expect(rows[0]).toEqual({ contacts: cap, everyone: cap + 4 });
	});

	it('Acompañamiento has no cap', async () => {
		const org = await createOrganisation(db, 'Org acompañamiento', 'acompanamiento', 'implementacion');
		for (let i = 0; i < 8; i++) await addMember(db, org, (await db.user()).id, 'authorized_contact');
		expect((await db.admin.query(`select count(*)::int as n from public.memberships where organisation_id = $1`, [org])).rows[0].n).toBe(8);
	});

	it('an invitation for an authorized contact cannot pass the cap; the failed join stores nothing and uses nothing', async () => {
		const org = await createOrganisation(db, 'Org invitación de contacto');
		const [coord, contact, u] = await Promise.all([db.user(), db.user(), db.user()]);
		await addMember(db, org, coord.id, 'coordinator');
		const [{ code }] = await db.as(coord, `select public.create_invitation($1, 'authorized_contact') as code`, [org]);
		await db.as(contact, 'select public.join_organisation($1)', [code]);
		expect((await db.admin.query('select role from public.memberships where user_id = $1', [contact.id])).rows).toEqual([{ role: 'authorized_contact' }]);
		expect((await db.fails(u, 'select public.join_organisation($1)', [code]))?.message).toBe('authorized_contacts_limit');
		expect((await db.admin.query('select count(*)::int as n from public.memberships where user_id = $1', [u.id])).rows[0].n).toBe(0);
		expect((await db.admin.query('select uses from public.invitations where organisation_id = $1', [org])).rows[0].uses).toBe(1);
	});
});

describe('status machine and pause clock', () => {
	it('allows the lifecycle and refuses illegal moves', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		const status = async () => (await db.admin.query('select status from public.tickets where id = $1', [t])).rows[0].status;
		expect(await status()).toBe('new');
		await db.as(agent, `select public.reply_to_ticket($1, 'Hola')`, [t]);
		expect(await status()).toBe('open');
		await expect(db.admin.query(`update public.tickets set status = 'new' where id = $1`, [t])).rejects.toThrow('invalid_status_transition');
		await db.as(agent, `select public.close_ticket($1)`, [t]);
		expect(await status()).toBe('closed');
		await expect(db.admin.query(`update public.tickets set status = 'open' where id = $1`, [t])).rejects.toThrow('invalid_status_transition');
		await expect(db.admin.query(`update public.tickets set status = 'resolved' where id = $1`, [t])).rejects.toThrow('invalid_status_transition');
	});

	// The table in private.status_transition_allowed, written out: any update, by anyone, obeys it.
	const STATUSES = ['new', 'open', 'pending_customer', 'resolved', 'closed'];
	const LEGAL = new Set([
		'new→open', 'new→pending_customer', 'new→resolved', 'new→closed',
		'open→pending_customer', 'open→resolved', 'open→closed',
		'pending_customer→open', 'pending_customer→resolved', 'pending_customer→closed',
		'resolved→open', 'resolved→closed',
	]);
	const setStatus = (to: string) =>
		`update public.tickets set status = '${to}'${to === 'closed' ? `, close_reason = 'staff'` : ''} where id = $1`;
	it.each(STATUSES.flatMap((from) => STATUSES.filter((to) => to !== from).map((to) => [from, to, LEGAL.has(`${from}→${to}`) ? 'legal' : 'invalid_status_transition'])))(
		'%s → %s: %s',
		async (from, to, outcome) => {
			const { org, contact } = await contactIn('estandar', 'estandar-extendido');
			const t = await createTicket(db, org, contact.id);
			if (from !== 'new') await db.admin.query(setStatus(from), [t]);
			expect(await statusOf(t)).toBe(from);
			if (outcome === 'legal') {
				await db.admin.query(setStatus(to), [t]);
				expect(await statusOf(t)).toBe(to);
				const { rows } = await db.admin.query(`select actor_kind, data ->> 'from' as "from" from public.ticket_events where ticket_id = $1 and kind = 'status_changed' and data ->> 'to' = $2`, [t, to]);
				expect(rows).toEqual([{ actor_kind: 'system', from }]);
			} else {
				await expect(db.admin.query(setStatus(to), [t])).rejects.toThrow('invalid_status_transition');
				expect(await statusOf(t)).toBe(from);
			}
		},
	);

	it('new → resolved: staff may solve a ticket with their first reply (logged as new → open → resolved)', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.resolve_ticket($1, 'Ya está: reinicie el servicio.')`, [t]);
		const row = await ticketRow(t);
		expect([row.status, row.resolved_at !== null, row.first_response_at !== null]).toEqual(['resolved', true, true]);
		const { rows } = await db.admin.query(`select data ->> 'to' as "to" from public.ticket_events where ticket_id = $1 and kind = 'status_changed' order by id`, [t]);
		expect(rows.map((r) => r.to)).toEqual(['open', 'resolved']);
	});

	it('asking about a resolved ticket is an illegal move, and the question is not stored either', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.resolve_ticket($1, 'Listo')`, [t]);
		expect((await db.fails(agent, `select public.request_customer_info($1, '¿Algo más?')`, [t]))?.message).toBe('invalid_status_transition');
		expect(await statusOf(t)).toBe('resolved');
		expect((await db.admin.query(`select count(*)::int as n from public.ticket_messages where ticket_id = $1 and body = '¿Algo más?'`, [t])).rows[0].n).toBe(0);
	});

	it('only a resolved ticket is confirmed or reopened', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		for (const step of [null, `select public.reply_to_ticket($1, 'Hola')`, `select public.request_customer_info($1, '¿Versión?')`]) {
			if (step) await db.as(agent, step, [t]);
			expect((await db.fails(contact, 'select public.confirm_resolution($1)', [t]))?.message).toBe('not_resolved');
			expect((await db.fails(contact, `select public.reopen_ticket($1, 'x')`, [t]))?.message).toBe('not_resolved');
		}
		expect(await statusOf(t)).toBe('pending_customer');
	});

	it('a closed ticket stays closed and keeps how it was closed', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.resolve_ticket($1, 'Listo')`, [t]);
		await db.as(contact, 'select public.confirm_resolution($1)', [t]);
		const closed = await ticketRow(t);
		expect((await db.fails(agent, 'select public.close_ticket($1)', [t]))?.message).toBe('ticket_closed');
		expect((await db.fails(contact, `select public.reply_to_ticket($1, 'Otra cosa')`, [t]))?.message).toBe('ticket_closed');
		expect((await db.fails(agent, `select public.change_severity($1, 'P1')`, [t]))?.message).toBe('ticket_closed');
		expect((await db.fails(contact, `select public.reopen_ticket($1, 'x')`, [t]))?.message).toBe('not_resolved');
		const after = await ticketRow(t);
		expect([after.status, after.close_reason, after.closed_at]).toEqual(['closed', 'confirmed_by_customer', closed.closed_at]);
	});

	it('pauses while waiting on the customer and resumes on their reply, keeping the paused time', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.request_customer_info($1, '¿Qué usuario?')`, [t]);
		let row = (await db.admin.query('select status, paused_since, paused_seconds from public.tickets where id = $1', [t])).rows[0];
		expect(row.status).toBe('pending_customer');
		expect(row.paused_since).not.toBeNull();
		// Pretend the customer took an hour to answer.
		await rewindPause(t, '1 hour');
		await db.as(contact, `select public.reply_to_ticket($1, 'El usuario jlopez.')`, [t]);
		row = (await db.admin.query('select status, paused_since, paused_seconds, last_customer_message_at from public.tickets where id = $1', [t])).rows[0];
		expect(row.status).toBe('open');
		expect(row.paused_since).toBeNull();
		expect(Number(row.paused_seconds)).toBeGreaterThanOrEqual(3600);
		expect(Number(row.paused_seconds)).toBeLessThan(3700);
		expect(row.last_customer_message_at).not.toBeNull();
	});

	it('a proposed solution pauses the clock too; reopening adds the wait', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.resolve_ticket($1, 'Pruebe ahora')`, [t]);
		expect((await ticketRow(t)).paused_since).not.toBeNull();
		await rewindPause(t, '2 hours');
		await db.as(contact, `select public.reopen_ticket($1, 'Sigue fallando')`, [t]);
		const row = await ticketRow(t);
		expect(row.paused_since).toBeNull();
		expect(Number(row.paused_seconds)).toBeGreaterThanOrEqual(7200);
		expect(Number(row.paused_seconds)).toBeLessThan(7300);
	});

	it('a staff reply or note does not resume the clock; pending → resolved keeps it running, counted once at the close', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.request_customer_info($1, '¿Qué usuario?')`, [t]);
		await rewindPause(t, '1 hour');
		const since = (await ticketRow(t)).paused_since;
		await db.as(agent, `select public.reply_to_ticket($1, 'Quedamos atentos.')`, [t]);
		await db.as(agent, `select public.reply_to_ticket($1, 'Esperando al cliente', true)`, [t]);
		let row = await ticketRow(t);
		expect([row.status, row.paused_since, Number(row.paused_seconds)]).toEqual(['pending_customer', since, 0]);
		await db.as(agent, `select public.resolve_ticket($1, 'Lo resolvimos sin el dato')`, [t]);
		row = await ticketRow(t);
		expect([row.status, row.paused_since, Number(row.paused_seconds)]).toEqual(['resolved', since, 0]);
		await db.as(contact, 'select public.confirm_resolution($1)', [t]);
		row = await ticketRow(t);
		expect(row.paused_since).toBeNull();
		expect(Number(row.paused_seconds)).toBeGreaterThanOrEqual(3600);
		expect(Number(row.paused_seconds)).toBeLessThan(3700);
	});

	it('a customer reopens a resolved ticket with a reason; confirming closes it as confirmed', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.resolve_ticket($1, 'Listo')`, [t]);
		await db.as(contact, `select public.reopen_ticket($1, 'No funcionó')`, [t]);
		expect((await db.admin.query('select status, resolved_at from public.tickets where id = $1', [t])).rows[0]).toEqual({ status: 'open', resolved_at: null });
		await db.as(agent, `select public.resolve_ticket($1, 'Ahora sí')`, [t]);
		await db.as(contact, `select public.confirm_resolution($1)`, [t]);
		expect((await db.admin.query('select status, close_reason from public.tickets where id = $1', [t])).rows[0]).toEqual({ status: 'closed', close_reason: 'confirmed_by_customer' });
	});

	it('the first public staff reply is the first response; an internal note is not', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.reply_to_ticket($1, 'nota', true)`, [t]);
		expect((await db.admin.query('select first_response_at from public.tickets where id = $1', [t])).rows[0].first_response_at).toBeNull();
		await db.as(agent, `select public.reply_to_ticket($1, 'Hola')`, [t]);
		expect((await db.admin.query('select first_response_at from public.tickets where id = $1', [t])).rows[0].first_response_at).not.toBeNull();
	});
});

describe('creating tickets', () => {
	it('a retried submission with the same idempotency key returns the same ticket', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const payload = JSON.stringify(ticketPayload(org, contact.id, { idempotency_key: 'draft-0001-abcdef' }));
		const [a] = await db.as(service, 'select (public.create_ticket($1)).id', [payload]);
		const [b] = await db.as(service, 'select (public.create_ticket($1)).id', [payload]);
		expect(b.id).toBe(a.id);
		expect((await db.admin.query('select count(*)::int as n from public.tickets where organisation_id = $1', [org])).rows[0].n).toBe(1);
	});

	it('a retry returns the original even when the payload changed, and logs one creation', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const [a] = await db.as(service, 'select (public.create_ticket($1)).id', [JSON.stringify(ticketPayload(org, contact.id, { idempotency_key: 'draft-0002-abcdef' }))]);
		const [b] = await db.as(service, 'select (public.create_ticket($1)).subject', [JSON.stringify(ticketPayload(org, contact.id, { idempotency_key: 'draft-0002-abcdef', subject: 'Otro asunto' }))]);
		expect(b.subject).toBe(ticketPayload(org, contact.id).subject);
		expect((await db.admin.query(`select count(*)::int as n from public.ticket_events where ticket_id = $1 and kind = 'created'`, [a.id])).rows[0].n).toBe(1);
		expect((await db.admin.query('select count(*)::int as n from public.ticket_messages where ticket_id = $1', [a.id])).rows[0].n).toBe(1);
	});

	it('the key is per requester: another contact with the same key opens their own ticket', async () => {
		const { org, contact } = await contactIn('extendido', 'estandar-extendido');
		const other = await db.user();
		await addMember(db, org, other.id, 'authorized_contact');
		const [a] = await db.as(service, 'select (public.create_ticket($1)).id', [JSON.stringify(ticketPayload(org, contact.id, { idempotency_key: 'draft-0003-abcdef' }))]);
		const [b] = await db.as(service, 'select (public.create_ticket($1)).id', [JSON.stringify(ticketPayload(org, other.id, { idempotency_key: 'draft-0003-abcdef' }))]);
		expect(b.id).not.toBe(a.id);
		expect(await countTickets(org)).toBe(2);
	});

	it('stores the description as the first public message, with the attachments on it', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		await uploadAttachment(db, `${org}/nuevo/error.png`, contact.id);
		const t = await createTicket(db, org, contact.id, {
			attachments: [{ storage_path: `${org}/nuevo/error.png`, file_name: 'error.png', mime_type: 'image/png', size_bytes: 2048 }],
		});
		const messages = await db.as(contact, 'select id, author_id, body, visibility from public.ticket_messages where ticket_id = $1', [t]);
		expect(messages).toEqual([{ id: expect.any(String), author_id: contact.id, body: ticketPayload(org, contact.id).description, visibility: 'public' }]);
		const attachments = await db.as(contact, 'select message_id, file_name from public.ticket_attachments where ticket_id = $1', [t]);
		expect(attachments).toEqual([{ message_id: messages[0].id, file_name: 'error.png' }]);
	});

	it('refuses an organisation whose contract is not in force', async () => {
		const org = await createOrganisation(db, 'Org vencida');
		await db.admin.query(`update public.organisations set contract_start = '2024-01-01', contract_end = '2025-01-01' where id = $1`, [org]);
		const contact = await db.user();
		await addMember(db, org, contact.id, 'authorized_contact');
		expect((await db.fails(service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(org, contact.id))]))?.message).toBe('contract_inactive');
	});

	// "Today" is the programme's (Mexico City): the contract's last day is honoured until local midnight.
	const TODAY = `(now() at time zone 'America/Mexico_City')::date`;
	it.each([
		['that starts tomorrow', `${TODAY} + 1`, 'null', 'contract_inactive'],
		['that ended yesterday', `'2025-01-01'`, `${TODAY} - 1`, 'contract_inactive'],
		['whose last day is today', `'2025-01-01'`, TODAY, null],
		['that starts today, with no end', TODAY, 'null', null],
	])('a contract %s: %s', async (_label, start, end, outcome) => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		await db.admin.query(`update public.organisations set contract_start = ${start}, contract_end = ${end} where id = $1`, [org]);
		const error = await db.fails(service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(org, contact.id))]);
		expect(error?.message ?? null).toBe(outcome);
		expect(await countTickets(org)).toBe(outcome ? 0 : 1);
	});

	it('a bad field is refused by a constraint and stores nothing', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const error = await db.fails(service, 'select public.create_ticket($1)', [JSON.stringify(ticketPayload(org, contact.id, { environment: 'staging' }))]);
		expect(error?.code).toBe('23514');
		expect((await db.admin.query('select count(*)::int as n from public.tickets where organisation_id = $1', [org])).rows[0].n).toBe(0);
	});
});

describe('invitation codes', () => {
	async function invitation(options = 'null') {
		const org = await createOrganisation(db, 'Org invitaciones');
		const coord = await db.user();
		await addMember(db, org, coord.id, 'coordinator');
		const [{ code }] = await db.as(coord, `select public.create_invitation($1, 'member', 14, ${options}) as code`, [org]);
		return { org, coord, code: code as string };
	}

	it('are stored only as a hash', async () => {
		const { code } = await invitation();
		expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
		const { rows } = await db.admin.query(`select * from public.invitations where encode(code_hash, 'escape') like '%' || $1 || '%' or code_hash = convert_to($1, 'UTF8')`, [code]);
		expect(rows).toEqual([]);
		expect((await db.admin.query(`select count(*)::int as n from public.invitations where code_hash = extensions.digest($1, 'sha256')`, [code])).rows[0].n).toBe(1);
	});

	it('leave no trace of the code anywhere in the row, in any spelling', async () => {
		const { org, code } = await invitation();
		const { rows } = await db.admin.query(`select to_jsonb(i)::text as row, encode(code_hash, 'hex') as hex, encode(code_hash, 'escape') as raw from public.invitations i where organisation_id = $1`, [org]);
		for (const spelling of [code, code.toLowerCase(), code.replaceAll('-', ''), code.replaceAll('-', '').toLowerCase()]) {
			expect(rows[0].row).not.toContain(spelling);
			expect(rows[0].raw).not.toContain(spelling);
		}
		expect(rows[0].hex).toHaveLength(64);
	});

	it('are read case-insensitively, with spaces trimmed', async () => {
		const { org, code } = await invitation();
		const u = await db.user();
		expect(await db.as(u, 'select public.join_organisation($1) as org', [`  ${code.toLowerCase()} `])).toEqual([{ org }]);
	});

	it('join the organisation once, counting the use; joining again changes nothing', async () => {
		const { org, code } = await invitation();
		const u = await db.user();
		const [{ joined }] = await db.as(u, 'select public.join_organisation($1) as joined', [code.toLowerCase()]);
		expect(joined).toBe(org);
		await db.as(u, 'select public.join_organisation($1)', [code]);
		expect((await db.admin.query('select uses from public.invitations where organisation_id = $1', [org])).rows[0].uses).toBe(1);
		expect((await db.admin.query('select role from public.memberships where user_id = $1', [u.id])).rows[0].role).toBe('member');
	});

	it('expire', async () => {
		const { org, code } = await invitation();
		await db.admin.query(`update public.invitations set expires_at = now() - interval '1 minute' where organisation_id = $1`, [org]);
		expect((await db.fails(await db.user(), 'select public.join_organisation($1)', [code]))?.message).toBe('invitation_expired');
	});

	it('can be revoked by the coordinator', async () => {
		const { org, coord, code } = await invitation();
		const [inv] = await db.as(coord, 'select id from public.invitations where organisation_id = $1', [org]);
		expect(await db.fails(coord, `update public.invitations set revoked_at = now() where organisation_id = $1 returning id`, [org])).toMatchObject({ code: '42501' });
		expect(await db.as(coord, 'select (public.revoke_invitation($1)).revoked_at', [inv.id])).toHaveLength(1);
		expect((await db.fails(await db.user(), 'select public.join_organisation($1)', [code]))?.message).toBe('invitation_revoked');
	});

	it('stop after their maximum uses', async () => {
		const { code } = await invitation('1');
		await db.as(await db.user(), 'select public.join_organisation($1)', [code]);
		expect((await db.fails(await db.user(), 'select public.join_organisation($1)', [code]))?.message).toBe('invitation_used_up');
	});

	it('with two uses admit two people; the third is refused, joins nothing and counts nothing', async () => {
		const { org, code } = await invitation('2');
		const [a, b, c] = [await db.user(), await db.user(), await db.user()];
		await db.as(a, 'select public.join_organisation($1)', [code]);
		await db.as(b, 'select public.join_organisation($1)', [code]);
		expect((await db.fails(c, 'select public.join_organisation($1)', [code]))?.message).toBe('invitation_used_up');
		expect((await db.admin.query('select uses from public.invitations where organisation_id = $1', [org])).rows[0].uses).toBe(2);
		expect((await db.admin.query('select user_id from public.memberships where organisation_id = $1 and role = $2 order by created_at', [org, 'member'])).rows.map((r) => r.user_id).sort()).toEqual([a.id, b.id].sort());
	});

	it('an expired or revoked code adds nobody, and an admin may revoke too', async () => {
		const expired = await invitation();
		await db.admin.query(`update public.invitations set expires_at = now() - interval '1 second' where organisation_id = $1`, [expired.org]);
		const revoked = await invitation();
		const admin = await db.user();
		await addStaff(db, admin.id, 'admin');
		const [inv] = await db.as(admin, 'select id from public.invitations where organisation_id = $1', [revoked.org]);
		expect(await db.as(admin, 'select (public.revoke_invitation($1)).revoked_at', [inv.id])).toHaveLength(1);
		const u = await db.user();
		expect((await db.fails(u, 'select public.join_organisation($1)', [expired.code]))?.message).toBe('invitation_expired');
		expect((await db.fails(u, 'select public.join_organisation($1)', [revoked.code]))?.message).toBe('invitation_revoked');
		expect((await db.admin.query('select count(*)::int as n from public.memberships where user_id = $1', [u.id])).rows[0].n).toBe(0);
	});

	it('refuse a validity outside 1 to 365 days and a max_uses below 1', async () => {
		const { org, coord } = await invitation();
		expect((await db.fails(coord, `select public.create_invitation($1, 'member', 0)`, [org]))?.message).toBe('invalid_validity');
		expect((await db.fails(coord, `select public.create_invitation($1, 'member', 366)`, [org]))?.message).toBe('invalid_validity');
		expect((await db.fails(coord, `select public.create_invitation($1, 'member', 14, 0)`, [org]))?.message).toBe('invalid_max_uses');
	});
});

describe('the event log is append-only', () => {
	async function ticketWithHistory() {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.reply_to_ticket($1, 'Hola')`, [t]);
		return { t, contact };
	}
	const eventsOf = async (t: string) => (await db.admin.query('select id, kind, data from public.ticket_events where ticket_id = $1 order by id', [t])).rows;

	it.each([
		['update', `update public.ticket_events set data = '{}' where ticket_id = $1`],
		['delete', 'delete from public.ticket_events where ticket_id = $1'],
		['truncate', 'truncate public.ticket_events'],
		['delete (through the ticket, by cascade)', 'delete from public.tickets where id = $1'],
	])('the service role cannot %s events', async (_op, sql) => {
		const { t } = await ticketWithHistory();
		const before = await eventsOf(t);
		expect(before.length).toBeGreaterThan(3);
		const error = await db.fails(service, sql, sql.includes('$1') ? [t] : []);
		expect(error).toEqual({ message: 'append_only', code: '42501' });
		expect(await eventsOf(t)).toEqual(before);
	});

	it('no API role writes an event directly or through the private helper', async () => {
		const { t, contact } = await ticketWithHistory();
		const before = await eventsOf(t);
		expect((await db.fails(agent, `insert into public.ticket_events (ticket_id, actor_kind, kind) values ($1, 'staff', 'status_changed')`, [t]))?.message).toContain('permission denied');
		for (const actor of [contact, agent, service]) {
			expect((await db.fails(actor, `select private.log_event($1, 'status_changed', '{"to": "closed"}', 'public')`, [t]))?.message).toContain('permission denied');
		}
		expect(await eventsOf(t)).toEqual(before);
	});

	it('the service role records a breach by stamping the ticket; the log gets it as a system event', async () => {
		const { t } = await ticketWithHistory();
		await db.as(service, `update public.tickets set first_response_breached_at = '2026-11-23T18:00:00Z' where id = $1`, [t]);
		const { rows } = await db.admin.query(`select actor_kind, data from public.ticket_events where ticket_id = $1 and kind = 'breached'`, [t]);
		expect(rows).toEqual([{ actor_kind: 'system', data: { target: 'first_response', deadline: '2026-11-23T18:00:00+00:00' } }]);
	});
});

describe('event log', () => {
	it('records every change with who made it: the customer, staff or the system', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.request_customer_info($1, '¿Versión?')`, [t]);
		await db.as(contact, `select public.reply_to_ticket($1, '5.1')`, [t]);
		await db.as(agent, `select public.change_severity($1, 'P1')`, [t]);
		await db.admin.query(`update public.tickets set status = 'closed', close_reason = 'no_customer_reply' where id = $1`, [t]);
		const { rows } = await db.admin.query(`select actor_kind, kind, data from public.ticket_events where ticket_id = $1 and kind in ('created', 'status_changed', 'severity_changed') order by id`, [t]);
		expect(rows.map((r) => [r.actor_kind, r.kind, r.data.to ?? r.data.status])).toEqual([
			['customer', 'created', 'new'],
			['staff', 'status_changed', 'open'],
			['staff', 'status_changed', 'pending_customer'],
			['customer', 'status_changed', 'open'],
			['staff', 'severity_changed', 'P1'],
			['system', 'status_changed', 'closed'],
		]);
	});
});

describe('event log: the rest of the lifecycle', () => {
	it('logs resolving, reopening, confirming, notes and assignment with their actor and visibility', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.reply_to_ticket($1, 'Revisar logs', true)`, [t]);
		await db.as(agent, 'select public.assign_ticket($1, $2)', [t, agent.id]);
		await db.as(agent, `select public.resolve_ticket($1, 'Listo')`, [t]);
		await db.as(contact, `select public.reopen_ticket($1, 'No')`, [t]);
		await db.as(agent, `select public.resolve_ticket($1, 'Ahora sí')`, [t]);
		await db.as(contact, 'select public.confirm_resolution($1)', [t]);
		const { rows } = await db.admin.query(
			`select actor_kind, actor_id, kind, visibility, coalesce(data ->> 'to', data ->> 'visibility', data ->> 'status') as what from public.ticket_events where ticket_id = $1 and kind <> 'first_response' order by id`,
			[t],
		);
		const C = contact.id;
		const S = agent.id;
		expect(rows.map((r) => [r.actor_kind, r.actor_id, r.kind, r.visibility, r.what])).toEqual([
			['customer', C, 'created', 'public', 'new'],
			['customer', C, 'message_added', 'public', 'public'],
			['staff', S, 'message_added', 'internal', 'internal'],
			['staff', S, 'assigned', 'internal', S],
			['staff', S, 'message_added', 'public', 'public'],
			['staff', S, 'status_changed', 'public', 'open'],
			['staff', S, 'status_changed', 'public', 'resolved'],
			['customer', C, 'message_added', 'public', 'public'],
			['customer', C, 'status_changed', 'public', 'open'],
			['staff', S, 'message_added', 'public', 'public'],
			['staff', S, 'status_changed', 'public', 'resolved'],
			['customer', C, 'status_changed', 'public', 'closed'],
		]);
		const [closing] = (await db.admin.query(`select data from public.ticket_events where ticket_id = $1 and kind = 'status_changed' order by id desc limit 1`, [t])).rows;
		expect(closing.data).toEqual({ from: 'resolved', to: 'closed', close_reason: 'confirmed_by_customer' });
		// What the customer sees of the same history: none of the internal rows.
		expect((await db.as(contact, 'select kind from public.ticket_events where ticket_id = $1', [t])).map((r) => r.kind)).not.toContain('assigned');
		expect(await db.as(contact, `select * from public.ticket_events where ticket_id = $1 and visibility = 'internal'`, [t])).toEqual([]);
	});
});

describe('problems and the outbox', () => {
	it('resolving a problem notifies the requesters of its open linked tickets, once', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const [open1, open2, closed] = [await createTicket(db, org, contact.id), await createTicket(db, org, contact.id), await createTicket(db, org, contact.id)];
		const [{ id: problem }] = await db.as(agent, `select (public.create_problem('Falla recurrente')).id`);
		for (const t of [open1, open2, closed]) await db.as(agent, 'select public.link_problem($1, $2)', [t, problem]);
		await db.as(agent, 'select public.close_ticket($1)', [closed]);
		await db.as(agent, 'select public.resolve_problem($1)', [problem]);
		await db.as(agent, 'select public.resolve_problem($1)', [problem]);
		const { rows } = await db.admin.query(`select template, recipient_user_id, payload ->> 'ticket' as ticket from public.notifications where payload ->> 'problem' = $1 order by 3`, [problem]);
		expect(rows).toEqual([open1, open2].sort().map((t) => ({ template: 'problem_resolved', recipient_user_id: contact.id, ticket: t })));
		expect((await db.admin.query('select status from public.problems where id = $1', [problem])).rows[0].status).toBe('resolved');
	});
});

describe('comments', () => {
	it('can be edited for 15 minutes only', async () => {
		const u = await db.user();
		const [{ id }] = await db.as(u, `select (public.post_comment('guias/integracion-ldap', 'Primera versión')).id`);
		expect(await db.fails(u, `select public.edit_comment($1, 'Corregida')`, [id])).toBeNull();
		await db.admin.query(`update public.article_comments set created_at = now() - interval '16 minutes' where id = $1`, [id]);
		expect((await db.fails(u, `select public.edit_comment($1, 'Tarde')`, [id]))?.message).toBe('edit_window_closed');
	});

	it('anonymous votes are limited to five an hour per session key', async () => {
		const key = 'k-rate-limit-000001';
		for (let i = 0; i < 5; i++) await db.as({ role: 'anon' }, `select public.vote_article($1, true, null, $2)`, [`guias/articulo-${i}`, key]);
		expect((await db.fails({ role: 'anon' }, `select public.vote_article('guias/otro', true, null, $1)`, [key]))?.message).toBe('rate_limited');
	});
});
