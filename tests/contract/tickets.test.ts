// The `tickets` edge function in real Deno through the local stack (or a real Supabase): who may open
// a ticket, validation with the shared schema, due times equal to the shared engine's, idempotent
// retries, and what is queued for the customer and support.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { FunctionsHttpError } from '@supabase/supabase-js';
import { local, serviceClient, signedInUser, url, type TestUser } from './client.ts';
import { evaluateSla } from '#shared/sla.ts';
import { slaRulesOf } from '#shared/sla-programme.ts';
import { loadProgramme } from '../../src/lib/support-data.ts';
import { ticketDraft } from '../fixtures/ticket-draft.ts';

const service = serviceClient();
let org: string;
let contact: TestUser;
let member: TestUser;
let outsider: TestUser;

const draft = (extra: Record<string, unknown> = {}) => ticketDraft(`draft-${randomUUID()}`, extra);

async function open(user: TestUser, body: Record<string, unknown>) {
	const { data, error } = await user.client.functions.invoke('tickets', { body });
	if (error instanceof FunctionsHttpError) {
		const res = error.context as Response;
		return { status: res.status, body: await res.json() };
	}
	if (error) throw error;
	return { status: 201, body: data };
}

beforeAll(async () => {
	const created = await service
		.from('organisations')
		.insert({ name: `Tickets ${randomUUID().slice(0, 6)}`, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' })
		.select('id')
		.single();
	expect(created.error).toBeNull();
	org = created.data!.id;
	[contact, member, outsider] = await Promise.all([signedInUser('tk-contact', { full_name: 'Lucía Contacto' }), signedInUser('tk-member'), signedInUser('tk-outsider')]);
	expect((await service.from('memberships').insert([
		{ organisation_id: org, user_id: contact.id, role: 'authorized_contact' },
		{ organisation_id: org, user_id: member.id, role: 'member' },
	])).error).toBeNull();
});

afterAll(async () => {
	await service.from('organisations').delete().eq('id', org);
});

describe('tickets function', () => {
	it('opens a ticket whose stored due times are the engine’s, counted from its creation instant', async () => {
		const { status, body } = await open(contact, draft());
		expect(status).toBe(201);
		expect(body.ticket).toMatchObject({ status: 'new', severity: 'P2', subject: 'No se pueden firmar oficios', organisation_id: org });
		const { data: row } = await service.from('tickets').select('*').eq('id', body.ticket.id).single();
		const rules = slaRulesOf(loadProgramme('estandar-extendido'));
		const at = new Date(row.created_at);
		const expected = evaluateSla({ ...rules, now: at, events: [{ kind: 'created', at, actor_kind: 'customer', data: { status: 'new', severity: 'P2', plan: 'estandar', level: 1 } }] });
		expect(new Date(row.first_response_due_at).getTime()).toBe(expected.firstResponse.due!.getTime());
		expect(new Date(row.next_escalation_due_at).getTime()).toBe(expected.nextEscalation.due!.getTime());
		expect(row.next_update_due_at).toBeNull();
		expect(body.due.first_response).toBe(row.first_response_due_at);
		expect(body.due.timezone).toBe('America/Mexico_City');
		expect(body.due.first_response_text).toMatch(/\d{4}/);
		// The description opens the public thread; the receipt and the agents' alert are queued.
		const { data: messages } = await service.from('ticket_messages').select('body, author_id').eq('ticket_id', row.id);
		expect(messages).toEqual([{ body: 'Desde esta mañana la firma falla para la mayoría de las áreas.', author_id: contact.id }]);
		const { data: receipts } = await service.from('notifications').select('recipient_user_id').eq('template', 'ticket_received').eq('payload->>ticket', row.id);
		expect(receipts).toEqual([{ recipient_user_id: contact.id }]);
	});

	it('a retried submission returns the same ticket; concurrent retries still create one', async () => {
		const body = draft();
		const first = await open(contact, body);
		const again = await open(contact, body);
		expect(first.body.created).toBe(true);
		expect(again.body.created).toBe(false);
		expect(again.body.ticket.id).toBe(first.body.ticket.id);
		const racing = draft();
		const results = await Promise.all([open(contact, racing), open(contact, racing), open(contact, racing)]);
		expect(new Set(results.map((r) => r.body.ticket.id)).size).toBe(1);
		expect(results.filter((r) => r.body.created)).toHaveLength(1);
		const { count } = await service.from('tickets').select('id', { count: 'exact', head: true }).eq('idempotency_key', racing.idempotency_key);
		expect(count).toBe(1);
	});

	it('refuses a plain member and says who may open tickets', async () => {
		const { status, body } = await open(member, draft());
		expect(status).toBe(403);
		expect(body.code).toBe('not_authorized_contact');
		expect(body.contacts).toEqual([{ name: 'Lucía Contacto', role: 'authorized_contact' }]);
		expect(JSON.stringify(body)).not.toContain(contact.email);
	});

	it('refuses someone outside the organisation, and an organisation they name that is not theirs', async () => {
		expect((await open(outsider, draft())).body.code).toBe('not_a_member');
		const { status, body } = await open(outsider, draft({ organisation_id: org }));
		expect(status).toBe(403);
		expect(body.code).toBe('not_a_member');
	});

	it('answers a bad payload with 400 and the fields at fault, storing nothing', async () => {
		const key = `draft-${randomUUID()}`;
		const { status, body } = await open(contact, draft({ subject: 'x', severity: '', environment: 'staging', idempotency_key: key, attachments: [{ storage_path: `${org}/internal/a.png`, file_name: 'a.png', mime_type: 'text/html', size_bytes: 10 }] }));
		expect(status).toBe(400);
		expect(body.code).toBe('invalid_input');
		expect(body.issues).toEqual(
			expect.arrayContaining([
				{ field: 'subject', code: 'too_short' },
				{ field: 'severity', code: 'required' },
				{ field: 'environment', code: 'invalid_environment' },
				{ field: 'attachments.0.storage_path', code: 'attachment_outside_folder' },
				{ field: 'attachments.0.mime_type', code: 'attachment_type_not_allowed' },
			]),
		);
		const unknown = await open(contact, draft({ severity: 'P9', idempotency_key: key }));
		expect(unknown).toEqual({ status: 400, body: { code: 'invalid_input', issues: [{ field: 'severity', code: 'invalid_severity' }] } });
		const { count } = await service.from('tickets').select('id', { count: 'exact', head: true }).eq('idempotency_key', key);
		expect(count).toBe(0);
	});

	it('refuses a ticket over the monthly quota with the day the quota renews, as the database counts it', async () => {
		const created = await service
			.from('organisations')
			.insert({ name: `Cuota ${randomUUID().slice(0, 6)}`, programme_id: 'implementacion', plan_id: 'mensual', contract_start: '2026-01-01', timezone: 'America/Bogota' })
			.select('id')
			.single();
		expect(created.error).toBeNull();
		const monthly = created.data!.id;
		try {
			const requester = await signedInUser('tk-quota');
			expect((await service.from('memberships').insert({ organisation_id: monthly, user_id: requester.id, role: 'authorized_contact' })).error).toBeNull();
			const used = Array.from({ length: 40 }, (_, i) => ({
				organisation_id: monthly, requester_id: requester.id, programme_id: 'implementacion', plan_id: 'mensual',
				severity_key: 'media', subject: `Consulta ${i + 1}`, description: 'x', environment: 'production',
			}));
			expect((await service.from('tickets').insert(used)).error).toBeNull();
			const { status, body } = await open(requester, draft({ severity: 'media', organisation_id: monthly }));
			expect(status).toBe(409);
			expect(body.code).toBe('quota_exceeded');
			// The first day of next month in the programme's zone (Bogotá), the day my_ticket_quota names.
			const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
			expect(body.renews_on).toBe(month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`);
			const { data: quota } = await service.rpc('my_ticket_quota', { organisation: monthly });
			expect(quota).toEqual([{ monthly_quota: 40, used: 40, remaining: 0, renews_on: body.renews_on, timezone: 'America/Bogota' }]);
		} finally {
			await service.from('organisations').delete().eq('id', monthly);
		}
	});

	it('needs a signed-in caller: the anon key alone is refused, no token at all never reaches it', async () => {
		const anonOnly = await fetch(`${url()}/functions/v1/tickets`, {
			method: 'POST',
			headers: { apikey: inject('anonKey'), authorization: `Bearer ${inject('anonKey')}`, 'content-type': 'application/json' },
			body: JSON.stringify(draft()),
		});
		expect(anonOnly.status).toBe(401);
		expect(await anonOnly.json()).toEqual({ code: 'not_signed_in' });
		const none = await fetch(`${url()}/functions/v1/tickets`, { method: 'POST', body: '{}' });
		expect(none.status).toBe(401);
	});

	it('allows the site origin on its answers', async () => {
		const res = await fetch(`${url()}/functions/v1/tickets`, {
			method: 'POST',
			headers: { origin: 'http://127.0.0.1:4321', apikey: inject('anonKey'), authorization: `Bearer ${inject('anonKey')}`, 'content-type': 'application/json' },
			body: '{}',
		});
		expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4321');
		// Preflights: locally the gateway answers them (as the CLI's Kong does); hosted, the function.
		const preflight = await fetch(`${url()}/functions/v1/tickets`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:4321', 'access-control-request-method': 'POST' } });
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get('access-control-allow-origin')).toMatch(local() ? /^\*$/ : /^http:\/\/127\.0\.0\.1:4321$/);
	});
});
