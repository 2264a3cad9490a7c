// Who may download an item, and, for a reader who is not signed in, that customers' items need it.
import type { Visibility } from './catalogue.ts';
import type { DownloadLabels } from './labels.ts';

export default function VisibilityBadge({ visibility, signedIn, labels }: { visibility: Visibility; signedIn: boolean; labels: DownloadLabels }) {
	return (
		<span class="mostrador-badge" data-visibility={visibility}>
			{labels[`visibility.${visibility}` as const]}
			{!signedIn && visibility !== 'public' && ` · ${labels.signInToDownload}`}
		</span>
	);
}
