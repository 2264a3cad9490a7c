// What readers left on the articles: comments (one hidden by the moderators) and "was this helpful?"
// votes, signed-in and anonymous, on real article slugs. An article the seed no longer lists (it was
// renamed) is skipped, so a change of the docs never breaks the demo. Idempotent: a comment is
// identified by its article, author and text; votes by their natural keys.
import { createHash } from 'node:crypto';
import { ORGS, STAFF } from './cast.ts';
import { DAY, HOUR } from './clock.ts';
import type { Db } from './ticket-writes.ts';

interface Comment {
	article: string;
	author: string;
	daysAgo: number;
	body: string;
	hidden?: boolean;
}

const COMMENTS: Comment[] = [
	{ article: 'base-de-conocimiento/indice-desactualizado', author: ORGS.sanPedro.coordinator, daysAgo: 160, body: 'Nos pasó tras actualizar a 5.0.3. La reconstrucción tardó 40 minutos con 2 millones de documentos; conviene hacerla de noche.' },
	{ article: 'base-de-conocimiento/indice-desactualizado', author: ORGS.andina.contact, daysAgo: 30, body: '¿La reconstrucción bloquea las cargas mientras corre? No lo dice el artículo.' },
	{ article: 'base-de-conocimiento/indice-desactualizado', author: STAFF.agent, daysAgo: 29, body: 'No las bloquea: los documentos que se cargan durante la reconstrucción se indexan al terminar. Lo añadimos al artículo.' },
	{ article: 'guias/integracion-ldap', author: ORGS.sanPedro.contact, daysAgo: 120, body: 'Ojo con los nombres con ñ en versiones anteriores a 4.2.4: hay un problema conocido enlazado en la base de conocimiento.' },
	{ article: 'guias/integracion-ldap', author: ORGS.alcala.member, daysAgo: 70, body: 'Worked fine with our Active Directory over LDAPS. The group mapping example saved us a lot of time.' },
	{ article: 'guias/respaldos-y-restauracion', author: ORGS.norte.coordinator, daysAgo: 55, body: 'Sugerencia: añadir cómo verificar un respaldo restaurándolo en un ambiente de pruebas.' },
	{ article: 'base-de-conocimiento/cargador-csv-utf8-con-bom', author: ORGS.sanPedro.coordinator, daysAgo: 28, body: 'Con el Cargador 1.1 ya no hace falta quitar el BOM, pero cambia el formato de fecha (AAAA-MM-DD).' },
	{ article: 'alertas/vulnerabilidad-critica-visor-de-documentos', author: ORGS.norte.contact, daysAgo: 3, body: '¿El parche requiere reiniciar el servicio? Tenemos que programar la ventana con el hospital.' },
	{ article: 'alertas/vulnerabilidad-critica-visor-de-documentos', author: STAFF.lead, daysAgo: 3, body: 'Sí, requiere reiniciar qdocs-server; el reinicio tarda menos de dos minutos.' },
	{ article: 'empezar/instalacion', author: ORGS.andina.member, daysAgo: 90, body: 'The installer asks for Java 17 but the requirements page says 21. Which one is right?' },
	{ article: 'empezar/instalacion', author: ORGS.andina.contact, daysAgo: 88, body: 'Visiten mi tienda de descuentos en línea, los mejores precios.', hidden: true },
	{ article: 'preguntas-frecuentes/uso', author: ORGS.alcala.coordinator, daysAgo: 15, body: 'Muy útil la respuesta sobre los permisos por carpeta. ¿Se podría añadir cómo heredar permisos?' },
];

interface Vote {
	article: string;
	/** A person, or null for an anonymous reader. */
	user: string | null;
	helpful: boolean;
	reason?: string;
	daysAgo: number;
}

const people = Object.values(ORGS).flatMap((o) => [o.coordinator, o.contact, o.member]);
const VOTED = ['base-de-conocimiento/indice-desactualizado', 'guias/integracion-ldap', 'guias/respaldos-y-restauracion', 'base-de-conocimiento/cargador-csv-utf8-con-bom', 'empezar/instalacion', 'guias/usuarios-y-permisos'];

/** A spread of votes: mostly helpful, some not with a reason, from people and anonymous readers. */
function votes(): Vote[] {
	const out: Vote[] = [];
	VOTED.forEach((article, a) => {
		people.forEach((user, p) => {
			if ((a + p) % 3 === 0) return;
			const helpful = (a * 7 + p * 3) % 5 !== 0;
			out.push({ article, user, helpful, reason: helpful ? undefined : 'Le faltan pasos para nuestra versión.', daysAgo: 5 + ((a * 13 + p * 11) % 150) });
		});
		for (let n = 0; n < 4 + a; n++) out.push({ article, user: null, helpful: n % 4 !== 3, daysAgo: 2 + ((a * 17 + n * 23) % 170) });
	});
	return out;
}

export async function loadFeedback(db: Db, now: number): Promise<{ comments: number; votes: number }> {
	const known = new Set((await db.query<{ slug: string }>(`select slug from public.articles`)).rows.map((r) => r.slug));
	let comments = 0;
	for (const c of COMMENTS) {
		if (!known.has(c.article)) continue;
		const at = new Date(now - c.daysAgo * DAY - 3 * HOUR).toISOString();
		const { rowCount } = await db.query(
			`insert into public.article_comments (article_slug, author_id, body, created_at, hidden_at, hidden_by)
			select $1, $2, $3, $4, case when $5 then $4::timestamptz + interval '2 hours' end, case when $5 then $6::uuid end
			where not exists (select 1 from public.article_comments where article_slug = $1 and author_id = $2 and body = $3)`,
			[c.article, c.author, c.body, at, c.hidden ?? false, STAFF.lead],
		);
		comments += rowCount ?? 0;
	}
	let count = 0;
	for (const [i, v] of votes().entries()) {
		if (!known.has(v.article)) continue;
		const at = new Date(now - v.daysAgo * DAY).toISOString();
		// An anonymous reader's key is a hash the widget derives from its session; here, from the vote's place.
		const anonKey = v.user ? null : createHash('sha256').update(`demo-vote-${i}`).digest('hex');
		const { rowCount } = await db.query(
			`insert into public.article_votes (article_slug, user_id, anon_key, helpful, reason, created_at, updated_at)
			select $1, $2, $3, $4, $5, $6, $6
			where not exists (select 1 from public.article_votes where article_slug = $1 and (user_id = $2 or anon_key = $3))`,
			[v.article, v.user, anonKey, v.helpful, v.reason ?? null, at],
		);
		count += rowCount ?? 0;
	}
	return { comments, votes: count };
}
