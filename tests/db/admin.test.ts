// The admin RPCs (supabase/migrations/20261121001500_admin.sql): registering download items, alert
// notifications to the organisations an alert concerns, creating organisations, revoking invitation
// codes and setting roles within the plan's limit of authorized contacts. Cases run in order over one
// database; later cases see what earlier ones did.
import { describe, expect, it } from 'vitest';
import { anon, testDb } from './harness.ts';
import { createOrganisation, createPerson, createTicket } from './fixtures.ts';

const db = await testDb();
const { message } = db;
const DENIED = 'permission denied';

const orgA = await createOrganisation(db, 'Cliente A');
const orgB = await createOrganisation(db, 'Cliente B', 'extendido');
const orgC = await createOrganisation(db, 'Cliente C');
const memberA = await createPerson(db, orgA);
const contactA = await createPerson(db, orgA, 'authorized_contact', undefined, 'en');
const coordA = await createPerson(db, orgA, 'coordinator');
const memberB = await createPerson(db, orgB);
const contactC = await createPerson(db, orgC, 'authorized_contact');
const agent = await createPerson(db, null, 'member', 'agent');
const lead = await createPerson(db, null, 'member', 'lead');
const admin = await createPerson(db, null, 'member', 'admin');

const ITEM = 'select * from public.create_download_item($1, $2, $3, $4, $5, $6)';
const ORG = 'select * from public.create_organisation($1, $2, $3, $4, $5, $6)';
const ROLE = 'select * from public.set_membership_role($1, $2, $3)';
const ALERT = 'select * from public.publish_alert_notification($1, $2, $3, $4, $5, $6, $7, $8)';
const alert = (extra: Partial<{ product: string | null; versions: string[]; orgs: string[] | null; resolved: boolean; titleEn: string | null; slug: string }> = {}) => [
	extra.slug ?? 'alertas/vulnerabilidad-critica-visor-de-documentos',
	'QZ-2026-07: vulnerabilidad crítica en el visor',
	'critical',
	extra.product === undefined ? 'quetzal-docs' : extra.product,
	extra.versions ?? ['4.2', '5.0'],
	extra.orgs ?? null,
	extra.resolved ?? false,
	extra.titleEn ?? null,
];
const queued = async (slug: string, state: string) =>
	(
		await db.admin.query(
			`select recipient_user_id, locale, payload from public.notifications where template = 'alert_published' and payload->>'article' = $1 and payload->>'state' = $2 order by recipient_user_id`,
			[slug, state],
		)
	).rows;

describe('registering download items', () => {
	it('an agent registers an item, its slug tidied', async () => {
		const [row] = await db.as(agent, ITEM, ['  Servidor-Docs ', ' Quetzal Docs servidor ', 'software', 'contract', 'quetzal-docs', 'El instalador.']);
		expect(row).toMatchObject({ slug: 'servidor-docs', name: 'Quetzal Docs servidor', kind: 'software', visibility: 'contract', product_id: 'quetzal-docs', description: 'El instalador.' });
	});

	it('an item with no product', async () => {
		const [row] = await db.as(admin, ITEM, ['visor-pdf', 'Visor PDF', 'tool', 'public', null, '']);
		expect(row).toMatchObject({ slug: 'visor-pdf', product_id: null });
	});

	it.each([
		['a taken slug', ['servidor-docs', 'Otro', 'software', 'public', null, ''], 'download_slug_taken'],
		['a slug with spaces', ['mi archivo', 'X', 'software', 'public', null, ''], 'invalid_slug'],
		['a slug ending in a dash', ['archivo-', 'X', 'software', 'public', null, ''], 'invalid_slug'],
		['an empty name', ['archivo', '  ', 'software', 'public', null, ''], 'invalid_name'],
		['an unknown kind', ['archivo', 'X', 'video', 'public', null, ''], 'invalid_kind'],
		['an unknown visibility', ['archivo', 'X', 'software', 'everyone', null, ''], 'invalid_visibility'],
		['an unknown product', ['archivo', 'X', 'software', 'public', 'no-existe', ''], 'product_not_found'],
	])('refuses %s', async (_, args, code) => {
		expect(await message(agent, ITEM, args)).toBe(code);
	});

	it.each([
		['a member', memberA],
		['a coordinator', coordA],
	])('%s cannot register items', async (_, who) => {
		expect(await message(who, ITEM, ['archivo', 'X', 'software', 'public', null, ''])).toBe('staff_only');
	});

	it('anon cannot call it', async () => {
		expect(await message(anon, ITEM, ['archivo', 'X', 'software', 'public', null, ''])).toContain(DENIED);
	});
});

describe('creating organisations', () => {
	let created: string;

	it('an admin creates one with its plan and contract; the zone defaults to the programme’s', async () => {
		const [row] = await db.as(admin, ORG, [' Municipio de Tlalpan ', 'estandar-extendido', 'extendido', '2026-12-01', '2027-11-30', null]);
		expect(row).toMatchObject({ name: 'Municipio de Tlalpan', programme_id: 'estandar-extendido', plan_id: 'extendido', timezone: 'America/Mexico_City' });
		expect(row.contract_start.toISOString().slice(0, 10)).toBe('2026-12-01');
		created = row.id;
		expect(await db.count(admin, 'select 1 from public.organisations where id = $1', [created])).toBe(1);
	});

	it('with a zone of its own', async () => {
		const [row] = await db.as(admin, ORG, ['Gobierno de Bogotá', 'estandar-extendido', 'estandar', '2026-01-01', null, 'America/Bogota']);
		expect(row).toMatchObject({ timezone: 'America/Bogota', contract_end: null });
	});

	it.each([
		['the same name again (any case)', ['municipio de tlalpan', 'estandar-extendido', 'estandar', '2026-01-01', null, null], 'organisation_exists'],
		['an unknown plan', ['Otro', 'estandar-extendido', 'oro', '2026-01-01', null, null], 'plan_not_found'],
		['an unknown programme', ['Otro', 'no-existe', 'estandar', '2026-01-01', null, null], 'plan_not_found'],
		['an end before the start', ['Otro', 'estandar-extendido', 'estandar', '2026-05-01', '2026-04-30', null], 'invalid_contract_dates'],
		['no start', ['Otro', 'estandar-extendido', 'estandar', null, null, null], 'contract_start_required'],
		['an unknown time zone', ['Otro', 'estandar-extendido', 'estandar', '2026-01-01', null, 'Mars/Olympus'], 'invalid_timezone'],
		['an empty name', ['   ', 'estandar-extendido', 'estandar', '2026-01-01', null, null], 'invalid_name'],
	])('refuses %s', async (_, args, code) => {
		expect(await message(admin, ORG, args)).toBe(code);
	});

	it.each([
		['an agent', agent],
		['a lead', lead],
		['a coordinator', coordA],
	])('%s cannot create organisations', async (_, who) => {
		expect(await message(who, ORG, ['Otra', 'estandar-extendido', 'estandar', '2026-01-01', null, null])).toBe('admin_only');
	});

	it('anon cannot call it', async () => {
		expect(await message(anon, ORG, ['Otra', 'estandar-extendido', 'estandar', '2026-01-01', null, null])).toContain(DENIED);
	});
});

describe('invitations and roles', () => {
	let org: string;
	let code: string;
	let invitation: string;
	const joiners: { id: string; role: string }[] = [];

	it('an admin issues a code for a new organisation and a new user joins with it', async () => {
		[{ id: org }] = await db.as(admin, ORG, ['Notaría 12', 'estandar-extendido', 'estandar', '2026-01-01', null, null]);
		[{ code }] = await db.as(admin, `select public.create_invitation($1, 'member', 14, 10) as code`, [org]);
		expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
		[{ id: invitation }] = await db.as(admin, 'select id from public.invitations where organisation_id = $1', [org]);
		for (let i = 0; i < 3; i++) {
			const u = await db.user();
			const [{ joined }] = await db.as(u, 'select public.join_organisation($1) as joined', [code.toLowerCase()]);
			expect(joined).toBe(org);
			joiners.push({ id: u.id, role: 'member' });
		}
	});

	it('the admin makes two of them authorized contacts, the plan’s limit', async () => {
		for (const j of joiners.slice(0, 2)) {
			const [row] = await db.as(admin, ROLE, [org, j.id, 'authorized_contact']);
			expect(row).toMatchObject({ organisation_id: org, user_id: j.id, role: 'authorized_contact' });
		}
	});

	it('a third is refused with the plan’s limit, and stays a member', async () => {
		expect(await db.fails(admin, ROLE, [org, joiners[2].id, 'authorized_contact'])).toEqual({ message: 'authorized_contacts_limit', code: 'P0001' });
		expect(await db.fails(admin, ROLE, [org, joiners[2].id, 'coordinator'])).toMatchObject({ message: 'authorized_contacts_limit' });
		const { rows } = await db.admin.query('select role from public.memberships where organisation_id = $1 and user_id = $2', [org, joiners[2].id]);
		expect(rows).toEqual([{ role: 'member' }]);
	});

	it('setting the same role again is harmless; making one a member frees a place', async () => {
		expect((await db.as(admin, ROLE, [org, joiners[0].id, 'authorized_contact']))[0].role).toBe('authorized_contact');
		await db.as(admin, ROLE, [org, joiners[0].id, 'member']);
		expect((await db.as(admin, ROLE, [org, joiners[2].id, 'coordinator']))[0].role).toBe('coordinator');
	});

	it('a coordinator manages contacts of their organisation but not coordinators', async () => {
		const coordinator = { role: 'authenticated' as const, id: joiners[2].id };
		expect((await db.as(coordinator, ROLE, [org, joiners[1].id, 'member']))[0].role).toBe('member');
		expect((await db.as(coordinator, ROLE, [org, joiners[0].id, 'authorized_contact']))[0].role).toBe('authorized_contact');
		expect(await message(coordinator, ROLE, [org, joiners[0].id, 'coordinator'])).toBe('coordinator_role_admin_only');
		expect(await message(coordinator, ROLE, [org, joiners[2].id, 'member'])).toBe('coordinator_role_admin_only');
	});

	it.each([
		['a member of the organisation', () => ({ role: 'authenticated' as const, id: joiners[1].id })],
		['a coordinator of another', () => coordA],
		['an agent', () => agent],
	])('%s cannot set roles', async (_, who) => {
		expect(await message(who(), ROLE, [org, joiners[0].id, 'member'])).toBe('not_allowed');
	});

	it('refuses an unknown role and someone who is not a member', async () => {
		expect(await message(admin, ROLE, [org, joiners[0].id, 'owner'])).toBe('invalid_role');
		expect(await message(admin, ROLE, [org, memberA.id, 'member'])).toBe('membership_not_found');
	});

	it('a coordinator of another organisation cannot revoke its codes: not found', async () => {
		expect(await message(coordA, 'select public.revoke_invitation($1)', [invitation])).toBe('invitation_not_found');
		expect(await message(agent, 'select public.revoke_invitation($1)', [invitation])).toBe('invitation_not_found');
	});

	it('the admin revokes the code; nobody joins with it after; revoking twice keeps the first time', async () => {
		const [first] = await db.as(admin, 'select * from public.revoke_invitation($1)', [invitation]);
		expect(first.revoked_at).toBeInstanceOf(Date);
		const late = await db.user();
		expect(await message(late, 'select public.join_organisation($1)', [code])).toBe('invitation_revoked');
		const [again] = await db.as(admin, 'select * from public.revoke_invitation($1)', [invitation]);
		expect(again.revoked_at).toEqual(first.revoked_at);
	});

	it('a coordinator revokes a code of their own organisation', async () => {
		const [{ code: c }] = await db.as(coordA, `select public.create_invitation($1) as code`, [orgA]);
		const { rows } = await db.admin.query('select id from public.invitations where code_hash = extensions.digest($1, $2)', [c, 'sha256']);
		const [row] = await db.as(coordA, 'select * from public.revoke_invitation($1)', [rows[0].id]);
		expect(row.revoked_at).not.toBeNull();
	});

	it('an unknown invitation, and anon', async () => {
		expect(await message(admin, 'select public.revoke_invitation($1)', ['00000000-0000-0000-0000-000000000000'])).toBe('invitation_not_found');
		expect(await message(anon, 'select public.revoke_invitation($1)', [invitation])).toContain(DENIED);
		expect(await message(anon, ROLE, [org, joiners[0].id, 'member'])).toContain(DENIED);
	});
});

describe('alert notifications', () => {
	const slug = 'alertas/vulnerabilidad-critica-visor-de-documentos';

	it('set-up: A has a ticket about Docs 5.0, C one about 5.1; a member of B downloaded Docs 5.0.7', async () => {
		await createTicket(db, orgA, contactA.id, { version: '5.0' });
		await createTicket(db, orgC, contactC.id, { version: '5.1' });
		const { rows: [item] } = await db.admin.query(`insert into public.download_items (slug, name, kind, visibility, product_id) values ('docs-parche', 'Parche', 'software', 'contract', 'quetzal-docs') returning id`);
		const { rows: [version] } = await db.admin.query(
			`insert into public.download_versions (item_id, version, storage_path, sha256, size_bytes) values ($1, '5.0.7', $2, $3, 10) returning id`,
			[item.id, `${item.id}/5.0.7/parche.zip`, 'c'.repeat(64)],
		);
		await db.admin.query('insert into public.download_log (version_id, user_id) values ($1, $2)', [version.id, memberB.id]);
	});

	it('an agent tells the organisations the product and versions concern: every member of A and B, once', async () => {
		const [notice] = await db.as(agent, ALERT, alert({ titleEn: 'QZ-2026-07: critical flaw in the viewer' }));
		expect(notice).toMatchObject({ article_slug: slug, state: 'published', severity: 'critical', product_id: 'quetzal-docs', versions: ['4.2', '5.0'], audience: 'affected', recipients: 4, sent_by: agent.id });
		expect([...notice.organisation_ids].sort()).toEqual([orgA, orgB].sort());
		const rows = await queued(slug, 'published');
		expect(rows.map((r) => r.recipient_user_id).sort()).toEqual([memberA.id, contactA.id, coordA.id, memberB.id].sort());
		expect(rows.find((r) => r.recipient_user_id === contactA.id)).toMatchObject({
			locale: 'en',
			payload: {
				article: slug,
				title: { es: 'QZ-2026-07: vulnerabilidad crítica en el visor', en: 'QZ-2026-07: critical flaw in the viewer' },
				severity: 'critical',
				state: 'published',
				product: 'Quetzal Docs',
				versions: ['4.2', '5.0'],
			},
		});
	});

	it('sending it again queues nobody twice, and is recorded', async () => {
		const [notice] = await db.as(agent, ALERT, alert());
		expect(notice.recipients).toBe(0);
		expect(await queued(slug, 'published')).toHaveLength(4);
		expect(await db.count(agent, 'select 1 from public.alert_notices where article_slug = $1', [slug])).toBe(2);
	});

	it('no versions: any version of the product (C too)', async () => {
		const [notice] = await db.as(lead, ALERT, alert({ versions: [], slug: 'alertas/otra' }));
		expect([...notice.organisation_ids].sort()).toEqual([orgA, orgB, orgC].sort());
		expect(notice.recipients).toBe(5);
	});

	it('resolving tells them again, as resolved', async () => {
		const [notice] = await db.as(agent, ALERT, alert({ resolved: true }));
		expect(notice).toMatchObject({ state: 'resolved', recipients: 4 });
		expect((await queued(slug, 'resolved')).every((r) => r.payload.state === 'resolved' && r.payload.title === 'QZ-2026-07: vulnerabilidad crítica en el visor')).toBe(true);
	});

	it('to organisations chosen by hand, with no product', async () => {
		const [notice] = await db.as(admin, ALERT, alert({ product: null, versions: [], orgs: [orgC, orgC], slug: 'alertas/rotacion-certificado-raiz-tsa' }));
		expect(notice).toMatchObject({ audience: 'chosen', organisation_ids: [orgC], recipients: 1, product_id: null });
		expect((await queued('alertas/rotacion-certificado-raiz-tsa', 'published'))[0]).toMatchObject({ recipient_user_id: contactC.id, payload: { product: null, versions: [] } });
	});

	it.each([
		['versions nobody has', alert({ versions: ['3.4'] }), 'no_affected_organisations'],
		['neither organisations nor product', alert({ product: null }), 'audience_required'],
		['an unknown organisation', alert({ orgs: ['00000000-0000-0000-0000-000000000000'] }), 'organisation_not_found'],
		['an unknown product', alert({ product: 'no-existe' }), 'product_not_found'],
		['a bad version', alert({ versions: ['cinco'] }), 'invalid_versions'],
		['a bad slug', alert({ slug: '/alertas/x/' }), 'invalid_article'],
	])('refuses %s, queueing nothing', async (_, args, code) => {
		const before = (await db.admin.query(`select count(*)::int as n from public.notifications`)).rows[0].n;
		expect(await message(agent, ALERT, args)).toBe(code);
		expect((await db.admin.query(`select count(*)::int as n from public.notifications`)).rows[0].n).toBe(before);
	});

	it('refuses an unknown severity', async () => {
		const args = alert();
		args[2] = 'urgent';
		expect(await message(agent, ALERT, args)).toBe('invalid_severity');
	});

	it('customers cannot send alerts nor read the notices; anon may not call it', async () => {
		expect(await message(coordA, ALERT, alert())).toBe('staff_only');
		expect(await db.count(coordA, 'select 1 from public.alert_notices')).toBe(0);
		expect(await db.count(agent, 'select 1 from public.alert_notices')).toBe(5);
		expect(await message(anon, ALERT, alert())).toContain(DENIED);
		expect(await message(anon, 'select * from public.alert_notices')).toContain(DENIED);
		expect(await message(agent, `insert into public.alert_notices (article_slug, state, severity, audience, organisation_ids, recipients) values ('a', 'published', 'low', 'chosen', '{}', 0)`)).toContain(DENIED);
	});
});
