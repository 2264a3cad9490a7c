// Article comments and feedback: who may post, edit, hide, vote and read, the 15-minute edit window,
// hiding, and the anonymous vote limits. Cases run in order over one database; later cases see what
// earlier ones did.
import { describe, expect, it } from 'vitest';
import { anon, service, testDb, type Actor } from './harness.ts';
import { createOrganisation, createPerson, publishArticles, range } from './fixtures.ts';

const db = await testDb();
await publishArticles(db, [...range(7, (i) => `guias/articulo-${i}`), ...range(6, (i) => `guias/limite-${i}`)]);
type User = Actor & { id: string };

const organisation = (name: string, plan: string) => createOrganisation(db, name, plan);
const person = (org: string | null, role?: string, staff?: string) => createPerson(db, org, role, staff);

const orgA = await organisation('Organización A', 'estandar');
const orgB = await organisation('Organización B', 'extendido');
const memberA = await person(orgA);
const contactA = await person(orgA, 'authorized_contact');
const coordA = await person(orgA, 'coordinator');
const memberB = await person(orgB);
const agent = await person(null, 'member', 'agent');
const admin = await person(null, 'member', 'admin');

const ARTICLE = 'guias/integracion-ldap';
const DENIED = 'permission denied';
const count = db.count;
const message = db.message;

let comment = '';

describe('posting comments', () => {
	it('a member of A posts a comment, stored as written (plain text, not sanitised)', async () => {
		const body = 'Usa <b>LDAPS</b> & el puerto 636 <script>alert(1)</script>';
		const [c] = await db.as(memberA, 'select * from public.post_comment($1, $2)', [ARTICLE, body]);
		expect(c).toMatchObject({ article_slug: ARTICLE, author_id: memberA.id, body, edited_at: null, hidden_at: null });
		comment = c.id;
	});

	it.each([
		['an authorized contact of A', contactA],
		['a coordinator of A', coordA],
		['a member of B', memberB],
		['an agent', agent],
		['an admin', admin],
	])('%s posts a comment', async (_, actor) => {
		const [c] = await db.as(actor, `select * from public.post_comment($1, 'Me sirvió, gracias.')`, [ARTICLE]);
		expect(c.author_id).toBe(actor.id);
	});

	it('anon cannot post', async () => {
		expect(await db.fails(anon, `select public.post_comment($1, 'Hola')`, [ARTICLE])).toMatchObject({ code: '42501' });
	});

	it('the service role, being nobody, cannot post', async () => {
		expect(await message(service, `select public.post_comment($1, 'Hola')`, [ARTICLE])).toBe('not_signed_in');
	});

	it('refuses a malformed article slug and a body over 5000 characters', async () => {
		expect(await db.fails(memberA, `select public.post_comment('Guías/LDAP', 'x')`)).not.toBeNull();
		expect(await db.fails(memberA, 'select public.post_comment($1, $2)', [ARTICLE, 'x'.repeat(5001)])).not.toBeNull();
		expect(await db.fails(memberA, 'select public.post_comment($1, $2)', [ARTICLE, 'x'.repeat(5000)])).toBeNull();
	});

	it('nobody writes comments directly, not even staff', async () => {
		expect(await message(memberA, `insert into public.article_comments (article_slug, author_id, body) values ($1, $2, 'x')`, [ARTICLE, memberA.id])).toContain(DENIED);
		expect(await message(anon, `insert into public.article_comments (article_slug, author_id, body) values ($1, $2, 'x')`, [ARTICLE, memberA.id])).toContain(DENIED);
		expect(await message(agent, `update public.article_comments set body = 'x'`)).toContain(DENIED);
		expect(await message(admin, 'delete from public.article_comments')).toContain(DENIED);
	});

	it('anon reads every visible comment', async () => {
		expect(await count(anon, 'select id from public.article_comments where article_slug = $1', [ARTICLE])).toBe(7);
	});
});

describe('editing comments', () => {
	it('the author edits within 15 minutes, and the edit is stamped', async () => {
		const [c] = await db.as(memberA, `select * from public.edit_comment($1, 'Usa LDAPS (puerto 636).')`, [comment]);
		expect(c.body).toBe('Usa LDAPS (puerto 636).');
		expect(c.edited_at).not.toBeNull();
	});

	it.each([
		['an authorized contact of A', contactA],
		['a coordinator of A', coordA],
		['a member of B', memberB],
		['an agent', agent],
		['an admin', admin],
	])("%s cannot edit someone else's comment", async (_, actor) => {
		expect(await message(actor, `select public.edit_comment($1, 'Otro texto')`, [comment])).toBe('not_author');
	});

	it('anon cannot call edit_comment', async () => {
		expect(await db.fails(anon, `select public.edit_comment($1, 'x')`, [comment])).toMatchObject({ code: '42501' });
	});

	it('closes the edit window 15 minutes after posting', async () => {
		const [c] = await db.as(contactA, `select * from public.post_comment($1, 'Primera versión')`, [ARTICLE]);
		await db.admin.query(`update public.article_comments set created_at = now() - interval '14 minutes' where id = $1`, [c.id]);
		expect(await db.fails(contactA, `select public.edit_comment($1, 'Segunda versión')`, [c.id])).toBeNull();
		await db.admin.query(`update public.article_comments set created_at = now() - interval '16 minutes' where id = $1`, [c.id]);
		expect(await message(contactA, `select public.edit_comment($1, 'Tercera versión')`, [c.id])).toBe('edit_window_closed');
		const { rows } = await db.admin.query('select body from public.article_comments where id = $1', [c.id]);
		expect(rows[0].body).toBe('Segunda versión');
	});
});

describe('hiding comments', () => {
	it.each([
		['a member of A', memberA],
		['an authorized contact of A', contactA],
		['a coordinator of A', coordA],
		['a member of B', memberB],
	])('%s cannot hide a comment', async (_, actor) => {
		expect(await message(actor, 'select public.hide_comment($1)', [comment])).toBe('staff_only');
	});

	it('anon cannot call hide_comment', async () => {
		expect(await db.fails(anon, 'select public.hide_comment($1)', [comment])).toMatchObject({ code: '42501' });
	});

	it('an agent hides a comment, recording who and when', async () => {
		const [c] = await db.as(agent, 'select * from public.hide_comment($1)', [comment]);
		expect(c.hidden_at).not.toBeNull();
		expect(c.hidden_by).toBe(agent.id);
	});

	it.each([
		['anon', anon],
		['a coordinator of the author’s organisation', coordA],
		['a member of B', memberB],
	])('%s no longer sees the hidden comment', async (_, actor) => {
		expect(await count(actor, 'select id from public.article_comments where id = $1', [comment])).toBe(0);
	});

	it.each([
		['its author', memberA],
		['an agent', agent],
		['an admin', admin],
	])('%s still sees the hidden comment', async (_, actor) => {
		expect(await count(actor, 'select id from public.article_comments where id = $1', [comment])).toBe(1);
	});

	it('the author cannot edit a hidden comment, even within the window', async () => {
		expect(await message(memberA, `select public.edit_comment($1, 'x')`, [comment])).toBe('comment_hidden');
	});

	it('an admin shows it again, and anon sees it', async () => {
		const [c] = await db.as(admin, 'select * from public.hide_comment($1, false)', [comment]);
		expect(c).toMatchObject({ hidden_at: null, hidden_by: null });
		expect(await count(anon, 'select id from public.article_comments where id = $1', [comment])).toBe(1);
	});
});

describe('votes from signed-in readers', () => {
	it('a member of A votes, and voting again changes the vote instead of adding one', async () => {
		await db.as(memberA, 'select public.vote_article($1, true)', [ARTICLE]);
		await db.as(memberA, `select public.vote_article($1, false, 'Falta el puerto')`, [ARTICLE]);
		const { rows } = await db.admin.query('select helpful, reason from public.article_votes where user_id = $1', [memberA.id]);
		expect(rows).toEqual([{ helpful: false, reason: 'Falta el puerto' }]);
	});

	it.each([
		['an authorized contact of A', contactA],
		['a coordinator of A', coordA],
		['a member of B', memberB],
		['an agent', agent],
	])('%s votes', async (_, actor) => {
		expect(await db.fails(actor, 'select public.vote_article($1, true)', [ARTICLE])).toBeNull();
	});

	it.each([
		['a member of A', memberA],
		['a coordinator of A (not a colleague’s vote)', coordA],
		['a member of B', memberB],
	])('%s reads only their own vote', async (_, actor) => {
		const rows = await db.as(actor, 'select user_id from public.article_votes');
		expect(rows).toEqual([{ user_id: actor.id }]);
	});

	it.each([
		['an agent', agent],
		['an admin', admin],
	])('%s reads every vote', async (_, actor) => {
		expect(await count(actor, 'select * from public.article_votes where article_slug = $1', [ARTICLE])).toBe(5);
	});

	it('anon cannot read raw votes', async () => {
		expect(await message(anon, 'select * from public.article_votes')).toContain(DENIED);
	});

	it('nobody writes votes directly', async () => {
		expect(await message(memberA, `insert into public.article_votes (article_slug, user_id, helpful) values ($1, $2, true)`, [ARTICLE, memberA.id])).toContain(DENIED);
		expect(await message(anon, `insert into public.article_votes (article_slug, anon_key, helpful) values ($1, 'k-0123456789abcdef', true)`, [ARTICLE])).toContain(DENIED);
		expect(await message(agent, 'update public.article_votes set helpful = true')).toContain(DENIED);
		expect(await message(admin, 'delete from public.article_votes')).toContain(DENIED);
	});

	it('a reason has at most 500 characters', async () => {
		expect(await db.fails(memberB, 'select public.vote_article($1, false, $2)', [ARTICLE, 'x'.repeat(501)])).not.toBeNull();
		expect(await db.fails(memberB, 'select public.vote_article($1, false, $2)', [ARTICLE, 'x'.repeat(500)])).toBeNull();
	});

	it('signed-in readers are not held to the anonymous limits', async () => {
		for (let i = 0; i < 7; i++) await db.as(contactA, 'select public.vote_article($1, true)', [`guias/articulo-${i}`]);
		expect(await count(contactA, 'select * from public.article_votes')).toBe(8);
	});
});

describe('anonymous votes', () => {
	const key = 'sesion-0123456789abcdef';

	it('need the key the site computes', async () => {
		expect(await message(anon, 'select public.vote_article($1, true)', [ARTICLE])).toBe('anon_key_required');
	});

	it('are one per article a day per key; another key still votes', async () => {
		expect(await db.fails(anon, 'select public.vote_article($1, true, null, $2)', [ARTICLE, key])).toBeNull();
		expect(await message(anon, 'select public.vote_article($1, false, null, $2)', [ARTICLE, key])).toBe('rate_limited');
		expect(await db.fails(anon, 'select public.vote_article($1, true, null, $2)', [ARTICLE, 'sesion-fedcba9876543210'])).toBeNull();
		const { rows } = await db.admin.query('select user_id from public.article_votes where anon_key = $1', [key]);
		expect(rows).toEqual([{ user_id: null }]);
	});

	it('may vote on the same article again the next day', async () => {
		await db.admin.query(`update public.article_votes set created_at = now() - interval '25 hours' where anon_key = $1`, [key]);
		expect(await db.fails(anon, 'select public.vote_article($1, false, null, $2)', [ARTICLE, key])).toBeNull();
	});

	it('are five an hour per key across articles, and more after the hour', async () => {
		const k = 'sesion-limite-por-hora';
		for (let i = 0; i < 5; i++) await db.as(anon, 'select public.vote_article($1, true, null, $2)', [`guias/limite-${i}`, k]);
		expect(await message(anon, 'select public.vote_article($1, true, null, $2)', ['guias/limite-5', k])).toBe('rate_limited');
		expect((await db.admin.query('select count(*)::int as n from public.article_votes where anon_key = $1', [k])).rows[0].n).toBe(5);
		await db.admin.query(`update public.article_votes set created_at = now() - interval '2 hours' where anon_key = $1`, [k]);
		expect(await db.fails(anon, 'select public.vote_article($1, true, null, $2)', ['guias/limite-5', k])).toBeNull();
	});
});

describe('the public feedback summary', () => {
	it.each([
		['anon', anon],
		['a member of B', memberB],
		['an agent', agent],
	])('%s reads the helpful and not-helpful counts', async (_, actor) => {
		// Signed in: contactA, coordA, agent yes; memberA, memberB (changed) no. Anonymous: yes, yes, no.
		const rows = await db.as(actor, 'select helpful::int, not_helpful::int from public.article_feedback_summary($1)', [ARTICLE]);
		expect(rows).toEqual([{ helpful: 5, not_helpful: 3 }]);
	});

	it('counts nothing for an article without votes', async () => {
		expect(await db.as(anon, `select helpful::int, not_helpful::int from public.article_feedback_summary('guias/sin-votos')`)).toEqual([{ helpful: 0, not_helpful: 0 }]);
	});
});
