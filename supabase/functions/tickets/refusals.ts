// Why create_ticket refused a ticket, as the tickets function answers it: a 4xx with a stable code and,
// when the fault is in one field, that field named the way the schema names it ('product_id',
// 'attachments.0.storage_path'), so the form shows it next to the field. The RPC raises the project's
// codes with private.fail (SQLSTATE P0001, the code as message; not-found ones PT404); a raw constraint
// violation (foreign key, unique, check) that slipped past those checks is still a refusal of the
// input, never a 500, and is told apart by the constraint it names. What is left — a broken query, a
// missing privilege — is `unexpected`: the function logs it and answers 500.
import { insideOrganisationFolder, type FieldIssue, type TicketInput } from '../_shared/ticket-input.ts';

/** An error as supabase-js reports it from PostgREST. */
export interface RpcError {
	code?: string;
	message: string;
	details?: string | null;
	hint?: string | null;
}

export type Outcome =
	/** Answer `status` with `code`; `issues` when the fault is in named fields. */
	| { kind: 'refused'; status: number; code: string; issues?: FieldIssue[] }
	/** The (requester, idempotency key) pair is taken: a concurrent submission of the same draft won. */
	| { kind: 'idempotency_race' }
	| { kind: 'unexpected' };

/** What the classification may have to look up to name the field. */
export interface Lookups {
	productExists(id: string): Promise<boolean>;
	/** Which of these storage paths are already attached to a ticket. */
	attachedPaths(paths: string[]): Promise<string[]>;
}

export interface Context {
	input: TicketInput;
	/** The organisation the ticket was being opened for (its folder is the only one allowed). */
	organisation: string;
	lookups: Lookups;
}

/** Codes that concern the request as a whole. */
const STATUS: Record<string, number> = {
	not_a_member: 403,
	not_authorized_contact: 403,
	contract_inactive: 403,
	tickets_not_offered: 403,
	plan_period_ended: 403,
	quota_exceeded: 409,
	organisation_not_found: 404,
	requester_required: 400,
};

type Target = 'severity' | 'product_id' | 'version' | 'attachments' | { attachment: '' | 'storage_path' | 'file_name' | 'mime_type' | 'size_bytes' };

/** Codes that concern one field, and which. */
const FIELD: Record<string, { status: number; target: Target }> = {
	invalid_severity: { status: 400, target: 'severity' },
	invalid_product: { status: 400, target: 'product_id' },
	invalid_version: { status: 400, target: 'version' },
	attachment_outside_folder: { status: 400, target: { attachment: 'storage_path' } },
	attachment_not_uploaded: { status: 400, target: { attachment: '' } },
	attachment_type_not_allowed: { status: 400, target: { attachment: 'mime_type' } },
	attachment_too_large: { status: 400, target: { attachment: 'size_bytes' } },
	invalid_file_name: { status: 400, target: { attachment: 'file_name' } },
	// The file is a fact of the ticket it already belongs to: a conflict, not a malformed request.
	attachment_already_attached: { status: 409, target: { attachment: '' } },
	too_many_attachments: { status: 400, target: 'attachments' },
	invalid_attachments: { status: 400, target: 'attachments' },
};

/** Constraint name and key columns of a PostgreSQL constraint error (as PostgREST passes it on). */
function constraintOf(error: RpcError): { name: string; columns: string[] } {
	const name = /constraint "([^"]+)"/.exec(error.message)?.[1] ?? '';
	const columns = /Key \(([^)]*)\)/.exec(error.details ?? '')?.[1]?.split(',').map((c) => c.trim()) ?? [];
	return { name, columns };
}

/**
 * Which attachment an attachment error is about: the index the database gave (`attachments.N` in
 * the detail or hint) or the storage path it quoted; the only one there is; for the two faults the
 * function can see for itself, the first attachment that has it. Undefined when it cannot tell.
 */
async function attachmentIndex(code: string, error: RpcError, ctx: Context): Promise<number | undefined> {
	const list = ctx.input.attachments;
	if (!list.length) return undefined;
	const said = [error.details, error.hint].filter(Boolean).join('\n');
	const n = /attachments(?:\.|\[)(\d+)/.exec(said)?.[1];
	if (n !== undefined && Number(n) < list.length) return Number(n);
	let quoted: number | undefined;
	list.forEach((a, i) => {
		if (said.includes(a.storage_path) && (quoted === undefined || a.storage_path.length > list[quoted].storage_path.length)) quoted = i;
	});
	if (quoted !== undefined) return quoted;
	if (list.length === 1) return 0;
	if (code === 'attachment_outside_folder') {
		const i = list.findIndex((a) => !insideOrganisationFolder(a.storage_path, ctx.organisation));
		if (i >= 0) return i;
	}
	if (code === 'attachment_already_attached') {
		const attached = new Set(await ctx.lookups.attachedPaths(list.map((a) => a.storage_path)));
		const i = list.findIndex((a) => attached.has(a.storage_path));
		if (i >= 0) return i;
	}
	return undefined;
}

async function fieldRefusal(code: string, error: RpcError, ctx: Context): Promise<Outcome> {
	const { status, target } = FIELD[code];
	let field: string;
	if (typeof target === 'string') field = target;
	else {
		const i = await attachmentIndex(code, error, ctx);
		field = i === undefined ? 'attachments' : target.attachment ? `attachments.${i}.${target.attachment}` : `attachments.${i}`;
	}
	return { kind: 'refused', status, code: status === 400 ? 'invalid_input' : code, issues: [{ field, code }] };
}

/** Fields of the ticket a tickets_<column>_check constraint may be about. */
const TICKET_COLUMNS = new Set(['subject', 'description', 'impact', 'environment', 'steps', 'affected_user', 'source_article', 'idempotency_key', 'version']);

export async function classify(error: RpcError, ctx: Context): Promise<Outcome> {
	const state = error.code ?? '';
	const message = error.message ?? '';

	// The project's own codes: private.fail(code, detail, state, field) — the code is the message,
	// whatever the state (P0001; 42501 for who may not; PT404 for not found).
	if (Object.hasOwn(FIELD, message)) return fieldRefusal(message, error, ctx);
	if (Object.hasOwn(STATUS, message)) return { kind: 'refused', status: STATUS[message], code: message };
	if (/^(P0|PT)/.test(state)) {
		// PostgREST answers PTxyz with HTTP status xyz; P0002 (no_data_found) is how not-found was raised before.
		const status = /^PT4\d\d$/.test(state) ? Number(state.slice(2)) : state === 'P0002' ? 404 : 0;
		if (status && /^[a-z_]+$/.test(message)) return { kind: 'refused', status, code: message };
		return { kind: 'unexpected' };
	}

	const { name, columns } = constraintOf(error);
	switch (state) {
		case '23503': {
			// foreign_key_violation: a product or a product's version that does not exist.
			if (name === 'tickets_product_id_version_fkey' || (columns.includes('product_id') && columns.includes('version'))) {
				const product = ctx.input.product_id;
				const known = product !== undefined && (await ctx.lookups.productExists(product));
				return fieldRefusal(known ? 'invalid_version' : 'invalid_product', error, ctx);
			}
			if (name === 'tickets_product_id_fkey' || (columns.length === 1 && columns[0] === 'product_id')) return fieldRefusal('invalid_product', error, ctx);
			if (name === 'tickets_programme_id_severity_key_fkey') return fieldRefusal('invalid_severity', error, ctx);
			return { kind: 'unexpected' };
		}
		case '23505': {
			// unique_violation: a file that is already some ticket's, or the same draft sent twice at once.
			if (name === 'ticket_attachments_storage_path_key' || (columns.length === 1 && columns[0] === 'storage_path')) {
				return fieldRefusal('attachment_already_attached', error, ctx);
			}
			// Anything else stays what it was: the same draft sent twice at once (requester + idempotency
			// key); the caller returns the ticket the other submission created, or fails if there is none.
			return { kind: 'idempotency_race' };
		}
		case '23514': {
			// check_violation: a limit the schema should have caught first.
			if (name === 'ticket_attachments_size_bytes_check') return fieldRefusal('attachment_too_large', error, ctx);
			if (name === 'ticket_attachments_file_name_check') return fieldRefusal('invalid_file_name', error, ctx);
			if (name === 'ticket_messages_body_check') return { kind: 'refused', status: 400, code: 'invalid_input', issues: [{ field: 'description', code: 'invalid' }] };
			const column = /^tickets_(\w+)_check$/.exec(name)?.[1];
			if (column && TICKET_COLUMNS.has(column)) return { kind: 'refused', status: 400, code: 'invalid_input', issues: [{ field: column, code: 'invalid' }] };
			return { kind: 'unexpected' };
		}
		default:
			return { kind: 'unexpected' };
	}
}
