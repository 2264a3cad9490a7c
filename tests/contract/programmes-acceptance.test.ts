// Issue 14's acceptance through the `tickets` function over HTTP (real Deno, the local stack): what a
// customer of three of the seed programmes gets when they open a ticket from the portal. The rules
// themselves are tested in tests/db/programmes-acceptance.test.ts and the engine's arithmetic in
// tests/unit/programmes-acceptance.test.ts; here, that the function hands them through unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { FunctionsHttpError } from '@supabase/supabase-js';
import { serviceClient, signedInUser, type TestUser } from './client.ts';
import { ticketDraft } from '../fixtures/ticket-draft.ts';

const service = serviceClient();
const organisations: string[] = [];

async function open(user: TestUser, body: Record<string, unknown>) {
	const { data, error } = await user.client.functions.invoke('tickets', { body });
	if (error instanceof FunctionsHttpError) {
		const res = error.context as Response;
		return { status: res.status, body: await res.json() };
	}
	if (error) throw error;
	return { status: 201, body: data };
}

async function organisation(programme_id: string, plan_id: string, extra: Record<string, unknown> = {}): Promise<string> {
	const { data, error } = await service
		.from('organisations')
		.insert({ name: `Aceptación ${programme_id} ${randomUUID().slice(0, 6)}`, programme_id, plan_id, contract_start: '2026-01-01', timezone: 'America/Mexico_City', ...extra })
		.select('id')
		.single();
	expect(error).toBeNull();
	organisations.push(data!.id);
	return data!.id;
}

async function memberOf(org: string, role: string, tag: string): Promise<TestUser> {
	const user = await signedInUser(tag);
	expect((await service.from('memberships').insert({ organisation_id: org, user_id: user.id, role })).error).toBeNull();
	return user;
}

const draft = (extra: Record<string, unknown> = {}) => ticketDraft(`draft-${randomUUID()}`, extra);
const ymd = (d: Date) => d.toISOString().slice(0, 10);

let membership: string;
let plainMember: TestUser;

beforeAll(async () => {
	membership = await organisation('membresia', 'mantenimiento');
	plainMember = await memberOf(membership, 'member', 'pa-member');
});

afterAll(async () => {
	if (organisations.length) await service.from('organisations').delete().in('id', organisations);
});

describe('tickets function on the seed programmes', () => {
	it('003: a plain member opens a ticket, with no due time and a receipt that links the membership’s terms', async () => {
		const { status, body } = await open(plainMember, draft({ severity: 'alta' }));
		expect(status).toBe(201);
		expect(body.ticket).toMatchObject({ severity: 'alta', first_response_due_at: null, next_escalation_due_at: null, resolution_due_at: null });
		expect(body.due).toMatchObject({ first_response: null, first_response_text: null });
		const { data: row } = await service.from('tickets').select('next_update_due_at').eq('id', body.ticket.id).single();
		expect(row).toEqual({ next_update_due_at: null });
		const { data: receipts } = await service.from('notifications').select('payload').eq('template', 'ticket_received').eq('payload->>ticket', body.ticket.id);
		expect(receipts).toHaveLength(1);
		expect(receipts![0].payload).toMatchObject({ first_response_due: null, first_response_minutes: null, programme: 'membresia' });
	});

	it('002: a Critical ticket is due 30 minutes after it is created', async () => {
		const org = await organisation('soporte-nativo', 'nativo');
		const contact = await memberOf(org, 'authorized_contact', 'pa-nativo');
		const { status, body } = await open(contact, draft({ severity: 'critico' }));
		expect(status).toBe(201);
		expect(Date.parse(body.ticket.first_response_due_at) - Date.parse(body.ticket.created_at)).toBe(30 * 60_000);
		expect(Date.parse(body.ticket.next_escalation_due_at) - Date.parse(body.ticket.created_at)).toBe(4 * 60 * 60_000);
	});

	it('001: the Monthly plan after its 6 months is refused with the last included day', async () => {
		const now = new Date();
		const goLive = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 7, 1));
		const org = await organisation('implementacion', 'mensual', { go_live: ymd(goLive), timezone: 'America/Bogota' });
		const contact = await memberOf(org, 'authorized_contact', 'pa-mensual');
		const { status, body } = await open(contact, draft({ severity: 'media' }));
		expect(status).toBe(403);
		expect(body).toMatchObject({ code: 'plan_period_ended', ended_on: ymd(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 0))) });
	});
});
