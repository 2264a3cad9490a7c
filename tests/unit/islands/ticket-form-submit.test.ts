import { describe, expect, it, vi } from 'vitest';
import { localIssues, submitTicket, ticketBody, type Submission } from '../../../src/islands/ticket-form/submit.ts';

const ok: Submission = {
	fields: { organisation_id: '', severity: 'P2', subject: 'La firma falla', description: 'Desde ayer la firma devuelve un error 500.', impact: ' ', environment: 'production', product_id: '', version: '5.1', steps: '', affected_user: 'ana@cliente.mx' },
	attachments: [],
	idempotencyKey: 'draft-key-123',
	sourceArticle: 'base-de-conocimiento/firma',
};

function clientAnswering(answer: (() => Promise<{ data: unknown; error: unknown }>) | { data: unknown; error: unknown }) {
	const invoke = vi.fn(typeof answer === 'function' ? answer : async () => answer);
	return { client: { functions: { invoke } } as any, invoke };
}

const httpError = (status: number, body: unknown) => ({
	name: 'FunctionsHttpError',
	context: new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
});

describe('ticketBody', () => {
	it('leaves out blank optional fields, the organisation when not chosen, and a version without its product', () => {
		expect(ticketBody(ok)).toEqual({
			organisation_id: undefined,
			severity: 'P2',
			subject: 'La firma falla',
			description: 'Desde ayer la firma devuelve un error 500.',
			impact: undefined,
			environment: 'production',
			product_id: undefined,
			version: undefined,
			steps: undefined,
			affected_user: 'ana@cliente.mx',
			source_article: 'base-de-conocimiento/firma',
			idempotency_key: 'draft-key-123',
			attachments: [],
		});
	});

	it('sends the version with its product, and the chosen organisation', () => {
		const body = ticketBody({ ...ok, fields: { ...ok.fields, product_id: 'firma', organisation_id: '3f0c' } });
		expect([body.product_id, body.version, body.organisation_id]).toEqual(['firma', '5.1', '3f0c']);
	});
});

describe('localIssues', () => {
	it('finds nothing wrong with a valid draft', () => {
		expect(localIssues(ok)).toEqual([]);
	});

	it('names each field with the function’s own codes before sending', () => {
		const issues = localIssues({ ...ok, fields: { ...ok.fields, subject: 'ab', description: '   ', product_id: 'Firma Digital' } });
		expect(issues).toEqual([
			{ field: 'subject', code: 'too_short' },
			{ field: 'description', code: 'too_short' },
			{ field: 'product_id', code: 'invalid_product' },
		]);
	});
});

describe('submitTicket', () => {
	it('does not call the function for an invalid draft', async () => {
		const { client, invoke } = clientAnswering({ data: null, error: null });
		const outcome = await submitTicket(client, { ...ok, idempotencyKey: 'short' });
		expect(outcome).toEqual({ kind: 'invalid', issues: [{ field: 'idempotency_key', code: 'invalid_idempotency_key' }] });
		expect(invoke).not.toHaveBeenCalled();
	});

	it('says which ticket was opened and when the first response is due', async () => {
		const { client, invoke } = clientAnswering({ data: { ticket: { id: 'a0a0a0a0-0000-4000-8000-000000001042', number: '1042' }, due: { first_response_text: 'lunes, 13:00' }, created: true }, error: null });
		expect(await submitTicket(client, ok)).toEqual({ kind: 'created', id: 'a0a0a0a0-0000-4000-8000-000000001042', number: 1042, dueText: 'lunes, 13:00', fresh: true });
		expect(invoke).toHaveBeenCalledWith('tickets', { body: ticketBody(ok) });
	});

	it('tells a retry that found the ticket already opened (created: false) from a fresh one', async () => {
		const { client } = clientAnswering({ data: { ticket: { id: 'a0a0a0a0-0000-4000-8000-000000000007', number: 7 }, created: false }, error: null });
		expect(await submitTicket(client, ok)).toEqual({ kind: 'created', id: 'a0a0a0a0-0000-4000-8000-000000000007', number: 7, dueText: null, fresh: false });
	});

	it('keeps the draft for a retry when the answer may not have reached the function', async () => {
		for (const answer of [
			async () => {
				throw new TypeError('Failed to fetch');
			},
			async () => ({ data: null, error: { name: 'FunctionsFetchError', context: new TypeError('Failed to fetch') } }),
			async () => ({ data: null, error: httpError(502, 'Bad gateway') }),
			async () => ({ data: null, error: httpError(500, { code: 'internal_error' }) }),
			async () => ({ data: {}, error: null }),
		]) {
			const { client } = clientAnswering(answer);
			expect(await submitTicket(client, ok)).toEqual({ kind: 'retry' });
		}
	});

	it('shows the function’s field issues next to their fields', async () => {
		const { client } = clientAnswering({ data: null, error: httpError(409, { code: 'attachment_already_attached', issues: [{ field: 'attachments.0', code: 'attachment_already_attached' }] }) });
		expect(await submitTicket(client, ok)).toEqual({ kind: 'invalid', issues: [{ field: 'attachments.0', code: 'attachment_already_attached' }] });
	});

	it('lists the authorized contacts for a member who may not open tickets', async () => {
		const { client } = clientAnswering({ data: null, error: httpError(403, { code: 'not_authorized_contact', contacts: [{ name: 'Ana' }, { name: null }] }) });
		expect(await submitTicket(client, ok)).toEqual({ kind: 'not_authorized_contact', contacts: [{ name: 'Ana' }, { name: null }] });
		const bare = clientAnswering({ data: null, error: httpError(403, { code: 'not_authorized_contact' }) });
		expect(await submitTicket(bare.client, ok)).toEqual({ kind: 'not_authorized_contact', contacts: [] });
	});

	it('says when the quota renews', async () => {
		const { client } = clientAnswering({ data: null, error: httpError(429, { code: 'quota_exceeded', renews_on: '2026-05-01' }) });
		expect(await submitTicket(client, ok)).toEqual({ kind: 'quota_exceeded', renewsOn: '2026-05-01' });
		const noDate = clientAnswering({ data: null, error: httpError(429, { code: 'quota_exceeded', renews_on: 20260501 }) });
		expect(await submitTicket(noDate.client, ok)).toEqual({ kind: 'quota_exceeded', renewsOn: null });
	});

	it('names the last day an ended plan period included', async () => {
		const { client } = clientAnswering({ data: null, error: httpError(403, { code: 'plan_period_ended', ended_on: '2026-06-30' }) });
		expect(await submitTicket(client, ok)).toEqual({ kind: 'plan_period_ended', endedOn: '2026-06-30' });
		const noDate = clientAnswering({ data: null, error: httpError(403, { code: 'plan_period_ended', ended_on: null }) });
		expect(await submitTicket(noDate.client, ok)).toEqual({ kind: 'plan_period_ended', endedOn: null });
		const notOffered = clientAnswering({ data: null, error: httpError(403, { code: 'tickets_not_offered' }) });
		expect(await submitTicket(notOffered.client, ok)).toEqual({ kind: 'refused', code: 'tickets_not_offered' });
	});

	it('passes other refusals on by code, or by HTTP status when the body has none', async () => {
		const { client } = clientAnswering({ data: null, error: httpError(403, { code: 'contract_inactive' }) });
		expect(await submitTicket(client, ok)).toEqual({ kind: 'refused', code: 'contract_inactive' });
		const notJson = clientAnswering({ data: null, error: httpError(401, 'Unauthorized') });
		expect(await submitTicket(notJson.client, ok)).toEqual({ kind: 'refused', code: 'http_401' });
	});
});
