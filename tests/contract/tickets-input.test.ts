// Malformed requests to the `tickets` edge function, sent as a careless or hostile client would send
// them (supabase-js over HTTP, against the local stack or a real Supabase): wrong types, NUL and lone
// surrogates, subjects that show nothing, attachment paths that leave the organisation's folder,
// unknown products and versions, files never uploaded (or uploaded by someone else) and files already
// attached to another ticket. Each is refused with a 4xx naming the field and a stable code, and
// nothing is stored: the organisation's tickets and the attachment rows under its folders are counted
// through the service role before and after.
//
// Files, products and versions are checked by create_ticket (20261121000300_tickets.sql, the files by
// private.attach_files); the rest by the shared schema (supabase/functions/_shared/ticket-input.ts)
// and the function itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { FunctionsHttpError } from '@supabase/supabase-js';
import { serviceClient, signedInUser, type TestUser } from './client.ts';
import { ticketDraft } from '../fixtures/ticket-draft.ts';

const service = serviceClient();
let org: string;
let other: string;
let contact: TestUser;
let colleague: TestUser;
const uploaded: string[] = [];

const NUL = '\u0000';
const HIGH = '\uD83D'; // the first half of a surrogate pair, alone
const LOW = '\uDE00'; // the second half, alone

const draft = (extra: Record<string, unknown> = {}) => ticketDraft(`input-${randomUUID()}`, extra);

const attachment = (storage_path: string, extra: Record<string, unknown> = {}) => ({ storage_path, file_name: 'captura.png', mime_type: 'image/png', size_bytes: 12, ...extra });

/** A key under the organisation's folder, as the form makes them: <organisation>/<random>/<file>. */
const keyIn = (organisation: string, name = 'captura.png') => `${organisation}/${randomUUID()}/${name}`;

/** Uploads a small PNG as `user` and returns its key. */
async function upload(user: TestUser, path = keyIn(org)): Promise<string> {
	const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
	const { error } = await user.client.storage.from('attachments').upload(path, new Blob([bytes], { type: 'image/png' }));
	if (error) throw error;
	uploaded.push(path);
	return path;
}

async function open(user: TestUser, body: unknown): Promise<{ status: number; body: any }> {
	const { data, error } = await user.client.functions.invoke('tickets', { body: body as Record<string, unknown> });
	if (error instanceof FunctionsHttpError) {
		const res = error.context as Response;
		return { status: res.status, body: await res.json() };
	}
	if (error) throw error;
	return { status: 201, body: data };
}

/** What is stored for these two organisations: their tickets, and attachment rows under their folders. */
async function stored(): Promise<{ tickets: number; attachments: number }> {
	const tickets = await service.from('tickets').select('id', { count: 'exact', head: true }).in('organisation_id', [org, other]);
	const mine = await service.from('ticket_attachments').select('id', { count: 'exact', head: true }).like('storage_path', `${org}/%`);
	const theirs = await service.from('ticket_attachments').select('id', { count: 'exact', head: true }).like('storage_path', `${other}/%`);
	for (const r of [tickets, mine, theirs]) expect(r.error).toBeNull();
	return { tickets: tickets.count!, attachments: mine.count! + theirs.count! };
}

/**
 * Sends `body` as `who` and expects `status` with exactly `issues` (400: code invalid_input; 409: the
 * issue's code), and nothing stored.
 */
async function expectRefused(body: unknown, status: number, issues: { field: string; code: string }[], who: TestUser = contact) {
	const before = await stored();
	const res = await open(who, body);
	expect(res.status, JSON.stringify(res.body)).toBe(status);
	expect(res.body).toEqual({ code: status === 400 ? 'invalid_input' : issues[0].code, issues });
	expect(await stored()).toEqual(before);
	// (A key with NUL or a lone surrogate cannot even be looked up: the tickets count above covers it.)
	const key = body && typeof body === 'object' && 'idempotency_key' in body ? body.idempotency_key : undefined;
	if (typeof key === 'string' && !/[\u0000\uD800-\uDFFF]/.test(key)) {
		const { count } = await service.from('tickets').select('id', { count: 'exact', head: true }).eq('idempotency_key', key);
		expect(count).toBe(0);
	}
}

async function organisation(name: string): Promise<string> {
	const { data, error } = await service
		.from('organisations')
		.insert({ name: `${name} ${randomUUID().slice(0, 6)}`, programme_id: 'estandar-extendido', plan_id: 'estandar', contract_start: '2026-01-01', timezone: 'America/Mexico_City' })
		.select('id')
		.single();
	if (error) throw error;
	return data.id;
}

beforeAll(async () => {
	[org, other] = await Promise.all([organisation('Entrada'), organisation('Otra')]);
	[contact, colleague] = await Promise.all([signedInUser('in-contact'), signedInUser('in-colleague')]);
	const joined = await service.from('memberships').insert([
		{ organisation_id: org, user_id: contact.id, role: 'authorized_contact' },
		{ organisation_id: org, user_id: colleague.id, role: 'authorized_contact' },
	]);
	expect(joined.error).toBeNull();
});

afterAll(async () => {
	if (uploaded.length) await service.storage.from('attachments').remove(uploaded);
	await service.from('organisations').delete().in('id', [org, other]);
});

describe('tickets function: malformed input is a 4xx naming the field, and stores nothing', () => {
	it('wrong types', async () => {
		await expectRefused(draft({ subject: 42 }), 400, [{ field: 'subject', code: 'invalid' }]);
		await expectRefused(draft({ description: ['Desde esta mañana la firma falla.'] }), 400, [{ field: 'description', code: 'invalid' }]);
		await expectRefused(draft({ severity: null }), 400, [{ field: 'severity', code: 'invalid' }]);
		await expectRefused(draft({ environment: true }), 400, [{ field: 'environment', code: 'invalid_environment' }]);
		await expectRefused(draft({ attachments: 'captura.png' }), 400, [{ field: 'attachments', code: 'invalid' }]);
		await expectRefused(draft({ attachments: [attachment(keyIn(org), { size_bytes: '12' })] }), 400, [{ field: 'attachments.0.size_bytes', code: 'invalid' }]);
		await expectRefused(draft({ attachments: [attachment(keyIn(org), { size_bytes: 1.5 })] }), 400, [{ field: 'attachments.0.size_bytes', code: 'invalid' }]);
		await expectRefused(draft({ attachments: [{ storage_path: 7 }] }), 400, [
			{ field: 'attachments.0.storage_path', code: 'invalid' },
			{ field: 'attachments.0.file_name', code: 'required' },
			{ field: 'attachments.0.mime_type', code: 'attachment_type_not_allowed' },
			{ field: 'attachments.0.size_bytes', code: 'required' },
		]);
		await expectRefused({ ...draft(), idempotency_key: undefined, subject: undefined }, 400, [
			{ field: 'subject', code: 'required' },
			{ field: 'idempotency_key', code: 'required' },
		]);
		// A body that is not an object at all: one issue with no field.
		await expectRefused([draft()], 400, [{ field: '', code: 'invalid' }]);
	});

	it('not JSON at all: 400 invalid_json', async () => {
		const before = await stored();
		const res = await open(contact, '{"subject": "sin cerrar"');
		expect(res).toEqual({ status: 400, body: { code: 'invalid_json' } });
		expect(await stored()).toEqual(before);
	});

	for (const [what, bad] of [
		['NUL', NUL],
		['a lone high surrogate', HIGH],
		['a lone low surrogate', LOW],
	] as const) {
		it(`${what} in any text field: invalid_characters`, async () => {
			for (const [field, value] of [
				['subject', `Falla${bad} al firmar`],
				['description', `Desde esta mañana${bad} la firma falla.`],
				['severity', `P2${bad}`],
				['impact', `Nadie firma${bad}`],
				['steps', `1. Abrir${bad}`],
				['affected_user', `lucia${bad}`],
				['product_id', `quetzal-docs${bad}`],
				['version', `5.1${bad}`],
				['source_article', `kb/firma${bad}`],
				['idempotency_key', `input-${randomUUID()}${bad}`],
			] as const) {
				await expectRefused(draft({ [field]: value }), 400, [{ field, code: 'invalid_characters' }]);
			}
			await expectRefused(draft({ attachments: [attachment(keyIn(org), { file_name: `captura${bad}.png` })] }), 400, [{ field: 'attachments.0.file_name', code: 'invalid_characters' }]);
			await expectRefused(draft({ attachments: [attachment(`${org}/${randomUUID()}${bad}/x.png`)] }), 400, [{ field: 'attachments.0.storage_path', code: 'invalid_characters' }]);
		});
	}

	it('a subject or description with no visible character: too_short', async () => {
		await expectRefused(draft({ subject: '\u200B\u200B\u200B\u200B\u200B' }), 400, [{ field: 'subject', code: 'too_short' }]);
		await expectRefused(draft({ subject: '\u200D\uFEFF\u2060\u00AD\u200C' }), 400, [{ field: 'subject', code: 'too_short' }]);
		await expectRefused(draft({ subject: '\u3164\u3164\u3164\u3164' }), 400, [{ field: 'subject', code: 'too_short' }]);
		await expectRefused(draft({ subject: ' \u00A0\u3000\t ' }), 400, [{ field: 'subject', code: 'too_short' }]);
		await expectRefused(draft({ subject: 'a\u200B\u200B\u200B' }), 400, [{ field: 'subject', code: 'too_short' }]);
		await expectRefused(draft({ description: '\uFEFF'.repeat(30) }), 400, [{ field: 'description', code: 'too_short' }]);
		await expectRefused(draft({ description: '\u2800'.repeat(30) }), 400, [{ field: 'description', code: 'too_short' }]);
	});

	it('attachment paths outside the organisation’s folder: attachment_outside_folder', async () => {
		for (const path of [
			`${org}/../../x`,
			`${org}/../${other}/x.png`,
			`${org}/./x`,
			`${org}//x`,
			`${org}/x/`,
			`${org}/internal/x`,
			`${org}/a/b/c.png`,
			`${other}/x`,
			keyIn(other),
			`x/${org}/a.png`,
		]) {
			await expectRefused(draft({ attachments: [attachment(path)] }), 400, [{ field: 'attachments.0.storage_path', code: 'attachment_outside_folder' }]);
		}
		// The second of two files, named as such.
		const fine = await upload(contact);
		await expectRefused(draft({ attachments: [attachment(fine), attachment(`${other}/x`)] }), 400, [{ field: 'attachments.1.storage_path', code: 'attachment_outside_folder' }]);
	});

	it('the same file twice in one request', async () => {
		const path = await upload(contact);
		await expectRefused(draft({ attachments: [attachment(path), attachment(path)] }), 400, [{ field: 'attachments.1', code: 'attachment_already_attached' }]);
	});

	it('an unknown product: invalid_product', async () => {
		await expectRefused(draft({ product_id: 'no-such-product', version: undefined }), 400, [{ field: 'product_id', code: 'invalid_product' }]);
		await expectRefused(draft({ product_id: 'no-such-product', version: '5.1' }), 400, [{ field: 'product_id', code: 'invalid_product' }]);
		await expectRefused(draft({ product_id: 'Quetzal Docs', version: undefined }), 400, [{ field: 'product_id', code: 'invalid_product' }]);
	});

	it('an unknown version of a known product: invalid_version', async () => {
		await expectRefused(draft({ version: '9.9' }), 400, [{ field: 'version', code: 'invalid_version' }]);
		await expectRefused(draft({ version: '5.x' }), 400, [{ field: 'version', code: 'invalid_version' }]);
		await expectRefused(draft({ product_id: undefined, version: '5.1' }), 400, [{ field: 'version', code: 'invalid_version' }]);
	});

	it('a file never uploaded, or uploaded by someone else: attachment_not_uploaded', async () => {
		await expectRefused(draft({ attachments: [attachment(keyIn(org, 'nunca-subido.png'))] }), 400, [{ field: 'attachments.0', code: 'attachment_not_uploaded' }]);
		const theirs = await upload(colleague);
		await expectRefused(draft({ attachments: [attachment(theirs)] }), 400, [{ field: 'attachments.0', code: 'attachment_not_uploaded' }]);
		const mine = await upload(contact);
		await expectRefused(draft({ attachments: [attachment(mine), attachment(keyIn(org, 'nunca-subido.png'))] }), 400, [{ field: 'attachments.1', code: 'attachment_not_uploaded' }]);
	});

	it('a file already attached to another ticket: 409 attachment_already_attached', async () => {
		const path = await upload(contact);
		const first = await open(contact, draft({ attachments: [attachment(path)] }));
		expect(first.status, JSON.stringify(first.body)).toBe(201);
		await expectRefused(draft({ attachments: [attachment(path)] }), 409, [{ field: 'attachments.0', code: 'attachment_already_attached' }]);
		// As the second file of the request, next to one that is fine.
		const fresh = await upload(contact);
		await expectRefused(draft({ attachments: [attachment(fresh), attachment(path)] }), 409, [{ field: 'attachments.1', code: 'attachment_already_attached' }]);
	});

	it('a well-formed ticket with an uploaded file still opens, with size and type as Storage recorded them', async () => {
		const path = await upload(contact);
		const before = await stored();
		const res = await open(contact, draft({ attachments: [attachment(path, { size_bytes: 999, mime_type: 'image/jpeg' })] }));
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(await stored()).toEqual({ tickets: before.tickets + 1, attachments: before.attachments + 1 });
		const { data } = await service.from('ticket_attachments').select('storage_path, mime_type, size_bytes, uploaded_by').eq('ticket_id', res.body.ticket.id);
		expect(data).toEqual([{ storage_path: path, mime_type: 'image/png', size_bytes: 12, uploaded_by: contact.id }]);
	});
});
