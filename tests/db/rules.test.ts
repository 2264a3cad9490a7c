// The business rules the database keeps: monthly quota, authorized-contact limit, the status machine,
// the pause clock, idempotent creation, contracts, invitation codes, and the event log.
import { describe, expect, it } from 'vitest';
import { service, testDb } from './harness.ts';
import { addMember, addStaff, createOrganisation, createTicket, ticketPayload } from './fixtures.ts';

const db = await testDb();
const agent = await db.user('agente@example.com');
await addStaff(db, agent.id, 'agent');

async function contactIn(plan: string, programme: string) {
	const org = await createOrganisation(db, `Org ${plan}`, plan, programme);
	const contact = await db.user();
	await addMember(db, org, contact.id, 'authorized_contact');
	return { org, contact };
}

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

	it('pauses while waiting on the customer and resumes on their reply, keeping the paused time', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
		const t = await createTicket(db, org, contact.id);
		await db.as(agent, `select public.request_customer_info($1, '¿Qué usuario?')`, [t]);
		let row = (await db.admin.query('select status, paused_since, paused_seconds from public.tickets where id = $1', [t])).rows[0];
		expect(row.status).toBe('pending_customer');
		expect(row.paused_since).not.toBeNull();
		// Pretend the customer took an hour to answer.
		await db.admin.query(`alter table public.tickets disable trigger tickets_before_update`);
		await db.admin.query(`update public.tickets set paused_since = now() - interval '1 hour' where id = $1`, [t]);
		await db.admin.query(`alter table public.tickets enable trigger tickets_before_update`);
		await db.as(contact, `select public.reply_to_ticket($1, 'El usuario jlopez.')`, [t]);
		row = (await db.admin.query('select status, paused_since, paused_seconds, last_customer_message_at from public.tickets where id = $1', [t])).rows[0];
		expect(row.status).toBe('open');
		expect(row.paused_since).toBeNull();
		expect(Number(row.paused_seconds)).toBeGreaterThanOrEqual(3600);
		expect(Number(row.paused_seconds)).toBeLessThan(3700);
		expect(row.last_customer_message_at).not.toBeNull();
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

	it('stores the description as the first public message, with the attachments on it', async () => {
		const { org, contact } = await contactIn('estandar', 'estandar-extendido');
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
		expect(await db.as(coord, `update public.invitations set revoked_at = now() where organisation_id = $1 returning id`, [org])).toHaveLength(1);
		expect((await db.fails(await db.user(), 'select public.join_organisation($1)', [code]))?.message).toBe('invitation_revoked');
	});

	it('stop after their maximum uses', async () => {
		const { code } = await invitation('1');
		await db.as(await db.user(), 'select public.join_organisation($1)', [code]);
		expect((await db.fails(await db.user(), 'select public.join_organisation($1)', [code]))?.message).toBe('invitation_used_up');
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
