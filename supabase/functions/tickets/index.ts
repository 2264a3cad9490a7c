// POST /functions/v1/tickets — opens a ticket for the signed-in caller. The body is the ticket form
// (_shared/ticket-input.ts, the schema the island validates with); the function checks who the caller
// is, computes the SLA due times with the shared engine from the very instant the ticket opens, and
// stores ticket, first message, attachments, events and notifications in one transaction through the
// service-role-only create_ticket RPC (which re-checks membership, authorized contact, contract and
// quota, and that each attachment is an object the requester uploaded to the organisation's folder).
// The opening itself (programme, due times, create_ticket) is _shared/open-ticket.ts, which the
// inbound-email function uses too. A retry with the same idempotency key returns the ticket created
// the first time. Every refusal is a 4xx naming the field at fault (refusals.ts); only our own faults
// are a 500.
import { createClient, type SupabaseClient as UntypedClient } from 'npm:@supabase/supabase-js@2';
import type { Database } from '../_shared/database.types.ts';
import { fieldIssues, parseTicketInput, type TicketInput } from '../_shared/ticket-input.ts';
import { classify, type Lookups } from './refusals.ts';
import { loadOrganisation, loadProgramme, openTicket, ticketByIdempotencyKey, ticketIssues } from '../_shared/open-ticket.ts';
import { formatInstant } from '../_shared/email/format.ts';
import { fail, json, preflight } from '../_shared/function-http.ts';

/** The client typed by the generated schema types. */
type SupabaseClient = UntypedClient<Database>;

const env = (name: string) => {
	const value = Deno.env.get(name);
	if (!value) throw new Error(`${name} is not set`);
	return value;
};

const service = createClient<Database>(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), { auth: { persistSession: false, autoRefreshToken: false } });

/** What refusals.ts may look up to name the field at fault. */
const lookups: Lookups = {
	async productExists(id) {
		const { data, error } = await service.from('products').select('id').eq('id', id).maybeSingle();
		if (error) throw new Error(`products: ${error.message}`);
		return data !== null;
	},
	async attachedPaths(paths) {
		const { data, error } = await service.from('ticket_attachments').select('storage_path').in('storage_path', paths);
		if (error) throw new Error(`ticket_attachments: ${error.message}`);
		return (data ?? []).map((a) => a.storage_path as string);
	},
};

async function caller(req: Request): Promise<{ id: string; locale: 'es' | 'en' } | undefined> {
	const authorization = req.headers.get('authorization');
	if (!authorization) return undefined;
	const asCaller = createClient<Database>(env('SUPABASE_URL'), env('SUPABASE_ANON_KEY'), {
		global: { headers: { Authorization: authorization } },
		auth: { persistSession: false, autoRefreshToken: false },
	});
	const { data, error } = await asCaller.auth.getUser();
	if (error || !data.user) return undefined;
	const locale = data.user.user_metadata?.locale === 'en' ? 'en' : 'es';
	return { id: data.user.id, locale };
}

/** Who may open tickets for the organisation, for a member who may not: names and roles only (a
 * colleague's e-mail address is theirs and support's, as organisation_contacts says). */
async function authorizedContacts(db: SupabaseClient, organisation: string) {
	const { data } = await db.from('memberships').select('role, profiles(full_name)').eq('organisation_id', organisation).in('role', ['authorized_contact', 'coordinator']);
	return (data ?? []).map((m: any) => ({ name: m.profiles?.full_name?.trim() || null, role: m.role }));
}

/** The day a used-up monthly quota renews, as the database counts it: my_ticket_quota answers from
 * the one quota window (private.quota_window) create_ticket refused by. */
async function quotaRenewsOn(organisation: string): Promise<string | null> {
	const { data, error } = await service.rpc('my_ticket_quota', { organisation });
	const renewsOn = (data as { renews_on: string }[] | null)?.[0]?.renews_on;
	// The refusal stands without the date: the form says the quota is used up, without when it renews.
	if (error || !renewsOn) {
		console.error('my_ticket_quota', error?.message ?? 'no answer');
		return null;
	}
	return renewsOn;
}

function ticketView(t: any, timezone: string, lang: 'es' | 'en', created: boolean) {
	const words = (at: string | null) => (at ? formatInstant(at, lang, timezone) : null);
	return {
		/** false when this was a retry of a submission that had already opened the ticket. */
		created,
		ticket: {
			id: t.id,
			number: Number(t.number),
			organisation_id: t.organisation_id,
			status: t.status,
			severity: t.severity_key,
			subject: t.subject,
			created_at: t.created_at,
			first_response_due_at: t.first_response_due_at,
			next_escalation_due_at: t.next_escalation_due_at,
			resolution_due_at: t.resolution_due_at,
		},
		due: {
			timezone,
			first_response: t.first_response_due_at,
			first_response_text: words(t.first_response_due_at),
			resolution: t.resolution_due_at,
			resolution_text: words(t.resolution_due_at),
		},
	};
}

async function createTicket(req: Request, user: { id: string; locale: 'es' | 'en' }, input: TicketInput): Promise<Response> {
	const { data: memberships, error: mErr } = await service.from('memberships').select('organisation_id').eq('user_id', user.id);
	if (mErr) throw new Error(mErr.message);
	const mine = (memberships ?? []).map((m) => m.organisation_id as string);
	const organisationId = input.organisation_id ?? (mine.length === 1 ? mine[0] : undefined);
	if (!organisationId) return mine.length ? fail(req, 400, 'organisation_required', { organisations: mine }) : fail(req, 403, 'not_a_member');
	if (!mine.includes(organisationId)) return fail(req, 403, 'not_a_member');

	const org = await loadOrganisation(service, organisationId);
	if (!org) return fail(req, 404, 'organisation_not_found');
	const programme = await loadProgramme(service, org.programme_id);
	// What the function can tell without the database: the severity is one of the plan's, and each file
	// lies in this organisation's folder (the schema only knows it is some organisation's).
	const { attachments, organisation_id: _, ...fields } = input;
	const issues = ticketIssues({ organisation: org, programme, severity: input.severity, attachments });
	if (issues.length) return fail(req, 400, 'invalid_input', { issues });

	const { ticket, created, error } = await openTicket(service, { organisation: org, programme, requesterId: user.id, channel: 'web', fields, attachments });
	if (error) {
		const outcome = await classify(error, { input, organisation: organisationId, lookups });
		if (outcome.kind === 'idempotency_race') {
			// Two submissions of the same draft raced: the other one created it.
			const existing = await ticketByIdempotencyKey(service, user.id, input.idempotency_key);
			if (existing) return json(req, ticketView(existing, org.timezone, user.locale, false), 200);
		}
		if (outcome.kind !== 'refused') throw new Error(`create_ticket: ${error.code} ${error.message} ${error.details ?? ''}`);
		const { status, code, issues } = outcome;
		if (issues) return fail(req, status, code, { issues });
		if (code === 'not_authorized_contact') return fail(req, status, code, { contacts: await authorizedContacts(service, organisationId) });
		if (code === 'quota_exceeded') return fail(req, status, code, { renews_on: await quotaRenewsOn(organisationId), detail: error.details });
		// plan_period_ended's detail is the last day the plan was included (may_open_ticket).
		if (code === 'plan_period_ended') return fail(req, status, code, { ended_on: error.details ?? null });
		return fail(req, status, code, { detail: error.details ?? null });
	}
	return json(req, ticketView(ticket, org.timezone, user.locale, created), created ? 201 : 200);
}

Deno.serve(async (req) => {
	if (req.method === 'OPTIONS') return preflight(req);
	if (req.method !== 'POST') return fail(req, 405, 'method_not_allowed');
	try {
		const user = await caller(req);
		if (!user) return fail(req, 401, 'not_signed_in');
		let body: unknown;
		try {
			body = await req.json();
		} catch {
			return fail(req, 400, 'invalid_json');
		}
		const parsed = parseTicketInput(body);
		if (!parsed.success) return fail(req, 400, 'invalid_input', { issues: fieldIssues(parsed.error) });
		return await createTicket(req, user, parsed.data);
	} catch (e) {
		console.error('tickets:', e);
		return fail(req, 500, 'internal_error');
	}
});
