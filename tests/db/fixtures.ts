// A small world for security tests: two customer organisations with their people, support staff,
// a ticket of A with a public reply, an internal note and attachments of both kinds, a problem, a
// comment, and downloads of each visibility with their files.
import type { Actor, TestDb } from './harness.ts';
import { service } from './harness.ts';

export interface World {
	memberA: Actor & { id: string };
	contactA: Actor & { id: string };
	coordA: Actor & { id: string };
	memberB: Actor & { id: string };
	contactB: Actor & { id: string };
	agent: Actor & { id: string };
	lead: Actor & { id: string };
	admin: Actor & { id: string };
	orgA: string;
	orgB: string;
	ticketA: string;
	ticketB: string;
	problem: string;
	items: { public: string; members: string; contract: string };
	versions: { public: string; members: string; contract: string };
}

export async function createOrganisation(
	db: TestDb,
	name: string,
	plan = 'estandar',
	programme = 'estandar-extendido',
	contractStart = '2026-01-01',
	contractEnd: string | null = null,
): Promise<string> {
	const { rows } = await db.admin.query(
		`insert into public.organisations (name, programme_id, plan_id, contract_start, contract_end, timezone) values ($1, $2, $3, $4, $5, 'America/Mexico_City') returning id`,
		[name, programme, plan, contractStart, contractEnd],
	);
	return rows[0].id;
}

export async function addMember(db: TestDb, org: string, user: string, role = 'member') {
	await db.admin.query('insert into public.memberships (organisation_id, user_id, role) values ($1, $2, $3)', [org, user, role]);
}

export async function addStaff(db: TestDb, user: string, role: string, level = 1) {
	await db.admin.query('insert into public.staff (user_id, role, level) values ($1, $2, $3)', [user, role, level]);
}

/** A new user, optionally a member of `org` with `role`, optionally support staff with `staff` role. */
export async function createPerson(db: TestDb, org: string | null, role = 'member', staff?: string, locale = 'es'): Promise<Actor & { id: string }> {
	const u = await db.user(undefined, { locale });
	if (org) await addMember(db, org, u.id, role);
	if (staff) await addStaff(db, u.id, staff);
	return u;
}

export function ticketPayload(org: string, requester: string, extra: Record<string, unknown> = {}) {
	return {
		organisation_id: org,
		requester_id: requester,
		severity: 'P3',
		subject: 'La búsqueda no encuentra documentos',
		description: 'Desde la actualización a 5.1 la búsqueda no devuelve documentos nuevos.',
		environment: 'production',
		product_id: 'quetzal-docs',
		version: '5.1',
		first_response_due_at: '2026-11-23T18:00:00Z',
		...extra,
	};
}

export async function createTicket(db: TestDb, org: string, requester: string, extra: Record<string, unknown> = {}): Promise<string> {
	const [row] = await db.as(service, 'select (public.create_ticket($1)).id', [JSON.stringify(ticketPayload(org, requester, extra))]);
	return row.id;
}

export async function createWorld(db: TestDb): Promise<World> {
	const [memberA, contactA, coordA, memberB, contactB, agent, lead, admin] = await Promise.all(
		['member.a', 'contact.a', 'coord.a', 'member.b', 'contact.b', 'agent', 'lead', 'admin'].map((n) => db.user(`${n}@example.com`)),
	);
	const orgA = await createOrganisation(db, 'Organización A');
	const orgB = await createOrganisation(db, 'Organización B', 'extendido');
	await addMember(db, orgA, memberA.id);
	await addMember(db, orgA, contactA.id, 'authorized_contact');
	await addMember(db, orgA, coordA.id, 'coordinator');
	await addMember(db, orgB, memberB.id);
	await addMember(db, orgB, contactB.id, 'authorized_contact');
	await addStaff(db, agent.id, 'agent');
	await addStaff(db, lead.id, 'lead', 2);
	await addStaff(db, admin.id, 'admin', 2);

	// Attachments are objects the requester uploaded; Storage records their size and type.
	await uploadAttachment(db, `${orgA}/t/captura.png`, contactA.id, 'image/png', 1000);
	const ticketA = await createTicket(db, orgA, contactA.id, {
		attachments: [{ storage_path: `${orgA}/t/captura.png`, file_name: 'captura.png', mime_type: 'image/png', size_bytes: 1000 }],
	});
	const ticketB = await createTicket(db, orgB, contactB.id);
	await db.as(agent, `select public.reply_to_ticket($1, 'Hola, lo revisamos.')`, [ticketA]);
	await db.as(agent, `select public.reply_to_ticket($1, 'Parece el índice; revisar con nivel 2.', true)`, [ticketA]);
	const [p] = await db.as(agent, `select (public.create_problem('Índice desactualizado tras 5.1')).id`);
	await db.as(agent, 'select public.link_problem($1, $2)', [ticketA, p.id]);
	await db.as(agent, 'select public.assign_ticket($1, $2)', [ticketA, agent.id]);
	await db.admin.query(
		`insert into public.ticket_attachments (ticket_id, storage_path, file_name, mime_type, size_bytes, visibility, uploaded_by)
		values ($1, $2, 'registro.txt', 'text/plain', 10, 'internal', $3)`,
		[ticketA, `${orgA}/internal/t/registro.txt`, agent.id],
	);
	await db.admin.query(
		`insert into storage.objects (bucket_id, name, owner) values ('attachments', $1, $2)`,
		[`${orgA}/internal/t/registro.txt`, agent.id],
	);

	const items = { public: '', members: '', contract: '' };
	const versions = { public: '', members: '', contract: '' };
	for (const visibility of ['public', 'members', 'contract'] as const) {
		const { rows } = await db.admin.query(`insert into public.download_items (slug, name, kind, visibility, product_id) values ($1, $1, 'software', $2, 'quetzal-docs') returning id`, [`item-${visibility}`, visibility]);
		items[visibility] = rows[0].id;
		const [v] = await db.as(admin, `select (public.publish_download_version($1, '1.0', 'Primera', $2, $3, 10)).id`, [rows[0].id, `${rows[0].id}/setup-1.0.zip`, 'a'.repeat(64)]);
		versions[visibility] = v.id;
		await db.admin.query(`insert into storage.objects (bucket_id, name) values ('downloads', $1)`, [`${rows[0].id}/setup-1.0.zip`]);
	}
	return { memberA, contactA, coordA, memberB, contactB, agent, lead, admin, orgA, orgB, ticketA, ticketB, problem: p.id, items, versions };
}

/** Articles the tests comment on, vote for or deflect with, beyond those the seed lists from content/docs. */
export async function publishArticles(db: TestDb, slugs: string[]): Promise<void> {
	await db.admin.query(`insert into public.articles (slug, title, lang) select s, s, 'es' from unnest($1::text[]) s on conflict do nothing`, [slugs]);
}

export const range = (n: number, name: (i: number) => string) => Array.from({ length: n }, (_, i) => name(i));

/** An object in the attachments bucket as Storage leaves it after `owner` uploaded it: owner and owner_id, size and type. */
export async function uploadAttachment(db: TestDb, path: string, owner: string, mimetype = 'image/png', size = 2048): Promise<string> {
	await db.admin.query(`insert into storage.objects (bucket_id, name, owner, owner_id, metadata) values ('attachments', $1, $2, $3, $4)`, [
		path,
		owner,
		owner,
		JSON.stringify({ mimetype, size }),
	]);
	return path;
}
