// The month's documentation and download updates: technical alerts published, resolved or updated,
// new and updated articles (linked, in the page's language), and new versions to download.
import { localePath } from '../shared/use-session.ts';
import type { PublishedVersion } from '#shared/reports/activity.ts';
import type { ArticleChange, ContentChanges, Title } from '#shared/reports/content-changes.ts';
import type { ReportLabels } from './labels.ts';
import ReportTable from './ReportTable.tsx';

interface Props {
	labels: ReportLabels;
	lang: 'es' | 'en';
	changes: ContentChanges | null;
	downloads: PublishedVersion[];
	timeZone: string;
}

const SUPPORT: Record<string, 'supportCurrent' | 'supportSupported' | 'supportRetiring' | 'supportEndOfLife'> = {
	current: 'supportCurrent',
	supported: 'supportSupported',
	retiring: 'supportRetiring',
	'end-of-life': 'supportEndOfLife',
};
const ALERT_STATE = { published: 'alertPublished', resolved: 'alertResolved', updated: 'alertUpdated' } as const;
const ALERT_SEVERITY: Record<string, 'alertCritical' | 'alertHigh' | 'alertMedium' | 'alertLow'> = {
	critical: 'alertCritical',
	high: 'alertHigh',
	medium: 'alertMedium',
	low: 'alertLow',
};

export default function ChangesSection({ labels, lang, changes, downloads, timeZone }: Props) {
	const title = (t: Title) => (lang === 'en' ? (t.en ?? t.es) : t.es);
	const href = (slug: string) => localePath(`/${slug}/`, lang);
	const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
	const date = (d: string) => day.format(new Date(`${d}T00:00:00Z`));
	const articles = (id: string, heading: string, list: ArticleChange[]) => (
		<>
			<h4 id={id}>
				{heading} ({list.length})
			</h4>
			{list.length ? (
				<ul aria-labelledby={id}>
					{list.map((a) => (
						<li key={a.slug}>
							<a href={href(a.slug)}>{title(a.title)}</a> ({date(a.date)})
						</li>
					))}
				</ul>
			) : (
				<p>{labels.none}</p>
			)}
		</>
	);
	const published = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone });
	return (
		<>
			<section class="report-docs" aria-labelledby="report-docs">
				<h3 id="report-docs">{labels.documentation}</h3>
				{!changes ? (
					<p class="mostrador-status">{labels.docsUnavailable}</p>
				) : (
					<>
						<h4 id="report-alerts">
							{labels.alerts} ({changes.alerts.length})
						</h4>
						{changes.alerts.length ? (
							<ul aria-labelledby="report-alerts">
								{changes.alerts.map((a) => (
									<li key={a.slug}>
										<a href={href(a.slug)}>{title(a.title)}</a> ({labels[ALERT_SEVERITY[a.severity] ?? 'alertMedium']}, {labels[ALERT_STATE[a.state]]}{' '}
										{date(a.date)})
									</li>
								))}
							</ul>
						) : (
							<p>{labels.none}</p>
						)}
						{articles('report-new', labels.newArticles, changes.new_articles)}
						{articles('report-updated', labels.updatedArticles, changes.updated_articles)}
					</>
				)}
			</section>
			<section class="report-downloads" aria-labelledby="report-downloads">
				<h3 id="report-downloads">
					{labels.downloads} ({downloads.length})
				</h3>
				<ReportTable
					labelledBy="report-downloads"
					columns={[labels.download, labels.version, labels.supportStatus, labels.publishedAt]}
					rows={downloads}
					rowKey={(d) => `${d.item}@${d.version}`}
					cells={(d) => [
						d.name,
						d.version,
						SUPPORT[d.support_status] ? labels[SUPPORT[d.support_status]] : d.support_status,
						published.format(new Date(d.published_at)),
					]}
					none={labels.none}
				/>
			</section>
		</>
	);
}
