// An active technical alert: the notice the lead sent a few days ago about the critical vulnerability
// in the document viewer (an alert article with no resolved date), to the organisations it concerns.
// The e-mails it queued went out then, so only the notice is written. Idempotent by article and state.
import { ORGS, STAFF } from './cast.ts';
import { DAY } from './clock.ts';
import type { Db } from './ticket-writes.ts';

export const ACTIVE_ALERT = 'alertas/vulnerabilidad-critica-visor-de-documentos';

export async function loadAlert(db: Db, now: number): Promise<number> {
	if (!(await db.query(`select 1 from public.articles where slug = $1`, [ACTIVE_ALERT])).rowCount) return 0;
	const organisations = [ORGS.sanPedro.id, ORGS.norte.id, ORGS.andina.id];
	const { rowCount } = await db.query(
		`insert into public.alert_notices (article_slug, state, severity, product_id, versions, audience, organisation_ids, recipients, sent_by, sent_at)
		select $1, 'published', 'critical', 'quetzal-docs', array['4.2', '5.0'], 'affected', $2::uuid[],
			(select count(*) from public.memberships m where m.organisation_id = any ($2::uuid[])), $3, $4
		where not exists (select 1 from public.alert_notices where article_slug = $1 and state = 'published')`,
		[ACTIVE_ALERT, organisations, STAFF.lead, new Date(now - 5 * DAY).toISOString()],
	);
	return rowCount ?? 0;
}
