// The comment thread the article widget reads (article_comment_thread): which comments each caller
// gets, the author's display name without their e-mail, the staff flag, and what the widget may
// offer (edit until the window closes, hide for staff). Cases run in order over one database.
import { describe, expect, it } from 'vitest';
import { anon, testDb, type Actor } from './harness.ts';
import { createOrganisation, createPerson } from './fixtures.ts';

const db = await testDb();
type User = Actor & { id: string };

const ARTICLE = 'base-de-conocimiento/indice-desactualizado';
const OTHER = 'guias/integracion-ldap';

async function named(org: string | null, name: string | null, staff?: string): Promise<User> {
	const u = await createPerson(db, org, 'member', staff);
	await db.admin.query('update public.profiles set full_name = $2 where id = $1', [u.id, name]);
	return u;
}

const orgA = await createOrganisation(db, 'Organización A', 'estandar');
const orgB = await createOrganisation(db, 'Organización B', 'extendido');
const ana = await named(orgA, 'Ana Pérez');
const nameless = await named(orgA, null);
const bruno = await named(orgB, 'Bruno Díaz');
const agent = await named(null, 'Carla Agente', 'agent');

const post = async (who: User, body: string, article = ARTICLE): Promise<string> => (await db.as(who, 'select id from public.post_comment($1, $2)', [article, body]))[0].id;
const thread = (who: Actor, article = ARTICLE) => db.as(who, 'select * from public.article_comment_thread($1)', [article]);

const first = await post(ana, 'Primero <script>alert(1)</script>\nsegunda línea');
const second = await post(nameless, 'Sin nombre');
const third = await post(agent, 'Respuesta del equipo');
await post(bruno, 'En otro artículo', OTHER);
// Oldest first, whatever the insertion timing.
await db.admin.query(`update public.article_comments set created_at = now() - interval '3 minutes' where id = $1`, [first]);
await db.admin.query(`update public.article_comments set created_at = now() - interval '2 minutes' where id = $1`, [second]);
await db.admin.query(`update public.article_comments set created_at = now() - interval '1 minute' where id = $1`, [third]);

describe('reading the thread', () => {
	it('anon reads the visible comments of that article only, oldest first, with names and the staff flag', async () => {
		const rows = await thread(anon);
		expect(rows.map((r) => [r.id, r.body, r.author_name, r.author_is_staff])).toEqual([
			[first, 'Primero <script>alert(1)</script>\nsegunda línea', 'Ana Pérez', false],
			[second, 'Sin nombre', null, false],
			[third, 'Respuesta del equipo', 'Carla Agente', true],
		]);
		expect(rows.every((r) => r.mine === null || r.mine === false)).toBe(true);
		expect(rows.every((r) => r.editable_until === null && r.moderator === false)).toBe(true);
	});

	it('never returns an e-mail address', async () => {
		const rows = await thread(bruno);
		expect(JSON.stringify(rows)).not.toContain('@');
	});

	it('the author sees their comment as theirs, editable for 15 minutes after posting', async () => {
		const rows = await thread(ana);
		const mine = rows.find((r) => r.id === first)!;
		expect(mine.mine).toBe(true);
		const { rows: stored } = await db.admin.query('select created_at from public.article_comments where id = $1', [first]);
		expect(mine.editable_until.getTime() - stored[0].created_at.getTime()).toBe(15 * 60_000);
		expect(rows.filter((r) => r.id !== first).every((r) => r.mine === false && r.editable_until === null)).toBe(true);
	});

	it('staff are told they moderate; customers are not', async () => {
		expect((await thread(agent)).every((r) => r.moderator === true)).toBe(true);
		expect((await thread(bruno)).every((r) => r.moderator === false)).toBe(true);
	});

	it('an article without comments gives an empty thread', async () => {
		expect(await thread(anon, 'guias/usuarios-y-permisos')).toEqual([]);
	});
});

describe('hidden comments', () => {
	it('once hidden, others no longer get it; its author and staff do, marked hidden and not editable', async () => {
		await db.as(agent, 'select public.hide_comment($1)', [first]);
		for (const who of [anon, bruno, nameless]) expect((await thread(who)).map((r) => r.id)).toEqual([second, third]);
		const own = (await thread(ana)).find((r) => r.id === first)!;
		expect(own.hidden_at).not.toBeNull();
		expect(own.editable_until).toBeNull();
		expect(own.author_name).toBe('Ana Pérez');
		expect((await thread(agent)).map((r) => r.id)).toEqual([first, second, third]);
	});

	it('the name helper gives nothing for a comment the caller may not read', async () => {
		expect(await db.as(anon, 'select * from private.comment_author($1)', [first])).toEqual([]);
		expect(await db.as(agent, 'select * from private.comment_author($1)', [first])).toEqual([{ name: 'Ana Pérez', staff: false, mine: false }]);
	});

	it('shown again, everyone gets it back', async () => {
		await db.as(agent, 'select public.hide_comment($1, false)', [first]);
		expect((await thread(anon)).map((r) => r.id)).toEqual([first, second, third]);
	});
});

describe('privileges', () => {
	it('the thread is security invoker and callable by the API roles', async () => {
		const { rows } = await db.admin.query(
			`select p.prosecdef, has_function_privilege('anon', p.oid, 'execute') as anon, has_function_privilege('authenticated', p.oid, 'execute') as authenticated
			from pg_proc p where p.oid = 'public.article_comment_thread(text)'::regprocedure`,
		);
		expect(rows).toEqual([{ prosecdef: false, anon: true, authenticated: true }]);
	});
});
