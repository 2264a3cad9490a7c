// The reader's trail on a ticket (issue 17): record_ticket_trail takes the visit's searches and articles
// from the ticket's requester, once, within an hour of opening it; staff read it, nobody else does, and
// nobody writes the table directly. Cases run in order over one database.
import { describe, expect, it } from 'vitest';
import { anon, testDb } from './harness.ts';
import { createOrganisation, createPerson, createTicket, publishArticles } from './fixtures.ts';

const db = await testDb();
const KB = 'base-de-conocimiento/firmas-sin-sello-de-tiempo';
const SLOW = 'solucion-de-problemas/la-aplicacion-esta-lenta';
await publishArticles(db, [KB, SLOW]);
const org = await createOrganisation(db, 'Banco', 'estandar');
const requester = await createPerson(db, org, 'authorized_contact');
const colleague = await createPerson(db, org, 'authorized_contact');
const agent = await createPerson(db, null, 'member', 'agent');
const ticket = await createTicket(db, org, requester.id);

const send = (actor: typeof anon, searches: unknown[], articles: unknown[], id = ticket) =>
	db.as(actor, 'select public.record_ticket_trail($1, $2, $3) as kept', [id, searches, articles]).then((r) => r[0].kept as boolean);

describe('record_ticket_trail', () => {
	it('refuses anyone but the requester, and anonymous callers', async () => {
		await expect(send(colleague, ['x'], [])).rejects.toThrow('ticket_not_found');
		await expect(send(agent, ['x'], [])).rejects.toThrow('ticket_not_found');
		await expect(send(anon, ['x'], [])).rejects.toThrow('permission denied');
	});

	it('keeps the requester’s searches normalised and the published articles read, in order', async () => {
		expect(await send(requester, ['  La firma NO tiene sello ', '', 'la firma no tiene sello', 'el sistema va lento'], [SLOW, 'no/publicado', KB])).toBe(true);
		const [row] = (await db.admin.query('select searches, articles from public.ticket_trails where ticket_id = $1', [ticket])).rows;
		expect(row).toEqual({ searches: ['la firma no tiene sello', 'el sistema va lento'], articles: [SLOW, KB] });
	});

	it('takes it once: a second call changes nothing', async () => {
		expect(await send(requester, ['otra cosa'], [])).toBe(false);
		const [row] = (await db.admin.query('select searches from public.ticket_trails where ticket_id = $1', [ticket])).rows;
		expect(row.searches).toEqual(['la firma no tiene sello', 'el sistema va lento']);
	});

	it('refuses more than 10 of either, and a trail sent an hour after opening', async () => {
		const other = await createTicket(db, org, requester.id);
		await expect(send(requester, Array(11).fill('x'), [], other)).rejects.toThrow('trail_too_long');
		await db.admin.query(`update public.tickets set created_at = now() - interval '2 hours' where id = $1`, [other]);
		await expect(send(requester, ['x'], [], other)).rejects.toThrow('trail_too_late');
	});

	it('staff read trails; customers, the requester included, do not; nobody writes the table directly', async () => {
		expect(await db.as(agent, 'select * from public.ticket_trails')).toHaveLength(1);
		expect(await db.as(requester, 'select * from public.ticket_trails')).toHaveLength(0);
		await expect(db.as(anon, 'select * from public.ticket_trails')).rejects.toThrow('permission denied');
		await expect(db.as(requester, `insert into public.ticket_trails (ticket_id) values ($1)`, [ticket])).rejects.toThrow('permission denied');
		await expect(db.as(agent, `update public.ticket_trails set searches = '{}'`)).rejects.toThrow('permission denied');
		await expect(db.as(requester, 'delete from public.ticket_trails')).rejects.toThrow('permission denied');
	});
});
