// Everything the ticket workspace shows, read as the signed-in agent (staff see internal notes, files
// and events under RLS): the ticket's queue row, its whole thread with both kinds of messages, every
// attachment, the event log (which also feeds the in-browser SLA preview), the names of the people in
// it, the organisation's contract and authorized contacts, the linked problem and the open problems.
import type { SupabaseClient } from '../../lib/supabase.ts';
import { QUEUE_COLUMNS, type QueueTicket } from './ticket-types.ts';
import type { TicketAttachment, TicketEventRow, TicketMessage } from '../shared/ticket/types.ts';
import type { OrganisationRow } from '../shared/organisation.ts';
import { failureOf, UNAVAILABLE, type BackendError, type Failure } from '../shared/backend.ts';

type Visibility = 'public' | 'internal';

export interface Message extends TicketMessage {
	visibility: Visibility;
}

export interface Attachment extends TicketAttachment {
	visibility: Visibility;
}

export interface TicketEvent extends TicketEventRow {
	actor_id: string | null;
	visibility: Visibility;
}

export interface Organisation extends OrganisationRow {
	go_live: string | null;
}

export interface Contact {
	user_id: string;
	role: 'authorized_contact' | 'coordinator';
	name: string;
	email: string | null;
}

export interface Problem {
	id: string;
	title: string;
	description: string;
	status: 'open' | 'known_error' | 'resolved';
	kb_article: string | null;
	created_at: string;
	resolved_at: string | null;
}

export interface TicketDetails {
	description: string;
	impact: string | null;
	steps: string | null;
	affected_user: string | null;
	source_article: string | null;
	/** What the customer searched for and read in the visit before filing (record_ticket_trail); null: nothing sent. */
	trail: { searches: string[]; articles: { slug: string; title: string }[] } | null;
}

export interface Workspace {
	ticket: QueueTicket;
	details: TicketDetails;
	messages: Message[];
	attachments: Attachment[];
	events: TicketEvent[];
	/** Display names by profile id. */
	names: Record<string, string>;
	/** Profile ids of support staff among the authors. */
	staffIds: Set<string>;
	organisation: Organisation | null;
	contacts: Contact[];
	problem: Problem | null;
	openProblems: Problem[];
}

export type WorkspaceLoad = { ok: true; data: Workspace } | { ok: false; notFound: true } | (Failure & { notFound: false });

/** ?t=<number>: the ticket number, null without one, NaN when it is not a number. */
export function ticketNumberIn(search: string): number | null {
	const n = new URLSearchParams(search).get('t');
	if (n === null || n.trim() === '') return null;
	return /^\d{1,12}$/.test(n.trim()) ? Number(n.trim()) : Number.NaN;
}

const PROBLEM_COLUMNS = 'id, title, description, status, kb_article, created_at, resolved_at';

/** The ticket's reader trail with the articles' titles; null when none was sent or it cannot be read. */
async function loadTrail(client: SupabaseClient, ticketId: string): Promise<TicketDetails['trail']> {
	const found = await client.from('ticket_trails').select('searches, articles').eq('ticket_id', ticketId).maybeSingle();
	const row = found.data as { searches: string[]; articles: string[] } | null;
	if (found.error || !row) return null;
	const titles = new Map<string, string>();
	if (row.articles.length) {
		const read = await client.from('articles').select('slug, title').in('slug', row.articles);
		for (const a of (read.data ?? []) as { slug: string; title: string }[]) titles.set(a.slug, a.title);
	}
	return { searches: row.searches, articles: row.articles.map((slug) => ({ slug, title: titles.get(slug) ?? slug })) };
}

export async function loadWorkspace(client: SupabaseClient, number: number): Promise<WorkspaceLoad> {
	if (!Number.isSafeInteger(number)) return { ok: false, notFound: true };
	const fail = (r: { error: BackendError | null; status?: number }): WorkspaceLoad => ({ ...failureOf(r.error!, r.status), notFound: false });
	try {
		const found = await client.from('agent_queue').select(QUEUE_COLUMNS).eq('number', number).maybeSingle();
		if (found.error) return fail(found);
		if (!found.data) return { ok: false, notFound: true };
		const ticket = found.data as QueueTicket;

		// The trail (null on any failure) rides along: the workspace polls, so no extra round trip.
		const [details, messages, attachments, events, organisation, contacts, problems, trail] = await Promise.all([
			client.from('tickets').select('description, impact, steps, affected_user, source_article').eq('id', ticket.id).single(),
			client.from('ticket_messages').select('id, author_id, visibility, body, created_at').eq('ticket_id', ticket.id).order('created_at').order('id'),
			client
				.from('ticket_attachments')
				.select('id, message_id, storage_path, file_name, mime_type, size_bytes, visibility')
				.eq('ticket_id', ticket.id)
				.order('created_at')
				.order('file_name'),
			client.from('ticket_events').select('id, kind, data, at, actor_id, actor_kind, visibility').eq('ticket_id', ticket.id).order('id'),
			client.from('organisations').select('id, name, programme_id, plan_id, contract_start, contract_end, go_live, timezone').eq('id', ticket.organisation_id).maybeSingle(),
			client
				.from('memberships')
				.select('user_id, role, profile:profiles(full_name, email)')
				.eq('organisation_id', ticket.organisation_id)
				.in('role', ['authorized_contact', 'coordinator']),
			client.from('problems').select(PROBLEM_COLUMNS).neq('status', 'resolved').order('created_at', { ascending: false }).limit(200),
			loadTrail(client, ticket.id),
		]);
		const failed = [details, messages, attachments, events, organisation, contacts, problems].find((r) => r.error);
		if (failed) return fail(failed);

		let problem: Problem | null = null;
		if (ticket.problem_id) {
			const p = await client.from('problems').select(PROBLEM_COLUMNS).eq('id', ticket.problem_id).maybeSingle();
			if (p.error) return fail(p);
			problem = (p.data as Problem | null) ?? null;
		}

		const thread = (messages.data ?? []) as Message[];
		const log = (events.data ?? []) as TicketEvent[];
		const people = new Set<string>([ticket.requester_id]);
		for (const m of thread) if (m.author_id) people.add(m.author_id);
		const names: Record<string, string> = {};
		const staffIds = new Set<string>();
		const [profiles, staff] = await Promise.all([
			client.from('profiles').select('id, full_name, email').in('id', [...people]),
			client.from('staff').select('user_id').in('user_id', [...people]),
		]);
		for (const p of (profiles.data ?? []) as { id: string; full_name: string | null; email: string | null }[]) {
			const name = p.full_name?.trim() || p.email;
			if (name) names[p.id] = name;
		}
		for (const s of (staff.data ?? []) as { user_id: string }[]) staffIds.add(s.user_id);

		type ContactRow = { user_id: string; role: Contact['role']; profile: { full_name: string | null; email: string | null } | null };
		const contactList = ((contacts.data ?? []) as ContactRow[])
			.map((c) => ({ user_id: c.user_id, role: c.role, name: c.profile?.full_name?.trim() || c.profile?.email || c.user_id, email: c.profile?.email ?? null }))
			.sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'coordinator' ? -1 : 1));

		return {
			ok: true,
			data: {
				ticket: { ...ticket, public_messages: Number(ticket.public_messages), internal_notes: Number(ticket.internal_notes) },
				details: { ...(details.data as Omit<TicketDetails, 'trail'>), trail },
				messages: thread,
				attachments: (attachments.data ?? []) as Attachment[],
				events: log,
				names,
				staffIds,
				organisation: (organisation.data as Organisation | null) ?? null,
				contacts: contactList,
				problem,
				openProblems: (problems.data ?? []) as Problem[],
			},
		};
	} catch {
		return { ...UNAVAILABLE, notFound: false };
	}
}
