// The known problems the demo tickets link to, created by the lead on their day; idempotent by title.
import { STAFF } from './cast.ts';
import { DAY } from './clock.ts';
import type { ProblemStory } from './story.ts';
import type { Db } from './ticket-writes.ts';

export async function loadProblems(db: Db, problems: ProblemStory[], now: number): Promise<Map<string, string>> {
	const ids = new Map<string, string>();
	for (const p of problems) {
		const found = await db.query<{ id: string }>(`select id from public.problems where title = $1`, [p.title]);
		if (found.rows[0]) {
			ids.set(p.key, found.rows[0].id);
			continue;
		}
		const created = new Date(now - p.daysAgo * DAY).toISOString();
		const resolved = p.status === 'resolved' ? new Date(now - (p.resolvedDaysAgo ?? 0) * DAY).toISOString() : null;
		const { rows } = await db.query<{ id: string }>(
			`insert into public.problems (title, description, status, kb_article, created_by, created_at, resolved_at) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
			[p.title, p.description, p.status, p.kbArticle ?? null, STAFF.lead, created, resolved],
		);
		ids.set(p.key, rows[0].id);
	}
	return ids;
}
