// How the tickets function turns create_ticket's errors into answers (supabase/functions/tickets/
// refusals.ts): the project's codes (P0001 with the field as hint, PT404), and the raw constraint
// violations the database may still raise (23503, 23505, 23514), each a 4xx with the field named;
// only what is no refusal at all is `unexpected` (a 500).
import { describe, expect, it } from 'vitest';
import { classify, type Lookups, type RpcError } from '../../supabase/functions/tickets/refusals.ts';
import { ticketInput, type TicketInput } from '#shared/ticket-input.ts';

const ORG = '6f1c2a4e-8d3b-4c7a-9e21-0b5d7f3a1c88';
const OTHER = '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a';
const path = (name: string, org = ORG) => `${org}/2b7f0c9e-1d2a-4b3c-8e4f-5a6b7c8d9e0f/${name}`;
const file = (storage_path: string) => ({ storage_path, file_name: 'x.png', mime_type: 'image/png' as const, size_bytes: 10 });

function input(extra: Record<string, unknown> = {}): TicketInput {
	return ticketInput.parse({
		severity: 'P2',
		subject: 'No se pueden firmar oficios',
		description: 'Desde esta mañana la firma falla.',
		product_id: 'quetzal-docs',
		version: '5.1',
		idempotency_key: 'draft-0001-abcdef',
		attachments: [file(path('a.png')), file(path('b.png')), file(path('c.png'))],
		...extra,
	});
}

function lookups(known: { products?: string[]; attached?: string[] } = {}): Lookups & { calls: string[] } {
	const calls: string[] = [];
	return {
		calls,
		async productExists(id) {
			calls.push(`product ${id}`);
			return (known.products ?? ['quetzal-docs']).includes(id);
		},
		async attachedPaths(paths) {
			calls.push('attached');
			return paths.filter((p) => (known.attached ?? []).includes(p));
		},
	};
}

const run = (error: RpcError, extra: Record<string, unknown> = {}, known?: Parameters<typeof lookups>[0]) =>
	classify(error, { input: input(extra), organisation: ORG, lookups: lookups(known) });

const fail = (code: string, hint?: string, state = 'P0001', details: string | null = code): RpcError => ({ code: state, message: code, details, hint: hint ?? null });

const invalid = (field: string, code: string) => ({ kind: 'refused', status: 400, code: 'invalid_input', issues: [{ field, code }] });

describe('the codes create_ticket raises (private.fail)', () => {
	it('product, version and severity: 400 naming the field', async () => {
		expect(await run(fail('invalid_product', 'product_id'))).toEqual(invalid('product_id', 'invalid_product'));
		expect(await run(fail('invalid_version', 'version'))).toEqual(invalid('version', 'invalid_version'));
		expect(await run(fail('invalid_severity', 'severity'))).toEqual(invalid('severity', 'invalid_severity'));
	});

	it('an attachment fault names the file the hint gives, and the part of it at fault', async () => {
		expect(await run(fail('attachment_not_uploaded', 'attachments.1'))).toEqual(invalid('attachments.1', 'attachment_not_uploaded'));
		expect(await run(fail('attachment_outside_folder', 'attachments.2'))).toEqual(invalid('attachments.2.storage_path', 'attachment_outside_folder'));
		expect(await run(fail('attachment_type_not_allowed', 'attachments.0'))).toEqual(invalid('attachments.0.mime_type', 'attachment_type_not_allowed'));
		expect(await run(fail('attachment_too_large', 'attachments.1'))).toEqual(invalid('attachments.1.size_bytes', 'attachment_too_large'));
		expect(await run(fail('invalid_file_name', 'attachments.2'))).toEqual(invalid('attachments.2.file_name', 'invalid_file_name'));
		expect(await run(fail('too_many_attachments', 'attachments'))).toEqual(invalid('attachments', 'too_many_attachments'));
		expect(await run(fail('invalid_attachments', 'attachments'))).toEqual(invalid('attachments', 'invalid_attachments'));
	});

	it('a file already attached is a 409 naming the file', async () => {
		expect(await run(fail('attachment_already_attached', 'attachments.1'))).toEqual({
			kind: 'refused',
			status: 409,
			code: 'attachment_already_attached',
			issues: [{ field: 'attachments.1', code: 'attachment_already_attached' }],
		});
	});

	it('without a hint: the path quoted in the detail, the only file, or the one it can find itself', async () => {
		expect(await run(fail('attachment_not_uploaded', undefined, 'P0001', `No object at ${path('b.png')}.`))).toEqual(invalid('attachments.1', 'attachment_not_uploaded'));
		expect(await run(fail('attachment_not_uploaded'), { attachments: [file(path('a.png'))] })).toEqual(invalid('attachments.0', 'attachment_not_uploaded'));
		expect(await run(fail('attachment_outside_folder'), { attachments: [file(path('a.png')), file(path('b.png', OTHER))] })).toEqual(
			invalid('attachments.1.storage_path', 'attachment_outside_folder'),
		);
		const found = await run(fail('attachment_already_attached'), {}, { attached: [path('c.png')] });
		expect(found).toMatchObject({ status: 409, issues: [{ field: 'attachments.2', code: 'attachment_already_attached' }] });
		// Nothing to go on: the attachments as a whole.
		expect(await run(fail('attachment_too_large'))).toEqual(invalid('attachments', 'attachment_too_large'));
		// A hint past the end of the list is not believed.
		expect(await run(fail('attachment_too_large', 'attachments.7'))).toEqual(invalid('attachments', 'attachment_too_large'));
	});

	it('refusals of the request as a whole keep their status and code, whatever the SQLSTATE', async () => {
		for (const [code, status, state] of [
			['not_a_member', 403, '42501'],
			['not_authorized_contact', 403, '42501'],
			['contract_inactive', 403, 'P0001'],
			['quota_exceeded', 409, 'P0001'],
			['requester_required', 400, 'P0001'],
			['organisation_not_found', 404, 'P0001'],
		] as const) {
			expect(await run(fail(code, undefined, state)), code).toEqual({ kind: 'refused', status, code });
		}
	});

	it('not found: PT404 (and the P0002 of older migrations) is a 404 with the code', async () => {
		expect(await run(fail('organisation_not_found', 'organisation_id', 'PT404'))).toEqual({ kind: 'refused', status: 404, code: 'organisation_not_found' });
		expect(await run(fail('organisation_not_found', undefined, 'P0002'))).toEqual({ kind: 'refused', status: 404, code: 'organisation_not_found' });
		expect(await run(fail('something_not_found', undefined, 'PT404'))).toEqual({ kind: 'refused', status: 404, code: 'something_not_found' });
	});

	it('our own faults stay unexpected (a 500 the function logs)', async () => {
		expect(await run(fail('opened_at_out_of_range'))).toEqual({ kind: 'unexpected' });
		expect(await run(fail('invalid_ticket'))).toEqual({ kind: 'unexpected' });
		expect(await run(fail('service_role_only', undefined, '42501'))).toEqual({ kind: 'unexpected' });
		expect(await run({ code: '42883', message: 'function public.create_ticket(jsonb) does not exist' })).toEqual({ kind: 'unexpected' });
		expect(await run({ code: 'P0001', message: 'constructor' })).toEqual({ kind: 'unexpected' });
	});
});

describe('raw constraint violations', () => {
	const fk = (constraint: string, details: string): RpcError => ({
		code: '23503',
		message: `insert or update on table "tickets" violates foreign key constraint "${constraint}"`,
		details,
		hint: null,
	});

	it('23503 on the product: invalid_product', async () => {
		expect(await run(fk('tickets_product_id_fkey', 'Key (product_id)=(no-such) is not present in table "products".'), { product_id: 'no-such', version: undefined })).toEqual(
			invalid('product_id', 'invalid_product'),
		);
	});

	it('23503 on product and version: invalid_version when the product exists, invalid_product when not', async () => {
		const known = await run(fk('tickets_product_id_version_fkey', 'Key (product_id, version)=(quetzal-docs, 9.9) is not present in table "product_versions".'), { version: '9.9' });
		expect(known).toEqual(invalid('version', 'invalid_version'));
		const unknown = await run(fk('tickets_product_id_version_fkey', 'Key (product_id, version)=(no-such, 5.1) is not present in table "product_versions".'), { product_id: 'no-such' });
		expect(unknown).toEqual(invalid('product_id', 'invalid_product'));
	});

	it('23503 told apart by its key columns when the constraint has another name', async () => {
		expect(await run(fk('tickets_product_fk', 'Key (product_id, version)=(quetzal-docs, 9.9) is not present in table "product_versions".'))).toEqual(
			invalid('version', 'invalid_version'),
		);
		expect(await run(fk('whatever', 'Key (product_id)=(x) is not present in table "products".'), { product_id: 'x', version: undefined })).toEqual(
			invalid('product_id', 'invalid_product'),
		);
		expect(await run(fk('tickets_requester_id_fkey', 'Key (requester_id)=(…) is not present in table "profiles".'))).toEqual({ kind: 'unexpected' });
	});

	it('23505 on an attachment path: 409 attachment_already_attached, naming the file', async () => {
		const error: RpcError = {
			code: '23505',
			message: 'duplicate key value violates unique constraint "ticket_attachments_storage_path_key"',
			details: `Key (storage_path)=(${path('b.png')}) already exists.`,
			hint: null,
		};
		expect(await run(error)).toEqual({ kind: 'refused', status: 409, code: 'attachment_already_attached', issues: [{ field: 'attachments.1', code: 'attachment_already_attached' }] });
	});

	it('23505 on the idempotency key stays the race of one draft sent twice', async () => {
		const error: RpcError = {
			code: '23505',
			message: 'duplicate key value violates unique constraint "tickets_requester_id_idempotency_key_key"',
			details: 'Key (requester_id, idempotency_key)=(…, draft-0001-abcdef) already exists.',
			hint: null,
		};
		expect(await run(error)).toEqual({ kind: 'idempotency_race' });
		expect(await run({ code: '23505', message: 'duplicate key value' })).toEqual({ kind: 'idempotency_race' });
	});

	it('23514 on a ticket or attachment limit: 400 naming the field', async () => {
		const check = (constraint: string): RpcError => ({ code: '23514', message: `new row for relation "x" violates check constraint "${constraint}"`, details: 'Failing row contains (…).' });
		expect(await run(check('tickets_subject_check'))).toEqual(invalid('subject', 'invalid'));
		expect(await run(check('ticket_messages_body_check'))).toEqual(invalid('description', 'invalid'));
		expect(await run(check('ticket_attachments_size_bytes_check'), { attachments: [file(path('a.png'))] })).toEqual(invalid('attachments.0.size_bytes', 'attachment_too_large'));
		expect(await run(check('tickets_check'))).toEqual({ kind: 'unexpected' });
		expect(await run(check('tickets_channel_check'))).toEqual({ kind: 'unexpected' });
	});
});
