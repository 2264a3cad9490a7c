// The knowledge-gap section (/admin/?seccion=lagunas): over the last 7, 30 or 90 days, the searches
// that found nothing, those whose results nobody opened, those followed by a ticket, the ticket
// subjects the form matched with no article (each with "write this article": the repository's
// new-file page, prefilled), the deflection rate per article and overall, and the articles most
// often voted "no me ayudó". The counts are anonymous (the intro says so).
import { useEffect, useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { newArticleUrl } from '../../../lib/new-article-url.ts';
import { fill } from '../../shared/labels.ts';
import { Loading, Unavailable } from '../../shared/states.tsx';
import { messageFor } from '../errors.ts';
import type { AdminProps } from '../props.ts';
import { TablePanel } from '../TablePanel.tsx';
import { loadGaps, PERIODS, rate, type KnowledgeGaps as Gaps, type QueryCount } from './gaps-api.ts';

export function KnowledgeGaps({ client, props }: { client: SupabaseClient; props: AdminProps }) {
	const { labels } = props;
	const [days, setDays] = useState<number>(30);
	const [gaps, setGaps] = useState<Gaps | null>(null);
	const [error, setError] = useState('');

	useEffect(() => {
		let live = true;
		setGaps(null);
		void loadGaps(client, days).then((result) => {
			if (!live) return;
			if (!result.ok) return setError(messageFor(result, labels));
			setError('');
			setGaps(result.data);
		});
		return () => {
			live = false;
		};
	}, [client, days, labels]);

	return (
		<div class="admin-section">
			<section class="admin-panel" aria-labelledby="admin-gaps-heading">
				<h2 id="admin-gaps-heading">{labels['gaps.heading']}</h2>
				<p>{labels['gaps.intro']}</p>
				<form class="mostrador-form admin-inline" onSubmit={(e) => e.preventDefault()}>
					<label for="admin-gaps-period">{labels['gaps.period']}</label>
					<select id="admin-gaps-period" value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
						{PERIODS.map((n) => (
							<option key={n} value={n}>
								{fill(labels['gaps.lastDays'], { n })}
							</option>
						))}
					</select>
				</form>
				{error && <Unavailable text={error} />}
				{!gaps && !error && <Loading text={labels.loading} live="polite" />}
				{gaps && (
					<p>
						{fill(labels['gaps.summary'], { searches: gaps.searches, shown: gaps.deflection.shown, solved: gaps.deflection.solved, rate: rate(gaps.deflection.solved, gaps.deflection.shown) })}
					</p>
				)}
			</section>
			{gaps && <Report gaps={gaps} props={props} />}
		</div>
	);
}

function Report({ gaps, props }: { gaps: Gaps; props: AdminProps }) {
	const { labels } = props;
	const today = new Date().toISOString().slice(0, 10);
	const queryColumns = [labels['gaps.col.query'], labels['gaps.col.lang'], labels['gaps.col.count'], labels['gaps.col.action']];
	const queries = (id: string, heading: string, rows: QueryCount[]) => (
		<TablePanel id={id} heading={heading} empty={rows.length ? null : labels['gaps.empty']} columns={queryColumns}>
			{rows.map((r) => (
				<tr key={`${r.lang}:${r.query}`}>
					<td>{r.query}</td>
					<td>{r.lang}</td>
					<td>{r.count}</td>
					<td>
						<a href={newArticleUrl(props.repoUrl, r.query, r.lang, today)} aria-label={fill(labels['gaps.writeLabel'], { query: r.query })}>
							{labels['gaps.write']}
						</a>
					</td>
				</tr>
			))}
		</TablePanel>
	);
	const article = (slug: string, title: string | null) => <a href={`/${slug}/`}>{title ?? slug}</a>;
	return (
		<>
			{queries('admin-gaps-no-result', labels['gaps.noResult'], gaps.no_result)}
			{queries('admin-gaps-unmatched', labels['gaps.unmatched'], gaps.unmatched_tickets)}
			{queries('admin-gaps-ticket', labels['gaps.followedByTicket'], gaps.followed_by_ticket)}
			{queries('admin-gaps-no-click', labels['gaps.noClick'], gaps.no_click)}
			<TablePanel
				id="admin-gaps-deflection"
				heading={labels['gaps.deflection']}
				empty={gaps.deflection.articles.length ? null : labels['gaps.empty']}
				columns={[labels['gaps.col.article'], labels['gaps.col.shown'], labels['gaps.col.solved'], labels['gaps.col.rate']]}
			>
				{gaps.deflection.articles.map((a) => (
					<tr key={a.slug}>
						<td>{article(a.slug, a.title)}</td>
						<td>{a.shown}</td>
						<td>{a.solved}</td>
						<td>{rate(a.solved, a.shown)}</td>
					</tr>
				))}
			</TablePanel>
			<TablePanel
				id="admin-gaps-not-helpful"
				heading={labels['gaps.notHelpful']}
				empty={gaps.not_helpful.length ? null : labels['gaps.empty']}
				columns={[labels['gaps.col.article'], labels['gaps.col.notHelpful'], labels['gaps.col.helpful']]}
			>
				{gaps.not_helpful.map((a) => (
					<tr key={a.slug}>
						<td>{article(a.slug, a.title)}</td>
						<td>{a.not_helpful}</td>
						<td>{a.helpful}</td>
					</tr>
				))}
			</TablePanel>
		</>
	);
}
