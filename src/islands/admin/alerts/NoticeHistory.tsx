// The alert notices sent so far, newest first: which alert, published or resolved, to whom.
import { fill } from '../../shared/labels.ts';
import type { AdminProps } from '../props.ts';
import type { AlertNotice } from './alerts-api.ts';

export function NoticeHistory({ notices, props }: { notices: AlertNotice[]; props: AdminProps }) {
	const { labels, lang } = props;
	const title = (slug: string) => props.alerts.find((a) => a.slug === slug)?.title ?? slug;
	const when = (at: string) => new Date(at).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
	return (
		<section class="admin-panel" aria-labelledby="admin-notices-heading">
			<h2 id="admin-notices-heading">{labels['alerts.historyHeading']}</h2>
			{notices.length === 0 ? (
				<p>{labels['alerts.historyEmpty']}</p>
			) : (
				<ul class="admin-list">
					{notices.map((n) => (
						<li key={n.id}>
							<strong>{title(n.article_slug)}</strong> — {labels[n.state === 'resolved' ? 'alerts.stateResolved' : 'alerts.statePublished']}
							<br />
							<span class="admin-meta">
								{when(n.sent_at)} ·{' '}
								{fill(labels[n.audience === 'chosen' ? 'alerts.historyChosen' : 'alerts.historyAffected'], { organisations: n.organisation_ids.length, people: n.recipients })}
							</span>
						</li>
					))}
				</ul>
			)}
		</section>
	);
}
