// The tenant boundary through the API as an attacker would try it with supabase-js: plain REST writes
// that would skip the membership and invitation functions, reads of staff-only ticket fields, of other
// people's e-mail addresses and of comment authors, and the answers the functions give instead (4xx
// with a stable code, never a 5xx). Runs against the local stand-in and, unchanged, against a real
// Supabase (see global-setup.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { anonClient, serviceClient, signedInUser, type TestUser } from './client.ts';

const P = `tb${randomUUID().slice(0, 8)}`;
const ARTICLE = `tenant/${P}`;

let service: SupabaseClient;
let coord: TestUser;
let member: TestUser;
let contact: TestUser;
let outsider: TestUser;
let other: TestUser;
let agent: TestUser;
let orgA: string;
let orgB: string;
let ticket: string;
let invitation: string;

async function organisation(name: string, plan = 'estandar'): Promise<string> {
	const { data, error } = await service
		.from('organisations')
		.insert({ name: `${name} ${P}`, programme_id: 'estandar-extendido', plan_id: plan, contract_start: '2026-01-01', timezone: 'America/Mexico_City' })
		.select('id')
		.single();
	expect(error).toBeNull();
	return data!.id;
}

beforeAll(async () => {
	service = serviceClient();
	[coord, member, contact, outsider, other, agent] = await Promise.all([
		signedInUser('tb-coord', { full_name: 'Carla Coordinadora' }),
		signedInUser('tb-member', { full_name: 'Mario Miembro' }),
		signedInUser('tb-contact', { full_name: 'Celia Contacto' }),
		signedInUser('tb-outsider', { full_name: 'Óscar Ajeno' }),
		signedInUser('tb-other', { full_name: 'Olga Otra' }),
		signedInUser('tb-agent', { full_name: 'Ana Agente' }),
	]);
	orgA = await organisation('Tenant A');
	orgB = await organisation('Tenant B', 'extendido');
	const members = await service.from('memberships').insert([
		{ organisation_id: orgA, user_id: coord.id, role: 'coordinator' },
		{ organisation_id: orgA, user_id: member.id, role: 'member' },
		{ organisation_id: orgA, user_id: contact.id, role: 'authorized_contact' },
		{ organisation_id: orgB, user_id: other.id, role: 'member' },
	]);
	expect(members.error).toBeNull();
	expect((await service.from('staff').insert({ user_id: agent.id, role: 'agent', level: 1 })).error).toBeNull();
	const t = await service.rpc('create_ticket', {
		ticket: { requester_id: contact.id, organisation_id: orgA, severity: 'P3', subject: 'Frontera', description: 'Un ticket de la organización A' },
	});
	expect(t.error).toBeNull();
	ticket = t.data.id;
	expect((await agent.client.rpc('assign_ticket', { ticket, assignee: agent.id })).error).toBeNull();
	const code = await coord.client.rpc('create_invitation', { organisation: orgA });
	expect(code.error).toBeNull();
	invitation = (await coord.client.from('invitations').select('id').eq('organisation_id', orgA).single()).data!.id;
	expect((await service.from('articles').insert({ slug: ARTICLE, title: 'Frontera', lang: 'es' })).error).toBeNull();
});

afterAll(async () => {
	if (!service) return;
	await service.from('article_comments').delete().eq('article_slug', ARTICLE);
	await service.from('articles').delete().eq('slug', ARTICLE);
	for (const org of [orgA, orgB]) if (org) await service.from('organisations').delete().eq('id', org);
	for (const u of [coord, member, contact, outsider, other, agent]) if (u) await service.auth.admin.deleteUser(u.id);
});

describe('memberships: no REST write skips the functions', () => {
	it('a coordinator cannot promote a member by PATCH', async () => {
		const { error, status } = await coord.client.from('memberships').update({ role: 'coordinator' }).eq('organisation_id', orgA).eq('user_id', member.id);
		expect(status).toBe(403);
		expect(error).toMatchObject({ code: '42501' });
	});

	it('a coordinator cannot insert any user id into their organisation', async () => {
		const { error, status } = await coord.client.from('memberships').insert({ organisation_id: orgA, user_id: outsider.id, role: 'member' });
		expect(status).toBe(403);
		expect(error).toMatchObject({ code: '42501' });
		expect((await service.from('memberships').select('user_id').eq('user_id', outsider.id)).data).toEqual([]);
	});

	it("a coordinator cannot move a membership to another person or organisation", async () => {
		for (const change of [{ user_id: outsider.id }, { organisation_id: orgB }]) {
			const { status } = await coord.client.from('memberships').update(change).eq('organisation_id', orgA).eq('user_id', member.id);
			expect(status).toBe(403);
		}
		expect((await service.from('memberships').select('organisation_id').eq('user_id', member.id)).data).toEqual([{ organisation_id: orgA }]);
	});

	it('a coordinator cannot delete memberships by DELETE', async () => {
		const { status } = await coord.client.from('memberships').delete().eq('organisation_id', orgA).eq('user_id', member.id);
		expect(status).toBe(403);
	});

	it('a coordinator cannot make a coordinator through the function either: 403 with the code', async () => {
		const { error, status } = await coord.client.rpc('set_membership_role', { organisation: orgA, member: member.id, role: 'coordinator' });
		expect(status).toBe(403);
		expect(error).toMatchObject({ code: '42501', message: 'coordinator_role_admin_only' });
	});

	it('a member cannot remove a colleague: 404, as if there were no such membership', async () => {
		const { error, status } = await member.client.rpc('remove_member', { organisation: orgA, member: coord.id });
		expect(status).toBe(404);
		expect(error).toMatchObject({ code: 'PT404', message: 'membership_not_found' });
	});

	it('a member of B cannot remove a person of A', async () => {
		const { status } = await other.client.rpc('remove_member', { organisation: orgA, member: member.id });
		expect(status).toBe(404);
	});

	it('a coordinator may not add an existing account (admins only): 403', async () => {
		const { error, status } = await coord.client.rpc('add_member', { organisation: orgA, email: outsider.email });
		expect(status).toBe(403);
		expect(error).toMatchObject({ message: 'admin_only' });
	});
});

describe('invitations: only revoke_invitation changes them', () => {
	it('a coordinator cannot un-revoke, refill or extend an invitation by PATCH', async () => {
		const { status } = await coord.client.from('invitations').update({ revoked_at: null, uses: 0, max_uses: null, expires_at: '2100-01-01T00:00:00Z' }).eq('id', invitation);
		expect(status).toBe(403);
	});

	it("a coordinator cannot replace an invitation's code hash, nor read it", async () => {
		expect((await coord.client.from('invitations').update({ code_hash: '\\x00' }).eq('id', invitation)).status).toBe(403);
		const read = await coord.client.from('invitations').select('code_hash').eq('id', invitation);
		expect(read.status).toBe(403);
		expect(read.error).toMatchObject({ code: '42501' });
	});

	it('a coordinator reads what they need and revokes through the function', async () => {
		const list = await coord.client.from('invitations').select('id, role, uses, max_uses, expires_at, revoked_at').eq('organisation_id', orgA);
		expect(list.data).toHaveLength(1);
		const revoked = await coord.client.rpc('revoke_invitation', { invitation });
		expect(revoked.error).toBeNull();
		expect(revoked.data.revoked_at).not.toBeNull();
		expect(revoked.data.code_hash).toBeNull();
	});

	it("another organisation's invitation is not found: 404", async () => {
		const { error, status } = await other.client.rpc('revoke_invitation', { invitation });
		expect(status).toBe(404);
		expect(error).toMatchObject({ code: 'PT404', message: 'invitation_not_found' });
	});
});

describe('profiles: e-mail addresses are the person\'s and staff\'s', () => {
	it("a coordinator reads no colleague's profile row, so no colleague's e-mail", async () => {
		const { data, error } = await coord.client.from('profiles').select('id, email').in('id', [member.id, contact.id, outsider.id, agent.id]);
		expect(error).toBeNull();
		expect(data).toEqual([]);
	});

	it('each person reads their own e-mail', async () => {
		expect((await member.client.from('profiles').select('email').eq('id', member.id).single()).data).toEqual({ email: member.email });
	});

	it("colleagues' display names, without e-mails; nothing of outsiders or staff", async () => {
		const { data, error } = await member.client.rpc('display_names', { people: [coord.id, contact.id, outsider.id, agent.id, other.id] });
		expect(error).toBeNull();
		expect(new Map((data as { id: string; name: string }[]).map((r) => [r.id, r.name]))).toEqual(
			new Map([
				[coord.id, 'Carla Coordinadora'],
				[contact.id, 'Celia Contacto'],
			]),
		);
		expect(JSON.stringify(data)).not.toContain('@');
	});

	it('staff read profiles with e-mail', async () => {
		expect((await agent.client.from('profiles').select('email').eq('id', member.id).single()).data).toEqual({ email: member.email });
	});
});

describe('tickets: staff-only fields', () => {
	it('a customer reads their ticket without the staff-only fields', async () => {
		const { data, error } = await member.client.from('tickets').select('id, subject, status').eq('id', ticket);
		expect(error).toBeNull();
		expect(data).toEqual([{ id: ticket, subject: 'Frontera', status: 'new' }]);
	});

	it.each(['assignee_id', 'level', 'problem_id', '*'])('a customer asking for %s is refused with 403', async (column) => {
		const { error, status } = await contact.client.from('tickets').select(column).eq('id', ticket);
		expect(status).toBe(403);
		expect(error).toMatchObject({ code: '42501' });
	});

	it('nor can they learn the assignee by filtering on it', async () => {
		const { status } = await contact.client.from('tickets').select('id').eq('assignee_id', agent.id);
		expect(status).toBe(403);
	});

	it('the queue gives a customer nothing, and staff the assignee', async () => {
		expect((await contact.client.from('agent_queue').select('id, assignee_id')).data).toEqual([]);
		const { data, error } = await agent.client.from('agent_queue').select('assignee_id, assignee_name, level').eq('id', ticket).single();
		expect(error).toBeNull();
		expect(data).toEqual({ assignee_id: agent.id, assignee_name: 'Ana Agente', level: 1 });
	});

	it('a customer reads the public message count, not the note count or the last message time (staff-only)', async () => {
		expect((await agent.client.rpc('agent_reply', { ticket, body: 'Nota interna de frontera', action: 'note' })).error).toBeNull();
		const own = await contact.client.from('tickets').select('public_messages').eq('id', ticket).single();
		expect(own.error).toBeNull();
		expect(own.data).toEqual({ public_messages: 1 });
		expect((await contact.client.from('ticket_staff_fields').select('internal_notes, last_message_at').eq('ticket_id', ticket)).data).toEqual([]);
		expect((await contact.client.from('agent_queue').select('internal_notes, last_message_at').eq('id', ticket)).data).toEqual([]);
		const staff = await agent.client.from('agent_queue').select('public_messages, internal_notes').eq('id', ticket).single();
		expect(staff.data).toEqual({ public_messages: 1, internal_notes: 1 });
	});

	it('the search finds a ticket for its organisation only', async () => {
		expect((await contact.client.rpc('search_tickets', { q: 'Frontera' })).data).toEqual([ticket]);
		expect((await other.client.rpc('search_tickets', { q: 'Frontera' })).data).toEqual([]);
		expect((await anonClient().rpc('search_tickets', { q: 'Frontera' })).status).toBe(401);
	});

	it("a customer sees no 'assigned' event", async () => {
		const { data } = await contact.client.from('ticket_events').select('kind').eq('ticket_id', ticket);
		expect(data!.map((e) => e.kind)).not.toContain('assigned');
	});
});

describe('article comments: names, not ids', () => {
	it('a signed-in reader comments on a published article', async () => {
		const { error } = await member.client.rpc('post_comment', { article: ARTICLE, body: 'Me sirvió' });
		expect(error).toBeNull();
	});

	it("anonymous readers get the author's display name from the thread and no user id from the table", async () => {
		const anon = anonClient();
		const thread = await anon.rpc('article_comment_thread', { article: ARTICLE });
		expect(thread.error).toBeNull();
		expect(thread.data).toEqual([expect.objectContaining({ body: 'Me sirvió', author_name: 'Mario Miembro', mine: false })]);
		expect(JSON.stringify(thread.data)).not.toContain(member.id);
		const ids = await anon.from('article_comments').select('author_id').eq('article_slug', ARTICLE);
		expect(ids.status).toBe(401);
		expect(ids.error).toMatchObject({ code: '42501' });
	});

	it("a signed-in reader gets no author id either (anyone may sign up); staff moderate with names", async () => {
		expect((await outsider.client.from('article_comments').select('author_id').eq('article_slug', ARTICLE)).status).toBe(403);
		const { data, error } = await agent.client.rpc('comments_for_moderation').select('body, author_name, author_email').eq('article_slug', ARTICLE);
		expect(error).toBeNull();
		expect(data).toEqual([{ body: 'Me sirvió', author_name: 'Mario Miembro', author_email: member.email }]);
		expect((await outsider.client.rpc('comments_for_moderation').eq('article_slug', ARTICLE)).data).toEqual([]);
	});

	it('who hid a comment is not readable through the API', async () => {
		expect((await agent.client.from('article_comments').select('hidden_by').eq('article_slug', ARTICLE)).status).toBe(403);
	});

	it('an article that does not exist is 404, an overlong slug 400', async () => {
		const missing = await member.client.rpc('post_comment', { article: `tenant/${P}-no`, body: 'x' });
		expect(missing.status).toBe(404);
		expect(missing.error).toMatchObject({ code: 'PT404', message: 'article_not_found', hint: 'article' });
		const long = await anonClient().rpc('vote_article', { article: 'a'.repeat(10_000), helpful: true, anon_key: `k-${randomUUID()}` });
		expect(long.status).toBe(400);
		expect(long.error).toMatchObject({ code: 'P0001', message: 'invalid_article' });
	});
});

describe('leaving', () => {
	it('a member leaves; the coordinator removes a member; both through remove_member', async () => {
		const left = await member.client.rpc('remove_member', { organisation: orgA, member: member.id });
		expect(left.error).toBeNull();
		expect((await member.client.from('tickets').select('id')).data).toEqual([]);
		const removed = await coord.client.rpc('remove_member', { organisation: orgA, member: contact.id });
		expect(removed.error).toBeNull();
		expect((await service.from('memberships').select('user_id').eq('organisation_id', orgA)).data).toEqual([{ user_id: coord.id }]);
	});
});
