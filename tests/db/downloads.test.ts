// Downloads: who may publish versions, see the catalogue, download each visibility (public, members,
// contract), read the log, and read or write files in the private `downloads` bucket. Cases run in
// order over one database; later cases see what earlier ones did.
import { describe, expect, it } from 'vitest';
import { anon, testDb, type Actor } from './harness.ts';
import { createOrganisation, createPerson } from './fixtures.ts';

const db = await testDb();
type User = Actor & { id: string };

const organisation = (name: string, plan: string, start = '2026-01-01', end: string | null = null) =>
	createOrganisation(db, name, plan, 'estandar-extendido', start, end);
const person = (org: string | null, role?: string, staff?: string) => createPerson(db, org, role, staff);
async function item(slug: string, kind: string, visibility: string, product: string | null): Promise<string> {
	const { rows } = await db.admin.query(
		`insert into public.download_items (slug, name, kind, visibility, product_id) values ($1, $1, $2, $3, $4) returning id`,
		[slug, kind, visibility, product],
	);
	return rows[0].id;
}

const orgA = await organisation('Organización A', 'estandar');
const orgB = await organisation('Organización B', 'extendido');
// A customer whose contract ended last year: still a member of an organisation, no contract in force.
const orgC = await organisation('Organización C', 'estandar', '2025-01-01', '2025-12-31');
const memberA = await person(orgA);
const contactA = await person(orgA, 'authorized_contact');
const coordA = await person(orgA, 'coordinator');
const memberB = await person(orgB);
const expired = await person(orgC, 'authorized_contact');
const outsider = await person(null);
const agent = await person(null, 'member', 'agent');
const admin = await person(null, 'member', 'admin');

const items = {
	public: await item('visor-pdf', 'tool', 'public', null),
	members: await item('manual-administrador', 'document', 'members', 'quetzal-docs'),
	contract: await item('quetzal-docs-servidor', 'software', 'contract', 'quetzal-docs'),
};
type Visibility = keyof typeof items;
const path = (v: Visibility, version = '1.0') => `${items[v]}/${version}/setup.zip`;
await db.admin.query(`insert into storage.objects (bucket_id, name) values ('downloads', $1), ('downloads', $2), ('downloads', $3), ('downloads', $4)`, [
	path('public'),
	path('public', '1.1'),
	path('members'),
	path('contract'),
]);
const versions = { public: '', members: '', contract: '' };
const SHA = 'a'.repeat(64);
const DENIED = 'permission denied';
const count = db.count;
const message = db.message;
const PUBLISH = 'select * from public.publish_download_version($1, $2, $3, $4, $5, $6)';

describe('publishing versions', () => {
	it('an agent publishes the first version of each item', async () => {
		for (const v of Object.keys(items) as Visibility[]) {
			const [row] = await db.as(agent, PUBLISH, [items[v], '1.0', 'Primera versión', path(v), SHA, 1048576]);
			expect(row).toMatchObject({ item_id: items[v], version: '1.0', storage_path: path(v), sha256: SHA, published_by: agent.id, support_status: 'current' });
			versions[v] = row.id;
		}
	});

	it('an admin publishes a version with its support status', async () => {
		const [row] = await db.as(admin, 'select * from public.publish_download_version($1, $2, $3, $4, $5, $6, $7)', [items.public, '1.1', '', path('public', '1.1'), 'b'.repeat(64), 2048, 'supported']);
		expect(row).toMatchObject({ published_by: admin.id, support_status: 'supported' });
	});

	it.each([
		['a member of A', memberA],
		['an authorized contact of A', contactA],
		['a coordinator of A', coordA],
		['a member of B', memberB],
	])('%s cannot publish', async (_, actor) => {
		expect(await message(actor, PUBLISH, [items.public, '9.9', '', `${items.public}/9.9/x.zip`, SHA, 1])).toBe('staff_only');
	});

	it('anon cannot call publish_download_version', async () => {
		expect(await db.fails(anon, PUBLISH, [items.public, '9.9', '', `${items.public}/9.9/x.zip`, SHA, 1])).toMatchObject({ code: '42501' });
	});

	it('a version is published once', async () => {
		expect(await message(agent, PUBLISH, [items.public, '1.0', 'Otra vez', `${items.public}/1.0/otra.zip`, SHA, 1])).toBe('version_exists');
		const { rows } = await db.admin.query('select count(*)::int as n from public.download_versions where item_id = $1', [items.public]);
		expect(rows[0].n).toBe(2);
	});

	it('refuses a checksum that is not a SHA-256', async () => {
		expect(await db.fails(agent, PUBLISH, [items.public, '2.0', '', `${items.public}/2.0/x.zip`, 'no-es-un-hash', 1])).not.toBeNull();
	});

	it('nobody writes versions or the log directly, and customers do not write the catalogue', async () => {
		expect(await db.fails(coordA, `insert into public.download_items (slug, name, kind, visibility) values ('x', 'x', 'tool', 'public')`)).toMatchObject({ code: '42501' });
		expect(await message(agent, `insert into public.download_versions (item_id, version, storage_path, sha256, size_bytes) values ($1, '3.0', 'x/y', $2, 1)`, [items.public, SHA])).toContain(DENIED);
		expect(await message(memberA, `update public.download_versions set sha256 = $1`, ['c'.repeat(64)])).toContain(DENIED);
		expect(await message(admin, 'delete from public.download_versions')).toContain(DENIED);
	});
});

describe('the catalogue', () => {
	it('anon sees the public item and the metadata of its versions', async () => {
		const rows = await db.as(anon, 'select version, sha256, size_bytes, support_status from public.download_versions where item_id = $1 order by version', [items.public]);
		expect(rows.map((r) => r.version)).toEqual(['1.0', '1.1']);
		expect(await count(anon, 'select * from public.download_items where id = $1', [items.public])).toBe(1);
	});

	it.each([
		['a member of A', memberA],
		['a member of B', memberB],
		['an agent', agent],
	])('%s sees every item and version', async (_, actor) => {
		expect(await count(actor, 'select * from public.download_items')).toBe(3);
		expect(await count(actor, 'select * from public.download_versions')).toBe(4);
	});
});

describe('record_download: who may download what', () => {
	const allowed: [string, Visibility, Actor][] = [
		['anon', 'public', anon],
		['someone in no organisation', 'public', outsider],
		['a member of an organisation without a contract in force', 'public', expired],
		['a member of A', 'public', memberA],
		['a member of A', 'members', memberA],
		['an authorized contact of A', 'members', contactA],
		['a coordinator of A', 'members', coordA],
		['a member of B', 'members', memberB],
		['a member of an organisation without a contract in force', 'members', expired],
		['an agent', 'members', agent],
		['a member of A', 'contract', memberA],
		['a coordinator of A', 'contract', coordA],
		['a member of B', 'contract', memberB],
		['an agent', 'contract', agent],
		['an admin', 'contract', admin],
	];
	it.each(allowed)('%s downloads a %s item and gets its file', async (_, v, actor) => {
		expect(await db.as(actor, 'select public.record_download($1) as path', [versions[v]])).toEqual([{ path: path(v) }]);
	});

	const refused: [string, Visibility, Actor][] = [
		['anon', 'members', anon],
		['anon', 'contract', anon],
		['someone in no organisation', 'members', outsider],
		['someone in no organisation', 'contract', outsider],
		['a member of an organisation without a contract in force', 'contract', expired],
	];
	it.each(refused)('%s cannot download a %s item', async (_, v, actor) => {
		expect(await db.fails(actor, 'select public.record_download($1)', [versions[v]])).toMatchObject({ message: 'not_allowed', code: '42501' });
	});

	it('a version that does not exist is not found', async () => {
		expect(await message(memberA, 'select public.record_download(gen_random_uuid())')).toBe('version_not_found');
	});

	it('logs each download with who made it (nobody, for anon) and nothing for a refusal', async () => {
		const { rows } = await db.admin.query(
			`select l.user_id, i.visibility from public.download_log l join public.download_versions v on v.id = l.version_id join public.download_items i on i.id = v.item_id`,
		);
		expect(rows).toHaveLength(allowed.length);
		expect(rows).toContainEqual({ user_id: null, visibility: 'public' });
		expect(rows.filter((r) => r.user_id === outsider.id)).toEqual([{ user_id: outsider.id, visibility: 'public' }]);
	});
});

describe('the download log', () => {
	it.each([
		['a member of A', memberA, 3],
		['a member of B', memberB, 2],
		['someone in no organisation', outsider, 1],
	])('%s reads only their own downloads', async (_, actor, n) => {
		const rows = await db.as(actor, 'select user_id from public.download_log');
		expect(rows).toHaveLength(n);
		expect(new Set(rows.map((r) => r.user_id))).toEqual(new Set([actor.id]));
	});

	it.each([
		['an agent', agent],
		['an admin', admin],
	])('%s reads every download', async (_, actor) => {
		expect(await count(actor, 'select * from public.download_log')).toBe(15);
	});

	it('anon cannot read the log', async () => {
		expect(await message(anon, 'select * from public.download_log')).toContain(DENIED);
	});

	it('nobody writes the log directly', async () => {
		expect(await message(memberA, 'insert into public.download_log (version_id, user_id) values ($1, $2)', [versions.public, memberA.id])).toContain(DENIED);
		expect(await message(agent, 'delete from public.download_log')).toContain(DENIED);
	});
});

describe('storage: the downloads bucket', () => {
	it('is private', async () => {
		const { rows } = await db.admin.query(`select public from storage.buckets where id = 'downloads'`);
		expect(rows).toEqual([{ public: false }]);
	});

	it.each([
		['anon', anon, [path('public'), path('public', '1.1')]],
		['someone in no organisation', outsider, [path('public'), path('public', '1.1')]],
		['a member of an organisation without a contract in force', expired, [path('public'), path('public', '1.1'), path('members')]],
		['a member of A', memberA, [path('public'), path('public', '1.1'), path('members'), path('contract')]],
		['a coordinator of A', coordA, [path('public'), path('public', '1.1'), path('members'), path('contract')]],
		['a member of B', memberB, [path('public'), path('public', '1.1'), path('members'), path('contract')]],
		['an agent', agent, [path('public'), path('public', '1.1'), path('members'), path('contract')]],
	])('%s reads exactly the files they may download', async (_, actor, names) => {
		const rows = await db.as(actor, `select name from storage.objects where bucket_id = 'downloads'`);
		expect(rows.map((r) => r.name).sort()).toEqual([...names].sort());
	});

	it.each([
		['anon', anon],
		['a member of A', memberA],
		['an authorized contact of A', contactA],
		['a coordinator of A', coordA],
		['a member of B', memberB],
	])('%s cannot upload a file', async (_, actor) => {
		expect(await db.fails(actor, `insert into storage.objects (bucket_id, name) values ('downloads', $1)`, [`${items.public}/2.0/setup.zip`])).toMatchObject({ code: '42501' });
	});

	it.each([
		['an agent', agent, '2.0'],
		['an admin', admin, '2.1'],
	])('%s uploads a file', async (_, actor, version) => {
		expect(await count(actor, `insert into storage.objects (bucket_id, name) values ('downloads', $1) returning id`, [path('public', version)])).toBe(1);
	});

	it('a coordinator deletes nothing; an agent deletes a file', async () => {
		expect(await count(coordA, `delete from storage.objects where bucket_id = 'downloads' returning id`)).toBe(0);
		expect(await count(anon, `delete from storage.objects where bucket_id = 'downloads' returning id`)).toBe(0);
		expect(await count(agent, `delete from storage.objects where name = $1 returning id`, [path('public', '2.0')])).toBe(1);
		const { rows } = await db.admin.query(`select count(*)::int as n from storage.objects where bucket_id = 'downloads'`);
		expect(rows[0].n).toBe(5);
	});
});
